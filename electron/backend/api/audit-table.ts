/**
 * Which commands the audit trail records, and as what (issue 13 "Audit trail"). One row per
 * contract command, typed over every command name, so a new command must decide: a rule, or
 * null (reading that is not worth an entry, or a command that records itself, like
 * session.signIn). A rule sees the parsed parameters and the result of a call that succeeded and
 * names the action and the object: ids only, never message text or a phone number.
 */
import type { AuditAction } from '../../../src-shared/contract/access-commands.ts';
import type { CommandName, CommandResult, ParsedParams } from '../../../src-shared/contract/commands.ts';

export interface AuditRecord {
  action: AuditAction;
  object: string;
}

export type AuditRule<K extends CommandName> = (params: ParsedParams<K>, result: CommandResult<K>) => AuditRecord | null;

const on =
  <K extends CommandName>(action: AuditAction, object: (params: ParsedParams<K>, result: CommandResult<K>) => string): AuditRule<K> =>
  (params, result) => ({ action, object: object(params, result) });

export const AUDIT_TABLE: { [K in CommandName]: AuditRule<K> | null } = {
  'app.info': null,
  'app.dismissDatabaseNotice': null,

  // Sign-in and failed sign-in are written by session.ts itself (a failure has no result).
  'session.status': null,
  'session.signIn': null,
  'session.lock': null,
  'session.setOwnSecret': on('user.changed', (_p, r) => `user:${r.actor?.id ?? '?'}`),

  'users.list': null,
  'users.create': on('user.created', (_p, r) => `user:${r.id}`),
  'users.update': on('user.changed', (p) => `user:${p.id}`),
  'users.setSecret': on('user.changed', (p) => `user:${p.id}`),
  'users.delete': on('user.deleted', (p) => `user:${p.id}`),
  'users.setSignIn': on('sign-in.changed', (p) => `sign-in:${p.required ? 'on' : 'off'}`),

  'apiKeys.list': null,
  'apiKeys.create': on('key.created', (_p, r) => `key:${r.id}`),
  'apiKeys.revoke': on('key.revoked', (p) => `key:${p.id}`),

  'audit.list': (p) => (p.forExport === true && p.before === undefined ? { action: 'audit.exported', object: `audit:${p.actor ?? 'all'}` } : null),
  'audit.verify': null,

  'backups.status': null,
  'backups.configure': on('settings.changed', () => 'backups'),
  // The file's name only: the folder is the clinic's own.
  'backups.run': (_p, r) => (r.lastBackup && !r.running ? { action: 'backup.made', object: `backup:${r.lastBackup.name}` } : null),
  // Asked for here, applied at the next start: the restored database gets its own entry then (Backend.restoreApplied).
  'backups.restore': on('backup.restored', (p) => `backup:${p.file.split(/[\\/]/).pop() ?? ''}`),
  'backups.cancelRestore': null,

  'messages.send': on('message.sent', (_p, r) => `message:${r.messageId}`),
  'messages.list': null,
  'messages.search': null,
  'messages.get': null,
  'messages.retry': on('message.changed', (p) => `recipient:${p.recipientId}`),
  'messages.cancel': on('message.changed', (p) => `recipient:${p.recipientId}`),
  'messages.retryFailed': on('message.changed', (p) => `message:${p.messageId}`),
  'messages.cancelWaiting': on('message.changed', (p) => `message:${p.messageId}`),
  'messages.reschedule': on('message.changed', (p) => scheduledObject(p)),
  'messages.sendNow': on('message.changed', (p) => scheduledObject(p)),
  'messages.cancelScheduled': on('message.changed', (p) => scheduledObject(p)),
  'messages.editScheduled': on('message.changed', (p) => `message:${p.messageId}`),
  'messages.delete': on('message.deleted', (p) => `message:${p.id}`),
  'conversations.delete': on('conversation.deleted', (p) => `conversation:${p.id}`),
  'contacts.erase': on('contact.deleted', (p) => `contact:${p.id}`),
  'retention.preview': null,

  'appointments.book': on('appointment.changed', (_p, r) => `appointment:${r.id}`),
  'appointments.import': (_p, r) => (r.errors.length === 0 ? { action: 'appointments.imported', object: `appointments:${r.booked}` } : null),
  'appointments.get': null,
  'appointments.update': on('appointment.changed', (p) => `appointment:${p.id}`),
  'appointments.list': null,
  'appointments.forContact': null,
  'templates.list': null,
  'templates.get': null,
  'templates.put': on('template.changed', (_p, r) => `template:${r.id}`),
  'templates.delete': on('template.changed', (p) => `template:${p.id}`),
  'reminderPlans.list': null,
  'reminderPlans.get': null,
  'reminderPlans.put': on('reminder-plan.changed', (_p, r) => `reminder-plan:${r.id}`),
  'reminderPlans.delete': on('reminder-plan.changed', (p) => `reminder-plan:${p.id}`),

  'consent.list': null,
  'consent.check': null,
  'consent.history': null,
  // The audit trail lives in the encrypted database and is the administrator's: the number is named.
  'consent.set': on('opt-out.changed', (_p, r) => `phone:${r.phone}`),

  'stats.daily': null,
  'stats.summary': null,
  'keywords.list': null,
  'keywords.put': on('keyword.changed', (_p, r) => `keyword:${r.id}`),
  'keywords.delete': on('keyword.changed', (p) => `keyword:${p.id}`),
  'attention.list': null,
  'attention.done': on('message.changed', (p) => `message:${p.messageId}`),
  'security.status': null,
  'security.recoveryCode': on('recovery-code.shown', () => 'database-key'),
  'security.recoveryCodeSaved': null,

  'conversations.list': null,
  // The first page of a thread is reading it (later pages and live reloads are the same reading:
  // audit-log.ts keeps one entry per actor and conversation per ten minutes).
  'conversations.thread': (p, r) => (p.before === undefined ? { action: 'conversation.read', object: `conversation:${r.conversation.id}` } : null),
  'conversations.markRead': null,

  'contacts.list': null,
  'contacts.get': null,
  'contacts.create': on('contact.created', (_p, r) => `contact:${r.id}`),
  'contacts.update': on('contact.changed', (p) => `contact:${p.id}`),
  'contacts.delete': on('contact.deleted', (p) => `contact:${p.id}`),
  'contacts.restore': on('contact.created', (_p, r) => `contact:${r.id}`),
  'contacts.import': on('contacts.imported', (_p, r) => `contacts:${r.created}`),
  'contacts.export': on('contacts.exported', (_p, r) => `contacts:${r.count}`),

  'groups.list': null,
  'groups.create': on('group.changed', (_p, r) => `group:${r.id}`),
  'groups.rename': on('group.changed', (p) => `group:${p.id}`),
  'groups.delete': on('group.changed', (p) => `group:${p.id}`),

  'gateways.list': null,
  'gateways.start': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.stop': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.enterPin': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.testSms': on('message.sent', (_p, r) => `message:${r.messageId}`),
  'gateways.startDemo': on('gateway.changed', (_p, r) => `gateway:${r.id}`),
  'gateways.checkBalance': null,
  'gateways.rename': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.setEnabled': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.forget': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.remove': on('gateway.changed', (p) => `gateway:${p.id}`),
  'gateways.adopt': on('gateway.changed', (_p, r) => `gateway:${r.id}`),
  'gateways.ignore': on('gateway.changed', () => 'gateways'),
  'gateways.rescan': null,
  'gateways.discovery': null,
  'gateways.addPort': on('gateway.changed', (_p, r) => `gateway:${r.id}`),
  'gateways.doctor': null,
  'gateways.traffic': null,
  'gateways.unreadable': null,
  'gateways.setDailyCap': on('gateway.changed', (p) => `gateway:${p.id}`),

  'settings.get': null,
  'settings.update': on('settings.changed', (p) => `settings:${Object.keys(p).sort().join(',')}`),

  'email.getSettings': null,
  'email.updateSettings': on('email.changed', () => 'email'),
  'email.test': null,
};

function scheduledObject(p: { messageId?: number | undefined; recipientId?: number | undefined }): string {
  return p.recipientId !== undefined ? `recipient:${p.recipientId}` : `message:${p.messageId ?? '?'}`;
}

export function auditRecordFor<K extends CommandName>(command: K, params: ParsedParams<K>, result: CommandResult<K>): AuditRecord | null {
  const rule = AUDIT_TABLE[command] as AuditRule<K> | null;
  return rule ? rule(params, result) : null;
}
