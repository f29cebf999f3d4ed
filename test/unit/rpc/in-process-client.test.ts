/** The in-process client: typed calls over the server's invoke, failing as the transport client does. */
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src-shared/contract/index.ts';
import { NotFoundError, ValidationError } from '../../../src-shared/errors.ts';
import { createInProcessClient, createMemoryTransportPair, createRpcClient, createRpcServer, RpcError } from '../../../src-shared/rpc/index.ts';

function both(handlers: Partial<Handlers>) {
  const server = createRpcServer({ handlers: handlers as Handlers });
  const [clientEnd, serverEnd] = createMemoryTransportPair();
  server.serve(serverEnd);
  return { server, local: createInProcessClient(server), remote: createRpcClient(clientEnd) };
}

/** What a rejection carries, as plain data, to compare the two clients. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  const { code, message, details, name } = error as RpcError;
  return { code, message, details, name };
}

describe('createInProcessClient', () => {
  it('calls the handler with parsed parameters (defaults filled in) and returns its result', async () => {
    const list = vi.fn((params: { limit: number }) => ({ items: [], nextBefore: null, seen: params.limit }));
    const { local } = both({ 'messages.list': list as never });
    const page = await local.call('messages.list', {});
    expect(list).toHaveBeenCalledWith({ limit: 50 }, expect.objectContaining({ channel: 'in-process' }));
    expect(page).toEqual({ items: [], nextBefore: null, seen: 50 });
  });

  it('fails with the same RpcError as the transport client for a typed error', async () => {
    const { local, remote } = both({
      'messages.send': () => {
        throw new ValidationError([{ where: 'billybones', rule: 'phone.characters', message: 'Not a number.' }]);
      },
      'messages.get': ({ id }) => {
        throw new NotFoundError('message', id);
      },
    });
    const params = { to: [{ kind: 'address' as const, address: 'billybones', protocol: 'sms' as const }], text: 'Hi' };
    const localSend = await failure(local.call('messages.send', params));
    expect(localSend).toMatchObject({ code: 'validation', name: 'RpcError', details: { issues: [{ where: 'billybones', rule: 'phone.characters' }] } });
    expect(localSend).toEqual(await failure(remote.call('messages.send', params)));
    expect(await failure(local.call('messages.get', { id: 9 }))).toEqual(await failure(remote.call('messages.get', { id: 9 })));
  });

  it('maps an unexpected exception to "internal" with its message only, and empty details, like the transport client', async () => {
    const { local, remote } = both({ 'settings.get': () => Promise.reject(new TypeError('boom')) });
    const localError = await failure(local.call('settings.get', {}));
    expect(localError).toEqual({ code: 'internal', message: 'boom', details: {}, name: 'RpcError' });
    expect(localError).toEqual(await failure(remote.call('settings.get', {})));
  });

  it('checks untyped parameters against the schema, naming the field, without calling the handler', async () => {
    const get = vi.fn();
    const { local, remote } = both({ 'messages.get': get });
    const error = await failure(local.callUntrusted('messages.get', { id: 'abc' }));
    expect(error).toMatchObject({ code: 'invalid-params', details: { command: 'messages.get', issues: [{ where: 'id' }] } });
    expect(error).toEqual(await failure(remote.call('messages.get', { id: 'abc' } as never)));
    expect(get).not.toHaveBeenCalled();
  });

  it('returns the result of a call with untyped parameters once they pass', async () => {
    const get = vi.fn(({ id }: { id: number }) => ({ id }));
    const { local } = both({ 'messages.get': get as never });
    await expect(local.callUntrusted('messages.get', { id: 4 })).resolves.toEqual({ id: 4 });
  });

  it('refuses a name that is not a command', async () => {
    const { local } = both({});
    expect(await failure(local.callUntrusted('process.exit' as never, {}))).toMatchObject({ code: 'unknown-command', details: { command: 'process.exit' } });
  });
});
