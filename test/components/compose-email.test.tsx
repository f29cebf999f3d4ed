/** Compose with a contact who has a phone and an e-mail address: either or both, and a Subject. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactDto } from '../../src-shared/contract/dto.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AMINA: ContactDto = {
  id: 7,
  name: 'Amina Otieno',
  notes: '',
  addresses: [
    { id: 3, address: '+254722000111', protocol: 'sms', contactId: 7, preferred: true },
    { id: 4, address: 'amina@example.com', protocol: 'email', contactId: 7, preferred: true },
  ],
  groupIds: [],
};

describe('Compose: a contact with a phone and an e-mail address', () => {
  it('offers both, sends to both with the Subject, each recipient on its own', async () => {
    const backend = createBackend({
      'contacts.list': () => ({ contacts: [AMINA], total: 1 }),
      'messages.send': (p) => ({ messageId: 42, recipients: p.to.map((_, i) => ({ id: 100 + i, address: 'x', status: 'outbox' as const })), sms: { encoding: 'gsm7', segments: 1 } }),
    });
    useSettings.getState().set(SETTINGS);
    renderWithClient(
      <>
        <ComposeScreen />
        <ToastViewport />
      </>,
      backend,
    );
    const user = userEvent.setup();
    const to = screen.getByRole('combobox', { name: 'To' });
    expect(screen.queryByRole('textbox', { name: 'Subject' })).toBeNull();

    await user.type(to, 'Amina');
    const emailOption = await screen.findByRole('option', { name: /amina@example\.com/ });
    expect(screen.getByRole('option', { name: /\+254722000111/ })).toBeTruthy();
    await user.click(emailOption);
    // An e-mail recipient brings the Subject field.
    expect(screen.getByRole('textbox', { name: 'Subject' })).toBeTruthy();

    await user.type(to, 'Amina');
    await user.click(await screen.findByRole('option', { name: /\+254722000111/ }));
    const chips = screen.getByRole('list', { name: 'Recipients' });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);

    await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'Lab results');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Your results are ready.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Queued for 2 recipients');
    expect(backend.callsOf('messages.send')).toEqual([
      {
        to: [
          { kind: 'contact', contactId: 7, protocol: 'email' },
          { kind: 'contact', contactId: 7, protocol: 'sms' },
        ],
        text: 'Your results are ready.',
        subject: 'Lab results',
      },
    ]);
  });
});
