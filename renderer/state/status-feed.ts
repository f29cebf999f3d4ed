/**
 * Every recipient status change the renderer learns of (a `message.status` event, or the
 * StatusEvent a retry/cancel returned) goes through `ingestStatus`, once: it drops the echo of
 * a change already seen, remembers the latest change per recipient, and updates every store.
 *
 * The memory closes a race: a page fetched while an event was in flight may be older than the
 * event. Stores call `latestStatus(id)` after a load and re-apply what is newer.
 */
import type { StatusEvent } from '../../src-shared/model.ts';

const MAX_REMEMBERED = 20_000;
const latest = new Map<number, StatusEvent>();
const sinks = new Set<(event: StatusEvent) => void>();

function sameChange(a: StatusEvent, b: StatusEvent): boolean {
  return a.at === b.at && a.to === b.to && a.from === b.from;
}

/** @returns false when the change was already seen. */
export function ingestStatus(event: StatusEvent): boolean {
  const known = latest.get(event.recipientId);
  if (known && (sameChange(known, event) || Date.parse(known.at) > Date.parse(event.at))) return false;
  latest.delete(event.recipientId);
  latest.set(event.recipientId, event);
  if (latest.size > MAX_REMEMBERED) {
    const oldest = latest.keys().next().value;
    if (oldest !== undefined) latest.delete(oldest);
  }
  for (const sink of sinks) sink(event);
  return true;
}

/** The latest change seen for a recipient, if it is newer than `updated` (an ISO time). */
export function newerStatus(recipientId: number, updated: string): StatusEvent | null {
  const event = latest.get(recipientId);
  return event && Date.parse(event.at) > Date.parse(updated) ? event : null;
}

/** Stores register here once, at module load. @returns unsubscribe */
export function onStatus(sink: (event: StatusEvent) => void): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

export function resetStatusFeed(): void {
  latest.clear();
}
