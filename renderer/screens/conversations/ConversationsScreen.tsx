/**
 * Conversations: a searchable, virtualised list (most recent first, unread counts) and the open
 * thread. The route carries the open conversation (#/conversations/12), so Back works. While a
 * search is typed, the messages whose text matches are listed under the conversations
 * (MessageResults); opening one opens its conversation with that message marked.
 *
 * Two views, toggle buttons above the list: All, and Replies (only threads waiting for the
 * clinic: unread, or the patient wrote last). A thread whose newest message came in says so in
 * words ("Waiting for a reply"). In the headless host (a browser tab) a button asks the browser
 * for notifications of new replies (app/reply-notifications.ts) — only from that click.
 *
 * One row per contact across all of their numbers (issue 12; state/conversations.ts `covers`).
 * The list is read again each time the screen is shown: a contact saved on the Contacts screen
 * (a number gained or lost) sends no event, and the merge is the backend's, at each read.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/client-context.tsx';
import { useQuery } from '../../app/hooks.ts';
import { useNotificationPermission } from '../../app/reply-notifications.ts';
import { navigate, routeHref } from '../../app/router.ts';
import { covers, useConversations } from '../../state/conversations.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatWhen } from '../../ui/format.ts';
import { VirtualList } from '../../ui/VirtualList.tsx';
import { MessageResults } from './MessageResults.tsx';
import { Thread } from './Thread.tsx';

const SEARCH_DELAY_MS = 200;

function ConversationRow({ c, current }: { c: ConversationSummary; current: boolean }) {
  const { t, i18n } = useTranslation('conversations');
  return (
    <a
      href={routeHref('conversations', c.id)}
      className={['conversation', current ? 'conversation-current' : '', c.unreadCount > 0 ? 'conversation-unread' : ''].join(' ')}
      aria-current={current ? 'true' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate('conversations', c.id);
      }}
    >
      <span className="conversation-top">
        <span className="conversation-name">{c.contactName ?? c.address}</span>
        <time className="conversation-time" dateTime={c.lastMessageAt ?? undefined}>
          {formatWhen(c.lastMessageAt, i18n.language)}
        </time>
      </span>
      <span className="conversation-bottom">
        <span className="conversation-preview">{c.lastMessagePreview ?? ''}</span>
        {c.lastDirection === 'in' && <span className="conversation-waiting">{t('waiting')}</span>}
        {c.unreadCount > 0 && <span className="unread">{t('unread', { count: c.unreadCount })}</span>}
      </span>
    </a>
  );
}

/** "Notify me of new replies": headless host only, while the browser has not been asked yet. */
function NotifyButton() {
  const { t } = useTranslation('conversations');
  const host = useQuery('app.info', {}).data?.host;
  const permission = useNotificationPermission(host);
  if (!permission.canAsk) return null;
  return (
    <Button variant="quiet" className="conversation-notify" onClick={() => void permission.ask()}>
      {t('notifyMe')}
    </Button>
  );
}

function ViewToggle() {
  const { t } = useTranslation('conversations');
  const client = useClient();
  const replies = useConversations((s) => s.replies);
  const choose = (value: boolean) => void useConversations.getState().setReplies(client, value);
  return (
    <div className="filters conversation-views" role="group" aria-label={t('view.label')}>
      <Button aria-pressed={!replies} onClick={() => choose(false)}>
        {t('view.all')}
      </Button>
      <Button aria-pressed={replies} onClick={() => choose(true)}>
        {t('view.replies')}
      </Button>
    </div>
  );
}

export function ConversationsScreen({ conversationId }: { conversationId: number | null }) {
  const { t } = useTranslation('conversations');
  const client = useClient();
  const items = useConversations((s) => s.items);
  const loaded = useConversations((s) => s.loaded);
  const loading = useConversations((s) => s.loading);
  const error = useConversations((s) => s.error);
  const nextBefore = useConversations((s) => s.nextBefore);
  const storedSearch = useConversations((s) => s.search);
  const replies = useConversations((s) => s.replies);
  const [search, setSearch] = useState(storedSearch);
  /** The message a search hit opened: marked in its thread while that conversation is open. */
  const [found, setFound] = useState<{ conversationId: number; messageId: number } | null>(null);
  const searching = search.trim() !== '';

  useEffect(() => {
    void useConversations.getState().load(client);
  }, [client]);

  useEffect(() => {
    if (search === useConversations.getState().search) return;
    const timer = setTimeout(() => void useConversations.getState().load(client, search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, search]);

  useEffect(() => {
    void useConversations.getState().open(client, conversationId);
    return () => {
      useConversations.setState({ openId: null });
    };
  }, [client, conversationId]);

  return (
    <section className="screen conversations" aria-labelledby="conversations-title">
      <h1 id="conversations-title">{t('title')}</h1>
      <div className="split">
        <div className="split-list">
          <NotifyButton />
          <ViewToggle />
          <div className="field">
            <label htmlFor="conversation-search" className="visually-hidden">
              {t('search')}
            </label>
            <input id="conversation-search" className="input" type="search" placeholder={t('search')} value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          {error && !loading && (
            <div className="form-error" role="alert">
              <p>{error}</p>
              <Button onClick={() => void useConversations.getState().load(client)}>{t('common:action.tryAgain')}</Button>
            </div>
          )}
          <div className={searching ? 'conversation-results conversation-results-searching' : 'conversation-results'}>
            {searching && <h2 className="search-heading">{t('conversationsFound')}</h2>}
            {loaded && items.length === 0 ? (
              <EmptyState title={searching ? (replies ? t('noReplyMatches') : t('noMatches')) : replies ? t('noReplies') : t('empty')}>
                {searching ? null : replies ? t('noRepliesHint') : t('emptyHint')}
              </EmptyState>
            ) : (
              <VirtualList
                label={replies ? t('repliesList') : t('list')}
                items={items}
                getKey={(c) => c.id}
                estimateSize={72}
                renderItem={(c) => <ConversationRow c={c} current={conversationId !== null && covers(c, conversationId)} />}
                onEndReached={() => void useConversations.getState().loadMore(client)}
                footer={
                  nextBefore !== null ? (
                    <Button onClick={() => void useConversations.getState().loadMore(client)} busy={loading}>
                      {t('common:action.loadMore')}
                    </Button>
                  ) : loading ? (
                    <p className="loading">{t('common:loading')}</p>
                  ) : null
                }
              />
            )}
          </div>
          <MessageResults
            search={search}
            delayMs={SEARCH_DELAY_MS}
            onOpen={(hit) => {
              setFound({ conversationId: hit.conversationId, messageId: hit.messageId });
              navigate('conversations', hit.conversationId);
            }}
          />
        </div>
        <div className="split-detail">
          {conversationId === null ? <EmptyState title={t('choose')} /> : <Thread conversationId={conversationId} foundMessageId={found?.conversationId === conversationId ? found.messageId : null} />}
        </div>
      </div>
    </section>
  );
}
