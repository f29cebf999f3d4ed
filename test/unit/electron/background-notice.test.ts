/**
 * The first close of the window: "Ujumbe is still running" once, as a notification (a message box
 * where the OS has none; a message box with "Quit Ujumbe" where the desktop has no tray).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification, fakeElectron, resetFakeElectron } from './fake-electron.ts';
import type { IconPlace } from '../../../electron/main/shell-words.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { createBackgroundNotice } = await import('../../../electron/main/background-notice.ts');
const { SHELL_WORDS } = await import('../../../electron/main/shell-words.ts');

beforeEach(() => resetFakeElectron());

function notice(place: IconPlace, stored = { shown: false }, language: 'en' | 'sw' = 'en') {
  const options = {
    alreadyShown: () => stored.shown,
    markShown: vi.fn(() => (stored.shown = true)),
    language: () => language,
    place: () => place,
    showWindow: vi.fn(),
    quit: vi.fn(),
  };
  return { show: createBackgroundNotice(options), options, stored };
}

describe('the notice that Ujumbe keeps running', () => {
  it('says why and how to open or quit it, as a notification, once', async () => {
    const n = notice('tray');
    expect(await n.show()).toBe('notification');
    expect(await n.show()).toBe('already-shown');
    expect(FakeNotification.instances).toHaveLength(1);
    const shown = FakeNotification.instances[0]!;
    expect(shown.show).toHaveBeenCalledOnce();
    expect(shown.options.title).toBe('Ujumbe is still running');
    expect(shown.options.body).toBe('Ujumbe keeps running to send scheduled messages and receive replies. To open it, click the Ujumbe icon in the tray or start Ujumbe again. To stop it, choose “Quit Ujumbe” in that icon’s menu.');
    expect(n.options.markShown).toHaveBeenCalledOnce();
    shown.emit('click');
    expect(n.options.showWindow).toHaveBeenCalledOnce();
  });

  it('is not shown when the store says it was (a restart)', async () => {
    const n = notice('tray', { shown: true });
    expect(await n.show()).toBe('already-shown');
    expect(FakeNotification.instances).toHaveLength(0);
    expect(fakeElectron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('names the menu bar on macOS, and speaks Swahili', async () => {
    expect(SHELL_WORDS.en.noticeBody('menu-bar')).toContain('the Ujumbe icon in the menu bar');
    await notice('tray', { shown: false }, 'sw').show();
    expect(FakeNotification.instances[0]!.options).toMatchObject({ title: 'Ujumbe bado unafanya kazi', body: expect.stringContaining('“Zima Ujumbe”') });
  });

  it('is a message box where the OS has no notifications', async () => {
    FakeNotification.supported = false;
    const n = notice('tray');
    expect(await n.show()).toBe('message-box');
    expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: 'Ujumbe is still running', detail: SHELL_WORDS.en.noticeBody('tray'), buttons: ['OK'] }));
    expect(n.options.quit).not.toHaveBeenCalled();
  });

  it('without a tray: a message box that says a second launch opens it, and can quit at once', async () => {
    const n = notice('none');
    fakeElectron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await n.show()).toBe('message-box');
    const asked = fakeElectron.dialog.showMessageBox.mock.calls[0]![0] as { detail: string; buttons: string[] };
    expect(asked.detail).toContain('To open it, start Ujumbe again.');
    expect(asked.buttons).toEqual(['OK', 'Quit Ujumbe']);
    expect(n.options.quit).toHaveBeenCalledOnce();
    expect(FakeNotification.instances).toHaveLength(0);
  });
});
