/**
 * Full-text search of message text through the FTS5 index of migration 010, newest first,
 * with the matching words marked. What a nurse types becomes a query of whole-word prefixes
 * that must all appear ("amina kes" finds "Habari Amina … kesho"); FTS syntax in the input
 * (quotes, AND, NEAR, *, column filters) is never interpreted.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { MessageHitDto } from '../../../../src-shared/contract/dto.ts';
import type { MessageDirection } from './message-repository.ts';

/** The contract's shape is the record's: one definition (src-shared/contract/dto.ts). */
export type MessageHit = MessageHitDto;

interface HitRow {
  id: number;
  direction: MessageDirection;
  created: string;
  conversation_id: number | null;
  address: string | null;
  contact_id: number | null;
  contact_name: string | null;
  marked: string;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';
const MAX_TERMS = 10;

/** The typed words as an FTS5 query of quoted prefixes, or null when nothing searchable was typed. */
export function ftsQuery(typed: string): string | null {
  const words = typed
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_TERMS);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/** Splits highlight() output at its markers. */
export function markedParts(marked: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let rest = marked;
  while (rest !== '') {
    const open = rest.indexOf(OPEN);
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), match: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts;
}

export class MessageSearchRepository {
  private readonly searchStmt;

  constructor(db: Database.Database) {
    this.searchStmt = db.prepare<[{ q: string; before: number; limit: number }], HitRow>(
      `SELECT m.id, m.direction, m.created, m.conversation_id, cv.address, cv.contact_id, c.name AS contact_name,
              highlight(message_text, 0, char(2), char(3)) AS marked
         FROM message_text
         JOIN messages m ON m.id = message_text.rowid
         LEFT JOIN conversations cv ON cv.id = m.conversation_id
         LEFT JOIN contacts c ON c.id = cv.contact_id
        WHERE message_text MATCH @q AND message_text.rowid < @before
        ORDER BY message_text.rowid DESC LIMIT @limit`,
    );
  }

  /** Messages whose text has every typed word (as a word prefix), newest first; page on with `before`. */
  search(typed: string, options: { before?: number; limit: number }): { hits: MessageHit[]; nextBefore: number | null } {
    const q = ftsQuery(typed);
    if (q === null) return { hits: [], nextBefore: null };
    const rows = this.searchStmt.all({ q, before: options.before ?? Number.MAX_SAFE_INTEGER, limit: options.limit });
    const hits = rows.map((r) => ({
      messageId: r.id,
      direction: r.direction,
      created: r.created,
      conversationId: r.conversation_id,
      address: r.address,
      contactId: r.contact_id,
      contactName: r.contact_name,
      parts: markedParts(r.marked),
    }));
    return { hits, nextBefore: rows.length === options.limit ? (rows.at(-1)?.id ?? null) : null };
  }
}
