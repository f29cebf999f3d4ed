/**
 * The clinic's settings, saved with `settings.update`: only what changed is sent, each refusal
 * is shown next to its field, and the shell's settings store (and so the interface language and
 * the compose screen's number checks) follows what the backend saved.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandParams } from '../../../src-shared/contract/commands.ts';
import type { SettingsDto } from '../../../src-shared/contract/dto.ts';
import { DELIVERY_REPORT_WAIT_MINUTES } from '../../../src-shared/contract/delivery-report-wait.ts';
import { LOW_SPACE_MB } from '../../../src-shared/contract/storage.ts';
import { CRASH_RECOVERY_POLICIES } from '../../../src-shared/model.ts';
import type { CrashRecoveryPolicy, PrefixRule, RoutingPolicy } from '../../../src-shared/model.ts';
import { MAX_SMS_PARTS_CEILING } from '../../../src-shared/protocols/settings.ts';
import { HH_MM } from '../../../src-shared/schedule/send-window.ts';
import type { SendWindow } from '../../../src-shared/schedule/send-window.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { setLanguage } from '../../i18n/index.ts';
import { useGateways } from '../../state/gateways.ts';
import { useSettings } from '../../state/settings.ts';
import { Button, FieldMessages } from '../../ui/index.ts';
import { ClinicReminders } from './ClinicReminders.tsx';
import { ReplyWords } from './ReplyWords.tsx';
import { AppointmentReplies, REPLY_KINDS, replyLanguages } from './AppointmentReplies.tsx';
import type { ReplyKind, ReplyWordsKey } from './AppointmentReplies.tsx';
import { KeywordRules } from './KeywordRules.tsx';
import { DataProtection } from './DataProtection.tsx';
import { Backups } from './Backups.tsx';
import { Users } from './Users.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Retention } from './Retention.tsx';
import type { WindowPart } from './ClinicReminders.tsx';
import { countryOptions } from './countries.ts';
import { PATIENT_LANGUAGES } from '../reminders/words.ts';
import { errorIssues, issuesByField } from './field-errors.ts';
import { ModemDetection } from './ModemDetection.tsx';
import { SeveralModems } from './SeveralModems.tsx';
import './settings.css';

type Patch = CommandParams<'settings.update'>;
type Field = keyof Patch;
/** A field, or one language's list of reply words ("replyWords.confirm.sw"): what an error is shown next to. */
type ErrorKey = Field | ReplyWordsKey;
const FIELDS: readonly Field[] = ['defaultCountry', 'maxSmsParts', 'statusReports', 'rejectCalls', 'crashRecovery', 'modemPin', 'multipartTimeoutMinutes', 'deliveryReportWaitMinutes', 'lowSpaceMb', 'ussdBalanceCode', 'autoAdoptModems', 'modemSearch', 'language', 'messageLanguage', 'routing', 'prefixRules', 'startAtLogin', 'clinicName', 'timeZone', 'sendWindow', 'sensitiveWords', 'optOutWords', 'optInWords', 'replyWords', 'autoRepliesPerDay'];

const PIN_PATTERN = /^\d{4,8}$/;
const USSD_PATTERN = /^[0-9*#+]{1,40}$/;
const MINUTES_PATTERN = /^\d{1,4}$/;
const MAX_MULTIPART_MINUTES = 1_440;
const REPORT_WAIT_PATTERN = /^\d{1,5}$/;
const LOW_SPACE_PATTERN = /^\d{1,7}$/;
const AUTO_REPLIES_PATTERN = /^\d{1,2}$/;
const MAX_AUTO_REPLIES = 50;
const PART_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30];
export const LANGUAGES: ReadonlyArray<[code: string, name: string]> = [
  ['en', 'English'],
  ['sw', 'Kiswahili'],
];

