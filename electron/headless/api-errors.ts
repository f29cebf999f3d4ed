/**
 * How errors look on the HTTP API: `{ "error": { code, message, details } }`, the same data the
 * WebSocket carries (docs/ARCHITECTURE.md "Habits": errors as data), with an HTTP status chosen from the code.
 */
import type { ErrorData } from '../../src-shared/errors.ts';

/** An HTTP-level problem found before the RPC server was asked (bad JSON, no token, ...). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Status per error code; anything unlisted is a 500. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'validation': 400,
  'invalid-params': 400,
  'bad-json': 400,
  'body-too-large': 400,
  'bad-request': 400,
  'not-supported': 400,
  'unauthorised': 401,
  // A key or token the contract's role check refused (backend/api/access-guard.ts).
  'sign-in-required': 401,
  'sign-in-failed': 401,
  'forbidden': 403,
  'not-found': 404,
  'unknown-route': 404,
  'unknown-command': 404,
  'method-not-allowed': 405,
  // The body did not arrive in time (http-server.ts HTTP_TIMEOUTS.bodyMs); the connection is closed.
  'request-timeout': 408,
  'status-conflict': 409,
  'conflict': 409,
  'no-gateway': 409,
  'not-available': 409,
  // A whole-send action with nothing to act on (scheduled-sends.ts, message-actions.ts).
  'nothing-scheduled': 409,
  'nothing-to-retry': 409,
  'nothing-waiting': 409,
  'unsupported-media-type': 415,
  'sign-in-throttled': 429,
  // RFC 4918 §11.5 Insufficient Storage: the data folder's disk is full; nothing was saved
  // (store/disk-full.ts). A caller may try again once space is freed.
  'disk-full': 507,
  'internal': 500,
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}

/** The one shape of every error body. */
export function errorBody(error: ErrorData): { error: { code: string; message: string; details: Record<string, unknown> } } {
  return { error: { code: error.code, message: error.message, details: error.details ?? {} } };
}
