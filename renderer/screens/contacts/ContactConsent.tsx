/**
 * "Messages" on a contact's page, under the form (the form's Save stays where it was): for each of
 * the contact's phone numbers, whether it gets reminders and group messages, and for one that
 * opted out how ("Replied STOP on 3 Dec 2026 at 14:02", or "Marked by Wanjiru on …: asked at the
 * desk"), from the last entry of `consent.history`, in the clinic's time zone.
 *
 * "Mark as opted out" / "Opt back in" open a short form asking why (required: the backend keeps
 * it), then `consent.set`. Opting back in a number whose patient replied STOP also asks the nurse
 * to confirm that the patient told her so herself: a STOP is the patient's own word.
 *
 * Which numbers opted out comes from the contact (ContactDto.optedOut); the screen reloads the
 * contact after a change here and on `consent.changed` (ContactsScreen), and the history of the
 * opted-out numbers is read again with it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentDto, ContactDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { toast } from '../../state/toasts.ts';
import { Button, TextField } from '../../ui/index.ts';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { useCan } from '../../state/session.ts';

/** What the history said about one opted-out number: its last change, or why it could not be read. */
type Detail = { kind: 'loading' } | { kind: 'known'; consent: ConsentDto | null } | { kind: 'failed'; message: string };

/** "3 Dec 2026" and "14:02" in the clinic's zone. */
function whenParts(iso: string, language: string, timeZone: string): { date: string; time: string } {
  const d = new Date(iso);
  try {
    return {
      date: new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d),
      time: new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d),
    };
  } catch {
    return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
  }
}

/** The contact's phone numbers, each once, in the form's order. */
function phonesOf(contact: ContactDto): string[] {
  return [...new Set(contact.addresses.filter((a) => a.protocol === 'sms').map((a) => a.address))];
}

