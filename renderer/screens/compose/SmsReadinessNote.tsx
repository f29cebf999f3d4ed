/**
 * Compose says before Send what will happen to an SMS when no modem can send it now: with no
 * modem saved the backend refuses it (`no-gateway`), otherwise it waits in the Outbox. Derived
 * from the gateways' codes (state/sms-readiness.ts), as the header is.
 */
import { useTranslation } from 'react-i18next';
import { problemWords } from '../../i18n/codes.ts';
import { smsWaits, useSmsReadiness } from '../../state/sms-readiness.ts';
import { GoToGateways } from './GoToGateways.tsx';

export function SmsReadinessNote() {
  const { t } = useTranslation('compose');
  const readiness = useSmsReadiness();
  if (!smsWaits(readiness)) return null;
  let words: string;
  switch (readiness.kind) {
    case 'problem':
      // The problem's own sentence, or, with none, what the modem's state means for the SMS.
      if (readiness.modem.problem) words = t('readiness.problem', { problem: problemWords(t, 'modem', readiness.modem.problem) });
      else if (readiness.modem.state === 'stopped' || readiness.modem.state === 'paused') words = t(`readiness.${readiness.modem.state}`);
      else words = t('readiness.attention');
      break;
    case 'disabled':
      words = t('readiness.disabled', { count: readiness.count });
      break;
    default:
      words = t(`readiness.${readiness.kind}`);
  }
  return (
    <div className={`compose-readiness compose-readiness--${readiness.kind}`} role="note">
      <p>{words}</p>
      <GoToGateways />
    </div>
  );
}
