/** The tray: unread count in its tooltip and title, and a menu with Open Ujumbe and Quit Ujumbe, in English or Swahili. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { createUnreadTray, trayTitle, trayTooltip } = await import('../../../electron/main/tray.ts');

beforeEach(() => resetFakeElectron());

describe('the tray', () => {
  it('says the unread count in plain words', () => {
    expect(trayTooltip(0)).toBe('Ujumbe — no unread messages');
    expect(trayTooltip(1)).toBe('Ujumbe — 1 unread message');
    expect(trayTooltip(12)).toBe('Ujumbe — 12 unread messages');
    expect(trayTitle(0)).toBe('');
    expect(trayTitle(7)).toBe('7');
    expect(trayTitle(5000)).toBe('999+');
  });

  it('says it in Swahili too', () => {
    expect(trayTooltip(0, 'sw')).toBe('Ujumbe — hakuna jumbe ambazo hazijasomwa');
    expect(trayTooltip(1, 'sw')).toBe('Ujumbe — ujumbe 1 ambao haujasomwa');
    expect(trayTooltip(12, 'sw')).toBe('Ujumbe — jumbe 12 ambazo hazijasomwa');
  });

  it('has a menu with Open Ujumbe and Quit Ujumbe that do what they say', () => {
    const onOpen = vi.fn();
    const onQuit = vi.fn();
    createUnreadTray({ onOpen, onQuit });
    const tray = FakeTray.instances[0]!;
    const items = tray.menu!.items.filter((i) => i.label);
    expect(items.map((i) => i.label)).toEqual(['Open Ujumbe', 'Quit Ujumbe']);
    items[0]!.click!();
    expect(onOpen).toHaveBeenCalledOnce();
    items[1]!.click!();
    expect(onQuit).toHaveBeenCalledOnce();
    tray.emit('click');
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('shows the count in its tooltip and title, ignoring nonsense counts', () => {
    const tray = createUnreadTray({ onOpen: vi.fn(), onQuit: vi.fn() });
    const fake = FakeTray.instances[0]!;
    expect(fake.tooltip).toBe('Ujumbe — no unread messages');
    tray.setUnread(3);
    expect(fake.tooltip).toBe('Ujumbe — 3 unread messages');
    expect(fake.title).toBe('3');
    tray.setUnread(Number.NaN);
    expect(fake.title).toBe('');
    tray.setUnread(-2);
    expect(fake.tooltip).toBe('Ujumbe — no unread messages');
  });

  it('is worded in the language it is given, and re-worded when the language changes, count kept', () => {
    const onQuit = vi.fn();
    const tray = createUnreadTray({ onOpen: vi.fn(), onQuit, language: 'sw' });
    const fake = FakeTray.instances[0]!;
    expect(fake.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Fungua Ujumbe', 'Zima Ujumbe']);
    tray.setUnread(2);
    expect(fake.tooltip).toBe('Ujumbe — jumbe 2 ambazo hazijasomwa');
    tray.setLanguage('en');
    expect(fake.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Open Ujumbe', 'Quit Ujumbe']);
    expect(fake.tooltip).toBe('Ujumbe — 2 unread messages');
    fake.menu!.items.find((i) => i.label === 'Quit Ujumbe')!.click!();
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('is destroyed once, and ignores updates afterwards', () => {
    const tray = createUnreadTray({ onOpen: vi.fn(), onQuit: vi.fn() });
    const fake = FakeTray.instances[0]!;
    tray.destroy();
    tray.destroy();
    tray.setUnread(4);
    expect(fake.destroy).toHaveBeenCalledOnce();
    expect(fake.title).toBe('');
  });
});
