/**
 * Deleting history (issue 13 "Retention"; docs/ARCHITECTURE.md "Retention and deletion"): whole
 * messages, the recipient rows of some conversations, a contact. The caller runs each call inside
 * one store transaction, so nothing is deleted half-way.
 *
 * What goes with a message follows the schema's foreign keys (foreign_keys is ON,
 * open-database.ts): message_recipients cascade from messages (001), status_log and
 * delivery_parts from recipients (001, 003), attention from messages (009); the search index's
 * entry goes by the delete trigger of migration 010, kept by 012. appointment_reminders, consent
 * and consent_log keep their row with message_id set NULL (008, 009): an appointment stays
 * whole, and a patient's opt-out outlives the message that carried it. The conversations a
 * message was in get their last-message time and unread count again, and go when left empty.
 *
 * Not touched: sms_parts (waiting parts of messages not yet whole, purged by their timeout),
 * received_pdus (a sender and a hash, no text, purged after 90 days: migration 006) and the
 * consent tables (an opt-out must outlive the history, or the next reminder would reach a
 * patient who said STOP).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/** A recipient in one of these has not been sent yet, or is being sent now: never deleted. */
const WAITING = "('outbox', 'scheduled', 'sending')";

export interface WaitingCount {
  /** Recipients still to go or being sent. */
  waiting: number;
  /** Of them, being sent right now. */
  sending: number;
}

/**
 * A thread or a contact's whole history: the recipient rows in these conversations. Every row
 * addressed to a contact is in one of its conversations (messaging.ts touches the address's
 * conversation for each recipient), and the conversation index (001) finds them; a row kept from
 * a number the contact no longer has belongs to that number's thread, not to the contact.
 */
export interface RowScope {
  conversationIds: readonly number[];
}

export interface DeletedRows {
  /** Messages deleted whole. */
  messageIds: number[];
  /** Recipient rows deleted, with those of whole messages. */
  recipients: number;
  /** Conversations that lost messages (deleted, or changed). */
  conversationIds: number[];
}

/** The rows of a scope: conversation_id in @convs (a JSON array), through message_recipients_conversation. */
const IN_SCOPE = 'r.conversation_id IN (SELECT value FROM json_each(@convs))';

export class DeletionRepository {
  private readonly waitingInMessagesStmt;
  private readonly waitingInScopeStmt;
  private readonly conversationsOfMessagesStmt;
  private readonly recipientCountStmt;
  private readonly deleteMessagesStmt;
  private readonly wholeInScopeStmt;
  private readonly conversationsInScopeStmt;
  private readonly deleteRowsInScopeStmt;
  private readonly unreadStmt;
  private readonly unreadRowsStmt;
  private readonly setUnreadStmt;
  private readonly refreshConversationsStmt;
  private readonly deleteEmptyConversationsStmt;
  private readonly contactConversationsStmt;
  private readonly deleteAddressesStmt;
  private readonly deleteContactStmt;
  private readonly expiredInRangeStmt;
  private readonly maxMessageIdStmt;
  private readonly deleteUnreadablePdusStmt;
  private readonly ftsSecureDeleteStmt;
  private ftsSecureDeleteSet = false;

