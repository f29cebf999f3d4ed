/**
 * What stands between the connection and the shell (issue 13 "Users, roles, lock"): nothing of the
 * app shows before the session is known, and while no one is signed in (locked, or signed out
 * after a reconnect) only the sign-in screen shows: the shell, with its badges, counts and
 * screens, is not even mounted, so none of its loads run. Signing in mounts it anew, so every
 * screen loads afresh (events were not delivered while locked).
 *
 * Also here: the calls' guard (a `sign-in-required` or `forbidden` answer asks the session again:
 * the desk was locked elsewhere, the user disabled, the role changed), the lock shortcut (Ctrl+L,
 * ⌘L) and the idle lock, both only while sign-in is on.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import type { ConnectionStatus } from '../host/connect.ts';
import { useCompose } from '../state/compose.ts';
import { useConversations } from '../state/conversations.ts';
import { useOutbox } from '../state/outbox.ts';
import { isLocked, lockScreen, useSession } from '../state/session.ts';
import { resetStatusFeed } from '../state/status-feed.ts';
import { useToasts } from '../state/toasts.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { errorWords } from './errors.ts';
import { useIdleLock } from './idle-lock.ts';
import { SignIn } from './SignIn.tsx';

/** Answers that mean the session is not what the screen thinks. */
const SESSION_CODES = new Set(['sign-in-required', 'forbidden']);

/**
 * The client the app uses: the same calls and events, but a call refused for want of a sign-in or
 * a role makes `onSessionDoubt` run (the answer is still the caller's, worded where it happened).
 */
export function guardSession(client: RpcClient, onSessionDoubt: () => void): RpcClient {
  return {
    call(command, params) {
      return client.call(command, params).catch((err: unknown) => {
        const code = (err as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && SESSION_CODES.has(code) && command !== 'session.status') onSessionDoubt();
        throw err;
      });
    },
    on: (event, listener) => client.on(event, listener),
    close: () => client.close(),
  };
}

/** Ctrl+L, or ⌘L on macOS (either works anywhere: a desk may have either keyboard). */
export function isLockShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
}

/** Patient data the renderer holds goes when the screen locks; the draft stays for the same user only. */
function forgetShownData(): void {
  useConversations.getState().reset();
  useOutbox.getState().reset();
  resetStatusFeed();
  useToasts.getState().clear();
}

function LockWatch({ client }: { client: RpcClient }) {
  const session = useSession((s) => s.session);
  const signInRequired = session?.signInRequired === true;
  useEffect(() => {
    if (!signInRequired) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return;
      e.preventDefault();
      void lockScreen(client);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, signInRequired]);
  useIdleLock(signInRequired ? (session?.lockAfterMinutes ?? null) : null, () => void lockScreen(client));
  return null;
}

export function SessionGate({ client, connection, children }: { client: RpcClient; connection: ConnectionStatus | undefined; children: ReactNode }) {
  const { t } = useTranslation('session');
  const session = useSession((s) => s.session);
  const loadError = useSession((s) => s.loadError);
  const locked = isLocked(session);

  useEffect(() => {
    void useSession.getState().load(client);
  }, [client]);

  // A new socket after a reconnect may be a new, signed-out session: ask again.
  useEffect(() => {
    if (!connection) return;
    let previous = connection.getState();
    return connection.subscribe((state) => {
      if (previous === 'reconnecting' && state === 'connected') void useSession.getState().load(client);
      previous = state;
    });
  }, [client, connection]);

  // Locking forgets what was shown; a different user signing in does not find the last one's draft.
  const lockedBy = useRef<number | null>(null);
  useEffect(
    () =>
      useSession.subscribe((s, before) => {
        const was = before.session;
        const now = s.session;
        if (was?.actor && now && now.actor === null) {
          lockedBy.current = was.actor.kind === 'user' ? was.actor.id : null;
          forgetShownData();
        }
        if (was && was.actor === null && now?.actor) {
          if (now.actor.kind !== 'user' || now.actor.id !== lockedBy.current) useCompose.getState().reset();
          useToasts.getState().clear();
        }
      }),
    [],
  );

  if (session === null) {
    return (
      <main className="startup" id="main">
        <h1>{t('shell:appName')}</h1>
        {loadError ? <LoadError message={errorWords(loadError)} onRetry={() => void useSession.getState().load(client)} /> : <p role="status">{t('common:loading')}</p>}
      </main>
    );
  }
  if (locked) return <SignIn client={client} session={session} />;
  return (
    <>
      <LockWatch client={client} />
      {children}
    </>
  );
}
