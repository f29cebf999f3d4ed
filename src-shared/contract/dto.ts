/**
 * What the backend returns over the contract: plain, serialisable shapes (no class instances,
 * no Dates: ISO strings), the same in Electron IPC, the WebSocket and the HTTP API.
 */
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

export interface SendReceipt {
  messageId: number;
  recipients: Array<{ id: number; address: string; status: RecipientStatus }>;
  sms: { encoding: 'gsm7' | 'ucs2'; segments: number } | null;
  /**
   * Group members left out because they have no address for the protocol (absent when none
   * were): the compose screen says who did not get the message.
   */
  skipped?: Array<{ contactId: number; name: string }>;
}

export interface MessageSummary {
  id: number;
  direction: 'in' | 'out';
  content: string;
  subject: string | null;
  created: string;
  recipientCount: number;
  statusCounts: Partial<Record<RecipientStatus, number>>;
}

export interface RecipientDetail extends MessageRecipient {
  /** The contact's name, when the address belongs to one. */
  contactName: string | null;
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
}

/** One bubble of a thread: a message as seen from this conversation's remote address. */
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

export interface GatewayView extends GatewayStatus {
  /** Recipients waiting for this gateway (its protocol's outbox) plus the one it is sending. */
  queueLength: number;
  sentToday: number;
  /** The last send error this gateway met, in plain words, or null. */
  lastError: string | null;
  /** True for the built-in demo modem, which sends nothing real. */
  demo: boolean;
  /** The most it sends per day (SIM bundle), or null for no cap. */
  dailyCap: number | null;
  /** "Daily limit of N reached; sending resumes tomorrow" while capped, else null. */
  dailyLimit: string | null;
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

/** gateways.checkBalance: what the network said to the USSD code. */
export interface BalanceCheckDto {
  id: string;
  code: string;
  text: string;
}

/** gateways.appeared: a modem that answered on a new port and is not set up (it is not used). */
export interface AppearedModemDto {
  path: string;
  manufacturer: string | null;
  model: string | null;
  imei: string | null;
}

export interface SettingsDto {
  defaultCountry: string;
  maxSmsParts: number;
  statusReports: boolean;
  crashRecovery: CrashRecoveryPolicy;
  /** Never sent back in clear: whether a PIN is stored. */
  modemPinSet: boolean;
  language: string;
  rejectCalls: boolean;
  ussdBalanceCode: string;
  /** How long the parts of a long incoming SMS wait for the missing ones before it is shown as incomplete. */
  multipartTimeoutMinutes: number;
  routing: RoutingPolicy;
  prefixRules: PrefixRule[];
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
  demo: boolean;
}
