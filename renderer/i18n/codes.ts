/**
 * The codes the backend sends about gateways and modem detection, each with the i18n key that
 * words it (locales/<lng>/gateways.json). The renderer never reads the backend's English to decide
 * what to show: it looks the code up here. Each table is a `Record` over the contract's union, so
 * a code added to the contract without words here is a type error; test/components/gateway-words
 * checks that every key exists in English and in Swahili.
 *
 * A code this build does not know (a newer backend) is shown as the code itself, marked as
 * untranslated (`untranslated()`), never dropped.
 */
import type { TFunction } from 'i18next';
import { type DoctorFindingCode, isDoctorFindingCode } from '../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto, PortOutcome } from '../../src-shared/contract/dto.ts';
import type { StorageState } from '../../src-shared/contract/storage.ts';
import type { AuditAction } from '../../src-shared/contract/access-commands.ts';
import type { DeletionRefusal } from '../../src-shared/contract/deletion-commands.ts';
import type { BackupFailureCode, RestoreRefusalCode } from '../../src-shared/contract/backup-commands.ts';
import type { EmailProblemCode, GatewayProblem, ModemProblemCode, RegistrationCode, SimStateCode } from '../../src-shared/model.ts';

type Key = `gateways:${string}`;

/** Why a modem is not sending, as the card and the header say it. */
export const MODEM_PROBLEM_KEYS: Record<ModemProblemCode, Key> = {
  'not-answering': 'gateways:problem.modem.not-answering',
  'recovery-probing': 'gateways:problem.modem.recovery-probing',
  'recovery-reinit': 'gateways:problem.modem.recovery-reinit',
  'recovery-reopen': 'gateways:problem.modem.recovery-reopen',
  'cannot-open': 'gateways:problem.modem.cannot-open',
  'permission-denied': 'gateways:problem.modem.permission-denied',
  'port-busy': 'gateways:problem.modem.port-busy',
  unplugged: 'gateways:problem.modem.unplugged',
  'waiting-for-modem': 'gateways:problem.modem.waiting-for-modem',
  'sim-pin': 'gateways:problem.modem.sim-pin',
  'sim-pin-rejected': 'gateways:problem.modem.sim-pin-rejected',
  'sim-puk': 'gateways:problem.modem.sim-puk',
  'no-sim': 'gateways:problem.modem.no-sim',
  'sim-unusable': 'gateways:problem.modem.sim-unusable',
  'no-network': 'gateways:problem.modem.no-network',
  'network-denied': 'gateways:problem.modem.network-denied',
  'no-service-centre': 'gateways:problem.modem.no-service-centre',
  'start-failed': 'gateways:problem.modem.start-failed',
  'other-modem': 'gateways:problem.modem.other-modem',
  'send-stopped': 'gateways:problem.modem.send-stopped',
  disabled: 'gateways:problem.modem.disabled',
  'sim-full': 'gateways:problem.modem.sim-full',
};

/** The e-mail gateway's problems (the SMTP failure table's codes). */
export const EMAIL_PROBLEM_KEYS: Record<EmailProblemCode, Key> = {
  auth: 'gateways:problem.email.auth',
  tls: 'gateways:problem.email.tls',
  dns: 'gateways:problem.email.dns',
  refused: 'gateways:problem.email.refused',
  timeout: 'gateways:problem.email.timeout',
  connection: 'gateways:problem.email.connection',
  config: 'gateways:problem.email.config',
  'from-refused': 'gateways:problem.email.from-refused',
  unknown: 'gateways:problem.email.unknown',
  disabled: 'gateways:problem.email.disabled',
};

export const REGISTRATION_KEYS: Record<RegistrationCode, Key> = {
  home: 'gateways:registration.home',
  roaming: 'gateways:registration.roaming',
  'sms-only': 'gateways:registration.sms-only',
  searching: 'gateways:registration.searching',
  denied: 'gateways:registration.denied',
  'not-registered': 'gateways:registration.not-registered',
  'emergency-only': 'gateways:registration.emergency-only',
  unknown: 'gateways:registration.unknown',
};

