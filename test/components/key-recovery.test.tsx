/**
 * The desktop app's key-recovery page (renderer/app/KeyRecovery.tsx; electron/main/
 * key-recovery-window.ts): an empty field and a wrong code are said under the field, the right
 * one says the data opens, and Quit asks to close; in English and Swahili.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyRecovery } from '../../renderer/app/KeyRecovery.tsx';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { resetAll } from './harness.tsx';

afterEach(() => resetAll());

const CODE = '7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA';

describe('the key-recovery page', () => {
  it('takes the recovery code: empty and wrong codes are said where typed, the right one opens the data', async () => {
    const user = userEvent.setup();
    const recoverKey = vi.fn(async (code: string) => (code === CODE ? { ok: true } : { ok: false, code: 'database-key-wrong-code' }));
    render(<KeyRecovery recoverKey={recoverKey} quit={() => undefined} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Ujumbe cannot open its data on this computer' })).toBeTruthy();
    const field = screen.getByRole('textbox', { name: 'Recovery code' });
    expect(document.activeElement).toBe(field);

    await user.click(screen.getByRole('button', { name: 'Open the data' }));
    expect(screen.getByRole('alert').textContent).toBe('Type the recovery code.');
    expect(recoverKey).not.toHaveBeenCalled();

    await user.type(field, 'AAAA-BBBB{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('That code does not open this data.');
    expect(field.getAttribute('aria-invalid')).toBe('true');

    await user.clear(field);
    await user.type(field, `${CODE}{Enter}`);
    expect((await screen.findByRole('status')).textContent).toBe('The data opens again. Ujumbe is starting…');
    expect(recoverKey).toHaveBeenLastCalledWith(CODE);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says a key file that cannot be used in other words, and Quit asks to close the window', async () => {
    const user = userEvent.setup();
    const quit = vi.fn();
    render(<KeyRecovery recoverKey={async () => ({ ok: false, code: 'database-key-damaged' })} quit={quit} />);
    await user.type(screen.getByRole('textbox', { name: 'Recovery code' }), `${CODE}{Enter}`);
    expect((await screen.findByRole('alert')).textContent).toContain('the key file in the data folder may be missing or damaged');
    await user.click(screen.getByRole('button', { name: 'Quit' }));
    expect(quit).toHaveBeenCalledOnce();
  });

  it('speaks Swahili', async () => {
    await setLanguage('sw');
    render(<KeyRecovery recoverKey={async () => ({ ok: true })} quit={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Msimbo wa kurejesha' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Fungua data' })).toBeTruthy();
  });
});
