/**
 * "Forget this modem" (gateways.forget), after a dialog that says what it means: the settings go,
 * and detection will not use this modem again even when it is plugged in; "Add by port name"
 * brings it back.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { toast } from '../../state/toasts.ts';
import { Button, Dialog } from '../../ui/index.ts';
import { useGatewaysFocus } from './focus.ts';

export function ForgetModem({ gateway, name }: { gateway: GatewayView; name: string }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const remove = useGateways((s) => s.remove);
  const requestFocus = useGatewaysFocus();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setOpen(false);
    setError(null);
  };

  const forget = async () => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.forget', { id: gateway.id });
    setBusy(false);
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    toast.info(t('forget.done', { name }));
    // The card goes, and the button with it (often already: gateway.removed comes before the
    // answer): the keyboard carries on from the screen's heading, which the screen focuses.
    remove(outcome.result.id);
    requestFocus({ kind: 'heading' });
  };

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('forget.button')}
      </Button>
      <Dialog
        open={open}
        title={t('forget.title', { name })}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('common:action.cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={() => void forget()}>
              {t('forget.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('forget.text')}</p>
        <p>{t('forget.addBack')}</p>
        {error ? (
          <p role="alert" className="form-error">
            {error}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
