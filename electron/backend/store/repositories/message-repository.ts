/** messages: the content of a message, once, however many recipients it has. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecipientStatus, SendOptions } from '../../../../src-shared/model.ts';
import { parseJson } from './json-column.ts';
import { containsPattern } from './like-pattern.ts';

export type MessageDirection = 'out' | 'in';

export interface MessageRecord {
  id: number;
  content: string;
  subject: string | null;
  sender: string | null;
  inReplyTo: number | null;
  direction: MessageDirection;
  conversationId: number | null;
  options: SendOptions;
  created: string;
  /** The time asked for (migration 007); null: at once. */
  sendAt: string | null;
  /** Not sent after this time (a reminder's appointment start); null: no limit. */
  expiresAt: string | null;
  /** Sent by the app itself (a reminder, a send another system scheduled): the send window holds it. */
  automated: boolean;
  /** Why the app wrote it, when it did (migration 009): 'consent' is an opt-out confirmation, which reaches an opted-out number. */
  purpose: MessagePurpose | null;
  /** A received SMS: the network's own timestamp (its clock may be off); `created` is when it arrived here. */
  networkAt: string | null;
}

export type MessagePurpose = 'consent' | 'auto-reply';

export interface NewMessage {
  content: string;
  subject: string | null;
  sender: string | null;
  inReplyTo: number | null;
  direction: MessageDirection;
  conversationId: number | null;
  options: SendOptions;
  created: string;
  sendAt?: string | null;
  expiresAt?: string | null;
  automated?: boolean;
  purpose?: MessagePurpose | null;
  networkAt?: string | null;
}

/** One line of the message list: the message and how its recipients stand. */
export interface MessageSummary extends MessageRecord {
  recipientCount: number;
  statusCounts: Partial<Record<RecipientStatus, number>>;
}

export interface MessagePageQuery {
  /** At most this many (1..500). */
  limit: number;
  /** Only messages older than this id (the previous page's `nextBefore`). */
  before?: number;
  /** Only messages with at least one recipient in this status. */
  status?: RecipientStatus;
  /** Only messages whose content contains this text (ASCII letters without regard to case). */
  search?: string;
  /** Only received ('in') or only sent ('out') messages. */
  direction?: MessageDirection;
}

interface MessageRow {
  id: number;
  content: string;
  subject: string | null;
  sender: string | null;
  in_reply_to: number | null;
  direction: MessageDirection;
  conversation_id: number | null;
  options: string;
  created: string;
  send_at: string | null;
  expires_at: string | null;
  automated: number;
  purpose: MessagePurpose | null;
  network_at: string | null;
}

const toMessage = (row: MessageRow): MessageRecord => ({
  id: row.id,
  content: row.content,
  subject: row.subject,
  sender: row.sender,
  inReplyTo: row.in_reply_to,
  direction: row.direction,
  conversationId: row.conversation_id,
  options: parseJson<SendOptions>(row.options, {}),
  created: row.created,
  sendAt: row.send_at,
  expiresAt: row.expires_at,
  automated: row.automated === 1,
  purpose: row.purpose,
  networkAt: row.network_at,
});

