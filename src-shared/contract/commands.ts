/**
 * THE contract between the UI (or any client) and the backend: every command's name, its
 * parameter schema (schemas.ts) and its result type. Hosts bind handlers that `satisfy`
 * `Handlers`; clients infer parameter and result types from here. No channel-name strings or
 * payload casts anywhere else (docs/ARCHITECTURE.md "Habits": one typed contract).
 */
import type { z } from 'zod';
import type { DataProtectionDto, KeywordRuleDto, MessageHitDto, AttentionDto, ConsentDto, AppointmentDto, ReminderPlanDto, TemplateDto, DiscoveryDto, DoctorReportDto, BalanceCheckDto, TrafficLogDto, UnreadablePdusDto, ContactDto, AppInfo, EmailSettingsDto, EmailTestResult, ConversationSummary, GatewayView, GroupDto, ImportResult, MessageDetail, MessageSummary, Page, SendReceipt, SettingsDto, ThreadMessage } from './dto.ts';
import type { RecoverySummary, StatusEvent } from '../model.ts';
import type { schemas } from './schemas.ts';
import type { StorageStatusDto } from './storage.ts';
import type { StatsSummary } from './stats.ts';
import type { AccessCommandResults } from './access-commands.ts';
import type { BackupCommandResults } from './backup-commands.ts';
import type { DeletionCommandResults } from './deletion-commands.ts';
import type { CallerSession } from './access.ts';

export interface CommandResults extends AccessCommandResults, DeletionCommandResults, BackupCommandResults {
  'app.info': AppInfo;
  /** The nurse has read the notice of a start after a damaged database: app.info stops carrying it. */
  'app.dismissDatabaseNotice': { dismissed: boolean };

  /** @throws validation (every bad recipient and rule), no-gateway */
  'messages.send': SendReceipt;
  'messages.list': Page<MessageSummary>;
  /** Messages whose text has every typed word (word prefixes; accents and case ignored), newest first, the words marked. */
  'messages.search': Page<MessageHitDto>;
  /** @throws not-found */
  'messages.get': MessageDetail;
  /** failed -> outbox. @throws not-found, status-conflict */
  'messages.retry': StatusEvent;
  /** outbox -> cancelled. @throws not-found, status-conflict */
  'messages.cancel': StatusEvent;
  /** Every failed recipient of one send sent again, in one transaction. @throws not-found, nothing-to-retry */
  'messages.retryFailed': StatusEvent[];
  /** Every recipient of one send still waiting (outbox, scheduled) cancelled, in one transaction. @throws not-found, nothing-waiting */
  'messages.cancelWaiting': StatusEvent[];
  /** One event per recipient moved (or sent now, when the time has passed). @throws not-found, validation, nothing-scheduled */
  'messages.reschedule': StatusEvent[];
  /** @throws not-found, nothing-scheduled */
  'messages.sendNow': StatusEvent[];
  /** @throws not-found, nothing-scheduled */
  'messages.cancelScheduled': StatusEvent[];
  /** @throws not-found, validation, status-conflict (some of it has gone) */
  'messages.editScheduled': { messageId: number };

  /** @throws validation (patient.phone, start, a template field empty for this patient) */
  'appointments.book': AppointmentDto;
  /** errors non-empty: nothing was saved. */
  'appointments.import': { booked: number; unchanged: number; reminders: number; errors: Array<{ line: number; field: string; rule: string; reason: string }> };
  /** @throws not-found */
  'appointments.get': AppointmentDto;
  /** @throws not-found, validation */
  'appointments.update': AppointmentDto;
  'appointments.list': { items: AppointmentDto[] };
  /** Latest first. @throws not-found (no such contact) */
  'appointments.forContact': { items: AppointmentDto[] };
  'templates.list': { items: TemplateDto[] };
  /** @throws not-found */
  'templates.get': TemplateDto;
  /** Creates or replaces. @throws validation (an unknown merge field) */
  'templates.put': TemplateDto;
  /** @throws not-found; conflict (built in: details.rule 'template.built-in'; a plan uses it: 'template.in-use', details.plans) */
  'templates.delete': { deleted: true };
  'reminderPlans.list': { items: ReminderPlanDto[] };
  /** @throws not-found */
  'reminderPlans.get': ReminderPlanDto;
  /** @throws validation (a step names a template that does not exist) */
  'reminderPlans.put': ReminderPlanDto;
  /** Reminders already scheduled by it stay. @throws not-found; conflict (the built-in default plan: details.rule 'plan.built-in') */
  'reminderPlans.delete': { deleted: true };

