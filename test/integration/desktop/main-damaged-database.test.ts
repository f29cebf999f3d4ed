/**
 * The desktop host (against the stand-in `electron` module) on a damaged database (issue 10
 * item 6): it asks in a dialog instead of starting; the person tries a bad copy (refused, said
 * so, nothing changed), cancels the file chooser (asked again), then starts empty. The damaged
 * file is kept untouched, the window opens, and app.info carries the notice until dismissed.
 * Quit: main-damaged-database-quit.test.ts; a good copy: main-damaged-database-restore.test.ts.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyWithDamagedPage, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';
import { fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { app, dialog } = fakeElectron;
let rig: DesktopRig;
let badCopy: string;
let damagedHash: string;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-damaged-', modem: 'none' });
  mkdirSync(join(rig.root, 'good'));
  const good = makeRealDatabase(join(rig.root, 'good'));
  copyWithDamagedPage(good, join(rig.dataDir, 'ujumbe.db'), Math.round(pageCount(good) / 2));
  damagedHash = sha256(join(rig.dataDir, 'ujumbe.db'));
  badCopy = join(rig.root, 'bad-copy.db');
  copyWithDamagedPage(good, badCopy, 3);

  // 1: Restore → the bad copy → refused (OK); 2: Restore → cancelled; 3: Start empty.
  dialog.showMessageBox
    .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 0, checkboxChecked: false });
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [badCopy] }).mockResolvedValueOnce({ canceled: true, filePaths: [] });
  await rig.launch();
});

afterAll(() => rig.close());

describe('the desktop app on a damaged database', () => {
  it('asks in plain words with the three ways, refuses the bad copy, asks again after a cancel', () => {
    const calls = dialog.showMessageBox.mock.calls.map(([options]) => options as { title: string; message: string; detail: string; buttons: string[] });
    expect(calls).toHaveLength(4);
    const [question, refused, again, last] = calls;
    expect(question).toMatchObject({
      type: 'warning',
      title: 'Ujumbe’s data is damaged',
      message: 'Ujumbe’s database is damaged, so Ujumbe has not started.',
      buttons: ['Start with an empty database', 'Restore from a copy…', 'Quit'],
      cancelId: 2,
    });
    expect(question!.detail).toContain(`The file ${join(rig.dataDir, 'ujumbe.db')} cannot be read safely (parts of it are damaged). Ujumbe has not changed it.`);
    expect(refused).toMatchObject({ type: 'error', title: 'This copy cannot be used', message: 'This copy cannot be restored: that copy is damaged too.' });
    expect(refused!.detail).toContain(badCopy);
    expect(again).toMatchObject({ title: question!.title });
    expect(last).toMatchObject({ title: question!.title });
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(2);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('started empty: the damaged file kept untouched in damaged-<time>/, and the window opened', () => {
    const folders = readdirSync(rig.dataDir).filter((name) => name.startsWith('damaged-'));
    expect(folders).toHaveLength(1);
    expect(sha256(join(rig.dataDir, folders[0]!, 'ujumbe.db'))).toBe(damagedHash);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('tells the window once: app.info carries the notice until it is dismissed', async () => {
    const [folder] = readdirSync(rig.dataDir).filter((name) => name.startsWith('damaged-'));
    const info = await rig.ask('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { host: 'electron', databaseNotice: { code: 'started-empty', keptIn: join(rig.dataDir, folder!), restoredFrom: null } } });
    expect(await rig.ask('app.dismissDatabaseNotice', {})).toMatchObject({ ok: true, result: { dismissed: true } });
    const after = await rig.ask('app.info', {});
    expect(after.ok).toBe(true);
    expect(after.result).not.toHaveProperty('databaseNotice');
  });
});
