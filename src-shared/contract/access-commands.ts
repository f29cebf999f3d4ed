/**
 * The contract of issue 13's "Users, roles, lock", API keys and the audit trail: parameter schemas
 * (spread into schemas.ts) and result types (CommandResults extends AccessCommandResults), kept
 * apart so the access commands read as one area.
 */
import { z } from 'zod';
import { ROLES, type Role } from './access.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoInstant = z.string().datetime({ offset: true });

/** A PIN (digits) or a password: at least 4 characters, at most 200 (scrypt reads it whole). */
export const SECRET_MIN_LENGTH = 4;
const secret = z.string().min(SECRET_MIN_LENGTH, `A PIN or password has at least ${SECRET_MIN_LENGTH} characters.`).max(200);
const personName = z
  .string()
  .trim()
  .min(1, 'Give the user a name.')
  .max(100)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'A name has no control characters.');
const keyName = z
  .string()
  .trim()
  .min(1, 'Give the key a name (the system that will use it).')
  .max(100)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'A name has no control characters.');
const role = z.enum(ROLES);

/** Every action the audit trail records (electron/backend/api/audit-table.ts says which command writes which). */
export const AUDIT_ACTIONS = [
  'signed-in',
  'sign-in-failed',
  'locked',
  'message.sent',
  'message.changed',
  'message.deleted',
  'messages.deleted-by-retention',
  'conversation.read',
  'conversation.deleted',
  'contact.created',
  'contact.changed',
  'contact.deleted',
  'contacts.imported',
  'contacts.exported',
  'group.changed',
  'opt-out.changed',
  'appointment.changed',
  'appointments.imported',
  'template.changed',
  'reminder-plan.changed',
  'keyword.changed',
  'settings.changed',
  'gateway.changed',
  'email.changed',
  'recovery-code.shown',
  'user.created',
  'user.changed',
  'user.deleted',
  'sign-in.changed',
  'key.created',
  'key.revoked',
  'audit.exported',
  'backup.made',
  'backup.restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const accessSchemas = {
  'session.status': z.object({}).strict(),
  'session.signIn': z.object({ userId: id, secret: z.string().max(200) }).strict(),
  /** Locks this session: nothing but the sign-in screen until a user signs in again. */
  'session.lock': z.object({}).strict(),
  /** The signed-in user changes their own PIN or password. */
  'session.setOwnSecret': z.object({ current: z.string().max(200), secret }).strict(),

  'users.list': z.object({}).strict(),
  'users.create': z.object({ name: personName, role, secret }).strict(),
  'users.update': z.object({ id, name: personName.optional(), role: role.optional(), disabled: z.boolean().optional() }).strict(),
  'users.setSecret': z.object({ id, secret }).strict(),
  'users.delete': z.object({ id }).strict(),
  /** Sign-in on or off (off only with a single user). */
  'users.setSignIn': z.object({ required: z.boolean(), lockAfterMinutes: z.number().int().min(1).max(240).nullable().optional() }).strict(),

  'apiKeys.list': z.object({}).strict(),
  'apiKeys.create': z.object({ name: keyName, role }).strict(),
  'apiKeys.revoke': z.object({ id }).strict(),

  'audit.list': z
    .object({
      /** `user:3`, `key:2` or `host`. */
      actor: z.string().regex(/^(user:\d{1,15}|key:\d{1,15}|host|system)$/, 'An actor is user:<id>, key:<id>, host or system.').optional(),
      action: z.enum(AUDIT_ACTIONS).optional(),
      from: isoInstant.optional(),
      to: isoInstant.optional(),
      limit: z.number().int().min(1).max(5_000).default(200),
      /** Entries older than this id (paging backwards, newest first). */
      before: id.optional(),
      /** The pages are read for a CSV export: the first one writes `audit.exported` to the trail. */
      forExport: z.boolean().optional(),
    })
    .strict(),
  /** Walks the whole chain. */
  'audit.verify': z.object({}).strict(),
} as const satisfies Record<string, z.ZodType>;

export interface UserDto {
  id: number;
  name: string;
  role: Role;
  /** A PIN or password is set (the first administrator has none until they choose one). */
  hasSecret: boolean;
  disabled: boolean;
  created: string;
  lastSignIn: string | null;
}

/** What the sign-in screen may show before anyone signs in: names and roles only. */
export interface SessionUserDto {
  id: number;
  name: string;
  role: Role;
}

export interface SessionDto {
  /** Sign-in is on: the app asks who is at the desk (and locks). Off: the desk is the administrator. */
  signInRequired: boolean;
  /** Minutes of no use before the screen locks; null: never by itself. */
  lockAfterMinutes: number | null;
  /** Who this connection acts as now; null: signed out or locked (no patient data). */
  actor: { kind: 'user' | 'key' | 'host'; id: number | null; name: string; role: Role } | null;
  /** The user who locked the screen, offered first on the lock screen. */
  lastUserId: number | null;
  /** Who may sign in (enabled users with a PIN or password), for the sign-in picker. */
  users: SessionUserDto[];
}

export interface ApiKeyDto {
  id: number;
  name: string;
  role: Role;
  /** The key's first characters, to tell keys apart (the rest is never shown again). */
  prefix: string;
  created: string;
  createdBy: string;
  lastUsed: string | null;
  revoked: string | null;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  /** `user:<id>`, `key:<id>`, `host` (the per-run token) or `system` (retention, backups). */
  actor: string;
  /** The actor's name when it acted. */
  actorName: string;
  action: AuditAction;
  /** What it was done to: `contact:12`, `conversation:5`, `message:77`, `settings`, … Never message text. */
  object: string;
}

export interface AuditVerifyDto {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not hold, or where entries are missing. */
  firstBroken: { id: number; at: string | null; reason: 'hash-mismatch' | 'link-broken' | 'entries-missing' } | null;
}

export interface AccessCommandResults {
  'session.status': SessionDto;
  /** @throws sign-in-failed (wrong PIN or password, or no such user), sign-in-throttled (details.retryAfterSeconds) */
  'session.signIn': SessionDto;
  'session.lock': SessionDto;
  /** @throws sign-in-failed (current is wrong), conflict (not a user) */
  'session.setOwnSecret': SessionDto;
  'users.list': { items: UserDto[] };
  /** @throws conflict (details.reason name-taken), no-secret (the administrator has no PIN: a second user turns sign-in on) */
  'users.create': UserDto;
  /** @throws not-found, conflict (the last administrator cannot be demoted or disabled) */
  'users.update': UserDto;
  'users.setSecret': UserDto;
  /** @throws not-found, conflict (the last administrator, or yourself) */
  'users.delete': { deleted: true };
  /** @throws conflict (the administrator has no PIN yet; off with several users) */
  'users.setSignIn': SessionDto;
  'apiKeys.list': { items: ApiKeyDto[] };
  /** `key` is shown this once and stored only as a hash. */
  'apiKeys.create': ApiKeyDto & { key: string };
  /** @throws not-found */
  'apiKeys.revoke': ApiKeyDto;
  'audit.list': { items: AuditEntryDto[]; nextBefore: number | null };
  'audit.verify': AuditVerifyDto;
}
