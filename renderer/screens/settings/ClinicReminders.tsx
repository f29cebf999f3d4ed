/**
 * The "Clinic and reminders" fieldset of the Settings screen: the clinic's name (the {clinic}
 * merge field), its time zone (null = the computer's), the send window automated messages keep
 * to (HH:MM to HH:MM on the days ticked, 0 Sunday .. 6 Saturday) and the sensitive words the
 * template editor warns about (typed one a line or comma separated). The parent form owns the
 * values and saves them with the other settings.
 */
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendWindow } from '../../../src-shared/schedule/send-window.ts';

interface ControlIds {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

/** Which part of the send window an error is about (so that part is marked and focused). */
export type WindowPart = 'start' | 'end' | 'days';

export interface ClinicRemindersProps {
  /** Ids and ARIA attributes of each control; the send window's id prefixes its controls' ids. */
  ids: { clinicName: ControlIds; timeZone: ControlIds; sendWindow: ControlIds; sensitiveWords: ControlIds };
  clinicName: string;
  /** IANA name, or null: the computer's. */
  timeZone: string | null;
  /** The saved setting and the zone in use (SettingsDto timeZone / clinicTimeZone). */
  savedTimeZone: string | null;
  clinicTimeZone: string;
  sendWindow: SendWindow;
  /** The part of the window its error is about. */
  windowPart: WindowPart;
  /** As typed. */
  sensitiveWords: string;
  onClinicName(name: string): void;
  onTimeZone(zone: string | null): void;
  onSendWindow(window: SendWindow): void;
  onSensitiveWords(typed: string): void;
  /** Hint and error of each field (the parent form owns them). */
  messages: { clinicName: ReactNode; timeZone: ReactNode; sendWindow: ReactNode; sensitiveWords: ReactNode };
}

/** Zones offered when the runtime cannot list its own. */
export const FALLBACK_TIME_ZONES: readonly string[] = ['Africa/Dar_es_Salaam', 'Africa/Kampala', 'Africa/Kigali', 'Africa/Kinshasa', 'Africa/Lagos', 'Africa/Nairobi', 'America/Port-au-Prince', 'UTC'];

let zones: readonly string[] | null = null;

/** Every IANA zone the runtime knows (plus UTC), else the short list. */
export function timeZoneChoices(): readonly string[] {
  if (zones) return zones;
  let listed: string[] = [];
  try {
    const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
    if (typeof supported === 'function') listed = supported.call(Intl, 'timeZone');
  } catch {
    listed = [];
  }
  zones = listed.length > 0 ? [...new Set([...listed, 'UTC'])].sort() : FALLBACK_TIME_ZONES;
  return zones;
}

/** Days as shown: Monday first (values stay 0 Sunday .. 6 Saturday). */
const SHOWN_DAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** The weekday's name in `language` (0 Sunday .. 6 Saturday); 4 January 2026 is a Sunday. */
function weekdayNames(language: string): string[] {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
  }
  return [0, 1, 2, 3, 4, 5, 6].map((d) => format.format(new Date(Date.UTC(2026, 0, 4 + d))));
}

export function ClinicReminders({ ids, clinicName, timeZone, savedTimeZone, clinicTimeZone, sendWindow, windowPart, sensitiveWords, onClinicName, onTimeZone, onSendWindow, onSensitiveWords, messages }: ClinicRemindersProps) {
  const { t, i18n } = useTranslation('settings');
  const days = useMemo(() => weekdayNames(i18n.language), [i18n.language]);
  const choices = useMemo(() => {
    const known = timeZoneChoices();
    const extra = [timeZone, savedTimeZone].filter((z): z is string => z !== null && !known.includes(z));
    return extra.length > 0 ? [...new Set([...known, ...extra])].sort() : known;
  }, [timeZone, savedTimeZone]);
  const windowId = ids.sendWindow.id;
  const windowError = ids.sendWindow['aria-invalid'] === true;
  const timeIds = (part: 'start' | 'end') => ({
    id: `${windowId}-${part}`,
    'aria-invalid': windowError && windowPart !== 'days' ? true : undefined,
    'aria-describedby': ids.sendWindow['aria-describedby'],
  });
  const toggleDay = (day: number, on: boolean) => {
    const next = on ? [...sendWindow.days, day] : sendWindow.days.filter((d) => d !== day);
    onSendWindow({ ...sendWindow, days: [...new Set(next)].sort((a, b) => a - b) });
  };
  // With a zone set, clinicTimeZone is that zone: the computer's own is not known here.
  const computerZone = savedTimeZone === null ? t('clinic.timeZoneComputer', { zone: clinicTimeZone }) : t('clinic.timeZoneComputerUnnamed');

  return (
    <fieldset className="field clinic-reminders">
      <legend>{t('clinic.legend')}</legend>
      <div className="field">
        <label htmlFor={ids.clinicName.id}>{t('clinic.nameLabel')}</label>
        <input {...ids.clinicName} className="input" autoComplete="organization" maxLength={100} value={clinicName} onChange={(e) => onClinicName(e.target.value)} />
        {messages.clinicName}
      </div>

      <div className="field">
        <label htmlFor={ids.timeZone.id}>{t('clinic.timeZoneLabel')}</label>
        <select {...ids.timeZone} className="input" value={timeZone ?? ''} onChange={(e) => onTimeZone(e.target.value === '' ? null : e.target.value)}>
          <option value="">{computerZone}</option>
          {choices.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        {messages.timeZone}
      </div>

      <fieldset className="field send-window" aria-describedby={ids.sendWindow['aria-describedby']}>
        <legend>{t('clinic.windowLegend')}</legend>
        <div className="send-window__times">
          <label htmlFor={`${windowId}-start`}>{t('clinic.windowFrom')}</label>
          <input {...timeIds('start')} type="time" className="input input-short" value={sendWindow.start} onChange={(e) => onSendWindow({ ...sendWindow, start: e.target.value })} />
          <label htmlFor={`${windowId}-end`}>{t('clinic.windowTo')}</label>
          <input {...timeIds('end')} type="time" className="input input-short" value={sendWindow.end} onChange={(e) => onSendWindow({ ...sendWindow, end: e.target.value })} />
        </div>
        <fieldset className="send-window__days">
          <legend>{t('clinic.windowDays')}</legend>
          {SHOWN_DAYS.map((day, index) => (
            <label key={day} className="radio">
              <input
                type="checkbox"
                id={index === 0 ? `${windowId}-days` : `${windowId}-day-${day}`}
                aria-invalid={windowError && windowPart === 'days' ? true : undefined}
                aria-describedby={windowError && windowPart === 'days' ? ids.sendWindow['aria-describedby'] : undefined}
                checked={sendWindow.days.includes(day)}
                onChange={(e) => toggleDay(day, e.target.checked)}
              />
              {days[day]}
            </label>
          ))}
        </fieldset>
        {messages.sendWindow}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.sensitiveWords.id}>{t('clinic.wordsLabel')}</label>
        <textarea {...ids.sensitiveWords} className="input textarea" rows={5} spellCheck={false} autoComplete="off" value={sensitiveWords} onChange={(e) => onSensitiveWords(e.target.value)} />
        {messages.sensitiveWords}
      </div>
    </fieldset>
  );
}
