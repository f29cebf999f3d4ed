/** The RPC layer over the in-memory transport pair: no Electron, no sockets (docs/ARCHITECTURE.md "Habits": dumb transports). */
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src-shared/contract/index.ts';
import { ValidationError } from '../../../src-shared/errors.ts';
import { createMemoryTransportPair, createRpcClient, createRpcServer, RpcError } from '../../../src-shared/rpc/index.ts';

function connect(handlers: Partial<Handlers>, timeoutMs?: number) {
  const server = createRpcServer({ handlers: handlers as Handlers });
  const [clientEnd, serverEnd] = createMemoryTransportPair();
  server.serve(serverEnd);
  const client = createRpcClient(clientEnd, timeoutMs === undefined ? {} : { timeoutMs });
  return { server, client, clientEnd, serverEnd };
}

describe('the typed RPC client and server', () => {
  it('calls a handler with parsed parameters (defaults filled in) and returns its result', async () => {
    const list = vi.fn((params: { limit: number }) => ({ items: [], nextBefore: null, seen: params.limit }));
    const { client } = connect({ 'messages.list': list as never });
    const result = await client.call('messages.list', {});
    expect(list).toHaveBeenCalledWith({ limit: 50 }, expect.objectContaining({ principal: null }));
    expect(result).toEqual({ items: [], nextBefore: null, seen: 50 });
  });

  it('turns a thrown typed error into data with its code and details', async () => {
    const { client } = connect({
      'messages.send': () => {
        throw new ValidationError([{ where: 'billybones', rule: 'phone.characters', message: 'Not a number.' }]);
      },
    });
    const error = await client.call('messages.send', { to: [{ kind: 'address', address: 'billybones', protocol: 'sms' }], text: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'validation', details: { issues: [{ where: 'billybones', rule: 'phone.characters' }] } });
  });

  it('refuses parameters that do not match the schema, naming the field, without calling the handler', async () => {
    const send = vi.fn();
    const { client } = connect({ 'messages.send': send });
    const hostile = { to: [{ kind: 'address', address: 'x'.repeat(10_000), protocol: 'pigeon' }], text: 42, extra: true };
    const error = await client.call('messages.send', hostile as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-params' });
    const where = ((error as RpcError).details.issues as Array<{ where: string }>).map((i) => i.where);
    expect(where).toEqual(expect.arrayContaining(['to.0', 'text']));
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses an unknown command and never reaches a handler', async () => {
    const { server } = connect({});
    expect(await server.invoke('process.exit', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-command' }) });
    expect(await server.invoke('__proto__', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-command' }) });
  });

  it('maps an unexpected exception to code "internal" with its message only', async () => {
    const { client } = connect({ 'settings.get': () => Promise.reject(new TypeError('boom')) });
    await expect(client.call('settings.get', {})).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('fans events out to every connection, and a listener can unsubscribe', async () => {
    const server = createRpcServer({ handlers: {} as Handlers });
    const clients = [0, 1].map(() => {
      const [c, s] = createMemoryTransportPair();
      server.serve(s);
      return createRpcClient(c);
    });
    const seen: number[][] = [[], []];
    const offs = clients.map((client, i) => client.on('message.status', (e) => seen[i]!.push(e.recipientId)));
    const event = { recipientId: 7, messageId: 1, from: 'sending' as const, to: 'sent' as const, reason: 'Sent', gateway: 'modem:x', at: '2026-01-01T00:00:00.000Z', flags: [] };
    server.emit('message.status', event);
    await Promise.resolve();
    await Promise.resolve();
    offs[1]!();
    server.emit('message.status', { ...event, recipientId: 8 });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([[7, 8], [7]]);
  });

  it('fails a call that gets no answer with code "timeout", and pending calls when the connection closes', async () => {
    const { client, serverEnd } = connect({ 'settings.get': () => new Promise(() => {}) }, 20);
    await expect(client.call('settings.get', {})).rejects.toMatchObject({ code: 'timeout' });
    const { client: other, serverEnd: otherEnd } = connect({ 'settings.get': () => new Promise(() => {}) });
    const pending = other.call('settings.get', {});
    otherEnd.close();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    serverEnd.close();
  });

  it('drops malformed envelopes instead of crashing', async () => {
    const { clientEnd, client } = connect({ 'settings.get': () => ({ ok: 1 }) as never });
    const raw = clientEnd as unknown as { send(m: unknown): void };
    raw.send({ type: 'request' } as never);
    raw.send({ type: 'request', id: 'x', command: 'settings.get' } as never);
    raw.send(null as never);
    expect(await client.call('settings.get', {})).toEqual({ ok: 1 });
  });
});
