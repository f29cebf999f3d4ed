/**
 * Actions on one send as a whole (a message with several recipients), on its Outbox row:
 * "Retry all failed (n)" puts every failed recipient back in the outbox, and "Cancel all
 * waiting (n)" — after a confirmation, since it affects many patients — cancels every recipient
 * still queued or scheduled. Each is ONE backend call (messages.retryFailed / cancelWaiting, one
 * transaction); the StatusEvents it returns go through the status feed like a message.status
 * event, so the row's counts and its open details follow at once. A refusal is worded from its
 * code and shown on the row (or in the open confirmation), where the action was.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '../../../src-shared/contract/dto.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { ingestStatus } from '../../state/status-feed.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

const NAME_LENGTH = 40;

/** How a send is named in a button's accessible name: its subject, else the start of its text. */
export function sendName(summary: Pick<MessageSummary, 'subject' | 'content'>): string {
  const subject = summary.subject?.trim();
  if (subject) return subject;
  const text = summary.content.replace(/\s+/gu, ' ').trim();
  return text.length > NAME_LENGTH ? `${text.slice(0, NAME_LENGTH).trimEnd()}…` : text;
}

/** How many recipients of the send each action would touch. */
export function bulkCounts(summary: Pick<MessageSummary, 'statusCounts'>): { failed: number; waiting: number } {
  const c = summary.statusCounts;
  return { failed: c.failed ?? 0, waiting: (c.outbox ?? 0) + (c.scheduled ?? 0) };
}

export function SendActions({ summary, onDone }: { summary: MessageSummary; onDone?: () => void }) {
  const { t } = useTranslation('outbox');
  const client = useClient();
  const [busy, setBusy] = useState<'retry' | 'cancel' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { failed, waiting } = bulkCounts(summary);
  const name = sendName(summary);

  const words = (e: RpcError) =>
    errorWords(e, {
      'nothing-to-retry': t('bulk.error.nothing-to-retry'),
      'nothing-waiting': t('bulk.error.nothing-waiting'),
    });

  const run = async (command: 'messages.retryFailed' | 'messages.cancelWaiting') => {
    setBusy(command === 'messages.retryFailed' ? 'retry' : 'cancel');
    setError(null);
    const outcome = await callCommand(client, command, { messageId: summary.id });
    setBusy(null);
    if (!outcome.ok) {
      setError(words(outcome.error));
      return;
    }
    setConfirming(false);
    for (const event of outcome.result) ingestStatus(event);
    const count = outcome.result.length;
    toast.success(command === 'messages.retryFailed' ? t('bulk.retried', { count }) : t('bulk.cancelled', { count }));
    onDone?.();
  };

  if (failed === 0 && waiting === 0 && !error && !confirming) return null;
  return (
    <div className="send-actions">
      <div className="button-row">
        {failed > 0 && (
          <Button busy={busy === 'retry'} aria-label={t('bulk.retryLabel', { name, count: failed })} onClick={() => void run('messages.retryFailed')}>
            {t('bulk.retry', { count: failed })}
          </Button>
        )}
        {waiting > 0 && (
          <Button
            variant="danger"
            aria-label={t('bulk.cancelLabel', { name, count: waiting })}
            aria-haspopup="dialog"
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            {t('bulk.cancel', { count: waiting })}
          </Button>
        )}
      </div>
      {error && !confirming && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Dialog
        open={confirming}
        title={t('bulk.cancelTitle', { count: waiting })}
        onClose={() => {
          setConfirming(false);
          setError(null);
        }}
        footer={
          <>
            <Button
              onClick={() => {
                setConfirming(false);
                setError(null);
              }}
            >
              {t('bulk.keep', { count: waiting })}
            </Button>
            <Button variant="danger" busy={busy === 'cancel'} onClick={() => void run('messages.cancelWaiting')}>
              {t('bulk.cancelYes', { count: waiting })}
            </Button>
          </>
        }
      >
        <p className="send-actions__text">{summary.content}</p>
        <p>{t('bulk.cancelBody')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </Dialog>
    </div>
  );
}
