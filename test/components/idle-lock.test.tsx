/**
 * The idle lock (renderer/app/idle-lock.ts, used by app/SessionGate.tsx; issue 13 "Lock: after N
 * idle minutes"): with a fake clock, `watchIdle` fires after the minutes of no use and not before,
 * any use starts the wait again; in the app, `session.lock` is called after lockAfterMinutes and
 * the sign-in screen shows, only while sign-in is on.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchIdle, type IdleClock } from '../../renderer/app/idle-lock.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';
import { LOCKED, signedIn } from './session-fixtures.ts';

afterEach(() => {
  vi.useRealTimers();
  resetAll();
});

/** A clock a test moves by hand: timers fire in order as time passes. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 1;
  const clock: IdleClock = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = next.at;
      next.run();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.length };
}

describe('watchIdle', () => {
  it('fires once after the minutes of no use, and any use starts the wait again', () => {
    const { clock, advance, pending } = manualClock();
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchIdle(5, onIdle, { target, clock });
    advance(4 * 60_000);
    target.dispatchEvent(new Event('keydown'));
    advance(4 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    target.dispatchEvent(new Event('pointerdown'));
    advance(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    advance(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
    expect(pending()).toBe(0);
  });

  it('stops listening and timing when stopped', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const stop = watchIdle(1, onIdle, { target: new EventTarget(), clock });
    stop();
    advance(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(pending()).toBe(0);
  });
});

describe('the idle lock in the app', () => {
  const minutes = (n: number) => n * 60_000;

  function backend(session = signedIn(2, { lockAfterMinutes: 5 })) {
    return createBackend({ 'session.status': () => session, 'session.lock': () => ({ ...LOCKED, lastUserId: 2 }) });
  }

  it('locks after lockAfterMinutes of no keyboard, mouse or touch, and not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const b = backend();
    renderApp(b, '#/conversations', signedIn(2, { lockAfterMinutes: 5 }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(minutes(4));
    });
    fireEvent.keyDown(document.body, { key: 'a' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(minutes(4));
    });
    fireEvent.touchStart(document.body);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(minutes(4) + 59_000);
    });
    expect(b.callsOf('session.lock')).toHaveLength(0);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(b.callsOf('session.lock')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1, name: 'The screen is locked' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('never locks by itself with no minutes set, nor with sign-in off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const never = backend(signedIn(2, { lockAfterMinutes: null }));
    renderApp(never, '#/compose', signedIn(2, { lockAfterMinutes: null }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(minutes(240));
    });
    expect(never.callsOf('session.lock')).toHaveLength(0);
    resetAll();

    const off = signedIn(1, { signInRequired: false, lockAfterMinutes: 5 });
    const desk = backend(off);
    renderApp(desk, '#/compose', off);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(minutes(30));
    });
    expect(desk.callsOf('session.lock')).toHaveLength(0);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });
});
