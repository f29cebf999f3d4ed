/**
 * A desktop notification for each incoming message: "New SMS", "From <contact name or number>".
 * Never the message text: a clinic desk screen is read over shoulders, and a notification also
 * lands in the OS's notification history, outside Ujumbe's protected data folder. The nurse
 * clicks it and reads the message inside the app.
 */
import { Notification } from 'electron';
import type { Events } from '../../src-shared/contract/commands.ts';

export type IncomingPayload = Events['message.incoming'];

export interface IncomingNotifierOptions {
  /** The contact's name for a conversation, or null (then the number is shown). Never throws to us. */
  lookupName: (conversationId: number) => Promise<string | null>;
  /** Brings the app window to the front (on click). */
  showWindow: () => void;
  /** False while the window is in front: the nurse already sees the message arrive. */
  shouldNotify?: () => boolean;
  /**
   * True while the window is locked or signed out (issue 13 "Lock"): the notification then names
   * no one either, since the sender's name or number is patient data too.
   */
  discreet?: () => boolean;
}

/** What the notification says. The message text is deliberately absent. */
export function incomingNotificationText(payload: Pick<IncomingPayload, 'from' | 'protocol'>, contactName: string | null, discreet = false): { title: string; body: string } {
  const title = payload.protocol === 'sms' ? 'New SMS' : 'New message';
  if (discreet) return { title, body: 'Sign in to Ujumbe to read it.' };
  const who = contactName && contactName.trim() !== '' ? contactName.trim() : payload.from;
  return { title, body: `From ${who}` };
}

/** @returns the listener to call with each `message.incoming` payload. */
export function createIncomingNotifier(options: IncomingNotifierOptions): (payload: IncomingPayload) => Promise<void> {
  // Electron drops a Notification's click handler when the object is garbage-collected: keep each
  // one referenced until it is clicked or closed.
  const live = new Set<Notification>();
  return async (payload) => {
    if (!Notification.isSupported()) return;
    if (options.shouldNotify && !options.shouldNotify()) return;
    const discreet = options.discreet?.() ?? false;
    const name = discreet ? null : await options.lookupName(payload.conversationId).catch(() => null);
    const { title, body } = incomingNotificationText(payload, name, discreet);
    const notification = new Notification({ title, body, silent: false });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      options.showWindow();
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };
}
