/**
 * What the backend returns over the contract: plain, serialisable shapes (no class instances,
 * no Dates: ISO strings), the same in Electron IPC, the WebSocket and the HTTP API.
 */
import type { PlanStep } from '../schedule/reminder-plan.ts';
import type { SendWindow } from '../schedule/send-window.ts';
import type {
  Address,
  CrashRecoveryPolicy,
  GatewayStatus,
  MessageRecipient,
  PrefixRule,
  Protocol,
  RoutingPolicy,
  RecipientStatus,
  StatusChange,
} from '../model.ts';
import type { DoctorFindingCode, DoctorSeverity } from './doctor-codes.ts';
import type { StorageStatusDto } from './storage.ts';

export interface SendReceipt {
  messageId: number;
  recipients: Array<{ id: number; address: string; status: RecipientStatus }>;
  sms: { encoding: 'gsm7' | 'ucs2'; segments: number } | null;
  /**
   * Group members left out because they have no address for the protocol (absent when none
   * were): the compose screen says who did not get the message.
   */
  skipped?: Array<{ contactId: number; name: string }>;
  /**
   * A template send only: one entry per message saved (recipients whose filled texts differ get
   * their own message, a message has one content). `messageId` above is the first of them,
   * `recipients` lists every recipient of all of them and `sms` the most demanding one.
   */
  messages?: Array<{
    messageId: number;
    text: string;
    /** The template variant used: its language, and whether it was the discreet one. */
    language: string;
    discreet: boolean;
    recipientIds: number[];
    sms: { encoding: 'gsm7' | 'ucs2'; segments: number } | null;
  }>;
}

export interface MessageSummary {
  id: number;
  direction: 'in' | 'out';
  content: string;
  subject: string | null;
  created: string;
  recipientCount: number;
  statusCounts: Partial<Record<RecipientStatus, number>>;
  /** The time asked for, for a scheduled send; null or absent: at once. */
  sendAt?: string | null;
  /** Not sent after this time; null or absent: no limit. */
  expiresAt?: string | null;
  /** A received message's sender; absent for a sent one. */
  sender?: string | null;
}

export interface RecipientDetail extends MessageRecipient {
  /** The contact's name, when the address belongs to one. */
  contactName: string | null;
  /**
   * `sent` with a delivery report asked for and none received within the
   * `deliveryReportWaitMinutes` setting ("Sent — no delivery report yet"), as the backend's clock
   * saw it when the row was read (electron/backend/receiving/report-wait.ts).
   */
  reportOverdue: boolean;
  log: Array<StatusChange & { gateway: string | null }>;
}

export interface MessageDetail {
  id: number;
  direction: 'in' | 'out';
  content: string;
  subject: string | null;
  sender: string | null;
  inReplyTo: number | null;
  created: string;
  /** The time asked for, for a scheduled send; null or absent: at once. */
  sendAt?: string | null;
  expiresAt?: string | null;
  recipients: RecipientDetail[];
}

export interface Page<T> {
  items: T[];
  /** Pass as `before` for the next (older) page; null when this is the last. */
  nextBefore: number | null;
}

export interface ConversationSummary {
  id: number;
  address: string;
  protocol: Protocol;
  contactId: number | null;
  contactName: string | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  unreadCount: number;
  /** 'in': the newest message is the patient's (a reply nobody answered yet). */
  lastDirection?: 'in' | 'out' | null;
  /**
   * One entry per contact across all of their numbers (issue 12): the conversations merged here,
   * `id` (the most recent one's) first; `[id]` for an address no contact has. `id`, or any of
   * these, opens the whole thread (conversations.thread, markRead). The backend always sets it;
   * optional for callers written before it.
   */
  conversationIds?: number[];
  /** The contact's addresses (SMS first, the preferred one first per protocol); [] without a contact. */
  contactAddresses?: Array<{ address: string; protocol: Protocol; preferred: boolean }>;
  /** Where a reply goes unless the nurse picks another: the contact's preferred phone number, else the newest message's address. */
  replyTo?: { address: string; protocol: Protocol };
}

/**
 * One bubble of a thread: a message as seen from one remote address (`recipient.address`, which
 * for a contact's thread may be any of their numbers or e-mail addresses).
 */
export interface ThreadMessage {
  id: number;
  direction: 'in' | 'out';
  content: string;
  subject: string | null;
  created: string;
  /** Outgoing: this conversation's recipient row (status, error, flags). Incoming: the received row. */
  recipient: Omit<RecipientDetail, 'log' | 'contactName'>;
}

export interface ContactDto {
  id: number;
  name: string;
  notes: string;
  addresses: Address[];
  groupIds: number[];
  /** The language of this contact's messages; null: the clinic's. */
  language?: string | null;
  /** Reminders use the discreet text. */
  discreet?: boolean;
  /** Its numbers that opted out (they get no automated or group messages); absent when none did. */
  optedOut?: string[];
}

