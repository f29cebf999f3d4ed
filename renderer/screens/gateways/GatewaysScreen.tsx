/**
 * The gateways panel: modems detection offers (when they are not used automatically), one card
 * per gateway (kept live by the gateway events, applied centrally in app/sync.ts), and how modems
 * are found — with the list of what was tried while none is saved. With no modem it says what is
 * true: detection runs, so plugging one in is all it takes (or "Use this modem" when new modems
 * are not used automatically); the demo modem is offered only where the host can start it.
 * Below, the e-mail gateway's settings.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { useSettings } from '../../state/settings.ts';
import { useCan } from '../../state/session.ts';
import { Button, EmptyState } from '../../ui/index.ts';
import { EmailSettingsForm } from './EmailSettingsForm.tsx';
import { FindingModems } from './FindingModems.tsx';
import { focusElement, focusTargetElement, GatewaysFocusContext, type FocusTarget } from './focus.ts';
import { GatewayCard } from './GatewayCard.tsx';
import { OfferedModems } from './OfferedModems.tsx';
import './gateways.css';

function NoModem() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const discovery = useGateways((s) => s.discovery);
  const autoAdopt = useSettings((s) => s.settings?.autoAdoptModems);
  const info = useQuery('app.info', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canDemo = useCan('gateways.startDemo');

  const startDemo = async () => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.startDemo', {});
    setBusy(false);
    if (outcome.ok) useGateways.getState().apply(outcome.result);
    else setError(t('empty.demoFailed', { message: errorWords(outcome.error) }));
  };

  // Only what is true: detection answered, so it runs; whether it uses a modem by itself is the setting.
  const text = !discovery ? t('empty.textNoDetection') : autoAdopt === undefined ? t('empty.textLooking') : autoAdopt ? t('empty.textAuto') : t('empty.textOffer');
  const demo = info.data?.demoAvailable === true && canDemo;

  return (
    <EmptyState
      title={t('empty.title')}
      action={
        demo ? (
          <Button busy={busy} onClick={() => void startDemo()}>
            {t('empty.demo')}
          </Button>
        ) : undefined
      }
    >
      <p>{text}</p>
      {demo ? <p>{t('empty.demoText')}</p> : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </EmptyState>
  );
}

export function GatewaysScreen() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const gateways = useGateways((s) => s.gateways);
  const loaded = useGateways((s) => s.loaded);
  const settingsLoaded = useSettings((s) => s.settings !== null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const screen = useRef<HTMLElement>(null);

  // Where the keyboard goes when its button went away (renderer/screens/gateways/focus.ts): asked
  // for by a card or an offered modem, done here once the target is on the page.
  const pendingFocus = useRef<FocusTarget | null>(null);
  const [focusAsked, setFocusAsked] = useState(0);
  const requestFocus = useCallback((target: FocusTarget) => {
    pendingFocus.current = target;
    setFocusAsked((n) => n + 1);
  }, []);
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target || !screen.current) return;
    // A card that is not (or no longer) in the list will not come: nothing to wait for.
    if (target.kind === 'card' && !gateways.some((g) => g.id === target.id)) {
      pendingFocus.current = null;
      return;
    }
    const element = focusTargetElement(screen.current, target);
    if (!element) return;
    pendingFocus.current = null;
    focusElement(element);
  }, [focusAsked, gateways]);

  // Fresh on every visit; events keep it current afterwards.
  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    const error = await useGateways.getState().load(client);
    setLoading(false);
    if (error) setLoadError(errorWords(error));
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  // The test SMS form checks numbers with the clinic's default country; the empty state reads autoAdoptModems.
  useEffect(() => {
    if (!settingsLoaded) void useSettings.getState().load(client);
  }, [client, settingsLoaded]);

  const hasModem = gateways.some((g) => g.kind === 'modem');
  const known = loaded && !loadError;
  // Issue 13: finding modems and the mail server's settings are the administrator's.
  const canAdopt = useCan('gateways.adopt');
  const canFind = useCan('gateways.rescan');
  const canEmail = useCan('email.getSettings');

  return (
    <GatewaysFocusContext value={requestFocus}>
      <section ref={screen} className="screen gateways-screen" aria-labelledby={`${id}-title`}>
        <header className="screen-header">
          <h1 id={`${id}-title`}>{t('title')}</h1>
        </header>
        {loadError ? (
          <div role="alert" className="form-error">
            {t('loadFailed', { message: loadError })} <Button onClick={() => void load()}>{t('common:action.tryAgain')}</Button>
          </div>
        ) : null}
        {loading && !loaded ? <p role="status">{t('loading')}</p> : null}
        {canAdopt ? <OfferedModems /> : null}
        {known && !hasModem ? <NoModem /> : null}
        {canFind && known && !hasModem ? <FindingModems open /> : null}
        <div className="gateway-cards">
          {gateways.map((g) => (
            <GatewayCard key={g.id} gateway={g} />
          ))}
        </div>
        {canFind && hasModem ? <FindingModems open={false} /> : null}
        {canEmail ? <EmailSettingsForm /> : null}
      </section>
    </GatewaysFocusContext>
  );
}