interface Form {
  defaultCountry: string;
  maxSmsParts: number;
  statusReports: boolean;
  rejectCalls: boolean;
  crashRecovery: CrashRecoveryPolicy;
  language: string;
  routing: RoutingPolicy;
  prefixRules: PrefixRule[];
  autoAdoptModems: boolean;
  /** The desktop app starts, in the tray, at login (electron/main/login-item.ts). */
  startAtLogin: boolean;
  /** Detection's search patterns as typed, one per line; empty = this computer's default (null). */
  modemSearch: string;
  /** As typed; checked on save. */
  ussdBalanceCode: string;
  /** As typed (whole minutes); checked on save. */
  multipartTimeoutMinutes: string;
  /** As typed (whole minutes); checked on save against DELIVERY_REPORT_WAIT_MINUTES. */
  deliveryReportWaitMinutes: string;
  /** As typed (whole MiB); checked on save against LOW_SPACE_MB. */
  lowSpaceMb: string;
  /** The new PIN typed, '' for none. */
  pin: string;
  /** 'keep' the saved PIN, 'set' the typed one, or 'clear' it. */
  pinAction: 'keep' | 'set' | 'clear';
  /** As typed; sent trimmed ('' = not set). */
  clinicName: string;
  /** Patients' messages when a contact has no language; '' = the interface language. */
  messageLanguage: string;
  /** IANA name, or null: the computer's. */
  timeZone: string | null;
  /** As chosen (times as the time inputs give them); checked on save. */
  sendWindow: SendWindow;
  /** As typed, one word or phrase a line or comma separated (sensitiveWordList). */
  sensitiveWords: string;
  /** Whole replies that opt a number out / back in, typed like sensitiveWords; at least one opt-out word. */
  optOutWords: string;
  optInWords: string;
  /** Whole replies that confirm the next appointment or ask for another time, per language, typed like sensitiveWords. */
  replyWords: Record<ReplyKind, Record<string, string>>;
  /** As typed (a whole number 0..MAX_AUTO_REPLIES); checked on save. */
  autoRepliesPerDay: string;
}

const formOf = (s: SettingsDto): Form => ({
  defaultCountry: s.defaultCountry,
  maxSmsParts: s.maxSmsParts,
  statusReports: s.statusReports,
  rejectCalls: s.rejectCalls,
  crashRecovery: s.crashRecovery,
  language: s.language.split('-')[0] ?? 'en',
  routing: s.routing,
  prefixRules: s.prefixRules.map((r) => ({ ...r })),
  autoAdoptModems: s.autoAdoptModems,
  startAtLogin: s.startAtLogin,
  modemSearch: (s.modemSearch ?? []).join('\n'),
  ussdBalanceCode: s.ussdBalanceCode,
  multipartTimeoutMinutes: String(s.multipartTimeoutMinutes),
  deliveryReportWaitMinutes: String(s.deliveryReportWaitMinutes),
  lowSpaceMb: String(s.lowSpaceMb),
  pin: '',
  pinAction: 'keep',
  clinicName: s.clinicName,
  messageLanguage: s.messageLanguage ?? '',
  timeZone: s.timeZone,
  sendWindow: { ...s.sendWindow, days: [...s.sendWindow.days] },
  sensitiveWords: s.sensitiveWords.join('\n'),
  optOutWords: s.optOutWords.join('\n'),
  optInWords: s.optInWords.join('\n'),
  replyWords: {
    confirm: Object.fromEntries(replyLanguages(s.replyWords).map((lang) => [lang, (s.replyWords.confirm[lang] ?? []).join('\n')])),
    reschedule: Object.fromEntries(replyLanguages(s.replyWords).map((lang) => [lang, (s.replyWords.reschedule[lang] ?? []).join('\n')])),
  },
  autoRepliesPerDay: String(s.autoRepliesPerDay),
});

/** The reply words typed, as the backend keeps them: each language's list cleaned like sensitiveWordList. */
function replyWordsOf(typed: Form['replyWords']): SettingsDto['replyWords'] {
  const lists = (kind: ReplyKind) => Object.fromEntries(Object.entries(typed[kind]).map(([lang, words]) => [lang, sensitiveWordList(words)]));
  return { confirm: lists('confirm'), reschedule: lists('reschedule') };
}

