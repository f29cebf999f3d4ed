/**
 * The typed client for callers in the backend's own process (the headless host's HTTP API, the
 * desktop shell's tray and notifications). It goes through the RPC server's `invoke`, so the
 * validation, handlers and error data are exactly those of a transport; a failure is rebuilt
 * as the same `RpcError { code, message, details }` the transport client gives.
 *
 * No timeout: nothing between the caller and the handler can lose the answer.
 */
import type { CommandName, CommandResult } from '../contract/commands.ts';
import { RpcError, type RpcCaller } from './client.ts';
import type { RpcServer } from './server.ts';
import { newSession, type CallerSession } from '../contract/access.ts';

export interface InProcessClient extends RpcCaller {
  /**
   * A call whose parameters nobody typed: an HTTP body, a query string. The server checks them
   * against the command's schema (a mismatch fails with `invalid-params`, naming the field), so
   * the result is still the command's.
   * @throws RpcError
   */
  callUntrusted<K extends CommandName>(command: K, params: unknown): Promise<CommandResult<K>>;
}

/**
 * `session`: who the calls act as. Default: the host itself (the desktop shell's tray and
 * notifications, the headless host's own start-up calls), with the administrator's rights; the
 * HTTP API makes one per request from the caller's token or API key.
 */
export function createInProcessClient(server: Pick<RpcServer, 'invoke'>, session: CallerSession = newSession('in-process', { kind: 'host' })): InProcessClient {
  async function callUntrusted<K extends CommandName>(command: K, params: unknown): Promise<CommandResult<K>> {
    const outcome = await server.invoke(command, params, session);
    if (!outcome.ok) throw RpcError.from(outcome.error);
    // The one place a result is typed: invoke ran handlers[command], which `satisfies Handlers`,
    // on parameters its schema accepted.
    return outcome.result as CommandResult<K>;
  }
  return {
    call: (command, params) => callUntrusted(command, params),
    callUntrusted,
  };
}
