/**
 * The OutboxDispatcher hands each outbox recipient to a gateway of its protocol and records what
 * happened (reference, "The Lifecycle of a Message" step 3). Where the reference polls every
 * 5 s, this wakes on an enqueue (notify), on a gateway's status change and on a timer set for
 * the earliest scheduled retry; a slow sweep is only a backstop.
 *
 * Invariants:
 * - It alone changes statuses, each change in a transaction with its status_log row
 *   (changeStatus), and emits the event after commit.
 * - A row is claimed (`outbox -> sending`, attempts + 1) in a transaction BEFORE gateway.send:
 *   a crash between the two leaves a `sending` row that start() resolves by policy.
 * - One send in flight per gateway; gateways work in parallel. A claim is one IMMEDIATE
 *   transaction, so two workers (or two processes) never take the same row.
 *
 * Several gateways of one protocol (docs/ARCHITECTURE.md "Several modems"):
 * - `routing` orders the idle gateways at each wake; the order matters only when there are fewer
 *   due rows than idle gateways (a busy gateway is never waited for while another is idle).
 *   round-robin: the idle gateway that claimed longest ago goes first (a rotation).
 *   least-busy: the idle gateway with the fewest `sent` today goes first (then round-robin).
 *   prefix: round-robin, and the claim honours `prefixRules` (a matching row waits for its
 *   rule's gateway while that gateway can send, even when it is busy; it falls back to any
 *   gateway when the rule's gateway is stopped, paused, disconnected, in error, benched, at its
 *   daily cap or not there; `starting` still holds the rows, so the first modem up at start-up
 *   does not take the other networks' work).
 * - `dailyCaps`: a gateway with that many `sent` since local midnight takes no more work; a
 *   timer at the next local midnight wakes the dispatcher.
 */
import type { Protocol } from '../../src-shared/model.ts';
import { type Clock, type TimerHandle, type Timers, isoAt, systemClock, systemTimers } from './clock.ts';
import { recoverInterruptedSends } from './dispatcher/crash-recovery.ts';
import { failureOutcome, successChange } from './dispatcher/send-outcome.ts';
import { DEFAULT_WRITE_RETRY_MS, WriteRetry } from './dispatcher/write-retry.ts';
import { isDiskFullError } from './store/disk-full.ts';
import { applyStatusChange, type StatusChangeRequest } from './dispatcher/status-change.ts';
import { expiredReason } from './dispatcher/due-release.ts';
import { releaseDue, rewindHeld } from './dispatcher/scheduled-release.ts';
import { suppressionReason } from './dispatcher/suppression.ts';
import { clinicTimeZone } from './clinic-time-zone.ts';
import { type Listener, type RecoverySummary, type StatusEvent, TypedEmitter } from './events.ts';
import { type Gateway, GatewaySendError, type OutgoingItem } from './gateways/gateway.ts';
import { type Logger, silentLogger } from './logger.ts';
import type { MessageRecord } from './store/repositories/message-repository.ts';
import type { PrefixHold, RecipientRecord } from './store/repositories/recipient-repository.ts';
import type { RoutingPolicy, Settings } from './store/repositories/settings-repository.ts';
import type { Store } from './store/store.ts';

export type { StatusChangeRequest } from './dispatcher/status-change.ts';
export { RecipientNotFoundError, StatusConflictError } from './dispatcher/status-change.ts';
export { recoverInterruptedSends, INTERRUPTED_FAIL_REASON, INTERRUPTED_RESEND_REASON } from './dispatcher/crash-recovery.ts';
export { MAYBE_SENT_FAIL_REASON, MAYBE_SENT_RESEND_REASON } from './dispatcher/send-outcome.ts';
export { retryDelayMs } from './dispatcher/backoff.ts';
export { DEFAULT_WRITE_RETRY_MS } from './dispatcher/write-retry.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
export const DEFAULT_STOP_DEADLINE_MS = 10_000;