/** For comparing: languages in order, empty lists left out (no words and no list mean the same). */
function replyWordsKey(words: SettingsDto['replyWords']): string {
  const lists = (kind: ReplyKind) =>
    Object.entries(words[kind])
      .map(([lang, list]) => [lang, sensitiveWordList(list.join('\n'))] as const)
      .filter(([, list]) => list.length > 0)
      .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(REPLY_KINDS.map(lists));
}

/** The words typed, one a line or comma separated: trimmed, blanks and repeats (ignoring case) dropped, as the backend keeps them. */
export function sensitiveWordList(typed: string): string[] {
  const words = typed.split(/[\r\n,]+/).map((w) => w.trim()).filter((w) => w !== '');
  return words.filter((w, i) => words.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i);
}

const sameWindow = (a: SendWindow, b: SendWindow): boolean =>
  a.start === b.start && a.end === b.end && JSON.stringify([...a.days].sort((x, y) => x - y)) === JSON.stringify([...b.days].sort((x, y) => x - y));

/** The typed patterns, one a line; none means the default (null). */
export function searchPatterns(typed: string): string[] | null {
  const lines = typed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length === 0 ? null : lines;
}

function patchOf(saved: SettingsDto, form: Form): Patch {
  const patch: Patch = {};
  if (form.defaultCountry !== saved.defaultCountry) patch.defaultCountry = form.defaultCountry;
  if (form.maxSmsParts !== saved.maxSmsParts) patch.maxSmsParts = form.maxSmsParts;
  if (form.statusReports !== saved.statusReports) patch.statusReports = form.statusReports;
  if (form.rejectCalls !== saved.rejectCalls) patch.rejectCalls = form.rejectCalls;
  if (form.crashRecovery !== saved.crashRecovery) patch.crashRecovery = form.crashRecovery;
  if (form.language !== (saved.language.split('-')[0] ?? 'en')) patch.language = form.language;
  if (form.routing !== saved.routing) patch.routing = form.routing;
  if (JSON.stringify(form.prefixRules) !== JSON.stringify(saved.prefixRules)) patch.prefixRules = form.prefixRules;
  if (form.autoAdoptModems !== saved.autoAdoptModems) patch.autoAdoptModems = form.autoAdoptModems;
  if (form.startAtLogin !== saved.startAtLogin) patch.startAtLogin = form.startAtLogin;
  const patterns = searchPatterns(form.modemSearch);
  if (JSON.stringify(patterns) !== JSON.stringify(saved.modemSearch)) patch.modemSearch = patterns;
  if (form.ussdBalanceCode.trim() !== saved.ussdBalanceCode) patch.ussdBalanceCode = form.ussdBalanceCode.trim();
  if (Number(form.multipartTimeoutMinutes) !== saved.multipartTimeoutMinutes) patch.multipartTimeoutMinutes = Number(form.multipartTimeoutMinutes);
  if (Number(form.deliveryReportWaitMinutes) !== saved.deliveryReportWaitMinutes) patch.deliveryReportWaitMinutes = Number(form.deliveryReportWaitMinutes);
  if (Number(form.lowSpaceMb) !== saved.lowSpaceMb) patch.lowSpaceMb = Number(form.lowSpaceMb);
  if (form.pinAction === 'set' && form.pin !== '') patch.modemPin = form.pin;
  if (form.pinAction === 'clear') patch.modemPin = null;
  if (form.clinicName.trim() !== saved.clinicName) patch.clinicName = form.clinicName.trim();
  if ((form.messageLanguage || null) !== saved.messageLanguage) patch.messageLanguage = form.messageLanguage || null;
  if (form.timeZone !== saved.timeZone) patch.timeZone = form.timeZone;
  if (!sameWindow(form.sendWindow, saved.sendWindow)) patch.sendWindow = { ...form.sendWindow, days: [...form.sendWindow.days].sort((a, b) => a - b) };
  const words = sensitiveWordList(form.sensitiveWords);
  if (JSON.stringify(words) !== JSON.stringify(sensitiveWordList(saved.sensitiveWords.join('\n')))) patch.sensitiveWords = words;
  // Reply words: the same lists, the same comparison (an unchanged list laid out differently sends nothing).
  const optOut = sensitiveWordList(form.optOutWords);
  if (JSON.stringify(optOut) !== JSON.stringify(sensitiveWordList(saved.optOutWords.join('\n')))) patch.optOutWords = optOut;
  const optIn = sensitiveWordList(form.optInWords);
  if (JSON.stringify(optIn) !== JSON.stringify(sensitiveWordList(saved.optInWords.join('\n')))) patch.optInWords = optIn;
  // Appointment replies: the whole map is replaced, so it goes whole, and only when a list changed.
  const replyWords = replyWordsOf(form.replyWords);
  if (replyWordsKey(replyWords) !== replyWordsKey(saved.replyWords)) patch.replyWords = replyWords;
  if (Number(form.autoRepliesPerDay) !== saved.autoRepliesPerDay) patch.autoRepliesPerDay = Number(form.autoRepliesPerDay);
  return patch;
}

