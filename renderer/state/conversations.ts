/**
 * Conversations: the list (most recent first, paged, searchable) and the threads opened so far.
 * Live: `message.status` updates outgoing bubbles; `message.incoming` moves the conversation to
 * the top, counts it unread (or marks it read when it is open) and refreshes an open thread.
 *
 * The list shows all conversations, or only the replies waiting for the clinic (`replies`:
 * conversations.list `replies: true`, threads with unread messages or whose newest message came
 * in). A reply sent from another desk only shows here as `message.status` events, so the Replies
 * view reloads (a little later, once for a burst) on those too.
 *
 * An entry is one contact across all of their numbers (issue 12): its `conversationIds` are the
 * conversations it merges, so an event or a route naming any of them finds it (`covers`). Threads
 * are kept under the id they were opened with (the route's).
 */
import { create } from 'zustand';
import type { Events } from '../../src-shared/contract/commands.ts';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { StatusEvent } from '../../src-shared/model.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';
import { withStatus } from './recipients.ts';
import { newerStatus, onStatus } from './status-feed.ts';
import { toast } from './toasts.ts';
import { errorWords } from '../app/errors.ts';

export const CONVERSATIONS_PAGE_SIZE = 100;
export const THREAD_PAGE_SIZE = 100;
/** How long the Replies view waits after a `message.status` before reloading (one reload a burst). */
export const REPLIES_RELOAD_DELAY_MS = 800;

export interface ThreadState {
  conversation: ConversationSummary | null;
  /** Oldest first. */
  messages: ThreadMessage[];
  nextBefore: number | null;
  loading: boolean;
  error: string | null;
}

interface ConversationsState {
  items: ConversationSummary[];
  nextBefore: number | null;
  search: string;
  /** True: the Replies view (only threads waiting for the clinic). */
  replies: boolean;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  threads: Record<number, ThreadState>;
  openId: number | null;
  /** Counts the conversations marked read here (the navigation's unread badge reloads on it). */
  reads: number;
  load: (client: RpcClient, search?: string) => Promise<void>;
  /** Switches between all conversations and the Replies view, and loads the first page. */
  setReplies: (client: RpcClient, replies: boolean) => Promise<void>;
  loadMore: (client: RpcClient) => Promise<void>;
  open: (client: RpcClient, id: number | null) => Promise<void>;
  /** Fetches the newest page of a thread and merges it (after a reply or an incoming message). */
  refreshThread: (client: RpcClient, id: number) => Promise<void>;
  loadOlder: (client: RpcClient, id: number) => Promise<void>;
  markRead: (client: RpcClient, id: number) => Promise<void>;
  /** A reply this renderer sent: the conversation moves to the top with the new preview. */
  noteSent: (id: number, preview: string, at: string) => void;
  applyStatus: (event: StatusEvent) => void;
  applyIncoming: (client: RpcClient, event: Events['message.incoming']) => void;
  /** Messages or threads were deleted (issue 13): their bubbles go, a thread that lost messages and the list are loaded again. */
  applyDeleted: (client: RpcClient, event: Events['messages.deleted']) => void;
  reset: () => void;
}

const emptyThread: ThreadState = { conversation: null, messages: [], nextBefore: null, loading: false, error: null };
let listTicket = 0;
let repliesReload: ReturnType<typeof setTimeout> | null = null;
let reloadClient: RpcClient | null = null;

function cancelRepliesReload(): void {
  if (repliesReload !== null) clearTimeout(repliesReload);
  repliesReload = null;
}

function reapplyNewer(messages: ThreadMessage[]): ThreadMessage[] {
  return messages.map((m) => {
    const newer = m.direction === 'out' ? newerStatus(m.recipient.id, m.recipient.updated) : null;
    return newer ? { ...m, recipient: withStatus(m.recipient, newer) } : m;
  });
}

/** Whether the entry `c` merges the conversation `id` (its own id, or one of its contact's others). */
export function covers(c: Pick<ConversationSummary, 'id' | 'conversationIds'> | null | undefined, id: number): boolean {
  return c !== null && c !== undefined && (c.id === id || (c.conversationIds?.includes(id) ?? false));
}

/**
 * Keyed by recipient row: a message sent to two of one contact's numbers is one row in each of
 * their conversations, both in the merged thread. Ordered as the backend pages it: by time
 * (arrival for a received message), then message, then row.
 */
