/**
 * `ujumbe recover` (electron/cli/recover.ts): the recovery code re-seals the database key when
 * its protection is lost; a wrong code changes nothing; then the data opens again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recoverCommand } from '../../../electron/cli/recover.ts';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { KeyFileSecretStore } from '../../../electron/backend/gateways/email/secret-store.ts';
import { DATABASE_KEY_FILE, pendingRecoveryCode } from '../../../electron/backend/store/database-key.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-recover-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

it('re-seals the key with the recovery code after the key file is lost, and refuses a wrong code without changing anything', async () => {
  const first = createBackend({ dataDir, detection: false, dataFolderLock: 'headless' });
  first.store.contacts.create('Neema Achieng');
  await first.stop({ deadlineMs: 1_000 });
  const code = pendingRecoveryCode(dataDir, new KeyFileSecretStore(dataDir))!;
  rmSync(join(dataDir, 'secret.key'));
  const keyFile = readFileSync(join(dataDir, DATABASE_KEY_FILE), 'utf8');

  const wrong = io();
  expect(await recoverCommand.run(['--data-dir', dataDir, '--code', '0000-0000-0000-0000-0000-0000'], wrong.io)).toBe(1);
  expect(wrong.err.join('\n')).toMatch(/^ujumbe recover: That recovery code does not open this data\..*Nothing was changed\.$/);
  expect(readFileSync(join(dataDir, DATABASE_KEY_FILE), 'utf8')).toBe(keyFile);

  const right = io();
  expect(await recoverCommand.run(['--data-dir', dataDir, '--code', code], right.io)).toBe(0);
  expect(right.out.join('\n')).toContain('the key file secret.key');
  const back = createBackend({ dataDir, detection: false, dataFolderLock: 'headless' });
  expect(back.store.db.prepare("SELECT count(*) AS n FROM contacts WHERE name = 'Neema Achieng'").get()).toEqual({ n: 1 });
  await back.stop({ deadlineMs: 1_000 });
});

it('refuses extra arguments and an empty code', async () => {
  await expect(recoverCommand.run(['extra'], io().io)).rejects.toThrow(/unexpected argument/);
  await expect(recoverCommand.run(['--data-dir', dataDir, '--code', ' '], io().io)).rejects.toThrow(/no recovery code/);
});
