/**
 * `ujumbe backup` and `ujumbe restore` (electron/cli/backup.ts, restore.ts; issue 13 "Backups")
 * on real encrypted data folders: a backup beside a running host, to --out or to the chosen
 * folder; a restore that brings the data back; a restore refused, with a clear message and
 * exit code 1, while a host holds the folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { backupCommand } from '../../../electron/cli/backup.ts';
import { restoreCommand } from '../../../electron/cli/restore.ts';
import { openDataFolderDatabase } from '../../support/data-folder-database.ts';

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-cli-backup-'));
  dataDir = join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const host = () => createBackend({ dataDir, detection: false, dataFolderLock: 'headless' });

function contacts(): string[] {
  const db = openDataFolderDatabase(dataDir, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM contacts ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

it('backs up beside a running host to --out, and restores it once the host has stopped', async () => {
  const running = host();
  running.store.contacts.create('Neema Achieng');
  const out = join(root, 'copy.db');
  const backup = io();
  expect(await backupCommand.run(['--data-dir', dataDir, '--out', out], backup.io)).toBe(0);
  expect(backup.out[0]).toMatch(/^Backup made: .*copy\.db \(\d+\.\d MiB, \d+\.\d s\)\.$/);
  expect(existsSync(join(root, 'copy.key.json'))).toBe(true);
  // Never over a file.
  const again = io();
  expect(await backupCommand.run(['--data-dir', dataDir, '--out', out], again.io)).toBe(1);
  expect(again.err.join('\n')).toMatch(/exists already/);

  running.store.contacts.create('Baraka Otieno');
  // While the host runs on the folder: refused, saying who holds it, nothing changed.
  const refused = io();
  expect(await restoreCommand.run(['--data-dir', dataDir, out], refused.io)).toBe(1);
  expect(refused.err.join('\n')).toMatch(/^ujumbe restore: Ujumbe is already running for this data folder \(ujumbe serve, process \d+.*\)\. Close it first, or open a different data folder\. Nothing was restored\.$/);
  expect(readdirSync(dataDir).some((f) => f.startsWith('before-restore-') || f.includes('restoring') || f === 'restore-pending.json')).toBe(false);
  await running.stop({ deadlineMs: 1_000 });
  expect(contacts()).toEqual(['Baraka Otieno', 'Neema Achieng']);

  const restore = io();
  expect(await restoreCommand.run(['--data-dir', dataDir, out], restore.io)).toBe(0);
  expect(restore.out.join('\n')).toMatch(/Restored .*copy\.db into .*\nThe database in use before is kept in .*before-restore-/);
  expect(contacts()).toEqual(['Neema Achieng']);
  const back = host();
  expect(back.restoreApplied).toBeNull();
  await back.stop({ deadlineMs: 1_000 });
});

it('backs up into the folder chosen in Settings, keeping the number chosen there, and says when none is chosen', async () => {
  const running = host();
  const none = io();
  expect(await backupCommand.run(['--data-dir', dataDir], none.io)).toBe(1);
  expect(none.err).toEqual(['ujumbe backup: no backup folder is chosen. Give --out FILE, or choose a folder in Settings > Backups.']);
  const folder = join(root, 'stick');
  mkdirSync(folder);
  running.backups!.configure({ folder, keep: 1 });
  const first = io();
  expect(await backupCommand.run(['--data-dir', dataDir], first.io)).toBe(0);
  expect(first.out[0]).toMatch(/^Backup made: .*ujumbe-backup-.*\.db/);
  await running.stop({ deadlineMs: 1_000 });
  expect(readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);

  rmSync(folder, { recursive: true });
  const missing = io();
  expect(await backupCommand.run(['--data-dir', dataDir], missing.io)).toBe(1);
  expect(missing.err.join('\n')).toMatch(/The backup folder .*stick is not there: plug in the USB stick/);
});

it('refuses a file that is not a backup, and a backup of other data without the code, changing nothing', async () => {
  await host().stop({ deadlineMs: 1_000 });
  const before = readFileSync(join(dataDir, 'ujumbe.db'));
  const notes = join(root, 'notes.txt');
  const bad = io();
  expect(await restoreCommand.run(['--data-dir', dataDir, notes], bad.io)).toBe(1);
  expect(bad.err).toEqual([`ujumbe restore: This backup cannot be restored: there is no such file (${notes}). Nothing was changed.`]);

  const otherDir = join(root, 'other');
  const other = createBackend({ dataDir: otherDir, detection: false, dataFolderLock: 'headless' });
  await other.stop({ deadlineMs: 1_000 });
  const otherBackup = join(root, 'other.db');
  expect(await backupCommand.run(['--data-dir', otherDir, '--out', otherBackup], io().io)).toBe(0);
  const needsCode = io();
  expect(await restoreCommand.run(['--data-dir', dataDir, otherBackup], needsCode.io)).toBe(1);
  expect(needsCode.err.join('\n')).toMatch(/made with another key.*Run it again with --code CODE\.$/);
  expect(readFileSync(join(dataDir, 'ujumbe.db')).equals(before)).toBe(true);
  await expect(restoreCommand.run(['--data-dir', dataDir], io().io)).rejects.toThrow(/name the backup file/);
});
