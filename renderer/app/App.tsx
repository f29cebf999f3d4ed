/**
 * The app shell: a skip link, the header strip, the left navigation and the current screen.
 * The renderer never knows its host: it gets a connected RpcClient (main.tsx) and nothing else.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import type { ConnectionStatus } from '../host/connect.ts';
import { setLanguage } from '../i18n/index.ts';
import { ComposeScreen } from '../screens/compose/ComposeScreen.tsx';
import { ContactsScreen } from '../screens/contacts/ContactsScreen.tsx';
import { ConversationsScreen } from '../screens/conversations/ConversationsScreen.tsx';
import { GatewaysScreen } from '../screens/gateways/GatewaysScreen.tsx';
import { OutboxScreen } from '../screens/outbox/OutboxScreen.tsx';
import { ReportsScreen } from '../screens/reports/ReportsScreen.tsx';
import { RemindersScreen } from '../screens/reminders/RemindersScreen.tsx';
import { TemplatesScreen } from '../screens/templates/TemplatesScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { AuditScreen } from '../screens/audit/AuditScreen.tsx';
import { useSession } from '../state/session.ts';
import { useAppState } from '../state/app.ts';
import { useConversations } from '../state/conversations.ts';
import { useSettings } from '../state/settings.ts';
import { ToastViewport } from '../ui/Toast.tsx';
import { ClientProvider, useClient } from './client-context.tsx';
import { Header } from './Header.tsx';
import { useReplyNotifications } from './reply-notifications.ts';
import { routeHref, SCREENS, useRouter, type Screen } from './router.ts';
import { Refused, useScreenAllowed } from './screen-access.tsx';
import { guardSession, SessionGate } from './SessionGate.tsx';
import { useBackendSync } from './sync.ts';

/**
 * How many replies are on the Reminders screen's "Needs attention" list: loaded at start and
 * after a reconnect (missed events are not replayed), then kept by `attention.changed`.
 */
function useOpenAttention(): number {
  const client = useClient();
  const [open, setOpen] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      client.call('attention.list', {}).then(
        (r) => {
          if (live) setOpen(r.items.length);
        },
        () => undefined,
      );
    void load();
    const off = client.on('attention.changed', (event) => setOpen(event.open));
    let previous = useAppState.getState().connection;
    const offConnection = useAppState.subscribe((s) => {
      if (previous === 'reconnecting' && s.connection === 'connected') void load();
      previous = s.connection;
    });
    return () => {
      live = false;
      off();
      offConnection();
    };
  }, [client]);
  return open;
}

/** Conversations counted for the badge: the most recent waiting ones (the contract's page maximum). */
const UNREAD_SCAN_LIMIT = 500;
/** A burst of incoming messages (or reads) reloads the count once. */
const UNREAD_RELOAD_DELAY_MS = 300;

/**
 * Unread messages for the Conversations item: the sum of unreadCount over the threads waiting for
 * the clinic (conversations.list `replies: true`; the contract has no total). Loaded at start and
 * after a reconnect, then reloaded a moment after `message.incoming` and after a conversation is
 * marked read here.
 */
function useUnreadTotal(): number {
  const client = useClient();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    let ticket = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      const mine = ++ticket;
      client.call('conversations.list', { replies: true, limit: UNREAD_SCAN_LIMIT }).then(
        (page) => {
          if (!live || mine !== ticket) return;
          setUnread(page.items.reduce((sum, c) => sum + (Number.isSafeInteger(c.unreadCount) && c.unreadCount > 0 ? c.unreadCount : 0), 0));
        },
        () => undefined,
      );
    };
    const later = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        load();
      }, UNREAD_RELOAD_DELAY_MS);
    };
    load();
    const off = client.on('message.incoming', later);
    const offReads = useConversations.subscribe((s, before) => {
      if (s.reads > before.reads) later();
    });
    let previous = useAppState.getState().connection;
    const offConnection = useAppState.subscribe((s) => {
      if (previous === 'reconnecting' && s.connection === 'connected') load();
      previous = s.connection;
    });
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      off();
      offReads();
      offConnection();
    };
  }, [client]);
  return unread;
}

function SideNav() {
  const { t } = useTranslation('shell');
  const attention = useOpenAttention();
  const unread = useUnreadTotal();
  const current = useRouter((s) => s.route.screen);
  const navigate = useRouter((s) => s.navigate);
  const allowed = useScreenAllowed();
  const onClick = (screen: Screen) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(screen);
  };
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul>
        {SCREENS.filter(allowed).map((screen) => (
          <li key={screen}>
            <a href={routeHref(screen)} aria-current={current === screen ? 'page' : undefined} onClick={onClick(screen)}>
              {t(`nav.${screen}`)}
              {screen === 'conversations' && unread > 0 && (
                <>
                  {' '}
                  <span className="badge badge-unread-total" aria-hidden="true">
                    {unread}
                  </span>
                  <span className="visually-hidden">{t('nav.unreadCount', { count: unread })}</span>
                </>
              )}
              {screen === 'reminders' && attention > 0 && (
                <>
                  {' '}
                  <span className="badge badge-appointment-reschedule-requested" style={{ marginLeft: 'auto' }} aria-hidden="true">
                    {attention}
                  </span>
                  <span className="visually-hidden">{t('reminders:attention.navCount', { count: attention })}</span>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CurrentScreen() {
  const route = useRouter((s) => s.route);
  const allowed = useScreenAllowed();
  if (!allowed(route.screen)) return <Refused screen={route.screen} />;
  switch (route.screen) {
    case 'compose':
      return <ComposeScreen />;
    case 'conversations':
      return <ConversationsScreen conversationId={route.id} />;
    case 'outbox':
      return <OutboxScreen />;
    case 'reminders':
      return <RemindersScreen />;
    case 'contacts':
      return <ContactsScreen />;
    case 'templates':
      return <TemplatesScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'gateways':
      return <GatewaysScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'audit':
      return <AuditScreen />;
  }
}

function Shell({ client, connection }: { client: RpcClient; connection: ConnectionStatus | undefined }) {
  const { t } = useTranslation('shell');
  useBackendSync(client, connection);
  useReplyNotifications(client);
  const language = useSettings((s) => s.settings?.language);
  useEffect(() => {
    if (language) setLanguage(language);
  }, [language]);

  const sync = useRouter((s) => s.sync);
  useEffect(() => {
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [sync]);

  // After moving between screens, put focus at the new screen's heading (not on first load).
  const screen = useRouter((s) => s.route.screen);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [screen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        {t('skipToContent')}
      </a>
      <Header />
      <div className="app-body">
        <SideNav />
        <main id="main" ref={main} tabIndex={-1} className="app-main">
          <CurrentScreen />
        </main>
      </div>
      <ToastViewport />
    </div>
  );
}

export interface AppProps {
  client: RpcClient;
  /** The link's state (host/connect.ts `connection`); tests may leave it out. */
  connection?: ConnectionStatus;
}

export function App({ client, connection }: AppProps) {
  // Every call of the app goes through the guard: a refusal for want of a sign-in or a role asks
  // who is at the desk again (issue 13; app/SessionGate.tsx shows the sign-in screen then).
  const guarded = useMemo(() => guardSession(client, () => void useSession.getState().load(client)), [client]);
  return (
    <ClientProvider client={guarded}>
      <SessionGate client={guarded} connection={connection}>
        <Shell client={guarded} connection={connection} />
      </SessionGate>
    </ClientProvider>
  );
}