export interface GroupDto {
  id: number;
  name: string;
  memberCount: number;
}

export interface ImportRowError {
  /** 1-based row number in the file, header not counted. */
  row: number;
  /** Which column or field was wrong. */
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  /** Rows skipped because a contact with the same address already exists. */
  duplicates: number;
  errors: ImportRowError[];
}

/** What the panel shows of a gateway beside its live status. */
export interface GatewayViewExtras {
  /** The name the nurse gave it (or the model, until renamed). */
  label: string;
  /** Saved configuration (false for the demo modem and a gateway built for one run). */
  saved: boolean;
  /** A disabled gateway keeps its settings, its port stays closed and detection leaves it alone. */
  enabled: boolean;
  /** Recipients waiting for this gateway (its protocol's outbox) plus the one it is sending. */
  queueLength: number;
  sentToday: number;
  /** The last send error this gateway met, in plain words, or null. */
  lastError: string | null;
  /** True for the built-in demo modem, which sends nothing real. */
  demo: boolean;
  /** The most it sends per day (SIM bundle), or null for no cap. */
  dailyCap: number | null;
  /** True while the daily cap is reached (sending resumes after local midnight). */
  dailyCapReached: boolean;
}

export type GatewayView = GatewayStatus & GatewayViewExtras;

/**
 * What detection made of one serial port, for the panel's "what was tried" list and
 * `ujumbe doctor`. Codes, worded by the renderer and the CLI.
 */
export type PortOutcome =
  /** A saved modem's port (its gateway runs there). */
  | 'in-use'
  /** Another port of a modem that already has one (a Huawei stick shows three). */
  | 'second-port'
  /** A modem nobody saved, waiting for "Use this modem" (automatic use is off). */
  | 'offered'
  /** A modem that was forgotten or ignored: never opened by detection. */
  | 'ignored'
  /** A saved modem that is disabled. */
  | 'disabled'
  | 'no-answer'
  | 'garbage'
  | 'permission-denied'
  | 'port-busy'
  | 'open-failed'
  /** Listed, not looked at yet (a scan is under way). */
  | 'pending';

export interface PortFindingDto {
  path: string;
  outcome: PortOutcome;
  manufacturer: string | null;
  model: string | null;
  imei: string | null;
  /** The saved gateway this port belongs to, when it does. */
  gatewayId: string | null;
  /** The operating system's words (e.g. "EACCES: permission denied"), for a technician. */
  technical: string | null;
  /** ISO time this port was last looked at. */
  at: string;
}

/** A modem that answered and waits for a person's decision ("Use this modem" / "Ignore"). */
export interface OfferedModemDto {
  path: string;
  manufacturer: string | null;
  model: string | null;
  imei: string | null;
}

/** gateways.discovery and the `gateway.discovery` event. */
export interface DiscoveryDto {
  /** True while a scan runs. */
  scanning: boolean;
  /** ISO time of the last finished scan, or null before the first. */
  lastScanAt: string | null;
  /** The search patterns in force (the setting, or UJUMBE_MODEM_SEARCH for this run). */
  search: string[];
  /** From UJUMBE_MODEM_SEARCH (this run only) rather than the setting. */
  searchFromEnvironment: boolean;
  ports: PortFindingDto[];
  offered: OfferedModemDto[];
}

/**
 * One finding of the field check (gateways.doctor, `ujumbe doctor`): a code from the shared list
 * (doctor-codes.ts, which also names the values each code carries), worded by the UI.
 */
export interface DoctorFindingDto {
  code: DoctorFindingCode;
  /** Usually the code's own (DOCTOR_FINDING_CODES); a few codes are sometimes milder. */
  severity: DoctorSeverity;
  /** The port it is about, when it is about one. */
  path: string | null;
  /** Values the words need (a group name, a program, a process id): DOCTOR_FINDING_CODES[code].values. */
  values: Record<string, string | number>;
}

export interface DoctorReportDto {
  platform: string;
  findings: DoctorFindingDto[];
}

/** One line of a modem's AT traffic: written by us (`out`), an answer (`in`), or unsolicited (`urc`). */
export interface TrafficEntryDto {
  /** ISO time. */
  at: string;
  direction: 'out' | 'in' | 'urc';
  line: string;
}

/** gateways.traffic: the technician's view of a modem's AT exchange. */
export interface TrafficLogDto {
  entries: TrafficEntryDto[];
  /** True when numbers and texts are masked (the PIN is masked either way). */
  masked: boolean;
}

