// gateways.unreadable: the kept unreadable PDUs (migration 006) through the contract, newest
// first, paged by id, the hex left out unless a person asks for it.
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

function keep(gateway: string, hex: string, simIndex: number): void {
  h.backend.store.unreadablePdus.insert({
    gateway, storage: 'SM', simIndex, via: '+CMGL', hex, tpduLength: 2, field: 'TP-MTI', offset: 2, reason: 'TP-MTI at offset 2: reserved', receivedAt: h.clock.iso(),
  });
}

describe('gateways.unreadable', () => {
  it('lists newest first with the hex hidden, pages, filters by gateway, and reveals on request', async () => {
    h = await makeApiHarness();
    keep('modem-1', '0004FF', 1);
    keep('modem-1', '0004FE', 2);
    keep('modem-2', '0004FD', 3);

    const first = await h.client.call('gateways.unreadable', { limit: 2 });
    expect(first.masked).toBe(true);
    expect(first.items.map((p) => [p.gatewayId, p.simIndex, p.hex, p.hexLength])).toEqual([['modem-2', 3, null, 6], ['modem-1', 2, null, 6]]);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const second = await h.client.call('gateways.unreadable', { limit: 2, before: first.nextBefore! });
    expect(second.items.map((p) => p.simIndex)).toEqual([1]);
    expect(second.nextBefore).toBeNull();

    const one = await h.client.call('gateways.unreadable', { gatewayId: 'modem-1', reveal: true });
    expect(one).toMatchObject({ masked: false, nextBefore: null });
    expect(one.items.map((p) => p.hex)).toEqual(['0004FE', '0004FF']);
    expect(one.items[0]).toMatchObject({ via: '+CMGL', storage: 'SM', field: 'TP-MTI', offset: 2, tpduLength: 2, reason: 'TP-MTI at offset 2: reserved' });
  });

  it('refuses a page size out of 1..500 and unknown fields', async () => {
    h = await makeApiHarness();
    await expect(h.client.call('gateways.unreadable', { limit: 501 })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(h.client.call('gateways.unreadable', { limit: 0 })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(h.client.call('gateways.unreadable', { hex: true } as never)).rejects.toMatchObject({ code: 'invalid-params' });
  });
});
