/**
 * The audit trail's chain (issue 13 "Audit trail": "each entry chained to the previous one by a
 * hash so an edit or deletion is detectable"). Pure: the hash of an entry, and the check of a
 * run of entries in id order.
 *
 * hash = SHA-256 over the JSON array [prev_hash, id, at, actor, actor_name, action, object]: JSON
 * keeps field boundaries unambiguous ("a|b" + "c" never equals "a" + "b|c"). The first entry's
 * prev_hash is 64 zeros. What it detects: a changed field (hash-mismatch), a removed or inserted
 * entry in the middle (link-broken: the next entry's prev_hash no longer names its predecessor),
 * entries removed from the end (entries-missing: fewer than sqlite_sequence says were given).
 * What it cannot: someone with the database key rewriting every later hash too. The database is
 * encrypted and the key is the host's, so that needs this computer's keystore or key file.
 */
import { createHash } from 'node:crypto';
import type { AuditRow } from '../store/repositories/audit-repository.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditFields = Omit<AuditRow, 'hash' | 'prev_hash'>;

export function entryHash(prevHash: string, e: AuditFields): string {
  return createHash('sha256').update(JSON.stringify([prevHash, e.id, e.at, e.actor, e.actor_name, e.action, e.object])).digest('hex');
}

export type ChainBreak = { id: number; at: string | null; reason: 'hash-mismatch' | 'link-broken' | 'entries-missing' };

/** Walks entries in id order, carrying what the previous one was. */
export class ChainChecker {
  private prevHash = GENESIS_HASH;
  private prevId = 0;
  checked = 0;
  broken: ChainBreak | null = null;

  /** @returns false once broken (stop reading). */
  next(row: AuditRow): boolean {
    if (this.broken) return false;
    this.checked += 1;
    if (row.prev_hash !== this.prevHash || row.id !== this.prevId + 1) {
      this.broken = { id: row.id, at: row.at, reason: 'link-broken' };
      return false;
    }
    if (entryHash(row.prev_hash, row) !== row.hash) {
      this.broken = { id: row.id, at: row.at, reason: 'hash-mismatch' };
      return false;
    }
    this.prevHash = row.hash;
    this.prevId = row.id;
    return true;
  }

  /** After the last row: were entries removed from the end? */
  finish(highestIdEverGiven: number): void {
    if (!this.broken && highestIdEverGiven > this.prevId) this.broken = { id: this.prevId + 1, at: null, reason: 'entries-missing' };
  }
}
