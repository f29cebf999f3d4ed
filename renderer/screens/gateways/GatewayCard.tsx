/**
 * One gateway, as a nurse needs to see it: what it is, whether it is working and, when it is
 * not, why in plain words (the backend's `problem`) and what to do: enter the SIM PIN, start it
 * again, send a test SMS. The demo modem says on its face that it sends nothing real.
 */
import { useId, useState } from 'react';
import type { CSSProperties, FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { checkAddress } from '../../../src-shared/protocols/index.ts';
import { useClient } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { useGateways } from '../../state/gateways.ts';
import { useSettings } from '../../state/settings.ts';
import { Button, TextField } from '../../ui/index.ts';
import { errorIssues } from '../settings/field-errors.ts';
import { BalanceCheck } from './BalanceCheck.tsx';
import { DailyLimitForm } from './DailyLimitForm.tsx';
import { SignalBars } from './SignalBars.tsx';
import { TrafficLog } from './TrafficLog.tsx';

const PIN_PATTERN = /^\d{4,8}$/;

type Detail = GatewayView['detail'];
const text = (detail: Detail, key: string): string | null => {
  const v = detail[key];
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;
};
const num = (detail: Detail, key: string): number | null => {
  const v = detail[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/**
 * The SIM asks for its PIN (or refused the one it was given, which only a person may retry).
 * The backend says so in `detail.sim` ("needs its PIN") and in `problem`; a PUK-locked SIM is a
 * different matter that no PIN can fix.
 */
export function needsPin(gateway: GatewayView): boolean {
  if (gateway.kind !== 'modem') return false;
  const sim = text(gateway.detail, 'sim') ?? '';
  const problem = gateway.problem ?? '';
  if (/PUK|PIN2/i.test(sim) || /\bPUK\b/.test(problem)) return false;
  return /\bPIN\b/i.test(sim) || /\bPIN\b/.test(problem);
}

/** "huawei" "E173" -> "Huawei E173"; nothing known -> null. */
function modemName(detail: Detail): string | null {
  const maker = text(detail, 'manufacturer');
  const model = text(detail, 'model');
  const name = [maker ? maker.charAt(0).toUpperCase() + maker.slice(1) : null, model].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

export function GatewayCard({ gateway }: { gateway: GatewayView }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const protocolSettings = useSettings((s) => s.protocol);
  const id = useId();
  const [busy, setBusy] = useState<'start' | 'stop' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [pinBusy, setPinBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [testError, setTestError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<string | null>(null);
  const [testBusy, setTestBusy] = useState(false);

  const { detail } = gateway;
  const isModem = gateway.kind === 'modem';
  const title = gateway.demo ? t('card.demoTitle') : isModem ? (modemName(detail) ?? t('card.modem')) : t('card.email');
  const running = gateway.state === 'running';
  const stopped = gateway.state === 'stopped';

  const startOrStop = async (action: 'start' | 'stop') => {
    setBusy(action);
    setActionError(null);
    const outcome = await callCommand(client, action === 'start' ? 'gateways.start' : 'gateways.stop', { id: gateway.id });
    setBusy(null);
    if (outcome.ok) apply(outcome.result);
    else setActionError(t(action === 'start' ? 'card.startFailed' : 'card.stopFailed', { message: outcome.error.message }));
  };

  const submitPin = async (event: FormEvent) => {
    event.preventDefault();
    if (!PIN_PATTERN.test(pin)) {
      setPinError(t('pin.invalid'));
      return;
    }
    setPinBusy(true);
    setPinError(null);
    const outcome = await callCommand(client, 'gateways.enterPin', { id: gateway.id, pin });
    setPinBusy(false);
    setPin('');
    if (outcome.ok) apply(outcome.result);
    else setPinError(errorIssues(outcome.error)[0]?.message ?? outcome.error.message);
  };

  const sendTest = async (event: FormEvent) => {
    event.preventDefault();
    setTestResult(null);
    const check = checkAddress(testTo, 'sms', protocolSettings);
    if (!check.ok) {
      setTestError(check.issue.message);
      return;
    }
    setTestBusy(true);
    setTestError(null);
    const outcome = await callCommand(client, 'gateways.testSms', { id: gateway.id, to: check.address });
    setTestBusy(false);
    if (outcome.ok) {
      setTestResult(t('test.queued', { to: outcome.result.recipients[0]?.address ?? check.address, id: outcome.result.messageId }));
    } else {
      setTestError(errorIssues(outcome.error)[0]?.message ?? outcome.error.message);
    }
  };

  const lastError = gateway.lastError;
  const rows: Array<[string, ReactNode]> = [];
  if (isModem) {
    rows.push([t('card.port'), text(detail, 'port') ?? t('card.unknown')]);
    rows.push([t('card.model'), modemName(detail) ?? t('card.unknown')]);
    rows.push([t('card.imei'), text(detail, 'imei') ?? t('card.unknown')]);
    rows.push([t('card.operator'), text(detail, 'operator') ?? t('card.none')]);
    rows.push([t('card.signal'), <SignalBars key="signal" bars={num(detail, 'signalBars')} dBm={num(detail, 'signalDbm')} />]);
    rows.push([t('card.network'), text(detail, 'registration') ?? t('card.unknown')]);
    rows.push([t('card.sim'), text(detail, 'sim') ?? t('card.unknown')]);
  }
  if (gateway.kind === 'email') {
    rows.push([t('card.server'), text(detail, 'server') ?? t('card.unknown')]);
    const security = text(detail, 'security');
    rows.push([t('email.security'), security ? t(`email.securityOption.${security}`, { defaultValue: security }) : t('card.unknown')]);
  }
  rows.push([t('card.queue'), t('card.queueValue', { count: gateway.queueLength })]);
  rows.push([t('card.sentToday'), t('card.sentTodayValue', { count: gateway.sentToday })]);
  rows.push([t('card.lastError'), lastError ?? t('card.none')]);

  return (
    <article className={`gateway-card gateway-card--${gateway.state}${gateway.demo ? ' gateway-card--demo' : ''}`} aria-labelledby={`${id}-title`}>
      <header className="gateway-card__header">
        <h2 id={`${id}-title`}>{title}</h2>
        <span className={`badge badge-gateway-${gateway.state}`}>{t(`state.${gateway.state}`)}</span>
      </header>
      {gateway.demo ? <p className="gateway-card__demo">{t('card.demoNote')}</p> : null}
      {gateway.problem ? (
        <p role="alert" className="gateway-card__problem">
          <strong>{gateway.problem}</strong>
        </p>
      ) : null}

      {gateway.dailyLimit ? (
        <p role="status" className="gateway-card__limit">
          {t('limit.reached', { count: gateway.dailyCap ?? 0 })}
        </p>
      ) : null}

      {needsPin(gateway) ? (
        <form className="pin-form" onSubmit={(e) => void submitPin(e)} noValidate aria-labelledby={`${id}-pin-title`}>
          <h3 id={`${id}-pin-title`}>{t('pin.title')}</h3>
          <TextField
            label={t('pin.label')}
            value={pin}
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            // Shown as dots, yet still a textbox: a PIN typed on a shared desk should not be read over a shoulder.
            style={{ WebkitTextSecurity: 'disc' } as CSSProperties}
            hint={t('pin.help')}
            error={pinError}
            onChange={(e) => setPin(e.target.value.replace(/\s/g, ''))}
          />
          <Button type="submit" variant="primary" busy={pinBusy}>
            {t('pin.submit')}
          </Button>
        </form>
      ) : null}

      <dl className="gateway-card__details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <div className="button-row">
        <Button variant={stopped ? 'primary' : 'secondary'} busy={busy === 'start'} disabled={running || gateway.state === 'starting'} onClick={() => void startOrStop('start')}>
          {t('card.start')}
        </Button>
        <Button busy={busy === 'stop'} disabled={stopped} onClick={() => void startOrStop('stop')}>
          {t('card.stop')}
        </Button>
      </div>
      {actionError ? (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      ) : null}

      {gateway.protocol === 'sms' ? <DailyLimitForm gateway={gateway} /> : null}
      {isModem ? <BalanceCheck gateway={gateway} /> : null}
      {isModem ? <TrafficLog gatewayId={gateway.id} /> : null}

      {gateway.protocol === 'sms' ? (
        <form className="test-sms" onSubmit={(e) => void sendTest(e)} noValidate aria-labelledby={`${id}-test-title`}>
          <h3 id={`${id}-test-title`}>{t('test.title')}</h3>
          <TextField
            label={t('test.to')}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={testTo}
            hint={gateway.demo ? t('test.demoHint') : t('test.hint')}
            error={testError}
            onChange={(e) => {
              setTestTo(e.target.value);
              setTestError(null);
            }}
          />
          <Button type="submit" busy={testBusy}>
            {t('test.submit')}
          </Button>
          {testResult ? (
            <p role="status" className="test-sms__result">
              {testResult}
            </p>
          ) : null}
        </form>
      ) : null}
    </article>
  );
}
