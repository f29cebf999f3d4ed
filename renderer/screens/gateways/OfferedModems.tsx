/**
 * Modems detection found and nobody has saved, while "Use new modems automatically" is off
 * (DiscoveryDto.offered): each with "Use this modem" (gateways.adopt) and "Ignore"
 * (gateways.ignore: never used, never offered again). A modem put to use is announced ("Huawei
 * E3131 is now in use") and the keyboard moves to its new card's heading, since the offer (and
 * its button) goes away.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferedModemDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/index.ts';
import { useGatewaysFocus } from './focus.ts';
import { gatewayTitle } from './GatewayCard.tsx';
import { modemName, portBaseName } from './names.ts';

function OfferedModem({ modem }: { modem: OfferedModemDto }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const requestFocus = useGatewaysFocus();
  const id = useId();
  const [busy, setBusy] = useState<'adopt' | 'ignore' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = modemName(modem.manufacturer, modem.model);
  const port = portBaseName(modem.path);

  const decide = async (action: 'adopt' | 'ignore') => {
    setBusy(action);
    setError(null);
    const store = useGateways.getState();
    if (action === 'adopt') {
      const outcome = await callCommand(client, 'gateways.adopt', { path: modem.path });
      setBusy(null);
      if (!outcome.ok) {
        setError(t('offered.adoptFailed', { message: errorWords(outcome.error) }));
        return;
      }
      store.apply(outcome.result);
      // Detection will say so too; meanwhile it is no longer on offer.
      const discovery = useGateways.getState().discovery;
      if (discovery) store.setDiscovery({ ...discovery, offered: discovery.offered.filter((m) => m.path !== modem.path) });
      toast.success(t('offered.adopted', { name: gatewayTitle(t, outcome.result) }));
      requestFocus({ kind: 'card', id: outcome.result.id });
    } else {
      const outcome = await callCommand(client, 'gateways.ignore', { path: modem.path });
      setBusy(null);
      if (outcome.ok) store.setDiscovery(outcome.result);
      else setError(t('offered.ignoreFailed', { message: errorWords(outcome.error) }));
    }
  };

  return (
    <li className="offered-modem" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="offered-modem__title" title={modem.path}>
        {name ? t('offered.named', { name, port }) : t('offered.unnamed', { port })}
      </p>
      <p className="offered-modem__note">
        {modem.imei ? `${t('card.imei')} ${modem.imei} · ` : ''}
        {modem.path}
      </p>
      <div className="button-row">
        <Button variant="primary" busy={busy === 'adopt'} aria-describedby={`${id}-title`} onClick={() => void decide('adopt')}>
          {t('offered.adopt')}
        </Button>
        <Button busy={busy === 'ignore'} aria-describedby={`${id}-title`} onClick={() => void decide('ignore')}>
          {t('offered.ignore')}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function OfferedModems() {
  const { t } = useTranslation('gateways');
  const id = useId();
  const discovery = useGateways((s) => s.discovery);
  const offered = discovery?.offered ?? [];
  if (offered.length === 0) return null;
  return (
    <section className="offered-modems" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('offered.title')}</h2>
      <p className="field-hint">{t('offered.hint')}</p>
      <ul aria-labelledby={`${id}-title`}>
        {offered.map((m) => (
          <OfferedModem key={m.path} modem={m} />
        ))}
      </ul>
    </section>
  );
}
