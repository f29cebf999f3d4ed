// A two-line URC (+CMT / +CDS header, then its PDU line) whose PDU line never comes: the AT
// channel must not take the next line for the PDU. Only hex octets complete it, and only within
// the `urcSecondLine` timeout; a final result, the prompt or another URC ends the broken URC and
// is handled as itself. Time moves only with the fake clock: nothing here waits or measures time.
import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { DEFAULT_AT_TIMEOUTS } from '../../../electron/backend/gateways/modem/timeouts.ts';
import type { UnsolicitedEvent } from '../../../electron/backend/gateways/modem/unsolicited.ts';
import type { LogFields, Logger } from '../../../electron/backend/logger.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakePort, tick } from '../../support/fake-port.ts';

interface LogLine {
  level: string;
  message: string;
  fields: LogFields | undefined;
}

function setup() {
  const port = new FakePort();
  const clock = new FakeClock();
  const logs: LogLine[] = [];
  const log: Logger = {
    debug: (message, fields) => logs.push({ level: 'debug', message, fields }),
    info: (message, fields) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => logs.push({ level: 'error', message, fields }),
  };
  const channel = new AtChannel(port, { timers: clock, log });
  const events: UnsolicitedEvent[] = [];
  const traffic: Array<{ direction: string; line: string }> = [];
  channel.on('unsolicited', (event) => events.push(event));
  channel.on('traffic', (entry) => traffic.push(entry));
  const warnings = () => logs.filter((l) => l.level === 'warn');
  return { port, clock, channel, events, traffic, logs, warnings };
}

/** Settles `promise` into an inspectable box without awaiting it. */
function watch<T>(promise: Promise<T>): { value?: T; error?: unknown; settled: boolean } {
  const box: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(box, { value, settled: true }),
    (error: unknown) => Object.assign(box, { error, settled: true }),
  );
  return box;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

const PDU = '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37';
const BROKEN = { message: 'modem unsolicited code without its PDU line; dropped' };

