/**
 * One thread per contact across all of their numbers (issue 12), end to end: a contact with two
 * numbers writes from both through the simulator; GET /api/v1/conversations lists her once, the
 * thread (over the WebSocket, as the browser's renderer calls it) holds both messages with their
 * numbers, and the reply goes to her preferred number on the wire. Real host, real SQLite, the
 * simulator on a pty through the real serialport package.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { openSocket, rpcPeer, startHarness, type Harness } from './harness.ts';

let h: Harness;
let ws: WebSocket;
let peer: ReturnType<typeof rpcPeer>;
beforeAll(async () => {
  h = await startHarness();
  ws = await openSocket(h.host);
  peer = rpcPeer(ws);
});
afterAll(async () => {
  ws?.close();
  await h?.close();
});

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what} (${JSON.stringify(value).slice(0, 200)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Entry { id: number; address: string; contactName: string | null; unreadCount: number; lastMessagePreview: string | null; conversationIds: number[]; replyTo: { address: string; protocol: string } }
const list = async () => ((await (await h.api('/conversations')).json()) as { items: Entry[] }).items;

describe('a contact with two numbers, through the modem', () => {
  it('is one conversation with both numbers’ messages, and the reply goes to her preferred number', async () => {
    const created = await peer.call('contacts.create', {
      name: 'Amina Otieno',
      addresses: [
        { address: '+254712345201', protocol: 'sms', preferred: true },
        { address: '+254712345202', protocol: 'sms' },
      ],
    });
    expect(created.ok).toBe(true);
    h.sim.deliverSms({ from: '+254712345202', text: 'Habari kutoka namba ya pili' });
    await until(list, (items) => items.some((c) => c.lastMessagePreview === 'Habari kutoka namba ya pili'), 'the first message');
    h.sim.deliverSms({ from: '+254712345201', text: 'Na hii kutoka ya kwanza' });
    const items = await until(list, (i) => i.some((c) => c.lastMessagePreview === 'Na hii kutoka ya kwanza'), 'the second message');

    const hers = items.filter((c) => c.contactName === 'Amina Otieno');
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ address: '+254712345201', unreadCount: 2, replyTo: { address: '+254712345201', protocol: 'sms' } });
    expect(hers[0]!.conversationIds).toHaveLength(2);

    // Either of her conversations opens the whole thread, each message with its number.
    const thread = (await peer.call('conversations.thread', { id: hers[0]!.conversationIds[1] })).result as { messages: Array<{ content: string; recipient: { address: string } }> };
    expect(thread.messages.map((m) => [m.content, m.recipient.address])).toEqual([
      ['Habari kutoka namba ya pili', '+254712345202'],
      ['Na hii kutoka ya kwanza', '+254712345201'],
    ]);
    expect((await peer.call('conversations.markRead', { id: hers[0]!.id })).ok).toBe(true);
    expect((await list()).find((c) => c.id === hers[0]!.id)?.unreadCount).toBe(0);

    const reply = await peer.call('messages.send', { to: [{ kind: 'address', ...hers[0]!.replyTo }], text: 'Karibu kliniki kesho' });
    expect(reply.ok).toBe(true);
    await until(async () => h.sim.received.filter((s) => s.decoded.text === 'Karibu kliniki kesho').map((s) => s.decoded.recipient), (r) => r.length === 1, 'the reply on the wire');
    expect(h.sim.received.filter((s) => s.decoded.text === 'Karibu kliniki kesho').map((s) => s.decoded.recipient)).toEqual(['+254712345201']);
  });
});
