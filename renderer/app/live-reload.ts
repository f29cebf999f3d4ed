/**
 * A screen that shows data others change: it loads now, again once after a burst of change
 * events (the events it subscribes to call `reloadSoon`), and after the connection comes back
 * from `reconnecting`, since what happened meanwhile was not replayed. One hook for what the
 * Reminders screen and the contact's appointments each did by hand.
 */
import { useEffect, useRef } from 'react';
import { useAppState } from '../state/app.ts';

export function useLiveReload(load: () => unknown, subscribe: (reloadSoon: () => void) => Array<() => void>, delayMs: number): void {
  // The latest subscribe, without re-subscribing at every render.
  const subscribeRef = useRef(subscribe);
  subscribeRef.current = subscribe;

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reloadSoon = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, delayMs);
    };
    const offs = subscribeRef.current(reloadSoon);
    return () => {
      for (const off of offs) off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [load, delayMs]);

  useEffect(() => {
    let previous = useAppState.getState().connection;
    return useAppState.subscribe((s) => {
      if (previous === 'reconnecting' && s.connection === 'connected') void load();
      previous = s.connection;
    });
  }, [load]);
}
