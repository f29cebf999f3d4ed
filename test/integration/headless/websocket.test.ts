/**
 * The contract over the headless host's WebSocket, with a real `ws` client offering the token
 * as a subprotocol exactly as the browser does (renderer/host/websocket-transport.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once, openSocket, rpcPeer, startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('the WebSocket', () => {
  it('answers with the ujumbe subprotocol, serves commands and pushes message.status events', async () => {
    const ws = await openSocket(h.host);
    try {
      expect(ws.protocol).toBe('ujumbe');
      const peer = rpcPeer(ws);

      const sent = await peer.call('messages.send', { to: [{ kind: 'address', address: '0712345678', protocol: 'sms' }], text: 'Kumbusho: kliniki kesho' });
      expect(sent).toMatchObject({ type: 'response', ok: true });
      const receipt = sent.result as { messageId: number; recipients: Array<{ id: number }> };
      const recipientId = receipt.recipients[0]!.id;

      const event = await peer.nextEvent((e) => e.event === 'message.status' && (e.payload as { recipientId: number; to: string }).recipientId === recipientId && (e.payload as { to: string }).to === 'sent');
      expect(event.payload).toMatchObject({ messageId: receipt.messageId, from: 'sending', to: 'sent' });
      expect(peer.events.some((e) => e.event === 'message.status' && (e.payload as { to: string }).to === 'sending')).toBe(true);

      const list = await peer.call('messages.list', { limit: 5 });
      expect(list).toMatchObject({ ok: true });
      expect((list.result as { items: Array<{ id: number }> }).items.map((m) => m.id)).toContain(receipt.messageId);

      const bad = await peer.call('messages.get', { id: 'seven' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      const missing = await peer.call('messages.get', { id: 987654 });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      ws.close();
    }
  });

  it('refuses the upgrade without the token, with a wrong one, or without the ujumbe subprotocol', async () => {
    await expect(openSocket(h.host, { token: null })).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(h.host, { token: 'not-the-token' })).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(h.host, { protocols: [`ujumbe.token.${h.host.token}`] })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a WebSocket from another web page (cross-site WebSocket hijacking)', async () => {
    await expect(openSocket(h.host, { origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });
    const same = await openSocket(h.host, { origin: `http://127.0.0.1:${h.host.port}` });
    same.close();
  });

  it('drops a client that sends something other than JSON text', async () => {
    const ws = await openSocket(h.host);
    ws.send('this is not json');
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1007);

    const binary = await openSocket(h.host);
    binary.send(Buffer.from([1, 2, 3]));
    const [binaryCode] = (await once(binary, 'close')) as [number];
    expect(binaryCode).toBe(1003);
  });

  it('drops a client that sends a frame over 1 MB', async () => {
    const ws = await openSocket(h.host);
    ws.send(JSON.stringify({ type: 'request', id: 1, command: 'messages.list', params: { search: 'x'.repeat(1024 * 1024) } }));
    const [code] = (await once(ws, 'close')) as [number];
    expect(code).toBe(1009);
  });

  it('closes its clients with 1001 when the host stops', async () => {
    const other = await startHarness();
    const ws = await openSocket(other.host);
    const closed = once(ws, 'close');
    await other.close();
    const [code] = (await closed) as [number];
    expect(code).toBe(1001);
  });
});
