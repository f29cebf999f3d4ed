/**
 * Who may call what (issue 13 "Users, roles, lock"). Every contract command declares the least
 * role it needs, in one table typed over every command name: a new command without a row here is
 * a compile error, so none can be forgotten. The backend enforces the table in both hosts
 * (electron/backend/api/access-guard.ts); the renderer reads the same table to hide what the
 * role cannot do (renderer/state/session.ts `can`).
 */
import type { CommandName } from './commands.ts';

/** Least to most: each role may do everything the ones before it may. */
export const ROLES = ['viewer', 'nurse', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * 'public': no one need be signed in (the sign-in screen itself, the host's version).
 * A role: someone with at least that role is signed in, or sign-in is off (then the desk
 * acts as the administrator, as before users existed).
 */
export type CommandAccess = 'public' | Role;

export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function mayCall(role: Role | null, access: CommandAccess): boolean {
  if (access === 'public') return true;
  return role !== null && roleAtLeast(role, access);
}

/**
 * Who is asking on one connection. A transport's session starts with no principal (signed out);
 * `session.signIn` sets a user, `session.lock` clears it. The headless host's HTTP API makes one
 * per request from its credentials: the per-run token is the `host` (administrator rights, for
 * the CLI and programs of the same OS user), an API key is that key. Roles are looked up at each
 * call, so a role changed or a key revoked counts at once.
 */
export type Principal = { kind: 'user'; userId: number } | { kind: 'key'; keyId: number } | { kind: 'host' };

export interface CallerSession {
  principal: Principal | null;
  /** The user who locked this session (the lock screen offers them first). */
  lastUserId: number | null;
  readonly channel: 'ipc' | 'ws' | 'http' | 'in-process';
}

export function newSession(channel: CallerSession['channel'], principal: Principal | null = null): CallerSession {
  return { principal, lastUserId: null, channel };
}

/** The table. Reading is `viewer`; the nurse's daily work is `nurse`; users, gateways, settings, audit and exports are the administrator's. */
export const COMMAND_ACCESS = {
  'app.info': 'public',
  'app.dismissDatabaseNotice': 'nurse',

  'session.status': 'public',
  'session.signIn': 'public',
  'session.lock': 'public',
  'session.setOwnSecret': 'viewer',

  'users.list': 'administrator',
  'users.create': 'administrator',
  'users.update': 'administrator',
  'users.setSecret': 'administrator',
  'users.delete': 'administrator',
  'users.setSignIn': 'administrator',

  'apiKeys.list': 'administrator',
  'apiKeys.create': 'administrator',
  'apiKeys.revoke': 'administrator',

  'audit.list': 'administrator',
  'audit.verify': 'administrator',

  // Backups hold every patient's data, and a restore replaces it all.
  'backups.status': 'administrator',
  'backups.configure': 'administrator',
  'backups.run': 'administrator',
  'backups.restore': 'administrator',
  'backups.cancelRestore': 'administrator',

  'messages.send': 'nurse',
  'messages.list': 'viewer',
  'messages.search': 'viewer',
  'messages.get': 'viewer',
  'messages.retry': 'nurse',
  'messages.cancel': 'nurse',
  'messages.retryFailed': 'nurse',
  'messages.cancelWaiting': 'nurse',
  'messages.reschedule': 'nurse',
  'messages.sendNow': 'nurse',
  'messages.cancelScheduled': 'nurse',
  'messages.editScheduled': 'nurse',
  // Deleting history cannot be undone: the administrator's (issue 13 "Retention").
  'messages.delete': 'administrator',
  'conversations.delete': 'administrator',
  'contacts.erase': 'administrator',
  'retention.preview': 'administrator',

  'appointments.book': 'nurse',
  'appointments.import': 'nurse',
  'appointments.get': 'viewer',
  'appointments.update': 'nurse',
  'appointments.list': 'viewer',
  'appointments.forContact': 'viewer',
  'templates.list': 'viewer',
  'templates.get': 'viewer',
  'templates.put': 'nurse',
  'templates.delete': 'nurse',
  'reminderPlans.list': 'viewer',
  'reminderPlans.get': 'viewer',
  'reminderPlans.put': 'nurse',
  'reminderPlans.delete': 'nurse',

  'consent.list': 'viewer',
  'consent.check': 'viewer',
  'consent.history': 'viewer',
  'consent.set': 'nurse',

  'stats.daily': 'viewer',
  'stats.summary': 'viewer',
  'keywords.list': 'viewer',
  'keywords.put': 'nurse',
  'keywords.delete': 'nurse',
  'attention.list': 'viewer',
  'attention.done': 'nurse',
  'security.status': 'viewer',
  'security.recoveryCode': 'administrator',
  'security.recoveryCodeSaved': 'administrator',

  // Opening a thread marks it read: part of reading, so a viewer may.
  'conversations.list': 'viewer',
  'conversations.thread': 'viewer',
  'conversations.markRead': 'viewer',

  'contacts.list': 'viewer',
  'contacts.get': 'viewer',
  'contacts.create': 'nurse',
  'contacts.update': 'nurse',
  'contacts.delete': 'nurse',
  'contacts.restore': 'nurse',
  'contacts.import': 'nurse',
  'contacts.export': 'administrator',

  'groups.list': 'viewer',
  'groups.create': 'nurse',
  'groups.rename': 'nurse',
  'groups.delete': 'nurse',

  'gateways.list': 'viewer',
  'gateways.start': 'administrator',
  'gateways.stop': 'administrator',
  'gateways.enterPin': 'administrator',
  'gateways.testSms': 'administrator',
  'gateways.startDemo': 'administrator',
  'gateways.checkBalance': 'nurse',
  'gateways.rename': 'administrator',
  'gateways.setEnabled': 'administrator',
  'gateways.forget': 'administrator',
  'gateways.remove': 'administrator',
  'gateways.adopt': 'administrator',
  'gateways.ignore': 'administrator',
  'gateways.rescan': 'administrator',
  'gateways.discovery': 'viewer',
  'gateways.addPort': 'administrator',
  'gateways.doctor': 'administrator',
  'gateways.traffic': 'administrator',
  'gateways.unreadable': 'administrator',
  'gateways.setDailyCap': 'administrator',

  'settings.get': 'viewer',
  'settings.update': 'administrator',

  'email.getSettings': 'administrator',
  'email.updateSettings': 'administrator',
  'email.test': 'administrator',
} as const satisfies Record<CommandName, CommandAccess>;

// The reverse check: a row for a command that does not exist is a compile error too.
type Extra = Exclude<keyof typeof COMMAND_ACCESS, CommandName>;
const _noExtraRows: [Extra] extends [never] ? true : never = true;
void _noExtraRows;

export function commandAccess(command: CommandName): CommandAccess {
  return COMMAND_ACCESS[command];
}
