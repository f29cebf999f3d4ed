/**
 * Reminders (issue 11): the clinic's appointments of today and the coming 7 days (clinic dates,
 * `appointments.list`; "Show 7 more days" looks further, and says how far it shows), each with its reminders and what a nurse does with it, what needs
 * attention at the top (NeedsAttention.tsx: the replies of `attention.list`, a request for another
 * time with its appointment beside it, and the appointments whose patient asked for another time),
 * and a form to book one. An appointment shows once: beside its reply, or at the top, or in its day.
 *
 * Current without polling: a `message.status` event about one of the shown reminders' messages
 * reloads the list, once per burst (a release at 07:00 changes hundreds of rows), as the Outbox's
 * Scheduled list does; so does every action, a reconnect (missed events are not replayed) and the
 * clinic's midnight (what "today" is moves on), `appointment.changed` (a booking by the HTTP API,
 * an import or another window) and `attention.changed` (a reply listed, or marked done elsewhere).
 */
import { PauseAutomated } from './PauseAutomated.tsx';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentDto, AttentionDto } from '../../../src-shared/contract/dto.ts';
import { fromWallTime } from '../../../src-shared/schedule/clinic-time.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords } from '../../app/errors.ts';
import { useLiveReload } from '../../app/live-reload.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { AppointmentList, appointmentFocusId } from './AppointmentCard.tsx';
import { BookForm } from './BookForm.tsx';
import { ImportDayList } from './ImportDayList.tsx';
import { ATTENTION_HEADING_ID, NeedsAttention, replyFocusId, type AttentionEntry } from './NeedsAttention.tsx';
import { clinicDate, dayHeading, plusDays } from './words.ts';
import { useCan } from '../../state/session.ts';

/** "Coming days": the days after today that the screen shows at first, and how many more each "Show more" adds. */
const COMING_DAYS = 7;
/** One reload for a burst of status events. */
const RELOAD_DEBOUNCE_MS = 200;

function useClinicToday(timeZone: string): string {
  const [today, setToday] = useState(() => clinicDate(Date.now(), timeZone));
  useEffect(() => {
    const now = clinicDate(Date.now(), timeZone);
    if (now !== today) {
      setToday(now);
      return;
    }
    // Wake at the clinic's next midnight (a second after, so the new day has begun).
    const [year, month, day] = plusDays(today, 1).split('-').map(Number) as [number, number, number];
    const wait = Math.max(1_000, fromWallTime({ year, month, day, hour: 0, minute: 0 }, timeZone) - Date.now() + 1_000);
    const timer = setTimeout(() => setToday(clinicDate(Date.now(), timeZone)), Math.min(wait, 24 * 3_600_000));
    return () => clearTimeout(timer);
  }, [today, timeZone]);
  return today;
}

const byStart = (a: AppointmentDto, b: AppointmentDto) => a.start.localeCompare(b.start) || a.id - b.id;

/** How far "Needs attention" looks for requests for another time: a month back, a year ahead. */
const ATTENTION_DAYS_BACK = 31;
const ATTENTION_DAYS_AHEAD = 366;

