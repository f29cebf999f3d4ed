/**
 * The SIM PIN form of a modem card: shown while the SIM asks for its PIN (or refused the one it
 * was given, which only a person may retry). Read from codes: the SIM state and the problem code,
 * never from words. A PUK-locked SIM is a different matter that no PIN can fix.
 */
import { useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button, TextField } from '../../ui/index.ts';

const PIN_PATTERN = /^\d{4,8}$/;

export function needsPin(gateway: GatewayView): boolean {
  if (gateway.kind !== 'modem') return false;
  const { sim } = gateway.detail;
  const code = gateway.problem?.code;
  if (sim === 'puk-required' || code === 'sim-puk') return false;
  return sim === 'pin-required' || code === 'sim-pin' || code === 'sim-pin-rejected';
}

export function PinForm({ gateway, titleId }: { gateway: GatewayView; titleId: string }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!PIN_PATTERN.test(pin)) {
      setError(t('pin.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.enterPin', { id: gateway.id, pin });
    setBusy(false);
    setPin('');
    if (outcome.ok) apply(outcome.result);
    else setError(errorWords(outcome.error));
  };

  return (
    <form className="pin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('pin.title')}</h3>
      <TextField
        label={t('pin.label')}
        value={pin}
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        // Shown as dots, yet still a textbox: a PIN typed on a shared desk should not be read over a shoulder.
        style={{ WebkitTextSecurity: 'disc' } as CSSProperties}
        hint={t('pin.help')}
        error={error}
        onChange={(e) => setPin(e.target.value.replace(/\s/g, ''))}
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t('pin.submit')}
      </Button>
    </form>
  );
}