export const SIM_KEYS: Record<SimStateCode, Key> = {
  ready: 'gateways:sim.ready',
  'pin-required': 'gateways:sim.pin-required',
  'puk-required': 'gateways:sim.puk-required',
  'phone-locked': 'gateways:sim.phone-locked',
  'pin2-required': 'gateways:sim.pin2-required',
  'not-inserted': 'gateways:sim.not-inserted',
  failure: 'gateways:sim.failure',
  unknown: 'gateways:sim.unknown',
};

/**
 * The data folder's disk (AppInfo.storage, the `storage.status` event): what the header's banner
 * says while it is not `ok` (locales/<lng>/shell.json). `ok` has no banner, hence null.
 */
export const STORAGE_STATE_KEYS: Record<StorageState, `shell:storage.${string}` | null> = {
  ok: null,
  'low-space': 'shell:storage.low-space',
  'disk-full': 'shell:storage.disk-full',
};

/** What detection made of a port ("ttyUSB0: no answer"). */
export const PORT_OUTCOME_KEYS: Record<PortOutcome, Key> = {
  'in-use': 'gateways:ports.outcome.in-use',
  'second-port': 'gateways:ports.outcome.second-port',
  offered: 'gateways:ports.outcome.offered',
  ignored: 'gateways:ports.outcome.ignored',
  disabled: 'gateways:ports.outcome.disabled',
  'no-answer': 'gateways:ports.outcome.no-answer',
  garbage: 'gateways:ports.outcome.garbage',
  'permission-denied': 'gateways:ports.outcome.permission-denied',
  'port-busy': 'gateways:ports.outcome.port-busy',
  'open-failed': 'gateways:ports.outcome.open-failed',
  pending: 'gateways:ports.outcome.pending',
};

/**
 * The field check's findings (DoctorFindingDto.code, the shared list in
 * src-shared/contract/doctor-codes.ts, which names the values each code carries): one sentence
 * per code, what was found and its fix.
 */
export const DOCTOR_KEYS: Record<DoctorFindingCode, Key> = {
  'ok-modem': 'gateways:doctor.finding.ok-modem',
  'ok-port-in-use': 'gateways:doctor.finding.ok-port-in-use',
  'second-port': 'gateways:doctor.finding.second-port',
  'port-permission': 'gateways:doctor.finding.port-permission',
  'not-in-group': 'gateways:doctor.finding.not-in-group',
  'relogin-needed': 'gateways:doctor.finding.relogin-needed',
  'modemmanager-running': 'gateways:doctor.finding.modemmanager-running',
  'udev-rule-missing': 'gateways:doctor.finding.udev-rule-missing',
  'port-held': 'gateways:doctor.finding.port-held',
  'port-busy': 'gateways:doctor.finding.port-busy',
  'no-candidates': 'gateways:doctor.finding.no-candidates',
  'list-failed': 'gateways:doctor.finding.list-failed',
  'no-answer': 'gateways:doctor.finding.no-answer',
  garbage: 'gateways:doctor.finding.garbage',
  'open-failed': 'gateways:doctor.finding.open-failed',
  vanished: 'gateways:doctor.finding.vanished',
  'sim-pin': 'gateways:doctor.finding.sim-pin',
  'sim-puk': 'gateways:doctor.finding.sim-puk',
  'no-sim': 'gateways:doctor.finding.no-sim',
  'sim-problem': 'gateways:doctor.finding.sim-problem',
  'no-network': 'gateways:doctor.finding.no-network',
  'weak-signal': 'gateways:doctor.finding.weak-signal',
  'check-unavailable': 'gateways:doctor.finding.check-unavailable',
  'host-running': 'gateways:doctor.finding.host-running',
  'database-ok': 'gateways:doctor.finding.database-ok',
  'database-damaged': 'gateways:doctor.finding.database-damaged',
};