export function RemindersScreen() {
  const { t, i18n } = useTranslation('reminders');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const today = useClinicToday(timeZone);
  /** The days after today shown: COMING_DAYS, and more with "Show 7 more days" (kept by every reload). */
  const [comingDays, setComingDays] = useState(COMING_DAYS);
  const last = plusDays(today, comingDays);
  const [items, setItems] = useState<AppointmentDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The replies to deal with (attention.list), newest first. */
  const [replies, setReplies] = useState<AttentionDto[]>([]);
  const [repliesError, setRepliesError] = useState<string | null>(null);
  /** After Mark done, the keyboard goes to the next reply (or the heading): a DOM id. */
  const focusAfterDone = useRef<string | null>(null);
  const latest = useRef(0);
  /** The messages of the reminders shown: a status event about one of them reloads. */
  const shownMessages = useRef(new Set<number>());
  /** After an action, the keyboard goes to that appointment (it may have moved to another day). */
  const focusAfter = useRef<number | null>(null);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    // The coming days, and every request for another time however far ahead or behind it is.
    const [outcome, attention, listed] = await Promise.all([
      callCommand(client, 'appointments.list', { from: today, to: last }),
      callCommand(client, 'appointments.list', { from: plusDays(today, -ATTENTION_DAYS_BACK), to: plusDays(today, ATTENTION_DAYS_AHEAD), status: 'reschedule-requested' }),
      callCommand(client, 'attention.list', {}),
    ]);
    if (ticket !== latest.current) return; // a newer load is on its way
    // The replies keep what was last shown when they fail: the appointments still load.
    if (listed.ok) {
      setReplies(listed.result.items);
      setRepliesError(null);
    } else {
      setRepliesError(errorWords(listed.error));
    }
    if (!outcome.ok) {
      setError(errorWords(outcome.error));
      return;
    }
    setError(null);
    const byId = new Map(outcome.result.items.map((a) => [a.id, a]));
    if (attention.ok) for (const a of attention.result.items) byId.set(a.id, a);
    setItems([...byId.values()].sort(byStart));
  }, [client, today, last]);

  useEffect(() => {
    shownMessages.current = new Set((items ?? []).flatMap((a) => a.reminders.map((r) => r.messageId).filter((m): m is number => m !== null)));
    const id = focusAfter.current;
    if (id === null || items === null) return;
    focusAfter.current = null;
    (document.getElementById(appointmentFocusId(id)) ?? document.getElementById('reminders-title'))?.focus();
  }, [items]);

  useEffect(() => {
    const id = focusAfterDone.current;
    if (id === null) return;
    focusAfterDone.current = null;
    (document.getElementById(id) ?? document.getElementById(ATTENTION_HEADING_ID) ?? document.getElementById('reminders-title'))?.focus();
  }, [replies]);

  useLiveReload(
    load,
    (reloadSoon) => [
      client.on('message.status', (event) => {
        if (shownMessages.current.has(event.messageId)) reloadSoon();
      }),
      // A booking from the HTTP API, an import or another window: the lists follow.
      client.on('appointment.changed', () => reloadSoon()),
      // A reply put on the list, or marked done in another window.
      client.on('attention.changed', () => reloadSoon()),
    ],
    RELOAD_DEBOUNCE_MS,
  );

  /** What an action returned, shown at once; then the list again (the appointment may have moved day). */
  const changed = useCallback(
    (updated: AppointmentDto) => {
      focusAfter.current = updated.id;
      setItems((list) => {
        const inRange = clinicDate(Date.parse(updated.start), timeZone);
        const others = (list ?? []).filter((x) => x.id !== updated.id);
        return inRange >= today && inRange <= last ? [...others, updated].sort(byStart) : others;
      });
      void load();
    },
    [load, timeZone, today, last],
  );

  const booked = useCallback(() => void load(), [load]);

  const groups = useMemo(() => {
    const byId = new Map((items ?? []).map((a) => [a.id, a]));
    // A request for another time carries its appointment (the newest reply about it, if several).
    const beside = new Set<number>();
    const entries: AttentionEntry[] = replies.map((item) => {
      const a = item.reason === 'reschedule-requested' && item.appointmentId !== null && !beside.has(item.appointmentId) ? byId.get(item.appointmentId) : undefined;
      if (a) beside.add(a.id);
      return { item, appointment: a ?? null };
    });
    const attention: AppointmentDto[] = [];
    const todays: AppointmentDto[] = [];
    const coming = new Map<string, AppointmentDto[]>();
    for (const a of items ?? []) {
      if (beside.has(a.id)) continue;
      if (a.status === 'reschedule-requested') {
        attention.push(a);
        continue;
      }
      const date = clinicDate(Date.parse(a.start), timeZone);
      if (date === today) todays.push(a);
      else if (date > today) coming.set(date, [...(coming.get(date) ?? []), a]);
    }
    return { entries, attention, todays, coming: [...coming.entries()].sort(([x], [y]) => x.localeCompare(y)) };
  }, [items, replies, timeZone, today]);

  /** A reply marked done leaves the list at once; the keyboard goes to its neighbour. */
  const done = useCallback(
    (item: AttentionDto) => {
      const index = replies.findIndex((r) => r.messageId === item.messageId);
      const next = index < 0 ? undefined : (replies[index + 1] ?? replies[index - 1]);
      focusAfterDone.current = next ? replyFocusId(next.messageId) : ATTENTION_HEADING_ID;
      setReplies((list) => list.filter((r) => r.messageId !== item.messageId));
      void load();
    },
    [replies, load],
  );

  // Issue 13: a viewer sees the appointments; booking and importing are a nurse's, pausing the administrator's.
  const canBook = useCan('appointments.book');
  const canImport = useCan('appointments.import');
  const canPause = useCan('settings.update');
  const focusBooking = () => document.getElementById('reminders-book')?.querySelector<HTMLInputElement>('input')?.focus();

  return (
    <section className="screen reminders" aria-labelledby="reminders-title">
      <div className="reminders__top">
        <h1 id="reminders-title" tabIndex={-1}>
          {t('title')}
        </h1>
        {canBook ? (
          <Button variant="quiet" onClick={focusBooking}>
            {t('book.jump')}
          </Button>
        ) : null}
      </div>

      {canPause ? <PauseAutomated /> : null}

      {error && <LoadError message={t('loadFailed', { message: error })} onRetry={() => void load()} />}
      {items === null && !error && <p className="loading">{t('common:loading')}</p>}

      {items !== null && (
        <>
          <NeedsAttention entries={groups.entries} appointments={groups.attention} timeZone={timeZone} error={repliesError} onRetry={() => void load()} onChanged={changed} onDone={done} />

          <section className="reminders-section" aria-labelledby="reminders-today">
            <h2 id="reminders-today">{t('today.title', { day: dayHeading(today, i18n.language) })}</h2>
            {groups.todays.length > 0 ? (
              <AppointmentList items={groups.todays} label={t('today.list')} timeZone={timeZone} onChanged={changed} />
            ) : (
              <EmptyState title={t('today.empty')} />
            )}
          </section>

          <section className="reminders-section" aria-labelledby="reminders-coming">
            <h2 id="reminders-coming">{t('coming.title')}</h2>
            {groups.coming.length > 0 ? (
              groups.coming.map(([date, list]) => (
                <section key={date} className="reminders-day" aria-labelledby={`reminders-day-${date}`}>
                  <h3 id={`reminders-day-${date}`}>{dayHeading(date, i18n.language)}</h3>
                  <AppointmentList items={list} label={t('coming.list', { day: dayHeading(date, i18n.language) })} timeZone={timeZone} onChanged={changed} />
                </section>
              ))
            ) : (
              <EmptyState title={t('coming.empty', { count: comingDays })} />
            )}
            <div className="reminders-more">
              <p id="reminders-until" role="status">
                {t('coming.until', { day: dayHeading(last, i18n.language) })}
              </p>
              <Button aria-describedby="reminders-until" onClick={() => setComingDays((n) => n + COMING_DAYS)}>
                {t('coming.more', { count: COMING_DAYS })}
              </Button>
            </div>
          </section>
        </>
      )}

      {canBook ? (
        <div id="reminders-book">
          <BookForm onBooked={booked} />
        </div>
      ) : null}
      {canImport ? <ImportDayList onImported={booked} /> : null}
    </section>
  );
}
