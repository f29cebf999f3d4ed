/**
 * What a gateway card lists: for a modem its port, model, IMEI, operator, signal, network and SIM
 * (the last two worded from their codes), for e-mail its server and security; then the queue,
 * today's count and the last send error.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { registrationWords, simWords } from '../../i18n/codes.ts';
import { modemName } from './names.ts';
import { SignalBars } from './SignalBars.tsx';

const given = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value : null);

/** The states in which the modem's network, signal and SIM rows are stale: its port is closed (a SIM that wants its PIN is still current). */
const PORT_CLOSED: ReadonlySet<GatewayView['state']> = new Set(['disconnected', 'stopped']);

export function GatewayDetails({ gateway }: { gateway: GatewayView }) {
  const { t } = useTranslation('gateways');
  const rows: Array<[string, ReactNode]> = [];
  if (gateway.kind === 'modem') {
    const d = gateway.detail;
    // What the modem last said about its network and SIM is not shown as the state of things
    // once it is unplugged or has failed: those rows say so instead (issue 15).
    const live = !PORT_CLOSED.has(gateway.state);
    const now = (value: ReactNode): ReactNode => (live ? value : t('card.notConnected'));
    rows.push([t('card.port'), given(d.port) ?? t('card.unknown')]);
    rows.push([t('card.model'), modemName(d.manufacturer, d.model) ?? t('card.unknown')]);
    rows.push([t('card.imei'), given(d.imei) ?? t('card.unknown')]);
    rows.push([t('card.operator'), now(given(d.operator) ?? t('card.unknown'))]);
    rows.push([t('card.signal'), now(<SignalBars key="signal" bars={d.signalBars} dBm={d.signalDbm} />)]);
    rows.push([t('card.network'), now(d.registration ? registrationWords(t, d.registration) : t('card.unknown'))]);
    rows.push([t('card.sim'), now(d.sim ? simWords(t, d.sim) : t('card.unknown'))]);
    // Counted on the card so a SIM that stops receiving is never a mystery (issue 10 item 1).
    if ((d.unreadableStored ?? 0) > 0) rows.push([t('card.unreadable'), t('card.unreadableValue', { count: d.unreadableStored })]);
    if (d.undecodableOnSim > 0) rows.push([t('card.undecodableOnSim'), t('card.queueValue', { count: d.undecodableOnSim })]);
  } else {
    const d = gateway.detail;
    rows.push([t('card.server'), given(d.server) ?? t('card.unknown')]);
    rows.push([t('email.security'), t(`email.securityOption.${d.security}`, { defaultValue: d.security })]);
  }
  rows.push([t('card.queue'), t('card.queueValue', { count: gateway.queueLength })]);
  rows.push([t('card.sentToday'), t('card.sentTodayValue', { count: gateway.sentToday })]);
  // The backend's own words (it has no code for a send error yet): for a technician. No error, no row.
  if (given(gateway.lastError)) rows.push([t('card.lastError'), gateway.lastError]);

  return (
    <dl className="gateway-card__details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
