/**
 * Component-test harness: a real RpcServer (the contract's schemas validate every call) over the
 * in-memory transport pair, with stub handlers a test overrides, and every call recorded.
 */
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { CommandName, Handlers, ParsedParams } from '../../src-shared/contract/commands.ts';
import type { DiscoveryDto, EmailSettingsDto, SettingsDto } from '../../src-shared/contract/dto.ts';
import type { StorageStatusDto } from '../../src-shared/contract/storage.ts';
import type { SessionDto } from '../../src-shared/contract/access-commands.ts';
import { NotFoundError } from '../../src-shared/errors.ts';
import { createMemoryTransportPair } from '../../src-shared/rpc/memory-transport.ts';
import { createRpcClient, type RpcClient } from '../../src-shared/rpc/client.ts';
import { createRpcServer, type RpcServer } from '../../src-shared/rpc/server.ts';
import { App } from '../../renderer/app/App.tsx';
import { ClientProvider } from '../../renderer/app/client-context.tsx';
import { useRouter } from '../../renderer/app/router.ts';
import { initI18n, setLanguage } from '../../renderer/i18n/index.ts';
import { useAppState } from '../../renderer/state/app.ts';
import { useCompose } from '../../renderer/state/compose.ts';
import { useConversations } from '../../renderer/state/conversations.ts';
import { useGateways } from '../../renderer/state/gateways.ts';
import { useOutbox } from '../../renderer/state/outbox.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { useSession } from '../../renderer/state/session.ts';
import { resetStatusFeed } from '../../renderer/state/status-feed.ts';
import { useToasts } from '../../renderer/state/toasts.ts';

import { DEFAULT_SENSITIVE_WORDS } from '../../src-shared/templates/merge-fields.ts';
import type { BackupStatusDto } from '../../src-shared/contract/backup-commands.ts';
import { DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS } from '../../src-shared/replies/consent-words.ts';

initI18n('en');

export const SETTINGS: SettingsDto = {
  defaultCountry: 'KE',
  maxSmsParts: 10,
  statusReports: true,
  crashRecovery: 'resend-flag-duplicate',
  rejectCalls: true,
  ussdBalanceCode: '*100#',
  multipartTimeoutMinutes: 10,
  modemPinSet: false,
  language: 'en',
  messageLanguage: null,
  routing: 'round-robin',
  prefixRules: [],
  autoAdoptModems: true,
  modemSearch: null,
  modemSearchDefault: ['/dev/ttyUSB*', '/dev/ttyACM*'],
  lowSpaceMb: 500,
  deliveryReportWaitMinutes: 60,
  timeZone: null,
  clinicTimeZone: 'Africa/Nairobi',
  sendWindow: { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] },
  automatedPaused: false,
  clinicName: '',
  sensitiveWords: [...DEFAULT_SENSITIVE_WORDS],
  optOutWords: [...DEFAULT_OPT_OUT_WORDS],
  optInWords: [...DEFAULT_OPT_IN_WORDS],
  replyWords: { confirm: { en: ['1', 'YES', 'CONFIRM'], sw: ['NDIO', 'NDIYO'], fr: ['OUI', 'CONFIRMER'] }, reschedule: { en: ['2', 'NO', 'RESCHEDULE'], sw: ['HAPANA'], fr: ['NON'] } },
  autoRepliesPerDay: 3,
  startAtLogin: true,
  retentionMonths: null,
};

/** The data folder's disk is fine (app.info.storage). */
export const STORAGE_OK: StorageStatusDto = { state: 'ok', freeBytes: 50 * 1024 ** 3, lowSpaceBytes: 500 * 1024 ** 2, checkedAt: '2026-01-01T08:00:00.000Z' };

/** Detection before its first scan: nothing tried, nothing offered. */
export const EMPTY_DISCOVERY: DiscoveryDto = { scanning: false, lastScanAt: null, search: ['/dev/ttyUSB*', '/dev/ttyACM*'], searchFromEnvironment: false, ports: [], offered: [] };

/** No mail server set yet (the e-mail section of the gateway panel). */
export const EMAIL_SETTINGS: EmailSettingsDto = {
  configured: false, source: 'none', host: '', port: 587, security: 'starttls', user: '', from: '', trustSelfSigned: false,
  passwordSet: false, protection: 'key-file', protectionText: 'Encrypted with a key file in the data folder',
};

/**
 * Sign-in off (the default, one user): the desk is the administrator without asking, so every
 * screen shows everything, as before users existed (issue 13 "Users, roles, lock").
 */
export const DESK_SESSION: SessionDto = {
  signInRequired: false,
  lockAfterMinutes: null,
  actor: { kind: 'user', id: 1, name: 'Administrator', role: 'administrator' },
  lastUserId: null,
  users: [{ id: 1, name: 'Administrator', role: 'administrator' }],
};
// Every test starts as the desk does today; an <App> rendered without renderApp shows at once too.
useSession.getState().set(DESK_SESSION);

