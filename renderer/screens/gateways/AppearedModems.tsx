/**
 * Modems that were plugged in and are not set up (`gateways.appeared`): "A modem appeared on
 * /dev/ttyUSB3 (Huawei E3131)". Only said: Ujumbe never starts using a modem by itself. The
 * backend's port watcher looks every few seconds; this list asks again while it is shown.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppearedModemDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/hooks.ts';

export const APPEARED_REFRESH_MS = 10_000;

/** "huawei" "E3131" -> "Huawei E3131"; nothing known -> null. */
export function appearedName(modem: Pick<AppearedModemDto, 'manufacturer' | 'model'>): string | null {
  const maker = modem.manufacturer?.trim() || null;
  const model = modem.model?.trim() || null;
  const name = [maker ? maker.charAt(0).toUpperCase() + maker.slice(1) : null, model].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

export function AppearedModems() {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const [modems, setModems] = useState<AppearedModemDto[]>([]);

  const load = useCallback(async () => {
    const outcome = await callCommand(client, 'gateways.appeared', {});
    // Only a notice: if it cannot be asked (an older backend), there is simply nothing to say.
    if (outcome.ok) setModems(outcome.result);
  }, [client]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), APPEARED_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <div className="appeared-modems" aria-live="polite">
      {modems.length > 0 ? (
        <ul aria-label={t('appeared.label')}>
          {modems.map((m) => {
            const name = appearedName(m);
            return (
              <li key={m.path} className="appeared-modem">
                <p className="appeared-modem__title">{name ? t('appeared.named', { path: m.path, name }) : t('appeared.unnamed', { path: m.path })}</p>
                <p className="appeared-modem__note">{m.imei ? t('appeared.noteImei', { imei: m.imei }) : t('appeared.note')}</p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
