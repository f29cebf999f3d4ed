import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import type { UnsolicitedEvent } from '../../../electron/backend/gateways/modem/unsolicited.ts';
import { FakePort, tick } from '../../support/fake-port.ts';

function setup(timeouts = {}) {
  const port = new FakePort();
  const channel = new AtChannel(port, { timeouts });
  const events: UnsolicitedEvent[] = [];
  channel.on('unsolicited', (event) => events.push(event));
  return { port, channel, events };
}

describe('AtChannel', () => {
  it('resolves with the information lines and ignores the echo', async () => {
    const { port, channel } = setup();
    port.responder = (data) => (data === 'AT+CSQ\r' ? 'AT+CSQ\r\r\n+CSQ: 18,99\r\n\r\nOK\r\n' : undefined);
    await expect(channel.send('AT+CSQ')).resolves.toEqual(['+CSQ: 18,99']);
  });

  it('runs one command at a time, in order', async () => {
    const { port, channel } = setup();
    const sendA = channel.send('AT+CGMI');
    const sendB = channel.send('AT+CGMM');
    await tick();
    expect(port.written).toEqual(['AT+CGMI\r']);
    port.reply('\r\nhuawei\r\n\r\nOK\r\n');
    await expect(sendA).resolves.toEqual(['huawei']);
    await tick();
    expect(port.written).toEqual(['AT+CGMI\r', 'AT+CGMM\r']);
    port.reply('\r\nE3131\r\n\r\nOK\r\n');
    await expect(sendB).resolves.toEqual(['E3131']);
  });

  it('emits a URC arriving mid-response as an event and keeps it out of the response', async () => {
    const { port, channel, events } = setup();
    port.responder = () => '\r\n+COPS: 0,0,"Safaricom",2\r\n\r\n^RSSI:17\r\n\r\nOK\r\n';
    await expect(channel.send('AT+COPS?')).resolves.toEqual(['+COPS: 0,0,"Safaricom",2']);
    expect(events).toEqual([{ code: '^RSSI', topic: 'network', lines: ['^RSSI:17'] }]);
  });

  it('collects the PDU line of a +CMT even while a command is in flight', async () => {
    const { port, channel, events } = setup();
    port.responder = () => '\r\n+CMT: ,24\r\n0791452300001009040C9152\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n';
    await expect(channel.send('AT+CSQ')).resolves.toEqual(['+CSQ: 20,99']);
    expect(events).toEqual([{ code: '+CMT', topic: 'sms', lines: ['+CMT: ,24', '0791452300001009040C9152'] }]);
  });

  it('emits URCs when nothing is in flight', async () => {
    const { port, events } = setup();
    port.reply('\r\n+CMTI: "SM",3\r\n\r\nRING\r\n');
    await tick();
    await tick();
    expect(events.map((e) => e.code)).toEqual(['+CMTI', 'RING']);
  });

  it('routes +CREG to the AT+CREG? response, but a +CREG URC elsewhere to the events', async () => {
    const { port, channel, events } = setup();
    port.responder = (data) => (data === 'AT+CREG?\r' ? '\r\n+CREG: 0,1\r\n\r\nOK\r\n' : '\r\n+CREG: 2\r\n\r\nOK\r\n');
    await expect(channel.send('AT+CREG?')).resolves.toEqual(['+CREG: 0,1']);
    await expect(channel.send('AT+CSQ')).resolves.toEqual([]);
    expect(events.map((e) => e.lines[0])).toEqual(['+CREG: 2']);
  });

  it('rejects with typed errors', async () => {
    const { port, channel } = setup();
    port.responder = (data) =>
      data.startsWith('AT+CPIN') ? '\r\n+CME ERROR: 11\r\n' : data.startsWith('AT+CMGS') ? '\r\n+CMS ERROR: 304\r\n' : '\r\nERROR\r\n';
    const cme = await channel.send('AT+CPIN?').catch((e: unknown) => e);
    expect(cme).toBeInstanceOf(CmeError);
    expect(cme).toMatchObject({ errorCode: 11, meaning: 'SIM PIN required', command: 'AT+CPIN?' });
    await expect(channel.send('AT+CMGS=12')).rejects.toBeInstanceOf(CmsError);
    await expect(channel.send('AT+FOO')).rejects.toBeInstanceOf(AtError);
  });

  it('times out with the command, the timeout name and the lines seen, the stack at the caller', async () => {
    const { port, channel } = setup({ default: 30 });
    port.responder = () => '\r\n+CSQ: 18,99\r\n';
    const err = (await channel.send('AT+CSQ').catch((e: unknown) => e)) as AtTimeoutError;
    expect(err).toBeInstanceOf(AtTimeoutError);
    expect(err).toMatchObject({ command: 'AT+CSQ', timeoutName: 'default', ms: 30, phase: 'response', linesSeen: ['+CSQ: 18,99'] });
    expect(err.stack).toContain('at-channel.test.ts');
    // The queue moves on after a timeout.
    port.responder = () => '\r\nOK\r\n';
    await expect(channel.send('AT')).resolves.toEqual([]);
  });

  it('takes a per-call timeout in milliseconds', async () => {
    const { channel } = setup();
    await expect(channel.send('AT', { timeout: 20 })).rejects.toMatchObject({ timeoutName: 'custom', ms: 20 });
  });

  it('writes the body and Ctrl-Z after the "> " prompt and reads +CMGS', async () => {
    const { port, channel } = setup();
    port.responder = (data) => (data === 'AT+CMGS=12\r' ? '\r\n> ' : data.endsWith('\x1a') ? '\r\n+CMGS: 7\r\n\r\nOK\r\n' : undefined);
    await expect(channel.sendWithPrompt('AT+CMGS=12', '0011AABB')).resolves.toEqual(['+CMGS: 7']);
    expect(port.written).toEqual(['AT+CMGS=12\r', '0011AABB\x1a']);
  });

  it('sends ESC when the prompt does not come, and says nothing was sent', async () => {
    const { port, channel } = setup();
    const err = await channel.sendWithPrompt('AT+CMGS=12', '00', { promptTimeout: 25 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ phase: 'prompt', maybeSent: false });
    expect(port.written).toEqual(['AT+CMGS=12\r', '\x1b']);
  });

  it('says "maybe sent" when the result does not come after the body was written', async () => {
    const { port, channel } = setup();
    port.responder = (data) => (data === 'AT+CMGS=12\r' ? '\r\n> ' : undefined);
    const err = await channel.sendWithPrompt('AT+CMGS=12', '00', { resultTimeout: 25 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AtTimeoutError);
    expect(err).toMatchObject({ phase: 'after-body', maybeSent: true, timeoutName: 'custom' });
  });

  it('rejects a +CMS ERROR instead of the prompt', async () => {
    const { port, channel } = setup();
    port.responder = () => '\r\n+CMS ERROR: 330\r\n';
    await expect(channel.sendWithPrompt('AT+CMGS=12', '00')).rejects.toMatchObject({ errorCode: 330 });
  });

  it('close() rejects the command in flight and the queue with PortClosedError', async () => {
    const { channel } = setup();
    const first = channel.send('AT').catch((e: unknown) => e);
    const second = channel.send('AT+CSQ').catch((e: unknown) => e);
    const closes: boolean[] = [];
    channel.on('close', ({ disconnected }) => closes.push(disconnected));
    await channel.close();
    expect(await first).toMatchObject({ disconnected: false, command: 'AT' });
    expect(await second).toBeInstanceOf(PortClosedError);
    expect(closes).toEqual([false]);
    await expect(channel.send('AT')).rejects.toBeInstanceOf(PortClosedError);
  });

  it('an unplug rejects the pending command and emits close with disconnected', async () => {
    const { port, channel } = setup();
    const closes: boolean[] = [];
    channel.on('close', ({ disconnected }) => closes.push(disconnected));
    const pending = channel.send('AT+CSQ');
    await tick();
    port.unplug();
    await expect(pending).rejects.toMatchObject({ disconnected: true, command: 'AT+CSQ' });
    expect(closes).toEqual([true]);
  });

  it('reports a late OK with nothing in flight as stray, not as an answer', async () => {
    const { port, channel } = setup();
    const strays: string[] = [];
    channel.on('stray', (line) => strays.push(line));
    port.reply('\r\nOK\r\n');
    await tick();
    await tick();
    expect(strays).toEqual(['OK']);
    expect(channel.pendingCommand).toBeNull();
  });
});
