/** conversations: one thread per remote address and protocol, in both directions. */
import type Database from 'better-sqlite3';
import type { Protocol } from '../../../../src-shared/model.ts';

export interface ConversationRecord {
  id: number;
  address: string;
  protocol: Protocol;
  contactId: number | null;
  lastMessageAt: string | null;
  unreadCount: number;
}

interface ConversationRow {
  id: number;
  address: string;
  protocol: Protocol;
  contact_id: number | null;
  last_message_at: string | null;
  unread_count: number;
}

const toConversation = (row: ConversationRow): ConversationRecord => ({
  id: row.id,
  address: row.address,
  protocol: row.protocol,
  contactId: row.contact_id,
  lastMessageAt: row.last_message_at,
  unreadCount: row.unread_count,
});

export class ConversationRepository {
  private readonly touchStmt;
  private readonly getStmt;
  private readonly findStmt;
  private readonly listStmt;
  private readonly markReadStmt;

  constructor(db: Database.Database) {
    // One statement finds or creates, so 10,000 recipients cost 10,000 steps, not 20,000.
    this.touchStmt = db.prepare<[string, Protocol, number | null, string, number], { id: number }>(
      `INSERT INTO conversations (address, protocol, contact_id, last_message_at, unread_count)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (address, protocol) DO UPDATE SET
         contact_id = COALESCE(conversations.contact_id, excluded.contact_id),
         last_message_at = MAX(COALESCE(conversations.last_message_at, ''), excluded.last_message_at),
         unread_count = conversations.unread_count + excluded.unread_count
       RETURNING id`,
    );
    this.getStmt = db.prepare<[number], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
    this.findStmt = db.prepare<[string, Protocol], ConversationRow>('SELECT * FROM conversations WHERE address = ? AND protocol = ?');
    this.listStmt = db.prepare<[number], ConversationRow>('SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT ?');
    this.markReadStmt = db.prepare<[number]>('UPDATE conversations SET unread_count = 0 WHERE id = ?');
  }

  /**
   * Finds or creates the conversation with `address`, moves its last-message time to `at` and
   * adds `unread` to its unread count.
   * @returns the conversation id.
   */
  touch(address: string, protocol: Protocol, contactId: number | null, at: string, unread: number): number {
    const row = this.touchStmt.get(address, protocol, contactId, at, unread);
    if (!row) throw new Error('conversation upsert returned no row');
    return row.id;
  }

  get(id: number): ConversationRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toConversation(row);
  }

  find(address: string, protocol: Protocol): ConversationRecord | undefined {
    const row = this.findStmt.get(address, protocol);
    return row && toConversation(row);
  }

  /** Most recent first. */
  list(limit = 100): ConversationRecord[] {
    return this.listStmt.all(limit).map(toConversation);
  }

  markRead(id: number): void {
    this.markReadStmt.run(id);
  }
}
