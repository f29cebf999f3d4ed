/**
 * A recipient status in plain words ("Queued", "Delivered", "Failed: SIM has no credit"), plus
 * its flags ("Possible duplicate"). Words come from the common namespace (`status.*`, `flag.*`),
 * so every screen says the same thing.
 */
import { useTranslation } from 'react-i18next';
import type { RecipientFlag, RecipientStatus } from '../../src-shared/model.ts';
import { recipientFailureWords } from '../i18n/codes.ts';

export interface StatusBadgeProps {
  status: RecipientStatus;
  /** For `failed`: why, shown after the word (the backend's words). */
  reason?: string | null;
  /** For `failed`: the failure's code; where the renderer has words for it they are shown instead of `reason` (i18n/codes.ts recipientFailureWords). */
  code?: string | null;
  flags?: readonly RecipientFlag[];
  /**
   * For `sent`: the backend says no delivery report came in time (RecipientDetail.reportOverdue),
   * so "Sent — no delivery report yet" rather than "Sent" for ever. A later status wins.
   */
  reportOverdue?: boolean;
}

export function StatusBadge({ status, reason, code = null, flags = [], reportOverdue = false }: StatusBadgeProps) {
  const { t } = useTranslation('common');
  const why = status === 'failed' ? (recipientFailureWords(t, code) ?? reason) : null;
  const words =
    status === 'failed' && why ? t('failedWithReason', { reason: why })
    : status === 'sent' && reportOverdue ? t('sentNoReport')
    : t(`status.${status}`);
  return (
    <span className="status-line">
      <span className={`badge badge-${status}`}>{words}</span>
      {flags.map((f) => (
        <span key={f} className="badge badge-flag">
          {t(`flag.${f}`)}
        </span>
      ))}
    </span>
  );
}
