/**
 * Settings "API keys" (renderer/screens/settings/ApiKeys.tsx; issue 13): the list, a new key
 * shown once with Copy and the warning, gone for good when the dialog closes, and revoking after
 * asking.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import type { ApiKeyDto } from '../../src-shared/contract/access-commands.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ApiKeys } from '../../renderer/screens/settings/ApiKeys.tsx';
import { resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
  vi.unstubAllGlobals();
});

const AT = '2026-03-02T06:30:00.000Z';
const KEY = 'ujk_9f3a7c2e1b4d8f6a0c5e7b9d2f4a6c8e';
const EMR: ApiKeyDto = { id: 1, name: 'OpenMRS', role: 'nurse', prefix: 'ujk_41b2', created: AT, createdBy: 'Wanjiru', lastUsed: null, revoked: null };

function panel() {
  let items: ApiKeyDto[] = [EMR];
  const b = setupScreen({
    'apiKeys.list': () => ({ items }),
    'apiKeys.create': (p) => {
      const made: ApiKeyDto = { id: 2, name: p.name, role: p.role, prefix: KEY.slice(0, 8), created: AT, createdBy: 'Wanjiru', lastUsed: null, revoked: null };
      items = [...items, made];
      return { ...made, key: KEY };
    },
    'apiKeys.revoke': ({ id }) => {
      items = items.map((k) => (k.id === id ? { ...k, revoked: AT } : k));
      return items.find((k) => k.id === id) as ApiKeyDto;
    },
  });
  b.render(<ApiKeys />);
  return b;
}

const region = () => screen.getByRole('region', { name: 'API keys' });

it('lists the keys with their role, first characters and who made them', async () => {
  panel();
  const row = (await screen.findByRole('rowheader', { name: 'OpenMRS' })).closest('tr') as HTMLElement;
  expect(within(row).getByText('Nurse')).toBeTruthy();
  expect(within(row).getByText('ujk_41b2…')).toBeTruthy();
  expect(within(row).getByText('Wanjiru')).toBeTruthy();
  expect(within(row).getByText('Never')).toBeTruthy();
});

it('shows a new key once, with Copy and the warning, and never again after the dialog closes', async () => {
  const user = userEvent.setup();
  const writeText = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  const b = panel();
  await screen.findByRole('rowheader', { name: 'OpenMRS' });
  const form = within(region()).getByRole('form', { name: 'Make a key' });
  await user.click(within(form).getByRole('button', { name: 'Make the key' }));
  expect(within(form).getByRole('alert').textContent).toBe('Give the key a name (the system that will use it).');
  await user.type(within(form).getByRole('textbox', { name: 'Name (the system that will use it)' }), 'Lab system');
  await user.selectOptions(within(form).getByRole('combobox', { name: 'Role' }), 'Viewer');
  await user.click(within(form).getByRole('button', { name: 'Make the key' }));

  const dialog = await screen.findByRole('dialog', { name: 'The new key Lab system' });
  expect(within(dialog).getByText('Copy it now: it will not be shown again.')).toBeTruthy();
  expect(within(dialog).getByText(KEY)).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
  expect(writeText).toHaveBeenCalledWith(KEY);
  expect(within(dialog).getByRole('status').textContent).toBe('Copied.');
  expect(b.callsOf('apiKeys.create')).toEqual([{ name: 'Lab system', role: 'viewer' }]);

  await user.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(document.body.textContent).not.toContain(KEY);
  expect(await screen.findByRole('rowheader', { name: 'Lab system' })).toBeTruthy();
});

it('says when copying failed, so the key is copied by hand', async () => {
  const user = userEvent.setup();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
  panel();
  await screen.findByRole('rowheader', { name: 'OpenMRS' });
  await user.type(screen.getByRole('textbox', { name: 'Name (the system that will use it)' }), 'Lab');
  await user.click(screen.getByRole('button', { name: 'Make the key' }));
  const dialog = await screen.findByRole('dialog', { name: 'The new key Lab' });
  await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
  expect((await within(dialog).findByRole('status')).textContent).toBe('Could not copy: select the key and copy it by hand.');
});

it('revokes a key only after asking', async () => {
  const user = userEvent.setup();
  const b = panel();
  await screen.findByRole('rowheader', { name: 'OpenMRS' });
  await user.click(screen.getByRole('button', { name: 'Revoke the key OpenMRS' }));
  const dialog = screen.getByRole('dialog', { name: 'Revoke the key OpenMRS?' });
  expect(b.callsOf('apiKeys.revoke')).toHaveLength(0);
  await user.click(within(dialog).getByRole('button', { name: 'Revoke the key' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke the key OpenMRS' })).toBeNull());
  expect(b.callsOf('apiKeys.revoke')).toEqual([{ id: 1 }]);
  const row = screen.getByRole('rowheader', { name: 'OpenMRS' }).closest('tr') as HTMLElement;
  expect(within(row).getByText(/^Revoked /)).toBeTruthy();
});
