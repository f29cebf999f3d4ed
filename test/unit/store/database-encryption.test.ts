/**
 * The database encrypted at rest (issue 13 "Data at rest", electron/backend/store/database-key.ts
 * and open-database.ts), through createBackend as every host calls it: no readable message text
 * or phone number in the files (`strings` finds none), no opening without the key, a plain
 * database from before encrypted in place with every row of every table kept, a lost keychain
 * stopped as a key problem (never as damage), the recovery code, and a crash mid-encryption.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { KeyFileSecretStore } from '../../../electron/backend/gateways/email/secret-store.ts';
import { DATABASE_KEY_FILE, DatabaseKeyError, databaseKeyStatus, type DatabaseKeySealer, forgetRecoveryCode, normaliseRecoveryCode, pendingRecoveryCode, recoverDatabaseKey } from '../../../electron/backend/store/database-key.ts';
import { isPlainDatabase, openDatabase } from '../../../electron/backend/store/open-database.ts';
import { PassphraseSealer } from '../../../electron/backend/store/passphrase-sealer.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

const TEXT = 'Kumbusho la siri kwa Amina Wanjiru';
const PHONE = '+254712345678';
const SENDER = '+254733111222';

let dataDir: string;
let db: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-encrypted-'));
  db = join(dataDir, 'ujumbe.db');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

// A gateway that never answers: sends wait in the outbox, which is all these tests need of them.
const start = (extra: Parameters<typeof createBackend>[0] = {}) => createBackend({ dataDir, detection: false, dataFolderLock: 'headless', gateways: [new ScriptedGateway({ id: 'modem-1' })], ...extra });

/** What `strings` prints for every file of the database (main, -wal, -shm), as one text. */
function stringsOfDatabaseFiles(): string {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith('ujumbe.db'))
    .map((f) => execFileSync('strings', ['-n', '6', join(dataDir, f)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))
    .join('\n');
}

/** A keychain that works (a stand-in for safeStorage: the sealed text is no secret here). */
const keychain: DatabaseKeySealer = {
  protection: 'keychain',
  seal: (plain) => `kc:${Buffer.from(plain).toString('base64')}`,
  open: (sealed) => Buffer.from(sealed.slice(3), 'base64').toString(),
};

/** A sealer that cannot open what another sealed: a keychain lost with a Windows profile. */
const lostKeychain: DatabaseKeySealer = {
  protection: 'keychain',
  seal: () => 'ss1:never',
  open: () => {
    throw new Error('keychain gone');
  },
};

