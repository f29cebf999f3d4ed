/**
 * The header's part of issue 13 "Users, roles, lock", shown only while sign-in is on: who is
 * signed in and their role, a menu with "Change my PIN" (every role: a nurse cannot open
 * Settings) and "Switch user" (a lock: the lock screen lists everyone), and "Lock" (also Ctrl+L,
 * app/SessionGate.tsx).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SECRET_MIN_LENGTH } from '../../src-shared/contract/access-commands.ts';
import { lockScreen, setSession, useSession } from '../state/session.ts';
import { toast } from '../state/toasts.ts';
import { Button } from '../ui/Button.tsx';
import { FormDialog } from '../ui/FormDialog.tsx';
import { TextField } from '../ui/TextField.tsx';
import { callCommand } from './call.ts';
import { useClient } from './client-context.tsx';
import { errorWords } from './errors.ts';
import './session.css';

type SecretField = 'current' | 'secret' | 'again';

/** "Change my PIN": the current one, the new one twice (session.setOwnSecret). */
export function ChangeOwnSecret({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('session');
  const client = useClient();
  const [values, setValues] = useState<Record<SecretField, string>>({ current: '', secret: '', again: '' });
  const [errors, setErrors] = useState<Partial<Record<SecretField | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const refs = { current: useRef<HTMLInputElement>(null), secret: useRef<HTMLInputElement>(null), again: useRef<HTMLInputElement>(null) };

  useEffect(() => {
    if (!open) {
      setValues({ current: '', secret: '', again: '' });
      setErrors({});
    }
  }, [open]);

  const fail = (field: SecretField | 'form', words: string) => {
    setErrors({ [field]: words });
    if (field !== 'form') refs[field].current?.focus();
  };

  const submit = async (e: Pick<FormEvent, 'preventDefault'>) => {
    e.preventDefault();
    if (busy) return;
    if (values.current === '') return fail('current', t('signIn.empty'));
    if (values.secret.length < SECRET_MIN_LENGTH) return fail('secret', t('ownSecret.tooShort', { min: SECRET_MIN_LENGTH }));
    if (values.again !== values.secret) return fail('again', t('ownSecret.mismatch'));
    setBusy(true);
    setErrors({});
    const outcome = await callCommand(client, 'session.setOwnSecret', { current: values.current, secret: values.secret });
    setBusy(false);
    if (!outcome.ok) {
      if (outcome.error.code === 'sign-in-failed') return fail('current', t('ownSecret.wrong'));
      return fail('form', errorWords(outcome.error));
    }
    setSession(outcome.result);
    toast.success(t('ownSecret.saved'));
    onClose();
  };

  const field = (name: SecretField, label: string, autoComplete: string, hint?: string) => (
    <TextField
      ref={refs[name]}
      label={label}
      type="password"
      autoComplete={autoComplete}
      maxLength={200}
      value={values[name]}
      error={errors[name] ?? null}
      {...(hint ? { hint } : {})}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
    />
  );

  return (
    <FormDialog open={open} title={t('ownSecret.title')} onClose={onClose} onSubmit={submit} submitLabel={t('ownSecret.save')} busy={busy} formError={errors.form ?? null}>
      {field('current', t('ownSecret.current'), 'current-password')}
      {field('secret', t('ownSecret.new'), 'new-password', t('ownSecret.hint', { min: SECRET_MIN_LENGTH }))}
      {field('again', t('ownSecret.again'), 'new-password')}
    </FormDialog>
  );
}

export function SessionControls() {
  const { t } = useTranslation('session');
  const client = useClient();
  const session = useSession((s) => s.session);
  const [menuOpen, setMenuOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const menuId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const away = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [menuOpen]);

  if (!session?.signInRequired || !session.actor) return null;
  const { name, role } = session.actor;
  const roleWords = t(`role.${role}`);
  const isUser = session.actor.kind === 'user';
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setMenuOpen(false);
  };

  return (
    <div className="session-controls" ref={box} role="group" aria-label={t('header.label')} onKeyDown={onMenuKey}>
      {isUser ? (
        <Button variant="quiet" aria-expanded={menuOpen} aria-controls={menuId} aria-label={t('header.menu', { name, role: roleWords })} onClick={() => setMenuOpen((o) => !o)}>
          {t('header.signedInAs', { name, role: roleWords })}
        </Button>
      ) : (
        <p>{t('header.signedInAs', { name, role: roleWords })}</p>
      )}
      {menuOpen ? (
        <ul className="session-menu" id={menuId}>
          <li>
            <Button
              variant="quiet"
              onClick={() => {
                setMenuOpen(false);
                setChanging(true);
              }}
            >
              {t('header.changeSecret')}
            </Button>
          </li>
          <li>
            <Button variant="quiet" onClick={() => void lockScreen(client)}>
              {t('header.switchUser')}
            </Button>
          </li>
        </ul>
      ) : null}
      <Button title={t('header.lockHint')} aria-keyshortcuts="Control+L Meta+L" onClick={() => void lockScreen(client)}>
        {t('header.lock')}
      </Button>
      <ChangeOwnSecret open={changing} onClose={() => setChanging(false)} />
    </div>
  );
}
