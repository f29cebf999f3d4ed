/**
 * Outbox & history: every message, newest first, paged with `messages.list` (`before`), with an
 * optional status filter. Summaries are kept by id so status events update a message's counts
 * wherever it is shown (the list row, compose's bulk progress). Details (`messages.get`, with
 * each recipient's status log) are fetched when a row is expanded.
 */
import { create } from 'zustand';
import type { MessageDetail, MessageSummary } from '../../src-shared/contract/dto.ts';
import type { RecipientStatus, StatusEvent } from '../../src-shared/model.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';
import { withStatus } from './recipients.ts';
import { newerStatus, onStatus } from './status-feed.ts';
import { toast } from './toasts.ts';
import { errorWords } from '../app/errors.ts';

export type OutboxFilter = 'all' | Extract<RecipientStatus, 'scheduled' | 'outbox' | 'sending' | 'sent' | 'delivered' | 'failed' | 'suppressed'>;
export const OUTBOX_FILTERS: readonly OutboxFilter[] = ['all', 'scheduled', 'outbox', 'sending', 'sent', 'delivered', 'failed', 'suppressed'];
export const OUTBOX_PAGE_SIZE = 100;

export interface DetailState {
  detail: MessageDetail | null;
  loading: boolean;
  error: string | null;
}

interface OutboxState {
  filter: OutboxFilter;
  byId: Record<number, MessageSummary>;
  /** Ids of the current list, newest first. */
  order: number[];
  nextBefore: number | null;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  details: Record<number, DetailState>;
  setFilter: (client: RpcClient, filter: OutboxFilter) => Promise<void>;
  load: (client: RpcClient) => Promise<void>;
  loadMore: (client: RpcClient) => Promise<void>;
  loadDetail: (client: RpcClient, messageId: number) => Promise<void>;
  /** A message this renderer just sent: shown at once, before any reload. */
  addSent: (summary: MessageSummary) => void;
  applyStatus: (event: StatusEvent) => void;
  reset: () => void;
}

let ticket = 0;

const initial = {
  filter: 'all' as OutboxFilter,
  byId: {},
  order: [],
  nextBefore: null,
  loading: false,
  loaded: false,
  error: null,
  details: {},
};

function matchesFilter(summary: MessageSummary, filter: OutboxFilter): boolean {
  return filter === 'all' || (summary.statusCounts[filter] ?? 0) > 0;
}

export const useOutbox = create<OutboxState>()((set, get) => {
  async function fetchPage(client: RpcClient, before: number | null): Promise<void> {
    const mine = ++ticket;
    const { filter } = get();
    set({ loading: true, error: null });
    const outcome = await callCommand(client, 'messages.list', {
      limit: OUTBOX_PAGE_SIZE,
      ...(before !== null ? { before } : {}),
      ...(filter !== 'all' ? { status: filter } : {}),
    });
    if (mine !== ticket) return; // the filter changed meanwhile
    if (!outcome.ok) {
      set({ loading: false, error: errorWords(outcome.error) });
      toast.error(errorWords(outcome.error));
      return;
    }
    const page = outcome.result;
    set((s) => {
      const byId = { ...s.byId };
      for (const m of page.items) byId[m.id] = m;
      const base = before === null ? [] : s.order;
      const seen = new Set(base);
      return {
        byId,
        order: [...base, ...page.items.map((m) => m.id).filter((id) => !seen.has(id))],
        nextBefore: page.nextBefore,
        loading: false,
        loaded: true,
      };
    });
  }

  return {
    ...initial,
    async setFilter(client, filter) {
      if (get().filter === filter && get().loaded) return;
      set({ filter, order: [], nextBefore: null, loaded: false });
      await fetchPage(client, null);
    },
    load: (client) => fetchPage(client, null),
    async loadMore(client) {
      const { nextBefore, loading } = get();
      if (nextBefore === null || loading) return;
      await fetchPage(client, nextBefore);
    },
    async loadDetail(client, messageId) {
      set((s) => ({ details: { ...s.details, [messageId]: { detail: s.details[messageId]?.detail ?? null, loading: true, error: null } } }));
      const outcome = await callCommand(client, 'messages.get', { id: messageId });
      if (!outcome.ok) {
        set((s) => ({ details: { ...s.details, [messageId]: { detail: s.details[messageId]?.detail ?? null, loading: false, error: errorWords(outcome.error) } } }));
        return;
      }
      const detail = outcome.result;
      // Re-apply changes that overtook this answer.
      const recipients = detail.recipients.map((r) => {
        const newer = newerStatus(r.id, r.updated);
        return newer ? { ...withStatus(r, newer), log: [...r.log, { from: newer.from, to: newer.to, reason: newer.reason, at: newer.at, gateway: newer.gateway }] } : r;
      });
      set((s) => ({ details: { ...s.details, [messageId]: { detail: { ...detail, recipients }, loading: false, error: null } } }));
    },
    addSent(summary) {
      set((s) => ({
        byId: { ...s.byId, [summary.id]: summary },
        order: s.loaded && matchesFilter(summary, s.filter) && !s.order.includes(summary.id) ? [summary.id, ...s.order] : s.order,
      }));
    },
    applyStatus(e) {
      const s = get();
      const summary = s.byId[e.messageId];
      const entry = s.details[e.messageId];
      if (!summary && !entry?.detail) return;
      const patch: Partial<OutboxState> = {};
      if (summary) {
        const counts = { ...summary.statusCounts };
        if (e.from !== null && (counts[e.from] ?? 0) > 0) counts[e.from] = (counts[e.from] ?? 0) - 1;
        counts[e.to] = (counts[e.to] ?? 0) + 1;
        patch.byId = { ...s.byId, [e.messageId]: { ...summary, statusCounts: counts } };
      }
      if (entry?.detail) {
        const detail = entry.detail;
        patch.details = {
          ...s.details,
          [e.messageId]: {
            ...entry,
            detail: {
              ...detail,
              recipients: detail.recipients.map((r) =>
                r.id === e.recipientId ? { ...withStatus(r, e), log: [...r.log, { from: e.from, to: e.to, reason: e.reason, at: e.at, gateway: e.gateway }] } : r,
              ),
            },
          },
        };
      }
      set(patch);
    },
    reset: () => {
      ticket++;
      set({ ...initial });
    },
  };
});

onStatus((event) => useOutbox.getState().applyStatus(event));

/** Bulk progress of one message: how many of its recipients are sent (or delivered). */
export interface SendProgress {
  total: number;
  sent: number;
  failed: number;
  waiting: number;
}

export function progressOf(summary: MessageSummary): SendProgress {
  const c = summary.statusCounts;
  const sent = (c.sent ?? 0) + (c.delivered ?? 0);
  return { total: summary.recipientCount, sent, failed: c.failed ?? 0, waiting: (c.outbox ?? 0) + (c.sending ?? 0) };
}
