/**
 * Settings "Backups" (renderer/screens/settings/Backups.tsx; issue 13 "Backups"): the folder and
 * how many to keep, the last backup and the warnings (older than 2 days, folder missing), "Back
 * up now" with its result, and "Restore…" behind a confirmation, asking for the recovery code
 * when the backup needs it; errors next to where they happen, in English and Swahili.
 */
import { afterEach, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BackupStatusDto } from '../../src-shared/contract/backup-commands.ts';
import { RpcError } from '../../src-shared/rpc/client.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { Backups } from '../../renderer/screens/settings/Backups.tsx';
import { resetScreens, setupScreen } from './contacts-harness.tsx';
import { BACKUPS_OFF } from './harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const FOLDER = '/media/usb/ujumbe';
const BACKUP = { file: `${FOLDER}/ujumbe-backup-2026-12-01T09-00-00Z.db`, name: 'ujumbe-backup-2026-12-01T09-00-00Z.db', madeAt: '2026-12-01T09:00:00.000Z', bytes: 3 * 1_048_576, hasKeyFile: true };
const ON: BackupStatusDto = { ...BACKUPS_OFF, folder: FOLDER, lastBackup: { at: BACKUP.madeAt, name: BACKUP.name, folder: FOLDER, bytes: BACKUP.bytes }, nextAt: '2026-12-02T09:00:00.000Z', backups: [BACKUP] };

it('turns backups on with a typed folder and a number to keep, and says when they are off', async () => {
  const user = userEvent.setup();
  let state = BACKUPS_OFF;
  const b = setupScreen({
    'backups.status': () => state,
    'backups.configure': (p) => {
      state = { ...state, folder: p.folder ?? null, keep: p.keep ?? state.keep, stale: true };
      return state;
    },
  });
  b.render(<Backups />);
  const section = await screen.findByRole('region', { name: 'Backups' });
  expect(await within(section).findByText(/Automatic backups are off/)).toBeTruthy();
  expect((within(section).getByRole('button', { name: 'Back up now' }) as HTMLButtonElement).disabled).toBe(true);
  await user.type(within(section).getByRole('textbox', { name: 'Backup folder' }), FOLDER);
  const keep = within(section).getByRole('textbox', { name: 'Backups to keep' });
  await user.clear(keep);
  await user.type(keep, '0');
  await user.click(within(section).getByRole('button', { name: 'Save backup settings' }));
  // Refused next to the field, nothing sent.
  expect(await within(section).findByText('Keep from 1 to 100 backups.')).toBeTruthy();
  expect(b.callsOf('backups.configure')).toHaveLength(0);
  await user.clear(keep);
  await user.type(keep, '5');
  await user.click(within(section).getByRole('button', { name: 'Save backup settings' }));
  expect(await within(section).findByText('Backup settings saved.')).toBeTruthy();
  expect(b.callsOf('backups.configure')).toEqual([{ folder: FOLDER, keep: 5 }]);
  expect(within(section).getByText('No backup has been made yet.')).toBeTruthy();
});

it('shows the last backup, warns when it is old or the folder is missing, and backs up now', async () => {
  const user = userEvent.setup();
  let state: BackupStatusDto = { ...ON, stale: true, folderMissing: true, backups: [] };
  const b = setupScreen({
    'backups.status': () => state,
    'backups.run': () => {
      if (state.folderMissing) throw new RpcError('backup-folder-missing', 'The backup folder is not there', { folder: FOLDER });
      state = { ...ON, lastBackup: { ...ON.lastBackup!, name: 'ujumbe-backup-2026-12-04T10-00-00Z.db' } };
      return state;
    },
  });
  b.render(<Backups />);
  const section = await screen.findByRole('region', { name: 'Backups' });
  const warnings = await within(section).findByRole('list', { name: 'Warnings' });
  expect(within(warnings).getByText(/The backup folder \/media\/usb\/ujumbe is not there/)).toBeTruthy();
  expect(within(warnings).getByText('The last backup is more than 2 days old.')).toBeTruthy();
  expect(within(section).getByText(/Last backup: .*\(3\.0 MiB\), in \/media\/usb\/ujumbe\./)).toBeTruthy();

  await user.click(within(section).getByRole('button', { name: 'Back up now' }));
  expect(await within(section).findByRole('alert')).toHaveProperty('textContent', 'The backup folder is not there: plug in the USB stick or disk, or choose another folder.');

  state = { ...state, folderMissing: false };
  await user.click(within(section).getByRole('button', { name: 'Back up now' }));
  expect(await within(section).findByText('Backup made: ujumbe-backup-2026-12-04T10-00-00Z.db.')).toBeTruthy();
  await waitFor(() => expect(within(section).queryByRole('list', { name: 'Warnings' })).toBeNull());
});

