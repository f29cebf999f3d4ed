/**
 * Runtime schemas of every command's parameters: the backend never trusts its caller (DESIGN.md
 * invariants), so each call is parsed here before a handler sees it. Limits are generous for real
 * use and small enough that a hostile call cannot make the backend do unbounded work.
 */
import { z } from 'zod';
import { CRASH_RECOVERY_POLICIES, PROTOCOLS, RECIPIENT_STATUSES } from '../model.ts';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const shortText = (max: number) => z.string().max(max);

export const protocolSchema = z.enum(PROTOCOLS);
export const statusSchema = z.enum(RECIPIENT_STATUSES);

/** A "To" entry: a raw address, a contact (its preferred address per protocol) or a group. */
export const recipientInputSchema = z.union([
  z.object({ kind: z.literal('address'), address: shortText(320), protocol: protocolSchema }),
  z.object({ kind: z.literal('contact'), contactId: id, protocol: protocolSchema.optional() }),
  z.object({ kind: z.literal('group'), groupId: id, protocol: protocolSchema.optional() }),
]);

export const sendParamsSchema = z.object({
  to: z.array(recipientInputSchema).min(1).max(10_000),
  text: z.string().max(100_000),
  subject: shortText(998).optional(),
  statusReport: z.boolean().optional(),
  flash: z.boolean().optional(),
  inReplyTo: id.optional(),
});

export const addressInputSchema = z.object({
  address: shortText(320),
  protocol: protocolSchema,
  preferred: z.boolean().default(false),
});

export const contactInputSchema = z.object({
  name: z.string().trim().min(1, 'A contact needs a name.').max(200),
  notes: shortText(2_000).default(''),
  addresses: z.array(addressInputSchema).max(20).default([]),
  groupIds: z.array(id).max(100).default([]),
});

export const importRowSchema = z.object({
  name: shortText(500).optional(),
  phone: shortText(500).optional(),
  email: shortText(500).optional(),
  notes: shortText(2_000).optional(),
  group: shortText(200).optional(),
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
  })
  .partial()
  .strict();

export const schemas = {
  'app.info': z.object({}).strict(),

  'messages.send': sendParamsSchema.strict(),
  'messages.list': z.object({ limit: limit(500, 50), before: id.optional(), status: statusSchema.optional(), search: shortText(200).optional() }).strict(),
  'messages.get': z.object({ id }).strict(),
  'messages.retry': z.object({ recipientId: id }).strict(),
  'messages.cancel': z.object({ recipientId: id }).strict(),

  'conversations.list': z.object({ limit: limit(500, 50), before: id.optional(), search: shortText(200).optional() }).strict(),
  'conversations.thread': z.object({ id, limit: limit(500, 100), before: id.optional() }).strict(),
  'conversations.markRead': z.object({ id }).strict(),

  'contacts.list': z.object({ search: shortText(200).optional(), limit: limit(1_000, 100), offset: z.number().int().min(0).default(0), groupId: id.optional() }).strict(),
  'contacts.get': z.object({ id }).strict(),
  'contacts.create': contactInputSchema.strict(),
  'contacts.update': z.object({ id, contact: contactInputSchema.strict() }).strict(),
  'contacts.delete': z.object({ id }).strict(),
  'contacts.restore': z.object({ contact: contactInputSchema.extend({ id }).strict() }).strict(),
  'contacts.import': z.object({ rows: z.array(importRowSchema.strict()).min(1).max(50_000), defaultGroup: shortText(200).optional() }).strict(),
  'contacts.export': z.object({}).strict(),

  'groups.list': z.object({}).strict(),
  'groups.create': z.object({ name: z.string().trim().min(1).max(200) }).strict(),
  'groups.rename': z.object({ id, name: z.string().trim().min(1).max(200) }).strict(),
  'groups.delete': z.object({ id }).strict(),

  'gateways.list': z.object({}).strict(),
  'gateways.start': z.object({ id: shortText(500) }).strict(),
  'gateways.stop': z.object({ id: shortText(500) }).strict(),
  'gateways.enterPin': z.object({ id: shortText(500), pin: z.string().regex(/^\d{4,8}$/, 'A SIM PIN is 4 to 8 digits.') }).strict(),
  'gateways.testSms': z.object({ id: shortText(500), to: shortText(64) }).strict(),
  'gateways.startDemo': z.object({}).strict(),

  'settings.get': z.object({}).strict(),
  'settings.update': settingsPatchSchema,
} as const satisfies Record<string, z.ZodType>;
