/**
 * One appointment: its clinic time, the patient, the service and its status in words, then its
 * reminders (time, status, the text on expand), and what a nurse does with it: Move (a new date
 * and time in clinic time: the backend plans its reminders again), Mark attended, Mark missed,
 * Cancel (after a confirmation). Mark attended and Mark missed are offered only from the
 * appointment's own day on (clinic date, today or past): a future appointment cannot have been
 * attended or missed yet, and a one-click mark has no way back. Closed appointments (cancelled, attended, missed) offer nothing:
 * the backend would refuse a move, and their waiting reminders are already cancelled.
 * Each action says what it did in a toast; a failure is said here, under what failed.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatClinicTime } from '../../ui/format.ts';
import { CLOCK_TIME_INPUT, readClockTime } from '../../ui/clock-time.ts';
import { FieldMessages } from '../../ui/TextField.tsx';
import { laterInstant } from '../compose/SendLater.tsx';
import { appointmentStatusWords, clinicDate, CLOSED_STATUSES, fieldsFor, issueWords, reminderBadgeWords } from './words.ts';
import { useCan } from '../../state/session.ts';

function ReminderLine({ sendAt, status, timeZone }: { sendAt: string; status: string; timeZone: string }) {
  const { t, i18n } = useTranslation('reminders');
  return (
    <>
      <time className="reminder__when" dateTime={sendAt}>
        {formatClinicTime(sendAt, i18n.language, timeZone)}
      </time>
      <span className={`badge badge-reminder-${status}`}>{reminderBadgeWords(t, status, sendAt, Date.now())}</span>
    </>
  );
}

type Editing = { kind: 'move'; date: string; time: string } | { kind: 'cancel' } | null;

/** The DOM id of an appointment's name, which actions move the keyboard to. */
export const appointmentFocusId = (id: number) => `appointment-${id}-name`;

const waitingCount = (a: AppointmentDto) => a.reminders.filter((r) => r.status === 'scheduled').length;

/**
 * What a card is named by. `patient` (a day's list: the patients differ): the patient's name.
 * `when` (one patient's page, ContactAppointments.tsx: every card has the same patient): its
 * clinic time and service ("Thu 10 Jan, 09:30, Antenatal care"), so a screen reader's list of
 * regions tells the cards apart.
 */
export type CardNaming = 'patient' | 'when';

