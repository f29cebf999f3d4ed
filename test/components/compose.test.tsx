import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactDto, GroupDto } from '../../src-shared/contract/dto.ts';
import { UjumbeError, ValidationError } from '../../src-shared/errors.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { useCompose } from '../../renderer/state/compose.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS, type Backend } from './harness.tsx';

const AMINA: ContactDto = {
  id: 7,
  name: 'Amina Otieno',
  notes: '',
  addresses: [{ id: 3, address: '+254722000111', protocol: 'sms', contactId: 7, preferred: true }],
  groupIds: [],
};
const ANTENATAL: GroupDto = { id: 4, name: 'Antenatal Tuesday', memberCount: 12 };

function renderCompose(backend: Backend = createBackend()) {
  useSettings.getState().set(SETTINGS);
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
const message = () => screen.getByRole('textbox', { name: 'Message' });
const chipsList = () => screen.getByRole('list', { name: 'Recipients' });
const chip = (text: string) => within(chipsList()).getByText(text).closest('li') as HTMLElement;
const descriptionOf = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

afterEach(resetAll);

describe('the message counter', () => {
  it('counts GSM-7 characters and parts', async () => {
    const { user } = renderCompose();
    expect(screen.getByText('0 characters · 0 SMS · GSM-7')).toBeTruthy();
    await user.type(message(), 'Hello');
    expect(screen.getByText('5 characters · 1 SMS · GSM-7')).toBeTruthy();
    expect(screen.getByText(/155 left in this SMS/)).toBeTruthy();
  });

  it('counts parts past 160 and describes the message box with the counter', async () => {
    const { user } = renderCompose();
    await user.click(message());
    await user.paste('a'.repeat(161));
    expect(screen.getByText('161 characters · 2 SMS · GSM-7')).toBeTruthy();
    expect(descriptionOf(message())).toContain('161 characters · 2 SMS · GSM-7');
  });

  it('says Unicode and lists the characters that force it', async () => {
    const { user } = renderCompose();
    await user.click(message());
    await user.paste('Don’t forget 😀');
    expect(screen.getByText('14 characters · 1 SMS · Unicode')).toBeTruthy();
    const forcing = screen.getByRole('group', { name: 'Characters that need Unicode' });
    expect(within(forcing).getByText('’')).toBeTruthy();
    expect(within(forcing).getByText('😀')).toBeTruthy();
    expect(within(forcing).getByText('no plain replacement')).toBeTruthy();
    // An emoji has no GSM-7 stand-in: only the apostrophe gets a button.
    expect(within(forcing).getAllByRole('button').map((b) => b.textContent)).toEqual(["Replace ’ with '"]);
  });

  it('replaces a forcing character in one click and goes back to GSM-7', async () => {
    const { user } = renderCompose();
    await user.click(message());
    await user.paste('Don’t miss your visit – bring the card…');
    expect(screen.getByText(/· Unicode$/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: "Replace ’ with '" }));
    expect((message() as HTMLTextAreaElement).value).toBe("Don't miss your visit – bring the card…");
    expect(document.activeElement).toBe(message());
    await user.click(screen.getByRole('button', { name: 'Replace all 2' }));
    expect((message() as HTMLTextAreaElement).value).toBe("Don't miss your visit - bring the card...");
    expect(screen.getByText(/· GSM-7$/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Characters that need Unicode' })).toBeNull();
  });

  it('names a non-breaking space instead of showing it', async () => {
    const { user } = renderCompose();
    await user.click(message());
    await user.paste('Kesho\u00a0saa 3');
    await user.click(screen.getByRole('button', { name: 'Replace non-breaking space with space' }));
    expect((message() as HTMLTextAreaElement).value).toBe('Kesho saa 3');
  });
});

describe('the To chips', () => {
  it('adds a number on Enter, normalised to E.164', async () => {
    const { user } = renderCompose();
    await user.type(to(), '0712 345 678{Enter}');
    const c = chip('+254712345678');
    expect(c.getAttribute('aria-invalid')).toBeNull();
    expect((to() as HTMLInputElement).value).toBe('');
  });

  it('adds on comma, and marks an invalid number with its reason', async () => {
    const { user } = renderCompose();
    await user.type(to(), '0712 34,');
    const c = chip('0712 34');
    expect(c.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(c)).toMatch(/not a valid phone number in Kenya/);
    expect(to().getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(to())).toMatch(/not a valid phone number/);
  });

  it('removes the last chip with Backspace in the empty box', async () => {
    const { user } = renderCompose();
    await user.type(to(), '0712345678{Enter}0733 000 000{Enter}');
    expect(within(chipsList()).getAllByRole('listitem')).toHaveLength(2);
    await user.keyboard('{Backspace}');
    expect(within(chipsList()).getAllByRole('listitem')).toHaveLength(1);
    expect(within(chipsList()).getByText('+254712345678')).toBeTruthy();
    await user.keyboard('{Backspace}');
    expect(screen.queryByRole('list', { name: 'Recipients' })).toBeNull();
  });

  it('splits a pasted list into chips', async () => {
    const { user } = renderCompose();
    await user.click(to());
    await user.paste('0712345678; nurse@clinic.example.org, 0733000000');
    expect(within(chipsList()).getAllByRole('listitem')).toHaveLength(3);
    // An e-mail recipient brings the Subject field.
    expect(screen.getByRole('textbox', { name: 'Subject' })).toBeTruthy();
  });

  it('suggests contacts as you type and picks one with the keyboard', async () => {
    const backend = createBackend({
      'contacts.list': (p) => (p.search && 'amina otieno'.includes(p.search.toLowerCase()) ? { contacts: [AMINA], total: 1 } : { contacts: [], total: 0 }),
      'groups.list': () => [ANTENATAL],
    });
    const { user } = renderCompose(backend);
    await user.type(to(), 'Ami');
    const listbox = await screen.findByRole('listbox', { name: 'Suggestions' });
    await within(listbox).findByRole('option', { name: /Amina Otieno/ });
    expect(to().getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}');
    const option = within(listbox).getByRole('option', { name: /Amina Otieno/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    expect(to().getAttribute('aria-activedescendant')).toBe(option.id);
    await user.keyboard('{Enter}');
    const c = chip('Amina Otieno');
    expect(within(c).getByText('+254722000111')).toBeTruthy();
    expect(backend.callsOf('contacts.list').at(-1)).toMatchObject({ search: 'Ami' });
  });

  it('suggests groups by name', async () => {
    const backend = createBackend({ 'groups.list': () => [ANTENATAL] });
    const { user } = renderCompose(backend);
    await user.type(to(), 'antenatal');
    await screen.findByRole('option', { name: /Group: Antenatal Tuesday/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(within(chip('Antenatal Tuesday')).getByText('12 members')).toBeTruthy();
  });

  it('Enter on a shown suggestion chooses it, the one named exactly first: never an invalid chip', async () => {
    const anc = { ...ANTENATAL, id: 5, name: 'ANC' };
    const backend = createBackend({ 'groups.list': () => [ANTENATAL, anc], 'contacts.list': (p) => (/anc/i.test(p.search ?? '') ? { contacts: [{ ...AMINA, name: 'Francis Ancelotti' }], total: 1 } : { contacts: [], total: 0 }) });
    const { user } = renderCompose(backend);
    await user.type(to(), 'ANC');
    await screen.findByRole('option', { name: /Group: ANC/ });
    await screen.findByRole('option', { name: /Francis Ancelotti/ });
    await user.keyboard('{Enter}');
    expect(chip('ANC')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Recipients' })!.querySelector('[aria-invalid="true"]')).toBeNull();
    // No exact name: the first shown.
    await user.type(to(), 'antena');
    await screen.findByRole('option', { name: /Group: Antenatal Tuesday/ });
    await user.keyboard('{Enter}');
    expect(chip('Antenatal Tuesday')).toBeTruthy();
  });
});

describe('sending', () => {
  it('Ctrl+Enter sends with the right messages.send params, then clears and says so', async () => {
    const backend = createBackend({
      'contacts.list': () => ({ contacts: [AMINA], total: 1 }),
      'messages.send': (p) => ({ messageId: 42, recipients: p.to.map((_, i) => ({ id: 100 + i, address: '+254700000000', status: 'outbox' as const })), sms: { encoding: 'gsm7', segments: 1 } }),
    });
    const { user } = renderCompose(backend);
    await user.type(to(), '0712 345 678{Enter}Amina');
    await screen.findByRole('option', { name: /Amina Otieno/ });
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(message(), 'Your results are ready.');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await screen.findByText('Queued for 2 recipients');
    expect(backend.callsOf('messages.send')).toEqual([
      {
        to: [
          { kind: 'address', address: '+254712345678', protocol: 'sms' },
          { kind: 'contact', contactId: 7, protocol: 'sms' },
        ],
        text: 'Your results are ready.',
      },
    ]);
    expect((message() as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByRole('list', { name: 'Recipients' })).toBeNull();
    // Two recipients: their progress is shown, driven by the outbox store.
    expect(screen.getByRole('progressbar', { name: 'Sent 0 of 2' })).toBeTruthy();
  });

  it('sends what is still typed in To when Send is pressed', async () => {
    const backend = createBackend();
    const { user } = renderCompose(backend);
    await user.type(to(), 'nurse@Clinic.example.org');
    await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'Lab results');
    await user.type(message(), 'Ready');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Queued for 1 recipient');
    expect(backend.callsOf('messages.send')[0]).toEqual({
      to: [{ kind: 'address', address: 'nurse@clinic.example.org', protocol: 'email' }],
      text: 'Ready',
      subject: 'Lab results',
    });
  });

  it('does not call the backend with an invalid chip or an empty message', async () => {
    const backend = createBackend();
    const { user } = renderCompose(backend);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert').textContent).toContain('Add at least one recipient.');
    await user.type(to(), '12{Enter}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText('Some recipients are not valid: fix or remove the ones marked.')).toBeTruthy();
    await user.click(within(chip('12')).getByRole('button', { name: 'Remove 12' }));
    await user.type(to(), '0712345678{Enter}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText('The message is empty.')).toBeTruthy();
    expect(document.activeElement).toBe(message());
    expect(backend.callsOf('messages.send')).toHaveLength(0);
  });

  it('shows a backend validation error next to the chip it names', async () => {
    const backend = createBackend({
      'contacts.list': () => ({ contacts: [AMINA], total: 1 }),
      'messages.send': () => {
        throw new ValidationError([
          { where: '+254712345678', rule: 'phone.barred', message: 'This number cannot receive SMS.' },
          { where: 'to.1', rule: 'contact.no-address', message: 'Amina Otieno has no phone number.' },
          { where: 'message', rule: 'content.too-many-parts', message: 'The message needs 12 SMS parts.' },
        ]);
      },
    });
    const { user } = renderCompose(backend);
    await user.type(to(), '0712345678{Enter}Ami');
    await screen.findByRole('option', { name: /Amina Otieno/ });
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(message(), 'Hello');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(chip('+254712345678').getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(chip('+254712345678'))).toContain('This number cannot receive SMS.');
    expect(chip('Amina Otieno').getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(chip('Amina Otieno'))).toContain('Amina Otieno has no phone number.');
    expect(descriptionOf(message())).toContain('The message needs 12 SMS parts.');
    // Nothing was cleared: the nurse fixes and sends again.
    expect((message() as HTMLTextAreaElement).value).toBe('Hello');
    expect(useCompose.getState().chips).toHaveLength(2);
  });

  it('explains no-gateway with a link to Gateways', async () => {
    const backend = createBackend({
      'messages.send': () => {
        throw new UjumbeError('no-gateway', 'No gateway is set up to send SMS. Add one under Gateways first.', { protocols: ['sms'] });
      },
    });
    const { user } = renderCompose(backend);
    await user.type(to(), '0712345678{Enter}');
    await user.type(message(), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    // The backend's English is not shown: the code is worded in the nurse's language.
    const alert = await screen.findByText('No modem is set up, so SMS cannot be sent. Plug in a USB modem, or see Gateways.');
    expect(screen.queryByText(/No gateway is set up/)).toBeNull();
    const link = within(alert.closest('[role="alert"]') as HTMLElement).getByRole('link', { name: 'Go to Gateways' });
    expect(link.getAttribute('href')).toBe('#/gateways');
    await act(async () => {
      await user.click(link);
    });
    expect(window.location.hash).toBe('#/gateways');
  });
});
