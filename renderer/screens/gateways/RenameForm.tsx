/**
 * Renaming a gateway in place (gateways.rename): one field, "Name of this modem", Save or Cancel
 * (Escape cancels too). A name the contract refuses is said under the field.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button, TextField } from '../../ui/index.ts';

export const LABEL_MAX = 100;

export function RenameForm({ gateway, onDone }: { gateway: GatewayView; onDone: () => void }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const apply = useGateways((s) => s.apply);
  const [label, setLabel] = useState(gateway.label);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    if (name === '') {
      setError(t('rename.empty'));
      return;
    }
    if (name === gateway.label) {
      onDone();
      return;
    }
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.rename', { id: gateway.id, label: name });
    setBusy(false);
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    apply(outcome.result);
    onDone();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onDone();
    }
  };

  return (
    <form className="rename-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
      <TextField
        label={t('rename.label')}
        value={label}
        maxLength={LABEL_MAX}
        autoComplete="off"
        // The nurse asked to rename: the field is where the typing goes.
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        hint={t('rename.hint')}
        error={error}
        onChange={(e) => {
          setLabel(e.target.value);
          setError(null);
        }}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy}>
          {t('rename.save')}
        </Button>
        <Button onClick={onDone}>{t('common:action.cancel')}</Button>
      </div>
    </form>
  );
}
