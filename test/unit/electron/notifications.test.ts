/** Incoming-message notifications: who it is from, never what it says. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeNotification, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { createIncomingNotifier, incomingNotificationText } = await import('../../../electron/main/notifications.ts');

const secret = 'Your HIV test result is ready';
const incoming = { messageId: 9, conversationId: 4, from: '+254712345678', protocol: 'sms', preview: secret, receivedAt: '2024-01-01T08:00:00.000Z' };

beforeEach(() => resetFakeElectron());

describe('incoming-message notifications', () => {
  it('say "New SMS" and who it is from: the contact name, else the number', () => {
    expect(incomingNotificationText(incoming, 'Amina Odhiambo')).toEqual({ title: 'New SMS', body: 'From Amina Odhiambo' });
    expect(incomingNotificationText(incoming, null)).toEqual({ title: 'New SMS', body: 'From +254712345678' });
    expect(incomingNotificationText(incoming, '  ')).toEqual({ title: 'New SMS', body: 'From +254712345678' });
    expect(incomingNotificationText({ ...incoming, protocol: 'email', from: 'a@clinic.example' }, null).title).toBe('New message');
  });

  it('never show the message text', async () => {
    const notify = createIncomingNotifier({ lookupName: async () => 'Amina', showWindow: vi.fn() });
    await notify(incoming);
    const shown = FakeNotification.instances[0]!;
    expect(shown.show).toHaveBeenCalledOnce();
    expect(JSON.stringify(shown.options)).not.toContain(secret);
    expect(shown.options).toEqual({ title: 'New SMS', body: 'From Amina', silent: false });
  });

  it('bring the window forward when clicked', async () => {
    const showWindow = vi.fn();
    const notify = createIncomingNotifier({ lookupName: async () => null, showWindow });
    await notify(incoming);
    FakeNotification.instances[0]!.emit('click');
    expect(showWindow).toHaveBeenCalledOnce();
  });

  it('fall back to the number when the name cannot be looked up', async () => {
    const notify = createIncomingNotifier({ lookupName: () => Promise.reject(new Error('database closed')), showWindow: vi.fn() });
    await notify(incoming);
    expect(FakeNotification.instances[0]!.options.body).toBe('From +254712345678');
  });

  it('stay quiet while the window is in front, or where the OS has no notifications', async () => {
    const lookupName = vi.fn(async () => null);
    await createIncomingNotifier({ lookupName, showWindow: vi.fn(), shouldNotify: () => false })(incoming);
    FakeNotification.supported = false;
    await createIncomingNotifier({ lookupName, showWindow: vi.fn() })(incoming);
    expect(FakeNotification.instances).toHaveLength(0);
    expect(lookupName).not.toHaveBeenCalled();
  });
});
