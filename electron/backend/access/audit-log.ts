/**
 * The audit trail's writer and reader (issue 13 "Audit trail"). Entries are appended in their own
 * IMMEDIATE transaction right after the change they record has committed (handlers run their
 * own transactions, some across awaits), so each new entry links to the true last one even with
 * another connection writing. Ids only, never message text.
 */
import type { AuditEntryDto, AuditVerifyDto, AuditAction } from '../../../src-shared/contract/access-commands.ts';
import { type Clock, isoAt } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { AuditFilter, AuditRow } from '../store/repositories/audit-repository.ts';
import type { Store } from '../store/store.ts';
import { type Actor, actorRef } from './actor.ts';
import { ChainChecker, entryHash, GENESIS_HASH } from './audit-chain.ts';

/** A thread read again within this long by the same actor is the same reading (live reloads, paging). */
export const READ_AGAIN_MS = 10 * 60_000;
const VERIFY_PAGE = 2_000;

export interface AuditWho {
  ref: string;
  name: string;
}

export class AuditLog {
  /** Last `conversation.read` per actor and object: skips the database look-up for a reload. */
  private readonly lastRead = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  static who(actor: Actor): AuditWho {
    return { ref: actorRef(actor), name: actor.name };
  }

  /**
   * Appends one entry. A failure (a full disk) is logged, never thrown: the change it records has
   * already committed, and the caller must hear that it did.
   */
  append(who: AuditWho, action: AuditAction, object: string): void {
    if (action === 'conversation.read') {
      const key = `${who.ref} ${object}`;
      const last = this.lastRead.get(key);
      if (last !== undefined && this.clock.now() - last < READ_AGAIN_MS) return;
      this.lastRead.set(key, this.clock.now());
      if (this.lastRead.size > 5_000) this.lastRead.clear();
    }
    try {
      this.store.transaction(() => {
        const last = this.store.audit.last();
        const fields = { id: (last?.id ?? 0) + 1, at: isoAt(this.clock), actor: who.ref, actor_name: who.name, action, object };
        const prev = last?.hash ?? GENESIS_HASH;
        this.store.audit.insert({ ...fields, prev_hash: prev, hash: entryHash(prev, fields) });
      });
    } catch (error) {
      this.logger.error('An audit entry could not be written', { action, error: error instanceof Error ? error.message : String(error) });
    }
  }

  list(filter: AuditFilter): { items: AuditEntryDto[]; nextBefore: number | null } {
    const rows = this.store.audit.list({ ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit).map(toDto);
    return { items, nextBefore: rows.length > filter.limit ? items[items.length - 1]!.id : null };
  }

  /** Walks the whole chain in pages of 2,000 (100,000 entries: well under a second). */
  verify(): AuditVerifyDto {
    const checker = new ChainChecker();
    let after = 0;
    for (;;) {
      const page = this.store.audit.page(after, VERIFY_PAGE);
      for (const row of page) if (!checker.next(row)) break;
      if (checker.broken || page.length < VERIFY_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    checker.finish(this.store.audit.highestIdEverGiven());
    return { ok: checker.broken === null, checked: checker.checked, firstBroken: checker.broken };
  }
}

function toDto(row: AuditRow): AuditEntryDto {
  return { id: row.id, at: row.at, actor: row.actor, actorName: row.actor_name, action: row.action as AuditAction, object: row.object };
}
