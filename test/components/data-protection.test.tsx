/**
 * Settings "Data protection" (renderer/screens/settings/DataProtection.tsx): where the key is
 * kept, and the recovery code shown on request, once, until it is written down.
 */
import { afterEach, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataProtectionDto } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { DataProtection } from '../../renderer/screens/settings/DataProtection.tsx';
import { resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const CODE = '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA';

function backend(initial: DataProtectionDto) {
  let state = initial;
  return setupScreen({
    'security.status': () => state,
    'security.recoveryCode': () => ({ code: CODE }),
    'security.recoveryCodeSaved': () => {
      state = { ...state, recoveryCodePending: false };
      return state;
    },
  });
}

it('says where the key is kept, shows the recovery code only when asked, and forgets it once written down', async () => {
  const user = userEvent.setup();
  const b = backend({ encrypted: true, protection: 'keychain', recoveryCodePending: true });
  b.render(<DataProtection />);
  const section = await screen.findByRole('region', { name: 'Data protection' });
  expect(await within(section).findByText(/kept in this computer's keychain/)).toBeTruthy();
  expect(within(section).queryByText(CODE)).toBeNull();
  await user.click(within(section).getByRole('button', { name: 'Show the recovery code' }));
  expect(await within(section).findByText(CODE)).toBeTruthy();
  await user.click(within(section).getByRole('button', { name: 'I have written it down' }));
  await waitFor(() => expect(within(section).queryByRole('region', { name: 'Recovery code' })).toBeNull());
  expect(within(section).queryByText(CODE)).toBeNull();
  expect(b.callsOf('security.recoveryCodeSaved')).toHaveLength(1);
});

it('speaks Swahili, and says so plainly when the data is not encrypted', async () => {
  const b = backend({ encrypted: false, protection: null, recoveryCodePending: false });
  setLanguage('sw');
  b.render(<DataProtection />);
  const section = await screen.findByRole('region', { name: 'Ulinzi wa taarifa' });
  expect(await within(section).findByText('Taarifa kwenye kompyuta hii hazijasimbwa.')).toBeTruthy();
  expect(within(section).queryByRole('button')).toBeNull();
});
