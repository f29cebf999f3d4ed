/**
 * The sign-in and lock screen (issue 13 "Users, roles, lock"): shown instead of the whole shell
 * while no one is signed in, so it shows no patient data: names of who may sign in, a PIN or
 * password field and "Sign in". The one who locked is offered first (quick switch: pick another
 * name). A wrong PIN and too many tries are said under the field; the wait counts down.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '../../src-shared/contract/access-commands.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { setSession } from '../state/session.ts';
import { Button } from '../ui/Button.tsx';
import { callCommand } from './call.ts';
import { errorWords } from './errors.ts';
import './session.css';

type Problem = { kind: 'wrong' } | { kind: 'throttled'; until: number } | { kind: 'other'; words: string } | { kind: 'empty' };

function preselect(session: SessionDto): number | null {
  const users = session.users;
  if (session.lastUserId !== null && users.some((u) => u.id === session.lastUserId)) return session.lastUserId;
  return users[0]?.id ?? null;
}

/** Whole seconds left until `until` (at least 1 while any time is left). */
const secondsLeft = (until: number, now: number) => Math.max(0, Math.ceil((until - now) / 1000));

export function SignIn({ client, session }: { client: RpcClient; session: SessionDto }) {
  const { t } = useTranslation('session');
  const id = useId();
  const [userId, setUserId] = useState<number | null>(() => preselect(session));
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const secretRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    secretRef.current?.focus();
  }, []);

  // The wait after too many tries, counted down each second; the field is focused when it ends.
  const until = problem?.kind === 'throttled' ? problem.until : null;
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= until) {
        clearInterval(timer);
        setProblem(null);
        secretRef.current?.focus();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const waiting = until !== null && secondsLeft(until, now) > 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || waiting || userId === null) return;
    if (secret === '') {
      setProblem({ kind: 'empty' });
      secretRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const outcome = await callCommand(client, 'session.signIn', { userId, secret });
    setBusy(false);
    if (outcome.ok) {
      setSecret('');
      setSession(outcome.result);
      return;
    }
    setSecret('');
    const { code, details } = outcome.error;
    if (code === 'sign-in-failed') setProblem({ kind: 'wrong' });
    else if (code === 'sign-in-throttled') {
      const seconds = Number((details as { retryAfterSeconds?: unknown }).retryAfterSeconds);
      const at = Date.now();
      setNow(at);
      setProblem({ kind: 'throttled', until: at + (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000 });
    } else setProblem({ kind: 'other', words: errorWords(outcome.error) });
    secretRef.current?.focus();
  };

  const problemWords = (p: Problem): string => {
    switch (p.kind) {
      case 'wrong':
        return t('signIn.wrong');
      case 'throttled':
        return t('signIn.throttled', { count: Math.max(1, secondsLeft(p.until, now)) });
      case 'empty':
        return t('signIn.empty');
      case 'other':
        return p.words;
    }
  };

  const users = session.users;
  return (
    <main className="sign-in" id="main" aria-labelledby={`${id}-title`}>
      <div className="sign-in-panel">
        <p className="app-name">{t('shell:appName')}</p>
        <h1 id={`${id}-title`}>{session.lastUserId !== null ? t('signIn.lockedTitle') : t('signIn.title')}</h1>
        <p>{t('signIn.why')}</p>
        {users.length === 0 ? (
          <p className="form-error" role="alert">
            {t('signIn.noUsers')}
          </p>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <div className="field">
              <label htmlFor={`${id}-user`} className="field-label">
                {t('signIn.who')}
              </label>
              <select
                id={`${id}-user`}
                className="input"
                value={userId ?? ''}
                onChange={(e) => {
                  setUserId(Number(e.target.value));
                  if (problem?.kind !== 'throttled') setProblem(null);
                  secretRef.current?.focus();
                }}
              >
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {t('signIn.userOption', { name: u.name, role: t(`role.${u.role}`) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-secret`} className="field-label">
                {t('signIn.secret')}
              </label>
              <input
                ref={secretRef}
                id={`${id}-secret`}
                className="input"
                type="password"
                autoComplete="current-password"
                maxLength={200}
                value={secret}
                aria-invalid={problem && problem.kind !== 'throttled' ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                onChange={(e) => {
                  setSecret(e.target.value);
                  if (problem && problem.kind !== 'throttled') setProblem(null);
                }}
              />
              {problem ? (
                <p id={`${id}-problem`} className="field-error" role="alert">
                  {problemWords(problem)}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <Button type="submit" variant="primary" busy={busy} disabled={waiting}>
                {t('signIn.submit')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
