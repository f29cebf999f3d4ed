/**
 * Backups (issue 13 "Backups", docs/ARCHITECTURE.md "Backups"; electron/backend/backup/ and
 * store/backup-copy.ts) on real, encrypted SQLite files in temp folders, through createBackend
 * as every host builds it: a backup is encrypted and consistent while the app writes; a restore
 * brings back exactly what was backed up, keeps the database before it aside, and refuses a
 * damaged, foreign or newer file with nothing changed; the last N are kept; a backup opens on a
 * new computer with the recovery code.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { listBackups, keyFileFor } from '../../../electron/backend/backup/backup-files.ts';
import { BackupRestoreRefusedError, readPendingRestore, stageRestore } from '../../../electron/backend/backup/backup-restore.ts';
import { KeyFileSecretStore } from '../../../electron/backend/gateways/email/secret-store.ts';
import { DATABASE_KEY_FILE, pendingRecoveryCode } from '../../../electron/backend/store/database-key.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/store/migrations/index.ts';
import { openRaw } from '../../../electron/backend/store/open-database.ts';
import { dataFolderKey } from '../../support/data-folder-database.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

const TEXT = 'Kumbusho la siri kwa Amina Wanjiru';
const PHONE = '+254712345678';
const SENDER = '+254733111222';

let root: string;
let dataDir: string;
let folder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-backup-'));
  dataDir = join(root, 'data');
  folder = join(root, 'stick');
  mkdirSync(folder);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

type Backend = ReturnType<typeof createBackend>;
const start = (extra: Parameters<typeof createBackend>[0] = {}, dir = dataDir): Backend =>
  createBackend({ dataDir: dir, detection: false, dataFolderLock: 'headless', gateways: [new ScriptedGateway({ id: 'modem-1' })], ...extra });

/** Every row of every table, rowid included (a restore must not renumber rows either). */
function tableContents(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  const out: Record<string, unknown[]> = {};
  for (const { name, sql } of tables) {
    // Virtual tables keep their rows in shadow tables, compared on their own.
    if (/^CREATE VIRTUAL/i.test(sql)) continue;
    const rowid = /WITHOUT ROWID/i.test(sql) ? '' : 'rowid AS _rowid, ';
    out[name] = db.prepare(`SELECT ${rowid}* FROM "${name}" ORDER BY 1`).all();
  }
  return out;
}

/**
 * A restored database's rows, less the one entry its start adds: the trail is the backup's, then
 * says it was restored, from which file, by the system, and its chain still holds.
 */
function restoredContents(restored: Backend, from: string): Record<string, unknown[]> {
  const contents = tableContents(restored.store.db);
  const trail = contents['audit_log']!;
  expect(trail.at(-1)).toMatchObject({ actor: 'system', action: 'backup.restored', object: `backup:${basename(from)}` });
  expect(restored.access.audit.verify()).toMatchObject({ ok: true });
  return { ...contents, audit_log: trail.slice(0, -1) };
}

