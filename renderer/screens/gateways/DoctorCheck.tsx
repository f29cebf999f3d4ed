/**
 * "Check this computer" (gateways.doctor): the field check of `ujumbe doctor` — port permissions,
 * the user's groups, programs holding ports (ModemManager), SIM and network — each finding a
 * code of the shared list (src-shared/contract/doctor-codes.ts) worded here with its fix
 * (renderer/i18n/codes.ts DOCTOR_KEYS, a variant by value as DOCTOR_VARIANTS says). A code this
 * build has no words for (a newer backend) is shown as it is, marked untranslated, with its values.
 * A modem that answers on a port detection only offers (DiscoveryDto: `offered`) is said to wait
 * for "Use this modem", not to need nothing.
 */
import { useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { DOCTOR_FINDING_CODES } from '../../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { DOCTOR_KEYS, DOCTOR_OFFERED_CONTEXT, doctorContext, isDoctorCode, untranslated } from '../../i18n/codes.ts';
import { useGateways } from '../../state/gateways.ts';
import { Button } from '../../ui/index.ts';
import { modemName } from './names.ts';

/** Names of systems (process.platform) as people know them; not words to translate. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/** Where a udev rule copied by hand goes (electron/backend/doctor/udev-rule.ts), if the backend left it out. */
const UDEV_RULE_TARGET = '/etc/udev/rules.d';

/** The ports detection's last report offers (waiting for "Use this modem"). */
function useOfferedPorts(): ReadonlySet<string> {
  const discovery = useGateways((s) => s.discovery);
  return useMemo(
    () => new Set([...(discovery?.offered ?? []).map((m) => m.path), ...(discovery?.ports ?? []).filter((p) => p.outcome === 'offered').map((p) => p.path)]),
    [discovery],
  );
}

function FindingWords({ finding, platform, offered }: { finding: DoctorFindingDto; platform: string; offered: ReadonlySet<string> }) {
  const { t } = useTranslation('gateways');
  const values: Record<string, string | number> = { ...finding.values };
  if (finding.path !== null && (values.path === undefined || values.path === '')) values.path = finding.path;
  // The contract types the code, but a newer backend can still send one this build does not know.
  const code: string = finding.code;
  if (!isDoctorCode(code)) {
    const shown = Object.entries(values).map(([k, v]) => `${k}: ${String(v)}`);
    return (
      <span className="untranslated" lang="en">
        {untranslated(t, code)}
        {shown.length > 0 ? ` (${shown.join(', ')})` : ''}
      </span>
    );
  }
  const offeredContext = typeof values.path === 'string' && offered.has(values.path) ? DOCTOR_OFFERED_CONTEXT[code] : undefined;
  const context = offeredContext ?? doctorContext(finding, platform);
  // A value the backend left out (or sent as '') reads as a plain placeholder, never as "{{group}}".
  const fallback: Record<string, string> = {
    group: 'dialout',
    program: t('doctor.someProgram'),
    path: t('doctor.somePort'),
    primary: t('doctor.somePort'),
    error: t('doctor.noReason'),
    target: UDEV_RULE_TARGET,
  };
  for (const name of DOCTOR_FINDING_CODES[code].values) if (values[name] === undefined || values[name] === '') values[name] = fallback[name] ?? '?';
  // Made from the values: the modem's name ("Huawei E3131") and the system's.
  const str = (name: string) => (typeof finding.values[name] === 'string' ? (finding.values[name] as string) : null);
  values.modem = modemName(str('manufacturer'), str('model')) ?? t('doctor.someModel');
  values.system = SYSTEM_NAMES[str('platform') ?? platform] ?? str('platform') ?? platform;
  return <Trans t={t} i18nKey={DOCTOR_KEYS[code]} context={context} values={values} components={{ code: <code /> }} />;
}

export function DoctorCheck({ report, onReport }: { report: DoctorReportDto | null; onReport: (report: DoctorReportDto) => void }) {
  const { t } = useTranslation('gateways');
  const client = useClient();
  const id = useId();
  const offered = useOfferedPorts();
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
                  <span className={`badge badge-severity-${f.severity}`}>{t(`doctor.severity.${f.severity}`)}</span> <FindingWords finding={f} platform={report.platform} offered={offered} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