/** Backups as a new data folder has them: off until an administrator picks a folder. */
export const BACKUPS_OFF: BackupStatusDto = {
  folder: null, keep: 7, everyHours: 24, folderMissing: false, stale: false, running: false, lastBackup: null, lastFailure: null,
  nextAt: null, backups: [], pendingRestore: null, lastRestore: null, recoveryCodePending: false, plain: false,
};

const notStubbed = (what: string) => () => {
  throw new NotFoundError(what, 0, `Not stubbed in this test: ${what}`);
};

export function defaultHandlers(): Handlers {
  return {
    'app.info': () => ({ version: '0.0.0', host: 'headless', dataDir: '/tmp', demo: false, demoAvailable: false, storage: STORAGE_OK }),
    'app.dismissDatabaseNotice': () => ({ dismissed: false }),
    'session.status': () => DESK_SESSION,
    'session.signIn': () => DESK_SESSION,
    'session.lock': () => DESK_SESSION,
    'session.setOwnSecret': () => DESK_SESSION,
    'users.list': () => ({ items: [] }),
    'users.create': notStubbed('users.create'),
    'users.update': notStubbed('users.update'),
    'users.setSecret': notStubbed('users.setSecret'),
    'users.delete': notStubbed('users.delete'),
    'users.setSignIn': () => DESK_SESSION,
    'apiKeys.list': () => ({ items: [] }),
    'apiKeys.create': notStubbed('apiKeys.create'),
    'apiKeys.revoke': notStubbed('apiKeys.revoke'),
    'audit.list': () => ({ items: [], nextBefore: null }),
    'audit.verify': () => ({ ok: true, checked: 0, firstBroken: null }),
    'messages.send': (p) => ({ messageId: 1, recipients: p.to.map((_, i) => ({ id: i + 1, address: `+25471234567${i}`, status: 'outbox' as const })), sms: { encoding: 'gsm7', segments: 1 } }),
    'messages.list': () => ({ items: [], nextBefore: null }),
    'messages.search': () => ({ items: [], nextBefore: null }),
    'messages.get': notStubbed('messages.get'),
    'messages.retry': notStubbed('messages.retry'),
    'messages.cancel': notStubbed('messages.cancel'),
    'messages.retryFailed': notStubbed('messages.retryFailed'),
    'messages.cancelWaiting': notStubbed('messages.cancelWaiting'),
    'messages.reschedule': notStubbed('messages.reschedule'),
    'messages.sendNow': notStubbed('messages.sendNow'),
    'messages.cancelScheduled': notStubbed('messages.cancelScheduled'),
    'messages.editScheduled': notStubbed('messages.editScheduled'),
    'messages.delete': notStubbed('messages.delete'),
    'conversations.delete': notStubbed('conversations.delete'),
    'contacts.erase': notStubbed('contacts.erase'),
    'retention.preview': notStubbed('retention.preview'),
    'appointments.book': notStubbed('appointments.book'),
    'appointments.import': notStubbed('appointments.import'),
    'appointments.get': notStubbed('appointments.get'),
    'appointments.update': notStubbed('appointments.update'),
    'appointments.list': () => ({ items: [] }),
    'appointments.forContact': () => ({ items: [] }),
    'attention.list': () => ({ items: [] }),
    'stats.daily': () => ({ days: [] }),
    'stats.summary': () => ({ failedByReason: [], gateways: [], funnel: { appointments: 0, reminded: 0, confirmed: 0, attended: 0, missed: 0 } }),
    'keywords.list': () => ({ items: [] }),
    'keywords.put': notStubbed('keywords.put'),
    'keywords.delete': notStubbed('keywords.delete'),
    'attention.done': () => ({ done: true }),
    'security.status': () => ({ encrypted: true, protection: 'key-file', recoveryCodePending: false }),
    'security.recoveryCode': () => ({ code: '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA' }),
    'security.recoveryCodeSaved': () => ({ encrypted: true, protection: 'key-file', recoveryCodePending: false }),
    'backups.status': () => BACKUPS_OFF,
    'backups.configure': () => BACKUPS_OFF,
    'backups.run': notStubbed('backups.run'),
    'backups.restore': notStubbed('backups.restore'),
    'backups.cancelRestore': () => BACKUPS_OFF,
    'consent.list': () => ({ items: [] }),
    'consent.check': () => ({ items: [] }),
    'consent.history': () => ({ items: [] }),
    'consent.set': notStubbed('consent.set'),
    'templates.list': () => ({ items: [] }),
    'templates.get': notStubbed('templates.get'),
    'templates.put': notStubbed('templates.put'),
    'templates.delete': notStubbed('templates.delete'),
    'reminderPlans.list': () => ({ items: [] }),
    'reminderPlans.get': notStubbed('reminderPlans.get'),
    'reminderPlans.put': notStubbed('reminderPlans.put'),
    'reminderPlans.delete': notStubbed('reminderPlans.delete'),
    'conversations.list': () => ({ items: [], nextBefore: null }),
    'conversations.thread': notStubbed('conversations.thread'),
    'conversations.markRead': () => ({ unreadCount: 0 }),
    'contacts.list': () => ({ contacts: [], total: 0 }),
    'contacts.get': notStubbed('contacts.get'),
    'contacts.create': notStubbed('contacts.create'),
    'contacts.update': notStubbed('contacts.update'),
    'contacts.delete': notStubbed('contacts.delete'),
    'contacts.restore': notStubbed('contacts.restore'),
    'contacts.import': notStubbed('contacts.import'),
    'contacts.export': () => ({ csv: '', count: 0 }),
    'groups.list': () => [],
    'groups.create': notStubbed('groups.create'),
    'groups.rename': notStubbed('groups.rename'),
    'groups.delete': notStubbed('groups.delete'),
    'gateways.list': () => [],
    'gateways.start': notStubbed('gateways.start'),
    'gateways.stop': notStubbed('gateways.stop'),
    'gateways.enterPin': notStubbed('gateways.enterPin'),
    'gateways.testSms': notStubbed('gateways.testSms'),
    'gateways.startDemo': notStubbed('gateways.startDemo'),
    'gateways.checkBalance': notStubbed('gateways.checkBalance'),
    'gateways.rename': notStubbed('gateways.rename'),
    'gateways.setEnabled': notStubbed('gateways.setEnabled'),
    'gateways.forget': notStubbed('gateways.forget'),
    'gateways.remove': notStubbed('gateways.remove'),
    'gateways.adopt': notStubbed('gateways.adopt'),
    'gateways.ignore': () => EMPTY_DISCOVERY,
    'gateways.rescan': () => EMPTY_DISCOVERY,
    'gateways.discovery': () => EMPTY_DISCOVERY,
    'gateways.addPort': notStubbed('gateways.addPort'),
    'gateways.doctor': () => ({ platform: 'linux', findings: [] }),
    'gateways.setDailyCap': notStubbed('gateways.setDailyCap'),
    'gateways.traffic': () => ({ entries: [], masked: true }),
    'gateways.unreadable': () => ({ items: [], nextBefore: null, masked: true }),
    'settings.get': () => SETTINGS,
    'settings.update': () => SETTINGS,
    'email.getSettings': () => EMAIL_SETTINGS,
    'email.updateSettings': notStubbed('email.updateSettings'),
    'email.test': notStubbed('email.test'),
  };
}

