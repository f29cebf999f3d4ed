/**
 * Roles over the desktop app's IPC (issue 13 "Tests"; against the stand-in `electron` module,
 * with the real backend and main.ts): the window's session signs in as each role in turn and
 * tries every command of the contract (test/support/role-table.ts); only the allowed ones run. A
 * locked window gets no data, and a notification that arrives while it is locked names no one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../src-shared/contract/access.ts';
import type { CommandName } from '../../../src-shared/contract/commands.ts';
import { EVERY_COMMAND, judge, SEATS, SECRETS } from '../../support/role-table.ts';
import { FakeNotification } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

let rig: DesktopRig;
const ids: Record<Role, number> = { administrator: 0, nurse: 0, viewer: 0 };

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-roles-', modem: 'simulator' });
  await rig.launch();
  const status = await rig.ask('session.status', {});
  ids.administrator = (status.result as { actor: { id: number } }).actor.id;
  expect((await rig.ask('session.setOwnSecret', { current: '', secret: SECRETS.administrator })).ok).toBe(true);
  for (const role of ['nurse', 'viewer'] as const) {
    const made = await rig.ask('users.create', { name: `A ${role}`, role, secret: SECRETS[role] });
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    ids[role] = (made.result as { id: number }).id;
  }
}, 60_000);

afterAll(() => rig.close());

describe('roles over the desktop app’s IPC', () => {
  for (const role of SEATS) {
    it(`${role ?? 'a locked window'}: every command of the contract, only the allowed ones run`, async () => {
      if (role === null) {
        // The window is whoever signed in last; lock it.
        await rig.ask('session.signIn', { userId: ids.nurse, secret: SECRETS.nurse });
        expect((await rig.ask('session.lock', {})).ok).toBe(true);
      } else {
        const signed = await rig.ask('session.signIn', { userId: ids[role], secret: SECRETS[role] });
        expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
      }
      const wrong: string[] = [];
      for (const command of EVERY_COMMAND) {
        const problem = judge(role, command as CommandName, await rig.ask(command, {}));
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it('a message that arrives while the window is locked: the notification names no one', async () => {
    expect((await rig.ask('session.lock', {})).result).toMatchObject({ actor: null });
    const before = FakeNotification.instances.length;
    rig.sim.deliverSms({ from: '+254712345678', text: 'Siri' });
    await vi.waitFor(() => expect(FakeNotification.instances.length, rig.log().split('\n').slice(-15).join('\n')).toBeGreaterThan(before), { timeout: 15_000 });
    const shown = FakeNotification.instances.at(-1)!.options;
    expect(shown).toMatchObject({ title: 'New SMS', body: 'Sign in to Ujumbe to read it.' });
    expect(JSON.stringify(shown)).not.toContain('+254712345678');
  }, 30_000);
});
