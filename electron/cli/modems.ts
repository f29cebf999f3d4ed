/**
 * `ujumbe modems`: the serial ports found, and for each that answers AT, who the modem is and
 * how its SIM, network and signal are. serialport's list never shows pseudo-terminals and on
 * some systems lists plain UARTs without USB details, so ports are probed only when they look
 * like USB devices or are named with --port: writing "AT" into an unknown serial device (a
 * printer, a scale) is not ours to do.
 */
import { parseArgs } from 'node:util';
import { probeModem, type ModemProbeResult } from '../backend/gateways/modem/modem-probe.ts';
import { simStateWords } from '../backend/gateways/modem/signal.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe modems [--port PATH ...] [--json]

List serial ports and, for each one that answers AT, the modem's manufacturer, model, IMEI,
SIM state, operator and signal. USB serial ports are probed; other ports only when named.

  --port PATH   also probe this port (repeatable), e.g. /dev/ttyUSB2, COM4, /tmp/ttyGSM0
  --json        print [{ "path", "answers", "problem", "manufacturer", "model", "imei", ... }]

Exit status: 0 if at least one modem answered, 1 if none did, 2 for bad input.`;

interface PortRow {
  path: string;
  probed: boolean;
  note: string | null;
  probe: ModemProbeResult | null;
}

async function listedPorts(): Promise<Array<{ path: string; usb: boolean; label: string | null }>> {
  const { SerialPort } = await import('serialport');
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    usb: Boolean(p.vendorId),
    label: [p.manufacturer, p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null].filter(Boolean).join(' ') || null,
  }));
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { port: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; name ports with --port PATH`);

  const rows: PortRow[] = [];
  let ports: Awaited<ReturnType<typeof listedPorts>> = [];
  try {
    ports = await listedPorts();
  } catch (err) {
    // On Linux serialport asks udevadm; a container or a minimal system may lack it.
    io.err(`Could not list serial ports (${err instanceof Error ? err.message : String(err)}); probing only the ports named with --port.`);
  }
  for (const port of ports) {
    if (values.port.includes(port.path)) continue;
    rows.push({ path: port.path, probed: port.usb, note: port.usb ? port.label : 'not probed: no USB details (name it with --port to probe it)', probe: null });
  }
  for (const path of values.port) rows.push({ path, probed: true, note: null, probe: null });
  // One port at a time: several probes at once would share nothing but would interleave output.
  for (const row of rows) if (row.probed) row.probe = await probeModem(row.path);

  if (values.json) {
    io.out(JSON.stringify(rows.map(toJson)));
  } else if (rows.length === 0) {
    io.out('No serial ports found. Plug in a USB GSM modem, or name a port with --port PATH.');
  } else {
    for (const row of rows) io.out(describe(row));
  }
  return rows.some((r) => r.probe?.answers) ? EXIT_OK : EXIT_FAILURE;
}

function toJson(row: PortRow) {
  const p = row.probe;
  return {
    path: row.path,
    probed: row.probed,
    answers: p?.answers ?? false,
    problem: p?.problem ?? (row.probed ? null : row.note),
    manufacturer: p?.identity?.manufacturer ?? null,
    model: p?.identity?.model ?? null,
    revision: p?.identity?.revision ?? null,
    imei: p?.identity?.imei ?? null,
    imsi: p?.identity?.imsi ?? null,
    simState: p?.simState ?? null,
    operator: p?.operator ?? null,
    registration: p?.registration?.words ?? null,
    signal: p?.signal ? { csq: p.signal.csq, dBm: p.signal.dBm, bars: p.signal.bars } : null,
  };
}

function describe(row: PortRow): string {
  const p = row.probe;
  if (!p) return `${row.path}  ${row.note ?? 'not probed'}`;
  if (!p.answers) return `${row.path}  no modem: ${p.problem}`;
  const id = p.identity;
  const signal = p.signal ? (p.signal.dBm === null ? 'no signal reading' : `signal ${p.signal.bars}/5 (${p.signal.dBm} dBm)`) : 'signal unknown';
  return [
    `${row.path}  ${[id?.manufacturer, id?.model].filter(Boolean).join(' ') || 'modem'}${id?.revision ? ` (firmware ${id.revision})` : ''}`,
    `  IMEI ${id?.imei ?? 'unknown'}`,
    `  SIM: ${p.simState ? simStateWords(p.simState) : 'unknown'}`,
    `  network: ${p.operator ?? 'no operator'}, ${p.registration?.words ?? 'registration unknown'}; ${signal}`,
  ].join('\n');
}

export const modemsCommand: CliCommand = {
  name: 'modems',
  summary: 'list serial ports and the modems that answer on them',
  help: HELP,
  run,
};
