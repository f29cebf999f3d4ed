/**
 * The Audit screen (issue 13 "Audit trail"; administrators only: app/screen-access.tsx): the
 * entries newest first (time in clinic time, who, what in words, on what; never message text),
 * filtered by who, what and clinic dates, paged backwards with "Load older entries" (nextBefore);
 * "Export CSV" of every entry the filters match (audit-csv.ts, formulas neutralised); "Verify the
 * chain" (audit.verify) says the trail is intact or names the first entry that does not hold.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntryDto, type AuditVerifyDto } from '../../../src-shared/contract/access-commands.ts';
import type { CommandParams } from '../../../src-shared/contract/commands.ts';
import { clinicDayStart } from '../../../src-shared/schedule/clinic-time.ts';
import { callCommand, type Outcome } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { auditActionWords } from '../../i18n/codes.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { formatClinicTime } from '../../ui/format.ts';
import { Button, DataTable, EmptyState, LoadError } from '../../ui/index.ts';
import { auditCsv, downloadAuditCsv } from './audit-csv.ts';
import '../settings/access.css';

/** Entries per page on screen; the export reads the contract's largest pages. */
export const AUDIT_PAGE = 200;
const EXPORT_PAGE = 5_000;
/** The export stops here (a year of a busy desk is far below). */
const EXPORT_MAX = 500_000;

interface Filters {
  actor: string;
  action: AuditAction | '';
  /** Clinic dates as the date fields give them ("2026-03-02"), '' for none. */
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actor: '', action: '', from: '', to: '' };

type ListParams = CommandParams<'audit.list'>;

/** The filters as audit.list takes them: dates are whole clinic days, `to` up to the end of its day. */
export function listParams(f: Filters, timeZone: string): Omit<ListParams, 'limit' | 'before'> {
  return {
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: clinicDayStart(f.from, timeZone) } : {}),
    ...(f.to ? { to: clinicDayStart(f.to, timeZone, 1) } : {}),
  };
}

const OBJECT_KINDS = ['contact', 'conversation', 'message', 'appointment', 'group', 'template', 'reminder-plan', 'keyword', 'gateway', 'user', 'key', 'backup', 'settings', 'email', 'audit', 'sign-in'] as const;

/** "contact:12" -> "Contact #12"; a kind this build does not know is shown as it is. */
export function objectWords(t: TFunction, object: string): string {
  const at = object.indexOf(':');
  const kind = at < 0 ? object : object.slice(0, at);
  const id = at < 0 ? '' : object.slice(at + 1);
  if (!(OBJECT_KINDS as readonly string[]).includes(kind)) return object;
  return t(`audit:object.${kind}`, { id });
}

function verifyWords(t: TFunction, result: AuditVerifyDto, language: string, timeZone: string): string {
  if (result.ok || result.firstBroken === null) return t('intact', { count: result.checked });
  const b = result.firstBroken;
  const when = b.at ? formatClinicTime(b.at, language, timeZone) : t('broken.noTime');
  const known = ['hash-mismatch', 'link-broken', 'entries-missing'].includes(b.reason) ? b.reason : 'unknown';
  return `${t(`broken.${known}`, { id: b.id, when })} ${t('broken.checked', { count: result.checked })}`;
}

