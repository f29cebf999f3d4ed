/**
 * PDU encode and decode speed: our codec (src-shared/sms) against the `node-pdu` package, on the
 * same inputs in the same run. Ratios above 1 mean ours is faster.
 */
import { parse, Submit } from 'node-pdu';
import { decodePdu, encodeSubmit } from '../src-shared/sms/index.ts';
import type { BenchSuite } from './suites.ts';
import { formatOps, printTable, timeOperation } from './timing.ts';

const TO = '+254712345678';

const encodeInputs: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'GSM-7, 1 part (48 chars)', text: 'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi.'.slice(0, 48) },
  { name: 'GSM-7, 3 parts (400 chars)', text: 'Kumbuka kumeza dawa zako kila siku saa mbili asubuhi. '.repeat(8).slice(0, 400) },
  { name: 'UCS-2 + emoji, 2 parts', text: 'Привет! Ваш приём завтра в 9:00 😀 '.repeat(3) },
];

const decodeInputs: ReadonlyArray<{ name: string; hex: string }> = [
  // dreamfabric.com/sms classic DELIVER "hellohello".
  { name: 'DELIVER GSM-7 "hellohello"', hex: '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37' },
  // Stack Overflow 40373979: alphanumeric sender, UCS-2, concatenated part.
  {
    name: 'DELIVER UCS-2, alnum, concat',
    hex: '0791021197003899440ED0657A7A1E6687E93408610192016390004205000365030106440642062F002006270633062A064706440643062A0020064306440020062706440648062D062F0627062A0020062706440645062C06270646064A',
  },
  // amro.blogspot.com status report, with the dreamfabric SMSC field in front.
  { name: 'STATUS-REPORT delivered', hex: '07917283010010F506000B910221815716F2709021510121807090215101718000' },
  // dreamfabric.com/sms classic SUBMIT.
  { name: 'SUBMIT GSM-7 "hellohello"', hex: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37' },
];

interface Row {
  operation: string;
  ours: number;
  theirs: number | null;
}

function compare(operation: string, ours: () => unknown, theirs: () => unknown): Row {
  let theirsOps: number | null = null;
  try {
    theirs();
    theirsOps = timeOperation(theirs).opsPerSecond;
  } catch {
    // node-pdu cannot handle this input: shown as n/a.
  }
  return { operation, ours: timeOperation(ours).opsPerSecond, theirs: theirsOps };
}

export const pduSuite: BenchSuite = {
  name: 'pdu',
  async run() {
    const rows: Row[] = [];
    for (const input of encodeInputs) {
      rows.push(
        compare(
          `encode ${input.name}`,
          () => encodeSubmit({ to: TO, text: input.text, concatReference: 1 }),
          () => new Submit(TO, input.text).getPartStrings(),
        ),
      );
    }
    for (const input of decodeInputs) {
      rows.push(compare(`decode ${input.name}`, () => decodePdu(input.hex), () => parse(input.hex)));
    }
    printTable(
      ['operation', 'ours ops/s', 'node-pdu ops/s', 'ours / node-pdu'],
      rows.map((r) => [
        r.operation,
        formatOps(r.ours),
        r.theirs === null ? 'n/a' : formatOps(r.theirs),
        r.theirs === null ? 'n/a' : `${(r.ours / r.theirs).toFixed(2)}x`,
      ]),
    );
  },
};
