/** Shared imports for the SMS tests: the public barrel, plus one limit helper. */
export * from '../../../src-shared/sms/index.ts';
export { unitsPerPart as unitsPerPartFor } from '../../../src-shared/sms/limits.ts';
