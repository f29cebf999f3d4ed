/**
 * The role tests' table, generated from the contract (issue 13 "Tests": "every command is tried
 * by each role over IPC, WebSocket and HTTP, and only the allowed ones run"): every command name
 * in `schemas`, each role, and what the answer must be. A command added to the contract is in
 * the table the moment it exists; COMMAND_ACCESS's own type makes it declare a role.
 */
import { COMMAND_ACCESS, mayCall, ROLES, type Role } from '../../src-shared/contract/access.ts';
import type { CommandName } from '../../src-shared/contract/commands.ts';
import { schemas } from '../../src-shared/contract/schemas.ts';
import type { ErrorData } from '../../src-shared/errors.ts';

/** Every command; `session.lock` last (it ends the session the others run in). */
const LOCK: CommandName = 'session.lock';
export const EVERY_COMMAND: readonly CommandName[] = [...(Object.keys(schemas) as CommandName[]).filter((c) => c !== LOCK), LOCK];

export const SEATS: ReadonlyArray<Role | null> = [...ROLES, null];

/** The refusal `role` must get for `command`, or null when the command must run (whatever it then answers). */
export function expectedRefusal(role: Role | null, command: CommandName): 'forbidden' | 'sign-in-required' | null {
  if (mayCall(role, COMMAND_ACCESS[command])) return null;
  return role === null ? 'sign-in-required' : 'forbidden';
}

/** One call's outcome judged: a description of what is wrong, or null. */
export function judge(role: Role | null, command: CommandName, outcome: { ok: boolean; error?: ErrorData | undefined }): string | null {
  const want = expectedRefusal(role, command);
  const code = outcome.ok ? null : (outcome.error?.code ?? '?');
  if (want === null) return code === 'forbidden' || code === 'sign-in-required' ? `${role ?? 'signed out'} ${command}: refused with ${code}, but the role may call it` : null;
  return code === want ? null : `${role ?? 'signed out'} ${command}: answered ${code ?? 'ok'}, expected ${want}`;
}

export const SECRETS: Record<Role, string> = { administrator: '1357', nurse: '2468', viewer: '9999' };
