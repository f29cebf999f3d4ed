// The AT channel's completion rule for replies that end on their information line
// (final-results.ts INFORMATION_LINE_ENDINGS): Wavecom answers AT+CPIN? with `+CPIN: READY`
// and no OK. Time moves only with the fake clock: nothing here waits or measures time.
import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { AtTimeoutError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import { DEFAULT_AT_TIMEOUTS } from '../../../electron/backend/gateways/modem/timeouts.ts';
import type { UnsolicitedEvent } from '../../../electron/backend/gateways/modem/unsolicited.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakePort, tick } from '../../support/fake-port.ts';

function setup() {
  const port = new FakePort();
  const clock = new FakeClock();
  const channel = new AtChannel(port, { timers: clock });
  const events: UnsolicitedEvent[] = [];
  const strays: string[] = [];
  channel.on('unsolicited', (event) => events.push(event));
  channel.on('stray', (line) => strays.push(line));
  return { port, clock, channel, events, strays };
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

describe('AtChannel: a reply that ends on its information line', () => {
  it('completes AT+CPIN? at the +CPIN: line when no OK follows (Wavecom)', async () => {
    const { port, channel } = setup();
    const answer = watch(channel.send('AT+CPIN?'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n');
    await flush();
    expect(answer).toEqual({ settled: true, value: ['+CPIN: READY'] });
  });

  it('reads SIM PIN the same way, echo included', async () => {
    const { port, channel } = setup();
    const answer = watch(channel.send('AT+CPIN?'));
    await flush();
    port.reply('AT+CPIN?\r\r\n+CPIN: SIM PIN\r\n');
    await flush();
    expect(answer.value).toEqual(['+CPIN: SIM PIN']);
  });

  it('takes an OK that follows as AT+CPIN?\'s own, not as the answer of the next command', async () => {
    const { port, channel, strays } = setup();
    const cpin = watch(channel.send('AT+CPIN?'));
    const csq = watch(channel.send('AT+CSQ'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n');
    await flush();
    expect(cpin.value).toEqual(['+CPIN: READY']);
    // The next command waits for the OK that may still come.
    expect(port.written).toEqual(['AT+CPIN?\r']);
    port.reply('\r\nOK\r\n');
    await flush();
    expect(port.written).toEqual(['AT+CPIN?\r', 'AT+CSQ\r']);
    expect(csq.settled).toBe(false);
    port.reply('\r\n+CSQ: 20,99\r\n\r\nOK\r\n');
    await flush();
    expect(csq.value).toEqual(['+CSQ: 20,99']);
    expect(strays).toEqual([]);
  });

  it('lets the next command go after the lateFinal wait when no OK comes', async () => {
    const { port, clock, channel } = setup();
    const cpin = watch(channel.send('AT+CPIN?'));
    const cgmi = watch(channel.send('AT+CGMI'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n');
    await flush();
    expect(cpin.value).toEqual(['+CPIN: READY']);
    expect(clock.pendingDelays()).toContain(DEFAULT_AT_TIMEOUTS.lateFinal);
    clock.advance(DEFAULT_AT_TIMEOUTS.lateFinal);
    await flush();
    expect(port.written).toEqual(['AT+CPIN?\r', 'AT+CGMI\r']);
    port.reply('\r\nWAVECOM MODEM\r\n\r\nOK\r\n');
    await flush();
    expect(cgmi.value).toEqual(['WAVECOM MODEM']);
  });

  it('still routes URCs while it waits for the late OK', async () => {
    const { port, channel, events } = setup();
    watch(channel.send('AT+CPIN?'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n\r\n+CMTI: "SM",4\r\n\r\nOK\r\n');
    await flush();
    expect(events.map((e) => e.lines)).toEqual([['+CMTI: "SM",4']]);
  });

  it('does not end AT+CPIN="<pin>" at a +CPIN: line: only its final result ends it', async () => {
    const { port, channel } = setup();
    const pin = watch(channel.send('AT+CPIN="1234"'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n');
    await flush();
    expect(pin.settled).toBe(false);
    port.reply('\r\nOK\r\n');
    await flush();
    expect(pin.settled).toBe(true);
  });

  it('keeps the usual timeout when AT+CPIN? gets no answer at all', async () => {
    const { clock, channel } = setup();
    const cpin = watch(channel.send('AT+CPIN?', { timeout: 'sim' }));
    await flush();
    clock.advance(DEFAULT_AT_TIMEOUTS.sim);
    await flush();
    expect(cpin.error).toBeInstanceOf(AtTimeoutError);
  });

  it('closes cleanly while it waits for a late OK', async () => {
    const { port, channel } = setup();
    watch(channel.send('AT+CPIN?'));
    const next = watch(channel.send('AT'));
    await flush();
    port.reply('\r\n+CPIN: READY\r\n');
    await flush();
    await channel.close();
    await flush();
    expect(next.error).toMatchObject({ name: 'PortClosedError' });
  });
});
