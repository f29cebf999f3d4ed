/**
 * "Book an appointment": the patient (name, phone, optional language), the date and time in
 * clinic time (the zone shown beside them, turned into an instant with the backend's own code:
 * compose/SendLater.tsx laterInstant) and the service. What can be told before a call (an empty
 * name or phone, a time that has passed) is told under its field without one; the backend stays
 * the judge, and its issues go under the field their `where` names. Nothing the nurse typed is
 * cleared by an error; after a booking the patient's fields are emptied for the next one, the
 * date and time kept (a clinic books a day's list). The time is typed on the 24-hour clock
 * (ui/clock-time.ts says why not a time input); one that is not a time is said under it.
 *
 * Given a `patient` (a contact's page books for that contact), the name and phone start filled
 * in with theirs and go back to theirs after a booking.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { CLOCK_TIME_INPUT, readClockTime } from '../../ui/clock-time.ts';
import { FieldMessages, TextField } from '../../ui/TextField.tsx';
import { defaultLater, laterInstant, useClinicTimeZone } from '../compose/SendLater.tsx';
import { PATIENT_LANGUAGES, placeIssues, type BookField } from './words.ts';

interface Draft {
  name: string;
  phone: string;
  language: string;
  date: string;
  time: string;
  service: string;
}

export interface BookFormProps {
  onBooked: (appointment: AppointmentDto) => void;
  /** The patient the form starts with (and returns to after a booking); none: empty fields. */
  patient?: { name: string; phone: string };
  /** The level of the form's heading where it sits (the Reminders screen: 2). */
  headingLevel?: 2 | 3;
}

