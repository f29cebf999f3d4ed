/** What travels over every transport: requests, responses and events, as plain JSON. */
import type { ErrorData } from '../errors.ts';

export interface RequestEnvelope {
  type: 'request';
  id: number;
  command: string;
  params: unknown;
}

export type ResponseEnvelope =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: ErrorData };

export interface EventEnvelope {
  type: 'event';
  event: string;
  payload: unknown;
}

export type Envelope = RequestEnvelope | ResponseEnvelope | EventEnvelope;

/**
 * Reads an envelope from untrusted input (a WebSocket frame, an IPC payload).
 * Returns null for anything that is not one: the caller drops it (and may log it).
 */
export function parseEnvelope(value: unknown): Envelope | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.type === 'request') {
    return Number.isSafeInteger(v.id) && typeof v.command === 'string' && v.command.length <= 100
      ? { type: 'request', id: v.id as number, command: v.command, params: v.params }
      : null;
  }
  if (v.type === 'response') {
    if (!Number.isSafeInteger(v.id)) return null;
    if (v.ok === true) return { type: 'response', id: v.id as number, ok: true, result: v.result };
    const e = v.error as Record<string, unknown> | undefined;
    if (v.ok === false && e && typeof e.code === 'string' && typeof e.message === 'string') {
      return { type: 'response', id: v.id as number, ok: false, error: { code: e.code, message: e.message, ...(e.details && typeof e.details === 'object' ? { details: e.details as Record<string, unknown> } : {}) } };
    }
    return null;
  }
  if (v.type === 'event' && typeof v.event === 'string') return { type: 'event', event: v.event, payload: v.payload };
  return null;
}
