/** A contract call that never throws: the outcome says ok or carries the backend's error. */
import type { CommandName, CommandParams, CommandResult } from '../../src-shared/contract/commands.ts';
import type { RpcClient, RpcError } from '../../src-shared/rpc/client.ts';
import { toRpcError } from './errors.ts';

export type Outcome<K extends CommandName> = { ok: true; result: CommandResult<K> } | { ok: false; error: RpcError };

export async function callCommand<K extends CommandName>(client: RpcClient, command: K, params: CommandParams<K>): Promise<Outcome<K>> {
  try {
    return { ok: true, result: await client.call(command, params) };
  } catch (err) {
    return { ok: false, error: toRpcError(err) };
  }
}
