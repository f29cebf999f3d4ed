// The technician's AT traffic log end to end: real serialport over a pty, the project's
// simulator, the gateway's ring buffer, and the contract handler's masking.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { ModemGateway } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import type { OutgoingItem } from '../../../electron/backend/gateways/gateway.ts';
import type { Logger, LogFields } from '../../../electron/backend/logger.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';
import { failureOf, makeApiHarness } from '../../support/api-harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const item: OutgoingItem = { recipientId: 1, messageId: 1, address: '+254712345678', protocol: 'sms', content: 'Kumbuka miadi yako kesho', subject: null, options: {}, attempt: 1 };

describe('ModemGateway AT traffic log', () => {
  it('after init and a send holds AT+CMGS and a masked PDU; reveal shows the hex, never the PIN', async () => {
    const sim = await ModemSimulator.start({ profile: 'huawei', pin: '4321' });
    cleanups.push(() => sim.stop());
    const infos: Array<{ message: string; fields?: LogFields }> = [];
    const log: Logger = { debug() {}, info: (message, fields) => infos.push({ message, fields }), warn() {}, error() {} };
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, pin: '4321', reconnectDelayMs: 0, healthCheckMs: 0, busyRetryDelayMs: 20, log });
    cleanups.push(() => gw.stop());
    await gw.start();
    expect(gw.status().state).toBe('running');
    await gw.send(item);

    const masked = gw.traffic();
    const lines = masked.map((e) => e.line);
    expect(masked.every((e) => /^\d{4}-\d\d-\d\dT/.test(e.at) && ['out', 'in', 'urc'].includes(e.direction))).toBe(true);
    expect(lines).toContain('ATE0');
    expect(lines).toContain('AT+CPIN="****"');
    const cmgs = masked.findIndex((e) => e.direction === 'out' && e.line.startsWith('AT+CMGS='));
    expect(cmgs).toBeGreaterThan(-1);
    const body = masked.slice(cmgs + 1).find((e) => e.direction === 'out');
    expect(body?.line).toMatch(/^<PDU \d+ octets>$/);
    expect(lines.some((l) => /^\+CMGS: \d+$/.test(l))).toBe(true);
    // No number or PDU in the clear anywhere; the IMEI keeps its shape.
    expect(lines.join('\n')).not.toMatch(/\d{7,}|[0-9A-F]{20,}/);
    expect(lines).toContain('3569*********09');
    expect(infos.filter((i) => i.message === 'AT traffic revealed')).toEqual([]);

    const revealed = gw.traffic(true);
    const revealedBody = revealed.slice(cmgs + 1).find((e) => e.direction === 'out');
    expect(revealedBody?.line).toMatch(/^[0-9A-F]{40,}$/);
    expect(revealed.map((e) => e.line)).toContain('AT+CPIN="****"');
    expect(revealed.map((e) => e.line).join('\n')).not.toContain('4321');
    expect(infos.filter((i) => i.message === 'AT traffic revealed')).toEqual([{ message: 'AT traffic revealed', fields: { gateway: 'modem-1' } }]);
  });

  it('through the contract: gateways.traffic masks by default, reveals on request, and is modem-only', async () => {
    const sim = await ModemSimulator.start({ profile: 'quectel' });
    cleanups.push(() => sim.stop());
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0, busyRetryDelayMs: 20 });
    const h = await makeApiHarness({ gateways: [gw, new ScriptedGateway({ id: 'other', protocol: 'email' })] });
    cleanups.push(() => h.close());
    expect(gw.status().state).toBe('running');

    const masked = await h.client.call('gateways.traffic', { id: 'modem-1' });
    expect(masked.masked).toBe(true);
    expect(masked.entries.map((e) => e.line)).toContain('AT+CGSN');
    expect(masked.entries.map((e) => e.line).join('\n')).not.toMatch(/\d{7,}/);
    const revealed = await h.client.call('gateways.traffic', { id: 'modem-1', reveal: true });
    expect(revealed.masked).toBe(false);
    expect(revealed.entries.map((e) => e.line).join('\n')).toMatch(/\d{15}/);

    expect((await failureOf(h.client.call('gateways.traffic', { id: 'nope' }))).code).toBe('not-found');
    expect((await failureOf(h.client.call('gateways.traffic', { id: 'other' }))).code).toBe('not-supported');
    expect((await failureOf(h.client.call('gateways.traffic', { id: 'modem-1', reveal: 'yes' } as never))).code).toBe('invalid-params');
  });
});