/** What is wrong with the send window as chosen (the words' key and the part it is about), or null. */
function sendWindowProblem({ start, end, days }: SendWindow): { words: 'windowTimeMissing' | 'windowOrder' | 'windowNoDay'; part: WindowPart } | null {
  if (!HH_MM.test(start)) return { words: 'windowTimeMissing', part: 'start' };
  if (!HH_MM.test(end)) return { words: 'windowTimeMissing', part: 'end' };
  if (start >= end) return { words: 'windowOrder', part: 'end' };
  if (days.length === 0) return { words: 'windowNoDay', part: 'days' };
  return null;
}

/** The field a backend issue is about ("sendWindow.end" is the send window's, "replyWords.confirm.sw.2" the Swahili confirm words'), or null for the form. */
function fieldOfIssue(where: string, languages: readonly string[]): ErrorKey | null {
  const reply = /^replyWords\.(confirm|reschedule)\.([^.]+)/.exec(where);
  if (reply) return languages.includes(reply[2]!) ? (`replyWords.${reply[1] as ReplyKind}.${reply[2]!}` as ReplyWordsKey) : null;
  if (where.startsWith('replyWords')) return null;
  for (const prefix of ['prefixRules', 'modemSearch', 'sendWindow', 'sensitiveWords', 'optOutWords', 'optInWords'] as const) {
    if (where.startsWith(prefix)) return prefix;
  }
  return (FIELDS as readonly string[]).includes(where) ? (where as Field) : null;
}

/** Where errors are looked for, in order (the first is focused): each language's reply words in place of replyWords. */
function errorOrder(languages: readonly string[]): ErrorKey[] {
  return FIELDS.flatMap((f): ErrorKey[] => (f === 'replyWords' ? REPLY_KINDS.flatMap((kind) => languages.map((lang): ReplyWordsKey => `replyWords.${kind}.${lang}`)) : [f]));
}

