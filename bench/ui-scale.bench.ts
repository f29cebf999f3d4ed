/**
 * Does the UI stay smooth with 100,000 messages and 50,000 contacts?
 *
 * 1. Seeding (timed on its own). A temp data folder is filled through the app's own code:
 *    50,000 contacts through the `contacts.import` command (the contract's validation, the CSV
 *    import's normalisation, groups by name); 100,000 messages through MessagingService.send and
 *    .receive, and every status change through the dispatcher's one funnel (applyStatusChange
 *    with successChange / failureOutcome). The only stand-ins: a clock that walks through 180
 *    days, a dispatcher port whose notify() does nothing, and a gateway that is never opened.
 *    Nested calls run as savepoints inside one transaction per 5,000 messages.
 * 2. The headless host serves the built renderer (`npm run build:renderer` first) on that
 *    folder; Debian's Chromium (playwright-core, 1280x720) opens it:
 *    - load: navigation start -> the list's first rows in the DOM, read as performance.now() in
 *      the page (its time origin is the navigation's start), checked once per animation frame;
 *      and in-app (click in the side navigation -> first rows), as wall time in Node;
 *    - scrolling: a requestAnimationFrame loop in the page records every frame's duration, a
 *      PerformanceObserver the long tasks (> 50 ms), and each frame counts the list's DOM rows;
 *    - search as you type: the last keystroke's keydown (performance.now(), in the page) ->
 *      the first frame where the list shows the new count and a matching first row.
 * 3. The backend alone: `contacts.list`, `messages.list`, `conversations.list` through the RPC
 *    server's invoke (contract validation + handler, no WebSocket) on the host's own backend.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createRpcServer } from '../src-shared/rpc/server.ts';
import type { RpcServer } from '../src-shared/rpc/server.ts';
import type { RecipientStatus } from '../src-shared/model.ts';
import { createHandlers } from '../electron/backend/api/create-handlers.ts';
import { createBackend } from '../electron/backend/create-backend.ts';
import type { Backend } from '../electron/backend/create-backend.ts';
import type { Clock } from '../electron/backend/clock.ts';
import { failureOutcome, successChange } from '../electron/backend/dispatcher/send-outcome.ts';
import { applyStatusChange } from '../electron/backend/dispatcher/status-change.ts';
import type { DispatcherPort } from '../electron/backend/messaging.ts';
import { CANCEL_REASON, MessagingService } from '../electron/backend/messaging.ts';
import { GatewaySendError } from '../electron/backend/gateways/gateway.ts';
import { describeAtError } from '../electron/backend/gateways/modem/at-error-table.ts';
import { DEFAULT_RENDERER_DIR, startHeadlessHost } from '../electron/headless/host.ts';
import type { HeadlessHost } from '../electron/headless/host.ts';
import type { Store } from '../electron/backend/store/store.ts';
import { chromiumMissingReason, launchBrowser } from '../test/e2e/browser.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';
import { scoped } from './scoped.ts';

const SIZE = { contacts: 50_000, messages: 100_000, conversations: 20_000, contactConversations: 16_000 } as const;
/** Every BULK_EVERY-th message goes to BULK_RECIPIENTS contacts (a group reminder). */
const BULK_EVERY = 2_000;
const BULK_RECIPIENTS = 200;
const DAYS = 180;
const CHUNK = 5_000;
const GATEWAY = 'modem:/dev/ttyUSB0';
const VIEWPORT = { width: 1280, height: 720 } as const;
const BACKEND_RUNS = { warmup: 5, runs: 50 } as const;
const LOAD_RUNS = 3;
const JUMP_TAIL_MS = 500;
const SCROLL = { steps: 20, stepMs: 100, wheelTicks: 40, wheelPx: 300, wheelGapMs: 25 } as const;
/** ContactsScreen.tsx SEARCH_DEBOUNCE_MS: the screen waits this long after a keystroke. */
const CONTACT_SEARCH_DEBOUNCE_MS = 250;
const SEARCHES = [
  { label: 'name fragment "achi"', text: 'achi' },
  { label: 'number fragment "0722 41"', text: '0722 41' },
] as const;

// ---- small helpers -----------------------------------------------------------------------------

const hr = (): bigint => process.hrtime.bigint();
const msSince = (from: bigint): number => Number(hr() - from) / 1e6;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** A deterministic PRNG (mulberry32): the same data folder on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


// ---- seeding ---------------------------------------------------------------------------------

