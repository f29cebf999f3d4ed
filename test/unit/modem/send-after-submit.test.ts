// The port closes between Ctrl-Z and +CMGS (an unplug, or the gateway closing it for a reopen,
// a vanished device or a stop): the modem may have sent the SMS, so the failure is `maybe-sent`
// (the dispatcher's crash-recovery policy applies), never a plain `gateway` failure, whose
// message would go out again unflagged. Before the Ctrl-Z a closed port still means nothing
// went. Scripted ports and a fake clock: nothing here waits or measures time.
import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { PortClosedError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import { ModemDriver } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import type { PduPart } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { PortClosedAfterSubmitError, SendPartsError } from '../../../electron/backend/gateways/modem/modem-errors.ts';
import { ModemGateway } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { classifySendFailure } from '../../../electron/backend/gateways/modem/send-failure.ts';
import { GatewaySendError } from '../../../electron/backend/gateways/gateway.ts';
import type { LogFields, Logger } from '../../../electron/backend/logger.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakePort, tick } from '../../support/fake-port.ts';

const PART: PduPart = { pdu: '0011000C915247214365870000AD05C8329BFD06', tpduLength: 19 };

/**
 * A PDU-mode modem on a scripted port. `pullAfter` is the number of the message body (1 = the
 * first) after whose Ctrl-Z the cable is pulled, before any answer; `pullBeforePrompt` pulls it
 * after the first AT+CMGS instead, with no prompt sent.
 */
function modem(opts: { pullAfter?: number; pullBeforePrompt?: boolean; textMode?: boolean } = {}): FakePort {
  const port = new FakePort();
  let bodies = 0;
  let reference = 0;
  port.responder = (data) => {
    if (data.startsWith('\x1b')) return undefined;
    if (data.endsWith('\x1a')) {
      bodies += 1;
      if (bodies === opts.pullAfter) {
        setImmediate(() => port.unplug());
        return undefined;
      }
      return `\r\n+CMGS: ${reference++}\r\n\r\nOK\r\n`;
    }
    const command = data.replace(/\r$/, '');
    if (command.startsWith('AT+CMGS=')) {
      if (opts.pullBeforePrompt === true) {
        setImmediate(() => port.unplug());
        return undefined;
      }
      return '\r\n> ';
    }
    if (command === 'AT+CPIN?') return '\r\n+CPIN: READY\r\n\r\nOK\r\n';
    if (command === 'AT+CSCA?') return '\r\n+CSCA: "+254722500029",145\r\n\r\nOK\r\n';
    if (command === 'AT+CREG?') return '\r\n+CREG: 0,1\r\n\r\nOK\r\n';
    if (command === 'AT+CMGF=0' && opts.textMode === true) return '\r\nERROR\r\n';
    return '\r\nOK\r\n';
  };
  return port;
}

async function initDriver(port: FakePort): Promise<ModemDriver> {
  const driver = new ModemDriver({ path: '/dev/fake', openPort: () => Promise.resolve(port), timers: new FakeClock() });
  await driver.open();
  await driver.init();
  return driver;
}

async function failure(promise: Promise<unknown>): Promise<SendPartsError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SendPartsError);
  return err as SendPartsError;
}

describe('AtChannel.sendWithPrompt onSubmit', () => {
  it('is called when the body and Ctrl-Z go to the port, before a close rejects the command', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port, { timers: new FakeClock() });
    const calls: string[] = [];
    port.responder = (data) => {
      calls.push(data.endsWith('\x1a') ? 'body written' : `wrote ${data.trim()}`);
      if (data === 'AT+CMGS=19\r') return '\r\n> ';
      setImmediate(() => port.unplug());
      return undefined;
    };
    const err = await channel.sendWithPrompt('AT+CMGS=19', PART.pdu, { onSubmit: () => calls.push('submitted') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortClosedError);
    expect(err).toMatchObject({ disconnected: true, command: 'AT+CMGS=19' });
    expect(calls).toEqual(['wrote AT+CMGS=19', 'submitted', 'body written']);
  });

  it('is never called when the port closes before the prompt', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port, { timers: new FakeClock() });
    let submitted = false;
    port.responder = () => {
      setImmediate(() => port.unplug());
      return undefined;
    };
    await expect(channel.sendWithPrompt('AT+CMGS=19', PART.pdu, { onSubmit: () => (submitted = true) })).rejects.toBeInstanceOf(PortClosedError);
    expect(submitted).toBe(false);
  });
});