/** What picks a finding's variant: the finding itself and the system the report is from. */
type DoctorVariantPick = (finding: Pick<DoctorFindingDto, 'severity' | 'values'>, platform: string) => string | undefined;

const valueOf = (finding: Pick<DoctorFindingDto, 'values'>, name: string): string => String(finding.values[name] ?? '');
/** The value itself when it is one of `contexts`, else no variant. */
const oneOf = (name: string, contexts: readonly string[]): { contexts: readonly string[]; pick: DoctorVariantPick } => ({
  contexts,
  pick: (f) => (contexts.includes(valueOf(f, name)) ? valueOf(f, name) : undefined),
});

/**
 * Codes whose sentence (or fix) depends on a value, on the severity or on the system: the variant
 * is the key's i18next context (`doctor.finding.port-held_modemmanager`); with none the plain key
 * is used. `contexts` lists every variant, so each is checked in both languages (allCodeKeys).
 */
export const DOCTOR_VARIANTS: Partial<Record<DoctorFindingCode, { contexts: readonly string[]; pick: DoctorVariantPick }>> = {
  // unknown (or a reason this build does not know): the plain key
  'port-permission': oneOf('reason', ['not-in-group', 'relogin-needed', 'mode']),
  // 'ok': Ujumbe's udev rule keeps it away from the usual modems
  'modemmanager-running': { contexts: ['ok'], pick: (f) => (f.severity === 'ok' ? 'ok' : undefined) },
  // The copy command only when this install knows where its rule file is.
  'udev-rule-missing': { contexts: ['rule'], pick: (f) => (valueOf(f, 'rule') !== '' ? 'rule' : undefined) },
  'port-held': { contexts: ['modemmanager'], pick: (f) => (valueOf(f, 'program') === 'ModemManager' ? 'modemmanager' : undefined) },
  // Linux (the plain key): often ModemManager running as another user, which /proc does not show.
  'port-busy': { contexts: ['win32', 'darwin'], pick: (_f, platform) => (platform === 'win32' || platform === 'darwin' ? platform : undefined) },
  'no-candidates': { contexts: ['win32'], pick: (_f, platform) => (platform === 'win32' ? 'win32' : undefined) },
  // 'ok': a built-in serial port, not a modem
  'no-answer': { contexts: ['ok'], pick: (f) => (f.severity === 'ok' ? 'ok' : undefined) },
  'sim-problem': oneOf('state', ['phone-locked', 'pin2-required', 'failure']),
  'no-network': oneOf('registration', ['searching', 'denied', 'emergency-only']),
  // gatewayId '' is a port a running Ujumbe holds whose gateway is not known here
  'ok-port-in-use': {
    contexts: ['gateway', 'ujumbe'],
    // Held by another running Ujumbe (seen by the field check in /proc), or by one of our gateways.
    pick: (f) => (valueOf(f, 'by') === 'ujumbe' ? 'ujumbe' : valueOf(f, 'gatewayId') !== '' ? 'gateway' : undefined),
  },
  // 'programs' (the plain key): which program holds a port
  'check-unavailable': { contexts: ['permissions'], pick: (f) => (valueOf(f, 'check') === 'permissions' ? 'permissions' : undefined) },
};

/**
 * Findings that read differently when detection's report (DiscoveryDto) lists their port as
 * `offered`: the modem answers, but Ujumbe waits for "Use this modem" before it uses it.
 */
export const DOCTOR_OFFERED_CONTEXT: Partial<Record<DoctorFindingCode, 'offered'>> = {
  'ok-modem': 'offered',
};

/** The i18next context of a finding's sentence, or undefined for the plain key. */
export function doctorContext(finding: Pick<DoctorFindingDto, 'code' | 'severity' | 'values'>, platform: string): string | undefined {
  return DOCTOR_VARIANTS[finding.code]?.pick(finding, platform);
}

/** A runtime check: a newer backend may send a code this build has no words for. */
export const isDoctorCode = (code: string): code is DoctorFindingCode => isDoctorFindingCode(code);