/** One received PDU the codec refused, kept in the database instead of on the SIM. */
export interface UnreadablePduDto {
  id: number;
  gatewayId: string;
  /** The storage it was read from ("SM", "ME" ...), or null for a direct +CMT/+CDS. */
  storage: string | null;
  simIndex: number | null;
  /** The code that brought it: '+CMGL' (a sweep), '+CMGR' (a read after +CMTI), '+CMT' / '+CDS' (direct). */
  via: string;
  tpduLength: number | null;
  /** Where the decoder stopped: the TS 23.040 field and the character offset into the hex. */
  field: string;
  offset: number;
  /** The decoder's words, for a technician; they name fields, never content. */
  reason: string;
  receivedAt: string;
  /** Hex digits kept. */
  hexLength: number;
  /** The PDU as the modem printed it; null unless revealed (it holds the sender's number and the text). */
  hex: string | null;
}

/** gateways.unreadable: a page, newest first. */
export interface UnreadablePdusDto {
  items: UnreadablePduDto[];
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: number | null;
  masked: boolean;
}

/** gateways.checkBalance: what the network said to the USSD code. */
export interface BalanceCheckDto {
  id: string;
  code: string;
  text: string;
}

export interface SettingsDto {
  defaultCountry: string;
  maxSmsParts: number;
  statusReports: boolean;
  crashRecovery: CrashRecoveryPolicy;
  /** Never sent back in clear: whether a PIN is stored. */
  modemPinSet: boolean;
  language: string;
  /** Patients' messages for a contact with no language of their own; null: the interface language. */
  messageLanguage: string | null;
  rejectCalls: boolean;
  ussdBalanceCode: string;
  /** How long the parts of a long incoming SMS wait for the missing ones before it is shown as incomplete. */
  multipartTimeoutMinutes: number;
  routing: RoutingPolicy;
  prefixRules: PrefixRule[];
  /** "Use new modems automatically": a modem plugged in is used without a click (the first one always is). */
  autoAdoptModems: boolean;
  /** Where detection looks for modems besides the system's list (glob patterns); null = this computer's default. */
  modemSearch: string[] | null;
  /** This computer's default patterns (what null means). */
  modemSearchDefault: string[];
  /** Warn ("low on space") when the data folder's disk has less than this free, in MiB (storage.ts LOW_SPACE_MB). */
  lowSpaceMb: number;
  /** Minutes a `sent` SMS waits for its delivery report before it reads "no delivery report yet" (delivery-report-wait.ts). */
  deliveryReportWaitMinutes: number;
  /** The clinic's time zone as set (IANA name), or null: the computer's. */
  timeZone: string | null;
  /** The zone in use now: the setting, else the computer's (clinic times are read and shown in it). */
  clinicTimeZone: string;
  /** When automated messages may go (clinic time). */
  sendWindow: SendWindow;
  /** Reminders and other automated sends are paused: they wait until resumed. */
  automatedPaused: boolean;
  /** The clinic's name, for the {clinic} merge field ('' = not set). */
  clinicName: string;
  /** Words the template editor warns about (a diagnosis, a drug, a result). */
  sensitiveWords: string[];
  /** A reply that is one of these, whole, opts its number out; optInWords back in. */
  optOutWords: string[];
  optInWords: string[];
  /** Whole replies that confirm the next appointment or ask for another time, per language. */
  replyWords: { confirm: Record<string, string[]>; reschedule: Record<string, string[]> };
  /** The most automatic answers one number gets in a clinic day. */
  autoRepliesPerDay: number;
  /** The desktop app starts, in the tray, when the user logs in; the headless host keeps it but does nothing with it. */
  startAtLogin: boolean;
  /** Messages older than this many months are deleted (daily, by the backend); null: kept for ever (deletion-commands.ts RETENTION_MONTHS). */
  retentionMonths: number | null;
}

/** The e-mail gateway's settings as the panel shows them. The password never comes back. */
export interface EmailSettingsDto {
  /** False until a mail server is set (the other fields are then defaults). */
  configured: boolean;
  /** saved: from the database; command-line: `ujumbe serve --smtp` (not saved); none. */
  source: 'saved' | 'command-line' | 'none';
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  from: string;
  trustSelfSigned: boolean;
  passwordSet: boolean;
  /** How a saved password is protected on this computer; null where nothing could seal it. */
  protection: 'keychain' | 'key-file' | null;
  /** The same in words, e.g. "Encrypted with the system keychain". */
  protectionText: string;
}

/** email.test: whether the mail server answered and took the settings, in words. */
export interface EmailTestResult {
  ok: boolean;
  code: string;
  message: string;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'headless';
  dataDir: string;
  /** True while the demo modem is one of the gateways. */
  demo: boolean;
  /** Whether this host can start the demo modem (it needs socat); the UI offers it only then. */
  demoAvailable: boolean;
  /** The data folder's disk: ok, low on space, or full (writes failing); changes come as `storage.status`. */
  storage: StorageStatusDto;
  /**
   * Present after a start that set a damaged database aside, until the nurse dismisses it
   * (app.dismissDatabaseNotice): the UI says so once, with where the damaged file was kept.
   */
  databaseNotice?: DatabaseNoticeDto;
}

