/**
 * "Needs attention": the nurse's list of replies to deal with (`attention.list`: replies no rule
 * understood, and requests for another time), newest first, and under them the appointments whose
 * patient asked for another time with no open reply about it (the reply was marked done, or came
 * before the list existed).
 *
 * A reply shows who sent it (the contact's name, else the number), when (clinic time), its text
 * and why it is here; it offers "Open the conversation" (the thread, as the Conversations screen
 * links to it) and "Mark done" (`attention.done`). A request for another time carries its
 * appointment's card, with the card's own actions (Move, Mark attended ...): the screen shows that
 * appointment here only, not again in its day (RemindersScreen groups).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentDto, AttentionDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords } from '../../app/errors.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { formatClinicTime } from '../../ui/format.ts';
import { AppointmentCard, AppointmentList } from './AppointmentCard.tsx';
import { attentionReasonWords } from './words.ts';
import { useCan } from '../../state/session.ts';

/** A reply on the list, with the appointment shown beside it (if any). */
export interface AttentionEntry {
  item: AttentionDto;
  appointment: AppointmentDto | null;
}

/** The DOM id of a reply's sender, which the keyboard goes to after a neighbour is marked done. */
export const replyFocusId = (messageId: number) => `attention-${messageId}-who`;

/** The DOM id of the section's heading. */
export const ATTENTION_HEADING_ID = 'reminders-attention';

export const whoOf = (item: AttentionDto): string => item.contactName ?? item.from;

function AttentionItem({ entry, timeZone, onChanged, onDone }: { entry: AttentionEntry; timeZone: string; onChanged: (a: AppointmentDto) => void; onDone: (item: AttentionDto) => void }) {
  const { t, i18n } = useTranslation('reminders');
  const client = useClient();
  const { item, appointment } = entry;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = whoOf(item);
  const conversationId = item.conversationId;
  const whyId = `attention-${item.messageId}-why`;
  const canDone = useCan('attention.done');

  const markDone = async () => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'attention.done', { messageId: item.messageId });
    setBusy(false);
    if (!outcome.ok) {
      setError(t('attention.doneFailed', { message: errorWords(outcome.error) }));
      return;
    }
    toast.success(outcome.result.done ? t('attention.doneToast', { who }) : t('attention.alreadyDone', { who }));
    onDone(item);
  };

  return (
    <article className={`appointment attention-item attention-item--${item.reason}`} aria-label={t('attention.item', { who })} aria-describedby={whyId}>
      <div className="appointment__head">
        <p className="appointment__when">
          <time dateTime={item.created}>{t('attention.received', { when: formatClinicTime(item.created, i18n.language, timeZone) })}</time>
        </p>
        <p className="appointment__who">
          <strong id={replyFocusId(item.messageId)} tabIndex={-1}>
            {who}
          </strong>
          {item.contactName !== null && <span className="appointment__phone">{item.from}</span>}
        </p>
        <p className="appointment__status">
          <span id={whyId} className={item.reason === 'reschedule-requested' ? 'badge badge-appointment-reschedule-requested' : 'badge'}>
            {attentionReasonWords(t, item.reason)}
          </span>
        </p>
      </div>

      <blockquote className="message-full attention-item__text">
        <p>{item.text}</p>
      </blockquote>

      <div className="appointment__actions">
        {conversationId !== null && (
          <a
            className="btn btn-secondary"
            href={routeHref('conversations', conversationId)}
            aria-label={t('attention.openFor', { who })}
            onClick={(e) => {
              if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              navigate('conversations', conversationId);
            }}
          >
            {t('attention.open')}
          </a>
        )}
        {canDone ? (
          <Button variant="primary" busy={busy} aria-label={t('attention.doneFor', { who })} onClick={() => void markDone()}>
            {t('attention.done')}
          </Button>
        ) : null}
      </div>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {appointment && <AppointmentCard a={appointment} timeZone={timeZone} onChanged={onChanged} />}
    </article>
  );
}

export function NeedsAttention({
  entries,
  appointments,
  timeZone,
  error,
  onRetry,
  onChanged,
  onDone,
}: {
  entries: AttentionEntry[];
  /** Requests for another time with no open reply. */
  appointments: AppointmentDto[];
  timeZone: string;
  /** The replies could not be loaded (the appointments still show). */
  error: string | null;
  onRetry: () => void;
  onChanged: (a: AppointmentDto) => void;
  onDone: (item: AttentionDto) => void;
}) {
  const { t } = useTranslation('reminders');
  const count = entries.length + appointments.length;
  if (count === 0 && !error) return null;
  return (
    <section className="reminders-section reminders-attention" aria-labelledby={ATTENTION_HEADING_ID}>
      <h2 id={ATTENTION_HEADING_ID} tabIndex={-1}>
        {t('attention.title', { count })}
      </h2>
      <p className="field-hint">{t('attention.hint')}</p>
      {error && (
        <div className="form-error" role="alert">
          <p>{t('attention.loadFailed', { message: error })}</p>
          <Button onClick={onRetry}>{t('common:action.tryAgain')}</Button>
        </div>
      )}
      {entries.length > 0 && (
        <ul className="appointment-list" aria-label={t('attention.replies')}>
          {entries.map((entry) => (
            <li key={entry.item.messageId}>
              <AttentionItem entry={entry} timeZone={timeZone} onChanged={onChanged} onDone={onDone} />
            </li>
          ))}
        </ul>
      )}
      {appointments.length > 0 && <AppointmentList items={appointments} label={t('attention.list')} timeZone={timeZone} onChanged={onChanged} />}
    </section>
  );
}