const FIRST = ['Amina', 'Wanjiru', 'Achieng', 'Otieno', 'Kamau', 'Njeri', 'Mwangi', 'Akinyi', 'Wambui', 'Kiprop', 'Chebet', 'Jepkosgei', 'Mutua', 'Mueni', 'Omondi', 'Atieno', 'Nafula', 'Wekesa', 'Halima', 'Fatuma', 'Baraka', 'Grace', 'Mercy', 'Faith', 'Joseph', 'Peter', 'John', 'Mary', 'Esther', 'Ruth', 'Daniel', 'Samuel', 'Brian', 'Kevin', 'Cynthia', 'Purity', 'Zawadi', 'Neema', 'Juma', 'Hassan'];
const LAST = ['Wanjiku', 'Otieno', 'Kamau', 'Ochieng', 'Mwangi', 'Kipchoge', 'Njoroge', 'Odhiambo', 'Mutiso', 'Kariuki', 'Barasa', 'Wafula', 'Chepkemoi', 'Kibet', 'Onyango', 'Auma', 'Nyambura', 'Gitau', 'Macharia', 'Korir', 'Rotich', 'Omollo', 'Maina', 'Ndungu', 'Wairimu', 'Said', 'Ali', 'Mohamed', 'Njuguna', 'Oduya'];
const GROUPS = ['Diabetes', 'ANC', 'Hypertension', 'HIV care', 'Immunisation', 'TB follow-up'];
const OUT_TEXTS = [
  'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi.',
  'Reminder: your clinic appointment is tomorrow at 9:00. Please bring your card.',
  'Majibu yako ya maabara yako tayari. Tafadhali fika kliniki.',
  'Habari! Dawa zako ziko tayari kuchukuliwa katika duka la dawa la kliniki.',
  'Your child is due for the next vaccine on Monday. Chanjo ni bure.',
  'Dear patient, the clinic will be closed on Friday for a public holiday. For emergencies please go to the county hospital. Asante.',
  'Tafadhali kumbuka kumeza dawa zako kila siku kwa wakati ule ule. Ukipata shida yoyote piga simu kliniki au fika mapema iwezekanavyo.',
];
const IN_TEXTS = ['Asante, nitakuja.', 'Sawa', 'Can I come on Tuesday instead?', 'Nimefika kliniki', 'Thank you doctor', 'Dawa zimeisha, naweza kupata zingine?', 'OK', 'Ni nani huyu?'];

/** A distinct Kenyan mobile number for each index (an affine bijection on 8 digits). */
function mobileDigits(index: number): string {
  return String((index * 7_919 + 12_345_678) % 100_000_000).padStart(8, '0');
}

interface SeedResult {
  contactsSeconds: number;
  messagesSeconds: number;
  totalSeconds: number;
  counts: Record<string, number>;
  statusCounts: Record<string, number>;
  databaseMb: number;
}

/** A clock the seeding moves through the 180 days by hand. */
class WalkingClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
}

const noDispatcher: DispatcherPort = {
  changeStatus: () => {
    throw new Error('the seeding changes statuses through applyStatusChange');
  },
  changeStatuses: () => {
    throw new Error('the seeding changes statuses through applyStatusChange');
  },
  onStatus: () => () => undefined,
  notify: () => undefined,
};

type OutcomeKind = 'outbox' | 'cancelled' | 'failed' | 'sent' | 'delivered';

function outcomeFor(random: () => number, recent: boolean): OutcomeKind {
  const u = random();
  // The modem was unplugged for the last two days: what was sent since still waits.
  if (recent) return u < 0.6 ? 'outbox' : u < 0.62 ? 'cancelled' : 'sent';
  return u < 0.52 ? 'delivered' : u < 0.92 ? 'sent' : u < 0.98 ? 'failed' : u < 0.99 ? 'cancelled' : 'delivered';
}

/** The dispatcher's transitions for one recipient, written as the dispatcher writes them. */
function settle(store: Store, recipientId: number, kind: OutcomeKind, createdMs: number, parts: number, random: () => number): void {
  if (kind === 'outbox') return;
  const at = (offsetMs: number) => new Date(createdMs + offsetMs).toISOString();
  if (kind === 'cancelled') {
    applyStatusChange(store, { recipientId, from: 'outbox', to: 'cancelled', reason: CANCEL_REASON, set: { nextAttemptAt: null } }, at(40_000));
    return;
  }
  const sending = applyStatusChange(
    store,
    { recipientId, from: 'outbox', to: 'sending', reason: `Sending via ${GATEWAY}`, set: { gateway: GATEWAY, attempts: 1 } },
    at(1_000),
  ).recipient;
  if (kind === 'failed') {
    const row = describeAtError('cms', random() < 0.7 ? 1 : 21);
    const error = new GatewaySendError(row.kind, `cms-${row.code}`, row.reason);
    const outcome = failureOutcome(sending, error, { gatewayId: GATEWAY, retry: store.settings.get('retry'), crashRecovery: store.settings.get('crashRecovery'), nowMs: createdMs + 6_000, random });
    applyStatusChange(store, outcome.change, at(6_000));
    return;
  }
  const references = Array.from({ length: parts }, () => String(Math.floor(random() * 256)));
  applyStatusChange(store, successChange(sending, { references }), at(6_000));
  if (kind === 'delivered') {
    applyStatusChange(store, { recipientId, from: 'sent', to: 'delivered', reason: 'Delivered', set: {} }, at(20_000 + Math.floor(random() * 600_000)));
  }
}

