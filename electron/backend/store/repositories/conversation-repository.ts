/**
 * conversations: one row per remote address and protocol, in both directions. The list and the
 * thread show one entry per contact (issue 12 "One thread per contact, across all of their
 * numbers"): a contact's conversations are merged when they are read, never in the table, so a
 * contact gaining or losing a number (api/contact-save.ts relinks `contact_id`) shows at the
 * next read with nothing to rewrite. An entry is named by its head: the contact's conversation
 * that comes first in the list's order (last_message_at, id), so entry ids stay conversation ids.
 *
 * A contact's conversations are reached through `addresses_contact` (001) and the conversations'
 * UNIQUE (address, protocol): every conversation linked to a contact has that contact's address
 * row (messaging.ts ensures the address before it touches the conversation; contact-save.ts and
 * contacts-csv.ts set both in one transaction), so no index on conversations.contact_id is needed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
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
  /** Every conversation this entry merges, the head (this id) first; [id] for an unknown address. */
  conversationIds: number[];
  /** The contact's addresses, preferred first per protocol; [] for an unknown address. */
  contactAddresses: Array<{ address: string; protocol: Protocol; preferred: boolean }>;
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
  /** JSON array of the merged conversations' ids, head first. */
  member_ids: string;
  /** JSON array of [address, protocol, preferred] of the contact's addresses. */
  contact_addresses: string;
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

/**
 * FROM and WHERE of the conversations merged with `cv` (alias `o`): those of its contact, found
 * through the contact's address rows. Only for a `cv` with a contact; append `AND ...` to it.
 */
const MEMBERS_OF_CV = `FROM addresses a JOIN conversations o ON o.address = a.address AND o.protocol = a.protocol
                        WHERE a.contact_id = cv.contact_id AND o.contact_id = cv.contact_id`;

/**
 * `cv` comes first of its merged conversations in the list's order (last_message_at DESC, id
 * DESC; COALESCE puts a conversation with no message last, as ORDER BY ... DESC does).
 */
const IS_HEAD = `(cv.contact_id IS NULL OR NOT EXISTS (
    SELECT 1 ${MEMBERS_OF_CV}
       AND (COALESCE(o.last_message_at, '') > COALESCE(cv.last_message_at, '')
            OR (COALESCE(o.last_message_at, '') = COALESCE(cv.last_message_at, '') AND o.id > cv.id))))`;

const NEWEST_DIRECTION = `(SELECT m.direction FROM message_recipients r JOIN messages m ON m.id = r.message_id
           WHERE r.conversation_id = cv.id ORDER BY r.message_id DESC LIMIT 1)`;

/** The merged entry's unread count: the sum over its conversations. */
const UNREAD = `(CASE WHEN cv.contact_id IS NULL THEN cv.unread_count
                     ELSE (SELECT COALESCE(SUM(o.unread_count), 0) ${MEMBERS_OF_CV}) END)`;

/**
 * An entry from its head `cv`: the head's newest message is the newest of the merged ones (the
 * head has the latest last_message_at), unread is the sum over them.
 */
const SELECT_LIST_ITEM = `
  SELECT cv.id, cv.address, cv.protocol, cv.contact_id, cv.last_message_at,
         ${UNREAD} AS unread_count,
         CASE WHEN cv.contact_id IS NULL THEN json_array(cv.id)
              ELSE (SELECT json_group_array(o.id ORDER BY o.last_message_at DESC, o.id DESC) ${MEMBERS_OF_CV}) END AS member_ids,
         (SELECT json_group_array(json_array(a.address, a.protocol, a.preferred) ORDER BY a.protocol DESC, a.preferred DESC, a.id)
            FROM addresses a WHERE a.contact_id = cv.contact_id) AS contact_addresses,
         ct.name AS contact_name,
         (SELECT substr(m.content, 1, ${PREVIEW_CHARACTERS}) FROM message_recipients r JOIN messages m ON m.id = r.message_id
           WHERE r.conversation_id = cv.id ORDER BY r.message_id DESC LIMIT 1) AS preview,
         ${NEWEST_DIRECTION} AS last_direction
    FROM conversations cv LEFT JOIN contacts ct ON ct.id = cv.contact_id`;