describe('AtChannel: a two-line URC whose PDU line never comes', () => {
  it('header then OK: the OK ends the command in flight, and the broken +CMT is dropped with a warning', async () => {
    const { port, channel, events, traffic, warnings } = setup();
    const answer = watch(channel.send('AT+CMGD=1'));
    await flush();
    port.reply('\r\n+CMT: ,24\r\n\r\nOK\r\n');
    await flush();
    expect(answer).toEqual({ settled: true, value: [] });
    expect(events).toEqual([]);
    expect(warnings()).toEqual([{ level: 'warn', ...BROKEN, fields: { code: '+CMT', endedBy: 'final-result' } }]);
    // The OK is the modem's answer, not part of the URC, in the technician's log too.
    expect(traffic.filter((t) => t.line === 'OK')).toEqual([{ direction: 'in', line: 'OK' }]);
  });

  it('header then +CMS ERROR: the error still rejects the command', async () => {
    const { port, channel, events } = setup();
    const answer = watch(channel.send('AT+CMGR=7'));
    await flush();
    port.reply('\r\n+CDS: 25\r\n\r\n+CMS ERROR: 321\r\n');
    await flush();
    expect(answer.error).toMatchObject({ errorCode: 321 });
    expect(events).toEqual([]);
  });

  it('header then the "> " prompt: the body is written at once, with no prompt timeout and no ESC', async () => {
    const { port, clock, channel, events, warnings } = setup();
    port.responder = (data) => (data === 'AT+CMGS=12\r' ? '\r\n+CMT: ,24\r\n\r\n> ' : data.endsWith('\x1a') ? '\r\n+CMGS: 7\r\n\r\nOK\r\n' : undefined);
    const answer = watch(channel.sendWithPrompt('AT+CMGS=12', '0011AABB'));
    await flush();
    expect(answer).toEqual({ settled: true, value: ['+CMGS: 7'] });
    expect(port.written).toEqual(['AT+CMGS=12\r', '0011AABB\x1a']);
    expect(events).toEqual([]);
    expect(warnings().map((w) => w.fields)).toEqual([{ code: '+CMT', endedBy: 'prompt' }]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('header then another URC: the other one is emitted as itself (and completes normally when it is two-line too)', async () => {
    const { port, channel, events, warnings } = setup();
    const answer = watch(channel.send('AT+CSQ'));
    await flush();
    port.reply(`\r\n+CMT: ,24\r\n\r\n+CMTI: "SM",3\r\n\r\n+CMT: ,24\r\n+CDS: 25\r\n${PDU}\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n`);
    await flush();
    expect(answer.value).toEqual(['+CSQ: 20,99']);
    expect(events).toEqual([
      { code: '+CMTI', topic: 'sms', lines: ['+CMTI: "SM",3'] },
      { code: '+CDS', topic: 'sms', lines: ['+CDS: 25', PDU] },
    ]);
    expect(warnings().map((w) => w.fields)).toEqual([
      { code: '+CMT', endedBy: 'unsolicited' },
      { code: '+CMT', endedBy: 'unsolicited' },
    ]);
  });

  it('header then an information line that is not hex: the line stays the command\'s', async () => {
    const { port, channel, events, warnings } = setup();
    const answer = watch(channel.send('AT+CSQ'));
    await flush();
    port.reply('\r\n+CMT: ,24\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n');
    await flush();
    expect(answer.value).toEqual(['+CSQ: 20,99']);
    expect(events).toEqual([]);
    expect(warnings().map((w) => w.fields)).toEqual([{ code: '+CMT', endedBy: 'other-line' }]);
  });

  it('header then nothing until urcSecondLine: a hex-looking reply that comes after it is the command\'s (AT+CCID)', async () => {
    const { port, clock, channel, events, warnings } = setup();
    port.reply('\r\n+CMT: ,24\r\n');
    await flush();
    expect(clock.pendingDelays()).toEqual([DEFAULT_AT_TIMEOUTS.urcSecondLine]);
    clock.advance(DEFAULT_AT_TIMEOUTS.urcSecondLine);
    expect(warnings().map((w) => w.fields)).toEqual([{ code: '+CMT', endedBy: 'timeout' }]);
    // An ICCID is 20 digits: hex octets to the eye, so only the timeout keeps it from the +CMT.
    port.responder = (data) => (data === 'AT+CCID\r' ? '\r\n89254021234567890123\r\n\r\nOK\r\n' : undefined);
    const answer = watch(channel.send('AT+CCID'));
    await flush();
    expect(answer).toEqual({ settled: true, value: ['89254021234567890123'] });
    expect(events).toEqual([]);
  });

  it('a PDU line within urcSecondLine completes it, and its timer is cleared', async () => {
    const { port, clock, events, warnings } = setup();
    port.reply('\r\n+CMT: ,24\r\n');
    await flush();
    clock.advance(DEFAULT_AT_TIMEOUTS.urcSecondLine - 1);
    port.reply(`${PDU}\r\n`);
    await flush();
    expect(events).toEqual([{ code: '+CMT', topic: 'sms', lines: ['+CMT: ,24', PDU] }]);
    expect(clock.pendingDelays()).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('takes urcSecondLine from the channel\'s timeouts table', async () => {
    const port = new FakePort();
    const clock = new FakeClock();
    new AtChannel(port, { timers: clock, timeouts: { urcSecondLine: 250 } });
    port.reply('\r\n+CDS: 25\r\n');
    await flush();
    expect(clock.pendingDelays()).toEqual([250]);
  });

  it('logs the code only: never the number or the PDU of the header', async () => {
    const { port, logs } = setup();
    port.reply('\r\n+CMT: "+254712345678",24\r\n\r\nOK\r\n');
    await flush();
    const text = JSON.stringify(logs.filter((l) => l.level !== 'debug'));
    expect(text).toContain('+CMT');
    expect(text).not.toMatch(/2547|"24"/);
  });
});
