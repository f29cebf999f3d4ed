/**
 * Every rejected call becomes an RpcError with the backend's code and message (STYLE.md §3):
 * a hand-made client or a broken transport may reject with anything.
 */
import { RpcError } from '../../src-shared/rpc/client.ts';
import { UjumbeError, type ValidationIssue } from '../../src-shared/errors.ts';

export function toRpcError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  if (err instanceof UjumbeError) return new RpcError(err.code, err.message, err.details);
  if (err instanceof Error) return new RpcError('internal', err.message);
  return new RpcError('internal', String(err));
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.where === 'string' && typeof v.rule === 'string' && typeof v.message === 'string';
}

/**
 * The issues of a `validation` or `invalid-params` error (details.issues), read defensively:
 * details is untyped data.
 */
export function validationIssues(error: RpcError): ValidationIssue[] {
  if (error.code !== 'validation' && error.code !== 'invalid-params') return [];
  const issues = (error.details as { issues?: unknown }).issues;
  return Array.isArray(issues) ? issues.filter(isIssue) : [];
}
