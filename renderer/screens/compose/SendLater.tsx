/**
 * "Send later" on Compose: a date and a time in clinic time (the backend's zone, shown beside
 * them), turned into an instant with the same code the backend uses
 * (src-shared/schedule/clinic-time.ts). Off by default; the draft keeps it across screens.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { clinicFields, parseClinicTime, plusDays } from '../../../src-shared/schedule/clinic-time.ts';
import { useCompose } from '../../state/compose.ts';
import { useSettings } from '../../state/settings.ts';
import { FieldMessages } from '../../ui/TextField.tsx';

/** Tomorrow at 08:00 clinic time: where a reminder usually goes. */
export function defaultLater(nowMs: number, timeZone: string): { date: string; time: string } {
  return { date: plusDays(clinicFields(nowMs, timeZone).date, 1), time: '08:00' };
}

/** The instant the fields name, or why not (words for the field). */
export function laterInstant(date: string, time: string, timeZone: string, nowMs: number): { ok: true; iso: string } | { ok: false; problem: 'missing' | 'invalid' | 'past' } {
  if (date === '' || time === '') return { ok: false, problem: 'missing' };
  let ms: number;
  try {
    ms = parseClinicTime(`${date} ${time}`, timeZone);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (ms <= nowMs) return { ok: false, problem: 'past' };
  return { ok: true, iso: new Date(ms).toISOString() };
}

export function useClinicTimeZone(): string {
  return useSettings((s) => s.settings?.clinicTimeZone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function SendLater() {
  const { t } = useTranslation('compose');
  const id = useId();
  const later = useCompose((s) => s.later);
  const setLater = useCompose((s) => s.setLater);
  const errors = useCompose((s) => s.issues.sendAt);
  const timeZone = useClinicTimeZone();
  const error = errors.join(' ') || null;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');

  return (
    <fieldset className="send-later">
      <legend className="visually-hidden">{t('later.legend')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={later.on}
          onChange={(e) => setLater(e.target.checked ? { on: true, ...(later.date === '' ? defaultLater(Date.now(), timeZone) : { date: later.date, time: later.time }) } : { ...later, on: false })}
        />
        {t('later.toggle')}
      </label>
      {later.on && (
        <div className="send-later__when">
          <label>
            {t('later.date')}
            <input type="date" value={later.date} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => setLater({ ...later, date: e.target.value })} />
          </label>
          <label>
            {t('later.time')}
            <input type="time" value={later.time} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => setLater({ ...later, time: e.target.value })} />
          </label>
          <FieldMessages hintId={`${id}-hint`} hint={t('later.zone', { zone: timeZone })} errorId={`${id}-error`} error={error} />
        </div>
      )}
    </fieldset>
  );
}
