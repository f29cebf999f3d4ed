/**
 * `ujumbe doctor`: the field check on this computer (electron/backend/doctor): serial ports,
 * permissions and groups, ModemManager and other programs holding a port, and each modem's SIM
 * and network. One finding per line with its fix; --json prints the report.
 *
 * It never opens a port a running Ujumbe holds: when `ujumbe serve` (or the desktop app) runs
 * for the default data folder, no port is opened at all (its HTTP API has no route for its
 * gateways' ports yet) and the user is sent to the panel's check.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DoctorReportDto } from '../../src-shared/contract/dto.ts';
import { finding, usableModems } from '../backend/doctor/findings.ts';
import { runDoctor } from '../backend/doctor/run-doctor.ts';
import { defaultModemSearch, modemSearchFromEnv } from '../backend/gateways/modem/discovery/port-search.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { findRunningHost } from '../headless/api-client.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';
import { describeReport, summaryWords } from './doctor-words.ts';

const HELP = `Usage: ujumbe doctor [--json]

Check this computer for what stops a USB GSM modem from working: which serial ports there are,
whether you may use them (the dialout group on Linux), whether ModemManager or another program
holds them, and for each modem its SIM card (PIN, PUK, missing) and network. Each finding comes
with what to do. Ports are only looked at, never configured.

  --json   print the report: { "platform", "findings": [{ "code", "severity", "path", "values" }] }

The ports looked at are the system's list plus the search patterns (UJUMBE_MODEM_SEARCH, e.g.
"/dev/ttyUSB*:/tmp/ttyGSM*", replaces them for one run). While Ujumbe runs it holds its modems:
then no port is opened and you are sent to the check in its Gateways panel.

Exit status: 0 if a modem is ready to use, 1 if none is, 2 for bad input.`;

/** The rule file in a checkout (the packaged app has it under resources/udev, docs/PACKAGING.md). */
function checkoutUdevRule(): string | null {
  const path = fileURLToPath(new URL('../packaging/linux/60-ujumbe-modems.rules', import.meta.url));
  return existsSync(path) ? path : null;
}

function parse(argv: string[]): { json: boolean } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return { json: values.json };
  } catch (err) {
    // parseArgs reports unknown options with a code, as a TypeError.
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(err.message);
    throw err;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { json } = parse(argv);
  const patterns = modemSearchFromEnv(process.env) ?? defaultModemSearch();
  const host = await findRunningHost(resolveDataDir(null));
  let report: DoctorReportDto;
  let hostRunning = 0;
  if (host) {
    const health = await host.health().catch(() => null);
    hostRunning = health?.running ?? 0;
    report = await runDoctor({ patterns, probe: false, appPids: [host.info.pid], udevRuleSource: checkoutUdevRule() });
    report.findings.unshift(finding('host-running', null, { pid: host.info.pid, url: host.info.url, running: hostRunning, gateways: health?.gateways ?? 0 }));
  } else {
    report = await runDoctor({ patterns, udevRuleSource: checkoutUdevRule() });
  }
  // With a host running, its gateways say whether a modem works; the ports it holds were not looked at.
  const usable = host ? [] : usableModems(report);
  if (json) io.out(JSON.stringify(report));
  else for (const line of [...describeReport(report), summaryWords(usable, host ? hostRunning : null)]) io.out(line);
  return usable.length > 0 || hostRunning > 0 ? EXIT_OK : EXIT_FAILURE;
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check this computer for what stops a modem from working, with the fix for each',
  help: HELP,
  run,
};
