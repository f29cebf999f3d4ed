/**
 * An in-memory Gateway double for unit tests: each send() follows the next step of a script
 * (succeed with references, throw, or stay pending until the test settles it), every call is
 * recorded, and the test can change its state (which fires onStatus like a real gateway).
 */
import type { EmailProblemCode, GatewayState, GatewayStatus, ModemDetail, ModemProblemCode, Protocol } from '../../src-shared/model.ts';
import {
  type Gateway,
  type GatewayListener,
  GatewaySendError,
  type OutgoingItem,
  type SendFailureKind,
  type SendResult,
} from '../../electron/backend/gateways/gateway.ts';

export type SendStep =
  | { kind: 'ok'; references: string[] }
  | { kind: 'throw'; error: unknown }
  /** Stays pending until the test calls settle() on the HeldSend. */
  | { kind: 'hold' };

export const ok = (...references: string[]): SendStep => ({ kind: 'ok', references });
export const fail = (kind: SendFailureKind, code: string, reason: string, partialReferences: string[] = []): SendStep => ({
  kind: 'throw',
  error: new GatewaySendError(kind, code, reason, partialReferences),
});
export const crash = (error: unknown): SendStep => ({ kind: 'throw', error });
export const hold = (): SendStep => ({ kind: 'hold' });

export interface HeldSend {
  item: OutgoingItem;
  succeed(references: string[]): void;
  fail(error: unknown): void;
}

export interface ScriptedGatewayOptions {
  id: string;
  protocol?: Protocol;
  script?: SendStep[];
  state?: GatewayState;
  /** Called inside send(), before the step runs: lets a test look at the database mid-send. */
  onSend?: (item: OutgoingItem) => void;
}

export class ScriptedGateway implements Gateway {
  readonly id: string;
  readonly protocol: Protocol;
  readonly calls: OutgoingItem[] = [];
  readonly held: HeldSend[] = [];
  private readonly script: SendStep[];
  private state: GatewayState;
  private problem: ModemProblemCode | EmailProblemCode | null = null;
  private readonly listeners = new Set<GatewayListener>();
  private readonly callWaiters: Array<{ count: number; resolve: () => void }> = [];
  private nextReference = 1;
  onSend: ((item: OutgoingItem) => void) | undefined;

  constructor(options: ScriptedGatewayOptions) {
    this.id = options.id;
    this.protocol = options.protocol ?? 'sms';
    this.script = [...(options.script ?? [])];
    this.state = options.state ?? 'running';
    this.onSend = options.onSend;
  }

  /** Appends steps; once the script is used up every send succeeds with one reference. */
  then(...steps: SendStep[]): this {
    this.script.push(...steps);
    return this;
  }

  status(): GatewayStatus {
    if (this.protocol === 'email') {
      return { id: this.id, protocol: 'email', kind: 'email', state: this.state, problem: this.problem === null ? null : { code: this.problem as EmailProblemCode }, detail: { server: 'scripted:25', security: 'none', lastFailure: null } };
    }
    return { id: this.id, protocol: 'sms', kind: 'modem', state: this.state, problem: this.problem === null ? null : { code: this.problem as ModemProblemCode }, detail: scriptedModemDetail(this.id) };
  }

  canSend(): boolean {
    return this.state === 'running';
  }

  async start(): Promise<void> {
    this.setState('running');
  }

  async stop(): Promise<void> {
    this.setState('stopped');
  }

  /** Changes state and tells the listeners, as a real gateway does. */
  setState(state: GatewayState, problem: ModemProblemCode | EmailProblemCode | null = null): void {
    this.state = state;
    this.problem = problem;
    for (const listener of [...this.listeners]) listener(this.status());
  }

  onStatus(listener: GatewayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  /** Resolves once send() has been called `count` times in all. */
  whenCalled(count = this.calls.length + 1): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.callWaiters.push({ count, resolve }));
  }

  send(item: OutgoingItem): Promise<SendResult> {
    this.calls.push(item);
    this.onSend?.(item);
    for (const waiter of this.callWaiters.filter((w) => this.calls.length >= w.count)) {
      this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const step = this.script.shift() ?? ok(String(this.nextReference++));
    switch (step.kind) {
      case 'ok':
        return Promise.resolve({ references: step.references });
      case 'throw':
        return Promise.reject(step.error);
      case 'hold':
        return new Promise<SendResult>((resolve, reject) => {
          this.held.push({ item, succeed: (references) => resolve({ references }), fail: reject });
        });
    }
  }
}

/** What a scripted SMS gateway reports of its "modem": nothing known but its made-up port. */
export function scriptedModemDetail(id: string): ModemDetail {
  return {
    port: `scripted:${id}`, profile: null, manufacturer: null, model: null, revision: null, imei: null, operator: null,
    signalDbm: null, signalBars: null, registration: null, sim: null, smsMode: null, serviceCentre: null, undecodableOnSim: 0,
  };
}
