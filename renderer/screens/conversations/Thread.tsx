/**
 * One conversation: bubbles (incoming left, outgoing right, each outgoing one with its status in
 * words and Retry when it failed), older pages on demand, and a reply box (Ctrl+Enter sends).
 * A missed call is a centred line ("Missed call · 10:42"); a long incoming SMS whose parts did not
 * all arrive (flag `incomplete`) says so under its text. `foundMessageId` (a message search hit
 * opened it) is scrolled to and marked when it is among the loaded messages.
 *
 * A contact's thread holds all of their numbers and e-mail addresses (issue 12): when they have
 * more than one, each bubble says which one it came from or went to, and the reply box says where
 * the reply goes (the backend's `replyTo`: where the thread last went or came from) with a
 * "Send reply to" select of the contact's addresses.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, ThreadMessage } from '../../../src-shared/contract/dto.ts';
import type { Protocol } from '../../../src-shared/model.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useConversations } from '../../state/conversations.ts';
import { ingestStatus } from '../../state/status-feed.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatWhen } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { TextArea } from '../../ui/TextField.tsx';
import { MessageCounter } from '../compose/MessageCounter.tsx';
import { useSettings } from '../../state/settings.ts';
import { GoToGateways } from '../compose/GoToGateways.tsx';
import { AddToContacts } from './AddToContacts.tsx';
import { DeleteConversation, DeleteMessage } from '../deletion/DeleteActions.tsx';
import { navigate } from '../../app/router.ts';
import { useCan } from '../../state/session.ts';
import './thread-print.css';

/** A date and time in the clinic's zone, in full: for paper (thread-print.css). */
function printedWords(at: number, language: string, timeZone: string): string {
  try {
    return new Date(at).toLocaleString(language, { timeZone, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' });
  } catch {
    return new Date(at).toISOString();
  }
}

/** When a message was written or arrived: short on screen ("14:05"), whole on paper (the date matters there). */
function When({ iso }: { iso: string }) {
  const { i18n } = useTranslation('conversations');
  const timeZone = useSettings((s) => s.settings?.clinicTimeZone ?? 'UTC');
  return (
    <time dateTime={iso}>
      <span className="when-screen">{formatWhen(iso, i18n.language)}</span>
      <span className="when-print">{printedWords(Date.parse(iso), i18n.language, timeZone)}</span>
    </time>
  );
}

/** An incoming call the modem logged (flag `missed-call`): a small centred line, not a bubble. */
function MissedCall({ message, showAddress = false }: { message: ThreadMessage; showAddress?: boolean }) {
  const { t } = useTranslation('conversations');
  return (
    <li className="thread-notice">
      {t('missedCall')}
      {showAddress && ` ${t('fromAddress', { address: message.recipient.address })}`}
      <span aria-hidden="true"> · </span>
      <When iso={message.created} />
    </li>
  );
}

/** A contact's thread that spans more than one address: its bubbles name theirs. */
export function spansAddresses(c: ConversationSummary | null | undefined, messages: readonly ThreadMessage[]): boolean {
  if (!c) return false;
  if ((c.contactAddresses?.length ?? 0) > 1 || (c.conversationIds?.length ?? 1) > 1) return true;
  return new Set(messages.map((m) => `${m.recipient.protocol}:${m.recipient.address}`)).size > 1;
}

export function Bubble({ message, found = false, showAddress = false }: { message: ThreadMessage; found?: boolean; showAddress?: boolean }) {
  const { t } = useTranslation('conversations');
  const client = useClient();
  const [retrying, setRetrying] = useState(false);
  const canRetry = useCan('messages.retry');
  const r = message.recipient;
  const out = message.direction === 'out';
  const incomplete = !out && r.flags.includes('incomplete');

  const retry = async () => {
    setRetrying(true);
    const outcome = await callCommand(client, 'messages.retry', { recipientId: r.id });
    setRetrying(false);
    if (outcome.ok) ingestStatus(outcome.result);
    else toast.error(errorWords(outcome.error));
  };

  return (
    <li className={['bubble', out ? 'bubble-out' : 'bubble-in', found ? 'bubble-found' : ''].filter(Boolean).join(' ')} data-message-id={message.id}>
      {found && <span className="bubble-found-label">{t('foundMessage')}</span>}
      <span className="visually-hidden">{out ? t('sentByYou') : t('received')}: </span>
      {message.subject && <p className="bubble-subject">{message.subject}</p>}
      <p className="bubble-text">{message.content}</p>
      <div className="bubble-meta">
        {showAddress && <span className="bubble-address">{t(out ? 'toAddress' : 'fromAddress', { address: r.address })}</span>}
        <When iso={message.created} />
        {out && <StatusBadge status={r.status} reason={r.lastError} code={r.lastErrorCode} flags={r.flags} reportOverdue={r.reportOverdue} />}
        {out && r.status === 'failed' && canRetry && (
          <Button onClick={() => void retry()} busy={retrying}>
            {t('common:action.retry')}
          </Button>
        )}
        <DeleteMessage messageId={message.id} />
      </div>
      {incomplete && <p className="bubble-note">{t('incomplete')}</p>}
    </li>
  );
}

type ReplyAddress = { address: string; protocol: Protocol };
const keyOf = (a: ReplyAddress) => `${a.protocol}:${a.address}`;

/** Where a reply can go: the contact's addresses (phones first), and the default if it is not among them. */
function replyChoices(c: ConversationSummary): ReplyAddress[] {
  const choices: ReplyAddress[] = (c.contactAddresses ?? []).map((a) => ({ address: a.address, protocol: a.protocol }));
  const fallback = c.replyTo ?? { address: c.address, protocol: c.protocol };
  if (!choices.some((a) => keyOf(a) === keyOf(fallback))) choices.unshift(fallback);
  return choices;
}

function ReplyBox({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation('conversations');
  const client = useClient();
  const counterId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const thread = useConversations((s) => s.threads[conversationId]);
  const maxParts = useSettings((s) => s.protocol.maxSmsParts);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  /** The address the nurse picked ("sms:+2547…"); null: the backend's choice (`replyTo`). */
  const [picked, setPicked] = useState<string | null>(null);
  const conversation = thread?.conversation;

  // A draft belongs to one conversation.
  useEffect(() => {
    setText('');
    setError(null);
    setPicked(null);
  }, [conversationId]);

  if (!conversation) return null;

  const choices = replyChoices(conversation);
  const fallback = conversation.replyTo ?? { address: conversation.address, protocol: conversation.protocol };
  // A pick the contact no longer has (saved meanwhile) falls back to the default.
  const to = choices.find((c) => keyOf(c) === picked) ?? fallback;

  const send = async () => {
    if (sending) return;
    if (text.trim() === '') {
      setError({ code: 'empty', message: t('compose:emptyMessage') });
      box.current?.focus();
      return;
    }
    const lastIncoming = [...(thread?.messages ?? [])].reverse().find((m) => m.direction === 'in');
    setSending(true);
    setError(null);
    const outcome = await callCommand(client, 'messages.send', {
      to: [{ kind: 'address', address: to.address, protocol: to.protocol }],
      text,
      ...(lastIncoming ? { inReplyTo: lastIncoming.id } : {}),
    });
    setSending(false);
    if (!outcome.ok) {
      setError({ code: outcome.error.code, message: errorWords(outcome.error) });
      return;
    }
    const sent = text;
    setText('');
    useConversations.getState().noteSent(conversationId, sent, new Date().toISOString());
    await useConversations.getState().refreshThread(client, conversationId);
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      onKeyDown={onKeyDown}
      noValidate
    >
      {choices.length > 1 ? (
        <div className="field reply-to">
          <label htmlFor={`${counterId}-to`}>{t('replyTo.label')}</label>
          <select id={`${counterId}-to`} className="input" value={keyOf(to)} onChange={(e) => setPicked(e.target.value)}>
            {choices.map((c) => (
              <option key={keyOf(c)} value={keyOf(c)}>
                {t(c.protocol === 'sms' ? 'replyTo.sms' : 'replyTo.email', { address: c.address })}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="reply-to">{t('replyTo.only', { address: to.address })}</p>
      )}
      <TextArea ref={box} label={t('reply')} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={to.protocol === 'sms' ? counterId : undefined} />
      {to.protocol === 'sms' && <MessageCounter id={counterId} text={text} maxParts={maxParts} onReplace={(next) => { setText(next); box.current?.focus(); }} />}
      {error && (
        <div className="form-error" role="alert">
          <p>{error.message}</p>
          {error.code === 'no-gateway' && (
            <GoToGateways />
          )}
        </div>
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={sending}>
          {t('sendReply')}
        </Button>
        <span className="shortcut-hint">{t('compose:shortcut')}</span>
      </div>
    </form>
  );
}

/** When the page is printed, for the printout's note: read again as printing starts. */
function usePrintedAt(): number {
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    const before = () => setAt(Date.now());
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, []);
  return at;
}

export function Thread({ conversationId, foundMessageId = null }: { conversationId: number; foundMessageId?: number | null }) {
  const { t, i18n } = useTranslation('conversations');
  const timeZone = useSettings((s) => s.settings?.clinicTimeZone ?? 'UTC');
  const printedAt = usePrintedAt();
  const client = useClient();
  const thread = useConversations((s) => s.threads[conversationId]);
  const loadOlder = useConversations((s) => s.loadOlder);
  const scroller = useRef<HTMLDivElement>(null);
  const lastId = thread?.messages[thread.messages.length - 1]?.id;
  // Issue 13: a viewer reads; replying is a nurse's.
  const canReply = useCan('messages.send');

  // Newest at the bottom: follow it when it changes (opening, a reply, an incoming message).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversationId, lastId]);

  // A search hit opened this thread: show that message instead of the newest (when loaded).
  const foundLoaded = foundMessageId !== null && thread?.messages.some((m) => m.id === foundMessageId) === true;
  useLayoutEffect(() => {
    if (!foundLoaded || foundMessageId === null) return;
    const el = scroller.current?.querySelector(`[data-message-id="${foundMessageId}"]`);
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
  }, [conversationId, foundMessageId, foundLoaded, lastId]);

  if (!thread || (thread.loading && thread.messages.length === 0)) {
    return <p className="loading">{t('common:loading')}</p>;
  }
  if (thread.error && thread.messages.length === 0) {
    return (
      <div className="form-error" role="alert">
        <p>{thread.error}</p>
        <Button onClick={() => void useConversations.getState().open(client, conversationId)}>{t('common:action.tryAgain')}</Button>
      </div>
    );
  }
  const c = thread.conversation;
  const title = c ? (c.contactName ?? c.address) : '';
  const spread = spansAddresses(c, thread.messages);
  return (
    <section className="thread" aria-labelledby="thread-title">
      <div className="thread-head">
        <h2 id="thread-title">{title}</h2>
        {c?.contactName && <p className="thread-address">{(c.contactAddresses?.length ? c.contactAddresses.map((a) => a.address) : [c.address]).join(' · ')}</p>}
        {c && <AddToContacts conversation={c} />}
        {c && <DeleteConversation conversationId={conversationId} name={title} onDeleted={() => navigate('conversations')} />}
        {c && thread.messages.length > 0 ? (
          <Button variant="quiet" onClick={() => window.print()} aria-label={t('printNamed', { name: title })}>
            {t('print')}
          </Button>
        ) : null}
        <p className="thread-print-note">{t('printedAt', { when: printedWords(printedAt, i18n.language, timeZone) })}</p>
      </div>
      <div className="thread-scroll" ref={scroller}>
        {thread.nextBefore !== null && (
          <Button onClick={() => void loadOlder(client, conversationId)} busy={thread.loading}>
            {t('older')}
          </Button>
        )}
        {thread.messages.length === 0 ? (
          <EmptyState title={t('emptyThread')} />
        ) : (
          <ol className="bubbles" aria-label={t('messages')}>
            {thread.messages.map((m) =>
              m.direction === 'in' && m.recipient.flags.includes('missed-call') ? (
                <MissedCall key={m.recipient.id} message={m} showAddress={spread} />
              ) : (
                <Bubble key={m.recipient.id} message={m} found={m.id === foundMessageId} showAddress={spread} />
              ),
            )}
          </ol>
        )}
      </div>
      {canReply ? <ReplyBox conversationId={conversationId} /> : null}
    </section>
  );
}
