/**
 * Who is at the desk (issue 13 "Users, roles, lock"): the connection's SessionDto as
 * `session.status`, `session.signIn` and `session.lock` last answered, and `can(command)`, which
 * reads the contract's own table (COMMAND_ACCESS, mayCall) so a screen hides what the role cannot
 * call. The backend is the judge (electron/backend/api/access-guard.ts); this only keeps controls
 * that would certainly fail off the screen.
 *
 * `session` is null until the first answer. The shell (app/App.tsx) shows nothing of the app
 * before it knows the session, so null is only ever seen by a screen rendered on its own (a
 * component test of one screen): there nothing is hidden, as before users existed.
 */
import { create } from 'zustand';
import { COMMAND_ACCESS, mayCall, type Role } from '../../src-shared/contract/access.ts';
import type { SessionDto } from '../../src-shared/contract/access-commands.ts';
import type { CommandName } from '../../src-shared/contract/commands.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';
import type { RpcError } from '../../src-shared/rpc/client.ts';

interface SessionState {
  session: SessionDto | null;
  /** Why the last `session.status` failed (shown by the shell while it knows no session). */
  loadError: RpcError | null;
  set: (session: SessionDto) => void;
  /** Asks the backend again (at start, after a reconnect, after a call said `sign-in-required`). */
  load: (client: RpcClient) => Promise<void>;
  reset: () => void;
}

let loadTicket = 0;

export const useSession = create<SessionState>()((set) => ({
  session: null,
  loadError: null,
  set: (session) => set({ session, loadError: null }),
  async load(client) {
    const mine = ++loadTicket;
    const outcome = await callCommand(client, 'session.status', {});
    if (mine !== loadTicket) return; // a newer answer (or a sign-in) came meanwhile
    if (outcome.ok) set({ session: outcome.result, loadError: null });
    else set({ loadError: outcome.error });
  },
  reset: () => {
    loadTicket++;
    set({ session: null, loadError: null });
  },
}));

/** A sign-in or lock answered: it is newer than any `session.status` still on its way. */
export function setSession(session: SessionDto): void {
  loadTicket++;
  useSession.getState().set(session);
}

/** The role calls are judged by: the actor's; none while locked; the administrator's before any session is known (see above). */
export function roleOf(session: SessionDto | null): Role | null {
  if (session === null) return 'administrator';
  return session.actor?.role ?? null;
}

/** The screen is locked or signed out: no patient data may show. */
export function isLocked(session: SessionDto | null): boolean {
  return session !== null && session.actor === null;
}

/** Whether the one at the desk may call `command` now (outside React: reads the store as it is). */
export function can(command: CommandName): boolean {
  return mayCall(roleOf(useSession.getState().session), COMMAND_ACCESS[command]);
}

/** The same in a component, re-rendered when the session changes. */
export function useCan(command: CommandName): boolean {
  return useSession((s) => mayCall(roleOf(s.session), COMMAND_ACCESS[command]));
}

/** The current role (null while locked), re-rendered when it changes. */
export function useRole(): Role | null {
  return useSession((s) => roleOf(s.session));
}

/**
 * Locks now: the screen hides at once, before the backend answers (a slow or lost answer must not
 * leave patient data on show), then shows what `session.lock` answered. When the call fails the
 * screen stays locked; the next sign-in sets the session again.
 */
export async function lockScreen(client: RpcClient): Promise<void> {
  const before = useSession.getState().session;
  if (before === null || before.actor === null) return;
  const lockedBy = before.actor.kind === 'user' ? before.actor.id : before.lastUserId;
  setSession({ ...before, actor: null, lastUserId: lockedBy });
  const outcome = await callCommand(client, 'session.lock', {});
  if (outcome.ok) setSession(outcome.result);
}
