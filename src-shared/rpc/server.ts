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
import { newSession, type CallerSession } from '../contract/access.ts';

export interface RpcServerOptions {
  handlers: Handlers;
  /** Told about every failed call (code and command only: no parameters, they may hold patient data). */
  onError?: (info: { command: string; code: string; message: string }) => void;
  /**
   * Whether a connection's session may be sent events now (events carry patient data: a locked
   * or signed-out session gets none). Default: every connection.
   */
  admits?: (session: CallerSession) => boolean;
  /**
   * Whether `session` may call `command` at all, asked before its parameters are looked at (a
   * caller without the right learns nothing of a command's schema): null to go on, or the
   * refusal. The handlers check again (electron/backend/api/access-guard.ts), so a host that
   * forgets this option is still guarded.
   */
  authorize?: (command: CommandName, session: CallerSession) => ErrorData | null;
}

export interface RpcServer {
  /**
   * Serves one connection until it closes, every request as `session` (default: a new signed-out
   * WebSocket session; sign-in on it changes it). @returns detach
   */
  serve(transport: Transport, session?: CallerSession): () => void;
  /**
   * Calls a command as a transport would (the HTTP API and IPC use this): same validation, same
   * errors, as `session` (default: a new signed-out in-process session).
   */
  invoke(command: string, params: unknown, session?: CallerSession): Promise<{ ok: true; result: unknown } | { ok: false; error: ErrorData }>;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  readonly connectionCount: number;
}

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(schemas, name);
}

export function createRpcServer(options: RpcServerOptions): RpcServer {
  const connections = new Map<Transport, CallerSession>();

  async function invoke(command: string, params: unknown, session: CallerSession = newSession('in-process')) {
    if (!isCommand(command)) {
      return { ok: false as const, error: { code: 'unknown-command', message: `There is no command "${command}".`, details: { command } } };
    }
    const refusal = options.authorize?.(command, session) ?? null;
    if (refusal) return { ok: false as const, error: refusal };
    const parsed = schemas[command].safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ where: i.path.join('.') || '(parameters)', rule: i.code, message: i.message }));
      return {
        ok: false as const,
        error: { code: 'invalid-params', message: `Bad parameters for "${command}": ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`, details: { command, issues } },
      };
    }
    try {
      const handler = options.handlers[command] as (p: unknown, caller: CallerSession) => unknown;
      return { ok: true as const, result: await handler(parsed.data, session) };
    } catch (err) {
      const error = toErrorData(err);
      options.onError?.({ command, code: error.code, message: error.message });
      return { ok: false as const, error };
    }
  }

  return {
    serve(transport, session = newSession('ws')) {
      connections.set(transport, session);
      const offMessage = transport.onMessage((raw) => {
        const message = parseEnvelope(raw);
        if (!message || message.type !== 'request') return;
        void invoke(message.command, message.params, session).then((outcome) => {
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
      for (const [transport, session] of connections) {
        if (options.admits && !options.admits(session)) continue;
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
