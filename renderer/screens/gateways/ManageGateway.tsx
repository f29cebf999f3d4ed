/**
 * What a person may do with a saved gateway beside start and stop: rename it (modems), disable
 * or enable it (gateways.setEnabled: a disabled modem keeps its settings, its port stays closed
 * and detection leaves it alone), and forget it (modems). The demo modem is not saved: none apply.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button } from '../../ui/index.ts';
import { ForgetModem } from './ForgetModem.tsx';
import { RenameForm } from './RenameForm.tsx';

export function ManageGateway({ gateway, name }: { gateway: GatewayView; name: string }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  // Back from the rename field: focus where the keyboard user was.
  useEffect(() => {
    if (!renaming && refocus.current) {
      refocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  if (!gateway.saved) return null;
  const isModem = gateway.kind === 'modem';

  const toggleEnabled = async () => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.setEnabled', { id: gateway.id, enabled: !gateway.enabled });
    setBusy(false);
    if (outcome.ok) apply(outcome.result);
    else setError(t(gateway.enabled ? 'manage.disableFailed' : 'manage.enableFailed', { message: errorWords(outcome.error) }));
  };

  return (
    <div className="gateway-card__manage">
      {renaming ? (
        <RenameForm
          gateway={gateway}
          onDone={() => {
            refocus.current = true;
            setRenaming(false);
          }}
        />
      ) : (
        <div className="button-row">
          {isModem ? (
            <Button ref={renameButton} onClick={() => setRenaming(true)}>
              {t('manage.rename')}
            </Button>
          ) : null}
          <Button busy={busy} aria-describedby={gateway.enabled ? `${id}-disable-hint` : undefined} onClick={() => void toggleEnabled()}>
            {gateway.enabled ? t('manage.disable') : t('manage.enable')}
          </Button>
          {isModem ? <ForgetModem gateway={gateway} name={name} /> : null}
          {gateway.enabled ? (
            <span id={`${id}-disable-hint`} className="field-hint">
              {t('manage.disableHint')}
            </span>
          ) : null}
        </div>
      )}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
