/** conversations: one thread per remote address and protocol, in both directions. */
import type Database from 'better-sqlite3';
import type { Protocol } from '../../../../src-shared/model.ts';
import type { MessageDirection } from './message-repository.ts';
import { type RecipientRecord, type RecipientRow, toRecipient } from './recipient-repository.ts';
import { containsPattern } from './like-pattern.ts';
import { parseJson } from './json-column.ts';

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

/** A line of the conversation list: the conversation, its contact's name and its last message. */
export interface ConversationListItem extends ConversationRecord {
  contactName: string | null;
  /** The first 100 characters of the newest message (by id), or null. */
  lastMessagePreview: string | null;
  /** Whether the newest message came in (a reply nobody answered yet) or went out. */
  lastDirection: MessageDirection | null;
}

export interface ConversationPageQuery {
  limit: number;
  /** Only conversations after this one in the list (the previous page's last id). */
  before?: number;
  /** Matches the contact's name or the address, anywhere, without regard to ASCII case. */
  text: string | null;
  /** A phone number's digits as stored, or null. */
  digits: string | null;
  /** Only threads with unread messages or whose newest message came in (the "Replies" view). */
  replies?: boolean;
}

/** One message of a thread with this conversation's recipient row. */
export interface ThreadRow {
  messageId: number;
  direction: MessageDirection;
  content: string;
  subject: string | null;
  created: string;
  /** The message asked for a delivery report (its options' `statusReport`). */
  statusReport: boolean;
  recipient: RecipientRecord;
}

interface ListRow extends ConversationRow {
  contact_name: string | null;
  preview: string | null;
  last_direction: MessageDirection | null;
}

interface ThreadSqlRow extends RecipientRow {
  m_direction: MessageDirection;
  m_content: string;
  m_subject: string | null;
  m_created: string;
  m_options: string;
}

export const PREVIEW_CHARACTERS = 100;

const SELECT_LIST_ITEM = `
  SELECT cv.*, ct.name AS contact_name,
         (SELECT substr(m.content, 1, ${PREVIEW_CHARACTERS}) FROM message_recipients r JOIN messages m ON m.id = r.message_id
           WHERE r.conversation_id = cv.id ORDER BY r.message_id DESC LIMIT 1) AS preview,
         (SELECT m.direction FROM message_recipients r JOIN messages m ON m.id = r.message_id
           WHERE r.conversation_id = cv.id ORDER BY r.message_id DESC LIMIT 1) AS last_direction
    FROM conversations cv LEFT JOIN contacts ct ON ct.id = cv.contact_id`;

const toListItem = (row: ListRow): ConversationListItem => ({ ...toConversation(row), contactName: row.contact_name, lastMessagePreview: row.preview, lastDirection: row.last_direction });


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
  private readonly markReadStmt;
  private readonly pageStmt;
  private readonly threadStmt;
  private readonly setContactStmt;
  private readonly listItemStmt;

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
    this.markReadStmt = db.prepare<[number]>('UPDATE conversations SET unread_count = 0 WHERE id = ?');
    // Keyset paging on (last_message_at, id), the list's order; the cursor row is looked up by
    // id at query time. substr counts characters, not bytes.
    this.pageStmt = db.prepare<[{ cursorAt: string | null; cursorId: number; text: string | null; digits: string | null; replies: number; limit: number }], ListRow>(
      `${SELECT_LIST_ITEM}
        WHERE (@cursorAt IS NULL
               OR COALESCE(cv.last_message_at, '') < @cursorAt
               OR (COALESCE(cv.last_message_at, '') = @cursorAt AND cv.id < @cursorId))
          AND (@replies = 0 OR cv.unread_count > 0
               OR (SELECT m.direction FROM message_recipients r JOIN messages m ON m.id = r.message_id
                    WHERE r.conversation_id = cv.id ORDER BY r.message_id DESC LIMIT 1) = 'in')
          AND (@text IS NULL
               OR ct.name LIKE @text ESCAPE '\\'
               OR cv.address LIKE @text ESCAPE '\\'
               OR (@digits IS NOT NULL AND cv.address LIKE @digits ESCAPE '\\'))
        ORDER BY cv.last_message_at DESC, cv.id DESC
        LIMIT @limit`,
    );
    // Served by message_recipients_conversation (conversation_id, message_id).
    this.threadStmt = db.prepare<[number, number, number], ThreadSqlRow>(
      `SELECT r.*, m.direction AS m_direction, m.content AS m_content, m.subject AS m_subject, m.created AS m_created, m.options AS m_options
         FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.conversation_id = ? AND r.message_id < ?
        ORDER BY r.message_id DESC LIMIT ?`,
    );
    this.listItemStmt = db.prepare<[number], ListRow>(`${SELECT_LIST_ITEM} WHERE cv.id = ?`);
    this.setContactStmt = db.prepare<[number | null, string, Protocol]>('UPDATE conversations SET contact_id = ? WHERE address = ? AND protocol = ?');
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

  markRead(id: number): void {
    this.markReadStmt.run(id);
  }

  /**
   * Most recent first. `before` is a conversation id: the page continues after that
   * conversation's place in the list as it is now.
   */
  listPage(query: ConversationPageQuery): { items: ConversationListItem[]; nextBefore: number | null } {
    let cursorAt: string | null = null;
    if (query.before !== undefined) {
      const cursor = this.getStmt.get(query.before);
      if (!cursor) return { items: [], nextBefore: null };
      cursorAt = cursor.last_message_at ?? '';
    }
    const rows = this.pageStmt.all({
      cursorAt,
      cursorId: query.before ?? 0,
      text: containsPattern(query.text),
      digits: containsPattern(query.digits),
      replies: query.replies ? 1 : 0,
      limit: query.limit,
    });
    const items = rows.map(toListItem);
    const last = rows.at(-1);
    return { items, nextBefore: rows.length === query.limit && last ? last.id : null };
  }

  /** One conversation as the list shows it, or undefined. */
  getListItem(id: number): ConversationListItem | undefined {
    const row = this.listItemStmt.get(id);
    return row && toListItem(row);
  }

  /**
   * Newest first: the messages of a conversation with message id below `before`, each with the
   * conversation's recipient row.
   */
  threadPage(conversationId: number, before: number, limit: number): ThreadRow[] {
    return this.threadStmt.all(conversationId, before, limit).map((row) => ({
      messageId: row.message_id,
      direction: row.m_direction,
      content: row.m_content,
      subject: row.m_subject,
      created: row.m_created,
      statusReport: parseJson<{ statusReport?: boolean }>(row.m_options, {}).statusReport === true,
      recipient: toRecipient(row),
    }));
  }

  /** Links (or unlinks, with null) the conversation with an address to a contact. */
  setContactOf(address: string, protocol: Protocol, contactId: number | null): void {
    this.setContactStmt.run(contactId, address, protocol);
  }
}
