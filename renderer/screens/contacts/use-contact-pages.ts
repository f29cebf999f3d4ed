/**
 * The address book as pages: `contacts.list` is asked for PAGE_SIZE contacts at a time, only for
 * the rows the virtual list shows, so 50,000 contacts cost a few small queries. A new query
 * (search, group, the opted-out filter, or a change that invalidates the list) starts again from page 0 but keeps the
 * old rows on screen until the first new page arrives, so saving a contact does not flash.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactDto } from '../../../src-shared/contract/dto.ts';
import type { RpcClient } from '../../../src-shared/rpc/client.ts';
import { errorMessage } from '../settings/field-errors.ts';

export const PAGE_SIZE = 200;

export interface ContactQuery {
  search: string;
  groupId: number | null;
  /** Only the contacts with a number that opted out (replied STOP, or marked by staff). */
  optedOut: boolean;
  /** Bumped after a create, update, delete, restore or import: the same query asked again. */
  version: number;
}

export interface ContactPages {
  /** Null until the first page of this query has come back. */
  total: number | null;
  /** The contact at a row, or undefined while its page loads. */
  at(index: number): ContactDto | undefined;
  /** Ask for the pages that cover rows start..end (inclusive). */
  ensure(start: number, end: number): void;
  error: string | null;
  /** True while the first page of the current query is on its way. */
  loading: boolean;
}

interface State {
  key: string;
  total: number | null;
  pages: Map<number, ContactDto[]>;
  /** The previous query's pages, shown until this one's first page arrives. */
  stale: { total: number | null; pages: Map<number, ContactDto[]> } | null;
  error: string | null;
}

const EMPTY = new Map<number, ContactDto[]>();
const keyOf = (q: ContactQuery) => JSON.stringify([q.search, q.groupId, q.optedOut, q.version]);

export function useContactPages(client: RpcClient, query: ContactQuery, fallbackError: string): ContactPages {
  const key = keyOf(query);
  const [state, setState] = useState<State>({ key, total: null, pages: new Map(), stale: null, error: null });
  const keyRef = useRef(key);
  const inFlight = useRef(new Set<number>());
  const { search, groupId, optedOut } = query;

  const fetchPage = useCallback(
    (page: number) => {
      if (inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const requestKey = keyRef.current;
      const params = { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...(search ? { search } : {}), ...(groupId !== null ? { groupId } : {}), ...(optedOut ? { optedOut: true } : {}) };
      client.call('contacts.list', params).then(
        (result) => {
          if (keyRef.current !== requestKey) return;
          inFlight.current.delete(page);
          setState((s) => ({ ...s, total: result.total, pages: new Map(s.pages).set(page, result.contacts), stale: null, error: null }));
        },
        (err: unknown) => {
          if (keyRef.current !== requestKey) return;
          inFlight.current.delete(page);
          setState((s) => ({ ...s, stale: null, error: errorMessage(err, fallbackError) }));
        },
      );
    },
    [client, search, groupId, optedOut, fallbackError],
  );

  useEffect(() => {
    keyRef.current = key;
    inFlight.current = new Set();
    setState((s) => ({ key, total: null, pages: new Map(), stale: s.pages.size > 0 ? { total: s.total, pages: s.pages } : s.stale, error: null }));
    fetchPage(0);
  }, [key, fetchPage]);

  // Between a query change and its effect, the old rows count as stale: nothing flashes empty.
  const current: State =
    state.key === key ? state : { key, total: null, pages: EMPTY, stale: state.pages.size > 0 ? { total: state.total, pages: state.pages } : state.stale, error: null };
  const { pages, stale } = current;
  const total = current.total ?? stale?.total ?? null;

  const at = useCallback(
    (index: number) => {
      const page = Math.floor(index / PAGE_SIZE);
      const offset = index % PAGE_SIZE;
      return pages.get(page)?.[offset] ?? stale?.pages.get(page)?.[offset];
    },
    [pages, stale],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      // Until this query's first page has come back, its total is unknown.
      if (current.total === null) return;
      const last = Math.min(end, current.total - 1);
      for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!pages.has(page)) fetchPage(page);
      }
    },
    [current.total, pages, fetchPage],
  );

  return { total, at, ensure, error: current.error, loading: current.total === null && current.error === null };
}