type ReportsKey = `reports:${string}`;

/**
 * A failed message's code (stats.summary's failures by reason): the app's own and the gateways'
 * fixed codes (send-failure.ts, email-failures.ts, the dispatcher's) by name. The open families
 * (+CMS/+CME numbers, a delivery report's TP-Status, an SMTP reply, the SMS encoder's) are
 * FAILURE_FAMILIES, worded with their number.
 */
export const FAILURE_KEYS: Record<string, ReportsKey> = {
  expired: 'reports:failure.expired',
  interrupted: 'reports:failure.interrupted',
  'maybe-sent': 'reports:failure.maybe-sent',
  'timeout-after-send': 'reports:failure.maybe-sent',
  'disconnected-after-send': 'reports:failure.maybe-sent',
  timeout: 'reports:failure.timeout',
  disconnected: 'reports:failure.disconnected',
  'not-running': 'reports:failure.not-running',
  'at-error': 'reports:failure.refused-by-modem',
  'cms-text': 'reports:failure.refused-by-modem',
  'cme-text': 'reports:failure.refused-by-modem',
  'invalid-pdu': 'reports:failure.invalid-pdu',
  // +CMS causes that name the number itself (TS 24.011 E-2: 1 unassigned number, 30 unknown subscriber).
  'cms-1': 'reports:failure.no-such-number',
  'cms-30': 'reports:failure.no-such-number',
  'pdu-mode-unavailable': 'reports:failure.pdu-mode-unavailable',
  internal: 'reports:failure.internal',
  auth: 'reports:failure.email-auth',
  tls: 'reports:failure.email-tls',
  dns: 'reports:failure.email-dns',
  refused: 'reports:failure.email-refused',
  connection: 'reports:failure.email-connection',
  config: 'reports:failure.email-config',
  envelope: 'reports:failure.email-address',
  unknown: 'reports:failure.email-unknown',
};

/**
 * A delivery report's TP-Status (delivery-reports.ts: `status-<hex>`), grouped by what a nurse can
 * do about it (the backend's words are the standard's: "SM validity period expired", issue 15).
 */
const STATUS_FAMILIES: ReadonlyArray<readonly [RegExp, ReportsKey]> = [
  [/^status-(46)$/, 'reports:failure.status-expired'],
  [/^status-(4[01349])$/, 'reports:failure.status-unreachable'],
  [/^status-(42|6[1-5])$/, 'reports:failure.status-phone'],
  [/^status-(6[0-9a-f])$/, 'reports:failure.status-gave-up'],
];

/** Codes with a number in them: the pattern, its words (the number as {{number}}). */
export const FAILURE_FAMILIES: ReadonlyArray<readonly [RegExp, ReportsKey]> = [
  ...STATUS_FAMILIES,
  [/^cms-(\d+)$/, 'reports:failure.cms'],
  [/^cme-(\d+)$/, 'reports:failure.cme'],
  [/^status-([0-9a-f]{2})$/, 'reports:failure.status'],
  [/^smtp-(\d{3})(?:-from)?$/, 'reports:failure.smtp'],
  [/^sms\.()/, 'reports:failure.sms'],
];

/** A failure's code in words; null is a failure logged before codes were kept. */
export function failureWords(t: TFunction, code: string | null): string {
  if (code === null) return t('reports:failure.none');
  const key = lookup(FAILURE_KEYS, code);
  if (key) return t(key);
  for (const [pattern, familyKey] of FAILURE_FAMILIES) {
    const match = pattern.exec(code);
    if (match) return t(familyKey, { number: match[1]?.toUpperCase() ?? '' });
  }
  return untranslated(t, code);
}

/**
 * A failed recipient's reason as the Outbox and a thread show it: the renderer's words for the
 * codes whose words are worth more than the backend's (its own fixed codes and a delivery
 * report's status); null for the rest (+CMS/+CME: the backend's at-error-table words are better
 * than a number until every code has words of its own), and the caller shows the backend's text.
 */
