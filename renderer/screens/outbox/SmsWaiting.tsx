/**
 * Why queued SMS are not going, on the Outbox: a banner over the list and a note on each SMS
 * recipient still in the outbox ("Waiting for the modem to be plugged in"). Derived from the
 * gateways' codes (state/sms-readiness.ts), never from words.
 */
import { useTranslation } from 'react-i18next';
import type { RecipientDetail } from '../../../src-shared/contract/dto.ts';
import { problemWords } from '../../i18n/codes.ts';
import { useGateways } from '../../state/gateways.ts';
import { isModem, smsWaits, useSmsReadiness, type SmsReadiness } from '../../state/sms-readiness.ts';

function useWords(prefix: 'banner' | 'recipient') {
  const { t } = useTranslation('outbox');
  return (r: SmsReadiness): string => {
    if (r.kind === 'problem') return t(`waiting.${prefix}.problem`, { problem: r.modem.problem ? problemWords(t, 'modem', r.modem.problem) : t(`gateways:state.${r.modem.state}`) });
    if (r.kind === 'disabled') return t(`waiting.${prefix}.disabled`, { count: r.count });
    return t(`waiting.${prefix}.${r.kind}`);
  };
}

/** Over the list, while SMS wait (and some do: a modem has a queue, or there is no modem at all). */
export function SmsWaitingBanner() {
  const readiness = useSmsReadiness();
  const queued = useGateways((s) => s.gateways.filter(isModem).reduce((n, g) => Math.max(n, g.queueLength), 0));
  const words = useWords('banner');
  if (!smsWaits(readiness) || (readiness.kind !== 'none' && queued === 0)) return null;
  return (
    <div className="banner banner-warning outbox-waiting" role="status">
      <p>{words(readiness)}</p>
    </div>
  );
}

/** Beside one SMS recipient in the outbox. */
export function SmsWaitingNote({ recipient }: { recipient: RecipientDetail }) {
  const readiness = useSmsReadiness();
  const words = useWords('recipient');
  if (recipient.protocol !== 'sms' || recipient.status !== 'outbox' || !smsWaits(readiness)) return null;
  return <p className="recipient-waiting">{words(readiness)}</p>;
}
