import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ujumbe(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// dreamfabric.com/sms "SMS messages and the PDU format": the classic "hellohello" DELIVER.
const HELLO_DELIVER = '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37';
// amro.blogspot.com/2007/09/receiving-sms-status-report-message.html: +CDS without SMSC.
const DELIVERED_REPORT = '06000B910221815716F2709021510121807090215101718000';

describe('ujumbe pdu encode', () => {
  it('prints "<tpdu-length> <hex>" for a short text', async () => {
    const run = await ujumbe('pdu', 'encode', '--to', '+46708251358', '--text', 'hellohello');
    expect(run).toEqual({ code: 0, stdout: '23 0011000B916407281553F80000AD0AE8329BFD4697D9EC37\n', stderr: '' });
  });

  it('prints one line per part for a long text, with the report and flash bits set', async () => {
    const run = await ujumbe('pdu', 'encode', '--to', '+254712345678', '--text', 'a'.repeat(200), '--report', '--flash');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const [length, hex] = line.split(' ');
      expect(Number(length)).toBe(hex!.length / 2 - 1);
      // First octet 0x71: SUBMIT, VPF relative, SRR, UDHI. DCS 0x10: class 0.
      expect(hex!.slice(2, 4)).toBe('71');
      expect(hex!.slice(24, 26)).toBe('10');
    }
  });

  it('prints JSON with --json, and puts a given SMSC in front', async () => {
    const run = await ujumbe('pdu', 'encode', '--to', '0712345678', '--text', 'Habari 😀', '--smsc', '+254722500000', '--json');
    expect(run.code).toBe(0);
    const parts = JSON.parse(run.stdout) as Array<{ length: number; pdu: string }>;
    expect(parts).toHaveLength(1);
    expect(parts[0]!.pdu.startsWith('0791527422050000')).toBe(true);
    expect(parts[0]!.length).toBe(parts[0]!.pdu.length / 2 - 8);
  });

  it('refuses a number that is not one, with one line and exit code 2', async () => {
    const run = await ujumbe('pdu', 'encode', '--to', 'nurse', '--text', 'hi');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--to');
  });

  it('refuses missing --text and unknown options with exit code 2', async () => {
    expect((await ujumbe('pdu', 'encode', '--to', '+254712345678')).code).toBe(2);
    const unknown = await ujumbe('pdu', 'encode', '--to', '+254712345678', '--text', 'x', '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--colour');
  });
});

describe('ujumbe pdu decode', () => {
  it('prints readable fields of a DELIVER', async () => {
    const run = await ujumbe('pdu', 'decode', HELLO_DELIVER);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SMS-DELIVER');
    expect(run.stdout).toMatch(/Sender: +27838890001/);
    expect(run.stdout).toMatch(/Text: +hellohello/);
    expect(run.stdout).toMatch(/Timestamp: +1999-03-29T15:16:59\+02:00/);
  });

  it('prints a DELIVER as JSON', async () => {
    const run = await ujumbe('pdu', 'decode', HELLO_DELIVER, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      type: 'deliver',
      sender: '27838890001',
      text: 'hellohello',
      encoding: 'gsm7',
      timestamp: '1999-03-29T15:16:59+02:00',
      concat: null,
    });
  });

  it('prints a STATUS-REPORT without SMSC field as JSON with --no-smsc', async () => {
    const run = await ujumbe('pdu', 'decode', DELIVERED_REPORT, '--no-smsc', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      type: 'status-report',
      reference: 0,
      recipient: '+20121875612',
      status: 0,
      delivered: true,
      statusMeaning: 'Short message received by the SME',
    });
  });

  it('decodes what encode printed (SUBMIT with concatenation)', async () => {
    const encoded = await ujumbe('pdu', 'encode', '--to', '+254712345678', '--text', 'b'.repeat(170), '--report');
    const hex = encoded.stdout.trim().split('\n')[1]!.split(' ')[1]!;
    const run = await ujumbe('pdu', 'decode', hex, '--json');
    expect(run.code).toBe(0);
    const pdu = JSON.parse(run.stdout);
    expect(pdu).toMatchObject({
      type: 'submit',
      recipient: '+254712345678',
      text: 'b'.repeat(17),
      encoding: 'gsm7',
      reference: 0,
      statusReportRequested: true,
    });
    expect(pdu.concat).toMatchObject({ part: 2, total: 2 });
  });

  it('names the field and offset of bad hex in one line, exit code 1', async () => {
    const run = await ujumbe('pdu', 'decode', '0011G0');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('ujumbe pdu: hex at offset 4: "G" is not a hexadecimal digit\n');
  });

  it('names a truncated field', async () => {
    const run = await ujumbe('pdu', 'decode', HELLO_DELIVER.slice(0, 46));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TP-SCTS at offset 38');
  });

  it('asks for the hex when none is given, exit code 2', async () => {
    const run = await ujumbe('pdu', 'decode');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs the PDU');
  });
});

describe('ujumbe pdu', () => {
  it('prints its help with --help and lists itself in ujumbe --help', async () => {
    const help = await ujumbe('pdu', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ujumbe pdu encode --to NUMBER --text TEXT');
    const top = await ujumbe('--help');
    expect(top.stdout).toMatch(/pdu +encode an SMS/);
  });

  it('refuses an unknown action', async () => {
    const run = await ujumbe('pdu', 'frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown action "frobnicate"');
  });
});
