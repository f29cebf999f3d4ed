/**
 * Browser notifications of new replies, for the headless host only (a browser tab). The desktop
 * app shows its own native notifications from the main process (electron/main/notifications.ts),
 * so the renderer stays quiet there.
 *
 * What a notification says: "New SMS", "From <contact name or number>", in the interface
 * language. NEVER the message text: a clinic desk is shared and read over shoulders, and the
 * browser keeps notifications in the system's history. It shows only while the page is hidden
 * and the browser already allows notifications; asking for permission happens only from a click
 * (useNotificationPermission, the "Notify me of new replies" button).
 *
 * Tests inject a fake: pass `notificationApi` / `isPageVisible` to createReplyNotifier, or stub
 * the global `Notification` (it is read when used, never cached).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../src-shared/contract/dto.ts';
import type { Events } from '../../src-shared/contract/commands.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { i18next } from '../i18n/index.ts';
import { useConversations } from '../state/conversations.ts';
import { navigate } from './router.ts';

export type IncomingEvent = Events['message.incoming'];
export type Permission = 'default' | 'granted' | 'denied';

/** What this module uses of a shown notification. */
export interface NotificationLike {
  onclick: ((this: NotificationLike, event: Event) => unknown) | null;
  close(): void;
}

/** The part of the browser's `Notification` constructor this module uses. */
export interface NotificationApi {
  new (title: string, options?: { body?: string; tag?: string }): NotificationLike;
  readonly permission: Permission;
  requestPermission(): Promise<Permission>;
}

/** The browser's Notification, or null where there is none (jsdom, an old or locked-down browser). */
export function browserNotificationApi(): NotificationApi | null {
  const api = (globalThis as { Notification?: unknown }).Notification;
  return typeof api === 'function' ? (api as NotificationApi) : null;
}

export function pageIsVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState === 'visible';
}

/** What a notification says, in the interface language. The message text is deliberately absent. */
export function replyNotificationText(event: Pick<IncomingEvent, 'from' | 'protocol'>, contactName: string | null): { title: string; body: string } {
  const title = i18next.t(event.protocol === 'sms' ? 'shell:notification.titleSms' : 'shell:notification.titleOther');
  const who = contactName && contactName.trim() !== '' ? contactName.trim() : event.from;
  return { title, body: i18next.t('shell:notification.body', { who }) };
}

/** One tag a conversation: a second reply from the same patient replaces the first notification. */
export function replyNotificationTag(conversationId: number): string {
  return `ujumbe-conversation-${conversationId}`;
}

/** The contact's name: from what the renderer already holds, else one cheap call; null if unknown. */
async function contactNameOf(client: RpcClient, conversationId: number): Promise<string | null> {
  const s = useConversations.getState();
  const known = s.items.find((c) => c.id === conversationId) ?? s.threads[conversationId]?.conversation;
  if (known) return known.contactName;
  const thread = await client.call('conversations.thread', { id: conversationId, limit: 1 }).catch(() => null);
  return thread?.conversation.contactName ?? null;
}

export interface ReplyNotifierOptions {
  client: RpcClient;
  /** Only 'headless' notifies; null (not known yet) does not. */
  host: () => AppInfo['host'] | null;
  notificationApi?: () => NotificationApi | null;
  isPageVisible?: () => boolean;
  lookupName?: (conversationId: number) => Promise<string | null>;
  /** On click: bring this window to the front and open the conversation. */
  openConversation?: (conversationId: number) => void;
}

/** @returns the listener to call with each `message.incoming` (resolves to whether it notified). */
export function createReplyNotifier(options: ReplyNotifierOptions): (event: IncomingEvent) => Promise<boolean> {
  const api = options.notificationApi ?? browserNotificationApi;
  const visible = options.isPageVisible ?? pageIsVisible;
  const lookupName = options.lookupName ?? ((id: number) => contactNameOf(options.client, id));
  const open =
    options.openConversation ??
    ((id: number) => {
      window.focus();
      navigate('conversations', id);
    });
  return async (event) => {
    if (options.host() !== 'headless') return false;
    const Api = api();
    if (!Api || Api.permission !== 'granted' || visible()) return false;
    const name = await lookupName(event.conversationId).catch(() => null);
    const { title, body } = replyNotificationText(event, name);
    try {
      const notification = new Api(title, { body, tag: replyNotificationTag(event.conversationId) });
      notification.onclick = () => {
        open(event.conversationId);
        notification.close();
      };
      return true;
    } catch {
      // Some browsers (Android Chrome) allow notifications only from a service worker.
      return false;
    }
  };
}

/** The shell's listener: notifies of each incoming message while this (headless) tab is hidden. */
export function useReplyNotifications(client: RpcClient): void {
  useEffect(() => {
    let live = true;
    let host: AppInfo['host'] | null = null;
    client.call('app.info', {}).then(
      (info) => {
        if (live) host = info.host;
      },
      () => undefined,
    );
    const notify = createReplyNotifier({ client, host: () => host });
    const off = client.on('message.incoming', (event) => void notify(event));
    return () => {
      live = false;
      off();
    };
  }, [client]);
}

export interface NotificationPermissionHandle {
  /** True when the "Notify me of new replies" button belongs on screen. */
  canAsk: boolean;
  ask: () => Promise<void>;
}

/**
 * Whether to offer the permission button (headless host, Notification exists, not asked yet),
 * and the click that asks. `host` is app.info's, undefined while not known.
 */
export function useNotificationPermission(host: AppInfo['host'] | undefined, notificationApi: () => NotificationApi | null = browserNotificationApi): NotificationPermissionHandle {
  const [permission, setPermission] = useState<Permission | null>(() => notificationApi()?.permission ?? null);
  const ask = useCallback(async () => {
    const Api = notificationApi();
    if (!Api) return;
    const answer = await Api.requestPermission().catch(() => Api.permission);
    setPermission(answer ?? Api.permission);
  }, [notificationApi]);
  return { canAsk: host === 'headless' && permission === 'default', ask };
}
