/**
 * "Check this computer" (gateways.doctor): the field check of `ujumbe doctor` — port permissions,
 * the user's groups, programs holding ports (ModemManager), SIM and network — each finding a
 * code worded here (renderer/i18n/codes.ts DOCTOR_KEYS). A code this build has no words for is
 * shown as it is, marked untranslated, with its values.
 */
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { DOCTOR_KEYS, isDoctorCode, untranslated } from '../../i18n/codes.ts';
import { Button } from '../../ui/index.ts';

function FindingWords({ finding }: { finding: DoctorFindingDto }) {
  const { t } = useTranslation('gateways');
  const values: Record<string, string | number> = { ...finding.values };
  if (finding.path !== null && values.path === undefined) values.path = finding.path;
  if (!isDoctorCode(finding.code)) {
    const shown = Object.entries(values).map(([k, v]) => `${k}: ${String(v)}`);
    return (
      <span className="untranslated" lang="en">
        {untranslated(t, finding.code)}
        {shown.length > 0 ? ` (${shown.join(', ')})` : ''}
      </span>
    );
  }
  const { key, needs } = DOCTOR_KEYS[finding.code];
  // A value the backend left out reads as a plain placeholder, never as "{{group}}".
  const fallback: Record<string, string> = { group: 'dialout', program: t('doctor.someProgram'), pid: '?', path: t('doctor.somePort'), model: t('doctor.someModel') };
  for (const name of needs) if (values[name] === undefined || values[name] === '') values[name] = fallback[name] ?? '?';
  return <Trans t={t} i18nKey={key} values={values} components={{ code: <code /> }} />;
}

export function DoctorCheck({ report, onReport }: { report: DoctorReportDto | null; onReport: (report: DoctorReportDto) => void }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async () => {
    setBusy(true);
    setError(null);
    const outcome = await callCommand(client, 'gateways.doctor', {});
    setBusy(false);
    if (outcome.ok) onReport(outcome.result);
    else setError(t('doctor.failed', { message: errorWords(outcome.error) }));
  };

  return (
    <div className="doctor">
      <div className="button-row">
        <Button busy={busy} onClick={() => void check()}>
          {t('doctor.button')}
        </Button>
        <span className="field-hint">{t('doctor.hint')}</span>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <div className="doctor__report" aria-live="polite">
          <h3 id={`${id}-title`}>{t('doctor.title')}</h3>
          {report.findings.length === 0 ? (
            <p>{t('doctor.nothing')}</p>
          ) : (
            <ul className="doctor__findings" aria-labelledby={`${id}-title`}>
              {report.findings.map((f, i) => (
                <li key={`${f.code}-${f.path ?? ''}-${i}`} className={`doctor-finding doctor-finding--${f.severity}`}>
                  <span className={`badge badge-severity-${f.severity}`}>{t(`doctor.severity.${f.severity}`)}</span> <FindingWords finding={f} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