const toListItem = (row: ListRow): ConversationListItem => ({
  ...toConversation(row),
  conversationIds: parseJson<number[]>(row.member_ids, [row.id]),
  contactAddresses: parseJson<Array<[string, Protocol, number]>>(row.contact_addresses, []).map(([address, protocol, preferred]) => ({ address, protocol, preferred: preferred === 1 })),
  contactName: row.contact_name,
  lastMessagePreview: row.preview,
  lastDirection: row.last_direction,
});


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
  private readonly headStmt;
  private readonly siblingsStmt;
  private readonly messageCreatedStmt;

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
    // One entry reads as one thread: reading it reads every conversation it merges.
    this.markReadStmt = db.prepare<[string]>('UPDATE conversations SET unread_count = 0 WHERE id IN (SELECT value FROM json_each(?)) AND unread_count > 0');
    // Keyset paging on (last_message_at, id), the list's order; the cursor row is looked up by
    // id at query time. conversations_recent (001) gives that order, so a page reads its LIMIT
    // entries plus the non-head rows it skips, each skip one probe of the contact's addresses.
    // The filters apply to the whole entry: its unread sum, its head's newest message (the
    // entry's newest), the contact's name or any of the contact's addresses. The search's
    // contacts are one uncorrelated subquery (SQLite builds it once, then a lookup per row), so a
    // search costs one LIKE scan of contacts and addresses, not a probe of every contact's
    // conversations. substr counts characters, not bytes.
    this.pageStmt = db.prepare<[{ cursorAt: string | null; cursorId: number; text: string | null; digits: string | null; replies: number; limit: number }], ListRow>(
      `${SELECT_LIST_ITEM}
        WHERE (@cursorAt IS NULL
               OR COALESCE(cv.last_message_at, '') < @cursorAt
               OR (COALESCE(cv.last_message_at, '') = @cursorAt AND cv.id < @cursorId))
          AND (@text IS NULL
               OR (cv.contact_id IS NULL AND (cv.address LIKE @text ESCAPE '\\' OR (@digits IS NOT NULL AND cv.address LIKE @digits ESCAPE '\\')))
               OR cv.contact_id IN (SELECT ct2.id FROM contacts ct2 WHERE ct2.name LIKE @text ESCAPE '\\'
                                    UNION SELECT a.contact_id FROM addresses a
                                     WHERE a.contact_id IS NOT NULL AND (a.address LIKE @text ESCAPE '\\' OR (@digits IS NOT NULL AND a.address LIKE @digits ESCAPE '\\'))))
          AND ${IS_HEAD}
          AND (@replies = 0 OR ${UNREAD} > 0 OR ${NEWEST_DIRECTION} = 'in')
        ORDER BY cv.last_message_at DESC, cv.id DESC
        LIMIT @limit`,
    );
    // Interleaved by time (messages.created: when a reply reached the desk, "Replies that act
    // and opt-out"), then id. Each conversation's rows come from message_recipients_conversation
    // (conversation_id, message_id); a thread is one person's, so the sort is of their messages only.
    this.threadStmt = db.prepare<[{ ids: string; cursorCreated: string | null; cursorId: number; limit: number }], ThreadSqlRow>(
      `SELECT r.*, m.direction AS m_direction, m.content AS m_content, m.subject AS m_subject, m.created AS m_created, m.options AS m_options
         FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.conversation_id IN (SELECT value FROM json_each(@ids))
          AND (@cursorCreated IS NULL OR m.created < @cursorCreated OR (m.created = @cursorCreated AND r.message_id < @cursorId))
        ORDER BY m.created DESC, r.message_id DESC, r.id DESC LIMIT @limit`,
    );
    // A message sent to two of one contact's numbers has a row in each conversation: a page
    // never ends between them, since the next page starts below that message.
    this.siblingsStmt = db.prepare<[{ ids: string; messageId: number; belowId: number }], ThreadSqlRow>(
      `SELECT r.*, m.direction AS m_direction, m.content AS m_content, m.subject AS m_subject, m.created AS m_created, m.options AS m_options
         FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.message_id = @messageId AND r.id < @belowId AND r.conversation_id IN (SELECT value FROM json_each(@ids))
        ORDER BY r.id DESC`,
    );
    this.messageCreatedStmt = db.prepare<[number], { created: string }>('SELECT created FROM messages WHERE id = ?');
    // The head of a contact's conversations, through addresses_contact (see the file comment).
    this.headStmt = db.prepare<[{ contactId: number }], { id: number }>(
      `SELECT o.id FROM addresses a JOIN conversations o ON o.address = a.address AND o.protocol = a.protocol
        WHERE a.contact_id = @contactId AND o.contact_id = @contactId
        ORDER BY o.last_message_at DESC, o.id DESC LIMIT 1`,
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

  /** Marks every conversation of the entry `id` belongs to read (see getListItem). */
  markRead(id: number): void {
    const item = this.getListItem(id);
    if (item) this.markReadStmt.run(JSON.stringify(item.conversationIds));
  }

  /**
   * Most recent first, one entry per contact (named by its head conversation) and one per
   * conversation with no contact. `before` is an entry's id (any conversation id): the page
   * continues after that conversation's place in the list as it is now.
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

  /**
   * The list entry `id` belongs to, as the list shows it: for a contact's conversation, the
   * merged entry of all of the contact's conversations (its id is the head's, maybe not `id`).
   */
  getListItem(id: number): ConversationListItem | undefined {
    const row = this.getStmt.get(id);
    if (!row) return undefined;
    const head = row.contact_id === null ? row.id : (this.headStmt.get({ contactId: row.contact_id })?.id ?? row.id);
    const item = this.listItemStmt.get(head);
    return item && toListItem(item);
  }

  /**
   * Newest first: the messages of the conversations `conversationIds` (one entry's), by time,
   * older than the message `before` (its place by time), each with its conversation's
   * recipient row. A message in two of them comes once per row; a page never splits those.
   */
  threadPage(conversationIds: readonly number[], before: number | undefined, limit: number): ThreadRow[] {
    const ids = JSON.stringify(conversationIds);
    let cursorCreated: string | null = null;
    if (before !== undefined) {
      const cursor = this.messageCreatedStmt.get(before);
      if (!cursor) return [];
      cursorCreated = cursor.created;
    }
    const rows = this.threadStmt.all({ ids, cursorCreated, cursorId: before ?? 0, limit });
    const oldest = rows.at(-1);
    if (rows.length === limit && oldest) rows.push(...this.siblingsStmt.all({ ids, messageId: oldest.message_id, belowId: oldest.id }));
    return rows.map((row) => ({
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
