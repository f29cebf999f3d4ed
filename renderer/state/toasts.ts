/**
 * Toasts: short notices in a corner, optionally with one action (Undo). Errors stay until
 * dismissed; other toasts go after `timeoutMs` (paused while hovered or focused).
 *
 *   toast.success('Queued for 3 recipients');
 *   toast.info('Contact deleted', { action: { label: t('common:action.undo'), run: restore } });
 *   toast.error(errorWords(error)); // app/errors.ts
 */
import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  action: ToastAction | null;
  /** null: stays until dismissed. */
  timeoutMs: number | null;
}

export interface ToastOptions {
  action?: ToastAction;
  timeoutMs?: number | null;
}

interface ToastState {
  toasts: Toast[];
  push: (message: string, tone: ToastTone, options?: ToastOptions) => number;
  dismiss: (id: number) => void;
  clear: () => void;
}

let nextId = 1;
const MAX_TOASTS = 5;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  push(message, tone, options = {}) {
    const id = nextId++;
    const timeoutMs = options.timeoutMs !== undefined ? options.timeoutMs : tone === 'error' ? null : options.action ? 10_000 : 5_000;
    set((s) => ({ toasts: [...s.toasts, { id, message, tone, action: options.action ?? null, timeoutMs }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  clear() {
    set({ toasts: [] });
  },
}));

export const toast = {
  info: (message: string, options?: ToastOptions) => useToasts.getState().push(message, 'info', options),
  success: (message: string, options?: ToastOptions) => useToasts.getState().push(message, 'success', options),
  error: (message: string, options?: ToastOptions) => useToasts.getState().push(message, 'error', options),
  dismiss: (id: number) => useToasts.getState().dismiss(id),
};
