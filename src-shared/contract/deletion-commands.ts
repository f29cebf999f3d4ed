/**
 * The contract of issue 13's "Retention": deleting a message, a conversation or a contact with
 * all of their history by hand, and the preview of what the retention setting would delete.
 * Parameter schemas (spread into schemas.ts) and result types (CommandResults extends
 * DeletionCommandResults), kept apart so the area reads as one (docs/ARCHITECTURE.md "Retention
 * and deletion").
 *
 * Nothing still waiting to go or being sent (a recipient `outbox`, `scheduled` or `sending`) is
 * ever deleted: the command is refused with `conflict` (details below) and nothing changes. The
 * nurse cancels what waits first (Outbox "Cancel"), so a patient is never sent a message the
 * clinic no longer has a record of.
 */
import { z } from 'zod';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The retention setting `retentionMonths`, in months: the one source of its bounds and its default
 * (settings-repository.ts DEFAULT_SETTINGS, schemas.ts settingsPatchSchema). null, the default,
 * keeps every message for ever: deleting a clinic's history is a choice an administrator makes.
 */
export const RETENTION_MONTHS = { default: null, min: 1, max: 120 } as const;

export const retentionMonthsSchema = z.number().int().min(RETENTION_MONTHS.min).max(RETENTION_MONTHS.max);

/** `details.reason` of the conflict a deletion of something still waiting gets. */
export const DELETION_REFUSALS = ['still-waiting', 'still-sending'] as const;
export type DeletionRefusal = (typeof DELETION_REFUSALS)[number];

/**
 * The `conflict` error's details: `reason` `still-sending` when a recipient is being sent right
 * now (wait a moment), else `still-waiting` (cancel it in the Outbox first); `waiting` counts the
 * recipients that stand in the way.
 */
export interface DeletionConflictDetails {
  reason: DeletionRefusal;
  waiting: number;
}

export const deletionSchemas = {
  /** A whole message: every recipient, its attempt log and delivery reports, its search entry. */
  'messages.delete': z.object({ id }).strict(),
  /**
   * A thread, as the list shows it: any of a contact's conversation ids deletes every
   * conversation of that contact (the nurse sees one thread). A message sent to others too loses
   * only this thread's recipients; the others keep theirs.
   */
  'conversations.delete': z.object({ id }).strict(),
  /** The contact and everything about them: their threads, messages, addresses, appointments and group places. */
  'contacts.erase': z.object({ id }).strict(),
  /** How many messages `retentionMonths = months` would delete now, before it is saved. */
  'retention.preview': z.object({ months: retentionMonthsSchema }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** What a deletion took away: ids only (the audit trail names them), counts for the words. */
export interface DeletionResultDto {
  /** Messages deleted whole. */
  messages: number;
  /** Recipient rows deleted (a message sent to several people has one each). */
  recipients: number;
  /** Conversations deleted, and those that only lost messages. */
  conversationIds: number[];
}

export interface RetentionPreviewDto {
  /** Messages written or received before this instant (the start of that clinic day) would go. */
  before: string;
  /** How many; what still waits to go is never counted. */
  count: number;
}

export interface DeletionCommandResults {
  /** @throws not-found, conflict (details DeletionConflictDetails) */
  'messages.delete': DeletionResultDto & { id: number };
  /** @throws not-found, conflict (details DeletionConflictDetails) */
  'conversations.delete': DeletionResultDto & { id: number };
  /** Cannot be undone (contacts.delete keeps the history and offers Undo). @throws not-found, conflict (details DeletionConflictDetails) */
  'contacts.erase': DeletionResultDto & { id: number };
  'retention.preview': RetentionPreviewDto;
}
