/**
 * The messaging backbone wired for a unit test: a real SQLite file in a temp dir, a fake
 * clock, scripted gateways, the dispatcher and the MessagingService.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxDispatcher } from '../../electron/backend/dispatcher.ts';
import type { StatusEvent } from '../../electron/backend/events.ts';
import type { Gateway } from '../../electron/backend/gateways/gateway.ts';
import { MessagingService } from '../../electron/backend/messaging.ts';
import type { Settings } from '../../electron/backend/store/repositories/settings-repository.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import { FakeClock } from './fake-clock.ts';

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix = 'ujumbe-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Backbone {
  dir: TempDir;
  clock: FakeClock;
  store: Store;
  dispatcher: OutboxDispatcher;
  messaging: MessagingService;
  /** Every status event, in order. */
  events: StatusEvent[];
  close(): void;
}

export interface BackboneOptions {
  gateways?: Gateway[];
  settings?: Partial<Settings>;
  /** Use this store (e.g. one reopened on the same file) instead of a new one. */
  store?: Store;
  dir?: TempDir;
  clock?: FakeClock;
  random?: () => number;
}

export function makeBackbone(options: BackboneOptions = {}): Backbone {
  const dir = options.dir ?? makeTempDir();
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? openStore({ dataDir: dir.path, clock });
  for (const [key, value] of Object.entries(options.settings ?? {})) {
    store.settings.set(key as keyof Settings, value as never);
  }
  const dispatcher = new OutboxDispatcher({
    store,
    gateways: options.gateways ?? [],
    clock,
    timers: clock,
    random: options.random ?? (() => 0),
  });
  const messaging = new MessagingService({ store, dispatcher, hasGatewayFor: (p) => dispatcher.hasGatewayFor(p), clock });
  const events: StatusEvent[] = [];
  dispatcher.onStatus((e) => events.push(e));
  return {
    dir,
    clock,
    store,
    dispatcher,
    messaging,
    events,
    close() {
      store.close();
      if (!options.dir) dir.remove();
    },
  };
}

/** Resolves with the first status event that matches (waits for events, never for time). */
export function nextStatus(
  source: { onStatus(listener: (e: StatusEvent) => void): () => void },
  match: Partial<Pick<StatusEvent, 'recipientId' | 'to' | 'from'>>,
): Promise<StatusEvent> {
  return new Promise((resolve) => {
    const off = source.onStatus((e) => {
      if (
        (match.recipientId === undefined || e.recipientId === match.recipientId) &&
        (match.to === undefined || e.to === match.to) &&
        (match.from === undefined || e.from === match.from)
      ) {
        off();
        resolve(e);
      }
    });
  });
}

/** Lets queued microtasks and promise callbacks run (for "nothing else happened" checks). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** The short form of a recipient's log, for whole-log assertions. */
export function logOf(store: Store, recipientId: number): string[] {
  return store.statusLog.listForRecipient(recipientId).map((e) => `${e.from ?? '∅'} → ${e.to}: ${e.reason}`);
}