  /** The numbers opted out now, latest first. */
  'consent.list': { items: ConsentDto[] };
  /** Which of these numbers opted out (Compose warns before a nurse writes to one). */
  'consent.check': { items: ConsentDto[] };
  /** Every change of one number, oldest first. */
  'consent.history': { items: ConsentDto[] };
  /** Staff (or another system) record a patient's wish by hand. @throws validation (phone, reason) */
  'consent.set': ConsentDto;

  /** Per clinic day, both ends included (at most 366 days). @throws validation (to before from, too long) */
  'stats.daily': { days: Array<{ date: string; sent: number; delivered: number; failed: number; received: number; suppressed: number; optOuts: number; confirmed: number; remindersSent: number; attended: number }> };
  /** The same clinic days as stats.daily, summed another way: failures by code, per gateway, the appointments' funnel. @throws validation (to before from, too long) */
  'stats.summary': StatsSummary;
  'keywords.list': { items: KeywordRuleDto[] };
  /** Creates (no id) or replaces a rule. @throws validation (keyword not one word, taken or an opt-out word; unknown template or group; neither given), not-found */
  'keywords.put': KeywordRuleDto;
  /** @throws not-found */
  'keywords.delete': { deleted: true };
  /** The "Needs attention" list: replies no rule understood and requests for another time, newest first. */
  'attention.list': { items: AttentionDto[] };
  /** A nurse dealt with it: off the list. */
  'attention.done': { done: boolean };
  /** How the data is protected at rest (issue 13): encrypted or not, where its key is kept, and whether a recovery code waits to be written down. */
  'security.status': DataProtectionDto;
  /** The recovery code, while it waits to be written down. @throws conflict (details.reason `recovery-code-shown`) once it was. */
  'security.recoveryCode': { code: string };
  /** The code is written down: it is kept nowhere from now on. */
  'security.recoveryCodeSaved': DataProtectionDto;

  'conversations.list': Page<ConversationSummary>;
  /** Oldest first within the page; paged backwards with `before`. @throws not-found */
  'conversations.thread': { conversation: ConversationSummary; messages: ThreadMessage[]; nextBefore: number | null };
  'conversations.markRead': { unreadCount: 0 };

  'contacts.list': { contacts: ContactDto[]; total: number };
  /** @throws not-found */
  'contacts.get': ContactDto;
  /** @throws validation (an address that is not valid for its protocol, or already another contact's) */
  'contacts.create': ContactDto;
  /** @throws not-found, validation */
  'contacts.update': ContactDto;
  /** Returns what was deleted, so the UI can offer Undo (contacts.restore). @throws not-found */
  'contacts.delete': ContactDto;
  'contacts.restore': ContactDto;
  /** Each row validated on its own: good rows are saved, bad rows come back with the reason. */
  'contacts.import': ImportResult;
  'contacts.export': { csv: string; count: number };

  'groups.list': GroupDto[];
  'groups.create': GroupDto;
  'groups.rename': GroupDto;
  'groups.delete': { id: number };

  'gateways.list': GatewayView[];
  /** @throws not-found */
  'gateways.start': GatewayView;
  'gateways.stop': GatewayView;
  'gateways.enterPin': GatewayView;
  /** Sends "Ujumbe test message" through this gateway only. @throws not-found, validation */
  'gateways.testSms': SendReceipt;
  /** Adds the built-in simulated modem (sends nothing real). */
  'gateways.startDemo': GatewayView;
  /** The network's answer to the USSD balance code, decoded. @throws not-found, not-supported, gateway-error */
  'gateways.checkBalance': BalanceCheckDto;
  /** Renames a gateway (the label the panel shows). @throws not-found, not-supported (the demo modem) */
  'gateways.rename': GatewayView;
  /**
   * Disables (port closed, never reopened by detection; messages wait or go through another
   * gateway) or enables a saved gateway. @throws not-found, not-supported
   */
  'gateways.setEnabled': GatewayView;
  /**
   * Forgets a saved modem: its settings go, and detection will not use that modem again (it is
   * listed as ignored; "Add by port name" brings it back). @throws not-found, not-supported
   */
  'gateways.forget': { id: string };
  /** Removes a saved gateway and its settings; plugged in again, the modem may be used again. @throws not-found */
  'gateways.remove': { id: string };
  /** Uses a modem detection offered ("Use this modem"). @throws not-found (nothing offered there) */
  'gateways.adopt': GatewayView;
  /** Ignores a modem detection offered: never used, never offered again. @throws not-found */
  'gateways.ignore': DiscoveryDto;
  /** "Look for modems again": one scan of every candidate port now. */
  'gateways.rescan': DiscoveryDto;
  /** What detection tried and found. */
  'gateways.discovery': DiscoveryDto;
  /** Saves a modem on a port named by hand ("Add by port name") and starts it. @throws validation, conflict (a gateway has that port) */
  'gateways.addPort': GatewayView;
  /** The field check: ports, permissions, programs holding ports, SIM and network. */
  'gateways.doctor': DoctorReportDto;
  /** The last AT lines of a modem, oldest first. @throws not-found, not-supported */
  'gateways.traffic': TrafficLogDto;
  /** The PDUs kept because they could not be read (issue 10 item 1), for a technician. */
  'gateways.unreadable': UnreadablePdusDto;
  /** Sets or (null) removes this gateway's per-day send cap. @throws not-found */
  'gateways.setDailyCap': GatewayView;

