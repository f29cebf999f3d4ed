/**
 * Settings "Users and sign-in" (renderer/screens/settings/Users.tsx) and "Change my PIN"
 * (app/SessionControls.tsx): the list, adding a user with the PIN twice, role, disable, a new
 * PIN, delete after asking, "Require sign-in" and the idle minutes, and each refusal of the
 * backend in words where it happened.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserDto } from '../../src-shared/contract/access-commands.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { Users } from '../../renderer/screens/settings/Users.tsx';
import { useSession } from '../../renderer/state/session.ts';
import { resetScreens, setupScreen, type Stubs } from './contacts-harness.tsx';
import { createBackend, DESK_SESSION, renderApp, resetAll } from './harness.tsx';
import { signedIn } from './session-fixtures.ts';

afterEach(() => {
  resetScreens();
  resetAll();
  setLanguage('en');
});

const AT = '2026-03-02T06:30:00.000Z';
const user = (over: Partial<UserDto>): UserDto => ({ id: 1, name: 'Wanjiru', role: 'administrator', hasSecret: true, disabled: false, created: AT, lastSignIn: AT, ...over });
const WANJIRU = user({});
const AMINA = user({ id: 2, name: 'Amina', role: 'nurse', lastSignIn: null });

function panel(stubs: Stubs = {}, session = signedIn(1), language = 'en') {
  let items = [WANJIRU, AMINA];
  const b = setupScreen({
    'users.list': () => ({ items }),
    'session.status': () => signedIn(1),
    'users.create': (p) => {
      const made = user({ id: 3, name: p.name, role: p.role, lastSignIn: null });
      items = [...items, made];
      return made;
    },
    'users.update': (p) => {
      items = items.map((u) => (u.id === p.id ? { ...u, ...(p.role ? { role: p.role } : {}), ...(p.disabled !== undefined ? { disabled: p.disabled } : {}) } : u));
      return items.find((u) => u.id === p.id) as UserDto;
    },
    'users.setSecret': (p) => items.find((u) => u.id === p.id) as UserDto,
    'users.delete': (p) => {
      items = items.filter((u) => u.id !== p.id);
      return { deleted: true };
    },
    'users.setSignIn': (p) => ({ ...signedIn(1), signInRequired: p.required, lockAfterMinutes: p.lockAfterMinutes ?? null }),
    ...stubs,
  });
  useSession.getState().set(session);
  setLanguage(language);
  b.render(<Users />);
  return b;
}

const region = () => screen.getByRole('region', { name: 'Users and sign-in' });
const rowOf = (name: string) => within(region()).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr') as HTMLElement;

describe('the users panel', () => {
  it('lists users with their role, PIN, state and last sign-in', async () => {
    panel();
    await screen.findByRole('rowheader', { name: 'Wanjiru (you)' });
    const amina = rowOf('Amina');
    expect((within(amina).getByRole('combobox', { name: 'Role of Amina' }) as HTMLSelectElement).value).toBe('nurse');
    expect(within(amina).getByText('Set')).toBeTruthy();
    expect(within(amina).getByText('Active')).toBeTruthy();
    expect(within(amina).getByText('Never')).toBeTruthy();
    // No delete on your own row.
    expect(within(rowOf('Wanjiru')).queryByRole('button', { name: 'Delete Wanjiru' })).toBeNull();
  });

  it('adds a user with the PIN typed twice, checked before asking', async () => {
    const u = userEvent.setup();
    const b = panel();
    await screen.findByRole('rowheader', { name: 'Amina' });
    const form = within(region()).getByRole('form', { name: 'Add a user' });
    await u.type(within(form).getByRole('textbox', { name: 'Name' }), 'Juma');
    await u.selectOptions(within(form).getByRole('combobox', { name: 'Role' }), 'Viewer');
    await u.type(within(form).getByLabelText('PIN or password'), '1234');
    await u.type(within(form).getByLabelText('PIN or password again'), '1243');
    await u.click(within(form).getByRole('button', { name: 'Add the user' }));
    expect(within(form).getByRole('alert').textContent).toBe('The two PINs are not the same.');
    expect(b.callsOf('users.create')).toHaveLength(0);
    await u.clear(within(form).getByLabelText('PIN or password again'));
    await u.type(within(form).getByLabelText('PIN or password again'), '1234');
    await u.click(within(form).getByRole('button', { name: 'Add the user' }));
    expect(await within(region()).findByRole('rowheader', { name: 'Juma' })).toBeTruthy();
    expect(b.callsOf('users.create')).toEqual([{ name: 'Juma', role: 'viewer', secret: '1234' }]);
  });

  it('says a name already taken next to the name', async () => {
    const u = userEvent.setup();
    panel({
      'users.create': () => {
        throw new UjumbeError('conflict', 'Name taken', { reason: 'name-taken' });
      },
    });
    await screen.findByRole('rowheader', { name: 'Amina' });
    const form = within(region()).getByRole('form', { name: 'Add a user' });
    await u.type(within(form).getByRole('textbox', { name: 'Name' }), 'Amina');
    await u.type(within(form).getByLabelText('PIN or password'), '1234');
    await u.type(within(form).getByLabelText('PIN or password again'), '1234');
    await u.click(within(form).getByRole('button', { name: 'Add the user' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('There is already a user with that name.');
  });

  it('changes a role, disables, and says why the last administrator cannot be demoted', async () => {
    const u = userEvent.setup();
    const b = panel();
    await screen.findByRole('rowheader', { name: 'Amina' });
    await u.selectOptions(within(rowOf('Amina')).getByRole('combobox', { name: 'Role of Amina' }), 'Viewer');
    await waitFor(() => expect(b.callsOf('users.update')).toEqual([{ id: 2, role: 'viewer' }]));
    await u.click(within(rowOf('Amina')).getByRole('button', { name: 'Disable Amina' }));
    expect(await within(rowOf('Amina')).findByText('Disabled')).toBeTruthy();
    expect(within(rowOf('Amina')).getByRole('button', { name: 'Enable Amina' })).toBeTruthy();

    resetScreens();
    panel({
      'users.update': () => {
        throw new UjumbeError('conflict', 'Last admin', { reason: 'last-administrator' });
      },
    });
    await screen.findByRole('rowheader', { name: 'Amina' });
    await u.selectOptions(within(rowOf('Wanjiru')).getByRole('combobox', { name: 'Role of Wanjiru' }), 'Nurse');
    expect((await within(rowOf('Wanjiru')).findByRole('alert')).textContent).toMatch(/^The desk needs at least one administrator/);
  });

  it('sets a new PIN in a dialog', async () => {
    const u = userEvent.setup();
    const b = panel();
    await screen.findByRole('rowheader', { name: 'Amina' });
    await u.click(within(rowOf('Amina')).getByRole('button', { name: 'Set a new PIN for Amina' }));
    const dialog = screen.getByRole('dialog', { name: 'A new PIN for Amina' });
    await u.type(within(dialog).getByLabelText('PIN or password'), '12');
    await u.click(within(dialog).getByRole('button', { name: 'Save the PIN' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('A PIN or password has at least 4 characters.');
    await u.type(within(dialog).getByLabelText('PIN or password'), '3456');
    await u.type(within(dialog).getByLabelText('PIN or password again'), '123456');
    await u.click(within(dialog).getByRole('button', { name: 'Save the PIN' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(b.callsOf('users.setSecret')).toEqual([{ id: 2, secret: '123456' }]);
  });

  it('deletes a user only after asking', async () => {
    const u = userEvent.setup();
    const b = panel();
    await screen.findByRole('rowheader', { name: 'Amina' });
    await u.click(within(rowOf('Amina')).getByRole('button', { name: 'Delete Amina' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Amina?' });
    expect(b.callsOf('users.delete')).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Delete the user' }));
    await waitFor(() => expect(within(region()).queryByRole('rowheader', { name: 'Amina' })).toBeNull());
    expect(b.callsOf('users.delete')).toEqual([{ id: 2 }]);
  });

  it('turns sign-in on with an idle lock, and says why it cannot yet', async () => {
    const u = userEvent.setup();
    const b = panel({}, DESK_SESSION);
    await screen.findByRole('rowheader', { name: 'Amina' });
    const form = within(region()).getByRole('form', { name: 'Sign-in' });
    await u.click(within(form).getByRole('checkbox', { name: 'Require sign-in' }));
    await u.type(within(form).getByRole('textbox', { name: 'Lock after this many minutes of no use' }), '500');
    await u.click(within(form).getByRole('button', { name: 'Save sign-in' }));
    expect(within(form).getByRole('alert').textContent).toBe('Write a whole number of minutes from 1 to 240, or leave it empty.');
    await u.clear(within(form).getByRole('textbox', { name: 'Lock after this many minutes of no use' }));
    await u.type(within(form).getByRole('textbox', { name: 'Lock after this many minutes of no use' }), '10');
    await u.click(within(form).getByRole('button', { name: 'Save sign-in' }));
    expect(await within(form).findByText('Sign-in saved.')).toBeTruthy();
    expect(b.callsOf('users.setSignIn')).toEqual([{ required: true, lockAfterMinutes: 10 }]);
    expect(useSession.getState().session?.signInRequired).toBe(true);

    resetScreens();
    panel(
      {
        'users.setSignIn': () => {
          throw new UjumbeError('conflict', 'No PIN', { reason: 'no-secret' });
        },
      },
      DESK_SESSION,
    );
    await screen.findByRole('rowheader', { name: 'Amina' });
    const again = within(region()).getByRole('form', { name: 'Sign-in' });
    await u.click(within(again).getByRole('checkbox', { name: 'Require sign-in' }));
    await u.click(within(again).getByRole('button', { name: 'Save sign-in' }));
    expect((await within(again).findByRole('alert')).textContent).toMatch(/^Set a PIN or password for yourself first/);
  });

  it('speaks Swahili', async () => {
    panel({}, signedIn(1), 'sw');
    expect(await screen.findByRole('region', { name: 'Watumiaji na kuingia' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Mzime Amina' })).toBeTruthy();
  });
});

describe('Change my PIN', () => {
  it('is in the header menu for a nurse, and says a wrong current PIN in words', async () => {
    const u = userEvent.setup();
    const backend = createBackend({
      'session.status': () => signedIn(2),
      'session.setOwnSecret': ({ current }) => {
        if (current !== '2468') throw new UjumbeError('sign-in-failed', 'Wrong');
        return signedIn(2);
      },
    });
    renderApp(backend, '#/compose', signedIn(2));
    await u.click(screen.getByRole('button', { name: 'Amina (Nurse): options' }));
    await u.click(screen.getByRole('button', { name: 'Change my PIN' }));
    const dialog = screen.getByRole('dialog', { name: 'Change my PIN or password' });
    await u.type(within(dialog).getByLabelText('Current PIN or password'), '0000');
    await u.type(within(dialog).getByLabelText('New PIN or password'), '1357');
    await u.type(within(dialog).getByLabelText('New PIN or password again'), '1357');
    await u.click(within(dialog).getByRole('button', { name: 'Change it' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The current PIN or password is not right.');
    await u.clear(within(dialog).getByLabelText('Current PIN or password'));
    await u.type(within(dialog).getByLabelText('Current PIN or password'), '2468{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.callsOf('session.setOwnSecret')).toEqual([
      { current: '0000', secret: '1357' },
      { current: '2468', secret: '1357' },
    ]);
  });
});
