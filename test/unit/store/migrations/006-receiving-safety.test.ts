import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 006-receiving-safety', () => {
  let db: Database.Database;
  const at = '2025-03-03T08:00:00.000Z';
  const hash = 'a'.repeat(64);

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 6);
  });
  afterEach(() => db.close());

  const keep = (hex: string, gateway = 'modem-1', via = '+CMGL') =>
    db.prepare(`INSERT INTO unreadable_pdus (gateway, storage, sim_index, via, hex, tpdu_length, reason_field, reason_offset, reason, received_at)
                VALUES (?, 'SM', 3, ?, ?, 2, 'TP-OA', 4, 'TP-OA at offset 4: too short', ?)`).run(gateway, via, hex, at);
  const seen = (sender: string, gateway = 'modem-1', h = hash) =>
    db.prepare('INSERT INTO received_pdus (gateway, sender, sc_timestamp, pdu_hash, seen_at) VALUES (?, ?, ?, ?, ?)').run(gateway, sender, '2025-03-03T11:00:00+03:00', h, at);

  it('brings a version-5 database with data to version 6, keeping its rows', () => {
    const old = new Database(':memory:');
    migrate(old, undefined, 5);
    old.prepare(`INSERT INTO sms_parts (gateway, sender, ref, ref_bits, total, part, text, sent_at, first_seen_at) VALUES ('m', '+254712345678', 18, 8, 2, 1, 'x', NULL, ?)`).run(at);
    expect(migrate(old, undefined, 6)).toEqual([6]);
    expect(schemaVersion(old)).toBe(6);
    expect(old.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(1);
    expect(old.prepare('SELECT COUNT(*) FROM unreadable_pdus').pluck().get()).toBe(0);
    expect(old.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(0);
    old.close();
  });

  it('keeps one unreadable PDU per gateway and hex, from a known code only', () => {
    keep('0004FF');
    expect(() => keep('0004FF')).toThrow(/UNIQUE/);
    keep('0004FF', 'modem-2');
    keep('0004FE', 'modem-1', '+CMT');
    expect(() => keep('0004FD', 'modem-1', '+CMGS')).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM unreadable_pdus').pluck().get()).toBe(3);
  });

  it('knows a delivery by gateway, sender, SC time stamp and TPDU hash', () => {
    seen('+254712345678');
    expect(() => seen('+254712345678')).toThrow(/UNIQUE|PRIMARY/);
    seen('+254712345678', 'modem-2');
    seen('+254700000001');
    seen('+254712345678', 'modem-1', 'b'.repeat(64));
    expect(() => seen('+254712345678', 'modem-1', 'abc')).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(4);
  });
});
