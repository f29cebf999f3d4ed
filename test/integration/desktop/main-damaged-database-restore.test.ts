/**
 * The desktop host (against the stand-in `electron` module) on a damaged database: the person
 * chooses "Restore from a copy…" and picks a good copy. The copy takes its place (its contacts
 * are there), the clinic's copy is only read, the damaged file is kept untouched, and app.info
 * says "restored". Start empty and Quit: main-damaged-database(-quit).test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmptyWithWal, makeRealDatabase, sha256 } from '../../support/damaged-database.ts';
import { fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { dialog } = fakeElectron;
let rig: DesktopRig;
let good: string;
let goodHash: string;
let walHash: string;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-restore-', modem: 'none' });
  mkdirSync(join(rig.root, 'usb'));
  good = makeRealDatabase(join(rig.root, 'usb'));
  goodHash = sha256(good);
  makeEmptyWithWal(mkdtempSync(join(rig.root, 'scratch-')), rig.dataDir);
  walHash = sha256(join(rig.dataDir, 'ujumbe.db-wal'));
  dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [good] });
  await rig.launch();
});

afterAll(() => rig.close());

describe('the desktop app restoring a copy after damage', () => {
  it('uses the copy, keeps the damaged file and its WAL aside untouched, and says "restored"', async () => {
    expect((dialog.showMessageBox.mock.calls[0]![0] as { detail: string }).detail).toContain('(the file is empty, but its log of recent changes is not)');
    const [folder] = readdirSync(rig.dataDir).filter((name) => name.startsWith('damaged-'));
    expect(folder).toBeDefined();
    expect(sha256(join(rig.dataDir, folder!, 'ujumbe.db-wal'))).toBe(walHash);
    expect(sha256(good)).toBe(goodHash);
    const info = await rig.ask('app.info', {});
    expect(info.result).toMatchObject({ databaseNotice: { code: 'restored', restoredFrom: good, keptIn: join(rig.dataDir, folder!) } });
    const contacts = await rig.ask('contacts.list', {});
    expect(contacts.result).toMatchObject({ total: 300 });
  });
});
