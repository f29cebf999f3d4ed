/**
 * A tiny typed event emitter, and the events the messaging backbone announces.
 * Listeners are called after the change is committed; a listener that throws is reported and
 * never breaks the dispatcher or the other listeners.
 */
import type { Protocol, RecipientFlag, RecipientStatus } from '../../src-shared/model.ts';

export type Listener<T> = (payload: T) => void;

export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** @param onListenerError called when a listener throws (by default: ignored). */
  constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void = () => {}) {}

  /** Subscribe; returns the function that unsubscribes. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // Copy: a listener may unsubscribe (itself or another) while we iterate.
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

/** One recipient's status changed (committed, with its status_log row). */
export interface StatusEvent {
  recipientId: number;
  messageId: number;
  from: RecipientStatus | null;
  to: RecipientStatus;
  reason: string;
  gateway: string | null;
  at: string;
  flags: RecipientFlag[];
}

/** A message came in and is committed to the database. */
export interface IncomingEvent {
  messageId: number;
  recipientId: number;
  conversationId: number;
  /** The sender, normalised (E.164 where the number could be read, as received otherwise). */
  from: string;
  protocol: Protocol;
  text: string;
  gatewayId: string;
  receivedAt: string;
  flags: RecipientFlag[];
}

/** What start() did with recipients a crash left in `sending`. */
export interface RecoverySummary {
  policy: 'resend-flag-duplicate' | 'fail-and-ask';
  /** How many rows were found in `sending`. */
  recovered: number;
  /** Of those, back in the outbox (flagged possible-duplicate). */
  requeued: number;
  /** Of those, failed (the policy asks the user, or they ran out of attempts). */
  failed: number;
  recipientIds: number[];
}

export interface MessagingEvents {
  status: StatusEvent;
  incoming: IncomingEvent;
  recovery: RecoverySummary;
}
