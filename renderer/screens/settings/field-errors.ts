/**
 * How a backend error becomes words next to the field it is about, for the Contacts, Gateways
 * and Settings forms. Unlike app/errors.ts validationIssues (code `validation` only), this also
 * reads `invalid-params`, whose issues name the contract field that the schema refused.
 */
import type { ValidationIssue } from '../../../src-shared/errors.ts';

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** The code of an RpcError (or anything with a string `code`), else null. */
export function errorCode(err: unknown): string | null {
  const code = record(err)?.code;
  return typeof code === 'string' ? code : null;
}

/** Plain words for any failure; never empty. */
export function errorMessage(err: unknown, fallback: string): string {
  const message = record(err)?.message;
  return typeof message === 'string' && message.trim() !== '' ? message : fallback;
}

/**
 * The issues of a `validation` or `invalid-params` error (details.issues), each with `where` (a
 * field path such as "name", "contact.addresses.1.address", or the address as typed) and words.
 */
export function errorIssues(err: unknown): ValidationIssue[] {
  const issues = record(record(err)?.details)?.issues;
  if (!Array.isArray(issues)) return [];
  const out: ValidationIssue[] = [];
  for (const item of issues) {
    const i = record(item);
    if (!i) continue;
    const message = typeof i.message === 'string' ? i.message : '';
    if (message === '') continue;
    out.push({ where: typeof i.where === 'string' ? i.where : '', rule: typeof i.rule === 'string' ? i.rule : '', message });
  }
  return out;
}

/** Split issues by field name: `fieldOf` says which field an issue belongs to, or null for the form. */
export function issuesByField<F extends string>(issues: readonly ValidationIssue[], fieldOf: (where: string) => F | null): { fields: Partial<Record<F, string>>; form: string[] } {
  const fields: Partial<Record<F, string>> = {};
  const form: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.where);
    if (field === null) form.push(issue.message);
    else fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
  }
  return { fields, form };
}
