import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { LineSplitter } from '../../../electron/backend/gateways/modem/line-splitter.ts';

/** Feeds chunks through a PassThrough into the splitter and collects what comes out. */
async function split(chunks: Array<string | Buffer>, options = {}): Promise<string[]> {
  const input = new PassThrough();
  const splitter = new LineSplitter(options);
  const lines: string[] = [];
  splitter.on('data', (line: string) => lines.push(line));
  const done = new Promise((resolve) => splitter.on('end', resolve));
  input.pipe(splitter);
  for (const chunk of chunks) input.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  input.end();
  await done;
  return lines;
}

const bytes = (text: string): string[] => [...text];

describe('LineSplitter', () => {
  it('splits on CRLF and drops the empty framing lines', async () => {
    expect(await split(['\r\n+CSQ: 18,99\r\n\r\nOK\r\n'])).toEqual(['+CSQ: 18,99', 'OK']);
  });

  it('gives the same lines fed byte by byte', async () => {
    expect(await split(bytes('\r\n+CGMI: huawei\r\n\r\nOK\r\n'))).toEqual(['+CGMI: huawei', 'OK']);
  });

  it('gives the same lines in odd chunks that cut CRLF in half', async () => {
    expect(await split(['\r\n+CS', 'Q: 1', '8,99\r', '\n\r', '\nO', 'K\r', '\n'])).toEqual(['+CSQ: 18,99', 'OK']);
  });

  it('tolerates lone CR and lone LF as line ends', async () => {
    expect(await split(['OK\rERROR\n+CMTI: "SM",3\r'])).toEqual(['OK', 'ERROR', '+CMTI: "SM",3']);
  });

  it('emits the bare "> " prompt at once, without a line ending', async () => {
    const input = new PassThrough();
    const splitter = new LineSplitter();
    input.pipe(splitter);
    const lines: string[] = [];
    splitter.on('data', (line: string) => lines.push(line));
    input.write('> ');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(['> ']);
  });

  it('emits the prompt after CRLF, byte by byte', async () => {
    expect(await split(bytes('\r\n> '))).toEqual(['> ']);
  });

  it('does not take ">" inside a line for the prompt', async () => {
    expect(await split(['a > b\r\n'])).toEqual(['a > b']);
  });

  it('separates a URC glued to a response', async () => {
    expect(await split(['\r\n+CMGS: 12\r\n^RSSI:17\r\n\r\nOK\r\n'])).toEqual(['+CMGS: 12', '^RSSI:17', 'OK']);
  });

  it('drops NUL padding and keeps going after bad bytes (replaced, never thrown)', async () => {
    const lines = await split([Buffer.from([0x00, 0x4f, 0x4b, 0x0d, 0x0a, 0xff, 0xfe, 0x41, 0x0d, 0x0a])]);
    expect(lines[0]).toBe('OK');
    expect(lines[1]).toBe('\uFFFD\uFFFDA');
  });

  it('keeps a UTF-8 character split across chunks whole', async () => {
    const euro = Buffer.from('€\r\n', 'utf8');
    expect(await split([euro.subarray(0, 1), euro.subarray(1)])).toEqual(['€']);
  });

  it('flushes a runaway line at the cap so the buffer stays bounded', async () => {
    const lines = await split(['x'.repeat(25)], { maxLineLength: 10 });
    expect(lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('flushes an unterminated last line at end of input', async () => {
    expect(await split(['OK\r\nHALF'])).toEqual(['OK', 'HALF']);
  });
});
