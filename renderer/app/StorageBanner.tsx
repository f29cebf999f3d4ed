/**
 * The data folder's disk while it is not fine (docs/ARCHITECTURE.md "Field survival": full disk):
 * full (nothing new can be saved: an alert) or low on space (a status, with what is left). Worded
 * from the state code (renderer/i18n/codes.ts STORAGE_STATE_KEYS), never from backend English; it
 * goes away by itself when the backend says the disk has room again (`storage.status`).
 */
import { useTranslation } from 'react-i18next';
import { STORAGE_STATE_KEYS } from '../i18n/codes.ts';
import { useAppState } from '../state/app.ts';

const MIB = 1024 * 1024;

export function StorageBanner() {
  const { t } = useTranslation('shell');
  const storage = useAppState((s) => s.storage);
  if (!storage) return null;
  const key = Object.prototype.hasOwnProperty.call(STORAGE_STATE_KEYS, storage.state) ? STORAGE_STATE_KEYS[storage.state] : null;
  if (key === null) return null;
  const full = storage.state === 'disk-full';
  return (
    <div className={`banner ${full ? 'banner-error' : 'banner-warning'}`} role={full ? 'alert' : 'status'} aria-label={t('storage.label')}>
      <p>{t(key, { free: Math.floor((storage.freeBytes ?? 0) / MIB) })}</p>
    </div>
  );
}
