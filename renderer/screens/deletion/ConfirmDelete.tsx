/**
 * A delete action with its confirmation (issue 13 "Retention"): a button that opens a dialog
 * saying what will be gone and that it cannot be undone; Delete runs the command, Cancel (or
 * Escape) leaves everything as it was. A refusal because something still waits to go is worded
 * from its `details.reason` (codes.ts DELETION_REFUSAL_KEYS) and shown in the dialog.
 * The screens follow the `messages.deleted` event (app/sync.ts), so the caller only moves on.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { DELETION_REFUSALS, type DeletionRefusal } from '../../../src-shared/contract/deletion-commands.ts';
import { errorWords } from '../../app/errors.ts';
import { DELETION_REFUSAL_KEYS } from '../../i18n/codes.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

export type DeleteOutcome = { ok: true } | { ok: false; error: RpcError };

export interface ConfirmDeleteProps {
  /** The button's words (its accessible name). */
  label: string;
  /** The dialog's title. */
  title: string;
  /** What will be gone, in words. */
  body: ReactNode;
  /** The dialog's Delete button. */
  confirmLabel: string;
  run: () => Promise<DeleteOutcome>;
  onDeleted?: () => void;
  /** The opening button's look (a small one in a bubble). */
  variant?: 'danger' | 'secondary';
}

function refusalOf(error: RpcError): DeletionRefusal | null {
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return error.code === 'conflict' && typeof reason === 'string' && (DELETION_REFUSALS as readonly string[]).includes(reason) ? (reason as DeletionRefusal) : null;
}

export function ConfirmDelete({ label, title, body, confirmLabel, run, onDeleted, variant = 'secondary' }: ConfirmDeleteProps) {
  const { t } = useTranslation('deletion');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      close();
      onDeleted?.();
      return;
    }
    const refusal = refusalOf(outcome.error);
    const waiting = Number((outcome.error.details as { waiting?: unknown } | undefined)?.waiting ?? 0);
    setError(refusal ? t(DELETION_REFUSAL_KEYS[refusal], { count: waiting }) : errorWords(outcome.error));
  };

  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        title={title}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </>
        }
      >
        {body}
        <p>{t('cannotUndo')}</p>
        {error !== null && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </Dialog>
    </>
  );
}