export interface OutboxDispatcherOptions {
  store: Store;
  /** Gateways to use from the start; more can be added with addGateway. */
  gateways?: readonly Gateway[];
  /** Where retry and crash-recovery settings are read, at each use. Default: store.settings. */
  settings?: { get<K extends keyof Settings>(key: K): Settings[K] };
  clock?: Clock;
  timers?: Timers;
  /** In [0, 1): the backoff jitter. Default Math.random. */
  random?: () => number;
  logger?: Logger;
  /** The backstop sweep. Default 60 s. */
  sweepIntervalMs?: number;
  /** After a write refused for a full disk, try again this much later (dispatcher/write-retry.ts). Default 5 s. */
  writeRetryMs?: number;
}

export interface StopResult {
  /** Recipients still being sent when the deadline passed. Their rows stay `sending` (unless
   * the send finishes before the database is closed) and the next start() recovers them. */
  stillSending: number[];
}

type DispatcherState = 'idle' | 'running' | 'stopping' | 'stopped';

interface InFlightSend {
  recipientId: number;
  done: Promise<void>;
}

interface GatewayWorker {
  gateway: Gateway;
  inFlight: InFlightSend | null;
  /** Set by a `gateway`-kind failure; cleared by the gateway's next status change. */
  benched: boolean;
  /** When it last claimed a row (a counter, 0 = never): the round-robin order. */
  lastClaim: number;
  /** At its daily cap at the last look (a change is announced: onDailyCap). */
  capReached: boolean;
  unsubscribe: (() => void) | null;
}

/** A gateway reached its daily cap (`reached`) or may send again (midnight, a raised cap). */
export interface DailyCapEvent {
  gatewayId: string;
  reached: boolean;
}

interface DispatcherEvents {
  status: StatusEvent;
  recovery: RecoverySummary;
  dailyCap: DailyCapEvent;
}

export class OutboxDispatcher {
  private readonly store: Store;
  private readonly settings: NonNullable<OutboxDispatcherOptions['settings']>;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly sweepIntervalMs: number;
  private readonly workers = new Map<string, GatewayWorker>();
  private readonly events: TypedEmitter<DispatcherEvents>;
  private state: DispatcherState = 'idle';
  private retryTimer: { handle: TimerHandle; atMs: number } | null = null;
  private midnightTimer: { handle: TimerHandle; atMs: number } | null = null;
  private claims = 0;
  private sweepTimer: TimerHandle | null = null;
  private wakeQueued = false;
  /** Claims and results a full disk refused: tried again on a short timer (docs/ARCHITECTURE.md "Field survival"). */
  private readonly writeRetry: WriteRetry;

