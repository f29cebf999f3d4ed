/**
 * `ujumbe pdu`: build SMS-SUBMIT PDUs and read any PDU a modem prints, with the same codec the
 * modem gateway uses (src-shared/sms). Handy at the bench with a terminal on the modem.
 */
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, EXIT_OK, UsageError } from './command.ts';
import {
  bytesToHex,
  type DecodedPdu,
  decodePdu,
  encodeSubmit,
  SmsEncodeError,
} from '../../src-shared/sms/index.ts';

const HELP = `Usage:
  ujumbe pdu encode --to NUMBER --text TEXT [--report] [--smsc NUMBER] [--flash] [--json]
  ujumbe pdu decode HEX [--json] [--no-smsc]

encode  Build the SMS-SUBMIT PDU(s) for a text, one line per part: "<tpdu-length> <hex>",
        ready for AT+CMGS=<tpdu-length> then <hex>. Long texts are split into parts.
  --to NUMBER     recipient: +254712345678 (international) or digits as dialled (0712345678)
  --text TEXT     the message; GSM 7-bit when every character fits, else UCS-2
  --report        ask the network for a delivery report
  --smsc NUMBER   put this SMSC in the PDU (default: "00", the SIM's SMSC)
  --flash         class 0 "flash" message
  --json          print [{ "length", "pdu" }, ...]

decode  Read an SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT PDU as +CMGL/+CMGR/+CMT/+CDS print it.
  --no-smsc       the hex is a bare TPDU with no SMSC field in front
  --json          print the decoded fields as JSON`;

function runEncode(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      to: { type: 'string' },
      text: { type: 'string' },
      report: { type: 'boolean', default: false },
      smsc: { type: 'string' },
      flash: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.to === undefined) throw new UsageError('encode needs --to NUMBER');
  if (values.text === undefined) throw new UsageError('encode needs --text TEXT');
  let parts;
  try {
    parts = encodeSubmit({
      to: values.to,
      text: values.text,
      statusReport: values.report,
      flash: values.flash,
      ...(values.smsc !== undefined ? { smsc: values.smsc } : {}),
    });
  } catch (err) {
    // Input the encoder refuses is a usage problem of this command line: --to, --smsc, --text.
    if (err instanceof SmsEncodeError) throw new UsageError(`--${err.message}`);
    throw err;
  }
  if (values.json) {
    io.out(JSON.stringify(parts.map((p) => ({ length: p.tpduLength, pdu: p.pdu }))));
  } else {
    for (const part of parts) io.out(`${part.tpduLength} ${part.pdu}`);
  }
  return EXIT_OK;
}

/** The fields the JSON output promises, plus the rest of the decoded PDU. */
function toJson(pdu: DecodedPdu): Record<string, unknown> {
  const concat = 'concat' in pdu && pdu.concat ? { ref: pdu.concat.ref, part: pdu.concat.part, total: pdu.concat.total, refBits: pdu.concat.refBits } : null;
  const base: Record<string, unknown> = { ...pdu };
  if ('concat' in pdu) base.concat = concat;
  if ('data' in pdu && pdu.data) base.data = bytesToHex(pdu.data);
  return base;
}

function describe(pdu: DecodedPdu): string[] {
  const concat = (c: { ref: number; part: number; total: number; refBits: number } | null): string =>
    c ? `part ${c.part} of ${c.total} (reference ${c.ref}, ${c.refBits}-bit)` : 'single part';
  const lines: string[] = [];
  switch (pdu.type) {
    case 'deliver':
      lines.push('Type:       SMS-DELIVER (received message)');
      lines.push(`SMSC:       ${pdu.smsc ?? '(none)'}`);
      lines.push(`Sender:     ${pdu.sender} (${pdu.senderType})`);
      lines.push(`Timestamp:  ${pdu.timestamp}`);
      lines.push(`Encoding:   ${pdu.encoding}${pdu.dcsClass !== null ? `, class ${pdu.dcsClass}` : ''}`);
      lines.push(`Parts:      ${concat(pdu.concat)}`);
      lines.push(pdu.data ? `Data:       ${bytesToHex(pdu.data)}` : `Text:       ${pdu.text}`);
      break;
    case 'submit':
      lines.push('Type:       SMS-SUBMIT (message to send)');
      lines.push(`SMSC:       ${pdu.smsc ?? '(none: the SIM\'s SMSC)'}`);
      lines.push(`Recipient:  ${pdu.recipient} (${pdu.recipientType})`);
      lines.push(`Reference:  ${pdu.reference}`);
      lines.push(`Report:     ${pdu.statusReportRequested ? 'requested' : 'not requested'}`);
      lines.push(`Validity:   ${pdu.validity === null ? 'SC default' : pdu.validity.format === 'relative' ? `${pdu.validity.minutes} minutes` : pdu.validity.format === 'absolute' ? `until ${pdu.validity.timestamp}` : `enhanced ${pdu.validity.hex}`}`);
      lines.push(`Encoding:   ${pdu.encoding}${pdu.flash ? ', flash' : ''}`);
      lines.push(`Parts:      ${concat(pdu.concat)}`);
      lines.push(pdu.data ? `Data:       ${bytesToHex(pdu.data)}` : `Text:       ${pdu.text}`);
      break;
    case 'status-report':
      lines.push('Type:       SMS-STATUS-REPORT (delivery report)');
      lines.push(`SMSC:       ${pdu.smsc ?? '(none)'}`);
      lines.push(`Reference:  ${pdu.reference}`);
      lines.push(`Recipient:  ${pdu.recipient} (${pdu.recipientType})`);
      lines.push(`Received:   ${pdu.serviceCentreTimestamp}`);
      lines.push(`Discharge:  ${pdu.dischargeTime}`);
      lines.push(`Status:     0x${pdu.status.toString(16).toUpperCase().padStart(2, '0')} ${pdu.statusMeaning}`);
      lines.push(`Outcome:    ${pdu.outcome}${pdu.final ? '' : ' (the network is still trying)'}`);
      break;
  }
  return lines;
}

function runDecode(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'no-smsc': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('decode needs the PDU in hex');
  if (positionals.length > 1) throw new UsageError(`decode takes one PDU; unexpected argument "${positionals[1]}"`);
  // A PduError here is bad data, not bad usage: cli.ts prints its message and exits 1.
  const pdu = decodePdu(positionals[0]!.trim(), { hasSmsc: !values['no-smsc'] });
  if (values.json) io.out(JSON.stringify(toJson(pdu)));
  else for (const line of describe(pdu)) io.out(line);
  return EXIT_OK;
}

export const pduCommand: CliCommand = {
  name: 'pdu',
  summary: 'encode an SMS to PDU hex, or decode a PDU a modem printed',
  help: HELP,
  async run(argv, io) {
    const [action, ...rest] = argv;
    try {
      if (action === 'encode') return runEncode(rest, io);
      if (action === 'decode') return runDecode(rest, io);
    } catch (err) {
      // parseArgs reports unknown options and missing values with a code, as a TypeError.
      if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
        throw new UsageError(err.message);
      }
      throw err;
    }
    if (action === undefined) throw new UsageError('say "encode" or "decode"; see `ujumbe pdu --help`');
    throw new UsageError(`unknown action "${action}": use "encode" or "decode"`);
  },
};
