/**
 * The header strip: connection state, why nothing is being sent when no modem runs (with a way
 * to Gateways), and the crash-recovery banner.
 */
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import { useAppState } from '../state/app.ts';
import { useGateways } from '../state/gateways.ts';
import { Button } from '../ui/Button.tsx';
import { navigate } from './router.ts';

/** What to say about the modems (the gateway's own words when it has them), or null when one is running. */
export function modemWords(gateways: readonly GatewayView[], loaded: boolean): { key: string; problem: string | null } | null {
  if (!loaded) return null;
  const modems = gateways.filter((g) => g.kind === 'modem');
  if (modems.some((g) => g.state === 'running')) return null;
  const first = modems.find((g) => g.problem) ?? modems[0];
  if (!first) return { key: 'gateway.none', problem: null };
  return { key: `gateway.${first.state}`, problem: first.problem };
}

function ConnectionStatus() {
  const { t } = useTranslation('shell');
  const connection = useAppState((s) => s.connection);
  return (
    <p className={`connection connection-${connection}`} role="status" aria-label={t('connection.label')}>
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${connection}`)}
    </p>
  );
}

function GatewayStatus() {
  const { t } = useTranslation('shell');
  const gateways = useGateways((s) => s.gateways);
  const loaded = useGateways((s) => s.loaded);
  const words = modemWords(gateways, loaded);
  if (!loaded) return null;
  if (!words) {
    // Only the demo modem running: say so wherever the state shows, so nobody thinks a patient got it.
    const onlyDemo = gateways.some((g) => g.state === 'running') && gateways.filter((g) => g.state === 'running').every((g) => g.demo);
    return <p className="gateway-ok">{t(onlyDemo ? 'gateway.readyDemo' : 'gateway.ready')}</p>;
  }
  return (
    <div className="gateway-warning">
      <p>{words.problem ?? t(words.key)}</p>
      <Button onClick={() => navigate('gateways')}>{t('gateway.goTo')}</Button>
    </div>
  );
}

function RecoveryBanner() {
  const { t } = useTranslation('shell');
  const recovery = useAppState((s) => s.recovery);
  const setRecovery = useAppState((s) => s.setRecovery);
  if (!recovery) return null;
  return (
    <div className="banner banner-warning" role="alert">
      <div>
        <p className="banner-title">{t('recovery.title')}</p>
        {recovery.requeued > 0 && <p>{t('recovery.requeued', { count: recovery.requeued })}</p>}
        {recovery.failed > 0 && <p>{t('recovery.failed', { count: recovery.failed })}</p>}
      </div>
      <div className="banner-actions">
        <Button onClick={() => navigate('outbox')}>{t('recovery.view')}</Button>
        <Button variant="quiet" onClick={() => setRecovery(null)}>
          {t('common:action.dismiss')}
        </Button>
      </div>
    </div>
  );
}

export function Header() {
  const { t } = useTranslation('shell');
  return (
    <header className="app-header">
      <div className="header-strip">
        <p className="app-name">{t('appName')}</p>
        <ConnectionStatus />
        <GatewayStatus />
      </div>
      <RecoveryBanner />
    </header>
  );
}