export function ContactConsent({ contact, onChanged }: { contact: ContactDto; onChanged: () => void }) {
  const { t } = useTranslation('contacts');
  const client = useClient();
  const id = useId();
  const phones = phonesOf(contact);
  const optedOut = new Set(contact.optedOut ?? []);
  /** What consent.set answered, until the reloaded contact comes (it is then older than the contact). */
  const [fresh, setFresh] = useState<{ of: ContactDto; byPhone: Record<string, ConsentDto> }>({ of: contact, byPhone: {} });
  const setNow = fresh.of === contact ? fresh.byPhone : {};
  const [details, setDetails] = useState<Record<string, Detail>>({});

  // The history of each opted-out number, read again with every reloaded contact.
  const historyKey = JSON.stringify([...optedOut].filter((p) => phones.includes(p)).sort());
  useEffect(() => {
    let live = true;
    const wanted = JSON.parse(historyKey) as string[];
    // What was known stays on screen until the new answer comes: no flash of "Loading…".
    setDetails((d) => Object.fromEntries(wanted.map((phone) => [phone, d[phone] ?? ({ kind: 'loading' } as Detail)])));
    for (const phone of wanted) {
      void callCommand(client, 'consent.history', { phone }).then((outcome) => {
        if (!live) return;
        const detail: Detail = outcome.ok ? { kind: 'known', consent: outcome.result.items.at(-1) ?? null } : { kind: 'failed', message: errorWords(outcome.error) };
        setDetails((d) => ({ ...d, [phone]: detail }));
      });
    }
    return () => {
      live = false;
    };
    // `contact` too: a reloaded contact (after consent.changed) may carry a newer reason for the same numbers.
  }, [client, historyKey, contact]);

  const done = (result: ConsentDto) => {
    setFresh((f) => ({ of: contact, byPhone: { ...(f.of === contact ? f.byPhone : {}), [result.phone]: result } }));
    // Also what the history will say: shown while it is read again with the reloaded contact.
    setDetails((d) => ({ ...d, [result.phone]: { kind: 'known', consent: result } }));
    onChanged();
  };

  return (
    <section className="contact-consent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('consent.title')}</h2>
      {phones.length === 0 ? (
        <p className="field-hint">{t('consent.noPhone')}</p>
      ) : (
        <ul className="consent-list">
          {phones.map((phone) => {
            const latest = setNow[phone];
            const isOut = latest ? latest.optedOut : optedOut.has(phone);
            const detail: Detail = latest ? { kind: 'known', consent: latest } : (details[phone] ?? { kind: 'loading' });
            return <ConsentRow key={phone} phone={phone} optedOut={isOut} detail={isOut ? detail : null} onDone={done} />;
          })}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  phone: string;
  optedOut: boolean;
  /** For an opted-out number: how it opted out. */
  detail: Detail | null;
  onDone: (result: ConsentDto) => void;
}

function ConsentRow({ phone, optedOut, detail, onDone }: RowProps) {
  const { t, i18n } = useTranslation('contacts');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const reasonId = `${id}-reason`;
  const confirmId = `${id}-confirm`;

  const last = detail?.kind === 'known' && detail.consent?.optedOut ? detail.consent : null;
  /** Opting back in after the patient's own STOP (or when the history could not say): she must have said so. */
  const needsPatientWord = optedOut && (last === null || last.source === 'reply');

  const how = (() => {
    if (!detail) return null;
    if (detail.kind === 'loading') return t('common:loading');
    if (detail.kind === 'failed') return t('consent.historyFailed', { message: detail.message });
    if (!last) return null;
    const { date, time } = whenParts(last.changedAt, i18n.language, timeZone);
    if (last.source === 'reply') return last.word ? t('consent.replied', { word: last.word, date, time }) : t('consent.repliedNoWord', { date, time });
    const by = last.changedBy?.trim() || (last.source === 'api' ? t('consent.byOtherSystem') : t('consent.byStaff'));
    return last.reason ? t('consent.marked', { by, date, time, reason: last.reason }) : t('consent.markedNoReason', { by, date, time });
  })();

  // Issue 13: a viewer sees the consent; changing it is a nurse's.
  const canSet = useCan('consent.set');

  const close = () => {
    setOpen(false);
    setReason('');
    setConfirmed(false);
    setReasonError(null);
    setConfirmError(null);
    setFormError(null);
    requestAnimationFrame(() => opener.current?.focus());
  };

  const openForm = () => {
    setOpen(true);
    requestAnimationFrame(() => document.getElementById(reasonId)?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const noReason = reason.trim() === '' ? t('consent.errors.reasonRequired') : null;
    const noWord = needsPatientWord && !confirmed ? t('consent.errors.confirmRequired') : null;
    setReasonError(noReason);
    setConfirmError(noWord);
    setFormError(null);
    if (noReason || noWord) {
      document.getElementById(noReason ? reasonId : confirmId)?.focus();
      return;
    }
    setBusy(true);
    const target = !optedOut;
    const outcome = await callCommand(client, 'consent.set', { phone, optedOut: target, reason: reason.trim() });
    setBusy(false);
    if (!outcome.ok) {
      const atReason = validationIssues(outcome.error).filter((i) => i.where === 'reason' || i.where.endsWith('.reason'));
      if (atReason.length > 0) {
        setReasonError(atReason.map((i) => i.message).join(' '));
        document.getElementById(reasonId)?.focus();
      } else {
        setFormError(t('consent.errors.failed', { message: errorWords(outcome.error) }));
      }
      return;
    }
    toast.success(target ? t('consent.toast.optedOut', { phone }) : t('consent.toast.optedIn', { phone }));
    close();
    onDone(outcome.result);
  };

  const lineId = `${id}-line`;
  return (
    <li className={optedOut ? 'consent-row consent-row--out' : 'consent-row'}>
      <p id={lineId} className="consent-row__status">
        {optedOut ? t('consent.optedOutLine', { phone }) : t('consent.getsMessages', { phone })}
        {how ? (
          <>
            {' '}
            <span className="consent-row__how">{how}</span>
          </>
        ) : null}
      </p>
      {open ? (
        <form className="consent-form" aria-label={optedOut ? t('consent.optInTitle', { phone }) : t('consent.optOutTitle', { phone })} noValidate onSubmit={(e) => void submit(e)}>
          <TextField
            id={reasonId}
            label={t('consent.reason')}
            value={reason}
            autoComplete="off"
            required
            maxLength={500}
            hint={!optedOut ? t('consent.reasonHintOut') : needsPatientWord ? t('consent.reasonHintReply', { phone }) : t('consent.reasonHintIn')}
            error={reasonError}
            onChange={(e) => {
              setReason(e.target.value);
              if (reasonError && e.target.value.trim() !== '') setReasonError(null);
            }}
          />
          {needsPatientWord ? (
            <div className="field">
              <label className="consent-form__confirm">
                <input
                  id={confirmId}
                  type="checkbox"
                  checked={confirmed}
                  aria-invalid={confirmError ? true : undefined}
                  aria-describedby={confirmError ? `${confirmId}-error` : undefined}
                  onChange={(e) => {
                    setConfirmed(e.target.checked);
                    if (e.target.checked) setConfirmError(null);
                  }}
                />
                {t('consent.confirmPatientWord')}
              </label>
              {confirmError ? (
                <p id={`${confirmId}-error`} className="field-error" role="alert">
                  {confirmError}
                </p>
              ) : null}
            </div>
          ) : null}
          {formError ? (
            <p role="alert" className="form-error">
              {formError}
            </p>
          ) : null}
          <div className="button-row">
            <Button type="submit" variant="primary" busy={busy}>
              {optedOut ? t('consent.optIn') : t('consent.markOut')}
            </Button>
            <Button onClick={close}>{t('consent.cancel')}</Button>
          </div>
        </form>
      ) : !canSet ? null : (
        <div className="button-row">
          <Button ref={opener} aria-describedby={lineId} onClick={openForm}>
            {optedOut ? t('consent.optIn') : t('consent.markOut')}
          </Button>
        </div>
      )}
    </li>
  );
}
