// Compose and opted-out numbers: the chips' numbers are checked with consent.check (after the
// chips settle, not per keystroke) and a notice under To says who opted out; a personal message
// to the one opted-out number is confirmed first and sent with sendToOptedOut: true; the
// backend's recipient.opted-out refusal asks the same question. The draft is never lost.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import type { ConsentDto, ContactDto, GroupDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { useCompose } from '../../renderer/state/compose.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AMINA: ContactDto = {
  id: 7,
  name: 'Amina Otieno',
  notes: '',
  addresses: [{ id: 3, address: '+254722000111', protocol: 'sms', contactId: 7, preferred: true }],
  groupIds: [4],
};
const ANTENATAL: GroupDto = { id: 4, name: 'Antenatal Tuesday', memberCount: 12 };
const MEMBERS: ContactDto[] = Array.from({ length: 12 }, (_, i) => ({
  id: 100 + i,
  name: `Mama ${i + 1}`,
  notes: '',
  addresses: [{ id: 200 + i, address: `+2547220002${String(i).padStart(2, '0')}`, protocol: 'sms' as const, contactId: 100 + i, preferred: true }],
  groupIds: [4],
}));

/** 14:02 on 3 Dec in Nairobi (UTC+3). */
function optedOut(phone: string, more: Partial<ConsentDto> = {}): ConsentDto {
  return { phone, optedOut: true, changedAt: '2026-12-03T11:02:00.000Z', source: 'reply', word: 'STOP', messageId: 55, changedBy: null, reason: null, contactId: null, ...more };
}

