/**
 * Renders the toasts of state/toasts.ts. Put one <ToastViewport /> in the app (the shell does).
 * Errors are announced assertively (role="alert"), others politely (role="status"). A toast's
 * action (e.g. Undo) runs once and closes the toast. Timers pause while hovered or focused.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToasts, type Toast } from '../state/toasts.ts';

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation('common');
  const dismiss = useToasts((s) => s.dismiss);
  const [paused, setPaused] = useState(false);
  const ran = useRef(false);

  useEffect(() => {
    if (toast.timeoutMs === null || paused) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.timeoutMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs, paused, dismiss]);

  return (
    <div
      className={`toast toast-${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-message">{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            if (ran.current) return;
            ran.current = true;
            dismiss(toast.id);
            void toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="btn btn-quiet" aria-label={t('action.dismiss')} onClick={() => dismiss(toast.id)}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

export function ToastViewport() {
  const { t } = useTranslation('common');
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="toasts" aria-label={t('notifications')}>
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
