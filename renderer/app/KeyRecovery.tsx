/**
 * The key-recovery page (electron/main/key-recovery-window.ts): the desktop app opens it instead
 * of the app when this computer's keychain no longer opens the data's key. No backend runs yet,
 * so there is no patient data to hide: it says what happened, takes the recovery code an
 * administrator wrote down, and sends it through the bridge's one call for this page. A wrong
 * code is said under the field; "Quit" closes the window (main quits, nothing changed).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyRecoveryAnswer } from '../../src-shared/rpc/bridge.ts';
import { Button } from '../ui/Button.tsx';
import './session.css';

/** The bridge's one call this page makes (UjumbeBridge.recoverKey). */
export type RecoverKey = (code: string) => Promise<unknown>;

type Problem = 'empty' | 'wrong' | 'other';

function problemOf(answer: unknown): Problem | null {
  const a = answer as Partial<KeyRecoveryAnswer> | null;
  if (a?.ok === true) return null;
  return a && 'code' in a && a.code === 'database-key-wrong-code' ? 'wrong' : 'other';
}

export function KeyRecovery({ recoverKey, quit = () => window.close() }: { recoverKey: RecoverKey; quit?: () => void }) {
  const { t } = useTranslation('keyRecovery');
  const id = useId();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || opened) return;
    if (code.trim() === '') {
      setProblem('empty');
      field.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    let found: Problem | null;
    try {
      found = problemOf(await recoverKey(code));
    } catch {
      found = 'other';
    }
    setBusy(false);
    if (found === null) {
      setOpened(true);
      return;
    }
    setProblem(found);
    field.current?.focus();
  };

  return (
    <main className="sign-in" id="main" aria-labelledby={`${id}-title`}>
      <div className="sign-in-panel">
        <p className="app-name">{t('shell:appName')}</p>
        <h1 id={`${id}-title`}>{t('title')}</h1>
        <p>{t('why')}</p>
        <p>{t('what')}</p>
        {opened ? (
          <p role="status">{t('opened')}</p>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <div className="field">
              <label htmlFor={`${id}-code`} className="field-label">
                {t('code')}
              </label>
              <input
                ref={field}
                id={`${id}-code`}
                className="input"
                type="text"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={100}
                placeholder="7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA"
                value={code}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : `${id}-hint`}
                onChange={(e) => {
                  setCode(e.target.value);
                  setProblem(null);
                }}
              />
              <p id={`${id}-hint`} className="field-hint">
                {t('hint')}
              </p>
              {problem ? (
                <p id={`${id}-problem`} className="field-error" role="alert">
                  {t(`problem.${problem}`)}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <Button type="submit" variant="primary" busy={busy}>
                {t('submit')}
              </Button>
              <Button type="button" onClick={quit} disabled={busy}>
                {t('quit')}
              </Button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
