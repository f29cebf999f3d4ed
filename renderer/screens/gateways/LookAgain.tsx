/**
 * "Look for modems again" (gateways.rescan): one scan of every candidate port now. While a scan
 * runs (`discovery.scanning`, from the command or from detection itself) the button is busy and
 * a bar says how many ports were looked at; afterwards, when the last scan finished.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button, formatWhen, ProgressBar } from '../../ui/index.ts';

export function LookAgain() {
  const { t, i18n } = useTranslation('gateways');
  const client = useClient();
  const discovery = useGateways((s) => s.discovery);
  const setDiscovery = useGateways((s) => s.setDiscovery);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scanning = pending || discovery?.scanning === true;
  const ports = discovery?.ports ?? [];
  const done = ports.filter((p) => p.outcome !== 'pending').length;

  const look = async () => {
    setPending(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.rescan', {});
    setPending(false);
    if (outcome.ok) setDiscovery(outcome.result);
    else setError(t('look.failed', { message: errorWords(outcome.error) }));
  };

  return (
    <div className="look-again">
      <div className="button-row">
        <Button variant="primary" busy={scanning} onClick={() => void look()}>
          {t('look.button')}
        </Button>
        <p role="status" className="look-again__status">
          {scanning ? t('look.scanning') : discovery?.lastScanAt ? t('look.last', { when: formatWhen(discovery.lastScanAt, i18n.language) }) : null}
        </p>
      </div>
      {scanning && ports.length > 0 ? <ProgressBar value={done} max={ports.length} label={t('look.progress', { done, count: ports.length })} /> : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