  constructor(private readonly db: Database.Database) {
    this.waitingInMessagesStmt = db.prepare<[string], { waiting: number; sending: number | null }>(
      `SELECT COUNT(*) AS waiting, SUM(status = 'sending') AS sending FROM message_recipients
        WHERE message_id IN (SELECT value FROM json_each(?)) AND status IN ${WAITING}`,
    );
    this.waitingInScopeStmt = db.prepare<[{ convs: string }], { waiting: number; sending: number | null }>(
      `SELECT COUNT(*) AS waiting, SUM(r.status = 'sending') AS sending FROM message_recipients r
        WHERE ${IN_SCOPE} AND r.status IN ${WAITING}`,
    );
    this.conversationsOfMessagesStmt = db.prepare<[string], { id: number }>(
      `SELECT DISTINCT conversation_id AS id FROM message_recipients
        WHERE message_id IN (SELECT value FROM json_each(?)) AND conversation_id IS NOT NULL`,
    );
    this.recipientCountStmt = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM message_recipients WHERE message_id IN (SELECT value FROM json_each(?))');
    this.deleteMessagesStmt = db.prepare<[string]>('DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))');
    // A message is the scope's whole when none of its recipients is outside it (a broadcast
    // keeps its text for the others).
    this.wholeInScopeStmt = db.prepare<[{ convs: string }], { id: number }>(
      `SELECT DISTINCT r.message_id AS id FROM message_recipients r
        WHERE ${IN_SCOPE}
          AND NOT EXISTS (SELECT 1 FROM message_recipients o WHERE o.message_id = r.message_id
                           AND (o.conversation_id IS NULL OR o.conversation_id NOT IN (SELECT value FROM json_each(@convs))))`,
    );
    this.conversationsInScopeStmt = db.prepare<[{ convs: string }], { id: number }>(
      `SELECT DISTINCT r.conversation_id AS id FROM message_recipients r WHERE ${IN_SCOPE} AND r.conversation_id IS NOT NULL`,
    );
    this.deleteRowsInScopeStmt = db.prepare<[{ convs: string }]>(
      `DELETE FROM message_recipients WHERE id IN (SELECT r.id FROM message_recipients r WHERE ${IN_SCOPE})`,
    );
    this.unreadStmt = db.prepare<[string], { id: number; unread_count: number }>(
      'SELECT id, unread_count FROM conversations WHERE id IN (SELECT value FROM json_each(?)) AND unread_count > 0',
    );
    // A conversation's unread messages are its newest received ones (markRead clears them all at
    // once, conversation-repository.ts), so the unread among those deleted are found there.
    this.unreadRowsStmt = db.prepare<[number, number], { message_id: number }>(
      `SELECT r.message_id FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.conversation_id = ? AND m.direction = 'in'
        ORDER BY m.created DESC, m.id DESC LIMIT ?`,
    );
    this.setUnreadStmt = db.prepare<[number, number]>('UPDATE conversations SET unread_count = ? WHERE id = ?');
    this.refreshConversationsStmt = db.prepare<[string]>(
      `UPDATE conversations SET last_message_at = (
         SELECT MAX(m.created) FROM message_recipients r JOIN messages m ON m.id = r.message_id WHERE r.conversation_id = conversations.id)
        WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.deleteEmptyConversationsStmt = db.prepare<[string]>(
      `DELETE FROM conversations WHERE id IN (SELECT value FROM json_each(?))
          AND NOT EXISTS (SELECT 1 FROM message_recipients r WHERE r.conversation_id = conversations.id)`,
    );
    // A contact's conversations, reached as conversation-repository.ts merges them: through the
    // contact's addresses (addresses_contact) and the conversations' UNIQUE (address, protocol).
    this.contactConversationsStmt = db.prepare<[{ contactId: number }], { id: number }>(
      `SELECT o.id FROM addresses a JOIN conversations o ON o.address = a.address AND o.protocol = a.protocol
        WHERE a.contact_id = @contactId`,
    );
    this.deleteAddressesStmt = db.prepare<[number]>('DELETE FROM addresses WHERE contact_id = ?');
    this.deleteContactStmt = db.prepare<[number]>('DELETE FROM contacts WHERE id = ?');
    // A window of ids, so one slice's scan is bounded whatever the history holds (messages has
    // no index on created: its rowid order is close to it, but imported history may not be).
    this.expiredInRangeStmt = db.prepare<[{ after: number; upTo: number; before: string }], { id: number }>(
      `SELECT m.id FROM messages m
        WHERE m.id > @after AND m.id <= @upTo AND m.created < @before
          AND NOT EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.status IN ${WAITING})
        ORDER BY m.id`,
    );
    this.maxMessageIdStmt = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM messages');
    this.deleteUnreadablePdusStmt = db.prepare<[string]>('DELETE FROM unreadable_pdus WHERE received_at < ?');
    this.ftsSecureDeleteStmt = db.prepare("INSERT INTO message_text (message_text, rank) VALUES ('secure-delete', 1)");
  }

  /**
   * Runs `fn` with SQLite's secure_delete on: the bytes of what it deletes are overwritten with
   * zeros in the pages, not only unlinked (sqlite.org/pragma.html#pragma_secure_delete), and the
   * search index drops a deleted message's words instead of adding a "deleted" marker beside
   * them (FTS5 `secure-delete`, kept in the index's own config once set). Call it outside the
   * transaction. The connection's setting is put back afterwards: every other write (a status
   * change rewrites its row) keeps its usual cost.
   */
  secure<T>(fn: () => T): T {
    const previous = Number(this.db.pragma('secure_delete', { simple: true }));
    this.db.pragma('secure_delete = ON');
    try {
      if (!this.ftsSecureDeleteSet) {
        this.ftsSecureDeleteStmt.run();
        this.ftsSecureDeleteSet = true;
      }
      return fn();
    } finally {
      this.db.pragma(`secure_delete = ${previous === 1 ? 'ON' : 'OFF'}`);
    }
  }

  /** Recipients of these messages still waiting or being sent. */
  waitingInMessages(messageIds: readonly number[]): WaitingCount {
    const row = this.waitingInMessagesStmt.get(JSON.stringify(messageIds));
    return { waiting: row?.waiting ?? 0, sending: row?.sending ?? 0 };
  }

  /** Recipients of a scope still waiting or being sent. */
  waitingInScope(scope: RowScope): WaitingCount {
    const row = this.waitingInScopeStmt.get(this.scopeParams(scope));
    return { waiting: row?.waiting ?? 0, sending: row?.sending ?? 0 };
  }

  /** Every conversation of a contact (its merged thread), for conversations.delete and contacts.erase. */
  conversationsOfContact(contactId: number): number[] {
    return this.contactConversationsStmt.all({ contactId }).map((r) => r.id);
  }

  /** Deletes whole messages, with everything that cascades from them (see the file comment). */
  deleteMessages(messageIds: readonly number[]): DeletedRows {
    if (messageIds.length === 0) return { messageIds: [], recipients: 0, conversationIds: [] };
    const ids = JSON.stringify(messageIds);
    const conversationIds = this.conversationsOfMessagesStmt.all(ids).map((r) => r.id);
    const recipients = this.recipientCountStmt.get(ids)?.n ?? 0;
    this.lowerUnread(conversationIds, new Set(messageIds));
    this.deleteMessagesStmt.run(ids);
    this.tidyConversations(conversationIds);
    return { messageIds: [...messageIds], recipients, conversationIds };
  }

  /**
   * Deletes a scope's recipient rows: messages wholly inside it go whole, a message also sent
   * outside it loses only these rows. Conversations are tidied, those left empty deleted.
   */
  deleteScope(scope: RowScope): DeletedRows {
    const params = this.scopeParams(scope);
    const whole = this.wholeInScopeStmt.all(params).map((r) => r.id);
    const touched = new Set(this.conversationsInScopeStmt.all(params).map((r) => r.id));
    const deleted = this.deleteMessages(whole);
    for (const id of deleted.conversationIds) touched.add(id);
    const partial = this.deleteRowsInScopeStmt.run(params).changes;
    const conversationIds = [...touched];
    this.tidyConversations(conversationIds);
    return { messageIds: deleted.messageIds, recipients: deleted.recipients + partial, conversationIds };
  }

  /** The contact row and its addresses (its groups and appointments cascade, migrations 002 and 008). */
  deleteContact(contactId: number): void {
    this.deleteAddressesStmt.run(contactId);
    this.deleteContactStmt.run(contactId);
  }

  /** The highest message id now (where a retention run's scan ends). */
  maxMessageId(): number {
    return this.maxMessageIdStmt.get()?.id ?? 0;
  }

  /** Messages with ids in (after, upTo], created before `before`, none of whose recipients waits or is being sent. */
  expiredInRange(after: number, upTo: number, before: string): number[] {
    return this.expiredInRangeStmt.all({ after, upTo, before }).map((r) => r.id);
  }

  /** Unreadable PDUs (kept for a technician, migration 006) received before `before`: they hold text too. */
  deleteUnreadablePdusBefore(before: string): number {
    return this.deleteUnreadablePdusStmt.run(before).changes;
  }

  private scopeParams(scope: RowScope): { convs: string } {
    return { convs: JSON.stringify(scope.conversationIds) };
  }

  /** Before the delete: each conversation's unread count less the unread messages about to go. */
  private lowerUnread(conversationIds: readonly number[], deleting: ReadonlySet<number>): void {
    if (conversationIds.length === 0) return;
    for (const { id, unread_count } of this.unreadStmt.all(JSON.stringify(conversationIds))) {
      const gone = this.unreadRowsStmt.all(id, unread_count).filter((r) => deleting.has(r.message_id)).length;
      if (gone > 0) this.setUnreadStmt.run(unread_count - gone, id);
    }
  }

  private tidyConversations(conversationIds: readonly number[]): void {
    if (conversationIds.length === 0) return;
    const ids = JSON.stringify(conversationIds);
    this.refreshConversationsStmt.run(ids);
    this.deleteEmptyConversationsStmt.run(ids);
  }
}