describe('ModemDriver: the port closes between Ctrl-Z and +CMGS', () => {
  it('one part: PortClosedAfterSubmitError, classified maybe-sent (the gateway still treats it as an unplug)', async () => {
    const driver = await initDriver(modem({ pullAfter: 1 }));
    const err = await failure(driver.sendPdus([PART]));
    expect(err.failure).toBeInstanceOf(PortClosedAfterSubmitError);
    expect(err.failure).toBeInstanceOf(PortClosedError);
    expect(err.failure).toMatchObject({ afterSubmit: true, disconnected: true, command: 'AT+CMGS=19' });
    expect(err).toMatchObject({ references: [], failedPart: 0, totalParts: 1 });
    const { error, reaction } = classifySendFailure(err);
    expect(error).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send', partialReferences: [] });
    expect(error.reason).toMatch(/may have been sent/);
    expect(reaction).toBe('disconnected');
  });

  it('the second of three parts: the first part keeps its reference', async () => {
    const driver = await initDriver(modem({ pullAfter: 2 }));
    const err = await failure(driver.sendPdus([PART, PART, PART]));
    expect(err.failure).toBeInstanceOf(PortClosedAfterSubmitError);
    expect(err).toMatchObject({ references: ['0'], failedPart: 1, totalParts: 3 });
    expect(classifySendFailure(err).error).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send', partialReferences: ['0'] });
  });

  it('before the prompt: a plain PortClosedError, a gateway failure (nothing went)', async () => {
    const driver = await initDriver(modem({ pullBeforePrompt: true }));
    const err = await failure(driver.sendPdus([PART]));
    expect(err.failure).toBeInstanceOf(PortClosedError);
    expect(err.failure).not.toBeInstanceOf(PortClosedAfterSubmitError);
    expect(classifySendFailure(err).error).toMatchObject({ kind: 'gateway', code: 'disconnected' });
  });

  it('closed by us after Ctrl-Z (a reopen, a vanished device, stop): maybe-sent as well', async () => {
    const port = modem();
    const driver = await initDriver(port);
    port.responder = (data) => (data.startsWith('AT+CMGS=') ? '\r\n> ' : undefined); // no answer after Ctrl-Z
    const pending = failure(driver.sendPdus([PART]));
    for (let i = 0; i < 5 && !port.written.some((w) => w.endsWith('\x1a')); i++) await tick();
    expect(port.written.at(-1)).toBe(`${PART.pdu}\x1a`);
    await driver.close();
    const err = await pending;
    expect(err.failure).toMatchObject({ afterSubmit: true, disconnected: false });
    expect(classifySendFailure(err).error).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send' });
  });

  it('text mode: the same after an SMS\'s Ctrl-Z', async () => {
    const driver = await initDriver(modem({ pullAfter: 1, textMode: true }));
    expect(driver.smsMode).toBe('text');
    const err = await failure(driver.sendText('+254712345678', 'Karibu kliniki'));
    expect(err.failure).toBeInstanceOf(PortClosedAfterSubmitError);
    expect(classifySendFailure(err).error).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send' });
  });
});

describe('ModemGateway: an unplug after Ctrl-Z', () => {
  it('fails the send maybe-sent and handles the unplug once (one warning, one reconnect wait)', async () => {
    const clock = new FakeClock();
    const warnings: Array<{ message: string; fields: LogFields | undefined }> = [];
    const log: Logger = { debug() {}, info() {}, error() {}, warn: (message, fields) => warnings.push({ message, fields }) };
    const gw = new ModemGateway({
      id: 'modem-1',
      path: '/dev/fake',
      openPort: () => Promise.resolve(modem({ pullAfter: 1 })),
      timers: clock,
      log,
      reconnectDelayMs: 10_000,
      healthCheckMs: 0,
    });
    await gw.start();
    expect(gw.status().state).toBe('running');
    const err = await gw
      .send({ recipientId: 1, messageId: 1, address: '+254712345678', protocol: 'sms', content: 'Karibu', subject: null, options: {}, attempt: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewaySendError);
    expect(err).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send' });
    expect(gw.status()).toMatchObject({ state: 'disconnected', problem: { code: 'unplugged' } });
    expect(warnings.filter((w) => w.message === 'modem disconnected')).toEqual([
      { message: 'modem disconnected', fields: { gateway: 'modem-1', path: '/dev/fake', sendInFlight: true } },
    ]);
    expect(clock.pendingDelays()).toEqual([10_000]);
    await gw.stop();
  });
});
