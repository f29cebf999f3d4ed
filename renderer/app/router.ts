/**
 * A tiny hash router: `#/compose`, `#/conversations/12`, `#/outbox` ... Hash URLs work the same
 * from file:// (Electron) and from the headless host, and keep Back/Forward working.
 */
import { create } from 'zustand';

export type Screen = 'compose' | 'conversations' | 'outbox' | 'reminders' | 'contacts' | 'templates' | 'reports' | 'gateways' | 'settings' | 'audit';
export const SCREENS: readonly Screen[] = ['compose', 'conversations', 'outbox', 'reminders', 'contacts', 'templates', 'reports', 'gateways', 'settings', 'audit'];

export interface Route {
  screen: Screen;
  /** conversations/<id> */
  id: number | null;
}

export function parseHash(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  const s = SCREENS.find((x) => x === screen) ?? 'compose';
  const n = id !== undefined && /^\d+$/.test(id) ? Number(id) : null;
  return { screen: s, id: n };
}

export function routeHref(screen: Screen, id: number | null = null): string {
  return id === null ? `#/${screen}` : `#/${screen}/${id}`;
}

interface RouterState {
  route: Route;
  navigate: (screen: Screen, id?: number | null) => void;
  /** Reads location.hash (on start and on hashchange). */
  sync: () => void;
}

export const useRouter = create<RouterState>()((set) => ({
  route: parseHash(typeof window === 'undefined' ? '' : window.location.hash),
  navigate(screen, id = null) {
    const href = routeHref(screen, id);
    if (window.location.hash !== href) window.location.hash = href;
    set({ route: { screen, id } });
  },
  sync() {
    set({ route: parseHash(window.location.hash) });
  },
}));

export function navigate(screen: Screen, id: number | null = null): void {
  useRouter.getState().navigate(screen, id);
}
