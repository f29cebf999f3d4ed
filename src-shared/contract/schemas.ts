/**
 * Runtime schemas of every command's parameters: the backend never trusts its caller (docs/ARCHITECTURE.md
 * "Invariants"), so each call is parsed here before a handler sees it. Limits are generous for real
 * use and small enough that a hostile call cannot make the backend do unbounded work.
 */
import { isTimeZone } from '../schedule/clinic-time.ts';
import { HH_MM } from '../schedule/send-window.ts';
import { z } from 'zod';
import { CRASH_RECOVERY_POLICIES, PROTOCOLS, RECIPIENT_STATUSES, ROUTING_POLICIES } from '../model.ts';
import { firstLoneSurrogate } from '../protocols/incoming.ts';
import { LOW_SPACE_MB } from './storage.ts';
import { DELIVERY_REPORT_WAIT_MINUTES } from './delivery-report-wait.ts';
import { accessSchemas } from './access-commands.ts';
import { backupSchemas } from './backup-commands.ts';
import { deletionSchemas, retentionMonthsSchema } from './deletion-commands.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const shortText = (max: number) => z.string().max(max);

/**
 * Text a person reads or a modem sends must be well-formed UTF-16. JSON can carry half of a
 * surrogate pair ("\ud800"), which is no character: it would be stored as is and sent as U+FFFD.
 * Refused here, naming the field (zod's path) and where in it the broken character is.
 */
export function wellFormed<T extends z.ZodType<string>>(schema: T, what: string): T {
  return schema.superRefine((value, ctx) => {
    const at = firstLoneSurrogate(value);
    if (at !== -1) {
      ctx.addIssue({
        code: 'custom',
        message: `The ${what} has a broken character at position ${at + 1} (half of a UTF-16 surrogate pair): send it as valid Unicode text.`,
      });
    }
  });
}

/**
 * A serial port's name as the operating system spells it: /dev/ttyUSB2, /dev/serial/by-id/...,
 * COM4 or \\.\COM12. No control characters, no wildcards (a pattern is a search setting).
 */
export const portPathSchema = z
  .string()
  .trim()
  .min(1, 'A port name is needed, e.g. /dev/ttyUSB2 or COM4.')
  .max(500)
  // Control characters are exactly what this refuses (a name with a NUL or a newline is no port).
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f*?[\]]+$/, 'A port name has no control characters or wildcards, e.g. /dev/ttyUSB2 or COM4.');

/** A search pattern for modem detection: an absolute path whose last parts may hold * and ?. */
export const portGlobSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'A search pattern has no control characters.');

export const protocolSchema = z.enum(PROTOCOLS);
export const statusSchema = z.enum(RECIPIENT_STATUSES);

/** A "To" entry: a raw address, a contact (its preferred address per protocol) or a group. */
export const recipientInputSchema = z.union([
  z.object({ kind: z.literal('address'), address: shortText(320), protocol: protocolSchema }),
  z.object({ kind: z.literal('contact'), contactId: id, protocol: protocolSchema.optional() }),
  z.object({ kind: z.literal('group'), groupId: id, protocol: protocolSchema.optional() }),
]);

/** An instant as ISO 8601 with its offset ("2026-12-04T07:00:00+03:00", "...Z"); a bare local time is ambiguous here. */
const isoInstant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'Write the time as ISO 8601 with its offset, e.g. 2026-12-04T07:00:00+03:00.');

/** Which recipients of a scheduled message an action is for: every one that still waits, or these. */
const scheduledTarget = { messageId: id, recipientIds: z.array(id).min(1).max(10_000).optional() };

/** Words for a template's merge fields (src-shared/templates/merge-fields.ts); an empty one is refused here, naming it. */
const mergeWord = wellFormed(z.string().trim().min(1, 'Leave the field out rather than sending it empty.').max(500), 'variable');
export const templateVariablesSchema = z
  .object({ first_name: mergeWord, name: mergeWord, date: mergeWord, time: mergeWord, day: mergeWord, clinic: mergeWord, service: mergeWord, phone: mergeWord })
  .partial()
  .strict();

