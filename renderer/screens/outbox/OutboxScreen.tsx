/**
 * Outbox & history: every message, newest first, paged and virtualised; status filters; per
 * recipient details (status log in words) on expand, Retry on failed and Cancel on queued; a
 * live "Sent 120 of 500" bar on messages with several recipients still going out; on a send to
 * several, "Retry all failed" and "Cancel all waiting" (SendActions.tsx). A recipient not sent
 * because the number opted out shows the backend's reason beside its status.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MessageSummary, RecipientDetail } from '../../../src-shared/contract/dto.ts';
import { RECIPIENT_STATUSES, type RecipientStatus } from '../../../src-shared/model.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { OUTBOX_FILTERS, progressOf, useOutbox, type OutboxFilter } from '../../state/outbox.ts';
import { ingestStatus } from '../../state/status-feed.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatWhen } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { BulkProgress } from '../compose/ComposeScreen.tsx';
import { SmsWaitingBanner, SmsWaitingNote } from './SmsWaiting.tsx';
import { ScheduledList } from './ScheduledList.tsx';
import { SendActions } from './SendActions.tsx';
import { useCan } from '../../state/session.ts';

const comparable = (words: string) => words.trim().toLowerCase().replace(/[.!…]+$/u, '');

/**
 * True when the backend's reason for a status change only restates the status ("queued" under
 * Queued, "received" under Received): the log then shows the status word alone. The reason is
 * the backend's English, so the English status word is compared too.
 */
export function restatesStatus(reason: string, status: RecipientStatus, t: TFunction, english: TFunction): boolean {
  const said = comparable(reason);
  return [status, t(`common:status.${status}`), english(`common:status.${status}`)].some((words) => comparable(words) === said);
}

