// The HTTP API on a full disk (issue 10 item 5): a send is refused with 507 `disk-full` in words,
// nothing of it is saved, /health says so beside its usual fields, and once space is back the
// same request is taken and sent without a restart. The "disk" is filled with SQLite's
// max_page_count on the host's own connection (test/support/full-disk.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { fillDisk, freeDisk, rowCounts } from '../../support/full-disk.ts';
import { type Harness, startHarness, waitForStatuses } from './harness.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const post = (harness: Harness, text: string) =>
  harness.api('/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: ['+254712345678', '0712345679'], text }) });

async function running(harness: Harness): Promise<void> {
  for (;;) {
    const health = (await (await harness.api('/health')).json()) as { running: number };
    if (health.running === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the HTTP API on a full disk', () => {
  it('answers 507 disk-full with nothing saved, says so in /health, and takes sends again once there is room', async () => {
    h = await startHarness({ backend: { reconnectDelayMs: 0, detection: false, storage: { writeRetryMs: 100, freeSpace: async () => 40 * 1024 ** 3 } } });
    await running(h);
    const before = (await (await h.api('/health')).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ status: 'ok', gateways: 1, running: 1, storage: { state: 'ok', freeBytes: 40 * 1024 ** 3, lowSpaceBytes: 500 * 1024 ** 2 } });

    const accepted = await post(h, 'Kumbusho: kliniki kesho');
    expect(accepted.status).toBe(201);
    const first = (await accepted.json()) as { id: number };
    await waitForStatuses(h, first.id, ['sent']);

    const db = h.host.backend.store.db;
    fillDisk(db);
    const counts = rowCounts(db);
    for (let i = 0; i < 3; i++) {
      const refused = await post(h, 'Kumbusho: kliniki Jumatatu');
      expect(refused.status).toBe(507);
      expect(await refused.json()).toEqual({
        error: { code: 'disk-full', message: 'The disk is full: free some space; no message was saved.', details: { dataDir: h.dataDir } },
      });
    }
    // One transaction (messaging.ts): not a message, recipient, address or log line of it stays.
    expect(rowCounts(db)).toEqual(counts);
    const full = (await (await h.api('/health')).json()) as Record<string, unknown>;
    expect(full).toMatchObject({ status: 'ok', version: before.version, gateways: 1, running: 1, storage: { state: 'disk-full' } });
    // Everything accepted before stays.
    expect((await waitForStatuses(h, first.id, ['sent'])).recipients).toHaveLength(2);

    freeDisk(db);
    const again = await post(h, 'Kumbusho: kliniki Jumatatu');
    expect(again.status).toBe(201);
    const second = (await again.json()) as { id: number };
    await waitForStatuses(h, second.id, ['sent']);
    expect(h.sim.received).toHaveLength(4);
    expect(((await (await h.api('/health')).json()) as { storage: { state: string } }).storage.state).toBe('ok');
  });

  it('describes 507 and the storage fields in the OpenAPI document', async () => {
    h = await startHarness({ backend: { reconnectDelayMs: 0, detection: false } });
    const doc = (await (await h.api('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { required?: string[]; properties?: Record<string, { properties?: Record<string, { enum?: string[] }> }> } }> }> }>> };
    expect(Object.keys(doc.paths['/messages']!.post!.responses)).toContain('507');
    const health = doc.paths['/health']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(health.required).toContain('storage');
    expect(health.properties!.storage!.properties!.state!.enum).toEqual(['ok', 'low-space', 'disk-full']);
  });
});
