/** The gateway panel's E-mail section: the form, the write-only password, Save and Test connection. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EmailSettingsDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { SETTINGS, emailView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const NONE: EmailSettingsDto = {
  configured: false, source: 'none', host: '', port: 587, security: 'starttls', user: '', from: '', trustSelfSigned: false,
  passwordSet: false, protection: 'key-file', protectionText: 'Encrypted with a key file in the data folder',
};
const SAVED: EmailSettingsDto = { ...NONE, configured: true, source: 'saved', host: 'mail.example.org', user: 'desk@clinic.example', from: 'desk@clinic.example', passwordSet: true };

const section = () => screen.findByRole('region', { name: 'E-mail' });

describe('Gateways: the e-mail section', () => {
  it('saves the settings with the password once, then says it is kept and how it is protected', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [],
      'email.getSettings': () => NONE,
      'email.updateSettings': () => SAVED,
    });
    h.render(<GatewaysScreen />);
    const form = await section();
    expect(within(form).getByText(/No password is saved\. Encrypted with a key file in the data folder\./)).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(within(form).getByRole('textbox', { name: 'Mail server' }), 'mail.example.org');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Security' }), 'tls');
    expect((within(form).getByRole('textbox', { name: 'Port' }) as HTMLInputElement).value).toBe('465');
    await user.type(within(form).getByRole('textbox', { name: 'User name' }), 'desk@clinic.example');
    await user.type(within(form).getByLabelText('Password'), 'hunter2');
    await user.type(within(form).getByRole('textbox', { name: 'From address' }), 'desk@clinic.example');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(h.callsOf('email.updateSettings')).toHaveLength(1));
    expect(h.callsOf('email.updateSettings')[0]).toEqual({ host: 'mail.example.org', port: 465, security: 'tls', user: 'desk@clinic.example', password: 'hunter2', from: 'desk@clinic.example', trustSelfSigned: false });
    expect(await within(form).findByText('Saved. The e-mail gateway uses these settings now.')).toBeTruthy();
    expect((within(form).getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(within(form).getByText(/A password is saved; leave this empty to keep it\./)).toBeTruthy();
  });

  it('checks the form before sending, and shows the backend\'s words next to the field', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [],
      'email.getSettings': () => NONE,
      'email.updateSettings': () => {
        throw new ValidationError([{ where: 'from', rule: 'email.invalid', message: 'An e-mail address looks like name@example.org.' }]);
      },
    });
    h.render(<GatewaysScreen />);
    const form = await section();
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('Write the mail server\'s name, e.g. mail.example.org.')).toBeTruthy();
    expect(h.callsOf('email.updateSettings')).toHaveLength(0);
    await user.type(within(form).getByRole('textbox', { name: 'Mail server' }), 'mail.example.org');
    await user.type(within(form).getByRole('textbox', { name: 'From address' }), 'desk');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('An e-mail address looks like name@example.org.')).toBeTruthy();
    // Leaving the password empty sends none (keeps the saved one).
    expect(h.callsOf('email.updateSettings')[0]).not.toHaveProperty('password');
  });

  it('Test connection answers in words', async () => {
    const user = userEvent.setup();
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [],
      'email.getSettings': () => SAVED,
      'email.test': () => ({ ok: false, code: 'auth', message: 'The mail server refused the user name or password.' }),
    }).render(<GatewaysScreen />);
    const form = await section();
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The mail server refused the user name or password.');
  });

  it('the e-mail gateway\'s card shows its server, security and problem', async () => {
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => SAVED,
      'gateways.list': () => [
        emailView({ state: 'running', problem: { code: 'connection' }, detail: { server: 'mail.example.org:587', security: 'starttls', lastFailure: 'refused' } }),
      ],
    }).render(<GatewaysScreen />);
    const article = await screen.findByRole('article', { name: 'E-mail' });
    expect(within(article).getByText('mail.example.org:587')).toBeTruthy();
    expect(within(article).getByText('STARTTLS (usually port 587)')).toBeTruthy();
    expect(within(article).getByRole('alert').textContent).toBe('The mail server cannot be reached; e-mails wait in the Outbox until it can.');
    expect(within(article).queryByRole('textbox', { name: 'Phone number for the test' })).toBeNull();
  });
});
