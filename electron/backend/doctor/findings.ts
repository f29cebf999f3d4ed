/**
 * The field check's findings. The codes, their usual severities and the values each carries are
 * one list shared with the callers that word them (src-shared/contract/doctor-codes.ts): the
 * panel (renderer) and `ujumbe doctor` (electron/cli/doctor-words.ts), each with its fix.
 */
import {
  DOCTOR_FINDING_CODE_LIST,
  DOCTOR_FINDING_CODES,
  type DoctorFindingCode,
  type DoctorFindingValues,
  type DoctorSeverity,
} from '../../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';

/** The shared list under the names the backend has used (index.ts); not a second list. */
export { DOCTOR_FINDING_CODES as DOCTOR_CODES, DOCTOR_FINDING_CODE_LIST as DOCTOR_CODE_LIST };
export type DoctorCode = DoctorFindingCode;

/**
 * A finding with its code's usual severity unless one is given. `values` must be exactly the
 * values the code carries (a type error otherwise).
 */
export function finding<C extends DoctorFindingCode>(code: C, path: string | null, values: DoctorFindingValues<C>, severity?: DoctorSeverity): DoctorFindingDto {
  return { code, severity: severity ?? DOCTOR_FINDING_CODES[code].severity, path, values };
}

/**
 * A modem answers (or a gateway runs one) with no problem-severity finding on its port: the
 * clinic can send. A SIM that only needs its PIN counts (the panel asks for it).
 */
export function usableModems(report: DoctorReportDto): string[] {
  const troubled = new Set(report.findings.filter((f) => f.severity === 'problem' && f.path !== null).map((f) => f.path));
  return report.findings
    .filter((f) => (f.code === 'ok-modem' || f.code === 'ok-port-in-use') && f.path !== null && !troubled.has(f.path))
    .map((f) => f.path as string);
}
