/**
 * Settings "Users and sign-in" (issue 13 "Users, roles, lock"; administrator only: the Settings
 * screen is): the users with their role, whether they have a PIN, whether they are disabled and
 * when they last signed in; add one (name, role, PIN twice), change a role, disable or enable,
 * set a new PIN, delete (asked first); "Require sign-in" and "Lock after N minutes of no use"
 * (users.setSignIn). The backend's refusals (`conflict` with details.reason) are worded where
 * they happen.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ROLES, type Role } from '../../../src-shared/contract/access.ts';
import { SECRET_MIN_LENGTH, type UserDto } from '../../../src-shared/contract/access-commands.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { setSession, useSession } from '../../state/session.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { formatClinicTime } from '../../ui/format.ts';
import { Button, DataTable, Dialog, FormDialog, LoadError, TextField } from '../../ui/index.ts';
import './access.css';

const CONFLICT_REASONS = ['last-administrator', 'self', 'no-secret', 'several-users', 'name-taken'] as const;
type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** A refusal of users.* in words: the conflict's reason when it is one we word, else errorWords. */
export function usersErrorWords(t: TFunction, error: RpcError): string {
  const reason = (error.details as { reason?: unknown }).reason;
  if ((error.code === 'conflict' || error.code === 'validation') && typeof reason === 'string' && (CONFLICT_REASONS as readonly string[]).includes(reason)) {
    return t(`users:conflict.${reason as ConflictReason}`);
  }
  return errorWords(error);
}

/** What is wrong with a new PIN typed twice, or null. */
function secretProblem(t: TFunction, secret: string, again: string): { field: 'secret' | 'again'; words: string } | null {
  if (secret.length < SECRET_MIN_LENGTH) return { field: 'secret', words: t('users:tooShort', { min: SECRET_MIN_LENGTH }) };
  if (secret !== again) return { field: 'again', words: t('users:mismatch') };
  return null;
}

