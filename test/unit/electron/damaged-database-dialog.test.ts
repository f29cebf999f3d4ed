/**
 * The desktop app's damaged-database question (electron/main/damaged-database-dialog.ts) over the
 * real createBackend on temp folders: restoring a good copy, the language chosen from the
 * system's locale, and errors that are not about damage passed on. The whole app:
 * test/integration/desktop/main-damaged-database*.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import type { DatabaseRecovery } from '../../../electron/backend/store/damaged-database.ts';
import { createBackendAskingAboutDamage, DAMAGE_WORDS, mainLanguage } from '../../../electron/main/damaged-database-dialog.ts';
import { copyWithDamagedPage, makeRealDatabase, sha256 } from '../../support/damaged-database.ts';
import { fakeElectron, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { dialog } = fakeElectron;
let root: string;
let good: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-dialog-'));
  mkdirSync(join(root, 'good'));
  good = makeRealDatabase(join(root, 'good'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

function damagedFolder(): string {
  const dataDir = mkdtempSync(join(root, 'data-'));
  copyWithDamagedPage(good, join(dataDir, 'ujumbe.db'), 4);
  return dataDir;
}

const create = (dataDir: string) => (databaseRecovery: DatabaseRecovery | null) => createBackend({ dataDir, detection: false, dataFolderLock: 'desktop', databaseRecovery });

describe('createBackendAskingAboutDamage', () => {
  it('restores the copy the person chose', async () => {
    const dataDir = damagedFolder();
    const copy = sha256(good);
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [good] });
    const backend = await createBackendAskingAboutDamage(create(dataDir), () => 'en');
    expect(backend?.databaseStart?.after).toMatchObject({ way: 'restore', restoredFrom: good });
    expect(backend?.store.contacts.exists(1)).toBe(true);
    await backend?.stop();
    expect(sha256(good)).toBe(copy);
    expect(dialog.showOpenDialog.mock.calls[0]![0]).toMatchObject({ title: DAMAGE_WORDS.en.chooseCopy, properties: ['openFile'] });
  });

  it('asks nothing when the database is whole', async () => {
    const dataDir = mkdtempSync(join(root, 'whole-'));
    const backend = await createBackendAskingAboutDamage(create(dataDir), () => 'en');
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    await backend?.stop();
  });

  it('passes on what is not about damage', async () => {
    const failure = Object.assign(new Error('Ujumbe is already running for this data folder'), { code: 'data-folder-in-use' });
    await expect(createBackendAskingAboutDamage(() => { throw failure; }, () => 'en')).rejects.toBe(failure);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('words every reason and refusal in both languages, and picks Swahili from the locale', () => {
    for (const words of Object.values(DAMAGE_WORDS)) {
      for (const text of [...Object.values(words.reasons), ...Object.values(words.refusals)]) expect(text.trim()).not.toBe('');
    }
    expect(mainLanguage('sw')).toBe('sw');
    expect(mainLanguage('sw-TZ')).toBe('sw');
    expect(mainLanguage('en-KE')).toBe('en');
    expect(mainLanguage('swe')).toBe('en');
  });
});
