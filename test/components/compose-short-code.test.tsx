/**
 * The compose chips tell a short code from a phone number (issue 10 item 11a): "100" is marked
 * "short code", and "71234567" (a Kenyan mobile number with a digit missing) is an invalid chip
 * with its reason instead of a short code.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

function renderCompose() {
  useSettings.getState().set(SETTINGS);
  renderWithClient(<ComposeScreen />, createBackend());
  return userEvent.setup();
}

const chipsList = () => screen.getByRole('list', { name: /Recipients|Wapokeaji/ });
const chip = (text: string) => within(chipsList()).getByText(text).closest('li') as HTMLElement;
const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

afterEach(resetAll);

describe('short code chips', () => {
  it('marks a short code as "short code" and a number without a word', async () => {
    const user = renderCompose();
    await user.type(screen.getByRole('combobox', { name: 'To' }), '100, 0712 345 678,');
    expect(chip('100').textContent).toContain('short code');
    expect(chip('100').getAttribute('aria-invalid')).toBeNull();
    expect(chip('+254712345678').textContent).not.toContain('short code');
  });

  it('marks 71234567 invalid, with the reason, not as a short code', async () => {
    const user = renderCompose();
    await user.type(screen.getByRole('combobox', { name: 'To' }), '71234567,');
    const c = chip('71234567');
    expect(c.getAttribute('aria-invalid')).toBe('true');
    expect(c.textContent).not.toContain('short code');
    expect(describedBy(c)).toMatch(/neither a valid phone number in Kenya nor a short code/);
  });

  it('says it in Swahili', async () => {
    const user = renderCompose();
    act(() => setLanguage('sw'));
    await user.type(screen.getByRole('combobox', { name: 'Kwa' }), '22384,');
    expect(chip('22384').textContent).toContain('namba fupi');
  });
});
