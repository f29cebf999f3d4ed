import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/backend/access/audit-log.ts';
import { silentLogger } from '../../../electron/backend/logger.ts';
import { Store } from '../../../electron/backend/store/store.ts';
import { migrate } from '../../../electron/backend/store/migrations/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';

describe('the audit trail’s chain', () => {
  let db: Database.Database;
  let log: AuditLog;
  let clock: FakeClock;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    clock = new FakeClock('2026-12-03T09:00:00.000Z');
    log = new AuditLog(new Store(db, clock), clock, silentLogger);
    const who = { ref: 'user:1', name: 'Amina' };
    for (let i = 1; i <= 5; i++) {
      log.append(who, 'contact.changed', `contact:${i}`);
      clock.advance(60_000);
    }
  });
  afterEach(() => db.close());

  /** What someone with the key and a SQLite shell could do: the triggers are only the first line. */
  function tamper(sql: string): void {
    db.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;');
    db.exec(sql);
  }

  it('holds when nothing was touched', () => {
    expect(log.verify()).toEqual({ ok: true, checked: 5, firstBroken: null });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => db.exec("UPDATE audit_log SET object = 'contact:9' WHERE id = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE id = 2')).toThrow(/append-only/);
  });

  it('finds an edited entry', () => {
    tamper("UPDATE audit_log SET actor_name = 'Someone else' WHERE id = 3");
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'hash-mismatch' } });
  });

  it('finds an edit that also rewrote that entry’s own hash (the next link breaks)', async () => {
    const { entryHash } = await import('../../../electron/backend/access/audit-chain.ts');
    const row = db.prepare('SELECT * FROM audit_log WHERE id = 3').get() as Parameters<typeof entryHash>[1] & { prev_hash: string };
    const forged = entryHash(row.prev_hash, { ...row, object: 'contact:99' });
    tamper(`UPDATE audit_log SET object = 'contact:99', hash = '${forged}' WHERE id = 3`);
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { id: 4, reason: 'link-broken' } });
  });

  it('finds a deleted entry in the middle', () => {
    tamper('DELETE FROM audit_log WHERE id = 2');
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { id: 3, reason: 'link-broken' } });
  });

  it('finds entries deleted from the end', () => {
    tamper('DELETE FROM audit_log WHERE id >= 4');
    expect(log.verify()).toMatchObject({ ok: false, checked: 3, firstBroken: { id: 4, at: null, reason: 'entries-missing' } });
  });

  it('goes on from the last entry after a restart, and lists newest first with paging', () => {
    const again = new AuditLog(new Store(db, clock), clock, silentLogger);
    again.append({ ref: 'key:1', name: 'EMR' }, 'message.sent', 'message:7');
    expect(again.verify()).toEqual({ ok: true, checked: 6, firstBroken: null });
    const first = again.list({ limit: 4 });
    expect(first.items.map((e) => e.id)).toEqual([6, 5, 4, 3]);
    expect(first.items[0]).toMatchObject({ actor: 'key:1', actorName: 'EMR', action: 'message.sent', object: 'message:7' });
    expect(again.list({ limit: 4, before: first.nextBefore! })).toMatchObject({ items: [{ id: 2 }, { id: 1 }], nextBefore: null });
    expect(again.list({ limit: 10, actor: 'key:1' }).items).toHaveLength(1);
  });

  it('keeps one reading of a thread per actor per ten minutes', () => {
    const who = { ref: 'user:1', name: 'Amina' };
    log.append(who, 'conversation.read', 'conversation:4');
    clock.advance(5 * 60_000);
    log.append(who, 'conversation.read', 'conversation:4');
    log.append({ ref: 'user:2', name: 'Baraka' }, 'conversation.read', 'conversation:4');
    clock.advance(6 * 60_000);
    log.append(who, 'conversation.read', 'conversation:4');
    expect(log.list({ limit: 100, action: 'conversation.read' }).items.map((e) => e.actor)).toEqual(['user:1', 'user:2', 'user:1']);
  });
});
