/**
 * The Outbox's "Scheduled" list (issue 11): what waits for its time, soonest first, with its time
 * in clinic time, how many recipients wait, and the text; change the time or the text, send
 * now, or cancel — every waiting recipient of the send in one action (one transaction in the
 * backend: scheduled-sends.ts). It reloads when a status event touches `scheduled`.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '../../../src-shared/contract/dto.ts';
import { clinicFields } from '../../../src-shared/schedule/clinic-time.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { ingestStatus } from '../../state/status-feed.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatClinicTime } from '../../ui/format.ts';
import { laterInstant, useClinicTimeZone } from '../compose/SendLater.tsx';
import { useCan } from '../../state/session.ts';

type Editing = { kind: 'time'; date: string; time: string } | { kind: 'text'; text: string } | { kind: 'cancel' } | null;

function ScheduledRow({ m, onChanged }: { m: MessageSummary; onChanged: () => void }) {
  const { t, i18n } = useTranslation('outbox');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const id = useId();
  const [editing, setEditing] = useState<Editing>(null);
  // Issue 13: a viewer sees what is scheduled; changing it is a nurse's.
  const canChange = useCan('messages.reschedule');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = m.statusCounts.scheduled ?? 0;

  const run = async (action: () => Promise<{ ok: true; events?: unknown } | { ok: false; message: string }>, done: string) => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setEditing(null);
    toast.success(done);
    onChanged();
  };
  const events = async <C extends 'messages.reschedule' | 'messages.sendNow' | 'messages.cancelScheduled'>(command: C, params: Parameters<typeof callCommand<C>>[2]) => {
    const outcome = await callCommand(client, command, params);
    if (!outcome.ok) {
      const issues = validationIssues(outcome.error);
      return { ok: false as const, message: issues.length > 0 ? issues.map((i) => i.message).join(' ') : errorWords(outcome.error) };
    }
    for (const event of outcome.result) ingestStatus(event);
    return { ok: true as const };
  };

  const saveTime = (date: string, time: string) =>
    run(async () => {
      const when = laterInstant(date, time, timeZone, Date.now());
      if (!when.ok) return { ok: false, message: t(`compose:later.problem.${when.problem}`) };
      return events('messages.reschedule', { messageId: m.id, sendAt: when.iso });
    }, t('scheduled.moved', { count: waiting }));

  const saveText = (text: string) =>
    run(async () => {
      const outcome = await callCommand(client, 'messages.editScheduled', { messageId: m.id, text });
      if (!outcome.ok) {
        const issues = validationIssues(outcome.error);
        return { ok: false, message: issues.length > 0 ? issues.map((i) => i.message).join(' ') : errorWords(outcome.error) };
      }
      return { ok: true };
    }, t('scheduled.edited'));

  return (
    <li className="scheduled-row" aria-labelledby={`${id}-when`}>
      <div className="scheduled-row__head">
        <p id={`${id}-when`} className="scheduled-row__when">
          <time dateTime={m.sendAt ?? undefined}>{formatClinicTime(m.sendAt ?? null, i18n.language, timeZone)}</time>
          {' · '}
          {t('scheduled.waiting', { count: waiting })}
        </p>
        <p className="message-preview">{m.content}</p>
      </div>
      {editing?.kind === 'time' ? (
        <form
          className="scheduled-row__edit"
          onSubmit={(e) => {
            e.preventDefault();
            void saveTime(editing.date, editing.time);
          }}
        >
          <label>
            {t('compose:later.date')}
            <input type="date" value={editing.date} onChange={(e) => setEditing({ ...editing, date: e.target.value })} />
          </label>
          <label>
            {t('compose:later.time')}
            <input type="time" value={editing.time} onChange={(e) => setEditing({ ...editing, time: e.target.value })} />
          </label>
          <span className="field-hint">{t('compose:later.zone', { zone: timeZone })}</span>
          <Button type="submit" variant="primary" busy={busy}>{t('scheduled.saveTime')}</Button>
          <Button variant="quiet" onClick={() => setEditing(null)}>{t('scheduled.keep')}</Button>
        </form>
      ) : editing?.kind === 'text' ? (
        <form
          className="scheduled-row__edit"
          onSubmit={(e) => {
            e.preventDefault();
            void saveText(editing.text);
          }}
        >
          <label className="scheduled-row__text">
            {t('scheduled.text')}
            <textarea rows={4} value={editing.text} onChange={(e) => setEditing({ kind: 'text', text: e.target.value })} />
          </label>
          <Button type="submit" variant="primary" busy={busy}>{t('scheduled.saveText')}</Button>
          <Button variant="quiet" onClick={() => setEditing(null)}>{t('scheduled.keep')}</Button>
        </form>
      ) : !canChange ? null : (
        <div className="button-row">
          <Button onClick={() => setEditing({ kind: 'time', ...clinicFields(m.sendAt ? Date.parse(m.sendAt) : Date.now(), timeZone) })}>{t('scheduled.changeTime')}</Button>
          <Button onClick={() => setEditing({ kind: 'text', text: m.content })} disabled={waiting < m.recipientCount - (m.statusCounts.cancelled ?? 0)}>
            {t('scheduled.editText')}
          </Button>
          <Button busy={busy} onClick={() => void run(() => events('messages.sendNow', { messageId: m.id }), t('scheduled.sentNow', { count: waiting }))}>
            {t('scheduled.sendNow')}
          </Button>
          <Button variant="danger" onClick={() => setEditing({ kind: 'cancel' })}>{t('scheduled.cancel')}</Button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Dialog
        open={editing?.kind === 'cancel'}
        title={t('scheduled.cancelTitle', { count: waiting })}
        onClose={() => setEditing(null)}
        footer={
          <>
            <Button onClick={() => setEditing(null)}>{t('scheduled.keep')}</Button>
            <Button variant="danger" busy={busy} onClick={() => void run(() => events('messages.cancelScheduled', { messageId: m.id }), t('scheduled.cancelled', { count: waiting }))}>
              {t('scheduled.cancelYes')}
            </Button>
          </>
        }
      >
        <p>{m.content}</p>
      </Dialog>
    </li>
  );
}

export function ScheduledList() {
  const { t } = useTranslation('outbox');
  const client = useClient();
  const [items, setItems] = useState<MessageSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const outcome = await callCommand(client, 'messages.list', { status: 'scheduled', limit: 100 });
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    setError(null);
    // Soonest first: what goes next is what a nurse looks for.
    setItems([...outcome.result.items].filter((m) => (m.statusCounts.scheduled ?? 0) > 0).sort((a, b) => (a.sendAt ?? '').localeCompare(b.sendAt ?? '') || a.id - b.id));
  }, [client]);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('message.status', (event) => {
      if (event.from !== 'scheduled' && event.to !== 'scheduled') return;
      // A 500-recipient send changes 500 rows at once: one reload for the burst.
      if (timer === null) timer = setTimeout(() => {
        timer = null;
        void load();
      }, 200);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, load]);

  if (error) {
    return (
      <div className="form-error" role="alert">
        <p>{t('scheduled.loadFailed', { message: error })}</p>
        <Button onClick={() => void load()}>{t('common:action.tryAgain')}</Button>
      </div>
    );
  }
  if (!items || items.length === 0) return null;
  return (
    <section className="scheduled" aria-labelledby="scheduled-title">
      <h2 id="scheduled-title">{t('scheduled.title', { count: items.length })}</h2>
      <ul className="scheduled-list" aria-label={t('scheduled.list')}>
        {items.map((m) => (
          <ScheduledRow key={m.id} m={m} onChanged={() => void load()} />
        ))}
      </ul>
    </section>
  );
}
