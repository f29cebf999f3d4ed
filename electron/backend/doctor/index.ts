/** The field check: `runDoctor` and the codes its callers word. See README.md. */
export { runDoctor, type DoctorOptions, type DoctorSystem, type HeldPortState } from './run-doctor.ts';
export { DOCTOR_CODES, DOCTOR_CODE_LIST, type DoctorCode, finding, usableModems } from './findings.ts';
export { UDEV_RULE_FILE, UDEV_RULE_RESOURCE, UDEV_RULE_TARGET } from './udev-rule.ts';
export type { DoctorUser } from './etc-group.ts';