export function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const { t: tReminders } = useTranslation('reminders');
  const client = useClient();
  const id = useId();
  const [saved, setSaved] = useState<SettingsDto | null>(() => useSettings.getState().settings);
  const [form, setForm] = useState<Form | null>(() => (saved ? formOf(saved) : null));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ErrorKey, string>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  // Which part of the send window its error is about: that part is marked and focused.
  const [windowPart, setWindowPart] = useState<WindowPart>('end');
  // A key, worded at render time: a notice shown before the language changed follows it.
  const [notice, setNotice] = useState<'saved' | 'nothingChanged' | null>(null);
  const allGateways = useGateways((g) => g.gateways);
  const modems = useMemo(() => allGateways.filter((g) => g.protocol === 'sms'), [allGateways]);
  // Only the desktop app can start at login; the headless host keeps the setting for it.
  const headless = useQuery('app.info', {}).data?.host === 'headless';

  const load = useCallback(async () => {
    setLoadError(null);
    const outcome = await callCommand(client, 'settings.get', {});
    if (!outcome.ok) {
      setLoadError(errorWords(outcome.error));
      return;
    }
    setSaved(outcome.result);
    setForm(formOf(outcome.result));
    useSettings.getState().set(outcome.result);
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const countries = useMemo(() => countryOptions(i18n.language, form?.defaultCountry), [i18n.language, form?.defaultCountry]);
  const parts = useMemo(() => (form && !PART_CHOICES.includes(form.maxSmsParts) ? [...PART_CHOICES, form.maxSmsParts].sort((a, b) => a - b) : PART_CHOICES), [form]);

  if (!form || !saved) {
    return (
      <section className="screen settings-screen" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('title')}</h1>
        {loadError ? (
          <div role="alert" className="form-error">
            {t('loadFailed', { message: loadError })} <Button onClick={() => void load()}>{t('common:action.tryAgain')}</Button>
          </div>
        ) : (
          <p role="status">{t('loading')}</p>
        )}
      </section>
    );
  }

  const change = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setNotice(null);
    const field: Field = key === 'pin' || key === 'pinAction' ? 'modemPin' : key;
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const languages = Object.keys(form.replyWords.confirm);
  const order = errorOrder(languages);

  const changeReplyWords = (kind: ReplyKind, lang: string, typed: string) => {
    setForm((f) => (f ? { ...f, replyWords: { ...f.replyWords, [kind]: { ...f.replyWords[kind], [lang]: typed } } } : f));
    setNotice(null);
    const key: ReplyWordsKey = `replyWords.${kind}.${lang}`;
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  /** The control to focus for a field's error (the send window's part it is about). */
  const focusField = (field: ErrorKey, part: WindowPart) => {
    document.getElementById(field === 'sendWindow' ? `${id}-sendWindow-${part}` : `${id}-${field}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setFormErrors([]);
    const local: Partial<Record<ErrorKey, string>> = {};
    if (form.pinAction === 'set' && form.pin !== '' && !PIN_PATTERN.test(form.pin)) local.modemPin = t('pin.invalid');
    const minutes = form.multipartTimeoutMinutes.trim();
    if (!MINUTES_PATTERN.test(minutes) || Number(minutes) < 1 || Number(minutes) > MAX_MULTIPART_MINUTES) local.multipartTimeoutMinutes = t('multipart.invalid', { max: MAX_MULTIPART_MINUTES });
    const wait = form.deliveryReportWaitMinutes.trim();
    const { min: waitMin, max: waitMax } = DELIVERY_REPORT_WAIT_MINUTES;
    if (!REPORT_WAIT_PATTERN.test(wait) || Number(wait) < waitMin || Number(wait) > waitMax) local.deliveryReportWaitMinutes = t('reportWait.invalid', { max: waitMax });
    const lowSpace = form.lowSpaceMb.trim();
    if (!LOW_SPACE_PATTERN.test(lowSpace) || Number(lowSpace) < LOW_SPACE_MB.min || Number(lowSpace) > LOW_SPACE_MB.max) local.lowSpaceMb = t('lowSpace.invalid', { min: LOW_SPACE_MB.min, max: LOW_SPACE_MB.max });
    if (!USSD_PATTERN.test(form.ussdBalanceCode.trim())) local.ussdBalanceCode = t('ussd.invalid');
    const windowProblem = sendWindowProblem(form.sendWindow);
    if (windowProblem) local.sendWindow = t(`clinic.${windowProblem.words}`);
    // STOP must always mean something: the backend refuses an empty list too.
    if (sensitiveWordList(form.optOutWords).length === 0) local.optOutWords = t('replies.optOutEmpty');
    const autoReplies = form.autoRepliesPerDay.trim();
    if (!AUTO_REPLIES_PATTERN.test(autoReplies) || Number(autoReplies) > MAX_AUTO_REPLIES) local.autoRepliesPerDay = t('answers.autoRepliesInvalid', { max: MAX_AUTO_REPLIES });
    const part = windowProblem?.part ?? 'end';
    setWindowPart(part);
    const firstLocal = order.find((f) => local[f]);
    if (firstLocal) {
      setErrors(local);
      focusField(firstLocal, part);
      return;
    }
    setErrors({});
    const patch = patchOf(saved, form);
    if (Object.keys(patch).length === 0) {
      setNotice('nothingChanged');
      return;
    }
    setSaving(true);
    const outcome = await callCommand(client, 'settings.update', patch);
    setSaving(false);
    if (!outcome.ok) {
      const issues = errorIssues(outcome.error);
      const fieldOf = (where: string) => fieldOfIssue(where, languages);
      const { fields, form: rest } = issuesByField<ErrorKey>(issues, fieldOf);
      const windowWhere = issues.find((i) => fieldOf(i.where) === 'sendWindow')?.where ?? '';
      const refusedPart: WindowPart = windowWhere.startsWith('sendWindow.days') ? 'days' : windowWhere === 'sendWindow.start' ? 'start' : 'end';
      setWindowPart(refusedPart);
      setErrors(fields);
      setFormErrors(rest.length > 0 || Object.keys(fields).length > 0 ? rest : [t('saveFailed', { message: errorWords(outcome.error) })]);
      const first = order.find((f) => fields[f]);
      if (first) focusField(first, refusedPart);
      return;
    }
    setSaved(outcome.result);
    setForm(formOf(outcome.result));
    useSettings.getState().set(outcome.result);
    setLanguage(outcome.result.language);
    setNotice('saved');
  };

  const fieldIds = (field: ErrorKey, hint: boolean) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [hint ? `${id}-${field}-hint` : null, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined,
  });
  const messages = (field: ErrorKey, hint?: ReactNode) => <FieldMessages hintId={`${id}-${field}-hint`} hint={hint} errorId={`${id}-${field}-error`} error={errors[field]} />;

  const pinEditable = !saved.modemPinSet || form.pinAction === 'set';

  return (
    <section className="screen settings-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate className="settings-form">
        <div className="field">
          <label htmlFor={`${id}-defaultCountry`}>{t('country.label')}</label>
          <select className="input" {...fieldIds('defaultCountry', true)} value={form.defaultCountry} onChange={(e) => change('defaultCountry', e.target.value)}>
            {countries.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          {messages('defaultCountry', t('country.hint'))}
        </div>

        <fieldset className="field">
          <legend>{t('pin.legend')}</legend>
          {saved.modemPinSet && form.pinAction === 'keep' ? (
            <p className="pin-saved">{t('pin.saved')}</p>
          ) : null}
          {saved.modemPinSet && form.pinAction === 'clear' ? <p className="pin-saved">{t('pin.willClear')}</p> : null}
          {pinEditable ? (
            <>
              <label htmlFor={`${id}-modemPin`}>{t('pin.label')}</label>
              <input
                {...fieldIds('modemPin', true)}
                type="password"
                className="input"
                inputMode="numeric"
                autoComplete="off"
                maxLength={8}
                value={form.pin}
                onChange={(e) => {
                  change('pin', e.target.value.replace(/\s/g, ''));
                  change('pinAction', 'set');
                }}
              />
            </>
          ) : null}
          {messages('modemPin', t('pin.hint'))}
          {saved.modemPinSet ? (
            <div className="button-row">
              {form.pinAction === 'keep' ? (
                <>
                  <Button onClick={() => change('pinAction', 'set')}>{t('pin.change')}</Button>
                  <Button variant="danger" onClick={() => change('pinAction', 'clear')}>
                    {t('pin.clear')}
                  </Button>
                </>
              ) : (
                <Button
                  onClick={() => {
                    change('pin', '');
                    change('pinAction', 'keep');
                  }}
                >
                  {t('pin.keep')}
                </Button>
              )}
            </div>
          ) : null}
        </fieldset>

        <div className="field">
          <label>
            <input {...fieldIds('statusReports', true)} type="checkbox" checked={form.statusReports} onChange={(e) => change('statusReports', e.target.checked)} />
            {t('reports.label')}
          </label>
          {messages('statusReports', t('reports.hint'))}
        </div>

        <div className="field">
          <label>
            <input {...fieldIds('rejectCalls', true)} type="checkbox" checked={form.rejectCalls} onChange={(e) => change('rejectCalls', e.target.checked)} />
            {t('calls.label')}
          </label>
          {messages('rejectCalls', t('calls.hint'))}
        </div>

        <div className="field">
          <label>
            <input {...fieldIds('startAtLogin', true)} type="checkbox" checked={form.startAtLogin} onChange={(e) => change('startAtLogin', e.target.checked)} />
            {t('startAtLogin.label')}
          </label>
          {messages('startAtLogin', headless ? `${t('startAtLogin.hint')} ${t('startAtLogin.headless')}` : t('startAtLogin.hint'))}
        </div>

        <div className="field">
          <label htmlFor={`${id}-maxSmsParts`}>{t('parts.label')}</label>
          <select className="input" {...fieldIds('maxSmsParts', true)} value={String(form.maxSmsParts)} onChange={(e) => change('maxSmsParts', Math.min(MAX_SMS_PARTS_CEILING, Number(e.target.value)))}>
            {parts.map((n) => (
              <option key={n} value={String(n)}>
                {t('parts.option', { count: n })}
              </option>
            ))}
          </select>
          {messages('maxSmsParts', t('parts.hint'))}
        </div>

        <div className="field">
          <label htmlFor={`${id}-multipartTimeoutMinutes`}>{t('multipart.label')}</label>
          <input
            {...fieldIds('multipartTimeoutMinutes', true)}
            className="input input-short"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            value={form.multipartTimeoutMinutes}
            onChange={(e) => change('multipartTimeoutMinutes', e.target.value.replace(/\s/g, ''))}
          />
          {messages('multipartTimeoutMinutes', t('multipart.hint'))}
        </div>

        <div className="field">
          <label htmlFor={`${id}-deliveryReportWaitMinutes`}>{t('reportWait.label')}</label>
          <input
            {...fieldIds('deliveryReportWaitMinutes', true)}
            className="input input-short"
            inputMode="numeric"
            autoComplete="off"
            maxLength={5}
            value={form.deliveryReportWaitMinutes}
            onChange={(e) => change('deliveryReportWaitMinutes', e.target.value.replace(/\s/g, ''))}
          />
          {messages('deliveryReportWaitMinutes', t('reportWait.hint'))}
        </div>

        <div className="field">
          <label htmlFor={`${id}-lowSpaceMb`}>{t('lowSpace.label')}</label>
          <input
            {...fieldIds('lowSpaceMb', true)}
            className="input input-short"
            inputMode="numeric"
            autoComplete="off"
            maxLength={7}
            value={form.lowSpaceMb}
            onChange={(e) => change('lowSpaceMb', e.target.value.replace(/\s/g, ''))}
          />
          {messages('lowSpaceMb', t('lowSpace.hint'))}
        </div>

        <div className="field">
          <label htmlFor={`${id}-ussdBalanceCode`}>{t('ussd.label')}</label>
          <input
            {...fieldIds('ussdBalanceCode', true)}
            className="input input-short"
            inputMode="tel"
            autoComplete="off"
            maxLength={40}
            value={form.ussdBalanceCode}
            onChange={(e) => change('ussdBalanceCode', e.target.value)}
          />
          {messages('ussdBalanceCode', t('ussd.hint'))}
        </div>

        <fieldset className="field" aria-describedby={errors.crashRecovery ? `${id}-crashRecovery-error` : undefined}>
          <legend>{t('recovery.legend')}</legend>
          <p className="field-hint">{t('recovery.hint')}</p>
          {CRASH_RECOVERY_POLICIES.map((policy) => (
            <label key={policy} className="radio">
              <input type="radio" name={`${id}-crashRecovery`} value={policy} checked={form.crashRecovery === policy} onChange={() => change('crashRecovery', policy)} />
              {t(`recovery.${policy}`)}
            </label>
          ))}
          {messages('crashRecovery')}
        </fieldset>

        <ModemDetection
          ids={{ autoAdoptModems: fieldIds('autoAdoptModems', true), modemSearch: fieldIds('modemSearch', true) }}
          autoAdopt={form.autoAdoptModems}
          search={form.modemSearch}
          searchDefault={saved.modemSearchDefault}
          onAutoAdopt={(on) => change('autoAdoptModems', on)}
          onSearch={(typed) => change('modemSearch', typed)}
          messages={{ autoAdoptModems: messages('autoAdoptModems', t('detection.autoHint')), modemSearch: messages('modemSearch', t('detection.searchHint', { patterns: saved.modemSearchDefault.join(', ') || t('detection.noDefault') })) }}
        />

        <SeveralModems
          idPrefix={id}
          routing={form.routing}
          rules={form.prefixRules}
          modems={modems}
          onRouting={(routing) => change('routing', routing)}
          onRules={(rules) => change('prefixRules', rules)}
          messages={messages('prefixRules')}
        />

        <ClinicReminders
          ids={{ clinicName: fieldIds('clinicName', true), timeZone: fieldIds('timeZone', true), sendWindow: fieldIds('sendWindow', true), sensitiveWords: fieldIds('sensitiveWords', true) }}
          clinicName={form.clinicName}
          timeZone={form.timeZone}
          savedTimeZone={saved.timeZone}
          clinicTimeZone={saved.clinicTimeZone}
          sendWindow={form.sendWindow}
          windowPart={windowPart}
          sensitiveWords={form.sensitiveWords}
          onClinicName={(name) => change('clinicName', name)}
          onTimeZone={(zone) => change('timeZone', zone)}
          onSendWindow={(window) => change('sendWindow', window)}
          onSensitiveWords={(typed) => change('sensitiveWords', typed)}
          messages={{
            clinicName: messages('clinicName', t('clinic.nameHint')),
            timeZone: messages('timeZone', t('clinic.timeZoneHint')),
            sendWindow: messages('sendWindow', t('clinic.windowHint')),
            sensitiveWords: messages('sensitiveWords', t('clinic.wordsHint')),
          }}
        />

        <ReplyWords
          ids={{ optOutWords: fieldIds('optOutWords', true), optInWords: fieldIds('optInWords', true) }}
          optOutWords={form.optOutWords}
          optInWords={form.optInWords}
          onOptOutWords={(typed) => change('optOutWords', typed)}
          onOptInWords={(typed) => change('optInWords', typed)}
          messages={{ optOutWords: messages('optOutWords', t('replies.optOutHint')), optInWords: messages('optInWords', t('replies.optInHint')) }}
        />

        <AppointmentReplies
          idPrefix={id}
          languages={languages}
          ids={(key) => fieldIds(key, false)}
          words={form.replyWords}
          onWords={changeReplyWords}
          autoRepliesIds={fieldIds('autoRepliesPerDay', true)}
          autoReplies={form.autoRepliesPerDay}
          maxAutoReplies={MAX_AUTO_REPLIES}
          onAutoReplies={(typed) => change('autoRepliesPerDay', typed)}
          messages={(key) => messages(key)}
          autoRepliesMessages={messages('autoRepliesPerDay', t('answers.autoRepliesHint', { max: MAX_AUTO_REPLIES }))}
        />

        <div className="field">
          <label htmlFor={`${id}-language`}>{t('language.label')}</label>
          <select className="input" {...fieldIds('language', false)} value={form.language} onChange={(e) => change('language', e.target.value)}>
            {LANGUAGES.map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
          {messages('language')}
        </div>

        <div className="field">
          <label htmlFor={`${id}-messageLanguage`}>{t('language.messagesLabel')}</label>
          <select className="input" {...fieldIds('messageLanguage', true)} value={form.messageLanguage} onChange={(e) => change('messageLanguage', e.target.value)}>
            <option value="">{t('language.messagesSame')}</option>
            {PATIENT_LANGUAGES.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {tReminders(`language.${lng}`)}
              </option>
            ))}
          </select>
          {messages('messageLanguage', t('language.messagesHint'))}
        </div>

        {formErrors.map((message, i) => (
          <p key={i} role="alert" className="form-error">
            {message}
          </p>
        ))}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={saving}>
            {t('save')}
          </Button>
          {notice ? (
            <span role="status" className="saved-notice">
              {t(notice)}
            </span>
          ) : null}
        </div>
      </form>

      <KeywordRules />
      <DataProtection />
      <Backups />
      <Users />
      <ApiKeys />
      <Retention />
    </section>
  );
}