function RecipientRow({ r }: { r: RecipientDetail }) {
  const { t, i18n } = useTranslation('outbox');
  const english = i18n.getFixedT('en');
  const client = useClient();
  const [busy, setBusy] = useState(false);
  // Issue 13: a viewer reads the Outbox; retrying and cancelling are a nurse's.
  const canRetry = useCan('messages.retry');
  const canCancel = useCan('messages.cancel');
  const act = async (command: 'messages.retry' | 'messages.cancel') => {
    setBusy(true);
    const outcome = await callCommand(client, command, { recipientId: r.id });
    setBusy(false);
    if (outcome.ok) ingestStatus(outcome.result);
    else toast.error(errorWords(outcome.error));
  };
  return (
    <li className="recipient">
      <div className="recipient-head">
        <span className="recipient-name">
          {r.contactName ? `${r.contactName} · ${r.address}` : r.address}
        </span>
        <StatusBadge status={r.status} reason={r.lastError} code={r.lastErrorCode} flags={r.flags} reportOverdue={r.reportOverdue} />
        {r.status === 'suppressed' && <span className="recipient-reason">{r.lastError?.trim() || t('suppressedWhy')}</span>}
        {r.status === 'failed' && canRetry && (
          <Button onClick={() => void act('messages.retry')} busy={busy}>
            {t('common:action.retry')}
          </Button>
        )}
        {(r.status === 'outbox' || r.status === 'scheduled') && canCancel && (
          <Button onClick={() => void act('messages.cancel')} busy={busy}>
            {t('common:action.cancel')}
          </Button>
        )}
      </div>
      <SmsWaitingNote recipient={r} />
      {r.log.length > 0 && (
        <ol className="status-log" aria-label={t('log', { address: r.address })}>
          {r.log.map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <time dateTime={entry.at}>{formatWhen(entry.at, i18n.language)}</time> {t(`common:status.${entry.to}`)}
              {entry.reason && !restatesStatus(entry.reason, entry.to, t, english) ? ` — ${entry.reason}` : ''}
              {entry.gateway ? ` (${entry.gateway})` : ''}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

function Details({ messageId }: { messageId: number }) {
  const { t } = useTranslation('outbox');
  const client = useClient();
  const state = useOutbox((s) => s.details[messageId]);
  useEffect(() => {
    void useOutbox.getState().loadDetail(client, messageId);
  }, [client, messageId]);
  if (!state || (state.loading && !state.detail)) return <p className="loading">{t('common:loading')}</p>;
  if (state.error && !state.detail) {
    return (
      <div className="form-error" role="alert">
        <p>{state.error}</p>
        <Button onClick={() => void useOutbox.getState().loadDetail(client, messageId)}>{t('common:action.tryAgain')}</Button>
      </div>
    );
  }
  const detail = state.detail;
  if (!detail) return null;
  return (
    <div className="message-detail">
      {detail.subject && <p><strong>{t('subject')}:</strong> {detail.subject}</p>}
      <p className="message-full">{detail.content}</p>
      <ul className="recipients-detail" aria-label={t('recipients')}>
        {detail.recipients.map((r) => (
          <RecipientRow key={r.id} r={r} />
        ))}
      </ul>
    </div>
  );
}

/** "3 recipients · 1 sent · 2 not sent: opted out": each count worded (and pluralised) by the language's own key. */
function CountsInWords({ summary }: { summary: MessageSummary }) {
  const { t } = useTranslation('outbox');
  const parts = RECIPIENT_STATUSES.filter((s) => (summary.statusCounts[s] ?? 0) > 0).map((s) => t(`statusCount.${s}`, { count: summary.statusCounts[s] ?? 0 }));
  return (
    <span className="counts">
      {summary.direction === 'out' ? t('recipientCount', { count: summary.recipientCount }) : t('incoming')}
      {parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}
    </span>
  );
}

function MessageRow({ id, expanded, onToggle }: { id: number; expanded: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation('outbox');
  const summary = useOutbox((s) => s.byId[id]);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const canBulk = useCan('messages.retryFailed');
  if (!summary) return null;
  const p = progressOf(summary);
  const detailId = `message-detail-${id}`;
  // A bulk action's button goes once it has nothing left to do: focus then stays on this row.
  const refocus = () =>
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) toggleRef.current?.focus();
    }, 0);
  return (
    <article className="message-row" aria-labelledby={`message-title-${id}`}>
      <div className="message-row-head">
        <p id={`message-title-${id}`} className="message-preview">
          {summary.subject ? <strong>{summary.subject}: </strong> : null}
          {summary.content}
        </p>
        <time dateTime={summary.created}>{formatWhen(summary.created, i18n.language)}</time>
      </div>
      <div className="message-row-meta">
        <CountsInWords summary={summary} />
        <Button ref={toggleRef} variant="quiet" aria-expanded={expanded} aria-controls={detailId} onClick={onToggle}>
          {expanded ? t('hideDetails') : t('showDetails')}
        </Button>
      </div>
      {summary.direction === 'out' && summary.recipientCount > 1 && canBulk && <SendActions summary={summary} onDone={refocus} />}
      {summary.recipientCount > 1 && p.waiting > 0 && <BulkProgress messageId={id} />}
      <div id={detailId} hidden={!expanded}>
        {expanded && <Details messageId={id} />}
      </div>
    </article>
  );
}

export function OutboxScreen() {
  const { t } = useTranslation('outbox');
  const client = useClient();
  const filter = useOutbox((s) => s.filter);
  const order = useOutbox((s) => s.order);
  const loaded = useOutbox((s) => s.loaded);
  const loading = useOutbox((s) => s.loading);
  const error = useOutbox((s) => s.error);
  const nextBefore = useOutbox((s) => s.nextBefore);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    // Fresh on every visit: other windows, the HTTP API and incoming messages add rows too.
    void useOutbox.getState().load(client);
  }, [client]);

  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const choose = (f: OutboxFilter) => void useOutbox.getState().setFilter(client, f);

  return (
    <section className="screen outbox" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('title')}</h1>
      <SmsWaitingBanner />
      <ScheduledList />
      <div className="filters" role="group" aria-label={t('filterLabel')}>
        {OUTBOX_FILTERS.map((f) => (
          <Button key={f} aria-pressed={filter === f} className={filter === f ? 'filter filter-on' : 'filter'} onClick={() => choose(f)}>
            {f === 'all' ? t('all') : t(`common:status.${f}`)}
          </Button>
        ))}
      </div>
      {error && (
        <div className="form-error" role="alert">
          <p>{error}</p>
          <Button onClick={() => void useOutbox.getState().load(client)}>{t('common:action.tryAgain')}</Button>
        </div>
      )}
      {loaded && order.length === 0 ? (
        <EmptyState title={filter === 'all' ? t('empty') : t('emptyFiltered', { status: t(`common:status.${filter}`) })} />
      ) : (
        <VirtualList
          label={t('list')}
          items={order}
          getKey={(id) => id}
          estimateSize={96}
          renderItem={(id) => <MessageRow id={id} expanded={expanded.has(id)} onToggle={() => toggle(id)} />}
          onEndReached={() => void useOutbox.getState().loadMore(client)}
          footer={
            nextBefore !== null ? (
              <Button onClick={() => void useOutbox.getState().loadMore(client)} busy={loading}>
                {t('common:action.loadMore')}
              </Button>
            ) : loading ? (
              <p className="loading">{t('common:loading')}</p>
            ) : null
          }
        />
      )}
    </section>
  );
}