export interface Backend {
  client: RpcClient;
  server: RpcServer;
  calls: Array<{ command: CommandName; params: unknown }>;
  /** The parsed params of every call of one command, in order. */
  callsOf<K extends CommandName>(command: K): Array<ParsedParams<K>>;
}

export function createBackend(overrides: Partial<Handlers> = {}): Backend {
  const calls: Backend['calls'] = [];
  const handlers = { ...defaultHandlers(), ...overrides } as Handlers;
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([command, handler]) => [
      command,
      (params: unknown) => {
        calls.push({ command: command as CommandName, params });
        return (handler as (p: unknown) => unknown)(params);
      },
    ]),
  ) as unknown as Handlers;
  const server = createRpcServer({ handlers: recorded });
  const [clientEnd, serverEnd] = createMemoryTransportPair();
  server.serve(serverEnd);
  const client = createRpcClient(clientEnd, { timeoutMs: 5_000 });
  return {
    client,
    server,
    calls,
    callsOf: <K extends CommandName>(command: K) => calls.filter((c) => c.command === command).map((c) => c.params as ParsedParams<K>),
  };
}

/**
 * The whole app at `hash`. `session` is who the shell starts as (default: sign-in off, the
 * administrator) before `session.status` answers, so the shell shows at once as it did before
 * users existed; pass a locked session to start at the sign-in screen.
 */
export function renderApp(backend: Backend, hash = '#/compose', session: SessionDto = DESK_SESSION) {
  window.location.hash = hash;
  useRouter.getState().sync();
  useSession.getState().set(session);
  return render(<App client={backend.client} />);
}

export function renderWithClient(ui: ReactElement, backend: Backend) {
  return render(<ClientProvider client={backend.client}>{ui}</ClientProvider>);
}

/** Between tests: unmount, and put every store back as it started. */
export function resetAll(): void {
  cleanup();
  useCompose.getState().reset();
  useOutbox.getState().reset();
  useConversations.getState().reset();
  useGateways.getState().reset();
  useSettings.getState().reset();
  useAppState.getState().reset();
  useSession.getState().set(DESK_SESSION);
  useToasts.getState().clear();
  resetStatusFeed();
  setLanguage('en');
  window.location.hash = '';
}
