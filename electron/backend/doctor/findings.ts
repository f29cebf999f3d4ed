/**
 * The field check's findings. The codes, their usual severities and the values each carries are
 * one list shared with the callers that word them (src-shared/contract/doctor-codes.ts): the
 * panel (renderer) and `ujumbe doctor` (electron/cli/doctor-words.ts), each with its fix.
 */
import {
  DOCTOR_FINDING_CODE_LIST,
  DOCTOR_FINDING_CODES,
  type DoctorFindingCode,
  type DoctorSeverity,
  type DoctorValueName,
} from '../../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';

/** The shared list under the names the backend has used (index.ts); not a second list. */
export { DOCTOR_FINDING_CODES as DOCTOR_CODES, DOCTOR_FINDING_CODE_LIST as DOCTOR_CODE_LIST };
export type DoctorCode = DoctorFindingCode;

/**
 * What a caller gives for a finding of code C: every value the code carries, null (or '') for
 * one that is not known, which is then left out of the finding.
 */
export type DoctorFindingInput<C extends DoctorFindingCode> = { [K in DoctorValueName<C>]: string | number | null };

/**
 * A finding with its code's usual severity unless one is given. `values` must name exactly the
 * values the code carries (a type error otherwise); unknown ones (null, '') are left out.
 */
export function finding<C extends DoctorFindingCode>(code: C, path: string | null, values: DoctorFindingInput<C>, severity?: DoctorSeverity): DoctorFindingDto {
  const known: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values) as Array<[string, string | number | null]>) {
    if (value !== null && value !== '') known[name] = value;
  }
  return { code, severity: severity ?? DOCTOR_FINDING_CODES[code].severity, path, values: known };
}

/**
 * A modem answers (or a gateway runs one) with no problem-severity finding on its port: the
 * clinic can send. A SIM that only needs its PIN counts (the panel asks for it). A port another
 * Ujumbe process holds (`by: 'ujumbe'`) does not: what its modem does is that Ujumbe's to say.
 */
export function usableModems(report: DoctorReportDto): string[] {
  const troubled = new Set(report.findings.filter((f) => f.severity === 'problem' && f.path !== null).map((f) => f.path));
  return report.findings
    .filter((f) => (f.code === 'ok-modem' || (f.code === 'ok-port-in-use' && f.values.by !== 'ujumbe')) && f.path !== null && !troubled.has(f.path))
    .map((f) => f.path as string);
}