export function BookForm({ onBooked, patient, headingLevel = 2 }: BookFormProps) {
  const { t } = useTranslation('reminders');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Draft>(() => ({ name: patient?.name ?? '', phone: patient?.phone ?? '', language: '', service: '', ...defaultLater(Date.now(), timeZone) }));
  const [errors, setErrors] = useState<Partial<Record<BookField, string>>>({});
  const [busy, setBusy] = useState(false);

  const change = (field: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    // The words under a field go once it is edited; the others stay until the next try.
    const placed: BookField = field === 'date' || field === 'time' ? 'when' : field;
    if (errors[placed] || (field === 'time' && errors.time)) setErrors((e) => ({ ...e, [placed]: undefined, ...(field === 'time' ? { time: undefined } : {}) }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found: Partial<Record<BookField, string>> = {};
    if (draft.name.trim() === '') found.name = t('issue.name-empty');
    if (draft.phone.trim() === '') found.phone = t('issue.phone-empty');
    const time = readClockTime(draft.time);
    // Not a time: said under the time box; a missing or past one under both (the fieldset).
    if (time === null && draft.time.trim() !== '') found.time = t('issue.time-format', { value: draft.time.trim() });
    const when = laterInstant(draft.date, time ?? '', timeZone, Date.now());
    if (!when.ok && !found.time) found.when = t(`issue.when-${when.problem}`);
    setErrors(found);
    if (!when.ok || Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    const outcome = await callCommand(client, 'appointments.book', {
      patient: { name: draft.name.trim(), phone: draft.phone.trim(), ...(draft.language !== '' ? { language: draft.language } : {}) },
      start: when.iso,
      ...(draft.service.trim() !== '' ? { service: draft.service.trim() } : {}),
    });
    setBusy(false);
    if (!outcome.ok) {
      const issues = validationIssues(outcome.error);
      const placed = issues.length > 0 ? placeIssues(t, issues) : { form: errorWords(outcome.error) };
      setErrors(placed);
      focusFirst(placed);
      return;
    }
    const a = outcome.result;
    const scheduled = a.reminders.filter((r) => r.status === 'scheduled').length;
    const name = a.patient.name;
    if (!a.created) toast.info(t('toast.alreadyBooked', { name }));
    else if (scheduled === 0) toast.success(t('toast.bookedNone', { name }));
    else toast.success(t('toast.booked', { name, count: scheduled }));
    setDraft((d) => ({ ...d, name: patient?.name ?? '', phone: patient?.phone ?? '', language: '', service: '' }));
    setErrors({});
    nameRef.current?.focus();
    onBooked(a);
  };

  const focusFirst = (found: Partial<Record<BookField, string>>) => {
    const order: BookField[] = ['name', 'phone', 'language', 'when', 'time', 'service', 'form'];
    const first = order.find((f) => found[f]);
    if (!first) return;
    const el = document.getElementById(`${id}-${first === 'when' ? 'date' : first}`);
    el?.focus();
  };

  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const whenDescribedBy = [`${id}-when-hint`, errors.when ? `${id}-when-error` : ''].filter(Boolean).join(' ');
  const timeDescribedBy = [errors.time ? `${id}-time-error` : '', whenDescribedBy].filter(Boolean).join(' ');

  return (
    <section className="reminders-section" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t('book.title')}</Heading>
      <form className="book-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
        <div className="book-form__fields">
          <TextField ref={nameRef} id={`${id}-name`} label={t('book.name')} value={draft.name} autoComplete="off" error={errors.name} onChange={(e) => change('name', e.target.value)} />
          <TextField id={`${id}-phone`} label={t('book.phone')} type="tel" inputMode="tel" value={draft.phone} autoComplete="off" hint={t('book.phoneHint')} error={errors.phone} onChange={(e) => change('phone', e.target.value)} />
          <div className="field">
            <label className="field-label" htmlFor={`${id}-language`}>
              {t('book.language')}
            </label>
            <select
              id={`${id}-language`}
              className="input"
              value={draft.language}
              aria-invalid={errors.language ? true : undefined}
              aria-describedby={errors.language ? `${id}-language-error` : undefined}
              onChange={(e) => change('language', e.target.value)}
            >
              <option value="">{t('book.languageNone')}</option>
              {PATIENT_LANGUAGES.map((lng) => (
                <option key={lng} value={lng}>
                  {t(`language.${lng}`)}
                </option>
              ))}
            </select>
            <FieldMessages hintId={`${id}-language-hint`} errorId={`${id}-language-error`} error={errors.language} />
          </div>
          <TextField id={`${id}-service`} label={t('book.service')} value={draft.service} error={errors.service} onChange={(e) => change('service', e.target.value)} />
        </div>
        <fieldset className="book-form__when">
          <legend className="field-label">{t('book.when')}</legend>
          <div className="book-form__when-fields">
            <label>
              {t('book.date')}
              <input id={`${id}-date`} className="input" type="date" value={draft.date} aria-invalid={errors.when ? true : undefined} aria-describedby={whenDescribedBy} onChange={(e) => change('date', e.target.value)} />
            </label>
            <div className="book-form__time">
              <label>
                {t('book.time')}
                <input
                  id={`${id}-time`}
                  className="input input-time"
                  {...CLOCK_TIME_INPUT}
                  value={draft.time}
                  aria-invalid={errors.when || errors.time ? true : undefined}
                  aria-describedby={timeDescribedBy}
                  onChange={(e) => change('time', e.target.value)}
                  // "930" becomes "09:30" when the nurse moves on, so what is booked is what is shown.
                  onBlur={() => {
                    const read = readClockTime(draft.time);
                    if (read !== null && read !== draft.time) setDraft((d) => ({ ...d, time: read }));
                  }}
                />
              </label>
              <FieldMessages hintId={`${id}-time-hint`} errorId={`${id}-time-error`} error={errors.time} />
            </div>
          </div>
          <FieldMessages hintId={`${id}-when-hint`} hint={t('zone', { zone: timeZone })} errorId={`${id}-when-error`} error={errors.when} />
        </fieldset>
        {errors.form && (
          <p id={`${id}-form`} className="form-error" role="alert" tabIndex={-1}>
            {errors.form}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('book.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
