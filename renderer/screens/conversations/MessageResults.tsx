/**
 * Search of message text (messages.search) under the matching conversations: "Messages (n)",
 * each hit a button (who, when, received / sent, the text with the searched words in <mark>)
 * that opens its conversation, "Show more" for older hits, and plain-words empty and error states.
 */
import { Fragment, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageHitDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords } from '../../app/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { formatWhen } from '../../ui/format.ts';

export const MESSAGE_HITS_PAGE_SIZE = 50;
/** The contract's longest query (schemas: messages.search q). */
const MAX_QUERY = 200;

interface HitsState {
  /** The query these hits are for (trimmed). */
  q: string;
  items: MessageHitDto[];
  nextBefore: number | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
}

const idle: HitsState = { q: '', items: [], nextBefore: null, loading: false, loaded: false, error: null };

/** The typed search as sent to messages.search: trimmed, at most the contract's length. */
export function messageQuery(search: string): string {
  return search.trim().slice(0, MAX_QUERY);
}

/** Runs messages.search `delayMs` after the typing stops; stale answers are dropped. */
function useMessageSearch(search: string, delayMs: number) {
  const client = useClient();
  const [state, setState] = useState<HitsState>(idle);
  const ticket = useRef(0);
  const q = messageQuery(search);

  const fetchPage = useCallback(
    async (query: string, before: number | null) => {
      const mine = ++ticket.current;
      setState((s) => (before === null ? { ...idle, q: query, loading: true } : { ...s, loading: true, error: null }));
      const outcome = await callCommand(client, 'messages.search', { q: query, limit: MESSAGE_HITS_PAGE_SIZE, ...(before !== null ? { before } : {}) });
      if (mine !== ticket.current) return;
      if (!outcome.ok) {
        setState((s) => ({ ...s, loading: false, error: errorWords(outcome.error) }));
        return;
      }
      const page = outcome.result;
      setState((s) => {
        const base = before === null ? [] : s.items;
        const seen = new Set(base.map((h) => h.messageId));
        return { q: query, items: [...base, ...page.items.filter((h) => !seen.has(h.messageId))], nextBefore: page.nextBefore, loading: false, loaded: true, error: null };
      });
    },
    [client],
  );

  useEffect(() => {
    if (q === '') {
      ticket.current++;
      setState(idle);
      return;
    }
    const timer = setTimeout(() => void fetchPage(q, null), delayMs);
    return () => clearTimeout(timer);
  }, [q, delayMs, fetchPage]);

  return {
    state,
    retry: () => void fetchPage(state.q || q, null),
    more: () => {
      if (state.nextBefore === null || state.loading) return;
      void fetchPage(state.q, state.nextBefore);
    },
  };
}

const hitText = (hit: MessageHitDto) => hit.parts.map((p) => p.text).join('');

function Hit({ hit, onOpen }: { hit: MessageHitDto; onOpen: (hit: MessageHitDto & { conversationId: number }) => void }) {
  const { t, i18n } = useTranslation('conversations');
  const directionId = useId();
  const who = hit.contactName ?? hit.address ?? t('unknownSender');
  const when = formatWhen(hit.created, i18n.language);
  const text = hitText(hit);
  const content = (
    <>
      <span className="message-hit-top">
        <span className="message-hit-who">{who}</span>
        <time className="message-hit-time" dateTime={hit.created}>
          {when}
        </time>
      </span>
      <span id={directionId} className={hit.direction === 'out' ? 'message-hit-direction message-hit-out' : 'message-hit-direction message-hit-in'}>
        {hit.direction === 'out' ? t('sentByYou') : t('received')}
      </span>
      <span className="message-hit-text">
        {hit.parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
      </span>
    </>
  );
  const conversationId = hit.conversationId;
  if (conversationId === null) {
    // Nothing to open (a message kept without its conversation): shown, not a button.
    return (
      <div className="message-hit message-hit-orphan" aria-label={t('hitLabel', { who, when, text })} aria-describedby={directionId} role="group">
        {content}
        <span className="message-hit-note">{t('hitNoConversation')}</span>
      </div>
    );
  }
  return (
    <button type="button" className="message-hit" aria-label={t('hitLabel', { who, when, text })} aria-describedby={directionId} onClick={() => onOpen({ ...hit, conversationId })}>
      {content}
    </button>
  );
}

export function MessageResults({ search, delayMs, onOpen }: { search: string; delayMs: number; onOpen: (hit: MessageHitDto & { conversationId: number }) => void }) {
  const { t } = useTranslation('conversations');
  const headingId = useId();
  const { state, retry, more } = useMessageSearch(search, delayMs);
  if (messageQuery(search) === '' || (!state.loaded && !state.loading && !state.error)) return null;

  const count = state.items.length;
  return (
    <section className="message-results" aria-labelledby={headingId} aria-busy={state.loading || undefined}>
      <h2 id={headingId} className="search-heading">
        {state.loaded ? t(state.nextBefore !== null ? 'messagesFoundMore' : 'messagesFound', { count }) : t('messages')}
      </h2>
      {state.error && !state.loading && (
        <div className="form-error" role="alert">
          <p>{t('searchFailed', { reason: state.error })}</p>
          <Button onClick={retry}>{t('common:action.tryAgain')}</Button>
        </div>
      )}
      {!state.loaded && state.loading && <p className="loading">{t('searching')}</p>}
      {state.loaded && count === 0 && !state.loading && !state.error && (
        <p className="message-results-empty" role="status">
          {t('noMessageHits', { q: state.q })}
        </p>
      )}
      {count > 0 && (
        <ul className="message-hits" aria-labelledby={headingId}>
          {state.items.map((hit) => (
            <li key={hit.messageId}>
              <Hit hit={hit} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
      {state.loaded && state.nextBefore !== null && (
        <div className="message-results-more">
          <Button onClick={more} busy={state.loading}>
            {t('showMore')}
          </Button>
        </div>
      )}
    </section>
  );
}
