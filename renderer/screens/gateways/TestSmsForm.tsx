/** "Test this gateway": one SMS ("Ujumbe test message") through this gateway only (gateways.testSms). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { checkAddress } from '../../../src-shared/protocols/index.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useSettings } from '../../state/settings.ts';
import { Button, TextField } from '../../ui/index.ts';

export function TestSmsForm({ gateway, titleId }: { gateway: GatewayView; titleId: string }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const protocolSettings = useSettings((s) => s.protocol);
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const check = checkAddress(to, 'sms', protocolSettings);
    if (!check.ok) {
      setError(check.issue.message);
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.testSms', { id: gateway.id, to: check.address });
    setBusy(false);
    if (outcome.ok) setResult(t('test.queued', { to: outcome.result.recipients[0]?.address ?? check.address, id: outcome.result.messageId }));
    else setError(errorWords(outcome.error));
  };

  return (
    <form className="test-sms" onSubmit={(e) => void send(e)} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('test.title')}</h3>
      <TextField
        label={t('test.to')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={to}
        hint={gateway.demo ? t('test.demoHint') : t('test.hint')}
        error={error}
        onChange={(e) => {
          setTo(e.target.value);
          setError(null);
        }}
      />
      <Button type="submit" busy={busy}>
        {t('test.submit')}
      </Button>
      {result ? (
        <p role="status" className="test-sms__result">
          {result}
        </p>
      ) : null}
    </form>
  );
}
