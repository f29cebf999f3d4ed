// Compose "Insert template" (issue 11): the list of templates, template mode with its name, the
// appointment fields and a preview for the first recipient in their language, `template`
// (not `text`) sent, and the way back to free text.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactDto, TemplateDto } from '../../src-shared/contract/dto.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const VISIT: TemplateDto = {
  id: 'visit',
  name: 'Clinic visit',
  variants: { en: 'Hello {first_name}, see you on {day} at {time}.', sw: 'Habari {first_name}, tutakuona {day} {time}.' },
  discreetVariants: {},
  fallbackLanguage: 'en',
  builtIn: false,
  updated: '2026-01-01T08:00:00.000Z',
};
const AMINA: ContactDto = { id: 7, name: 'Amina Otieno', notes: '', addresses: [{ id: 3, address: '+254722000111', protocol: 'sms', contactId: 7, preferred: true }], groupIds: [], language: 'sw', discreet: false };

function renderCompose() {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({
    'templates.list': () => ({ items: [VISIT] }),
    'contacts.list': () => ({ contacts: [AMINA], total: 1 }),
    'contacts.get': () => AMINA,
    'messages.send': (p) => ({
      messageId: 9,
      recipients: [{ id: 1, address: '+254722000111', status: 'outbox' }],
      sms: { encoding: 'gsm7', segments: 1 },
      messages: [{ messageId: 9, text: `filled ${p.template}`, language: 'sw', discreet: false, recipientIds: [1], sms: { encoding: 'gsm7', segments: 1 } }],
    }),
  });
  renderWithClient(
    <>
      <ComposeScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

async function pickAmina(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('combobox', { name: 'To' }), 'Ami');
  const listbox = await screen.findByRole('listbox', { name: 'Suggestions' });
  await user.click(await within(listbox).findByRole('option', { name: /Amina Otieno/ }));
}

describe('Compose: insert template', () => {
  it('chooses a template, previews it for the first recipient in her language, and sends the template', async () => {
    const { backend, user } = renderCompose();
    await pickAmina(user);
    await user.click(screen.getByRole('button', { name: 'Insert template' }));
    await user.click(await within(await screen.findByRole('list', { name: 'Templates' })).findByRole('button', { name: 'Clinic visit' }));
    expect(screen.getByText('Template: Clinic visit')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(await screen.findByText('Preview for Amina Otieno')).toBeTruthy();
    // No appointment yet: the Swahili text as written, and what is still empty.
    expect(screen.getByTestId('template-preview').textContent).toBe('Habari {first_name}, tutakuona {day} {time}.');

    // Sending without the appointment's date and time is refused here, sending nothing.
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText("Choose the appointment's date and time: the template needs them.")).toBeTruthy();
    expect(backend.callsOf('messages.send')).toEqual([]);

    await user.type(screen.getByLabelText('Appointment date'), '2030-01-04');
    await user.type(screen.getByLabelText('Appointment time'), '10:00');
    expect(screen.getByTestId('template-preview').textContent).toBe('Habari Amina, tutakuona Ijumaa saa 4:00 asubuhi.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(backend.callsOf('messages.send')).toEqual([{ to: [{ kind: 'contact', contactId: 7, protocol: 'sms' }], template: 'visit', appointmentStart: '2030-01-04T07:00:00.000Z' }]);
    expect(await screen.findByText('Queued for 1 recipient')).toBeTruthy();
    // Back to free text for the next message.
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('goes back to free text', async () => {
    const { user } = renderCompose();
    await user.click(screen.getByRole('button', { name: 'Insert template' }));
    await user.click(await screen.findByRole('button', { name: 'Clinic visit' }));
    await user.click(screen.getByRole('button', { name: 'Write my own text instead' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(screen.queryByText('Template: Clinic visit')).toBeNull();
  });
});
