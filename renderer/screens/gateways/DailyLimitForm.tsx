/**
 * The gateway card's "Daily limit" field: the most SMS this SIM sends per day, for
 * SIM bundles. Empty means no limit. Saved with `gateways.setDailyCap`.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button, TextField } from '../../ui/index.ts';
import { errorWords } from '../../app/errors.ts';

export function DailyLimitForm({ gateway }: { gateway: GatewayView }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const [value, setValue] = useState(gateway.dailyCap === null ? '' : String(gateway.dailyCap));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const trimmed = value.trim();
    if (trimmed !== '' && !/^\d{1,7}$/.test(trimmed)) {
      setError(t('limit.invalid'));
      return;
    }
    setError(null);
    setBusy(true);
    const outcome = await callCommand(client, 'gateways.setDailyCap', { id: gateway.id, cap: trimmed === '' ? null : Number(trimmed) });
    setBusy(false);
    if (outcome.ok) {
      apply(outcome.result);
      setSaved(true);
    } else {
      setError(errorWords(outcome.error));
    }
  };

  return (
    <form className="daily-limit" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label={t('limit.label')}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        hint={t('limit.hint')}
        error={error}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
          setSaved(false);
        }}
      />
      <Button type="submit" busy={busy}>
        {t('limit.save')}
      </Button>
      {saved ? (
        <span role="status" className="saved-notice">
          {t('limit.saved')}
        </span>
      ) : null}
    </form>
  );
}
