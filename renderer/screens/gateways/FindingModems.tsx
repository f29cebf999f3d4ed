/**
 * How Ujumbe finds modems, and what to do when it does not: "Look for modems again", what was
 * tried port by port, "Add by port name" and "Check this computer". Open while no modem is
 * saved; with modems, the list of what was tried folds away under its heading.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { AddPortForm } from './AddPortForm.tsx';
import { DoctorCheck } from './DoctorCheck.tsx';
import { LookAgain } from './LookAgain.tsx';
import { TriedPorts } from './TriedPorts.tsx';

/** Which program holds which port, from the field check's `port-held` findings. */
function heldBy(report: DoctorReportDto | null): Map<string, string> {
  const held = new Map<string, string>();
  for (const f of report?.findings ?? []) {
    const path = typeof f.values.path === 'string' ? f.values.path : f.path;
    const program = f.values.program;
    if (f.code === 'port-held' && path && typeof program === 'string' && program !== '') held.set(path, program);
  }
  return held;
}

export function FindingModems({ open }: { open: boolean }) {
  const { t } = useTranslation('gateways');
  const id = useId();
  const [report, setReport] = useState<DoctorReportDto | null>(null);
  const held = useMemo(() => heldBy(report), [report]);
  const triedTitle = `${id}-tried`;

  return (
    <section className="finding-modems" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('finding.title')}</h2>
      <LookAgain />
      {open ? (
        <div className="finding-modems__tried">
          <h3 id={triedTitle}>{t('ports.title')}</h3>
          <TriedPorts heldBy={held} titleId={triedTitle} />
        </div>
      ) : (
        <details className="finding-modems__tried">
          <summary>
            <span id={triedTitle}>{t('ports.title')}</span>
          </summary>
          <TriedPorts heldBy={held} titleId={triedTitle} />
        </details>
      )}
      <AddPortForm />
      <DoctorCheck report={report} onReport={setReport} />
    </section>
  );
}