async function seed(dataDir: string): Promise<SeedResult> {
  const started = hr();
  const random = prng(4);
  const endMs = Date.now() - 3_600_000;
  const startMs = endMs - DAYS * 86_400_000;
  const clock = new WalkingClock(startMs - 86_400_000);
  const backend = createBackend({ dataDir, clock, modems: [] });
  try {
    const store = backend.store;
    const rpc = createRpcServer({ handlers: createHandlers(backend, { host: 'headless', version: 'bench', dataDir }) });

    // Contacts: the CSV import's own command, as the Contacts screen sends it.
    const rows = Array.from({ length: SIZE.contacts }, (_, i) => {
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const middle = random() < 0.4 ? `${FIRST[Math.floor(random() * FIRST.length)]!} ` : '';
      const digits = mobileDigits(i);
      const phone = i % 2 === 0 ? `07${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}` : `+2547${digits}`;
      const g = random();
      const group = g < 0.3 ? GROUPS[Math.floor(random() * GROUPS.length)]! : g < 0.35 ? `${GROUPS[0]}; ${GROUPS[2]}` : '';
      return {
        name: `${first} ${middle}${last}`,
        phone,
        email: random() < 0.15 ? `${first}.${last}${i}@example.org`.toLowerCase() : '',
        notes: random() < 0.3 ? `Clinic no. ${100_000 + i}` : '',
        group,
      };
    });
    const imported = await rpc.invoke('contacts.import', { rows });
    if (!imported.ok) throw new Error(`contacts.import failed: ${imported.error.message}`);
    const result = imported.result as { created: number; errors: unknown[] };
    if (result.created !== SIZE.contacts) throw new Error(`contacts.import created ${result.created} of ${SIZE.contacts} (${result.errors.length} errors)`);
    const contactsSeconds = msSince(started) / 1e3;

    // Conversations: 16,000 with contacts, 4,000 with numbers nobody saved.
    const contactAddresses = store.db
      .prepare<[], { address: string; contact_id: number }>(`SELECT address, contact_id FROM addresses WHERE protocol = 'sms' AND contact_id IS NOT NULL ORDER BY contact_id`)
      .all();
    const people: Array<{ address: string; contactId: number | null }> = [];
    for (let i = 0; i < SIZE.contactConversations; i++) {
      const a = contactAddresses[Math.floor((i * contactAddresses.length) / SIZE.contactConversations)]!;
      people.push({ address: a.address, contactId: a.contact_id });
    }
    for (let i = 0; i < SIZE.conversations - SIZE.contactConversations; i++) people.push({ address: `+2547${mobileDigits(SIZE.contacts + i)}`, contactId: null });
    // Shuffled, so the unknown numbers are spread over time.
    for (let i = people.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [people[i], people[j]] = [people[j]!, people[i]!];
    }

    const messaging = new MessagingService({ store, dispatcher: noDispatcher, hasGatewayFor: () => true, clock });
    const recentFrom = endMs - 2 * 86_400_000;
    const stepMs = (endMs - startMs) / SIZE.messages;
    let opened = 0;
    const pick = (index: number): { address: string; contactId: number | null } => {
      const remaining = SIZE.messages - index;
      if (opened < people.length && (random() < 0.2 || remaining <= people.length - opened)) return people[opened++]!;
      // Busy threads: low indices are picked far more often.
      return people[Math.floor(opened * random() ** 2)]!;
    };

    for (let chunk = 0; chunk < SIZE.messages; chunk += CHUNK) {
      store.transaction(() => {
        for (let i = chunk; i < Math.min(SIZE.messages, chunk + CHUNK); i++) {
          const createdMs = Math.floor(startMs + i * stepMs);
          clock.ms = createdMs;
          const recent = createdMs >= recentFrom;
          if (i % BULK_EVERY === BULK_EVERY - 1 && opened > BULK_RECIPIENTS) {
            const content = OUT_TEXTS[i % OUT_TEXTS.length]!;
            const chosen = new Set<number>();
            const recipients: Array<{ address: string; protocol: 'sms'; contactId: number }> = [];
            while (recipients.length < BULK_RECIPIENTS) {
              const p = people[Math.floor(random() * opened)]!;
              if (p.contactId === null || chosen.has(p.contactId)) continue;
              chosen.add(p.contactId);
              recipients.push({ address: p.address, protocol: 'sms', contactId: p.contactId });
            }
            const receipt = messaging.send({ content, recipients });
            const parts = receipt.sms?.segments ?? 1;
            for (const r of receipt.recipients) settle(store, r.id, outcomeFor(random, recent), createdMs, parts, random);
            continue;
          }
          const person = pick(i);
          const incoming = person.contactId === null ? random() < 0.7 : random() < 0.25;
          if (incoming) {
            messaging.receive({ from: person.address, text: IN_TEXTS[Math.floor(random() * IN_TEXTS.length)]!, gatewayId: GATEWAY, arrivedAt: new Date(createdMs).toISOString() });
            continue;
          }
          const receipt = messaging.send({
            content: OUT_TEXTS[Math.floor(random() * OUT_TEXTS.length)]!,
            recipients: [{ address: person.address, protocol: 'sms', ...(person.contactId === null ? {} : { contactId: person.contactId }) }],
          });
          settle(store, receipt.recipients[0]!.id, outcomeFor(random, recent), createdMs, receipt.sms?.segments ?? 1, random);
        }
      });
    }
    // A nurse has read all but the last three days.
    const readBefore = new Date(endMs - 3 * 86_400_000).toISOString();
    const stale = store.db.prepare<[string], { id: number }>('SELECT id FROM conversations WHERE unread_count > 0 AND last_message_at < ?').all(readBefore);
    store.transaction(() => {
      for (const { id } of stale) store.conversations.markRead(id);
    });

    const count = (table: string): number => store.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
    const counts = Object.fromEntries(['contacts', 'addresses', 'groups', 'contact_groups', 'conversations', 'messages', 'message_recipients', 'status_log'].map((t) => [t, count(t)]));
    const statusCounts = Object.fromEntries(
      store.db.prepare<[], { status: RecipientStatus; n: number }>('SELECT status, COUNT(*) AS n FROM message_recipients GROUP BY status').all().map((r) => [r.status, r.n]),
    );
    const unlinked = store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM message_recipients WHERE conversation_id IS NULL').get()?.n ?? 0;
    if (unlinked > 0) throw new Error(`${unlinked} recipients have no conversation`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    const messagesSeconds = msSince(started) / 1e3 - contactsSeconds;
    return { contactsSeconds, messagesSeconds, totalSeconds: msSince(started) / 1e3, counts, statusCounts, databaseMb: (pages * pageSize) / 1e6 };
  } finally {
    await backend.stop();
  }
}

// ---- the page side ---------------------------------------------------------------------------

/**
 * Installed in every document before the app's scripts (addInitScript runs outside the page's
 * CSP). A string: the bench is type-checked without the DOM library.
 */
const PAGE_PROBE = `(() => {
  if (window.__ub) return;
  const ub = { recording: false, frames: [], longtasks: [], maxRows: 0, lastKey: 0, longtaskSupported: false };
  try {
    new PerformanceObserver((list) => {
      if (ub.recording) for (const e of list.getEntries()) ub.longtasks.push(e.duration);
    }).observe({ type: 'longtask' });
    ub.longtaskSupported = true;
  } catch (_) {}
  document.addEventListener('keydown', () => { ub.lastKey = performance.now(); }, true);
  ub.list = (name) => document.querySelector('[role="list"][aria-label="' + name + '"]');
  ub.scroller = (name) => ub.list(name)?.parentElement ?? null;
  ub.rows = (name) => Array.from(ub.list(name)?.querySelectorAll(':scope > [role="listitem"]') ?? []);
  ub.isLoadingRow = (el) => el.querySelector('.contact-row--loading') !== null;
  ub.firstRowsShown = (name) => { const r = ub.rows(name)[0]; return r !== undefined && !ub.isLoadingRow(r); };
  /** Rows that intersect the scroller's visible box. */
  ub.visibleRows = (name) => {
    const s = ub.scroller(name);
    if (!s) return [];
    const box = s.getBoundingClientRect();
    return ub.rows(name).filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > box.top && b.top < box.bottom; });
  };
  ub.settled = (name) => { const v = ub.visibleRows(name); return v.length > 0 && !v.some(ub.isLoadingRow); };
  ub.countText = () => document.querySelector('.list-count')?.textContent ?? '';
  ub.nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  /** Resolves with performance.now() at the first frame where test() holds, or -1 after timeoutMs. */
  ub.until = async (test, timeoutMs) => {
    const end = performance.now() + timeoutMs;
    while (performance.now() < end) {
      if (test()) return performance.now();
      await ub.nextFrame();
    }
    return -1;
  };
  ub.start = (name) => {
    ub.frames = []; ub.longtasks = []; ub.maxRows = 0; ub.recording = true;
    // A loop from an earlier start() may still have a frame queued: only the newest records.
    const generation = (ub.generation = (ub.generation ?? 0) + 1);
    let last = -1;
    const tick = (t) => {
      if (!ub.recording || ub.generation !== generation) return;
      if (last >= 0) ub.frames.push(t - last);
      last = t;
      ub.maxRows = Math.max(ub.maxRows, ub.rows(name).length);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  ub.stop = () => {
    ub.recording = false;
    return { frames: ub.frames, longtasks: ub.longtasks, maxRows: ub.maxRows, longtaskSupported: ub.longtaskSupported, domNodes: document.getElementsByTagName('*').length };
  };
  /**
   * scrollTop steps: 'middle' and 'end' move evenly from where the list is to that point;
   * 'follow' jumps to the current end each step (an infinite list grows as it goes).
   */
  ub.scrollSteps = async (name, mode, steps, stepMs, tailMs) => {
    ub.start(name);
    const began = performance.now();
    const s = ub.scroller(name);
    const from = s.scrollTop;
    const end = () => s.scrollHeight - s.clientHeight;
    let lastStep = began;
    for (let i = 1; i <= steps; i++) {
      const target = mode === 'middle' ? end() / 2 : end();
      s.scrollTop = mode === 'follow' ? target : from + ((target - from) * i) / steps;
      lastStep = performance.now();
      if (i < steps) await new Promise((r) => setTimeout(r, stepMs));
    }
    const settledAt = await ub.until(() => ub.settled(name), 15000);
    const elapsedMs = performance.now() - began;
    if (tailMs > 0) await new Promise((r) => setTimeout(r, tailMs));
    const first = ub.rows(name)[0];
    return {
      record: ub.stop(),
      settleMs: settledAt < 0 ? -1 : settledAt - lastStep,
      elapsedMs,
      scrollTop: s.scrollTop,
      scrollHeight: s.scrollHeight,
      length: Number(first?.getAttribute('aria-setsize') ?? 0),
      firstVisible: Number(ub.visibleRows(name)[0]?.getAttribute('aria-posinset') ?? 0),
    };
  };
  window.__ub = ub;
})();`;

interface FrameRecord {
  frames: number[];
  longtasks: number[];
  maxRows: number;
  longtaskSupported: boolean;
  domNodes: number;
}

interface StepResult {
  /** Frames from the first step to `tailMs` after the rows settled, recorded in the page. */
  record: FrameRecord;
  /** The last scrollTop assignment -> the first frame with every visible row filled. */
  settleMs: number;
  elapsedMs: number;
  scrollTop: number;
  scrollHeight: number;
  length: number;
  firstVisible: number;
}

async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

/**
 * Waits (checking once per frame, in the page) for `condition` and returns performance.now()
 * then. Not page.waitForFunction: its predicate is a string eval, which the app's CSP forbids.
 */
async function pageTimeWhen(page: Page, condition: string, timeoutMs = 30_000): Promise<number> {
  const at = await inPage<number>(page, `__ub.until(() => (${condition}), ${timeoutMs})`);
  if (at < 0) throw new Error(`Not seen within ${timeoutMs} ms: ${condition}`);
  return at;
}

const LISTS = { outbox: 'Messages', contacts: 'Contacts', conversations: 'Conversations' } as const;
type Screen = keyof typeof LISTS;
const NAV = { outbox: 'Outbox', contacts: 'Contacts', conversations: 'Conversations' } as const;

interface LoadTiming {
  /** In the page: navigation start -> first rows (performance.now()). */
  firstRows: number[];
  /** Contacts only: navigation start -> "50,000 contacts". */
  count: number[];
  /** Node wall time: page.goto() called -> first rows seen. */
  wall: number[];
  /** Node wall time: nav link clicked on another screen -> first rows seen. */
  inApp: number[];
}

async function measureLoads(page: Page, baseUrl: string, screen: Screen, countText: string): Promise<LoadTiming> {
  const list = LISTS[screen];
  const out: LoadTiming = { firstRows: [], count: [], wall: [], inApp: [] };
  for (let run = 0; run < LOAD_RUNS; run++) {
    await page.goto('about:blank');
    const start = hr();
    await page.goto(`${baseUrl}#/${screen}`, { waitUntil: 'commit' });
    out.firstRows.push(await pageTimeWhen(page, `__ub.firstRowsShown(${JSON.stringify(list)})`));
    out.wall.push(msSince(start));
    if (screen === 'contacts') out.count.push(await pageTimeWhen(page, `__ub.countText() === ${JSON.stringify(countText)}`));
  }
  for (let run = 0; run < LOAD_RUNS; run++) {
    // From Compose (no list), as a nurse switches screens.
    await page.getByRole('link', { name: 'Compose', exact: true }).click();
    await pageTimeWhen(page, `__ub.list(${JSON.stringify(list)}) === null`);
    const start = hr();
    await page.getByRole('link', { name: NAV[screen], exact: true }).click();
    await pageTimeWhen(page, `__ub.firstRowsShown(${JSON.stringify(list)})`);
    out.inApp.push(msSince(start));
  }
  return out;
}

interface ScrollSegment {
  label: string;
  record: FrameRecord;
  step: StepResult | null;
}

async function wheel(page: Page, list: string): Promise<void> {
  const box = await page.getByRole('list', { name: list, exact: true }).boundingBox();
  if (!box) throw new Error(`The list ${list} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 400) / 2);
  for (let i = 0; i < SCROLL.wheelTicks; i++) {
    await page.mouse.wheel(0, SCROLL.wheelPx);
    await sleep(SCROLL.wheelGapMs);
  }
  await sleep(200);
}

/** Wheel scrolling driven from Node; frames recorded in the page from the first tick to 200 ms after the last. */
async function wheelSegment(page: Page, list: string, label: string): Promise<ScrollSegment> {
  await inPage(page, `__ub.start(${JSON.stringify(list)})`);
  await wheel(page, list);
  const record = await inPage<FrameRecord>(page, '__ub.stop()');
  return { label, record, step: null };
}

/** scrollTop steps run wholly in the page (no round trip to Node between them). */
async function stepSegment(page: Page, list: string, label: string, mode: 'middle' | 'end' | 'follow', count: number = SCROLL.steps, tailMs = 0): Promise<ScrollSegment> {
  const step = await inPage<StepResult>(page, `__ub.scrollSteps(${JSON.stringify(list)}, ${JSON.stringify(mode)}, ${count}, ${SCROLL.stepMs}, ${tailMs})`);
  return { label, record: step.record, step };
}

async function openScreen(page: Page, screen: Screen): Promise<void> {
  await page.getByRole('link', { name: NAV[screen], exact: true }).click();
  await pageTimeWhen(page, `__ub.firstRowsShown(${JSON.stringify(LISTS[screen])})`);
}

async function measureScrolling(page: Page, total: number): Promise<ScrollSegment[]> {
  const segments: ScrollSegment[] = [];
  await openScreen(page, 'outbox');
  segments.push(await wheelSegment(page, LISTS.outbox, `Outbox: wheel ${SCROLL.wheelTicks} x ${SCROLL.wheelPx}px`));
  segments.push(await stepSegment(page, LISTS.outbox, `Outbox: ${SCROLL.steps} jumps to the loaded end (pages load as it goes)`, 'follow'));

  await openScreen(page, 'contacts');
  await pageTimeWhen(page, `__ub.countText() === ${JSON.stringify(`${total.toLocaleString('en-US')} contacts`)}`);
  segments.push(await wheelSegment(page, LISTS.contacts, `Contacts: wheel ${SCROLL.wheelTicks} x ${SCROLL.wheelPx}px`));
  segments.push(await stepSegment(page, LISTS.contacts, `Contacts: ${SCROLL.steps} steps to the middle`, 'middle'));
  segments.push(await stepSegment(page, LISTS.contacts, `Contacts: ${SCROLL.steps} steps to the end`, 'end'));
  // A fresh screen (no pages fetched yet), then single jumps, as when the nurse drags the
  // scrollbar; frames are recorded for JUMP_TAIL_MS after the rows fill, so the re-render is in them.
  await openScreen(page, 'outbox');
  await openScreen(page, 'contacts');
  segments.push(await stepSegment(page, LISTS.contacts, 'Contacts: one jump, top -> middle', 'middle', 1, JUMP_TAIL_MS));
  segments.push(await stepSegment(page, LISTS.contacts, 'Contacts: one jump, middle -> end', 'end', 1, JUMP_TAIL_MS));

  await openScreen(page, 'conversations');
  segments.push(await stepSegment(page, LISTS.conversations, `Conversations: ${SCROLL.steps} jumps to the loaded end`, 'follow'));
  return segments;
}

interface SearchTiming {
  label: string;
  expected: number;
  /** Last keydown -> the list shows the new count and a first row (in the page). */
  latency: number;
}

async function measureSearches(page: Page, rpc: RpcServer, total: number): Promise<SearchTiming[]> {
  await openScreen(page, 'contacts');
  const allText = `${total.toLocaleString('en-US')} contacts`;
  const box = page.getByRole('searchbox', { name: 'Search contacts' });
  const out: SearchTiming[] = [];
  for (const search of SEARCHES) {
    for (let run = 0; run < 2; run++) {
      const expected = await rpc.invoke('contacts.list', { search: search.text, limit: 1 });
      if (!expected.ok) throw new Error(expected.error.message);
      const n = (expected.result as { total: number }).total;
      await box.fill('');
      await pageTimeWhen(page, `__ub.countText() === ${JSON.stringify(allText)}`);
      await box.click();
      await page.keyboard.type(search.text, { delay: 60 });
      const want = n === 1 ? '1 contact' : `${n.toLocaleString('en-US')} contacts`;
      const shown = await pageTimeWhen(page, `__ub.countText() === ${JSON.stringify(want)} && __ub.firstRowsShown('Contacts')`);
      const lastKey = await inPage<number>(page, '__ub.lastKey');
      out.push({ label: search.label, expected: n, latency: shown - lastKey });
    }
  }
  await box.fill('');
  return out;
}

// ---- the backend alone -------------------------------------------------------------------------

interface QueryTiming {
  label: string;
  samples: number[];
  rows: number;
}

async function timeInvoke(rpc: RpcServer, label: string, command: string, params: Record<string, unknown>): Promise<QueryTiming> {
  let rows = 0;
  const samples: number[] = [];
  for (let i = 0; i < BACKEND_RUNS.warmup + BACKEND_RUNS.runs; i++) {
    const start = hr();
    const outcome = await rpc.invoke(command, params);
    const took = msSince(start);
    if (!outcome.ok) throw new Error(`${command} failed: ${outcome.error.message}`);
    const result = outcome.result as { items?: unknown[]; contacts?: unknown[] };
    rows = (result.items ?? result.contacts ?? []).length;
    if (i >= BACKEND_RUNS.warmup) samples.push(took);
  }
  return { label, samples, rows };
}

async function measureBackend(backend: Backend, dataDir: string): Promise<QueryTiming[]> {
  const rpc = createRpcServer({ handlers: createHandlers(backend, { host: 'headless', version: 'bench', dataDir }) });
  const db = backend.store.db;
  const minMessage = db.prepare<[], { id: number }>('SELECT MIN(id) AS id FROM messages').get()?.id ?? 1;
  // The conversation 100 from the end of the list: the cursor of a deep page.
  const deepConversation = db.prepare<[], { id: number }>('SELECT id FROM conversations ORDER BY last_message_at ASC, id ASC LIMIT 1 OFFSET 100').get()?.id ?? 1;
  const middleConversation = db.prepare<[], { id: number }>(`SELECT id FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 1 OFFSET ${SIZE.conversations / 2}`).get()?.id ?? 1;
  const out: QueryTiming[] = [];
  const add = async (label: string, command: string, params: Record<string, unknown>) => out.push(await timeInvoke(rpc, label, command, params));
  await add('contacts.list first page (200)', 'contacts.list', { limit: 200, offset: 0 });
  await add('contacts.list offset 25,000 (200)', 'contacts.list', { limit: 200, offset: 25_000 });
  await add('contacts.list offset 49,800 (200)', 'contacts.list', { limit: 200, offset: 49_800 });
  for (const search of SEARCHES) await add(`contacts.list search ${search.label} (200)`, 'contacts.list', { search: search.text, limit: 200, offset: 0 });
  await add('messages.list first page (100)', 'messages.list', { limit: 100 });
  await add('messages.list deep page, oldest 1,000 (100)', 'messages.list', { limit: 100, before: minMessage + 1_000 });
  for (const status of ['failed', 'outbox', 'sending'] as const) await add(`messages.list status=${status} first page (100)`, 'messages.list', { limit: 100, status });
  await add('messages.list search "vaccine" (100)', 'messages.list', { limit: 100, search: 'vaccine' });
  await add('conversations.list first page (100)', 'conversations.list', { limit: 100 });
  await add('conversations.list middle page (100)', 'conversations.list', { limit: 100, before: middleConversation });
  await add('conversations.list last page (100)', 'conversations.list', { limit: 100, before: deepConversation });
  await add('conversations.list search "achi" (100)', 'conversations.list', { limit: 100, search: 'achi' });
  return out;
}

// ---- the suite ---------------------------------------------------------------------------------

function frameRow(segment: ScrollSegment): string[] {
  const { frames, longtasks, maxRows, longtaskSupported } = segment.record;
  const step = segment.step;
  return [
    segment.label,
    `${frames.length} / ${(frames.reduce((a, b) => a + b, 0) / 1e3).toFixed(1)} s`,
    ms(percentile(frames, 50)),
    ms(percentile(frames, 95)),
    ms(Math.max(0, ...frames)),
    String(frames.filter((f) => f > 50).length),
    longtaskSupported ? `${longtasks.length} / ${ms(Math.max(0, ...longtasks))}` : 'n/a',
    String(maxRows),
    step === null ? '-' : `${step.firstVisible.toLocaleString('en-US')} of ${step.length.toLocaleString('en-US')}`,
    step === null ? '-' : step.settleMs < 0 ? 'never (15 s)' : ms(step.settleMs),
    step === null ? '-' : ms(step.elapsedMs),
  ];
}

function spread(values: readonly number[]): string {
  if (values.length === 0) return '-';
  return `${ms(percentile(values, 50))} (${ms(Math.min(...values))}-${ms(Math.max(...values))})`;
}

export const uiScaleSuite: BenchSuite = {
  name: 'ui-scale',
  async run() {
    const missing = chromiumMissingReason();
    if (missing !== null) throw new Error(`ui-scale needs Chromium: ${missing}`);
    if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) throw new Error('ui-scale needs the built renderer: run `npm run build:renderer` first');
    const cpu = cpus();
    console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    await scoped(async (defer) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-ui-'));
      defer(() => rmSync(dataDir, { recursive: true, force: true }));

      const seeded = await seed(dataDir);
      console.log(`\nSeeding: ${seeded.contactsSeconds.toFixed(1)} s contacts (contacts.import), ${seeded.messagesSeconds.toFixed(1)} s messages (MessagingService + applyStatusChange), ${seeded.totalSeconds.toFixed(1)} s in all; database ${seeded.databaseMb.toFixed(0)} MB`);
      console.log(`  rows: ${Object.entries(seeded.counts).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`);
      console.log(`  recipients by status: ${Object.entries(seeded.statusCounts).map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`).join(', ')}`);

      const host: HeadlessHost = await startHeadlessHost({ port: 0, dataDir, modems: [] });
      defer(() => host.close());
      const browser: Browser = await launchBrowser();
      defer(() => browser.close());
      console.log(`Chromium ${browser.version()}, headless, --disable-gpu, viewport ${VIEWPORT.width}x${VIEWPORT.height}`);

      const backendFigures = await measureBackend(host.backend, dataDir);
      const rpc = createRpcServer({ handlers: createHandlers(host.backend, { host: 'headless', version: 'bench', dataDir }) });

      const page = await browser.newPage({ viewport: VIEWPORT });
      defer(() => page.close());
      await page.addInitScript(PAGE_PROBE);
      await page.goto(`${host.url}#token=${host.token}`);
      await page.getByText('Connected', { exact: true }).waitFor({ timeout: 15_000 });
      const baseUrl = host.url;
      const total = seeded.counts.contacts ?? SIZE.contacts;
      const countText = `${total.toLocaleString('en-US')} contacts`;

      const loads = {
        outbox: await measureLoads(page, baseUrl, 'outbox', countText),
        contacts: await measureLoads(page, baseUrl, 'contacts', countText),
        conversations: await measureLoads(page, baseUrl, 'conversations', countText),
      };
      const scrolling = await measureScrolling(page, total);
      const searches = await measureSearches(page, rpc, total);

      console.log(`\nLoading a screen, ${LOAD_RUNS} runs each, median (min-max). "page" = performance.now() in the page at the first frame with the rows (navigation start = 0); "wall" = Node, page.goto() -> rows seen; "in-app" = Node, nav link click from Compose -> rows seen:`);
      printTable(
        ['screen', 'page: first rows', 'page: total count', 'wall: first rows', 'in-app: first rows'],
        (Object.keys(loads) as Screen[]).map((s) => [s, spread(loads[s].firstRows), spread(loads[s].count), spread(loads[s].wall), spread(loads[s].inApp)]),
      );

      console.log(`\nScrolling (rAF frame times in the page; steps are scrollTop jumps ${SCROLL.stepMs} ms apart; "settled" = last step -> every visible row filled):`);
      printTable(['segment', 'frames / time', 'p50', 'p95', 'max', '>50 ms', 'long tasks / longest', 'max DOM rows', 'at row', 'settled', 'steps took'], scrolling.map(frameRow));
      console.log(`  DOM elements in the document after the last segment: ${scrolling.at(-1)?.record.domNodes ?? 0}`);

      console.log(`\nSearch as you type in Contacts (typed at 60 ms a key; includes the screen's ${CONTACT_SEARCH_DEBOUNCE_MS} ms debounce):`);
      printTable(
        ['search', 'matches', 'last key -> list updated', 'minus debounce'],
        searches.map((s) => [s.label, s.expected.toLocaleString('en-US'), ms(s.latency), ms(s.latency - CONTACT_SEARCH_DEBOUNCE_MS)]),
      );

      console.log(`\nBackend alone: RPC invoke (contract validation + handler, same process, no WebSocket), ${BACKEND_RUNS.runs} runs after ${BACKEND_RUNS.warmup} warm-up:`);
      printTable(
        ['query', 'rows', 'p50', 'p95', 'max'],
        backendFigures.map((q) => [q.label, String(q.rows), ms(percentile(q.samples, 50)), ms(percentile(q.samples, 95)), ms(Math.max(...q.samples))]),
      );
      console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    });
  },
};