function mergeByRow(a: ThreadMessage[], b: ThreadMessage[]): ThreadMessage[] {
  const byRow = new Map<number, ThreadMessage>();
  for (const m of a) byRow.set(m.recipient.id, m);
  for (const m of b) byRow.set(m.recipient.id, m);
  return [...byRow.values()].sort((x, y) => (x.created < y.created ? -1 : x.created > y.created ? 1 : x.id - y.id || x.recipient.id - y.recipient.id));
}

/** The ids of the threads kept here that show the conversation `id`. */
function threadsShowing(threads: Record<number, ThreadState>, id: number): number[] {
  return Object.entries(threads)
    .filter(([key, t]) => Number(key) === id || covers(t.conversation, id))
    .map(([key]) => Number(key));
}

function toTop(items: ConversationSummary[], updated: ConversationSummary): ConversationSummary[] {
  return [updated, ...items.filter((c) => c.id !== updated.id)];
}

export const useConversations = create<ConversationsState>()((set, get) => {
  const patchThread = (id: number, patch: Partial<ThreadState>) =>
    set((s) => ({ threads: { ...s.threads, [id]: { ...(s.threads[id] ?? emptyThread), ...patch } } }));

  async function fetchList(client: RpcClient, before: number | null, search: string, replies = get().replies) {
    const mine = ++listTicket;
    reloadClient = client;
    if (before === null) cancelRepliesReload();
    set({ loading: true, error: null, search, replies });
    const outcome = await callCommand(client, 'conversations.list', {
      limit: CONVERSATIONS_PAGE_SIZE,
      ...(before !== null ? { before } : {}),
      ...(search.trim() !== '' ? { search: search.trim() } : {}),
      ...(replies ? { replies: true } : {}),
    });
    if (mine !== listTicket) return;
    if (!outcome.ok) {
      set({ loading: false, error: errorWords(outcome.error) });
      toast.error(errorWords(outcome.error));
      return;
    }
    const page = outcome.result;
    set((s) => {
      const base = before === null ? [] : s.items;
      const seen = new Set(base.map((c) => c.id));
      return { items: [...base, ...page.items.filter((c) => !seen.has(c.id))], nextBefore: page.nextBefore, loading: false, loaded: true };
    });
  }

  async function fetchThread(client: RpcClient, id: number, before: number | null): Promise<boolean> {
    patchThread(id, { loading: true, error: null });
    const outcome = await callCommand(client, 'conversations.thread', { id, limit: THREAD_PAGE_SIZE, ...(before !== null ? { before } : {}) });
    if (!outcome.ok) {
      patchThread(id, { loading: false, error: errorWords(outcome.error) });
      return false;
    }
    const { conversation, messages, nextBefore } = outcome.result;
    const current = get().threads[id] ?? emptyThread;
    patchThread(id, {
      conversation,
      messages: mergeByRow(current.messages, reapplyNewer(messages)),
      // Paging backwards: only an older page moves the cursor; a refresh of the newest page
      // keeps the cursor the first load set.
      nextBefore: before !== null || current.messages.length === 0 ? nextBefore : current.nextBefore,
      loading: false,
    });
    return true;
  }

  return {
    items: [],
    nextBefore: null,
    search: '',
    replies: false,
    loading: false,
    loaded: false,
    error: null,
    threads: {},
    openId: null,
    reads: 0,
    load: (client, search) => fetchList(client, null, search ?? get().search),
    async setReplies(client, replies) {
      if (replies === get().replies && get().loaded) return;
      await fetchList(client, null, get().search, replies);
    },
    async loadMore(client) {
      const { nextBefore, loading, search } = get();
      if (nextBefore === null || loading) return;
      await fetchList(client, nextBefore, search);
    },
    async open(client, id) {
      set({ openId: id });
      if (id === null) return;
      const ok = await fetchThread(client, id, null);
      if (!ok) return;
      const thread = get().threads[id];
      const listed = get().items.find((c) => covers(c, id));
      if ((listed?.unreadCount ?? thread?.conversation?.unreadCount ?? 0) > 0) await get().markRead(client, id);
    },
    async refreshThread(client, id) {
      await fetchThread(client, id, null);
    },
    async loadOlder(client, id) {
      const thread = get().threads[id];
      if (!thread || thread.nextBefore === null || thread.loading) return;
      await fetchThread(client, id, thread.nextBefore);
    },
    async markRead(client, id) {
      const outcome = await callCommand(client, 'conversations.markRead', { id });
      if (!outcome.ok) {
        toast.error(errorWords(outcome.error));
        return;
      }
      set((s) => ({
        reads: s.reads + 1,
        items: s.items.map((c) => (covers(c, id) ? { ...c, unreadCount: 0 } : c)),
        threads: s.threads[id]?.conversation
          ? { ...s.threads, [id]: { ...s.threads[id], conversation: { ...s.threads[id].conversation, unreadCount: 0 } } }
          : s.threads,
      }));
    },
    noteSent(id, preview, at) {
      set((s) => {
        const c = s.items.find((x) => covers(x, id)) ?? s.threads[id]?.conversation;
        return c ? { items: toTop(s.items, { ...c, lastMessagePreview: preview, lastMessageAt: at, lastDirection: 'out' }) } : {};
      });
    },
    applyStatus(e) {
      const { replies, loaded } = get();
      if (replies && loaded && reloadClient && repliesReload === null) {
        const client = reloadClient;
        repliesReload = setTimeout(() => {
          repliesReload = null;
          if (get().replies) void fetchList(client, null, get().search);
        }, REPLIES_RELOAD_DELAY_MS);
      }
      set((s) => {
        let changed = false;
        const threads = { ...s.threads };
        for (const [key, thread] of Object.entries(s.threads)) {
          const i = thread.messages.findIndex((m) => m.direction === 'out' && m.recipient.id === e.recipientId);
          if (i === -1) continue;
          changed = true;
          const messages = thread.messages.slice();
          const m = messages[i];
          if (m) messages[i] = { ...m, recipient: withStatus(m.recipient, e) };
          threads[Number(key)] = { ...thread, messages };
        }
        return changed ? { threads } : {};
      });
    },
    applyIncoming(client, e) {
      const s = get();
      const openId = s.openId;
      // The open thread may be a contact's, opened under another of their conversations.
      const isOpen = openId !== null && (openId === e.conversationId || covers(s.threads[openId]?.conversation, e.conversationId));
      const listed = s.items.find((c) => covers(c, e.conversationId));
      if (listed) {
        set({
          items: toTop(s.items, {
            ...listed,
            lastMessageAt: e.receivedAt,
            lastMessagePreview: e.preview,
            lastDirection: 'in',
            unreadCount: isOpen ? 0 : listed.unreadCount + 1,
          }),
        });
      } else if (s.loaded && s.search.trim() === '') {
        // A new number of a listed contact is merged by the backend: the reload shows it once.
        void fetchList(client, null, '', s.replies);
      }
      if (isOpen) {
        void (async () => {
          await fetchThread(client, openId, null);
          await get().markRead(client, openId);
        })();
      }
      for (const id of threadsShowing(s.threads, e.conversationId)) {
        if (id !== openId) void fetchThread(client, id, null);
      }
    },
    applyDeleted(client, event) {
      const gone = new Set(event.messageIds);
      const touched = (t: ThreadState, key: number) => event.truncated || event.conversationIds.some((id) => id === key || covers(t.conversation, id));
      const refetch: number[] = [];
      set((s) => {
        const threads: Record<number, ThreadState> = {};
        for (const [key, t] of Object.entries(s.threads)) {
          const id = Number(key);
          // A refresh merges by row (mergeByRow), so what went must be dropped here first.
          if (touched(t, id)) {
            if (id === s.openId) refetch.push(id);
            continue;
          }
          threads[id] = gone.size > 0 ? { ...t, messages: t.messages.filter((m) => !gone.has(m.id)) } : t;
        }
        return { threads };
      });
      for (const id of refetch) void fetchThread(client, id, null);
      if (get().loaded) void get().load(client);
    },
    reset() {
      listTicket++;
      cancelRepliesReload();
      reloadClient = null;
      set({ items: [], nextBefore: null, search: '', replies: false, loading: false, loaded: false, error: null, threads: {}, openId: null, reads: 0 });
    },
  };
});

onStatus((event) => useConversations.getState().applyStatus(event));