export function AuditScreen() {
  const { t, i18n } = useTranslation('audit');
  const client = useClient();
  const id = useId();
  const timeZone = useSettings((s) => s.settings?.clinicTimeZone ?? 'UTC');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [items, setItems] = useState<AuditEntryDto[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyDto | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const ticket = useRef(0);

  const users = useQuery('users.list', {});
  const keys = useQuery('apiKeys.list', {});

  const rangeWrong = filters.from !== '' && filters.to !== '' && filters.to < filters.from;
  const params = useMemo(() => listParams(filters, timeZone), [filters, timeZone]);

  const load = useCallback(
    async (before: number | null) => {
      const mine = ++ticket.current;
      setLoading(true);
      setLoadError(null);
      const outcome = await callCommand(client, 'audit.list', { ...params, limit: AUDIT_PAGE, ...(before !== null ? { before } : {}) });
      if (mine !== ticket.current) return;
      setLoading(false);
      if (!outcome.ok) {
        setLoadError(errorWords(outcome.error));
        return;
      }
      setItems((shown) => (before === null || shown === null ? outcome.result.items : [...shown, ...outcome.result.items]));
      setNextBefore(outcome.result.nextBefore);
    },
    [client, params],
  );

  useEffect(() => {
    if (rangeWrong) return;
    void load(null);
  }, [load, rangeWrong]);

  const change = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    const all: AuditEntryDto[] = [];
    let before: number | null = null;
    for (;;) {
      const outcome: Outcome<'audit.list'> = await callCommand(client, 'audit.list', { ...params, limit: EXPORT_PAGE, forExport: true, ...(before !== null ? { before } : {}) });
      if (!outcome.ok) {
        setExporting(false);
        setExportError(t('exportFailed', { message: errorWords(outcome.error) }));
        return;
      }
      all.push(...outcome.result.items);
      before = outcome.result.nextBefore;
      if (before === null || all.length >= EXPORT_MAX) break;
    }
    setExporting(false);
    downloadAuditCsv(auditCsv(all, timeZone, (action) => auditActionWords(i18n.getFixedT('en'), action)));
    toast.success(t('exported', { count: all.length }));
  };

  const verify = async () => {
    setVerifying(true);
    setVerified(null);
    setVerifyError(null);
    const outcome = await callCommand(client, 'audit.verify', {});
    setVerifying(false);
    if (outcome.ok) setVerified(outcome.result);
    else setVerifyError(t('verifyFailed', { message: errorWords(outcome.error) }));
  };

  const actorOptions: Array<[string, string]> = [
    ...(users.data?.items ?? []).map((u): [string, string] => [`user:${u.id}`, u.name]),
    ...(keys.data?.items ?? []).map((k): [string, string] => [`key:${k.id}`, t('actorKey', { name: k.name })]),
    ['host', t('actorHost')],
    ['system', t('actorSystem')],
  ];

  return (
    <section className="screen audit-screen" aria-labelledby={`${id}-title`}>
      <header className="screen-header">
        <h1 id={`${id}-title`}>{t('title')}</h1>
      </header>
      <p>{t('intro')}</p>

      <div className="button-row">
        <Button busy={verifying} onClick={() => void verify()}>
          {verifying ? t('verifying') : t('verify')}
        </Button>
        <Button busy={exporting} disabled={rangeWrong} onClick={() => void exportCsv()}>
          {exporting ? t('exporting') : t('export')}
        </Button>
      </div>
      {verified ? (
        <p role={verified.ok ? 'status' : 'alert'} className={verified.ok ? 'saved-notice' : 'form-error'}>
          {verifyWords(t, verified, i18n.language, timeZone)}
        </p>
      ) : null}
      {verifyError ? (
        <p role="alert" className="form-error">
          {verifyError}
        </p>
      ) : null}
      {exportError ? (
        <p role="alert" className="form-error">
          {exportError}
        </p>
      ) : null}

      <fieldset className="audit-filters">
        <legend>{t('filters')}</legend>
        <div className="field">
          <label htmlFor={`${id}-actor`} className="field-label">
            {t('actor')}
          </label>
          <select id={`${id}-actor`} className="input" value={filters.actor} onChange={(e) => change('actor', e.target.value)}>
            <option value="">{t('actorAll')}</option>
            {actorOptions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {users.error ? <p className="field-hint">{t('actorsMissing', { message: errorWords(users.error) })}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`} className="field-label">
            {t('actionFilter')}
          </label>
          <select id={`${id}-action`} className="input" value={filters.action} onChange={(e) => change('action', e.target.value as AuditAction | '')}>
            <option value="">{t('actionAll')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {auditActionWords(t, a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`} className="field-label">
            {t('from')}
          </label>
          <input id={`${id}-from`} className="input" type="date" value={filters.from} onChange={(e) => change('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`} className="field-label">
            {t('to')}
          </label>
          <input
            id={`${id}-to`}
            className="input"
            type="date"
            value={filters.to}
            aria-invalid={rangeWrong ? true : undefined}
            aria-describedby={rangeWrong ? `${id}-range` : undefined}
            onChange={(e) => change('to', e.target.value)}
          />
          {rangeWrong ? (
            <p id={`${id}-range`} className="field-error" role="alert">
              {t('rangeOrder')}
            </p>
          ) : null}
        </div>
        <Button variant="quiet" onClick={() => setFilters(NO_FILTERS)}>
          {t('clear')}
        </Button>
      </fieldset>

      {loadError ? <LoadError message={t('loadFailed', { message: loadError })} onRetry={() => void load(null)} /> : null}
      {items === null && !loadError ? <p className="loading">{t('common:loading')}</p> : null}
      {items !== null && items.length === 0 ? <EmptyState title={t('empty')} /> : null}
      {items !== null && items.length > 0 ? (
        <>
          <p role="status">{t('count', { count: items.length })}</p>
          <DataTable caption={t('list')} columns={[t('col.at'), t('col.actor'), t('col.action'), t('col.object')]}>
            {items.map((e) => (
              <tr key={e.id} data-entry-id={e.id}>
                <td>
                  <time dateTime={e.at}>{formatClinicTime(e.at, i18n.language, timeZone)}</time>
                </td>
                <td>{e.actorName}</td>
                <td>{auditActionWords(t, e.action)}</td>
                <td>{objectWords(t, e.object)}</td>
              </tr>
            ))}
          </DataTable>
          {nextBefore !== null ? (
            <Button busy={loading} onClick={() => void load(nextBefore)}>
              {t('loadMore')}
            </Button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