export function AppointmentCard({ a, timeZone, onChanged, naming = 'patient' }: { a: AppointmentDto; timeZone: string; onChanged: (updated: AppointmentDto) => void; naming?: CardNaming }) {
  const { t, i18n } = useTranslation('reminders');
  const client = useClient();
  const id = useId();
  // Issue 13: moving, marking and cancelling are a nurse's; a viewer sees the card only.
  const canChange = useCan('appointments.update');
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<null | 'move' | 'attended' | 'missed' | 'cancelled'>(null);
  const [error, setError] = useState<{ where: 'move' | 'row'; words: string } | null>(null);
  const moveButton = useRef<HTMLButtonElement>(null);
  const moveDate = useRef<HTMLInputElement>(null);
  const moving = editing?.kind === 'move';
  /** Set when the nurse keeps the old time: the keyboard goes back to Move once the form is gone. */
  const backToMove = useRef(false);
  useEffect(() => {
    if (moving) moveDate.current?.focus();
    else if (backToMove.current) moveButton.current?.focus();
    backToMove.current = false;
  }, [moving]);
  const open = !CLOSED_STATUSES.includes(a.status);
  /** Its clinic day has come (today or past): attended or missed can be said of it. */
  const dayHasCome = clinicDate(Date.parse(a.start), timeZone) <= clinicDate(Date.now(), timeZone);
  const when = formatClinicTime(a.start, i18n.language, timeZone);
  const name = a.patient.name;
  const waiting = waitingCount(a);
  const reminders = [...a.reminders].sort((x, y) => x.sendAt.localeCompare(y.sendAt) || x.step - y.step);
  const byWhen = naming === 'when';
  const cardName = a.service ? t('card.whenService', { when, service: a.service }) : when;
  // The actions say which appointment they act on: the patient in a day's list, the time on a patient's page.
  const actionTarget = byWhen ? `${id}-when` : appointmentFocusId(a.id);

  const update = async (action: 'move' | 'attended' | 'missed' | 'cancelled', params: { start: string } | { status: 'attended' | 'missed' | 'cancelled' }) => {
    setBusy(action);
    setError(null);
    const outcome = await callCommand(client, 'appointments.update', { id: a.id, ...params });
    setBusy(null);
    if (!outcome.ok) {
      const issues = validationIssues(outcome.error);
      const words = issues.length > 0 ? issues.map((i) => issueWords(t, i)).join(' ') : errorWords(outcome.error);
      setError({ where: action === 'move' ? 'move' : 'row', words });
      if (action === 'cancelled') setEditing(null);
      return;
    }
    const updated = outcome.result;
    setEditing(null);
    if (action === 'move') {
      toast.success(t('toast.moved', { name, when: formatClinicTime(updated.start, i18n.language, timeZone), count: waitingCount(updated) }));
    } else {
      toast.success(t(`toast.${action}`, { name, count: waiting }));
    }
    onChanged(updated);
  };

  const saveMove = (date: string, typed: string) => {
    // Typed on the 24-hour clock (ui/clock-time.ts): not a time is said as such, with what was typed.
    const time = readClockTime(typed);
    if (time === null && typed.trim() !== '') {
      setError({ where: 'move', words: t('issue.time-format', { value: typed.trim() }) });
      return;
    }
    const w = laterInstant(date, time ?? '', timeZone, Date.now());
    if (!w.ok) {
      setError({ where: 'move', words: t(`issue.when-${w.problem}`) });
      return;
    }
    void update('move', { start: w.iso });
  };

  /** Keep the old time: the form goes, and the keyboard goes back to Move. */
  const keepTime = () => {
    backToMove.current = true;
    setEditing(null);
    setError(null);
  };

  const onMoveKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    keepTime();
  };

  const moveError = error?.where === 'move' ? error.words : null;
  const moveDescribedBy = [`${id}-move-hint`, moveError ? `${id}-move-error` : ''].filter(Boolean).join(' ');

  return (
    <article
      className={`appointment appointment--${a.status}`}
      {...(byWhen ? { 'aria-label': cardName } : { 'aria-labelledby': appointmentFocusId(a.id), 'aria-describedby': `${id}-when` })}
    >
      <div className="appointment__head">
        <p className="appointment__when" id={`${id}-when`}>
          <time dateTime={a.start}>{when}</time>
        </p>
        <p className="appointment__who">
          <strong id={appointmentFocusId(a.id)} tabIndex={-1}>
            {name}
          </strong>
          {a.patient.phone && <span className="appointment__phone">{a.patient.phone}</span>}
        </p>
        {a.service && <p className="appointment__service">{a.service}</p>}
        <p className="appointment__status">
          <span className={`badge badge-appointment-${a.status}`}>{appointmentStatusWords(t, a.status)}</span>
        </p>
      </div>

      {reminders.length > 0 ? (
        <ul className="reminder-list" aria-label={byWhen ? t('reminder.listFor', { when: cardName }) : t('reminder.list', { name })}>
          {reminders.map((r) => (
            <li key={`${r.step}-${r.sendAt}-${r.messageId ?? 'none'}`} className="reminder">
              {r.text !== null ? (
                // The whole line opens the text: a large target, and its name says which reminder.
                <details className="reminder__details">
                  <summary className="reminder__line">
                    <ReminderLine sendAt={r.sendAt} status={r.status} timeZone={timeZone} />
                    <span className="reminder__show">{t('reminder.showText')}</span>
                  </summary>
                  <p className="message-full reminder__text">{r.text}</p>
                </details>
              ) : (
                <p className="reminder__line">
                  <ReminderLine sendAt={r.sendAt} status={r.status} timeZone={timeZone} />
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="reminder-none">{t('reminder.none')}</p>
      )}

      {open && editing?.kind === 'move' ? (
        <form
          className="appointment__move"
          aria-label={t('move.form', { name })}
          onKeyDown={onMoveKey}
          onSubmit={(e) => {
            e.preventDefault();
            saveMove(editing.date, editing.time);
          }}
        >
          <label>
            {t('move.date')}
            <input ref={moveDate} className="input" type="date" value={editing.date} aria-invalid={moveError ? true : undefined} aria-describedby={moveDescribedBy} onChange={(e) => setEditing({ ...editing, date: e.target.value })} />
          </label>
          <label>
            {t('move.time')}
            <input className="input input-time" {...CLOCK_TIME_INPUT} value={editing.time} aria-invalid={moveError ? true : undefined} aria-describedby={moveDescribedBy} onChange={(e) => setEditing({ ...editing, time: e.target.value })} />
          </label>
          <Button type="submit" variant="primary" busy={busy === 'move'}>
            {t('move.save')}
          </Button>
          <Button variant="quiet" onClick={keepTime}>
            {t('move.keep')}
          </Button>
          <div className="appointment__move-messages">
            <FieldMessages hintId={`${id}-move-hint`} hint={t('zone', { zone: timeZone })} errorId={`${id}-move-error`} error={moveError} />
          </div>
        </form>
      ) : open && canChange ? (
        <div className="appointment__actions">
          <Button ref={moveButton} aria-describedby={actionTarget} onClick={() => setEditing({ kind: 'move', ...fieldsFor(a.start, timeZone) })}>
            {t('action.move')}
          </Button>
          {dayHasCome && (
            <>
              <Button aria-describedby={actionTarget} busy={busy === 'attended'} onClick={() => void update('attended', { status: 'attended' })}>
                {t('action.attended')}
              </Button>
              <Button aria-describedby={actionTarget} busy={busy === 'missed'} onClick={() => void update('missed', { status: 'missed' })}>
                {t('action.missed')}
              </Button>
            </>
          )}
          <Button aria-describedby={actionTarget} variant="danger" onClick={() => setEditing({ kind: 'cancel' })}>
            {t('action.cancel')}
          </Button>
        </div>
      ) : null}

      {error?.where === 'row' && (
        <p className="form-error" role="alert">
          {error.words}
        </p>
      )}

      <Dialog
        open={editing?.kind === 'cancel'}
        title={t('cancel.title', { name })}
        onClose={() => setEditing(null)}
        footer={
          <>
            <Button onClick={() => setEditing(null)}>{t('cancel.keep')}</Button>
            <Button variant="danger" busy={busy === 'cancelled'} onClick={() => void update('cancelled', { status: 'cancelled' })}>
              {t('cancel.yes')}
            </Button>
          </>
        }
      >
        <p>{t('cancel.when', { when })}</p>
        <p>{t('cancel.reminders', { count: waiting })}</p>
      </Dialog>
    </article>
  );
}

/** A list of appointment cards (a day, or the requests for another time). */
export function AppointmentList({ items, label, timeZone, onChanged, naming }: { items: AppointmentDto[]; label: string; timeZone: string; onChanged: (a: AppointmentDto) => void; naming?: CardNaming }) {
  return (
    <ul className="appointment-list" aria-label={label}>
      {items.map((a) => (
        <li key={a.id}>
          <AppointmentCard a={a} timeZone={timeZone} onChanged={onChanged} naming={naming} />
        </li>
      ))}
    </ul>
  );
}