export function recipientFailureWords(t: TFunction, code: string | null): string | null {
  if (code === null) return null;
  const key = lookup(FAILURE_KEYS, code);
  if (key) return t(key);
  if (/^status-[0-9a-f]{2}$/.test(code)) return failureWords(t, code);
  return null;
}

/** Why a deletion was refused (deletion-commands.ts DeletionConflictDetails.reason); `count` is details.waiting. */
export const DELETION_REFUSAL_KEYS: Record<DeletionRefusal, `deletion:${string}`> = {
  'still-waiting': 'deletion:refusal.still-waiting',
  'still-sending': 'deletion:refusal.still-sending',
};

/** Why no backup was made (backup-commands.ts BackupFailureCode; `backup-off`: no folder chosen). */
export const BACKUP_FAILURE_KEYS: Record<BackupFailureCode | 'backup-off', `backups:${string}`> = {
  'backup-off': 'backups:failure.backup-off',
  'backup-folder-missing': 'backups:failure.backup-folder-missing',
  'backup-not-a-folder': 'backups:failure.backup-not-a-folder',
  'backup-failed': 'backups:failure.backup-failed',
};

/** Why a restore was refused (`restore-refused` details.refusal; backup-commands.ts RESTORE_REFUSALS). */
export const RESTORE_REFUSAL_KEYS: Record<RestoreRefusalCode, `backups:${string}`> = {
  'not-found': 'backups:refusal.not-found',
  'same-file': 'backups:refusal.same-file',
  damaged: 'backups:refusal.damaged',
  'not-ujumbe': 'backups:refusal.not-ujumbe',
  'too-new': 'backups:refusal.too-new',
  'needs-recovery-code': 'backups:refusal.needs-recovery-code',
  'wrong-code': 'backups:refusal.wrong-code',
  'key-missing': 'backups:refusal.key-missing',
};

/** Every key of every table (for the test that each one has English and Swahili words). */
export function allCodeKeys(): string[] {
  return [
    ...Object.values(MODEM_PROBLEM_KEYS),
    ...Object.values(EMAIL_PROBLEM_KEYS),
    ...Object.values(REGISTRATION_KEYS),
    ...Object.values(SIM_KEYS),
    ...Object.values(PORT_OUTCOME_KEYS),
    ...Object.values(DOCTOR_KEYS),
    ...Object.values(STORAGE_STATE_KEYS).flatMap((key) => (key === null ? [] : [key])),
    ...Object.entries(DOCTOR_VARIANTS).flatMap(([code, variant]) => variant.contexts.map((c) => `${DOCTOR_KEYS[code as DoctorFindingCode]}_${c}`)),
    ...Object.entries(DOCTOR_OFFERED_CONTEXT).map(([code, c]) => `${DOCTOR_KEYS[code as DoctorFindingCode]}_${c}`),
    ...Object.values(FAILURE_KEYS),
    ...FAILURE_FAMILIES.map(([, key]) => key),
    'reports:failure.none',
    ...Object.values(AUDIT_ACTION_KEYS),
    'deletion:refusal.still-waiting_one',
    'deletion:refusal.still-waiting_other',
    'deletion:refusal.still-sending',
    ...Object.values(BACKUP_FAILURE_KEYS),
    ...Object.values(RESTORE_REFUSAL_KEYS),
  ];
}

/** A code with no words in this build: shown as it is, visibly marked. */
export function untranslated(t: TFunction, code: string): string {
  return t('gateways:untranslated', { code });
}

function lookup<C extends string, K extends string>(table: Record<C, K>, code: string): K | null {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code as C] : null;
}

/** Values a problem carries, as i18next options (strings and numbers only). */
function valuesOf(problem: GatewayProblem<string>): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(problem.values ?? {})) if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  return values;
}

/**
 * Problems whose words can say more when the backend sends one value: the sentence with it is the
 * key's i18next context (`problem.modem.port-busy_program`), the plain key is used without it.
 */