it('restores a backup after a confirmation, asks for the recovery code when the backup needs it, and says to restart', async () => {
  const user = userEvent.setup();
  let state = ON;
  const b = setupScreen({
    'backups.status': () => state,
    'backups.restore': (p) => {
      if (p.recoveryCode === undefined) throw new RpcError('restore-refused', 'needs code', { from: p.file, refusal: 'needs-recovery-code', said: null });
      if (p.recoveryCode !== '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA') throw new RpcError('restore-refused', 'wrong code', { from: p.file, refusal: 'wrong-code', said: null });
      state = { ...state, pendingRestore: { from: p.file, requestedAt: '2026-12-04T10:00:00.000Z' } };
      return { ...state, restartRequired: true as const };
    },
    'backups.cancelRestore': () => {
      state = { ...state, pendingRestore: null };
      return state;
    },
  });
  b.render(<Backups />);
  const section = await screen.findByRole('region', { name: 'Backups' });
  await user.click(await within(section).findByRole('button', { name: /^Restore the backup made / }));
  const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
  expect(within(dialog).getByText(/The database in use now is kept/)).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Check and restore' }));
  expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/made with another key/));
  await user.type(within(dialog).getByRole('textbox', { name: /Recovery code/ }), 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
  await user.click(within(dialog).getByRole('button', { name: 'Check and restore' }));
  expect(await within(dialog).findByText(/That recovery code does not open the backup/)).toBeTruthy();
  const codeField = within(dialog).getByRole('textbox', { name: /Recovery code/ });
  await user.clear(codeField);
  await user.type(codeField, '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA');
  await user.click(within(dialog).getByRole('button', { name: 'Check and restore' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(await within(section).findByText(/is checked and waits: restart Ujumbe to finish\./)).toBeTruthy();
  expect(b.callsOf('backups.restore').at(-1)).toEqual({ file: BACKUP.file, recoveryCode: '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA' });
  await user.click(within(section).getByRole('button', { name: 'Do not restore' }));
  await waitFor(() => expect(within(section).queryByText(/restart Ujumbe to finish/)).toBeNull());
});

it('speaks Swahili', async () => {
  const b = setupScreen({ 'backups.status': () => ({ ...ON, stale: true }) });
  setLanguage('sw');
  b.render(<Backups />);
  const section = await screen.findByRole('region', { name: 'Nakala za akiba' });
  expect(await within(section).findByText('Nakala ya mwisho ina zaidi ya siku 2.')).toBeTruthy();
  expect(within(section).getByRole('button', { name: 'Fanya nakala sasa' })).toBeTruthy();
});

it('in the desktop app, chooses the folder and a backup file with the system’s chooser; the browser has none', async () => {
  const user = userEvent.setup();
  const b = setupScreen({ 'backups.status': () => BACKUPS_OFF, 'backups.configure': (p) => ({ ...BACKUPS_OFF, folder: p.folder ?? null }) });
  const view = b.render(<Backups />);
  const section = await screen.findByRole('region', { name: 'Backups' });
  expect(within(section).queryByRole('button', { name: 'Choose a folder…' })).toBeNull();
  view.unmount();

  const chosen: string[] = [];
  (window as { ujumbe?: unknown }).ujumbe = {
    choosePath: async (kind: string) => {
      chosen.push(kind);
      return kind === 'backup-folder' ? FOLDER : null;
    },
  };
  try {
    b.render(<Backups />);
    const desk = await screen.findByRole('region', { name: 'Backups' });
    await user.click(await within(desk).findByRole('button', { name: 'Choose a folder…' }));
    await waitFor(() => expect((within(desk).getByRole('textbox', { name: 'Backup folder' }) as HTMLInputElement).value).toBe(FOLDER));
    await user.click(within(desk).getByRole('button', { name: 'Save backup settings' }));
    await waitFor(() => expect(b.callsOf('backups.configure')).toEqual([{ folder: FOLDER, keep: BACKUPS_OFF.keep }]));
    // Cancelled: nothing opens.
    await user.click(within(desk).getByRole('button', { name: 'Choose a backup file…' }));
    expect(chosen).toEqual(['backup-folder', 'backup-file']);
    expect(screen.queryByRole('dialog')).toBeNull();
  } finally {
    delete (window as { ujumbe?: unknown }).ujumbe;
  }
});
