/**
 * The typed client: `client.call('messages.send', params)` with parameter and result types
 * inferred from the contract, and `client.on('message.status', listener)`. Errors come back
 * as RpcError { code, message, details } (never an Error object that a transport mangled).
 */
import type { CommandName, CommandParams, CommandResult, EventName, Events } from '../contract/commands.ts';
import { UjumbeError, type ErrorData } from '../errors.ts';
import { parseEnvelope } from './envelope.ts';
import type { Transport } from './transport.ts';

/** An error the backend returned: the same code and details on every host. */
export class RpcError extends UjumbeError {
  static from(data: ErrorData): RpcError {
    return new RpcError(data.code, data.message, data.details ?? {});
  }
}

export interface RpcClientOptions {
  /** How long a call may take before it fails with code `timeout`. Default 30 s. */
  timeoutMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: RpcError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One typed call, parameter and result types inferred from the contract. Both clients are one:
 * the transport client below and the in-process client (in-process-client.ts).
 * @throws RpcError with the backend's code (`validation`, `invalid-params`, `not-found` ...)
 */
export interface RpcCaller {
  call<K extends CommandName>(command: K, params: CommandParams<K>): Promise<CommandResult<K>>;
}

export interface RpcClient extends RpcCaller {
  /** @returns unsubscribe */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  close(): void;
}

export function createRpcClient(transport: Transport, options: RpcClientOptions = {}): RpcClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let nextId = 1;
  let closed = false;

  const failAll = (code: string, message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new RpcError(code, message));
      pending.delete(id);
    }
  };

  const offMessage = transport.onMessage((raw) => {
    const message = parseEnvelope(raw);
    if (!message) return;
    if (message.type === 'response') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.ok) p.resolve(message.result);
      else p.reject(RpcError.from(message.error));
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) {
        try {
          (listener as (payload: unknown) => void)(message.payload);
        } catch {
          // One broken listener must not stop the others.
        }
      }
    }
  });
  const offClose = transport.onClose(() => {
    closed = true;
    failAll('disconnected', 'The connection to Ujumbe was lost.');
  });

  return {
    call(command, params) {
      if (closed) return Promise.reject(new RpcError('disconnected', 'The connection to Ujumbe was lost.'));
      const id = nextId++;
      // Created now, so its stack points at the caller (docs/ARCHITECTURE.md "Habits": named timeouts).
      const timeoutError = new RpcError('timeout', `Ujumbe did not answer "${command}" within ${Math.round(timeoutMs / 1000)} s.`, { command });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(timeoutError);
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        try {
          transport.send({ type: 'request', id, command, params });
        } catch (err) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new RpcError('disconnected', err instanceof Error ? err.message : String(err)));
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    close() {
      offMessage();
      offClose();
      closed = true;
      failAll('disconnected', 'The client was closed.');
      transport.close();
    },
  };
}