  'settings.get': SettingsDto;
  'settings.update': SettingsDto;

  'email.getSettings': EmailSettingsDto;
  /**
   * Saves the mail server settings (the password sealed by the host's SecretStore) and
   * (re)starts the e-mail gateway with them. @throws validation, not-available (no safe place
   * for a password)
   */
  'email.updateSettings': EmailSettingsDto;
  /** Connects, logs in and hangs up with the current settings; the answer in words. */
  'email.test': EmailTestResult;
}

export type Schemas = typeof schemas;
export type CommandName = keyof Schemas & keyof CommandResults;
/** What a caller passes (defaults may be left out). */
export type CommandParams<K extends CommandName> = z.input<Schemas[K]>;
/** What a handler receives, after parsing (defaults filled in). */
export type ParsedParams<K extends CommandName> = z.output<Schemas[K]>;
export type CommandResult<K extends CommandName> = CommandResults[K];

/**
 * The backend's side of the contract: one handler per command. `caller` is the connection's
 * session (who is asking; absent: a direct call in this process, judged as a signed-out
 * session); most handlers need only their parameters.
 */
export type Handlers = { [K in CommandName]: (params: ParsedParams<K>, caller?: CallerSession) => Promise<CommandResult<K>> | CommandResult<K> };

// Both maps must name the same commands: a command with a schema but no result type (or the
// reverse) is a compile error here.
type Missing<A, B> = Exclude<keyof A, keyof B>;
const _sameCommands: [Missing<Schemas, CommandResults>, Missing<CommandResults, Schemas>] extends [never, never] ? true : never = true;
void _sameCommands;

/** Every event the backend announces, with its payload. */
export interface Events {
  /** A recipient's status changed (committed). */
  'message.status': StatusEvent;
  /** A message came in (committed). */
  'message.incoming': { messageId: number; conversationId: number; from: string; protocol: string; preview: string; receivedAt: string };
  'gateway.status': GatewayView;
  /** A gateway was saved or built (detection adopted a modem, a port was added, the demo started). */
  'gateway.added': GatewayView;
  /** A gateway was forgotten or removed. */
  'gateway.removed': { id: string };
  /** Detection's findings changed (a scan started or ended, a port came or went, a modem is offered). */
  'gateway.discovery': DiscoveryDto;
  /** Start-up found sends a crash interrupted: the UI tells the user. */
  'recovery': RecoverySummary;
  /** The data folder's disk changed state (ok, low on space, full) or its free space was looked at again. */
  'storage.status': StorageStatusDto;
  /** Appointments were booked, moved or changed (committed): from this window, the HTTP API or an import. */
  'appointment.changed': { ids: number[] };
  /** A number opted out or back in (by its reply, by staff or by another system), committed. */
  'consent.changed': ConsentDto;
  /** A reply was put on, or taken off, the "Needs attention" list: how many are open. */
  'attention.changed': { open: number };
  /**
   * Messages, conversations or a contact were deleted (by hand or by retention), committed: lists,
   * threads and the Outbox drop them. `messageIds` are the messages deleted whole (at most 1,000:
   * a retention slice may delete more, then `truncated`), `conversationIds` those deleted or changed.
   */
  'messages.deleted': { messageIds: number[]; conversationIds: number[]; contactId: number | null; truncated: boolean };
}
export type EventName = keyof Events;
export const EVENT_NAMES = ['message.status', 'message.incoming', 'gateway.status', 'gateway.added', 'gateway.removed', 'gateway.discovery', 'recovery', 'storage.status', 'appointment.changed', 'consent.changed', 'attention.changed', 'messages.deleted'] as const satisfies readonly EventName[];