function renderCompose(overrides: Partial<Handlers> = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend(overrides);
  renderWithClient(
    <>
      <ComposeScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

const to = () => screen.getByRole('combobox', { name: 'To' });
const message = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const confirmDialog = () => screen.queryByRole('dialog', { name: 'Send this personal message anyway?' });
const ONE_NUMBER = [{ kind: 'address', address: '+254712345678', protocol: 'sms' }];

describe('Compose: the opted-out notice', () => {
  it('names the one recipient who opted out, how and when (clinic time), checked once the chip is added', async () => {
    const { backend, user } = renderCompose({
      'contacts.list': (p) => (p.search ? { contacts: [AMINA], total: 1 } : { contacts: [], total: 0 }),
      'consent.check': ({ phones }) => ({ items: phones.includes('+254722000111') ? [optedOut('+254722000111', { contactId: 7 })] : [] }),
    });
    await user.type(to(), 'Amina');
    await screen.findByRole('option', { name: /Amina Otieno/ });
    // Typing asks nothing: only chips are checked.
    expect(backend.callsOf('consent.check')).toEqual([]);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByText('Amina Otieno opted out (replied STOP on 3 Dec at 14:02): they get no automated or group messages.')).toBeTruthy();
    expect(backend.callsOf('consent.check')).toEqual([{ phones: ['+254722000111'] }]);

    // Removing the chip takes the notice away.
    await user.click(screen.getByRole('button', { name: 'Remove Amina Otieno' }));
    await waitFor(() => expect(screen.queryByText(/opted out/)).toBeNull());
  });

  it('counts the opted-out among several recipients, a group read member by member', async () => {
    const { backend, user } = renderCompose({
      'groups.list': () => [ANTENATAL],
      'contacts.list': (p) => (p.groupId === 4 ? { contacts: MEMBERS, total: MEMBERS.length } : { contacts: [], total: 0 }),
      'consent.check': ({ phones }) => ({ items: phones.filter((p) => p.endsWith('03') || p.endsWith('07')).map((p) => optedOut(p)) }),
    });
    await user.type(to(), 'antenatal');
    await screen.findByRole('option', { name: /Group: Antenatal Tuesday/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByText('2 of 12 opted out and will not get this message.')).toBeTruthy();
    expect(backend.callsOf('contacts.list').filter((p) => p.groupId === 4)).toEqual([{ groupId: 4, limit: 1000, offset: 0 }]);
    expect(backend.callsOf('consent.check').at(-1)?.phones).toHaveLength(12);

    // A group message goes without a question: the backend leaves the opted-out out.
    await user.type(message(), 'Clinic is closed on Friday.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Queued for 1 recipient');
    expect(confirmDialog()).toBeNull();
    expect(backend.callsOf('messages.send')).toEqual([{ to: [{ kind: 'group', groupId: 4 }], text: 'Clinic is closed on Friday.' }]);
  });

  it('says it in Kiswahili', async () => {
    const { user } = renderCompose({ 'consent.check': ({ phones }) => ({ items: phones.map((p) => optedOut(p, { source: 'staff', word: null })) }) });
    setLanguage('sw');
    await user.type(await screen.findByRole('combobox', { name: 'Kwa' }), '0712345678{Enter}0733000000{Enter}');
    expect(await screen.findByText('2 kati ya 2 wamejiondoa na hawatapata ujumbe huu.')).toBeTruthy();
  });
});

describe('Compose: a personal message to an opted-out number', () => {
  const staffOptOut = { 'consent.check': ({ phones }: { phones: string[] }) => ({ items: phones.includes('+254712345678') ? [optedOut('+254712345678', { source: 'staff' as const, word: null })] : [] }) };

  it('asks first, then sends with sendToOptedOut: true', async () => {
    const { backend, user } = renderCompose(staffOptOut);
    await user.type(to(), '0712 345 678{Enter}');
    expect(await screen.findByText('+254712345678 opted out (marked by staff on 3 Dec at 14:02): they get no automated or group messages.')).toBeTruthy();
    await user.type(message(), 'Your results are ready, please call us.');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const dialog = await screen.findByRole('dialog', { name: 'Send this personal message anyway?' });
    expect(within(dialog).getByText(/^\+254712345678 opted out \(marked by staff/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(backend.callsOf('messages.send')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Send anyway' }));
    await screen.findByText('Queued for 1 recipient');
    expect(backend.callsOf('messages.send')).toEqual([{ to: ONE_NUMBER, text: 'Your results are ready, please call us.', sendToOptedOut: true }]);
    expect(confirmDialog()).toBeNull();
    expect(message().value).toBe('');
  });

  it('Escape or Cancel keeps the draft and sends nothing', async () => {
    const { backend, user } = renderCompose(staffOptOut);
    await user.type(to(), '0712345678{Enter}');
    await screen.findByText(/^\+254712345678 opted out/);
    await user.type(message(), 'Karibu kesho');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('dialog', { name: 'Send this personal message anyway?' });
    await user.keyboard('{Escape}');
    expect(confirmDialog()).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send this personal message anyway?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(confirmDialog()).toBeNull();

    expect(backend.callsOf('messages.send')).toEqual([]);
    expect(message().value).toBe('Karibu kesho');
    expect(useCompose.getState().chips.map((c) => c.key)).toEqual(['address:sms:+254712345678']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("asks the same question when the backend refuses with recipient.opted-out, then sends as confirmed", async () => {
    const { backend, user } = renderCompose({
      'messages.send': (p) => {
        if (p.sendToOptedOut !== true) {
          throw new ValidationError([{ where: '0712345678', rule: 'recipient.opted-out', message: 'Not sent: this number replied STOP on 3 Dec, 14:02. Send it only if it is a personal reply this patient needs.' }]);
        }
        return { messageId: 3, recipients: [{ id: 1, address: '+254712345678', status: 'outbox' as const }], sms: { encoding: 'gsm7' as const, segments: 1 } };
      },
    });
    // Typed and sent at once: no notice yet (the patient opted out a second ago).
    await user.type(to(), '0712345678');
    await user.type(message(), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const dialog = await screen.findByRole('dialog', { name: 'Send this personal message anyway?' });
    expect(within(dialog).getByText(/^\+254712345678 opted out/)).toBeTruthy();
    expect(screen.queryByText(/^Not sent:/)).toBeNull();
    expect(message().value).toBe('Hello');

    await user.click(within(dialog).getByRole('button', { name: 'Send anyway' }));
    await screen.findByText('Queued for 1 recipient');
    expect(backend.callsOf('messages.send')).toEqual([
      { to: ONE_NUMBER, text: 'Hello' },
      { to: ONE_NUMBER, text: 'Hello', sendToOptedOut: true },
    ]);
  });
});