describe('the database at rest', () => {
  it('holds no readable message text or phone number after a send and a receive, also while open', async () => {
    const backend = start();
    const sent = backend.messaging.send({ content: TEXT, recipients: [{ address: PHONE, protocol: 'sms' }] });
    expect(sent.messageId).toBeGreaterThan(0);
    backend.messaging.receive({ from: SENDER, text: `${TEXT} jibu`, gatewayId: 'modem:test' });
    backend.store.contacts.create('Amina Wanjiru', 'mjamzito, wiki 20');
    // While it runs (pages in the -wal) and after it stopped.
    for (const phase of ['running', 'stopped']) {
      const found = stringsOfDatabaseFiles();
      for (const secret of [TEXT, 'Kumbusho', 'Wanjiru', '712345678', '733111222', 'mjamzito']) expect(found, `${phase}: ${secret}`).not.toContain(secret);
      if (phase === 'running') await backend.stop({ deadlineMs: 1_000 });
    }
    expect(isPlainDatabase(db)).toBe(false);
    expect(statSync(join(dataDir, DATABASE_KEY_FILE)).mode & 0o777).toBe(0o600);
    // And what it holds comes back with the key.
    const again = start();
    expect(again.store.messages.get(sent.messageId)?.content).toBe(TEXT);
    expect(again.store.messageSearch.search('siri', { limit: 10 }).hits.map((h) => h.messageId)).toContain(sent.messageId);
    await again.stop({ deadlineMs: 1_000 });
  });

  it('cannot be opened without its key', async () => {
    await start().stop({ deadlineMs: 1_000 });
    const raw = new Database(db, { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM messages').get()).toThrow(/not a database/);
    raw.close();
    expect(() => openDatabase({ path: db, key: Buffer.alloc(32, 7) })).toThrow(/not a database/);
  });

  it('encrypts a plain database from before in place, keeping every row of every table', async () => {
    const plain = start({ databaseEncryption: false });
    fillEveryTable(plain);
    const before = tableContents(plain.store.db);
    const empty = [...before].filter(([, rows]) => rows.length === 0).map(([t]) => t);
    expect(empty, 'a table the fixture does not fill yet').toEqual([]);
    await plain.stop({ deadlineMs: 1_000 });
    expect(isPlainDatabase(db)).toBe(true);
    expect(stringsOfDatabaseFiles()).toContain('Wanjiru');

    const upgraded = start();
    expect(isPlainDatabase(db)).toBe(false);
    expect(tableContents(upgraded.store.db)).toEqual(before);
    // Full-text search still finds what it found (its shadow tables were encrypted page by page).
    expect(upgraded.store.messageSearch.search('siri', { limit: 10 }).hits).toHaveLength(1);
    await upgraded.stop({ deadlineMs: 1_000 });
    expect(stringsOfDatabaseFiles()).not.toContain('Wanjiru');
    expect(readdirSync(dataDir).filter((f) => f.includes('.encrypting'))).toEqual([]);
  });

  it('a crash while encrypting leaves the plain database, encrypted at the next start', async () => {
    const plain = start({ databaseEncryption: false });
    plain.store.contacts.create('Baraka Otieno');
    await plain.stop({ deadlineMs: 1_000 });
    // What a crash during the copy leaves: a half-written copy beside the untouched original.
    writeFileSync(`${db}.encrypting`, 'half a copy');
    const backend = start();
    expect(backend.store.db.prepare("SELECT count(*) AS n FROM contacts WHERE name = 'Baraka Otieno'").get()).toEqual({ n: 1 });
    expect(isPlainDatabase(db)).toBe(false);
    expect(existsSync(`${db}.encrypting`)).toBe(false);
    await backend.stop({ deadlineMs: 1_000 });
  });

  it('a key the keychain cannot unwrap stops the start as a key problem: the database is neither set aside nor replaced', async () => {
    await start({ databaseEncryption: { sealer: keychain } }).stop({ deadlineMs: 1_000 });
    expect(databaseKeyStatus(dataDir).protection).toBe('keychain');
    const before = readFileSync(db);
    for (const options of [{ databaseEncryption: { sealer: lostKeychain } }, { databaseEncryption: { sealer: lostKeychain }, databaseRecovery: { way: 'start-empty' as const } }]) {
      let error: unknown;
      try {
        start(options);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DatabaseKeyError);
      expect((error as DatabaseKeyError).code).toBe('database-key-unreadable');
      expect((error as DatabaseKeyError).message).toContain('ujumbe recover');
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('damaged-'))).toEqual([]);
  });

  it('an encrypted database whose key file is gone is refused, and no new key is made over it', async () => {
    await start().stop({ deadlineMs: 1_000 });
    rmSync(join(dataDir, DATABASE_KEY_FILE));
    expect(() => start()).toThrow(expect.objectContaining({ code: 'database-key-missing' }));
    expect(existsSync(join(dataDir, DATABASE_KEY_FILE))).toBe(false);
  });

  it('the recovery code, shown once, re-seals the key when the keychain is lost', async () => {
    const first = start();
    first.store.contacts.create('Neema Achieng');
    await first.stop({ deadlineMs: 1_000 });
    const store = new KeyFileSecretStore(dataDir);
    expect(databaseKeyStatus(dataDir)).toEqual({ encrypted: true, protection: 'key-file', recoveryCodePending: true });
    const code = pendingRecoveryCode(dataDir, store);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    forgetRecoveryCode(dataDir);
    expect(pendingRecoveryCode(dataDir, store)).toBeNull();
    expect(readFileSync(join(dataDir, DATABASE_KEY_FILE), 'utf8')).not.toContain(code!);

    // The key file's key is lost (a new machine): the sealed key no longer opens.
    rmSync(join(dataDir, 'secret.key'));
    expect(() => start()).toThrow(expect.objectContaining({ code: 'database-key-unreadable' }));
    const passphrase = new PassphraseSealer('mlima kilimanjaro 5895');
    expect(() => recoverDatabaseKey(dataDir, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', passphrase)).toThrow(expect.objectContaining({ code: 'database-key-wrong-code' }));
    expect(() => recoverDatabaseKey(dataDir, 'AAAA-BBBB', passphrase)).toThrow(/has 24 letters and digits, in six groups of four .* this one has 8\./);
    // Typed by hand: lower case, spaces, O for 0.
    recoverDatabaseKey(dataDir, code!.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'), passphrase);
    expect(databaseKeyStatus(dataDir)).toEqual({ encrypted: true, protection: 'passphrase', recoveryCodePending: false });
    const back = start({ databaseEncryption: { sealer: passphrase } });
    expect(back.store.db.prepare("SELECT count(*) AS n FROM contacts WHERE name = 'Neema Achieng'").get()).toEqual({ n: 1 });
    await back.stop({ deadlineMs: 1_000 });
    // The wrong passphrase is a key problem too.
    expect(() => start({ databaseEncryption: { sealer: new PassphraseSealer('not the passphrase at all') } })).toThrow(expect.objectContaining({ code: 'database-key-unreadable' }));
  });

  it('a key sealed by the key file (after ujumbe recover) opens on the desktop and moves into its keychain', async () => {
    await start().stop({ deadlineMs: 1_000 });
    expect(databaseKeyStatus(dataDir)).toMatchObject({ protection: 'key-file', recoveryCodePending: true });
    const code = pendingRecoveryCode(dataDir, new KeyFileSecretStore(dataDir));
    await start({ databaseEncryption: { sealer: keychain } }).stop({ deadlineMs: 1_000 });
    expect(databaseKeyStatus(dataDir)).toMatchObject({ protection: 'keychain', recoveryCodePending: true });
    expect(pendingRecoveryCode(dataDir, keychain)).toBe(code);
    await start({ databaseEncryption: { sealer: keychain } }).stop({ deadlineMs: 1_000 });
  });

  it('reads recovery codes as a person types them', () => {
    expect(normaliseRecoveryCode(' abcd efgh-ijkl mnop qrst uvwx ')).toBe('ABCD-EFGH-1JK1-MN0P-QRST-UVWX');
    expect(() => new PassphraseSealer('short')).toThrow(/at least 10/);
  });
});

/** Every table's rows, in a stable order (what "without losing a row" compares). */
function tableContents(db: Database.Database): Map<string, unknown[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_text%' ORDER BY name").all();
  return new Map(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

/** Something in every table: the backend's own writes first, then rows for what a short test does not reach. */
function fillEveryTable(backend: ReturnType<typeof createBackend>): void {
  const at = '2026-12-03T08:00:00.000Z';
  const store = backend.store;
  const contactId = store.contacts.create('Amina Wanjiru', 'mjamzito', 'sw');
  store.contacts.ensureAddress(PHONE, 'sms', contactId);
  const groupId = store.groups.create('ANC');
  backend.messaging.send({ content: TEXT, recipients: [{ address: PHONE, protocol: 'sms' }] });
  const received = backend.messaging.receive({ from: SENDER, text: 'STOP', gatewayId: 'modem:test' });
  backend.appointments.book({ patient: { name: 'Amina Wanjiru', phone: PHONE }, start: new Date(Date.now() + 5 * 86_400_000).toISOString(), service: 'ANC' });
  store.settings.set('clinicName', 'Kliniki ya Afya Kibera');
  const db = store.db;
  const recipient = (db.prepare('SELECT id FROM message_recipients LIMIT 1').get() as { id: number }).id;
  const exec = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  exec('INSERT OR IGNORE INTO contact_groups (contact_id, group_id) VALUES (?, ?)', contactId, groupId);
  exec("INSERT OR IGNORE INTO attention (message_id, reason, created) VALUES (?, 'not-understood', ?)", received.messageId, at);
  exec("INSERT OR IGNORE INTO consent (address, protocol, opted_out, changed_at, source) VALUES (?, 'sms', 1, ?, 'staff')", SENDER, at);
  exec("INSERT INTO consent_log (address, protocol, opted_out, at, source) VALUES (?, 'sms', 1, ?, 'staff')", SENDER, at);
  exec("INSERT OR IGNORE INTO delivery_parts (recipient_id, reference, outcome, status_code, at) VALUES (?, '12', 'delivered', 0, ?)", recipient, at);
  exec("INSERT OR IGNORE INTO gateways (id, kind, protocol, label, imei, created) VALUES ('modem:1', 'modem', 'sms', 'Safaricom', '356938035643809', ?)", at);
  exec("INSERT OR IGNORE INTO ignored_modems (imei, at) VALUES ('356938035643810', ?)", at);
  exec("INSERT OR IGNORE INTO received_pdus (gateway, sender, sc_timestamp, pdu_hash, seen_at) VALUES ('modem:1', ?, ?, ?, ?)", SENDER, at, 'a'.repeat(64), at);
  exec("INSERT OR IGNORE INTO sms_parts (gateway, sender, ref, ref_bits, total, part, text, first_seen_at) VALUES ('modem:1', ?, 7, 8, 2, 1, 'Sehemu ya kwanza', ?)", SENDER, at);
  exec("INSERT OR IGNORE INTO unreadable_pdus (gateway, via, hex, reason_field, reason_offset, reason, received_at) VALUES ('modem:1', '+CMT', '0011', 'tp-udl', 3, 'too short', ?)", at);
  exec("INSERT OR IGNORE INTO keyword_rules (keyword, created, updated) VALUES ('HOURS', ?, ?)", at, at);
  exec("INSERT INTO appointment_log (appointment_id, from_status, to_status, at, source) SELECT id, 'booked', 'confirmed', ?, 'staff' FROM appointments LIMIT 1", at);
  exec("INSERT INTO api_keys (name, role, key_hash, prefix, created_at, created_by) VALUES ('EMR', 'nurse', 'ab12', 'ujk_abcd', ?, 'Administrator')", at);
  exec("INSERT INTO audit_log (at, actor, actor_name, action, object, prev_hash, hash) VALUES (?, 'user:1', 'Administrator', 'contact.created', 'contact:1', '00', '11')", at);
}
