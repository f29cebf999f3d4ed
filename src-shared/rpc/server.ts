/**
 * The one dispatcher behind every host: parse the envelope, look the command up, validate its
 * parameters against the contract's schema, call the handler, and answer with data — a result
 * or `{ code, message, details }`. Events fan out to every connected transport.
 */
import type { CommandName, EventName, Events, Handlers } from '../contract/commands.ts';
import { schemas } from '../contract/schemas.ts';
import { toErrorData, type ErrorData } from '../errors.ts';
import { parseEnvelope } from './envelope.ts';
import type { Transport } from './transport.ts';

export interface RpcServerOptions {
  handlers: Handlers;
  /** Told about every failed call (code and command only: no parameters, they may hold patient data). */
  onError?: (info: { command: string; code: string; message: string }) => void;
}

export interface RpcServer {
  /** Serves one connection until it closes. @returns detach */
  serve(transport: Transport): () => void;
  /** Calls a command as a transport would (the HTTP API uses this): same validation, same errors. */
  invoke(command: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ErrorData }>;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  readonly connectionCount: number;
}

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(schemas, name);
}

export function createRpcServer(options: RpcServerOptions): RpcServer {
  const connections = new Set<Transport>();

  async function invoke(command: string, params: unknown) {
    if (!isCommand(command)) {
      return { ok: false as const, error: { code: 'unknown-command', message: `There is no command "${command}".`, details: { command } } };
    }
    const parsed = schemas[command].safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ where: i.path.join('.') || '(parameters)', rule: i.code, message: i.message }));
      return {
        ok: false as const,
        error: { code: 'invalid-params', message: `Bad parameters for "${command}": ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`, details: { command, issues } },
      };
    }
    try {
      const handler = options.handlers[command] as (p: unknown) => unknown;
      return { ok: true as const, result: await handler(parsed.data) };
    } catch (err) {
      const error = toErrorData(err);
      options.onError?.({ command, code: error.code, message: error.message });
      return { ok: false as const, error };
    }
  }

  return {
    serve(transport) {
      connections.add(transport);
      const offMessage = transport.onMessage((raw) => {
        const message = parseEnvelope(raw);
        if (!message || message.type !== 'request') return;
        void invoke(message.command, message.params).then((outcome) => {
          if (!connections.has(transport)) return;
          try {
            transport.send(outcome.ok ? { type: 'response', id: message.id, ok: true, result: outcome.result } : { type: 'response', id: message.id, ok: false, error: outcome.error });
          } catch {
            // The connection went away while the handler ran.
          }
        });
      });
      const detach = () => {
        offMessage();
        offClose();
        connections.delete(transport);
      };
      const offClose = transport.onClose(detach);
      return detach;
    },
    invoke,
    emit(event, payload) {
      for (const transport of connections) {
        try {
          transport.send({ type: 'event', event, payload });
        } catch {
          connections.delete(transport);
        }
      }
    },
    get connectionCount() {
      return connections.size;
    },
  };
}
