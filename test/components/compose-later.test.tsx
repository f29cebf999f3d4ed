// Compose "Send later": a date and a time in clinic time become sendAt; a past time is refused
// under the fields; the toast says when it goes, in the clinic's zone.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src-shared/errors.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { defaultLater, laterInstant } from '../../renderer/screens/compose/SendLater.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

function renderCompose(send: NonNullable<NonNullable<Parameters<typeof createBackend>[0]>['messages.send']>) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({ 'messages.send': send });
  renderWithClient(
    <>
      <ComposeScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

const receipt = (status: 'scheduled' | 'outbox') => ({ messageId: 9, recipients: [{ id: 1, address: '+254712345678', status }], sms: { encoding: 'gsm7' as const, segments: 1, characters: 5 } });

describe('Compose: send later', () => {
  it('sends sendAt for the clinic time chosen and says when it goes', async () => {
    const { backend, user } = renderCompose(() => receipt('scheduled'));
    await user.type(screen.getByRole('combobox', { name: 'To' }), '0712345678,');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Kumbusho');
    await user.click(screen.getByRole('checkbox', { name: 'Send later' }));
    const date = screen.getByLabelText('Date') as HTMLInputElement;
    const time = screen.getByLabelText('Time') as HTMLInputElement;
    expect(time.value).toBe('08:00');
    expect(screen.getByText('Clinic time (Africa/Nairobi), 24-hour clock')).toBeTruthy();
    await user.clear(date);
    await user.type(date, '2030-01-04');
    await user.clear(time);
    await user.type(time, '07:30');
    await user.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(backend.callsOf('messages.send')).toEqual([expect.objectContaining({ text: 'Kumbusho', sendAt: '2030-01-04T04:30:00.000Z' })]);
    const toast = await screen.findByText(/^Scheduled for .*07:30, for 1 recipient$/);
    expect(toast).toBeTruthy();
    // The draft is cleared, "Send later" with it.
    expect((screen.getByRole('checkbox', { name: 'Send later' }) as HTMLInputElement).checked).toBe(false);
  });

  it('refuses a time already past under the fields, sending nothing', async () => {
    const { backend, user } = renderCompose(() => receipt('scheduled'));
    await user.type(screen.getByRole('combobox', { name: 'To' }), '0712345678,');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Kumbusho');
    await user.click(screen.getByRole('checkbox', { name: 'Send later' }));
    const date = screen.getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2020-01-04');
    await user.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'This time has already passed: choose a later one, or untick Send later.');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(backend.callsOf('messages.send')).toEqual([]);
  });

  it('puts the backend’s sendAt refusal under the fields', async () => {
    const { user } = renderCompose(() => {
      throw new ValidationError([{ where: 'sendAt', rule: 'time.too-far', message: 'This is more than a year ahead: check the year.' }]);
    });
    await user.type(screen.getByRole('combobox', { name: 'To' }), '0712345678,');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'x');
    await user.click(screen.getByRole('checkbox', { name: 'Send later' }));
    await user.click(screen.getByRole('button', { name: 'Schedule' }));
    const group = screen.getByRole('group', { name: 'When to send' });
    expect(await within(group).findByText('This is more than a year ahead: check the year.')).toBeTruthy();
  });
});

describe('send-later times', () => {
  it('defaults to tomorrow 08:00 clinic time and reads clinic time', () => {
    // 23:30 UTC on 3 Dec is 02:30 on 4 Dec in Nairobi: tomorrow is the 5th there.
    expect(defaultLater(Date.parse('2026-12-03T23:30:00Z'), 'Africa/Nairobi')).toEqual({ date: '2026-12-05', time: '08:00' });
    expect(laterInstant('2026-12-05', '08:00', 'Africa/Nairobi', Date.parse('2026-12-03T00:00:00Z'))).toEqual({ ok: true, iso: '2026-12-05T05:00:00.000Z' });
    expect(laterInstant('', '08:00', 'Africa/Nairobi', 0)).toEqual({ ok: false, problem: 'missing' });
  });
});