/** Whole-reply words (opt-out, opt-in): trimmed, no blanks, repeats (ignoring case) dropped. */
function replyWords(min: number, tooFew: string) {
  return z
    .array(wellFormed(z.string().trim().min(1, 'A word cannot be empty.').max(40), 'word'))
    .min(min, tooFew)
    .max(100)
    .transform((words) => words.filter((w, i) => words.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i));
}

export const sendParamsSchema = z.object({
  to: z.array(recipientInputSchema).min(1).max(10_000),
  /** The message's text; or `template` instead (exactly one of the two). */
  text: wellFormed(z.string().max(100_000), 'message text').optional(),
  /**
   * A template id (templates.list): each recipient gets its variant for their language, discreet
   * when they asked, filled from their contact and `variables` (electron/backend/templated-send.ts).
   */
  template: z.string().min(1).max(64).optional(),
  /** Words for the template's fields; each wins over the contact's and the clinic's. */
  variables: templateVariablesSchema.optional(),
  /** An instant: {date}, {time} and {day} worded from it in each recipient's language and the clinic's zone. */
  appointmentStart: isoInstant.optional(),
  subject: wellFormed(shortText(998), 'subject').optional(),
  statusReport: z.boolean().optional(),
  flash: z.boolean().optional(),
  inReplyTo: id.optional(),
  /** ISO 8601 with an offset or Z: send then, not now (the recipients wait as `scheduled`). */
  sendAt: isoInstant.optional(),
  /** ISO 8601: not sent after this (a reminder's appointment start). */
  expiresAt: isoInstant.optional(),
  /** Sent for another system, not by a nurse: the clinic's send window holds it (the HTTP API sets it). */
  automated: z.boolean().optional(),
  /** The nurse confirmed a personal message to the one recipient, who opted out (else refused: recipient.opted-out). */
  sendToOptedOut: z.boolean().optional(),
});

/** messages.send carries exactly one content: its own `text` or a `template` (with its fields only then). */
function oneContent(params: z.output<typeof sendParamsSchema>, ctx: z.RefinementCtx): void {
  if (params.text === undefined && params.template === undefined) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'Write the message, or choose a template ("template").' });
  }
  if (params.text !== undefined && params.template !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['template'], message: 'Send either "text" or "template", not both.' });
  }
  if (params.template === undefined) {
    for (const field of ['variables', 'appointmentStart'] as const) {
      if (params[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `"${field}" fills a template: it needs "template".` });
    }
  }
}

/**
 * email.updateSettings. `password`: left out keeps the saved one, '' removes it. The From
 * address is checked by the e-mail protocol's rules in the handler.
 */
export const emailSettingsSchema = z.object({
  host: z.string().trim().min(1, 'The mail server is needed.').max(253).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'A mail server is a name like mail.example.org or an IP address.'),
  port: z.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(320).default(''),
  password: z.string().max(1_000).optional(),
  from: z.string().trim().min(1, 'The From address is needed.').max(320),
  trustSelfSigned: z.boolean().default(false),
}).strict();

export const addressInputSchema = z.object({
  address: shortText(320),
  protocol: protocolSchema,
  preferred: z.boolean().default(false),
});

export const contactInputSchema = z.object({
  name: wellFormed(z.string().trim().min(1, 'A contact needs a name.').max(200), 'name'),
  notes: wellFormed(shortText(2_000), 'notes').default(''),
  addresses: z.array(addressInputSchema).max(20).default([]),
  groupIds: z.array(id).max(100).default([]),
  /** The language this contact's messages are written in (templates, reminders); null: the clinic's. Left out: unchanged. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language is a code such as en, sw or fr.').nullable().optional(),
  /** "Discreet messages": reminders use the template's discreet text (no service, place or result). Left out: unchanged. */
  discreet: z.boolean().optional(),
});

const groupName = wellFormed(z.string().trim().min(1).max(200), 'group name');

