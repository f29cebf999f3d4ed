/**
 * A contact's appointments, under the contact's form: the coming ones first (soonest first), then
 * the past ones (latest first) folded under "Past appointments", each as the Reminders screen
 * shows it (AppointmentCard: clinic time, service, status, reminders, and what a nurse does with
 * it), and "Book an appointment" with the Reminders screen's form, the patient's name and
 * preferred phone number filled in. A contact without a phone number is told why there is no form.
 *
 * Current without polling, as the Reminders screen: `appointment.changed` (a booking here, from
 * the HTTP API or an import) and a status event about one of the shown reminders reload, once per
 * burst; so does a reconnect (missed events are not replayed).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentDto, ContactDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords } from '../../app/errors.ts';
import { useLiveReload } from '../../app/live-reload.ts';
import { Button } from '../../ui/Button.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { AppointmentList, appointmentFocusId } from '../reminders/AppointmentCard.tsx';
import { BookForm } from '../reminders/BookForm.tsx';

/** One reload for a burst of events. */
const RELOAD_DEBOUNCE_MS = 200;

/** The number an SMS to this contact goes to: the preferred phone number, else the first one; null when none. */
export function preferredPhone(contact: ContactDto): string | null {
  const phones = contact.addresses.filter((a) => a.protocol === 'sms');
  return (phones.find((a) => a.preferred) ?? phones[0])?.address ?? null;
}

const soonestFirst = (a: AppointmentDto, b: AppointmentDto) => a.start.localeCompare(b.start) || a.id - b.id;

export function ContactAppointments({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation('contacts');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const id = useId();
  const phone = preferredPhone(contact);
  const [items, setItems] = useState<AppointmentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const latest = useRef(0);
  const shownMessages = useRef(new Set<number>());
  const focusAfter = useRef<number | null>(null);
  const bookButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const outcome = await callCommand(client, 'appointments.forContact', { contactId: contact.id });
    if (ticket !== latest.current) return; // a newer load is on its way
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    setError(null);
    setItems(outcome.result.items);
  }, [client, contact.id]);

  useLiveReload(
    load,
    (reloadSoon) => [
      client.on('message.status', (event) => {
        if (shownMessages.current.has(event.messageId)) reloadSoon();
      }),
      client.on('appointment.changed', () => reloadSoon()),
    ],
    RELOAD_DEBOUNCE_MS,
  );

  useEffect(() => {
    shownMessages.current = new Set((items ?? []).flatMap((a) => a.reminders.map((r) => r.messageId).filter((m): m is number => m !== null)));
    const shown = focusAfter.current;
    if (shown === null || items === null) return;
    focusAfter.current = null;
    document.getElementById(appointmentFocusId(shown))?.focus();
  }, [items]);

  const { upcoming, past } = useMemo(() => {
    const now = Date.now();
    const list = items ?? [];
    const coming = list.filter((a) => Date.parse(a.start) >= now).sort(soonestFirst);
    const gone = list.filter((a) => Date.parse(a.start) < now).sort((a, b) => soonestFirst(b, a));
    return { upcoming: coming, past: gone };
  }, [items]);

  /** What an action returned, shown at once; then the list again. */
  const changed = useCallback(
    (updated: AppointmentDto) => {
      focusAfter.current = updated.id;
      setItems((list) => (list ?? []).map((x) => (x.id === updated.id ? updated : x)));
      void load();
    },
    [load],
  );

  /** Opening the form takes the keyboard to its first field. */
  const openBooking = () => {
    const opening = !booking;
    setBooking(opening);
    if (opening) requestAnimationFrame(() => document.getElementById(`${id}-book`)?.querySelector<HTMLInputElement>('input')?.focus());
  };

  const booked = useCallback(() => {
    setBooking(false);
    void load();
    requestAnimationFrame(() => bookButton.current?.focus());
  }, [load]);

  const name = contact.name;

  return (
    <section className="contact-appointments" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('appointments.title')}</h2>

      {error && <LoadError message={t('reminders:loadFailed', { message: error })} onRetry={() => void load()} />}
      {items === null && !error && <p className="loading">{t('common:loading')}</p>}

      {items !== null && (
        <>
          {upcoming.length > 0 ? (
            <AppointmentList items={upcoming} label={t('appointments.upcomingList', { name })} timeZone={timeZone} onChanged={changed} naming="when" />
          ) : (
            <p className="field-hint">{past.length > 0 ? t('appointments.noneUpcoming') : t('appointments.none')}</p>
          )}
          {past.length > 0 && (
            <details className="contact-appointments__past">
              <summary>{t('appointments.past', { count: past.length })}</summary>
              <AppointmentList items={past} label={t('appointments.pastList', { name })} timeZone={timeZone} onChanged={changed} naming="when" />
            </details>
          )}
        </>
      )}

      {phone === null ? (
        <p className="field-hint contact-appointments__no-phone">{t('appointments.noPhone', { name })}</p>
      ) : (
        <>
          <div className="button-row">
            <Button ref={bookButton} aria-expanded={booking} aria-controls={`${id}-book`} onClick={openBooking}>
              {t('reminders:book.title')}
            </Button>
          </div>
          <div id={`${id}-book`} hidden={!booking}>
            {booking && <BookForm key={`${contact.id}-${phone}`} patient={{ name, phone }} headingLevel={3} onBooked={booked} />}
          </div>
        </>
      )}
    </section>
  );
}
