/**
 * The header strip: the link to Ujumbe ("Connected to Ujumbe": said of Ujumbe, so that beside "No
 * modem yet" it is not read as the modem's state), whether SMS can go now (derived from the
 * gateways' codes, state/sms-readiness.ts), with a way to Gateways when they cannot, the disk's
 * state while it is full or low on space (StorageBanner), and the crash-recovery banner.
 */
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state/app.ts';
import { useSmsReadiness } from '../state/sms-readiness.ts';
import { Button } from '../ui/Button.tsx';
import { ConnectionWords } from './ConnectionWords.tsx';
import { DatabaseNotice } from './DatabaseNotice.tsx';
import { readinessWords } from './readiness-words.ts';
import { StorageBanner } from './StorageBanner.tsx';
import { SessionControls } from './SessionControls.tsx';
import { navigate } from './router.ts';

function ConnectionStatus() {
  const { t } = useTranslation('shell');
  const connection = useAppState((s) => s.connection);
  return (
    <p className={`connection connection-${connection}`} role="status" aria-label={t('connection.label')}>
      <span className="connection-dot" aria-hidden="true" />
      <ConnectionWords state={connection} />
    </p>
  );
}

function GatewayStatus() {
  const { t } = useTranslation('shell');
  const readiness = useSmsReadiness();
  const words = readinessWords(t, readiness);
  if (words === null) return null;
  if (readiness.kind === 'ready') return <p className="gateway-ok">{words}</p>;
  if (readiness.kind === 'offline') return <p className="gateway-unknown">{words}</p>;
  return (
    <div className="gateway-warning">
      <p>{words}</p>
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
        <SessionControls />
      </div>
      <StorageBanner />
      <RecoveryBanner />
      <DatabaseNotice />
    </header>
  );
}
