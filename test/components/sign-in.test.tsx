/**
 * The sign-in and lock screen (renderer/app/SignIn.tsx, app/SessionGate.tsx; issue 13 "Users,
 * roles, lock"): no patient data while no one is signed in, the last user offered first, words
 * for a wrong PIN and for too many tries (with the countdown), the lock button, and a call that
 * says `sign-in-required` bringing the screen back.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UjumbeError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';
import { LOCKED, signedIn } from './session-fixtures.ts';

afterEach(() => {
  vi.useRealTimers();
  resetAll();
});

const PIN = '2468';

function backendWithSignIn(initial = LOCKED) {
  let session = initial;
  const backend = createBackend({
    'session.status': () => session,
    'session.signIn': ({ userId, secret }) => {
      if (secret !== PIN) throw new UjumbeError('sign-in-failed', 'Wrong PIN or password.');
      session = signedIn(userId);
      return session;
    },
    'session.lock': () => {
      session = { ...LOCKED, lastUserId: session.actor?.id ?? null };
      return session;
    },
  });
  return backend;
}

describe('the sign-in screen', () => {
  it('shows no patient data, offers the last user, refuses a wrong PIN in words and signs in with the right one', async () => {
    const user = userEvent.setup();
    const backend = backendWithSignIn();
    renderApp(backend, '#/conversations', LOCKED);

    expect(screen.getByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
    // Nothing of the shell: no navigation (so no unread badge), no header.
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('banner')).toBeNull();
    const who = screen.getByRole('combobox', { name: 'Who is signing in' }) as HTMLSelectElement;
    expect(who.value).toBe('2');
    expect(within(who).getAllByRole('option').map((o) => o.textContent)).toEqual(['Wanjiru (Administrator)', 'Amina (Nurse)', 'Juma (Viewer)']);
    const pin = screen.getByLabelText('PIN or password');
    expect(document.activeElement).toBe(pin);

    await user.type(pin, '1111{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('That PIN or password is not right. Try again.');
    expect((pin as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(pin);

    await user.type(pin, PIN);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(backend.callsOf('session.signIn')).toEqual([
      { userId: 2, secret: '1111' },
      { userId: 2, secret: PIN },
    ]);
    // The header says who is signed in; a nurse has no Settings or Audit.
    expect(within(screen.getByRole('banner')).getByRole('button', { name: 'Amina (Nurse): options' }).textContent).toBe('Amina · Nurse');
    expect(within(nav).queryByRole('link', { name: 'Settings' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audit' })).toBeNull();
    // The counts were not asked for before the sign-in; they are now.
    await waitFor(() => expect(backend.callsOf('conversations.list').length).toBeGreaterThan(0));
    const firstList = backend.calls.findIndex((c) => c.command === 'conversations.list');
    const signInAt = backend.calls.map((c) => c.command).lastIndexOf('session.signIn');
    expect(firstList).toBeGreaterThan(signInAt);
  });

  it('signs in as another user picked from the list', async () => {
    const user = userEvent.setup();
    const backend = backendWithSignIn();
    renderApp(backend, '#/settings', LOCKED);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Who is signing in' }), 'Wanjiru (Administrator)');
    await user.type(screen.getByLabelText('PIN or password'), `${PIN}{Enter}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(backend.callsOf('session.signIn')).toEqual([{ userId: 1, secret: PIN }]);
  });

  it('says an empty PIN before asking', async () => {
    const user = userEvent.setup();
    const backend = backendWithSignIn();
    renderApp(backend, '#/compose', LOCKED);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Type your PIN or password.');
    expect(backend.callsOf('session.signIn')).toHaveLength(0);
  });

  it('counts down after too many tries, then lets the nurse try again', async () => {
    // The countdown's clock only: Testing Library's own waits keep the real setTimeout.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const backend = createBackend({
      'session.status': () => LOCKED,
      'session.signIn': () => {
        throw new UjumbeError('sign-in-throttled', 'Too many tries.', { retryAfterSeconds: 3 });
      },
    });
    renderApp(backend, '#/compose', LOCKED);
    const pin = screen.getByLabelText('PIN or password');
    fireEvent.change(pin, { target: { value: '9999' } });
    fireEvent.submit(pin.closest('form') as HTMLFormElement);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Too many tries. Try again in 3 seconds.');
    const button = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many tries. Try again in 2 seconds.');
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many tries. Try again in 1 second.');
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button.disabled).toBe(false);
    expect(document.activeElement).toBe(pin);
  });

  it('speaks Swahili', async () => {
    setLanguage('sw');
    renderApp(backendWithSignIn(), '#/compose', LOCKED);
    expect(screen.getByRole('heading', { level: 1, name: 'Skrini imefungwa' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Nani anaingia' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ingia' })).toBeTruthy();
  });
});

describe('locking', () => {
  it('locks from the header, and Switch user is a lock too', async () => {
    const user = userEvent.setup();
    const backend = backendWithSignIn(signedIn(2));
    renderApp(backend, '#/conversations', signedIn(2));
    const header = screen.getByRole('banner');
    await user.click(within(header).getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    await waitFor(() => expect(backend.callsOf('session.lock')).toHaveLength(1));
    // Amina locked: she is offered first.
    expect((screen.getByRole('combobox', { name: 'Who is signing in' }) as HTMLSelectElement).value).toBe('2');

    await user.type(screen.getByLabelText('PIN or password'), `${PIN}{Enter}`);
    await user.click(await screen.findByRole('button', { name: 'Amina (Nurse): options' }));
    await user.click(screen.getByRole('button', { name: 'Switch user' }));
    expect(await screen.findByRole('combobox', { name: 'Who is signing in' })).toBeTruthy();
    await waitFor(() => expect(backend.callsOf('session.lock')).toHaveLength(2));
  });

  it('locks with Ctrl+L and ⌘L', async () => {
    const backend = backendWithSignIn(signedIn(2));
    renderApp(backend, '#/compose', signedIn(2));
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
    await waitFor(() => expect(backend.callsOf('session.lock')).toHaveLength(1));
    resetAll();
    const again = backendWithSignIn(signedIn(2));
    renderApp(again, '#/compose', signedIn(2));
    fireEvent.keyDown(window, { key: 'L', metaKey: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
  });

  it('shows no lock, no user and no sign-in with sign-in off, as before users existed', async () => {
    const backend = createBackend();
    renderApp(backend, '#/compose');
    const header = screen.getByRole('banner');
    expect(within(header).queryByRole('button', { name: 'Lock' })).toBeNull();
    expect(within(header).queryByText(/Administrator/)).toBeNull();
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(backend.callsOf('session.lock')).toHaveLength(0);
  });

  it('goes back to the sign-in screen when a call says no one is signed in (locked elsewhere, user disabled)', async () => {
    let session = signedIn(2);
    const backend = createBackend({
      'session.status': () => session,
      'messages.list': () => {
        session = { ...LOCKED, lastUserId: 2 };
        throw new UjumbeError('sign-in-required', 'Sign in first.');
      },
    });
    renderApp(backend, '#/outbox', signedIn(2));
    expect(await screen.findByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