function fill(backend: Backend, tag: string): void {
  const store = backend.store;
  const contactId = store.contacts.create(`Amina Wanjiru ${tag}`, 'mjamzito', 'sw');
  store.contacts.ensureAddress(PHONE, 'sms', contactId);
  store.groups.create(`ANC ${tag}`);
  backend.messaging.send({ content: `${TEXT} ${tag}`, recipients: [{ address: PHONE, protocol: 'sms' }] });
  backend.messaging.receive({ from: SENDER, text: `${TEXT} jibu ${tag}`, gatewayId: 'modem:test' });
  store.settings.set('clinicName', `Kliniki ya Afya ${tag}`);
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The data folder as it is: names and the database's bytes, to show a refusal changed nothing. */
function snapshot(dir: string): { files: string[]; db: string } {
  return { files: readdirSync(dir).filter((f) => !f.endsWith('-shm')).sort(), db: sha(join(dir, 'ujumbe.db')) };
}

describe('a backup', () => {
  it('is encrypted: strings finds no message text or phone number, and it opens only with the key', async () => {
    const backend = start();
    fill(backend, 'one');
    backend.backups!.configure({ folder });
    const made = await backend.backups!.runNow();
    await backend.stop({ deadlineMs: 1_000 });

    expect(listBackups(folder).map((b) => b.name)).toEqual([made.name]);
    const found = execFileSync('strings', ['-n', '6', made.path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    for (const secret of ['Kumbusho', 'Wanjiru', '712345678', '733111222', 'mjamzito', 'Kliniki']) expect(found, secret).not.toContain(secret);
    expect(statSync(made.path).mode & 0o777).toBe(0o600);

    const raw = new Database(made.path, { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM messages').get()).toThrow(/not a database/);
    raw.close();
    const key = dataFolderKey(dataDir)!;
    const keyed = openRaw(made.path, { key, readonly: true, fileMustExist: true });
    expect(keyed.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    keyed.close();

    // Beside it: the key wrapped by the recovery code only, never the raw key or the host-sealed one.
    const keyFile = readFileSync(keyFileFor(made.path), 'utf8');
    const folderKeyFile = JSON.parse(readFileSync(join(dataDir, DATABASE_KEY_FILE), 'utf8')) as { recovery: string; sealed: string };
    expect(JSON.parse(keyFile)).toMatchObject({ kind: 'ujumbe-backup-key', recovery: folderKeyFile.recovery, database: made.name, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(keyFile).not.toContain(key.toString('hex'));
    expect(keyFile).not.toContain(folderKeyFile.sealed);
  });

  it('is a consistent copy while the app goes on writing', async () => {
    const backend = start();
    backend.store.transaction(() => {
      for (let i = 0; i < 2_000; i++) backend.messaging.receive({ from: `+2547${String(20_000_000 + (i % 50)).slice(-8)}`, text: `Habari ${i} ${'y'.repeat(200)}`, gatewayId: 'modem:test' });
    });
    backend.backups!.configure({ folder });
    const backup = backend.backups!.runNow();
    // Writes on the live connection while the worker copies: every one a transaction of a
    // message with its recipient row.
    let writes = 0;
    let done = false;
    void backup.finally(() => (done = true));
    while (!done) {
      backend.messaging.receive({ from: SENDER, text: `Wakati wa nakala ${writes}`, gatewayId: 'modem:test' });
      writes++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const made = await backup;
    const total = (backend.store.db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    await backend.stop({ deadlineMs: 1_000 });

    const copy = openRaw(made.path, { key: dataFolderKey(dataDir), readonly: true, fileMustExist: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    const n = (copy.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(2_000);
    expect(n).toBeLessThanOrEqual(total);
    // No message without its recipient row, nor a recipient row without its message: whole transactions only.
    expect(copy.prepare('SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id)').get()).toEqual({ n: 0 });
    expect(copy.prepare('SELECT count(*) AS n FROM message_recipients r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id)').get()).toEqual({ n: 0 });
    copy.close();
    expect(writes).toBeGreaterThan(0);
  });

  it('keeps the last N, each with its key file', async () => {
    const clock = new FakeClock('2026-12-01T09:00:00.000Z');
    const backend = start({ clock });
    backend.backups!.configure({ folder, keep: 3 });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push((await backend.backups!.runNow()).name);
      clock.advance(86_400_000);
    }
    await backend.stop({ deadlineMs: 1_000 });
    expect(listBackups(folder).map((b) => b.name)).toEqual(names.slice(2).reverse());
    expect(readdirSync(folder).sort()).toEqual(names.slice(2).flatMap((n) => [n, n.replace(/\.db$/, '.key.json')]).sort());
  });

  it('says when the last backup is older than 2 days and when the folder is missing, on the injected clock', async () => {
    const clock = new FakeClock('2026-12-01T09:00:00.000Z');
    const backend = start({ clock });
    expect(backend.backups!.status()).toMatchObject({ folder: null, stale: false, folderMissing: false, lastBackup: null, nextAt: null });
    backend.backups!.configure({ folder });
    // Chosen, none made yet: stale.
    expect(backend.backups!.status()).toMatchObject({ stale: true, folderMissing: false });
    await backend.backups!.runNow();
    expect(backend.backups!.status()).toMatchObject({ stale: false, lastBackup: { at: '2026-12-01T09:00:00.000Z', folder }, nextAt: '2026-12-02T09:00:00.000Z' });
    clock.advance(2 * 86_400_000);
    expect(backend.backups!.status().stale).toBe(false);
    clock.advance(60_000);
    expect(backend.backups!.status().stale).toBe(true);

    rmSync(folder, { recursive: true });
    expect(backend.backups!.status()).toMatchObject({ folderMissing: true, backups: [] });
    await expect(backend.backups!.runNow()).rejects.toMatchObject({ code: 'backup-folder-missing' });
    // Never made on the system disk in place of the stick.
    expect(existsSync(folder)).toBe(false);
    expect(backend.backups!.status().lastFailure).toMatchObject({ code: 'backup-folder-missing', at: clock.iso() });
    await backend.stop({ deadlineMs: 1_000 });
  });

  it('runs by itself daily once started, after start-up, and tries a missing folder again an hour later', async () => {
    const clock = new FakeClock('2026-12-01T09:00:00.000Z');
    const made: string[] = [];
    const backend = start({ clock, timers: clock, backups: { onBackup: (m, trigger) => made.push(`${trigger}:${m.madeAt}`) } });
    backend.backups!.configure({ folder });
    backend.backups!.start();
    // Due at once, but start-up goes first.
    expect(clock.pendingDelays()).toContain(2 * 60_000);
    clock.advance(2 * 60_000);
    await backend.backups!.runNow('schedule');
    expect(made).toEqual(['schedule:2026-12-01T09:02:00.000Z']);
    // No caller asked for it: the trail names the system.
    expect(backend.store.db.prepare("SELECT actor, action FROM audit_log WHERE action = 'backup.made'").all()).toEqual([{ actor: 'system', action: 'backup.made' }]);
    // The next one a day after, waited for an hour at a time.
    await new Promise((resolve) => setImmediate(resolve));
    expect(backend.backups!.status().nextAt).toBe('2026-12-02T09:02:00.000Z');
    rmSync(folder, { recursive: true });
    clock.advance(86_400_000);
    await backend.backups!.runNow('schedule').catch(() => undefined);
    expect(backend.backups!.status().nextAt).toBe('2026-12-02T10:02:00.000Z');
    await backend.backups!.stop();
    await backend.stop({ deadlineMs: 1_000 });
  });
});

describe('a restore', () => {
  it('brings back exactly what was backed up, keeping the database before it aside', async () => {
    const backend = start();
    fill(backend, 'before');
    backend.backups!.configure({ folder });
    const backedUp = tableContents(backend.store.db);
    const made = await backend.backups!.runNow();
    // Changes after the backup, which the restore takes back.
    fill(backend, 'after');
    backend.store.contacts.create('Baraka Otieno');
    const status = backend.backups!.status();
    expect(status.backups.map((b) => b.file)).toEqual([made.path]);
    stageRestore({ dataDir, from: made.path, folderKey: dataFolderKey(dataDir) });
    expect(readPendingRestore(dataDir)).toMatchObject({ from: made.path });
    const after = tableContents(backend.store.db);
    await backend.stop({ deadlineMs: 1_000 });

    const restored = start();
    expect(restored.restoreApplied).toMatchObject({ from: made.path });
    const keptIn = restored.restoreApplied!.keptIn;
    // The settings the backup itself records about backups are the running app's, written after the copy.
    expect(restoredContents(restored, made.path)).toEqual(backedUp);
    expect(restored.backups!.status()).toMatchObject({ pendingRestore: null, lastRestore: { from: made.path, keptIn } });
    await restored.stop({ deadlineMs: 1_000 });

    // The database before it, whole, with its key file, in before-restore-…/.
    expect(keptIn).toMatch(/before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    expect(readdirSync(keptIn)).toEqual(expect.arrayContaining(['ujumbe.db', DATABASE_KEY_FILE, 'README.txt']));
    const aside = openRaw(join(keptIn, 'ujumbe.db'), { key: dataFolderKey(dataDir), readonly: true, fileMustExist: true });
    expect(tableContents(aside)).toEqual(after);
    aside.close();
  });

  it('refuses a damaged, a foreign and a newer file, and a missing one, with nothing changed', async () => {
    const backend = start();
    fill(backend, 'one');
    backend.backups!.configure({ folder });
    const made = await backend.backups!.runNow();
    await backend.stop({ deadlineMs: 1_000 });
    const key = dataFolderKey(dataDir)!;

    const damaged = join(root, 'damaged.db');
    const bytes = readFileSync(made.path);
    for (let i = 4_096 * 2; i < 4_096 * 3; i++) bytes[i] = (i * 7 + 13) & 0xff;
    writeFileSync(damaged, bytes);
    const cut = join(root, 'cut.db');
    writeFileSync(cut, readFileSync(made.path).subarray(0, 4_096 * 2 + 100));
    const foreign = join(root, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const newer = join(root, 'newer.db');
    copyFileSync(made.path, newer);
    const n = openRaw(newer, { key, fileMustExist: true });
    n.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    n.close();
    const stranger = join(root, 'stranger.db');
    const s = openRaw(stranger, { key: Buffer.alloc(32, 9) });
    s.exec('CREATE TABLE t (x)');
    s.close();

    const before = snapshot(dataDir);
    const cases: Array<[string, string]> = [
      [damaged, 'damaged'],
      [cut, 'damaged'],
      [foreign, 'not-ujumbe'],
      [newer, 'too-new'],
      [join(root, 'nothing.db'), 'not-found'],
      [join(dataDir, 'ujumbe.db'), 'same-file'],
      [stranger, 'key-missing'],
    ];
    for (const [from, refusal] of cases) {
      let error: unknown;
      try {
        stageRestore({ dataDir, from, folderKey: key });
      } catch (e) {
        error = e;
      }
      expect(error, from).toBeInstanceOf(BackupRestoreRefusedError);
      expect((error as BackupRestoreRefusedError).toData(), from).toMatchObject({ code: 'restore-refused', details: { refusal } });
      expect((error as Error).message).toMatch(/Nothing was changed\.$/);
      expect(snapshot(dataDir), from).toEqual(before);
    }
  });

  it('opens on a new computer with the recovery code (no key file there), and the same code keeps opening it', async () => {
    const backend = start();
    fill(backend, 'clinic');
    backend.backups!.configure({ folder });
    const backedUp = tableContents(backend.store.db);
    const made = await backend.backups!.runNow();
    await backend.stop({ deadlineMs: 1_000 });
    const code = pendingRecoveryCode(dataDir, new KeyFileSecretStore(dataDir))!;
    // The old computer's disk is gone: only the stick is left.
    rmSync(dataDir, { recursive: true });
    const newDir = join(root, 'new-computer');
    mkdirSync(newDir);

    expect(() => stageRestore({ dataDir: newDir, from: made.path, folderKey: null })).toThrow(expect.objectContaining({ details: expect.objectContaining({ refusal: 'needs-recovery-code' }) }));
    expect(() => stageRestore({ dataDir: newDir, from: made.path, folderKey: null, recoveryCode: '0000-0000-0000-0000-0000-0000' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ refusal: 'wrong-code' }) }));
    expect(readdirSync(newDir)).toEqual([]);

    const { restoreCommand } = await import('../../../electron/cli/restore.ts');
    const out: string[] = [];
    const err: string[] = [];
    expect(await restoreCommand.run(['--data-dir', newDir, '--code', code, made.path], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
    expect(err).toEqual([]);
    const restored = start({}, newDir);
    expect(restoredContents(restored, made.path)).toEqual(backedUp);
    await restored.stop({ deadlineMs: 1_000 });
    // The new folder's key file carries the old recovery wrap: the code written down still opens it.
    mkdirSync(join(root, 'third'));
    const again = stageRestore({ dataDir: join(root, 'third'), from: made.path, folderKey: null, recoveryCode: code });
    expect(again.keyToInstall).not.toBeNull();
  });

  it('re-encrypts a backup made with another key (another computer) to this folder\'s key when given the code', async () => {
    const oldDir = join(root, 'old');
    const old = start({}, oldDir);
    fill(old, 'old');
    old.backups!.configure({ folder });
    const backedUp = tableContents(old.store.db);
    const made = await old.backups!.runNow();
    await old.stop({ deadlineMs: 1_000 });
    const code = pendingRecoveryCode(oldDir, new KeyFileSecretStore(oldDir))!;

    // This computer was started fresh before the stick came back: it has a key of its own.
    const fresh = start();
    fresh.store.contacts.create('Mtu mpya');
    const freshKey = dataFolderKey(dataDir)!;
    expect(() => stageRestore({ dataDir, from: made.path, folderKey: freshKey })).toThrow(expect.objectContaining({ details: expect.objectContaining({ refusal: 'needs-recovery-code' }) }));
    const staged = stageRestore({ dataDir, from: made.path, folderKey: freshKey, recoveryCode: code });
    expect(staged.keyToInstall).toBeNull();
    await fresh.stop({ deadlineMs: 1_000 });
    const restored = start();
    expect(restored.restoreApplied).not.toBeNull();
    expect(restoredContents(restored, made.path)).toEqual(backedUp);
    await restored.stop({ deadlineMs: 1_000 });
    expect(dataFolderKey(dataDir)!.equals(freshKey)).toBe(true);
  });
});
