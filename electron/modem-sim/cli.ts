// `npm run modem-sim -- --link /tmp/ttyGSM0 --profile huawei [--delay 3000] [--pin 1234] [--imei N]`
// A demo modem for the app: nothing is ever sent to a real network.
import { parseArgs } from 'node:util';
import { ModemSimulator } from './modem-simulator.ts';
import type { ModemSimulatorOptions, SubmitRecord } from './modem-simulator.ts';
import type { PortRole } from './port-roles.ts';
import { PROFILE_NAMES } from './profiles.ts';
import type { ProfileName } from './profiles.ts';

const USAGE = `Usage: npm run modem-sim -- [options]

A simulated GSM modem on a pseudo-terminal. Point Ujumbe at the --link path.
It sends nothing real: every SMS is only printed here (number masked).

Options:
  --link <path>        device path to create (default /tmp/ttyGSM0)
  --profile <name>     ${PROFILE_NAMES.join(' | ')} (default generic)
  --delay <ms>         network delay per SMS part (default 0)
  --pin <pin>          the SIM asks for this PIN
  --registration <n>   +CREG <stat> (default 1: registered)
  --signal <csq>       +CSQ <rssi> 0..31 (default 20)
  --imei <15 digits>   the modem's IMEI (+CGSN); give each simulated modem its own
                       (default 356938035643809)
  --pdu-mode on|off    off: a modem without PDU mode (AT+CMGF=0 is ERROR, text mode
                       only) (default on)
  --port-role <role>   modem | diagnostic (AT and identity answer, SMS commands are
                       ERROR) | not-a-modem (garbage to every line) (default modem);
                       a diagnostic port of another modem takes that modem's --imei
  --help               this text
`;

const PORT_ROLES: readonly PortRole[] = ['modem', 'diagnostic', 'not-a-modem'];

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} wants a whole number, got "${value}"`);
  return parsed;
}

/** An IMEI is 15 digits (3GPP TS 23.003 §6.2.1: TAC, serial number, check digit). */
function imeiOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{15}$/.test(value)) fail(`--imei wants the 15 digits of an IMEI, got "${value}"`);
  return value;
}

function pduModeOption(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'on' && value !== 'off') fail(`--pdu-mode wants on or off, got "${value}"`);
  return value === 'on';
}

function portRoleOption(value: string | undefined): PortRole | undefined {
  if (value === undefined) return undefined;
  if (!(PORT_ROLES as readonly string[]).includes(value)) fail(`--port-role wants ${PORT_ROLES.join(', ')}; got "${value}"`);
  return value as PortRole;
}

/** "+254712345678" -> "+*********678": patient numbers stay off the screen (docs/ARCHITECTURE.md "Invariants"). */
export function maskNumber(number: string): string {
  const digits = number.replace(/[^0-9]/g, '').length;
  let seen = 0;
  return number.replace(/[0-9]/g, (digit) => (++seen > digits - 3 ? digit : '*'));
}

function describeSubmit(record: SubmitRecord): string {
  const { decoded } = record;
  const part = decoded.concat === null ? '' : `, part ${decoded.concat.part}/${decoded.concat.total}`;
  const report = decoded.statusReportRequested ? ', status report requested' : '';
  return `SUBMIT mr=${record.reference} to ${maskNumber(decoded.recipient)}: ${[...decoded.text].length} chars ${decoded.encoding}${part}${report}`;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        link: { type: 'string', default: '/tmp/ttyGSM0' },
        profile: { type: 'string', default: 'generic' },
        delay: { type: 'string' },
        pin: { type: 'string' },
        registration: { type: 'string' },
        signal: { type: 'string' },
        imei: { type: 'string' },
        'pdu-mode': { type: 'string' },
        'port-role': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const profile = values.profile as ProfileName;
  if (!PROFILE_NAMES.includes(profile)) fail(`Unknown profile "${values.profile}"`);

  const imei = imeiOption(values.imei);
  const pduMode = pduModeOption(values['pdu-mode']);
  const portRole = portRoleOption(values['port-role']);
  const options: ModemSimulatorOptions = {
    link: values.link,
    profile,
    networkDelayMs: integer(values.delay, 'delay') ?? 0,
    pin: values.pin ?? null,
    registration: integer(values.registration, 'registration'),
    signalCsq: integer(values.signal, 'signal'),
    ...(imei === undefined ? {} : { imei }),
    ...(pduMode === undefined ? {} : { pduMode }),
    ...(portRole === undefined ? {} : { portRole }),
  };
  const sim = await ModemSimulator.start(options);
  // What differs from a default modem, after the profile: "[huawei, IMEI 356938035643810, diagnostic port]".
  const traits = [
    profile,
    ...(imei === undefined ? [] : [`IMEI ${imei}`]),
    ...(pduMode === false ? ['no PDU mode'] : []),
    ...(portRole === undefined || portRole === 'modem' ? [] : [portRole === 'diagnostic' ? 'diagnostic port' : 'not a modem']),
  ];
  process.stdout.write(`Modem simulator (sends nothing real) at ${sim.path} [${traits.join(', ')}]\n`);
  sim.on('submit', (record) => process.stdout.write(`${describeSubmit(record)}\n`));
  sim.on('reject', (rejection) => process.stdout.write(`REJECTED +CMS ERROR: ${rejection.code} (${rejection.reason})\n`));

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.stop().then(() => {
      process.stdout.write('Modem simulator stopped.\n');
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Keep running until a signal: the serial port keeps the event loop alive.
}

main().catch((error: unknown) => {
  process.stderr.write(`modem-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