function RoleSelect({ id, value, onChange, label, disabled }: { id: string; value: Role; onChange: (role: Role) => void; label: string; disabled?: boolean }) {
  const { t } = useTranslation('session');
  return (
    <select id={id} className="input" aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** "Set a new PIN" for one user: the PIN twice (users.setSecret). */
function SetSecretDialog({ user, onClose, onSaved }: { user: UserDto; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('users');
  const client = useClient();
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ secret?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const refs = { secret: useRef<HTMLInputElement>(null), again: useRef<HTMLInputElement>(null) };

  const submit = async (e: Pick<FormEvent, 'preventDefault'>) => {
    e.preventDefault();
    const problem = secretProblem(t, secret, again);
    if (problem) {
      setErrors({ [problem.field]: problem.words });
      refs[problem.field].current?.focus();
      return;
    }
    setBusy(true);
    const outcome = await callCommand(client, 'users.setSecret', { id: user.id, secret });
    setBusy(false);
    if (!outcome.ok) {
      setErrors({ form: usersErrorWords(t, outcome.error) });
      return;
    }
    toast.success(t('secretSaved', { name: user.name }));
    onSaved();
  };

  return (
    <FormDialog title={t('secretTitle', { name: user.name })} onClose={onClose} onSubmit={submit} submitLabel={t('secretSave')} busy={busy} formError={errors.form ?? null}>
      <TextField ref={refs.secret} label={t('add.secret')} type="password" autoComplete="new-password" maxLength={200} value={secret} error={errors.secret ?? null} hint={t('add.hint', { min: SECRET_MIN_LENGTH })} onChange={(e) => setSecret(e.target.value)} />
      <TextField ref={refs.again} label={t('add.again')} type="password" autoComplete="new-password" maxLength={200} value={again} error={errors.again ?? null} onChange={(e) => setAgain(e.target.value)} />
    </FormDialog>
  );
}

function UserRow({ user, me, timeZone, onChanged, onSetSecret, onDelete }: { user: UserDto; me: boolean; timeZone: string; onChanged: () => Promise<void>; onSetSecret: () => void; onDelete: () => void }) {
  const { t, i18n } = useTranslation('users');
  const client = useClient();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = async (patch: { role?: Role; disabled?: boolean }) => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'users.update', { id: user.id, ...patch });
    setBusy(false);
    if (!outcome.ok) {
      setError(usersErrorWords(t, outcome.error));
      return;
    }
    toast.success(t('changed', { name: user.name }));
    await onChanged();
  };

  return (
    <tr>
      <th scope="row">
        {user.name} {me ? <span className="muted">{t('you')}</span> : null}
      </th>
      <td>
        <RoleSelect id={`${id}-role`} label={t('roleOf', { name: user.name })} value={user.role} disabled={busy} onChange={(role) => void update({ role })} />
      </td>
      <td>{user.hasSecret ? t('secretSet') : t('secretNone')}</td>
      <td>{user.disabled ? t('disabled') : t('active')}</td>
      <td>{user.lastSignIn ? formatClinicTime(user.lastSignIn, i18n.language, timeZone) : t('never')}</td>
      <td>
        <div className="button-row">
          <Button busy={busy} aria-label={t(user.disabled ? 'enableNamed' : 'disableNamed', { name: user.name })} onClick={() => void update({ disabled: !user.disabled })}>
            {user.disabled ? t('enable') : t('disable')}
          </Button>
          <Button aria-label={t('setSecretNamed', { name: user.name })} onClick={onSetSecret}>
            {t('setSecret')}
          </Button>
          {me ? null : (
            <Button variant="danger" aria-label={t('deleteNamed', { name: user.name })} onClick={onDelete}>
              {t('delete')}
            </Button>
          )}
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function AddUser({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation('users');
  const client = useClient();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('nurse');
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ name?: string; secret?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const refs = { name: useRef<HTMLInputElement>(null), secret: useRef<HTMLInputElement>(null), again: useRef<HTMLInputElement>(null) };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setErrors({ name: t('add.nameMissing') });
      refs.name.current?.focus();
      return;
    }
    const problem = secretProblem(t, secret, again);
    if (problem) {
      setErrors({ [problem.field]: problem.words });
      refs[problem.field].current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    const outcome = await callCommand(client, 'users.create', { name: name.trim(), role, secret });
    setBusy(false);
    if (!outcome.ok) {
      const words = usersErrorWords(t, outcome.error);
      const reason = (outcome.error.details as { reason?: unknown }).reason;
      setErrors(reason === 'name-taken' ? { name: words } : { form: words });
      if (reason === 'name-taken') refs.name.current?.focus();
      return;
    }
    toast.success(t('add.added', { name: outcome.result.name }));
    setName('');
    setSecret('');
    setAgain('');
    await onAdded();
  };

  return (
    <form className="users-add" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('add.title')}</h3>
      <TextField ref={refs.name} label={t('add.name')} autoComplete="off" maxLength={100} value={name} error={errors.name ?? null} onChange={(e) => setName(e.target.value)} />
      <div className="field">
        <label htmlFor={`${id}-role`} className="field-label">
          {t('add.role')}
        </label>
        <RoleSelect id={`${id}-role`} label={t('add.role')} value={role} onChange={setRole} />
      </div>
      <TextField ref={refs.secret} label={t('add.secret')} type="password" autoComplete="new-password" maxLength={200} value={secret} error={errors.secret ?? null} hint={t('add.hint', { min: SECRET_MIN_LENGTH })} onChange={(e) => setSecret(e.target.value)} />
      <TextField ref={refs.again} label={t('add.again')} type="password" autoComplete="new-password" maxLength={200} value={again} error={errors.again ?? null} onChange={(e) => setAgain(e.target.value)} />
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="button-row">
        <Button type="submit" busy={busy}>
          {t('add.submit')}
        </Button>
      </div>
    </form>
  );
}

const MINUTES = /^\d{1,3}$/;

function SignInSettings() {
  const { t } = useTranslation('users');
  const client = useClient();
  const id = useId();
  const session = useSession((s) => s.session);
  const [required, setRequired] = useState(() => session?.signInRequired ?? false);
  const [minutes, setMinutes] = useState(() => (session?.lockAfterMinutes ? String(session.lockAfterMinutes) : ''));
  const [error, setError] = useState<{ field: 'minutes' | 'form'; words: string } | null>(null);
  const [notice, setNotice] = useState<'saved' | 'nothingChanged' | null>(null);
  const [busy, setBusy] = useState(false);
  const minutesRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const typed = minutes.trim();
    const n = typed === '' ? null : Number(typed);
    if (n !== null && (!MINUTES.test(typed) || n < 1 || n > 240)) {
      setError({ field: 'minutes', words: t('signIn.lockAfterInvalid') });
      minutesRef.current?.focus();
      return;
    }
    if (session && required === session.signInRequired && n === session.lockAfterMinutes) {
      setError(null);
      setNotice('nothingChanged');
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'users.setSignIn', { required, lockAfterMinutes: n });
    setBusy(false);
    if (!outcome.ok) {
      setError({ field: 'form', words: usersErrorWords(t, outcome.error) });
      return;
    }
    setSession(outcome.result);
    setRequired(outcome.result.signInRequired);
    setMinutes(outcome.result.lockAfterMinutes ? String(outcome.result.lockAfterMinutes) : '');
    setNotice('saved');
  };

  return (
    <form className="users-sign-in" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('signIn.title')}</h3>
      <div className="field">
        <label>
          <input type="checkbox" checked={required} aria-describedby={`${id}-required-hint`} onChange={(e) => setRequired(e.target.checked)} />
          {t('signIn.required')}
        </label>
        <div id={`${id}-required-hint`} className="field-hint">
          {t('signIn.requiredHint')}
        </div>
      </div>
      <TextField
        ref={minutesRef}
        label={t('signIn.lockAfter')}
        className="input-short"
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        value={minutes}
        hint={t('signIn.lockAfterHint')}
        error={error?.field === 'minutes' ? error.words : null}
        onChange={(e) => setMinutes(e.target.value.replace(/\s/g, ''))}
      />
      {error?.field === 'form' ? (
        <p className="form-error" role="alert">
          {error.words}
        </p>
      ) : null}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy}>
          {t('signIn.save')}
        </Button>
        {notice ? (
          <span role="status" className="saved-notice">
            {t(`signIn.${notice}`)}
          </span>
        ) : null}
      </div>
    </form>
  );
}

