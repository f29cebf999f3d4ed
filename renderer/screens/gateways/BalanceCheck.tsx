/**
 * "Check balance" on a modem card: `gateways.checkBalance` dials the USSD code of the
 * `ussdBalanceCode` setting and the network's answer, decoded, is shown under the button (or,
 * when it fails, why in words). Nothing is checked automatically: each check is a USSD session.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { Button } from '../../ui/index.ts';

type Answer = { ok: true; code: string; text: string } | { ok: false; message: string };

export function BalanceCheck({ gateway }: { gateway: GatewayView }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const check = async () => {
    setBusy(true);
    setAnswer(null);
    const outcome = await callCommand(client, 'gateways.checkBalance', { id: gateway.id });
    setBusy(false);
    setAnswer(outcome.ok ? { ok: true, code: outcome.result.code, text: outcome.result.text } : { ok: false, message: errorWords(outcome.error) });
  };

  return (
    <div className="balance-check">
      <Button busy={busy} onClick={() => void check()}>
        {t('balance.check')}
      </Button>
      {/* Always in the page, so the answer is announced when it arrives. */}
      <div aria-live="polite" className="balance-check__answer">
        {busy ? t('balance.asking') : null}
        {answer?.ok ? (
          <>
            <span className="balance-check__code">{t('balance.answer', { code: answer.code })}</span>
            <span className="balance-check__text">{answer.text.trim() === '' ? t('balance.empty') : answer.text}</span>
          </>
        ) : null}
      </div>
      {answer && !answer.ok ? (
        <p role="alert" className="form-error">
          {t('balance.failed', { message: answer.message })}
        </p>
      ) : null}
    </div>
  );
}
