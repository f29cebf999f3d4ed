/**
 * Every rejected call becomes an RpcError with the backend's code and message (docs/ARCHITECTURE.md "Habits": errors as data):
 * a hand-made client or a broken transport may reject with anything. `errorWords` says one in
 * the nurse's language.
 */
import i18next from 'i18next';
import { RpcError } from '../../src-shared/rpc/client.ts';
import { UjumbeError, type ValidationIssue } from '../../src-shared/errors.ts';
import { MODEM_PROBLEM_CODES } from '../../src-shared/model.ts';
import { problemWords } from '../i18n/codes.ts';

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

/**
 * Error codes worded by the renderer (common:error.*), so a failure reads in the nurse's language.
 * A code not listed keeps the backend's own words (better than nothing, and never silent).
 */
export const ERROR_KEYS: Readonly<Record<string, string>> = {
  'not-found': 'common:error.not-found',
  conflict: 'common:error.conflict',
  'not-supported': 'common:error.not-supported',
  'not-available': 'common:error.not-available',
  'status-conflict': 'common:error.status-conflict',
  disconnected: 'common:error.disconnected',
  timeout: 'common:error.timeout',
  'unknown-command': 'common:error.unknown-command',
  // The panel acted on a saved modem that is disabled (electron/backend/api/gateways.ts).
  'gateway-disabled': 'common:error.gateway-disabled',
  // A write the full disk refused (electron/backend/store/disk-full.ts): nothing was saved.
  'disk-full': 'common:error.disk-full',
  // Issue 13 "Users, roles, lock": the role may not call it; no one is signed in (locked elsewhere, the user disabled).
  forbidden: 'common:error.forbidden',
  'sign-in-required': 'common:error.sign-in-required',
  'sign-in-failed': 'common:error.sign-in-failed',
  'sign-in-throttled': 'common:error.sign-in-throttled',
};

/**
 * A failed call in words: a code we word (ERROR_KEYS, a modem problem code, `no-gateway` by its
 * protocol), the issues of a validation error, or the backend's message for anything else.
 * `overrides` words a code the way one screen needs it (e.g. `conflict` for "Add by port name").
 */
export function errorWords(error: RpcError, overrides: Readonly<Record<string, string>> = {}): string {
  const override = overrides[error.code];
  if (override !== undefined) return override;
  if (error.code === 'no-gateway') {
    const protocols = (error.details as { protocols?: unknown }).protocols;
    const onlyEmail = Array.isArray(protocols) && protocols.length > 0 && protocols.every((p) => p === 'email');
    return i18next.t(onlyEmail ? 'common:error.no-gateway-email' : 'common:error.no-gateway-sms');
  }
  if ((MODEM_PROBLEM_CODES as readonly string[]).includes(error.code)) return problemWords(i18next.t, 'modem', { code: error.code });
  const issues = validationIssues(error);
  if (issues.length > 0) return issues.map((i) => i.message).join(' ');
  const key = ERROR_KEYS[error.code];
  if (key) return i18next.t(key);
  return error.message.trim() !== '' ? error.message : i18next.t('common:error.generic', { message: error.code });
}
