/**
 * "Keep messages" in Settings (issue 13 "Retention"): the `retentionMonths` setting, off (for
 * ever) by default. Before a period is saved, retention.preview says how many messages it would
 * delete now and from which date, in a confirmation the administrator must accept: a clinic must
 * not lose years of history with one mis-click. Turning it off, or nothing to delete, saves at once.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_MONTHS } from '../../../src-shared/contract/deletion-commands.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useSettings } from '../../state/settings.ts';
import { Button } from '../../ui/index.ts';
import { Dialog } from '../../ui/Dialog.tsx';

/** The periods offered; a value set another way (HTTP, an older choice) is offered too. */
const CHOICES = [3, 6, 12, 24, 36, 60, 120].filter((m) => m >= RETENTION_MONTHS.min && m <= RETENTION_MONTHS.max);

export function Retention() {
  const { t, i18n } = useTranslation('deletion');
  const id = useId();
  const client = useClient();
  const settings = useSettings((s) => s.settings);
  const current = settings?.retentionMonths ?? null;
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<{ months: number; count: number; before: string } | null>(null);

  const value = choice ?? (current === null ? 'off' : String(current));
  const months = value === 'off' ? null : Number(value);
  const options = [...new Set([...CHOICES, ...(current === null ? [] : [current])])].sort((a, b) => a - b);

  const save = async (next: number | null) => {
    setBusy(true);
    const outcome = await callCommand(client, 'settings.update', { retentionMonths: next });
    setBusy(false);
    setPending(null);
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    useSettings.getState().set(outcome.result);
    setChoice(null);
    setNotice(t('retention.saved'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (months === null) return save(null);
    setBusy(true);
    setNotice(t('retention.checking'));
    const preview = await callCommand(client, 'retention.preview', { months });
    setBusy(false);
    setNotice(null);
    if (!preview.ok) {
      setError(errorWords(preview.error));
      return;
    }
    if (preview.result.count === 0) return save(months);
    setPending({ months, ...preview.result });
  };

  const zone = settings?.clinicTimeZone;
  const dateOf = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'long', ...(zone ? { timeZone: zone } : {}) });

  return (
    <section className="retention" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('retention.title')}</h2>
      <p>{t('retention.explain')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-months`}>{t('retention.label')}</label>
        <select id={`${id}-months`} value={value} onChange={(e) => setChoice(e.target.value)}>
          <option value="off">{t('retention.forever')}</option>
          {options.map((m) => (
            <option key={m} value={String(m)}>
              {t('retention.months', { count: m })}
            </option>
          ))}
        </select>
        <Button type="submit" busy={busy} disabled={settings === null}>
          {t('retention.save')}
        </Button>
      </form>
      {notice ? <p role="status">{notice}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Dialog
        open={pending !== null}
        title={t('retention.confirmTitle')}
        onClose={() => setPending(null)}
        footer={
          <>
            <Button onClick={() => setPending(null)}>{t('cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={() => pending && void save(pending.months)}>
              {t('retention.confirm')}
            </Button>
          </>
        }
      >
        {pending ? <p>{t('retention.confirmBody', { count: pending.count, date: dateOf(pending.before), months: pending.months })}</p> : null}
        <p>{t('cannotUndo')}</p>
      </Dialog>
    </section>
  );
}
