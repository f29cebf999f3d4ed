/**
 * The "Backups" section of the Settings screen (issue 13 "Backups"; docs/ARCHITECTURE.md
 * "Backups"): the folder (typed, or chosen with the system's chooser in the desktop app), how many to keep, when the
 * last backup was made, warnings when it is older than 2 days or the folder is missing, "Back up
 * now", and "Restore…" for a backup in the folder or any other file, behind a confirmation. A
 * restore is checked now and finished at the next start (backups.restore); the panel says so.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUP_KEEP, type BackupStatusDto } from '../../../src-shared/contract/backup-commands.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { pathChooser } from '../../host/path-chooser.ts';
import { BACKUP_FAILURE_KEYS, RESTORE_REFUSAL_KEYS } from '../../i18n/codes.ts';
import { Button, Dialog, LoadError, TextField, formatWhen } from '../../ui/index.ts';

/** While a backup goes on past "Back up now"'s answer, the status is looked at this often. */
const POLL_MS = 2_000;

function lookup<T extends string>(table: Record<T, string>, code: unknown): string | null {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(table, code) ? table[code as T] : null;
}

function sizeWords(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

export function Backups() {
  const { t, i18n } = useTranslation('backups');
  const id = useId();
  const client = useClient();
  const query = useQuery('backups.status', {});
  const [status, setStatus] = useState<BackupStatusDto | null>(null);
  const data = status ?? query.data ?? null;

  const [folder, setFolder] = useState<string | null>(null);
  const [keep, setKeep] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ field: 'folder' | 'keep' | null; words: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [running, setRunning] = useState(false);
  const [runNotice, setRunNotice] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [otherFile, setOtherFile] = useState('');
  const [restoring, setRestoring] = useState<{ file: string; at: string | null } | null>(null);
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [restoreBusy, setRestoreBusy] = useState(false);
  const [pendingError, setPendingError] = useState<string | null>(null);
  const [choose] = useState(() => pathChooser());
  const [chooseError, setChooseError] = useState<string | null>(null);
  const choosePath = async (kind: 'backup-folder' | 'backup-file', then: (path: string) => void) => {
    if (!choose) return;
    setChooseError(null);
    try {
      const chosen = await choose(kind);
      if (chosen !== null) then(chosen);
    } catch (error) {
      setChooseError(t('chooseFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  // A backup that went on past "Back up now"'s answer: look again until it is done.
  useEffect(() => {
    if (!data?.running) return;
    const timer = setTimeout(() => {
      void callCommand(client, 'backups.status', {}).then((outcome) => {
        if (outcome.ok) setStatus(outcome.result);
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [client, data]);

  const when = (iso: string | null) => formatWhen(iso, i18n.language);
  const failureWords = (error: RpcError) => {
    const key = lookup(BACKUP_FAILURE_KEYS, error.code);
    return key ? t(key) : errorWords(error);
  };
  const refusalWords = (error: RpcError) => {
    const key = error.code === 'restore-refused' ? lookup(RESTORE_REFUSAL_KEYS, (error.details as { refusal?: unknown }).refusal) : null;
    return key ? t(key) : errorWords(error);
  };

  const folderValue = folder ?? data?.folder ?? '';
  const keepValue = keep ?? String(data?.keep ?? BACKUP_KEEP.default);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setSaved(false);
    const n = Number(keepValue);
    if (!/^\d{1,3}$/.test(keepValue.trim()) || n < BACKUP_KEEP.min || n > BACKUP_KEEP.max) {
      setFormError({ field: 'keep', words: t('keepRange', { min: BACKUP_KEEP.min, max: BACKUP_KEEP.max }) });
      return;
    }
    const outcome = await callCommand(client, 'backups.configure', { folder: folderValue.trim() === '' ? null : folderValue.trim(), keep: n });
    if (!outcome.ok) {
      const issue = outcome.error.code === 'invalid-params' ? ((outcome.error.details as { issues?: Array<{ path?: unknown[]; message?: string }> }).issues ?? [])[0] : undefined;
      const field = issue?.path?.[0] === 'keep' ? 'keep' : issue?.path?.[0] === 'folder' ? 'folder' : null;
      setFormError({ field, words: issue?.message ?? errorWords(outcome.error) });
      return;
    }
    setStatus(outcome.result);
    setFolder(null);
    setKeep(null);
    setSaved(true);
  };

  const runNow = async () => {
    setRunError(null);
    setRunNotice(null);
    setRunning(true);
    const outcome = await callCommand(client, 'backups.run', {});
    setRunning(false);
    if (!outcome.ok) {
      setRunError(failureWords(outcome.error));
      const again = await callCommand(client, 'backups.status', {});
      if (again.ok) setStatus(again.result);
      return;
    }
    setStatus(outcome.result);
    setRunNotice(outcome.result.running ? t('stillRunning') : t('made', { name: outcome.result.lastBackup?.name ?? '' }));
  };

  const openRestore = (file: string, at: string | null) => {
    setRestoring({ file, at });
    setCode('');
    setAskCode(false);
    setRestoreError(null);
  };

  const restore = async () => {
    if (!restoring) return;
    setRestoreBusy(true);
    setRestoreError(null);
    const outcome = await callCommand(client, 'backups.restore', { file: restoring.file, ...(code.trim() === '' ? {} : { recoveryCode: code.trim() }) });
    setRestoreBusy(false);
    if (!outcome.ok) {
      const refusal = (outcome.error.details as { refusal?: unknown }).refusal;
      if (refusal === 'needs-recovery-code' || refusal === 'wrong-code') setAskCode(true);
      setRestoreError(refusalWords(outcome.error));
      return;
    }
    setStatus(outcome.result);
    setRestoring(null);
  };

  const cancelRestore = async () => {
    setPendingError(null);
    const outcome = await callCommand(client, 'backups.cancelRestore', {});
    if (outcome.ok) setStatus(outcome.result);
    else setPendingError(errorWords(outcome.error));
  };

  const warnings: string[] = [];
  if (data) {
    if (data.folder === null) warnings.push(t('off'));
    else if (data.folderMissing) warnings.push(t('folderMissing', { folder: data.folder }));
    if (data.folder !== null && data.stale) warnings.push(data.lastBackup === null ? t('staleNone') : t('stale'));
    if (data.recoveryCodePending) warnings.push(t('codePending'));
    if (data.plain) warnings.push(t('plain'));
  }
  const lastFailure = data?.lastFailure ?? null;

  return (
    <section className="backups" aria-labelledby={`${id}-title`} aria-busy={query.loading && !data ? true : undefined}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <p>{t('intro')}</p>
      {query.error && !data ? <LoadError message={errorWords(query.error)} onRetry={() => void query.reload()} /> : null}
      {data ? (
        <>
          {warnings.length > 0 ? (
            <ul className="backup-warnings" aria-label={t('warnings')}>
              {warnings.map((w) => (
                <li key={w} className="warning">
                  {w}
                </li>
              ))}
            </ul>
          ) : null}
          <p>{data.lastBackup ? t('last', { at: when(data.lastBackup.at), size: sizeWords(data.lastBackup.bytes), folder: data.lastBackup.folder }) : t('never')}</p>
          {data.nextAt && !data.folderMissing ? <p>{t('next', { at: when(data.nextAt) })}</p> : null}
          {data.pendingRestore ? (
            <div className="backup-pending" role="status">
              <p>{t('pending', { file: data.pendingRestore.from })}</p>
              <Button onClick={() => void cancelRestore()}>{t('cancelRestore')}</Button>
              {pendingError ? (
                <p className="form-error" role="alert">
                  {pendingError}
                </p>
              ) : null}
            </div>
          ) : null}
          {data.lastRestore ? <p>{t('lastRestore', { file: data.lastRestore.from, at: when(data.lastRestore.appliedAt), keptIn: data.lastRestore.keptIn })}</p> : null}

          <form className="backup-settings" onSubmit={(e) => void save(e)} noValidate>
            <TextField
              label={t('folder')}
              hint={t('folderHint')}
              value={folderValue}
              onChange={(e) => setFolder(e.target.value)}
              error={formError?.field === 'folder' ? formError.words : null}
              spellCheck={false}
              autoComplete="off"
            />
            {choose ? (
              <Button
                onClick={() =>
                  void choosePath('backup-folder', (path) => {
                    setFolder(path);
                    setSaved(false);
                  })
                }
              >
                {t('chooseFolder')}
              </Button>
            ) : null}
            <TextField
              label={t('keep')}
              inputMode="numeric"
              value={keepValue}
              onChange={(e) => setKeep(e.target.value)}
              error={formError?.field === 'keep' ? formError.words : null}
            />
            <Button type="submit">{t('save')}</Button>
            {formError && formError.field === null ? (
              <p className="form-error" role="alert">
                {formError.words}
              </p>
            ) : null}
            {saved ? (
              <span role="status" className="saved-notice">
                {t('saved')}
              </span>
            ) : null}
          </form>

          <div className="backup-run">
            <Button variant="primary" onClick={() => void runNow()} disabled={running || data.running || data.folder === null}>
              {t('runNow')}
            </Button>
            {running || data.running || runNotice ? <span role="status">{running || data.running ? t('running') : runNotice}</span> : null}
            {runError ? (
              <p className="form-error" role="alert">
                {runError}
              </p>
            ) : lastFailure && !running ? (
              <p className="form-error">{t('lastFailure', { at: when(lastFailure.at), words: t(BACKUP_FAILURE_KEYS[lastFailure.code]) })}</p>
            ) : null}
          </div>

          <h3 id={`${id}-list`}>{t('list')}</h3>
          {data.backups.length === 0 ? (
            <p>{t('listEmpty')}</p>
          ) : (
            <table aria-labelledby={`${id}-list`}>
              <thead>
                <tr>
                  <th scope="col">{t('made_at')}</th>
                  <th scope="col">{t('size')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('restore')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.backups.map((b) => (
                  <tr key={b.file}>
                    <td>
                      {when(b.madeAt)}
                      {b.hasKeyFile ? null : <span className="field-hint"> ({t('noKeyFile')})</span>}
                    </td>
                    <td>{sizeWords(b.bytes)}</td>
                    <td>
                      <Button aria-label={t('restoreNamed', { at: when(b.madeAt) })} onClick={() => openRestore(b.file, b.madeAt)}>
                        {t('restore')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            className="backup-other"
            onSubmit={(e) => {
              e.preventDefault();
              if (otherFile.trim() !== '') openRestore(otherFile.trim(), null);
            }}
          >
            <TextField label={t('otherFile')} hint={t('otherFileHint')} value={otherFile} onChange={(e) => setOtherFile(e.target.value)} spellCheck={false} autoComplete="off" />
            {choose ? <Button onClick={() => void choosePath('backup-file', (path) => openRestore(path, null))}>{t('chooseFile')}</Button> : null}
            <Button type="submit" disabled={otherFile.trim() === ''}>
              {t('restoreOther')}
            </Button>
          </form>
          {chooseError ? (
            <p className="form-error" role="alert">
              {chooseError}
            </p>
          ) : null}
        </>
      ) : null}

      <Dialog
        open={restoring !== null}
        title={t('confirmTitle')}
        onClose={() => setRestoring(null)}
        footer={
          <>
            <Button onClick={() => setRestoring(null)}>{t('cancel')}</Button>
            <Button variant="danger" onClick={() => void restore()} disabled={restoreBusy}>
              {t('confirm')}
            </Button>
          </>
        }
      >
        <p>{t('confirmWhat', { file: restoring?.at ? when(restoring.at) : (restoring?.file ?? '') })}</p>
        <p>{t('confirmAside')}</p>
        {askCode ? <TextField label={t('recoveryCode')} value={code} onChange={(e) => setCode(e.target.value)} spellCheck={false} autoComplete="off" /> : null}
        {restoreError ? (
          <p className="form-error" role="alert">
            {restoreError}
          </p>
        ) : null}
      </Dialog>
    </section>
  );
}
