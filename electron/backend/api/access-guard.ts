/**
 * The role check and the audit trail at the contract's boundary (issue 13): every command passes
 * here in every host (Electron IPC, the headless WebSocket and HTTP API, in-process callers),
 * because createHandlers wraps every handler. Before the handler: the caller's session must act
 * as someone whose role reaches the command's row in COMMAND_ACCESS (src-shared/contract/access.ts).
 * After it succeeded: its row in AUDIT_TABLE (audit-table.ts), if any, is appended as that actor.
 */
import { COMMAND_ACCESS, roleAtLeast } from '../../../src-shared/contract/access.ts';
import type { CommandName, Handlers } from '../../../src-shared/contract/commands.ts';
import type { CallerSession } from '../../../src-shared/contract/access.ts';
import { type ErrorData, UjumbeError } from '../../../src-shared/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { AccessService } from '../access/access-service.ts';
import { AuditLog } from '../access/audit-log.ts';
import { auditRecordFor } from './audit-table.ts';

const ROLE_WORDS = { viewer: 'a viewer', nurse: 'a nurse', administrator: 'an administrator' } as const;

export class SignInRequiredError extends UjumbeError {
  constructor() {
    super('sign-in-required', 'Sign in first: the screen is locked or nobody is signed in.');
  }
}

export class ForbiddenError extends UjumbeError {
  constructor(command: string, need: keyof typeof ROLE_WORDS, role: keyof typeof ROLE_WORDS) {
    super('forbidden', `Only ${ROLE_WORDS[need]} or above may do this (${command}); you are signed in as ${ROLE_WORDS[role]}.`, { command, need, role });
  }
}

/** The one rule: the refusal for `actor` calling `command`, or null. */
function refusalFor(command: CommandName, actor: Actor | null): UjumbeError | null {
  const need = COMMAND_ACCESS[command];
  if (need === 'public') return null;
  if (!actor) return new SignInRequiredError();
  if (!roleAtLeast(actor.role, need)) return new ForbiddenError(command, need, actor.role);
  return null;
}

/** For createRpcServer's `authorize`: the same rule, before the parameters are parsed. */
export function authorizeCall(access: AccessService): (command: CommandName, session: CallerSession) => ErrorData | null {
  return (command, session) => refusalFor(command, access.resolve(session))?.toData() ?? null;
}

export function guardAccess(handlers: Handlers, access: AccessService): Handlers {
  const guarded: Record<string, (params: never, caller?: CallerSession) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[CommandName, (params: never, caller?: CallerSession) => unknown]>) {
    guarded[name] = async (params, caller) => {
      const actor = access.resolve(caller);
      const refusal = refusalFor(name, actor);
      if (refusal) throw refusal;
      const result = await handler(params, caller);
      if (actor) {
        const record = auditRecordFor(name, params as never, result as never);
        if (record) access.audit.append(AuditLog.who(actor), record.action, record.object);
      }
      return result;
    };
  }
  return guarded as unknown as Handlers;
}

/**
 * For createRpcServer's `admits`: events carry patient data (a sender, a status of a named
 * message), so a locked or signed-out connection gets none; it reloads after signing in.
 */
export function admitsEvents(access: AccessService): (session: CallerSession) => boolean {
  return (session) => access.resolve(session) !== null;
}