export const importRowSchema = z.object({
  name: wellFormed(shortText(500), 'name').optional(),
  phone: shortText(500).optional(),
  email: shortText(500).optional(),
  notes: wellFormed(shortText(2_000), 'notes').optional(),
  group: wellFormed(shortText(200), 'group name').optional(),
});

export const settingsPatchSchema = z
  .object({
    defaultCountry: z.string().regex(/^[A-Za-z]{2}$/, 'A country is two letters, e.g. KE.').transform((c) => c.toUpperCase()),
    maxSmsParts: z.number().int().min(1).max(255),
    statusReports: z.boolean(),
    crashRecovery: z.enum(CRASH_RECOVERY_POLICIES),
    /** null clears the stored PIN. */
    modemPin: z.string().regex(/^\d{4,8}$/, 'A SIM PIN is 4 to 8 digits.').nullable(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
    /** Patients' messages for a contact with no language of their own; null: the interface language. */
    messageLanguage: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'A language is a code such as en, sw or fr.').nullable(),
    /** Modems hang up incoming calls (logged as missed calls either way). */
    rejectCalls: z.boolean(),
    /** The balance check's USSD code. */
    ussdBalanceCode: z.string().trim().regex(/^[0-9*#+]{1,40}$/, 'A USSD code is made of digits, * and #, e.g. *100#.'),
    /** Minutes the parts of a long incoming SMS wait for the missing ones (then: shown, flagged incomplete). */
    multipartTimeoutMinutes: z.number().int().min(1).max(1_440),
    /** Several modems: which idle modem takes the next message. */
    routing: z.enum(ROUTING_POLICIES),
    /** Ordered, first match wins; a prefix matches the start of the E.164 number. */
    prefixRules: z
      .array(
        z.object({
          prefix: z.string().trim().regex(/^\+?\d{1,15}$/, 'A prefix is the start of a number in digits, e.g. +25471.'),
          gatewayId: z.string().min(1).max(500),
        }).strict(),
      )
      .max(200),
    /** "Use new modems automatically". */
    autoAdoptModems: z.boolean(),
    /** Detection's search patterns; null = this computer's default. */
    modemSearch: z.array(portGlobSchema).max(50).nullable(),
    /** Warn when the data folder's disk has less than this free, in MiB. */
    lowSpaceMb: z.number().int().min(LOW_SPACE_MB.min).max(LOW_SPACE_MB.max),
    /** Minutes a sent SMS waits for its delivery report before it reads "no delivery report yet". */
    deliveryReportWaitMinutes: z.number().int().min(DELIVERY_REPORT_WAIT_MINUTES.min).max(DELIVERY_REPORT_WAIT_MINUTES.max),
    /** Pause (true) or resume (false) reminders and other automated sends. */
    automatedPaused: z.boolean(),
    /** The clinic's name for the {clinic} merge field. */
    clinicName: wellFormed(z.string().trim().max(100), 'clinic name'),
    /** Opt-out and opt-in words (whole replies); at least one opt-out word, so STOP always means something. */
    optOutWords: replyWords(1, 'Keep at least one opt-out word, such as STOP.'),
    optInWords: replyWords(0, ''),
    /** Per language (en, sw, fr …): whole replies that confirm the next appointment or ask for another time. */
    replyWords: z
      .object({
        confirm: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code, e.g. sw.'), replyWords(0, '')),
        reschedule: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code, e.g. sw.'), replyWords(0, '')),
      })
      .strict(),
    /** The most automatic answers one number gets in a clinic day (0: none). */
    autoRepliesPerDay: z.number().int().min(0).max(50),
    /** Words the template editor warns about; duplicates (ignoring case) and blanks dropped. */
    sensitiveWords: z
      .array(wellFormed(z.string().trim().min(1, 'A word cannot be empty.').max(60), 'word'))
      .max(200)
      .transform((words) => words.filter((w, i) => words.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i)),
    /** An IANA zone ("Africa/Nairobi"), or null: the computer's. */
    timeZone: z.string().max(64).refine(isTimeZone, 'Ujumbe does not know this time zone; choose one from the list, e.g. Africa/Nairobi.').nullable(),
    /** When automated messages may go: HH:MM to HH:MM clinic time, on these days (0 Sunday .. 6 Saturday). */
    sendWindow: z
      .object({
        start: z.string().regex(HH_MM, 'A time of day is HH:MM, e.g. 08:00.'),
        end: z.string().regex(HH_MM, 'A time of day is HH:MM, e.g. 19:00.'),
        days: z.array(z.number().int().min(0).max(6)).min(1, 'Choose at least one day.').max(7),
      })
      .strict()
      .refine((w) => w.start < w.end, { message: 'The window must end after it starts (it cannot cross midnight).', path: ['end'] })
      .transform((w) => ({ ...w, days: [...new Set(w.days)].sort() })),
    /** The desktop app starts, in the tray, when the user logs in (saved but without effect in the headless host). */
    startAtLogin: z.boolean(),
    /** Delete messages older than this many months (retention/retention-service.ts); null: keep everything. */
    retentionMonths: retentionMonthsSchema.nullable(),
  })
  .partial()
  .strict();

const APPOINTMENT_STATUS = z.enum(['booked', 'confirmed', 'reschedule-requested', 'cancelled', 'attended', 'missed']);
const clinicDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD (clinic time).');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'An id is lower-case letters, digits and dashes, e.g. reminder-day-before.');
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language is a code such as en, sw or fr.');
const variantsSchema = z.record(languageCode, wellFormed(z.string().min(1).max(1_600), 'template text')).refine((v) => Object.keys(v).length <= 20, 'At most 20 languages.');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'A time of day is HH:MM, e.g. 09:00.');
const planStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days-before'), days: z.number().int().min(0).max(60), at: hhmm, template: slug }).strict(),
  z.object({ kind: z.literal('hours-before'), hours: z.number().int().min(1).max(24 * 60), template: slug }).strict(),
  z.object({ kind: z.literal('days-after-if-missed'), days: z.number().int().min(1).max(60), at: hhmm, template: slug }).strict(),
]);