export function Users() {
  const { t } = useTranslation('users');
  const client = useClient();
  const id = useId();
  const users = useQuery('users.list', {});
  const actor = useSession((s) => s.session?.actor ?? null);
  const timeZone = useSettings((s) => s.settings?.clinicTimeZone ?? 'UTC');
  const [secretFor, setSecretFor] = useState<UserDto | null>(null);
  const [deleting, setDeleting] = useState<UserDto | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);

  // What users.* changed can change who may sign in (the lock screen's list): ask the session again.
  const reload = async () => {
    await users.reload();
    void useSession.getState().load(client);
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    const outcome = await callCommand(client, 'users.delete', { id: deleting.id });
    setDeleteBusy(false);
    if (!outcome.ok) {
      setDeleteError(usersErrorWords(t, outcome.error));
      return;
    }
    toast.success(t('deleted', { name: deleting.name }));
    setDeleting(null);
    await reload();
  };

  const items = users.data?.items ?? [];
  return (
    <section className="users-panel" aria-labelledby={`${id}-title`} aria-busy={users.loading && !users.data ? true : undefined}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p>{t('intro')}</p>
      {users.error && !users.data ? <LoadError message={t('loadFailed', { message: errorWords(users.error) })} onRetry={() => void users.reload()} /> : null}
      {items.length > 0 ? (
        <DataTable caption={t('list')} columns={[t('col.name'), t('col.role'), t('col.secret'), t('col.state'), t('col.lastSignIn'), t('col.actions')]}>
          {items.map((u) => (
            <UserRow
              key={u.id}
              user={u}
              me={actor?.kind === 'user' && actor.id === u.id}
              timeZone={timeZone}
              onChanged={reload}
              onSetSecret={() => setSecretFor(u)}
              onDelete={() => {
                setDeleteError(null);
                setDeleting(u);
              }}
            />
          ))}
        </DataTable>
      ) : null}
      <AddUser onAdded={reload} />
      <SignInSettings />
      {secretFor ? (
        <SetSecretDialog
          user={secretFor}
          onClose={() => setSecretFor(null)}
          onSaved={() => {
            setSecretFor(null);
            void reload();
          }}
        />
      ) : null}
      <Dialog
        open={deleting !== null}
        title={deleting ? t('deleteTitle', { name: deleting.name }) : ''}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('common:action.cancel')}</Button>
            <Button variant="danger" busy={deleteBusy} onClick={() => void confirmDelete()}>
              {t('deleteConfirm')}
            </Button>
          </>
        }
      >
        <p>{deleting ? t('deleteText', { name: deleting.name }) : null}</p>
        {deleteError ? (
          <p className="form-error" role="alert">
            {deleteError}
          </p>
        ) : null}
      </Dialog>
    </section>
  );
}
