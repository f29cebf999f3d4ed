/**
 * Opted-out recipients on Compose. As chips are added the numbers they reach (an address, a
 * contact's number, a group's members, resolved as the backend does in resolve-recipients.ts)
 * are asked about with `consent.check`, debounced; the notice under To says who opted out. A
 * personal message to the one opted-out number is asked about first (OptOutConfirm): the
 * backend refuses it (rule recipient.opted-out) unless sent again with sendToOptedOut.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentDto, ContactDto } from '../../../src-shared/contract/dto.ts';
import type { RpcClient } from '../../../src-shared/rpc/client.ts';
import { callCommand } from '../../app/call.ts';
import type { RecipientChip } from '../../state/compose.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { contactAddress, type ChipCheck } from './recipients.ts';

/** Chips settle before the numbers are checked (a pasted list adds many at once). */
export const CONSENT_CHECK_DELAY_MS = 300;
const MEMBERS_PAGE = 1_000;

/** One recipient the draft reaches: a name to show and, for SMS, its number. */
interface Reached {
  key: string;
  label: string;
  phone: string | null;
}

export interface OptedOut {
  consent: ConsentDto;
  /** A contact's name, else the number. */
  label: string;
}

export interface OptOutState {
  /** Recipients the draft reaches (each address once), as far as known. */
  total: number;
  optedOut: OptedOut[];
  /** Which chips (their keys, joined) the answer is about: stale once they change. */
  forChips: string;
}

export const chipsKey = (chips: ReadonlyArray<{ chip: RecipientChip }>): string => chips.map((c) => c.chip.key).join('|');

function reachedOf(chip: RecipientChip, check: ChipCheck, members: ReadonlyMap<number, ContactDto[] | null>): Reached[] | number {
  if (!check.ok) return [];
  switch (chip.kind) {
    case 'address':
      return [{ key: `${chip.protocol}:${check.address ?? chip.input}`, label: check.address ?? chip.input, phone: chip.protocol === 'sms' ? check.address : null }];
    case 'contact':
      return chip.address && chip.protocol ? [{ key: `${chip.protocol}:${chip.address}`, label: chip.name, phone: chip.protocol === 'sms' ? chip.address : null }] : [];
    case 'group': {
      const list = members.get(chip.groupId);
      // Not known (the members could not be read): counted by the group's size, unchecked.
      if (!list) return chip.memberCount;
      return list.flatMap((m) =>
        (['sms', 'email'] as const).flatMap((p) => {
          const a = contactAddress(m, p);
          return a ? [{ key: `${p}:${a.address}`, label: m.name, phone: p === 'sms' ? a.address : null }] : [];
        }),
      );
    }
  }
}

async function groupMembers(client: RpcClient, groupId: number): Promise<ContactDto[] | null> {
  const all: ContactDto[] = [];
  for (;;) {
    const outcome = await callCommand(client, 'contacts.list', { groupId, limit: MEMBERS_PAGE, offset: all.length });
    if (!outcome.ok) return null;
    all.push(...outcome.result.contacts);
    if (outcome.result.contacts.length === 0 || all.length >= outcome.result.total) return all;
  }
}

/**
 * Who among the draft's recipients opted out, checked a moment after the chips change (and again
 * when `refresh` changes: the backend just said one did). Null until the first answer, or while
 * there are no chips.
 */
