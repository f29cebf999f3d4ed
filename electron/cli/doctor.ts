/**
 * `ujumbe doctor`: the field check on this computer (electron/backend/doctor): serial ports,
 * permissions and groups, ModemManager and other programs holding a port, and each modem's SIM
 * and network. One finding per line with its fix; --json prints the report.
 *
 * It never opens a port a running Ujumbe holds. When `ujumbe serve` (or the desktop app) runs for
 * the data folder (--data-dir, else the user-data folder), no port is opened at all: its
 * gateways' ports, SIM and network come from its HTTP API (GET /api/v1/gateways), and the user is
 * sent to the panel's check for the rest. A Ujumbe of another data folder holding a port is
 * recognised in /proc (proc-scan.ts), never reported as a program to close.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DoctorReportDto } from '../../src-shared/contract/dto.ts';
import { REGISTRATION_CODES, type RegistrationCode, SIM_STATE_CODES, type SimStateCode } from '../../src-shared/model.ts';
import { databaseFinding } from '../backend/doctor/database-finding.ts';
import { finding, usableModems } from '../backend/doctor/findings.ts';
import { type HeldPortState, runDoctor } from '../backend/doctor/run-doctor.ts';
import { defaultModemSearch, modemSearchFromEnv } from '../backend/gateways/modem/discovery/port-search.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { findRunningHost, type HeadlessApiClient } from '../headless/api-client.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';
import { damagedSummaryWords, describeReport, summaryWords, ujumbeHeldPorts } from './doctor-words.ts';

const HELP = `Usage: ujumbe doctor [--json] [--data-dir DIR]

Check this computer for what stops a USB GSM modem from working: which serial ports there are,
whether you may use them (the dialout group on Linux), whether ModemManager or another program
holds them, and for each modem its SIM card (PIN, PUK, missing) and network. Each finding comes
with what to do. Ports are only looked at, never configured.

  --json             print the report: { "platform", "patterns", "findings": [{ "code",
                     "severity", "path", "values" }] }; a value that is not known is left out
  --data-dir DIR     the data folder of the Ujumbe to look for (default: the user-data folder),
                     as given to \`ujumbe serve --data-dir\`

The ports looked at are the system's list plus the search patterns (UJUMBE_MODEM_SEARCH, e.g.
"/dev/ttyUSB*:/tmp/ttyGSM*", replaces them for one run). While Ujumbe runs for the data folder it
holds its modems: then no port is opened, its modems' SIM and network are what it reports, and
you are sent to the check in its Gateways panel. A port another Ujumbe holds is named as such.

The data folder's database is checked too, as at every start (read only: nothing is changed).

Exit status: 0 if a modem is ready to use, 1 if none is or the database is damaged, 2 for bad input.`;

/** The rule file in a checkout (the packaged app has it under resources/udev, docs/PACKAGING.md). */
function checkoutUdevRule(): string | null {
  const path = fileURLToPath(new URL('../packaging/linux/60-ujumbe-modems.rules', import.meta.url));
  return existsSync(path) ? path : null;
}

function parse(argv: string[]): { json: boolean; dataDir: string | null } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values['data-dir'] === '') throw new UsageError('--data-dir names no folder');
    return { json: values.json, dataDir: values['data-dir'] ?? null };
  } catch (err) {
    // parseArgs reports unknown options with a code, as a TypeError.
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(err.message);
    throw err;
  }
}

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null => (typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The ports the running host's modem gateways hold, with what each knows of its SIM and network
 * (GET /api/v1/gateways; the same gateways gateways.doctor passes in the panel). A gateway that
 * is stopped or disconnected holds no port. Empty when the host does not answer.
 */
async function heldByHost(host: HeadlessApiClient): Promise<HeldPortState[]> {
  let items: unknown;
  try {
    const response = await fetch(new URL('api/v1/gateways', host.info.url), {
      headers: { Authorization: `Bearer ${host.info.token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    });
    if (!response.ok) return [];
    items = ((await response.json()) as { items?: unknown }).items;
  } catch {
    return [];
  }
  if (!Array.isArray(items)) return [];
  const held: HeldPortState[] = [];
  for (const item of items as Array<Record<string, unknown> | null>) {
    if (item === null || typeof item !== 'object' || item.kind !== 'modem' || item.state === 'stopped' || item.state === 'disconnected') continue;
    const detail = (typeof item.detail === 'object' && item.detail !== null ? item.detail : {}) as Record<string, unknown>;
    const path = stringOrNull(detail.port);
    if (path === null || typeof item.id !== 'string') continue;
    held.push({
      path,
      gatewayId: item.id,
      imei: stringOrNull(detail.imei),
      model: stringOrNull(detail.model),
      sim: oneOf<SimStateCode>(SIM_STATE_CODES, detail.sim),
      registration: oneOf<RegistrationCode>(REGISTRATION_CODES, detail.registration),
      signalBars: numberOrNull(detail.signalBars),
      signalDbm: numberOrNull(detail.signalDbm),
    });
  }
  return held;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { json, dataDir } = parse(argv);
  const patterns = modemSearchFromEnv(process.env) ?? defaultModemSearch();
  const host = await findRunningHost(resolveDataDir(dataDir));
  let report: DoctorReportDto;
  let hostRunning = 0;
  if (host) {
    const [health, held] = await Promise.all([host.health().catch(() => null), heldByHost(host)]);
    hostRunning = health?.running ?? 0;
    report = await runDoctor({ patterns, probe: false, held, appPids: [host.info.pid], udevRuleSource: checkoutUdevRule() });
    report.findings.unshift(finding('host-running', null, { pid: host.info.pid, url: host.info.url, running: health?.running ?? null, gateways: health?.gateways ?? null }));
  } else {
    report = await runDoctor({ patterns, udevRuleSource: checkoutUdevRule() });
  }
  // The database last: the same check a start makes, read-only (a running host's file included).
  const database = databaseFinding(resolveDataDir(dataDir));
  if (database) report.findings.push(database);
  // With a host running, its gateways say whether a modem works; the ports it holds were not looked at.
  const usable = host ? [] : usableModems(report);
  // Finding values are strings or numbers, so no-candidates carries the patterns joined; the JSON has them as a list too.
  if (json) io.out(JSON.stringify({ platform: report.platform, patterns, findings: report.findings }));
  else {
    // A damaged database is the last word: "Ready" beside it would not be true (Ujumbe will not start).
    const last = database?.code === 'database-damaged' ? damagedSummaryWords(dataDir) : summaryWords(usable, host ? hostRunning : null, ujumbeHeldPorts(report));
    for (const line of [...describeReport(report), last]) io.out(line);
  }
  if (database?.code === 'database-damaged') return EXIT_FAILURE;
  return usable.length > 0 || hostRunning > 0 ? EXIT_OK : EXIT_FAILURE;
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check this computer for what stops a modem from working, with the fix for each',
  help: HELP,
  run,
};