const PROBLEM_CONTEXT: Partial<Record<ModemProblemCode, string>> = {
  'port-busy': 'program',
  'send-stopped': 'error',
};

/** A gateway's problem in words, with the values it carries. */
export function problemWords(t: TFunction, kind: 'modem' | 'email', problem: GatewayProblem<string>): string {
  const key = kind === 'modem' ? lookup(MODEM_PROBLEM_KEYS, problem.code) : lookup(EMAIL_PROBLEM_KEYS, problem.code);
  if (!key) return untranslated(t, problem.code);
  const values = valuesOf(problem);
  const wanted = kind === 'modem' ? PROBLEM_CONTEXT[problem.code as ModemProblemCode] : undefined;
  const context = wanted !== undefined && values[wanted] !== undefined && values[wanted] !== '' ? wanted : undefined;
  return t(key, { ...values, ...(context ? { context } : {}) });
}

export function registrationWords(t: TFunction, code: string): string {
  const key = lookup(REGISTRATION_KEYS, code);
  return key ? t(key) : untranslated(t, code);
}

export function simWords(t: TFunction, code: string): string {
  const key = lookup(SIM_KEYS, code);
  return key ? t(key) : untranslated(t, code);
}

export function portOutcomeWords(t: TFunction, outcome: string): string {
  const key = lookup(PORT_OUTCOME_KEYS, outcome);
  return key ? t(key) : untranslated(t, outcome);
}

/**
 * What the audit trail records (issue 13), as the Audit screen says it (locales/<lng>/audit.json,
 * nested at the dots): a Record over AUDIT_ACTIONS, so an action added without words is a type error.
 */
export const AUDIT_ACTION_KEYS: Record<AuditAction, `audit:action.${AuditAction}`> = {
  'signed-in': 'audit:action.signed-in',
  'sign-in-failed': 'audit:action.sign-in-failed',
  locked: 'audit:action.locked',
  'message.sent': 'audit:action.message.sent',
  'message.changed': 'audit:action.message.changed',
  'message.deleted': 'audit:action.message.deleted',
  'messages.deleted-by-retention': 'audit:action.messages.deleted-by-retention',
  'conversation.read': 'audit:action.conversation.read',
  'conversation.deleted': 'audit:action.conversation.deleted',
  'contact.created': 'audit:action.contact.created',
  'contact.changed': 'audit:action.contact.changed',
  'contact.deleted': 'audit:action.contact.deleted',
  'contacts.imported': 'audit:action.contacts.imported',
  'contacts.exported': 'audit:action.contacts.exported',
  'group.changed': 'audit:action.group.changed',
  'opt-out.changed': 'audit:action.opt-out.changed',
  'appointment.changed': 'audit:action.appointment.changed',
  'appointments.imported': 'audit:action.appointments.imported',
  'template.changed': 'audit:action.template.changed',
  'reminder-plan.changed': 'audit:action.reminder-plan.changed',
  'keyword.changed': 'audit:action.keyword.changed',
  'settings.changed': 'audit:action.settings.changed',
  'gateway.changed': 'audit:action.gateway.changed',
  'email.changed': 'audit:action.email.changed',
  'recovery-code.shown': 'audit:action.recovery-code.shown',
  'user.created': 'audit:action.user.created',
  'user.changed': 'audit:action.user.changed',
  'user.deleted': 'audit:action.user.deleted',
  'sign-in.changed': 'audit:action.sign-in.changed',
  'key.created': 'audit:action.key.created',
  'key.revoked': 'audit:action.key.revoked',
  'audit.exported': 'audit:action.audit.exported',
  'backup.made': 'audit:action.backup.made',
  'backup.restored': 'audit:action.backup.restored',
};

/** An audit action in words; one this build does not know is shown as it is, marked. */
export function auditActionWords(t: TFunction, action: string): string {
  const key = lookup(AUDIT_ACTION_KEYS, action);
  return key ? t(key) : untranslated(t, action);
}