export function useOptOuts(client: RpcClient, checks: ReadonlyArray<{ chip: RecipientChip; check: ChipCheck }>, refresh: number): OptOutState | null {
  const [state, setState] = useState<OptOutState | null>(null);
  // Group members are read once per screen: a long list is not read again for each chip added.
  const members = useRef(new Map<number, Promise<ContactDto[] | null>>());
  const ticket = useRef(0);
  const key = chipsKey(checks);
  const latest = useRef(checks);
  useEffect(() => {
    latest.current = checks;
  });

  useEffect(() => {
    const mine = ++ticket.current;
    const current = latest.current;
    if (current.length === 0) {
      setState(null);
      return;
    }
    const timer = setTimeout(() => {
      void (async () => {
        const groups = new Map<number, ContactDto[] | null>();
        for (const { chip } of current) {
          if (chip.kind !== 'group') continue;
          let pending = members.current.get(chip.groupId);
          if (!pending) {
            pending = groupMembers(client, chip.groupId);
            members.current.set(chip.groupId, pending);
          }
          const list = await pending;
          if (list === null) members.current.delete(chip.groupId);
          groups.set(chip.groupId, list);
        }
        const reached = new Map<string, Reached>();
        let unknown = 0;
        for (const { chip, check } of current) {
          const r = reachedOf(chip, check, groups);
          if (typeof r === 'number') unknown += r;
          else for (const one of r) if (!reached.has(one.key)) reached.set(one.key, one);
        }
        const byPhone = new Map<string, Reached>();
        for (const r of reached.values()) if (r.phone !== null && !byPhone.has(r.phone)) byPhone.set(r.phone, r);
        let optedOut: OptedOut[] = [];
        if (byPhone.size > 0) {
          const outcome = await callCommand(client, 'consent.check', { phones: [...byPhone.keys()] });
          // A failed check warns of nothing: the backend still refuses or suppresses as it must.
          if (outcome.ok) {
            const seen = new Set<string>();
            optedOut = outcome.result.items.flatMap((consent) => {
              if (!consent.optedOut || seen.has(consent.phone)) return [];
              seen.add(consent.phone);
              return [{ consent, label: byPhone.get(consent.phone)?.label ?? consent.phone }];
            });
          }
        }
        if (mine !== ticket.current) return;
        setState({ total: reached.size + unknown, optedOut, forChips: chipsKey(current) });
      })();
    }, CONSENT_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, key, refresh]);

  return state;
}

/** "3 Dec" and "14:02" in the clinic's zone (day before month in English, as in Kenya). */
function when(iso: string, language: string, timeZone: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: iso, time: '' };
  const locale = language === 'en' ? 'en-GB' : language;
  try {
    return {
      date: d.toLocaleDateString(locale, { timeZone, day: 'numeric', month: 'short' }),
      time: d.toLocaleTimeString(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
  } catch {
    return { date: d.toISOString(), time: '' };
  }
}

/** How the number opted out, in words: "replied STOP on 3 Dec at 14:02". */
export function useHowOptedOut(timeZone: string): (consent: ConsentDto) => string {
  const { t, i18n } = useTranslation('compose');
  return (consent) => {
    const at = when(consent.changedAt, i18n.language, timeZone);
    if (consent.source === 'reply') return t('optOut.how.reply', { word: consent.word ?? 'STOP', ...at });
    return t(`optOut.how.${consent.source}`, at);
  };
}

/** The notice under To: the one recipient opted out, or how many of them did. */
export function OptOutNotice({ state, timeZone }: { state: OptOutState | null; timeZone: string }) {
  const { t } = useTranslation('compose');
  const how = useHowOptedOut(timeZone);
  if (!state || state.optedOut.length === 0) return null;
  const [first] = state.optedOut;
  const words =
    state.total <= 1 && state.optedOut.length === 1 && first
      ? t('optOut.one', { name: first.label, how: how(first.consent) })
      : t('optOut.several', { count: state.optedOut.length, total: Math.max(state.total, state.optedOut.length) });
  return (
    <div className="compose-readiness compose-optout" role="note" aria-live="polite">
      <p>{words}</p>
    </div>
  );
}

/** The one recipient a personal send would reach, if it opted out (Send asks first). */
export function soleOptedOut(state: OptOutState | null, chips: string): OptedOut | null {
  if (!state || state.forChips !== chips || state.total !== 1 || state.optedOut.length !== 1) return null;
  return state.optedOut[0] ?? null;
}

export interface OptOutConfirmProps {
  open: boolean;
  /** Who it is (a contact's name or the number) and, when known, how they opted out. */
  name: string;
  consent: ConsentDto | null;
  timeZone: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
  cancelRef: RefObject<HTMLButtonElement | null>;
}

/** "Send this personal message anyway?": Escape, the backdrop, × and Cancel keep the draft and send nothing. */
export function OptOutConfirm({ open, name, consent, timeZone, busy, onConfirm, onCancel, cancelRef }: OptOutConfirmProps) {
  const { t } = useTranslation('compose');
  const how = useHowOptedOut(timeZone);
  return (
    <Dialog
      open={open}
      title={t('optOut.confirmTitle')}
      onClose={onCancel}
      initialFocusRef={cancelRef}
      footer={
        <>
          <Button ref={cancelRef} onClick={onCancel}>
            {t('common:action.cancel')}
          </Button>
          <Button variant="primary" busy={busy} onClick={onConfirm}>
            {t('optOut.confirmSend')}
          </Button>
        </>
      }
    >
      <p>{consent ? t('optOut.one', { name, how: how(consent) }) : t('optOut.oneUnknown', { name })}</p>
      <p>{t('optOut.confirmExplain')}</p>
    </Dialog>
  );
}