export const appointmentBookSchema = z
  .object({
    patient: z.object({ name: wellFormed(z.string().min(1).max(500), 'name'), phone: shortText(100), language: languageCode.nullable().optional() }).strict(),
    start: isoInstant,
    service: wellFormed(shortText(200), 'service').nullable().optional(),
    location: wellFormed(shortText(200), 'location').nullable().optional(),
    notes: wellFormed(shortText(2_000), 'notes').optional(),
    externalId: shortText(200).nullable().optional(),
  })
  .strict();

export const schemas = {
  'app.info': z.object({}).strict(),
  'app.dismissDatabaseNotice': z.object({}).strict(),
  ...accessSchemas,
  ...backupSchemas,
  ...deletionSchemas,

  'messages.send': sendParamsSchema.strict().superRefine(oneContent),
  'messages.list': z.object({ limit: limit(500, 50), before: id.optional(), status: statusSchema.optional(), search: shortText(200).optional(), direction: z.enum(['in', 'out']).optional() }).strict(),
  'messages.search': z.object({ q: shortText(200), limit: limit(200, 50), before: id.optional() }).strict(),
  'messages.get': z.object({ id }).strict(),
  'messages.retryFailed': z.object({ messageId: id }).strict(),
  'messages.cancelWaiting': z.object({ messageId: id }).strict(),
  'messages.retry': z.object({ recipientId: id }).strict(),
  'messages.cancel': z.object({ recipientId: id }).strict(),
  /** A scheduled send's new time (a time already past sends it now). */
  'messages.reschedule': z.object({ ...scheduledTarget, sendAt: isoInstant }).strict(),
  /** scheduled -> outbox at once, outside the send window too (a person asked). */
  'messages.sendNow': z.object(scheduledTarget).strict(),
  /** scheduled -> cancelled, every waiting recipient in one transaction. */
  'messages.cancelScheduled': z.object(scheduledTarget).strict(),
  /** New text for a message none of which has gone yet. */
  'messages.editScheduled': z.object({ messageId: id, text: wellFormed(z.string().min(1).max(100_000), 'message text') }).strict(),

  /** Books an appointment and schedules its plan's reminders; the same external id (or patient and start) again changes nothing. */
  'appointments.book': appointmentBookSchema,
  /** Tomorrow's list (parsed from its CSV by the UI): every row checked first, then booked; the same list again changes nothing. */
  'appointments.import': z
    .object({
      rows: z
        .array(
          z
            .object({
              name: wellFormed(shortText(500), 'name').optional(),
              phone: shortText(100).optional(),
              date: shortText(40).optional(),
              time: shortText(40).optional(),
              service: wellFormed(shortText(200), 'service').optional(),
              externalId: shortText(200).optional(),
              language: shortText(20).optional(),
              line: z.number().int().min(1).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(20_000),
    })
    .strict(),
  'appointments.get': z.object({ id }).strict(),
  /** A new start (reminders planned again) and/or a status (cancelled, attended, missed: waiting reminders cancelled). */
  'appointments.update': z.object({ id, start: isoInstant.optional(), status: APPOINTMENT_STATUS.optional() }).strict(),
  /** Appointments on these clinic dates, both included. */
  /** One contact's appointments, latest first (the contact's page). */
  'appointments.forContact': z.object({ contactId: id }).strict(),
  'appointments.list': z.object({ from: clinicDate, to: clinicDate, status: APPOINTMENT_STATUS.optional() }).strict(),
  'stats.daily': z.object({ from: clinicDate, to: clinicDate }).strict(),
  'stats.summary': z.object({ from: clinicDate, to: clinicDate }).strict(),
  'keywords.list': z.object({}).strict(),
  'keywords.put': z
    .object({
      id: id.optional(),
      keyword: wellFormed(z.string().trim().min(1, 'Write the keyword, such as HOURS.').max(40), 'keyword'),
      templateId: z.string().min(1).max(64).nullable(),
      groupId: id.nullable().optional(),
      enabled: z.boolean().optional(),
    })
    .strict(),
  'keywords.delete': z.object({ id }).strict(),
  'attention.list': z.object({}).strict(),
  'attention.done': z.object({ messageId: id }).strict(),
  'security.status': z.object({}).strict(),
  'security.recoveryCode': z.object({}).strict(),
  'security.recoveryCodeSaved': z.object({}).strict(),
  'consent.list': z.object({}).strict(),
  'consent.check': z.object({ phones: z.array(shortText(100)).max(10_000) }).strict(),
  'consent.history': z.object({ phone: shortText(100) }).strict(),
  'consent.set': z
    .object({
      phone: shortText(100),
      optedOut: z.boolean(),
      reason: wellFormed(z.string().trim().min(1, 'Say why (for example: "asked at the desk").').max(500), 'reason'),
      /** 'api' when another system records consent it holds (the HTTP API sets it). */
      source: z.enum(['staff', 'api']).optional(),
    })
    .strict(),
  'templates.list': z.object({}).strict(),
  'templates.get': z.object({ id: slug }).strict(),
  'templates.put': z
    .object({ id: slug, name: wellFormed(z.string().min(1).max(200), 'name'), variants: variantsSchema, discreetVariants: variantsSchema.optional(), fallbackLanguage: languageCode.optional() })
    .strict(),
  'templates.delete': z.object({ id: slug }).strict(),
  'reminderPlans.list': z.object({}).strict(),
  'reminderPlans.get': z.object({ id: slug }).strict(),
  'reminderPlans.delete': z.object({ id: slug }).strict(),
  'reminderPlans.put': z.object({ id: slug, name: wellFormed(z.string().min(1).max(200), 'name'), services: z.array(wellFormed(shortText(200), 'service')).max(50), steps: z.array(planStepSchema).max(10) }).strict(),

  /** `replies`: only threads with unread messages or whose newest message came in. */
  'conversations.list': z.object({ limit: limit(500, 50), before: id.optional(), search: shortText(200).optional(), replies: z.boolean().optional() }).strict(),
  'conversations.thread': z.object({ id, limit: limit(500, 100), before: id.optional() }).strict(),
  'conversations.markRead': z.object({ id }).strict(),

  'contacts.list': z.object({ search: shortText(200).optional(), limit: limit(1_000, 100), offset: z.number().int().min(0).default(0), groupId: id.optional(), optedOut: z.boolean().optional() }).strict(),
  'contacts.get': z.object({ id }).strict(),
  'contacts.create': contactInputSchema.strict(),
  'contacts.update': z.object({ id, contact: contactInputSchema.strict() }).strict(),
  'contacts.delete': z.object({ id }).strict(),
  'contacts.restore': z.object({ contact: contactInputSchema.extend({ id }).strict() }).strict(),
  'contacts.import': z.object({ rows: z.array(importRowSchema.strict()).min(1).max(50_000), defaultGroup: wellFormed(shortText(200), 'group name').optional() }).strict(),
  'contacts.export': z.object({}).strict(),

  'groups.list': z.object({}).strict(),
  'groups.create': z.object({ name: groupName }).strict(),
  'groups.rename': z.object({ id, name: groupName }).strict(),
  'groups.delete': z.object({ id }).strict(),

  'gateways.list': z.object({}).strict(),
  'gateways.start': z.object({ id: shortText(500) }).strict(),
  'gateways.stop': z.object({ id: shortText(500) }).strict(),
  'gateways.enterPin': z.object({ id: shortText(500), pin: z.string().regex(/^\d{4,8}$/, 'A SIM PIN is 4 to 8 digits.') }).strict(),
  'gateways.testSms': z.object({ id: shortText(500), to: shortText(64) }).strict(),
  'gateways.startDemo': z.object({}).strict(),
  'gateways.rename': z.object({ id: shortText(500), label: z.string().trim().min(1, 'A name is needed.').max(100) }).strict(),
  'gateways.setEnabled': z.object({ id: shortText(500), enabled: z.boolean() }).strict(),
  'gateways.forget': z.object({ id: shortText(500) }).strict(),
  'gateways.remove': z.object({ id: shortText(500) }).strict(),
  'gateways.adopt': z.object({ path: portPathSchema }).strict(),
  'gateways.ignore': z.object({ path: portPathSchema }).strict(),
  'gateways.rescan': z.object({}).strict(),
  'gateways.discovery': z.object({}).strict(),
  'gateways.addPort': z.object({ path: portPathSchema }).strict(),
  'gateways.doctor': z.object({}).strict(),
  /** USSD balance check on a modem; code defaults to settings.ussdBalanceCode. */
  'gateways.checkBalance': z.object({ id: shortText(500), code: z.string().trim().regex(/^[0-9*#+]{1,40}$/, 'A USSD code is made of digits, * and #, e.g. *100#.').optional() }).strict(),
  /** The modem's AT traffic log; numbers and texts masked unless reveal (the PIN always). */
  'gateways.traffic': z.object({ id: shortText(500), reveal: z.boolean().optional() }).strict(),
  /**
   * Received PDUs the codec could not read, kept instead of on the SIM: newest first, paged by id
   * (`before` = the previous page's nextBefore). The hex is left out unless reveal: it holds the
   * sender's number and the text.
   */
  'gateways.unreadable': z
    .object({
      gatewayId: shortText(500).optional(),
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).optional(),
      reveal: z.boolean().optional(),
    })
    .strict(),
  /** null removes the cap. */
  'gateways.setDailyCap': z.object({ id: shortText(500), cap: z.number().int().min(0).max(1_000_000).nullable() }).strict(),

  'settings.get': z.object({}).strict(),
  'settings.update': settingsPatchSchema,

  'email.getSettings': z.object({}).strict(),
  'email.updateSettings': emailSettingsSchema,
  'email.test': z.object({}).strict(),
} as const satisfies Record<string, z.ZodType>;
