/**
 * One gateway, as a nurse needs to see it: its name, whether it is working and, when it is not,
 * why in her language (the problem's code worded by renderer/i18n/codes.ts) and what to do: enter
 * the SIM PIN, start it again, send a test SMS. A saved gateway can be renamed, disabled and
 * forgotten. The demo modem says on its face that it sends nothing real.
 */
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { problemWords } from '../../i18n/codes.ts';
import { useGateways } from '../../state/gateways.ts';
import { useCan } from '../../state/session.ts';
import { Button } from '../../ui/index.ts';
import { BalanceCheck } from './BalanceCheck.tsx';
import { DailyLimitForm } from './DailyLimitForm.tsx';
import { GatewayDetails } from './GatewayDetails.tsx';
import { ManageGateway } from './ManageGateway.tsx';
import { modemName } from './names.ts';
import { needsPin, PinForm } from './PinForm.tsx';
import { TestSmsForm } from './TestSmsForm.tsx';
import { TrafficLog } from './TrafficLog.tsx';
import { UnreadableMessages } from './UnreadableMessages.tsx';

/** The card's title: the demo says what it is; a modem its label (or model); e-mail "E-mail". */
export function gatewayTitle(t: TFunction, gateway: GatewayView): string {
  if (gateway.demo) return t('gateways:card.demoTitle');
  if (gateway.kind === 'email') return t('gateways:card.email');
  return gateway.label.trim() || modemName(gateway.detail.manufacturer, gateway.detail.model) || t('gateways:card.modem');
}

export function useGatewayTitle(gateway: GatewayView): string {
  const { t } = useTranslation('gateways');
  return gatewayTitle(t, gateway);
}

export function GatewayCard({ gateway }: { gateway: GatewayView }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const id = useId();
  const title = useGatewayTitle(gateway);
  const [busy, setBusy] = useState<'start' | 'stop' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // Issue 13: managing a gateway is the administrator's; a nurse may check the balance.
  const canManage = useCan('gateways.start');
  const canPin = useCan('gateways.enterPin');
  const canCap = useCan('gateways.setDailyCap');
  const canBalance = useCan('gateways.checkBalance');
  const canTraffic = useCan('gateways.traffic');
  const canUnreadable = useCan('gateways.unreadable');
  const canTest = useCan('gateways.testSms');

  const isModem = gateway.kind === 'modem';
  const running = gateway.state === 'running';
  const stopped = gateway.state === 'stopped';
  // A disabled gateway's "problem" is only that: the badge and the Enable button say it.
  const problem = gateway.problem && gateway.problem.code !== 'disabled' ? problemWords(t, gateway.kind, gateway.problem) : null;

  const startOrStop = async (action: 'start' | 'stop') => {
    setBusy(action);
    setActionError(null);
    const outcome = await callCommand(client, action === 'start' ? 'gateways.start' : 'gateways.stop', { id: gateway.id });
    setBusy(null);
    if (outcome.ok) apply(outcome.result);
    else setActionError(t(action === 'start' ? 'card.startFailed' : 'card.stopFailed', { message: errorWords(outcome.error) }));
  };

  return (
    <article
      className={`gateway-card gateway-card--${gateway.enabled ? gateway.state : 'disabled'}${gateway.demo ? ' gateway-card--demo' : ''}`}
      aria-labelledby={`${id}-title`}
      data-gateway-id={gateway.id}
    >
      <header className="gateway-card__header">
        <h2 id={`${id}-title`}>{title}</h2>
        <span className={`badge badge-gateway-${gateway.enabled ? gateway.state : 'disabled'}`}>{gateway.enabled ? t(`state.${gateway.state}`) : t('state.disabled')}</span>
      </header>
      {gateway.demo ? <p className="gateway-card__demo">{t('card.demoNote')}</p> : null}
      {!gateway.enabled ? <p className="gateway-card__disabled">{t('card.disabledNote')}</p> : null}
      {/* Stopped with no problem: a person pressed Stop (a problem says its own why). */}
      {gateway.enabled && stopped && !gateway.problem ? <p className="gateway-card__stopped">{t('card.stoppedNote')}</p> : null}
      {problem ? (
        <p role="alert" className="gateway-card__problem">
          <strong>{problem}</strong>
        </p>
      ) : null}
      {gateway.dailyCapReached ? (
        <p role="status" className="gateway-card__limit">
          {t('limit.reached', { count: gateway.dailyCap ?? gateway.sentToday })}
        </p>
      ) : null}

      {canPin && needsPin(gateway) ? <PinForm gateway={gateway} titleId={`${id}-pin-title`} /> : null}

      <GatewayDetails gateway={gateway} />

      {canManage && gateway.enabled ? (
        <div className="button-row">
          <Button variant={stopped ? 'primary' : 'secondary'} busy={busy === 'start'} disabled={running || gateway.state === 'starting'} onClick={() => void startOrStop('start')}>
            {t('card.start')}
          </Button>
          <Button busy={busy === 'stop'} disabled={stopped} aria-describedby={stopped ? undefined : `${id}-stop-hint`} onClick={() => void startOrStop('stop')}>
            {t('card.stop')}
          </Button>
          {/* Stop is for now; Disable (below) is kept: the hints say which is which. */}
          {stopped ? null : (
            <span id={`${id}-stop-hint`} className="field-hint">
              {t('card.stopHint')}
            </span>
          )}
        </div>
      ) : null}
      {actionError ? (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      ) : null}

      {canManage ? <ManageGateway gateway={gateway} name={title} /> : null}

      {canCap && gateway.protocol === 'sms' ? <DailyLimitForm gateway={gateway} /> : null}
      {canBalance && isModem ? <BalanceCheck gateway={gateway} /> : null}
      {canTraffic && isModem ? <TrafficLog gatewayId={gateway.id} /> : null}
      {canUnreadable && gateway.kind === 'modem' && (gateway.detail.unreadableStored ?? 0) > 0 ? <UnreadableMessages gatewayId={gateway.id} /> : null}
      {canTest && gateway.protocol === 'sms' ? <TestSmsForm gateway={gateway} titleId={`${id}-test-title`} /> : null}
    </article>
  );
}
