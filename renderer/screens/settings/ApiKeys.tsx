/**
 * Settings "API keys" (issue 13: named keys for other systems, each with a role, stored hashed,
 * shown once): the list (name, role, the first characters, created when and by whom, last used,
 * revoked), "Make a key" (name and role) with the key shown this once in a dialog with Copy, and
 * revoke, asked first. The key lives only in this component's state until the dialog closes.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../src-shared/contract/access.ts';
import { ROLES } from '../../../src-shared/contract/access.ts';
import type { ApiKeyDto } from '../../../src-shared/contract/access-commands.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { formatClinicTime } from '../../ui/format.ts';
import { Button, DataTable, Dialog, LoadError, TextField } from '../../ui/index.ts';
import './access.css';

function ShownKey({ name, value, onClose }: { name: string; value: string; onClose: () => void }) {
  const { t } = useTranslation('apiKeys');
  const [copied, setCopied] = useState<'copied' | 'copyFailed' | null>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      setCopied('copyFailed');
    }
  };
  return (
    <Dialog
      open
      title={t('shown.title', { name })}
      onClose={onClose}
      initialFocusRef={copyRef}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('shown.done')}
        </Button>
      }
    >
      <p>
        <strong>{t('shown.once')}</strong>
      </p>
      <p className="api-key-value" aria-label={t('shown.label')}>
        <code>{value}</code>
      </p>
      <div className="button-row">
        <Button ref={copyRef} onClick={() => void copy()}>
          {t('shown.copy')}
        </Button>
        {copied ? (
          <span role="status" className={copied === 'copied' ? 'saved-notice' : 'form-error'}>
            {t(`shown.${copied}`)}
          </span>
        ) : null}
      </div>
    </Dialog>
  );
}

export function ApiKeys() {
  const { t, i18n } = useTranslation('apiKeys');
  const { t: tSession } = useTranslation('session');
  const client = useClient();
  const id = useId();
  const keys = useQuery('apiKeys.list', {});
  const timeZone = useSettings((s) => s.settings?.clinicTimeZone ?? 'UTC');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [addError, setAddError] = useState<{ field: 'name' | 'form'; words: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const when = (iso: string | null) => (iso ? formatClinicTime(iso, i18n.language, timeZone) : t('never'));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setAddError({ field: 'name', words: t('add.nameMissing') });
      nameRef.current?.focus();
      return;
    }
    setAdding(true);
    setAddError(null);
    const outcome = await callCommand(client, 'apiKeys.create', { name: name.trim(), role });
    setAdding(false);
    if (!outcome.ok) {
      setAddError({ field: 'form', words: errorWords(outcome.error) });
      return;
    }
    setName('');
    setShown({ name: outcome.result.name, key: outcome.result.key });
    void keys.reload();
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    const outcome = await callCommand(client, 'apiKeys.revoke', { id: revoking.id });
    setRevokeBusy(false);
    if (!outcome.ok) {
      setRevokeError(errorWords(outcome.error));
      return;
    }
    toast.success(t('revoked', { name: revoking.name }));
    setRevoking(null);
    await keys.reload();
  };

  const items = keys.data?.items ?? [];
  return (
    <section className="api-keys-panel" aria-labelledby={`${id}-title`} aria-busy={keys.loading && !keys.data ? true : undefined}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p>{t('intro')}</p>
      {keys.error && !keys.data ? <LoadError message={t('loadFailed', { message: errorWords(keys.error) })} onRetry={() => void keys.reload()} /> : null}
      {keys.data && items.length === 0 ? <p>{t('none')}</p> : null}
      {items.length > 0 ? (
        <DataTable caption={t('list')} columns={[t('col.name'), t('col.role'), t('col.prefix'), t('col.created'), t('col.createdBy'), t('col.lastUsed'), t('col.state')]}>
          {items.map((k) => (
            <tr key={k.id} className={k.revoked ? 'revoked' : undefined}>
              <th scope="row">{k.name}</th>
              <td>{tSession(`role.${k.role}`)}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{when(k.created)}</td>
              <td>{k.createdBy}</td>
              <td>{when(k.lastUsed)}</td>
              <td>
                {k.revoked ? (
                  t('revokedAt', { when: when(k.revoked) })
                ) : (
                  <div className="button-row">
                    <span>{t('active')}</span>
                    <Button
                      variant="danger"
                      aria-label={t('revokeNamed', { name: k.name })}
                      onClick={() => {
                        setRevokeError(null);
                        setRevoking(k);
                      }}
                    >
                      {t('revoke')}
                    </Button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <form className="api-keys-add" onSubmit={(e) => void create(e)} noValidate aria-labelledby={`${id}-add-title`}>
        <h3 id={`${id}-add-title`}>{t('add.title')}</h3>
        <TextField ref={nameRef} label={t('add.name')} autoComplete="off" maxLength={100} value={name} error={addError?.field === 'name' ? addError.words : null} onChange={(e) => setName(e.target.value)} />
        <div className="field">
          <label htmlFor={`${id}-role`} className="field-label">
            {t('add.role')}
          </label>
          <select id={`${id}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tSession(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {addError?.field === 'form' ? (
          <p className="form-error" role="alert">
            {addError.words}
          </p>
        ) : null}
        <div className="button-row">
          <Button type="submit" busy={adding}>
            {t('add.submit')}
          </Button>
        </div>
      </form>

      {shown ? <ShownKey name={shown.name} value={shown.key} onClose={() => setShown(null)} /> : null}
      <Dialog
        open={revoking !== null}
        title={revoking ? t('revokeTitle', { name: revoking.name }) : ''}
        onClose={() => setRevoking(null)}
        footer={
          <>
            <Button onClick={() => setRevoking(null)}>{t('common:action.cancel')}</Button>
            <Button variant="danger" busy={revokeBusy} onClick={() => void revoke()}>
              {t('revokeConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('revokeText')}</p>
        {revokeError ? (
          <p className="form-error" role="alert">
            {revokeError}
          </p>
        ) : null}
      </Dialog>
    </section>
  );
}