  constructor(options: OutboxDispatcherOptions) {
    this.store = options.store;
    this.settings = options.settings ?? options.store.settings;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    this.writeRetry = new WriteRetry(this.timers, options.writeRetryMs ?? DEFAULT_WRITE_RETRY_MS, () => this.wake());
    this.events = new TypedEmitter((error, event) =>
      this.logger.error('A dispatcher listener threw', { event: String(event), error: error instanceof Error ? error.message : String(error) }),
    );
    for (const gateway of options.gateways ?? []) this.addGateway(gateway);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * Resolves rows a crash left in `sending` (crash-recovery policy), then starts dispatching.
   * @returns what the recovery did; also emitted as a `recovery` event.
   * @throws the SQLite error if the database cannot be written.
   */
  start(): RecoverySummary {
    if (this.state === 'running') throw new Error('The dispatcher is already running.');
    const skip = new Set([...this.workers.values()].flatMap((w) => (w.inFlight ? [w.inFlight.recipientId] : [])));
    const { summary, events } = recoverInterruptedSends(this.store, {
      policy: this.settings.get('crashRecovery'),
      maxAttempts: this.settings.get('retry').maxAttempts,
      at: isoAt(this.clock),
      skip,
    });
    if (summary.recovered > 0) {
      this.logger.warn('Recovered sends interrupted by a stop or crash', {
        policy: summary.policy,
        recovered: summary.recovered,
        requeued: summary.requeued,
        failed: summary.failed,
      });
    }
    this.state = 'running';
    for (const worker of this.workers.values()) this.subscribe(worker);
    for (const event of events) this.events.emit('status', event);
    this.events.emit('recovery', summary);
    this.scheduleSweep();
    this.wake();
    return summary;
  }

  /**
   * Stops claiming, then waits for in-flight sends up to the deadline (on the injected timers).
   * A send still running then keeps its row `sending`; if it finishes while the database is
   * still open its result is recorded as usual, else the next start() recovers the row.
   */
  async stop(options: { deadlineMs?: number } = {}): Promise<StopResult> {
    if (this.state === 'idle' || this.state === 'stopped') {
      this.state = 'stopped';
      return { stillSending: [] };
    }
    this.state = 'stopping';
    this.clearTimers();
    const flights = [...this.workers.values()].flatMap((w) => (w.inFlight ? [w.inFlight.done] : []));
    if (flights.length > 0) {
      let deadline: TimerHandle | null = null;
      await Promise.race([
        Promise.all(flights),
        new Promise<void>((resolve) => {
          deadline = this.timers.setTimeout(resolve, options.deadlineMs ?? DEFAULT_STOP_DEADLINE_MS);
        }),
      ]);
      if (deadline !== null) this.timers.clearTimeout(deadline);
    }
    // A last try for results a full disk held; what is still refused is recovered at the next start.
    this.recordHeldResults();
    this.writeRetry.clear();
    for (const worker of this.workers.values()) this.unsubscribe(worker);
    this.state = 'stopped';
    const stillSending = [...this.workers.values()].flatMap((w) => (w.inFlight ? [w.inFlight.recipientId] : []));
    if (stillSending.length > 0) this.logger.warn('Stopped with sends still in flight', { count: stillSending.length });
    return { stillSending };
  }

  get running(): boolean {
    return this.state === 'running';
  }

  // ---- gateways ------------------------------------------------------------------------------

  /** @throws Error if a gateway with the same id is already there. */
  addGateway(gateway: Gateway): void {
    if (this.workers.has(gateway.id)) throw new Error(`Gateway "${gateway.id}" is already added.`);
    const worker: GatewayWorker = { gateway, inFlight: null, benched: false, lastClaim: 0, capReached: false, unsubscribe: null };
    this.workers.set(gateway.id, worker);
    if (this.state === 'running') {
      this.subscribe(worker);
      this.notify();
    }
  }

  /** Takes no new work to it; a send in flight still finishes and is recorded. */
  removeGateway(id: string): void {
    const worker = this.workers.get(id);
    if (!worker) return;
    this.unsubscribe(worker);
    this.workers.delete(id);
  }

  gateways(): Gateway[] {
    return [...this.workers.values()].map((w) => w.gateway);
  }

  /** True if some gateway (running or not) carries `protocol`: MessagingService's route check. */
  hasGatewayFor(protocol: Protocol): boolean {
    return [...this.workers.values()].some((w) => w.gateway.protocol === protocol);
  }

  // ---- events and status changes -------------------------------------------------------------

  /** Every committed status change. @returns unsubscribe. */
  onStatus(listener: Listener<StatusEvent>): () => void {
    return this.events.on('status', listener);
  }

  /** Each start()'s crash-recovery summary. @returns unsubscribe. */
  onRecovery(listener: Listener<RecoverySummary>): () => void {
    return this.events.on('recovery', listener);
  }

  /**
   * Changes one recipient's status with its status_log row in one transaction, then emits the
   * event. The only way statuses change (retry and cancel included).
   * @throws RecipientNotFoundError, StatusConflictError (nothing changed).
   */
  changeStatus(request: StatusChangeRequest): StatusEvent {
    const at = isoAt(this.clock);
    const { event } = this.store.transaction(() => applyStatusChange(this.store, request, at));
    this.events.emit('status', event);
    // A row for the outbox is work now; a scheduled one may be due sooner than the timer.
    if (event.to === 'outbox' || event.to === 'scheduled') this.notify();
    return event;
  }

  /**
   * Several changes in ONE transaction (all or none): a 500-recipient scheduled send is
   * cancelled, moved or sent now in one action, one commit.
   * @throws RecipientNotFoundError, StatusConflictError (nothing changed).
   */
  changeStatuses(requests: readonly StatusChangeRequest[]): StatusEvent[] {
    const at = isoAt(this.clock);
    const events = this.store.transaction(() => requests.map((request) => applyStatusChange(this.store, request, at).event));
    for (const event of events) this.events.emit('status', event);
    if (events.some((e) => e.to === 'outbox' || e.to === 'scheduled')) this.notify();
    return events;
  }

  /** A gateway's daily cap was reached, or lifted (midnight, a new cap). @returns unsubscribe. */
  onDailyCap(listener: Listener<DailyCapEvent>): () => void {
    return this.events.on('dailyCap', listener);
  }

  /** Something was enqueued: look for work (soon, not inside the caller's stack). */
  notify(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    queueMicrotask(() => {
      this.wakeQueued = false;
      this.wake();
    });
  }

  // ---- gateway panel helpers -----------------------------------------------------------------

  /** Recipients waiting or being sent: all, or those a gateway could take (its protocol's
   * outbox) plus the one it is sending. */
  pendingCount(gatewayId?: string): number {
    if (gatewayId === undefined) return this.store.recipients.pendingCount();
    const gateway = this.workers.get(gatewayId)?.gateway;
    return gateway ? this.store.recipients.pendingCount({ id: gateway.id, protocol: gateway.protocol }) : 0;
  }

  /** Messages this gateway sent since local midnight (by the injected clock). */
  sentToday(gatewayId: string): number {
    const midnight = new Date(this.clock.now());
    midnight.setHours(0, 0, 0, 0);
    return this.store.statusLog.countByGatewaySince(gatewayId, 'sent', midnight.toISOString());
  }

  /** The gateway's daily cap (setting `dailyCaps`), or null for none. */
  dailyCap(gatewayId: string): number | null {
    return validCap(this.settings.get('dailyCaps')[gatewayId]);
  }

  /** True when the gateway has sent its daily cap today and takes no more work until midnight. */
  dailyCapReached(gatewayId: string): boolean {
    const cap = this.dailyCap(gatewayId);
    return cap !== null && this.sentToday(gatewayId) >= cap;
  }

  // ---- the work loop -------------------------------------------------------------------------

  private wake(): void {
    if (this.state !== 'running') return;
    // Results a full disk kept from being recorded go first; while many wait, nothing new goes out.
    this.recordHeldResults();
    if (this.writeRetry.full) return;
    // One "now" for the whole wake: were the claim and the timer to read the clock apart, a row
    // falling due between the two reads would be neither claimed (not yet due) nor timed (no
    // longer in the future), and would wait for the safety sweep.
    const now = isoAt(this.clock);
    // Scheduled rows whose time has come join the outbox first, so this wake can claim them.
    this.releaseDue(now);
    // Settings are read once per wake; a gateway's count of sends today only if it has a cap.
    const caps = this.settings.get('dailyCaps');
    const round = new WakeRound(this.settings.get('routing'), (id) => {
      const cap = validCap(caps[id]);
      return cap !== null && this.sentToday(id) >= cap;
    });
    for (const worker of this.ordered(round)) this.pump(worker, now, round);
    this.armRetryTimer(now);
    if (round.anyCapped) this.armMidnightTimer();
  }

  /**
   * The clinic changed its send window or time zone, or resumed automated sending: rows held
   * for the old window's opening are looked at again now (scheduled-release.ts rewindHeld).
   */
  reconsiderScheduled(): void {
    try {
      const rewound = rewindHeld(this.store);
      if (rewound > 0) this.logger.info('Held scheduled messages looked at again', { count: rewound });
    } catch (error) {
      this.logger.error('Could not look at held scheduled messages again', { error: errorText(error) });
    }
    this.notify();
  }

  private releaseDue(now: string): void {
    const more = releaseDue(
      { store: this.store, settings: this.settings, logger: this.logger, emit: (event) => this.events.emit('status', event), onDiskFull: () => this.writeRetry.arm() },
      now,
    );
    // More are due than one wake releases: the rest in the next, after the claims of this one.
    if (more) this.notify();
  }

  /** The workers in the order the routing policy prefers (ties: insertion order). */
  private ordered(round: WakeRound): GatewayWorker[] {
    const workers = [...this.workers.values()];
    const byRotation = (a: GatewayWorker, b: GatewayWorker): number => a.lastClaim - b.lastClaim;
    if (round.routing === 'least-busy') {
      const sent = new Map(workers.map((w) => [w, w.inFlight || w.benched ? 0 : this.sentToday(w.gateway.id)]));
      return workers.sort((a, b) => sent.get(a)! - sent.get(b)! || byRotation(a, b));
    }
    return workers.sort(byRotation);
  }

  /**
   * Whether a worker could take a row now (ignoring whether it is busy): what decides if a
   * prefix rule naming it holds its rows. Busy (a send in flight) and `starting` still hold.
   */
  private canTakeWork(worker: GatewayWorker, round: WakeRound): boolean {
    if (worker.benched || round.capped(worker.gateway.id)) return false;
    return worker.gateway.canSend() || worker.gateway.status().state === 'starting';
  }

  /** The prefix rules as `gateway`'s claim sees them (empty unless routing is 'prefix'). */
  private holdsFor(gateway: Gateway, round: WakeRound): PrefixHold[] {
    if (round.routing !== 'prefix') return [];
    return this.settings.get('prefixRules').map((rule) => {
      const owner = this.workers.get(rule.gatewayId);
      const hold = rule.gatewayId !== gateway.id && owner !== undefined && owner.gateway.protocol === gateway.protocol && this.canTakeWork(owner, round);
      return { prefix: rule.prefix, hold };
    });
  }

  /** Gives one idle, usable gateway its next due recipient. */
  private pump(worker: GatewayWorker, now: string, round: WakeRound): void {
    if (this.state !== 'running' || worker.inFlight || worker.benched) return;
    let claimed: { row: RecipientRecord; item: OutgoingItem } | undefined;
    try {
      const capped = round.capped(worker.gateway.id);
      if (capped !== worker.capReached) {
        worker.capReached = capped;
        this.events.emit('dailyCap', { gatewayId: worker.gateway.id, reached: capped });
      }
      if (capped || !worker.gateway.canSend()) return;
      claimed = this.claimNext(worker.gateway, now, this.holdsFor(worker.gateway, round));
    } catch (error) {
      if (isDiskFullError(error)) {
        // A full disk (the storage monitor logs it once): look again soon, not at the backstop sweep.
        this.logger.debug('The disk is full: the next claim waits', { gateway: worker.gateway.id });
        this.writeRetry.arm();
        return;
      }
      this.logger.error('Could not claim the next message', { gateway: worker.gateway.id, error: errorText(error) });
      return;
    }
    if (!claimed) return;
    worker.lastClaim = ++this.claims;
    // In flight before send() is called: a status event fired from inside send() must not
    // start a second send on this gateway.
    const flight: InFlightSend = { recipientId: claimed.row.id, done: Promise.resolve() };
    worker.inFlight = flight;
    flight.done = this.sendClaimed(worker, claimed.row, claimed.item).finally(() => {
      if (worker.inFlight === flight) worker.inFlight = null;
      this.wake();
    });
  }

  /** outbox -> sending for the next due row of the gateway's protocol, in one transaction. */
  private claimNext(gateway: Gateway, now: string, holds: readonly PrefixHold[]): { row: RecipientRecord; item: OutgoingItem } | undefined {
    // Rows settled without sending: expired, or to a number that opted out (dispatcher/suppression.ts).
    const expired: StatusEvent[] = [];
    const claimed = this.store.transaction(() => {
      let due: RecipientRecord | undefined;
      let message: MessageRecord | undefined;
      const timeZone = clinicTimeZone(this.settings.get('timeZone'));
      // A number that opted out gets no automated or group message, also one booked before its STOP;
      // a retry that outlived its message's expiry (a reminder after the appointment) is not sent.
      for (;;) {
        due = this.store.recipients.nextDue(gateway.protocol, now, gateway.id, holds);
        if (!due) return undefined;
        message = this.store.messages.get(due.messageId);
        if (!message) throw new Error(`Recipient ${due.id} has no message ${due.messageId}`);
        const notSent = suppressionReason(this.store.consent.get(due.address, due.protocol), message, timeZone);
        if (notSent !== null) {
          expired.push(
            applyStatusChange(this.store, { recipientId: due.id, from: 'outbox', to: 'suppressed', reason: notSent, set: { nextAttemptAt: null, lastErrorCode: 'opted-out', lastError: notSent } }, now).event,
          );
          continue;
        }
        if (message.expiresAt === null || Date.parse(message.expiresAt) > Date.parse(now)) break;
        const reason = expiredReason(message.expiresAt, timeZone);
        expired.push(
          applyStatusChange(this.store, { recipientId: due.id, from: 'outbox', to: 'failed', reason, set: { nextAttemptAt: null, lastErrorCode: 'expired', lastError: reason } }, now).event,
        );
      }
      const attempt = due.attempts + 1;
      const { event, recipient } = applyStatusChange(
        this.store,
        {
          recipientId: due.id,
          from: 'outbox',
          to: 'sending',
          reason: attempt === 1 ? `Sending via ${gateway.id}` : `Sending via ${gateway.id} (attempt ${attempt})`,
          set: { gateway: gateway.id, attempts: attempt },
        },
        now,
      );
      const item: OutgoingItem = {
        recipientId: due.id,
        messageId: due.messageId,
        address: due.address,
        protocol: due.protocol,
        content: message.content,
        subject: message.subject,
        options: message.options,
        attempt,
      };
      return { event, row: recipient, item };
    });
    for (const event of expired) this.events.emit('status', event);
    if (!claimed) return undefined;
    this.events.emit('status', claimed.event);
    return { row: claimed.row, item: claimed.item };
  }

  private async sendClaimed(worker: GatewayWorker, row: RecipientRecord, item: OutgoingItem): Promise<void> {
    const gateway = worker.gateway;
    let change: StatusChangeRequest;
    try {
      const result = await gateway.send(item);
      change = successChange(row, result);
      this.logger.info('Sent', { recipientId: row.id, messageId: row.messageId, gateway: gateway.id, parts: result.references.length, attempt: item.attempt });
    } catch (error) {
      const outcome = failureOutcome(row, error, {
        gatewayId: gateway.id,
        retry: this.settings.get('retry'),
        crashRecovery: this.settings.get('crashRecovery'),
        nowMs: this.clock.now(),
        random: this.random,
      });
      change = outcome.change;
      if (outcome.benchGateway) worker.benched = true;
      this.logger.warn('Send failed', {
        recipientId: row.id,
        messageId: row.messageId,
        gateway: gateway.id,
        kind: error instanceof GatewaySendError ? error.kind : 'internal',
        code: change.set?.lastErrorCode ?? null,
        to: change.to,
        attempt: item.attempt,
      });
    }
    this.recordResult(change);
  }

  private recordResult(change: StatusChangeRequest): void {
    if (!this.store.isOpen) {
      // stop()'s deadline passed and the database is closed: start() will recover the row.
      this.logger.warn('A send finished after the database closed; its row stays sending', { recipientId: change.recipientId });
      return;
    }
    try {
      this.changeStatus(change);
    } catch (error) {
      if (isDiskFullError(error)) {
        // Held in memory and recorded as soon as the disk takes writes (its row stays `sending`).
        this.logger.warn('The disk is full: a send result waits in memory to be recorded', { recipientId: change.recipientId, to: change.to });
        this.writeRetry.hold(change);
        return;
      }
      this.logger.error('Could not record a send result; the row stays sending until the next start', {
        recipientId: change.recipientId,
        error: errorText(error),
      });
    }
  }

  /** Records the results held for a full disk (write-retry.ts), oldest first. */
  private recordHeldResults(): void {
    if (this.writeRetry.size === 0 || !this.store.isOpen) return;
    this.writeRetry.flush(
      (change) => this.changeStatus(change),
      (change, error) => this.logger.error('A held send result could not be recorded', { recipientId: change.recipientId, error: errorText(error) }),
    );
  }

  // ---- timers --------------------------------------------------------------------------------

  /** One timer, for the earliest retry or scheduled send; re-armed only if something is due sooner. */
  private armRetryTimer(now: string): void {
    const next = this.store.recipients.earliestFutureAttempt(now);
    if (next === null) return;
    const atMs = Date.parse(next);
    if (this.retryTimer && this.retryTimer.atMs <= atMs) return;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer.handle);
    // Node may fire a timer a millisecond before Date.now() reaches its time: that wake finds
    // nothing due, and (with its single "now") arms a short timer again.
    const handle = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.wake();
    }, Math.max(0, atMs - this.clock.now()));
    this.retryTimer = { handle, atMs };
  }

  /** One timer at the next local midnight while some gateway is at its daily cap. */
  private armMidnightTimer(): void {
    const midnight = new Date(this.clock.now());
    midnight.setHours(24, 0, 0, 0);
    const atMs = midnight.getTime();
    if (this.midnightTimer && this.midnightTimer.atMs === atMs) return;
    if (this.midnightTimer) this.timers.clearTimeout(this.midnightTimer.handle);
    const handle = this.timers.setTimeout(() => {
      this.midnightTimer = null;
      this.wake();
    }, Math.max(0, atMs - this.clock.now()));
    this.midnightTimer = { handle, atMs };
  }

  /** The backstop: catches anything a missed event would leave waiting. */
  private scheduleSweep(): void {
    this.sweepTimer = this.timers.setTimeout(() => {
      this.sweepTimer = null;
      if (this.state !== 'running') return;
      this.wake();
      this.scheduleSweep();
    }, this.sweepIntervalMs);
  }

  private clearTimers(): void {
    this.writeRetry.clear();
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer.handle);
    if (this.sweepTimer !== null) this.timers.clearTimeout(this.sweepTimer);
    if (this.midnightTimer) this.timers.clearTimeout(this.midnightTimer.handle);
    this.midnightTimer = null;
    this.retryTimer = null;
    this.sweepTimer = null;
  }

  private subscribe(worker: GatewayWorker): void {
    if (worker.unsubscribe) return;
    worker.unsubscribe = worker.gateway.onStatus(() => {
      // Any change may mean it can send again (reconnected, PIN entered): try it once more.
      worker.benched = false;
      this.notify();
    });
  }

  private unsubscribe(worker: GatewayWorker): void {
    worker.unsubscribe?.();
    worker.unsubscribe = null;
  }
}

function validCap(cap: unknown): number | null {
  return typeof cap === 'number' && Number.isFinite(cap) && cap >= 0 ? cap : null;
}

/** What one wake reads once: the routing policy and, lazily, each gateway's cap state. */
class WakeRound {
  readonly routing: RoutingPolicy;
  anyCapped = false;
  private readonly caps = new Map<string, boolean>();

  constructor(
    routing: RoutingPolicy,
    private readonly capReached: (gatewayId: string) => boolean,
  ) {
    this.routing = routing;
  }

  capped(gatewayId: string): boolean {
    let reached = this.caps.get(gatewayId);
    if (reached === undefined) {
      reached = this.capReached(gatewayId);
      this.caps.set(gatewayId, reached);
      if (reached) this.anyCapped = true;
    }
    return reached;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
