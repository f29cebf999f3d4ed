/**
 * The gateways panel: one card per gateway, kept live by `gateway.status` events (into the
 * shell's gateways store, which the header reads too). With no modem at all it says so and
 * offers the built-in demo modem. Above the cards, modems that were plugged in but are not set up
 * (only said, never used by themselves). Below the cards, the e-mail gateway's settings.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { useClient, useEvent } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { useGateways } from '../../state/gateways.ts';
import { useSettings } from '../../state/settings.ts';
import { Button, EmptyState } from '../../ui/index.ts';
import { AppearedModems } from './AppearedModems.tsx';
import { EmailSettingsForm } from './EmailSettingsForm.tsx';
import { GatewayCard } from './GatewayCard.tsx';
import './gateways.css';

export function GatewaysScreen() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const gateways = useGateways((s) => s.gateways);
  const apply = useGateways((s) => s.apply);
  const settingsLoaded = useSettings((s) => s.settings !== null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<string | null>(null);
  // Ids an event updated while gateways.list was on its way: the event is newer than the list.
  const updatedDuringLoad = useRef<Set<string> | null>(null);

  useEvent('gateway.status', (view) => {
    updatedDuringLoad.current?.add(view.id);
    apply(view);
  });

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    updatedDuringLoad.current = new Set();
    const outcome = await callCommand(client, 'gateways.list', {});
    const newer = updatedDuringLoad.current;
    updatedDuringLoad.current = null;
    setLoading(false);
    if (!outcome.ok) {
      setLoadError(outcome.error.message);
      return;
    }
    const current = useGateways.getState().gateways;
    const merged: GatewayView[] = outcome.result.map((g) => (newer.has(g.id) ? (current.find((c) => c.id === g.id) ?? g) : g));
    for (const g of current) if (newer.has(g.id) && !merged.some((m) => m.id === g.id)) merged.push(g);
    useGateways.setState({ gateways: merged, loaded: true });
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  // The test SMS form checks numbers with the clinic's default country.
  useEffect(() => {
    if (!settingsLoaded) void useSettings.getState().load(client);
  }, [client, settingsLoaded]);

  const startDemo = async () => {
    setDemoBusy(true);
    setDemoError(null);
    const outcome = await callCommand(client, 'gateways.startDemo', {});
    setDemoBusy(false);
    if (outcome.ok) apply(outcome.result);
    else setDemoError(t('empty.demoFailed', { message: outcome.error.message }));
  };

  const hasModem = gateways.some((g) => g.kind === 'modem');

  return (
    <section className="screen gateways-screen" aria-labelledby={`${id}-title`}>
      <header className="screen-header">
        <h1 id={`${id}-title`}>{t('title')}</h1>
      </header>
      {loadError ? (
        <div role="alert" className="form-error">
          {t('loadFailed', { message: loadError })} <Button onClick={() => void load()}>{t('common:action.tryAgain')}</Button>
        </div>
      ) : null}
      {loading && gateways.length === 0 ? <p role="status">{t('loading')}</p> : null}
      {!loading && !loadError && !hasModem ? (
        <EmptyState
          title={t('empty.title')}
          action={
            <Button variant="primary" busy={demoBusy} onClick={() => void startDemo()}>
              {t('empty.demo')}
            </Button>
          }
        >
          <p>{t('empty.text')}</p>
          {demoError ? (
            <p role="alert" className="form-error">
              {demoError}
            </p>
          ) : null}
        </EmptyState>
      ) : null}
      <AppearedModems />
      <div className="gateway-cards">
        {gateways.map((g) => (
          <GatewayCard key={g.id} gateway={g} />
        ))}
      </div>
      <EmailSettingsForm />
    </section>
  );
}