export class MessageRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly existsStmt;
  private readonly pageStmt;
  private readonly pageByStatusStmt;
  private readonly countsStmt;
  private readonly setConversationStmt;
  private readonly pageSearchStmt;
  private readonly setContentStmt;
  private readonly setSendAtStmt;
  private readonly indexStmt;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare<[string, string | null, string | null, number | null, MessageDirection, number | null, string, string, string | null, string | null, number, MessagePurpose | null, string | null]>(
      `INSERT INTO messages (content, subject, sender, in_reply_to, direction, conversation_id, options, created, send_at, expires_at, automated, purpose, network_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Search (migration 010) indexes each new message here rather than by a trigger (migration 012).
    this.indexStmt = db.prepare<[number, string]>('INSERT INTO message_text (rowid, content) VALUES (?, ?)');
    this.setContentStmt = db.prepare<[string, number]>('UPDATE messages SET content = ? WHERE id = ?');
    this.setSendAtStmt = db.prepare<[string | null, number]>('UPDATE messages SET send_at = ? WHERE id = ?');
    this.getStmt = db.prepare<[number], MessageRow>('SELECT * FROM messages WHERE id = ?');
    this.existsStmt = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM messages WHERE id = ?');
    // Keyset paging by id: stable while new messages arrive, unlike OFFSET.
    this.pageStmt = db.prepare<[number, number], MessageRow>('SELECT * FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?');
    // Driven from the recipients in that status (index message_recipients_status_message,
    // migration 004), newest message first: a rare status costs what it finds, not the history.
    this.pageByStatusStmt = db.prepare<[number, RecipientStatus, number], MessageRow>(
      `SELECT m.* FROM messages m
        WHERE m.id IN (
          SELECT DISTINCT r.message_id FROM message_recipients r
           WHERE r.message_id < ? AND r.status = ?
           ORDER BY r.message_id DESC LIMIT ?)
        ORDER BY m.id DESC`,
    );
    this.setConversationStmt = db.prepare<[number, number]>('UPDATE messages SET conversation_id = ? WHERE id = ?');
    // Walks ids downwards and tests each content: fine for a desk's history; a full-text index
    // (FTS5) is the step up if it ever grows past what a LIKE scan answers while typing.
    this.pageSearchStmt = db.prepare<[{ before: number; text: string; status: RecipientStatus | null; direction: MessageDirection | null; limit: number }], MessageRow>(
      `SELECT m.* FROM messages m
        WHERE m.id < @before AND m.content LIKE @text ESCAPE '\\'
          AND (@direction IS NULL OR m.direction = @direction)
          AND (@status IS NULL OR EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.status = @status))
        ORDER BY m.id DESC LIMIT @limit`,
    );
    this.countsStmt = db.prepare<[number], { status: RecipientStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM message_recipients WHERE message_id = ? GROUP BY status',
    );
  }

  /** @returns the new message's id. */
  /** Saves a message and indexes its text for search: both or neither (inside the caller's transaction, or one of its own). */
  insert(m: NewMessage): number {
    const write = (): number => {
      const id = Number(
        this.insertStmt.run(
          m.content, m.subject, m.sender, m.inReplyTo, m.direction, m.conversationId, JSON.stringify(m.options), m.created,
          m.sendAt ?? null, m.expiresAt ?? null, m.automated ? 1 : 0, m.purpose ?? null, m.networkAt ?? null,
        ).lastInsertRowid,
      );
      this.indexStmt.run(id, m.content);
      return id;
    };
    return this.db.inTransaction ? write() : this.db.transaction(write)();
  }

  /** Links a message to its one conversation (set once the conversation is known). */
  setConversation(id: number, conversationId: number): void {
    this.setConversationStmt.run(conversationId, id);
  }

  /** A scheduled message's new text (scheduled-sends.ts checks that nothing of it has gone yet). */
  setContent(id: number, content: string): void {
    this.setContentStmt.run(content, id);
  }

  /** The time a scheduled message was asked for, when a person changes it. */
  setSendAt(id: number, sendAt: string | null): void {
    this.setSendAtStmt.run(sendAt, id);
  }

  get(id: number): MessageRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toMessage(row);
  }

  exists(id: number): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  /** Newest first. */
  listPage(query: MessagePageQuery): { messages: MessageSummary[]; nextBefore: number | null } {
    const limit = Math.min(500, Math.max(1, Math.floor(query.limit)));
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    const text = containsPattern(query.search);
    const direction = query.direction ?? null;
    const rows =
      text !== null || direction !== null ? this.pageSearchStmt.all({ before, text: text ?? '%', status: query.status ?? null, direction, limit })
      : query.status ? this.pageByStatusStmt.all(before, query.status, limit)
      : this.pageStmt.all(before, limit);
    const messages = rows.map((row) => {
      const statusCounts: Partial<Record<RecipientStatus, number>> = {};
      let recipientCount = 0;
      for (const { status, n } of this.countsStmt.all(row.id)) {
        statusCounts[status] = n;
        recipientCount += n;
      }
      return { ...toMessage(row), recipientCount, statusCounts };
    });
    const last = rows.at(-1);
    return { messages, nextBefore: rows.length === limit && last ? last.id : null };
  }
}