/** Why the database the app now uses is not the one it had (docs/ARCHITECTURE.md "The store": Damaged database). */
export interface DatabaseNoticeDto {
  /** `started-empty`: a new, empty database; `restored`: a copy the clinic had. */
  code: 'started-empty' | 'restored';
  /** When the damaged database was set aside (ISO 8601). */
  at: string;
  /** The folder inside the data folder where the damaged file was kept, untouched (absolute). */
  keptIn: string;
  /** The copy restored from (`restored` only). */
  restoredFrom: string | null;
}

/** A reminder of an appointment: one step of its plan, and the scheduled message that carries it. */
export interface AppointmentReminderDto {
  step: number;
  sendAt: string;
  /** The message's recipient status (`scheduled`, `sent`, `delivered`, `failed` ...), or `skipped` / `cancelled` for the step. */
  status: string;
  /** The text as filled for this patient; null for a skipped step. */
  text: string | null;
  messageId: number | null;
}

export interface AppointmentDto {
  id: number;
  status: 'booked' | 'confirmed' | 'reschedule-requested' | 'cancelled' | 'attended' | 'missed';
  start: string;
  service: string | null;
  location: string | null;
  notes: string;
  externalId: string | null;
  patient: { contactId: number; name: string; phone: string | null; language: string | null };
  reminders: AppointmentReminderDto[];
  /** False when booking found it already there (the same list imported again). */
  created: boolean;
}

/** A template: a text with merge fields per language (src-shared/templates/merge-fields.ts). */
export interface TemplateDto {
  id: string;
  name: string;
  variants: Record<string, string>;
  discreetVariants: Record<string, string>;
  fallbackLanguage: string;
  builtIn: boolean;
  updated: string;
}

/** A reminder plan: steps relative to the appointment (src-shared/schedule/reminder-plan.ts). */
export interface ReminderPlanDto {
  id: string;
  name: string;
  services: string[];
  steps: PlanStep[];
  builtIn: boolean;
  updated: string;
}

/** Whether a number may get automated and group messages (migration 009 consent). */
export interface ConsentDto {
  /** E.164. */
  phone: string;
  optedOut: boolean;
  /** When it last changed (ISO). */
  changedAt: string;
  /** 'reply': the patient texted a word; 'staff': changed in the app; 'api': by another system. */
  source: 'reply' | 'staff' | 'api';
  /** The word the patient replied ("STOP"). */
  word: string | null;
  /** The received message that changed it. */
  messageId: number | null;
  changedBy: string | null;
  reason: string | null;
  /** The contact who owns the number, if any. */
  contactId: number | null;
}

/** A received message on the "Needs attention" list (replies/reply-service.ts). */
/**
 * How the data is protected at rest (issue 13 "Data at rest"). `protection`: where the database
 * key is kept: the operating system's keychain, a key file in the data folder, or a passphrase
 * given to `ujumbe serve`; null when the database is not encrypted (a test or a pinned path).
 */
export interface DataProtectionDto {
  encrypted: boolean;
  protection: 'keychain' | 'key-file' | 'passphrase' | null;
  /** A recovery code was made and not yet written down: Settings asks an administrator to. */
  recoveryCodePending: boolean;
}

export interface AttentionDto {
  messageId: number;
  /** 'not-understood': no rule knew what to do with it; 'reschedule-requested': the patient asked for another time. */
  reason: 'not-understood' | 'reschedule-requested';
  appointmentId: number | null;
  /** When it was listed (ISO): when the reply arrived. */
  created: string;
  text: string;
  from: string;
  conversationId: number | null;
  contactId: number | null;
  contactName: string | null;
}

/** A message found by messages.search. */
export interface MessageHitDto {
  messageId: number;
  direction: 'in' | 'out';
  created: string;
  conversationId: number | null;
  address: string | null;
  contactId: number | null;
  contactName: string | null;
  /** The text in pieces; `match` marks the words that were searched for. */
  parts: Array<{ text: string; match: boolean }>;
}

/** A keyword rule: a reply whose first word is `keyword` is answered with the template and/or its sender added to the group. */
export interface KeywordRuleDto {
  id: number;
  /** Upper case, no accents: as replies are compared. */
  keyword: string;
  templateId: string | null;
  groupId: number | null;
  enabled: boolean;
  /** How often it acted, and when last. */
  fired: number;
  lastFiredAt: string | null;
  created: string;
  updated: string;
}
