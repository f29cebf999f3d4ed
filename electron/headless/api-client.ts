/**
 * A small client of the headless host's HTTP API for other Ujumbe processes of the same user:
 * `ujumbe send` uses it to hand a message to a running host. It finds the host through
 * server.json and trusts it only once /api/v1/health answers with the token.
 */
import type { StorageStatusDto } from '../../src-shared/contract/storage.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import type { RecipientStatus } from '../../src-shared/model.ts';
import { processExists, readServerInfo, type ServerInfo } from './server-info.ts';

/** An error the API answered with: its HTTP status and the `{ code, message, details }` body. */
export class ApiError extends UjumbeError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

export interface ApiSendReceipt {
  id: number;
  recipients: Array<{ id: number; address: string; status: RecipientStatus }>;
}

export interface ApiMessage {
  id: number;
  recipients: Array<{
    id: number;
    address: string;
    protocol: string;
    status: RecipientStatus;
    error: string | null;
    references: string[];
    flags: string[];
    reportOverdue: boolean;
  }>;
}

export interface ApiHealth {
  status: 'ok';
  version: string;
  gateways: number;
  running: number;
  /** The data folder's disk (absent from hosts older than this field). */
  storage?: Pick<StorageStatusDto, 'state' | 'freeBytes' | 'lowSpaceBytes' | 'checkedAt'>;
}

export interface HeadlessApiClient {
  readonly info: ServerInfo;
  health(): Promise<ApiHealth>;
  sendMessage(body: { to: string[]; text: string; subject?: string; statusReport?: boolean; sendAt?: string; automated?: boolean }): Promise<ApiSendReceipt>;
  getMessage(id: number): Promise<ApiMessage>;
}

export function createApiClient(info: ServerInfo, options: { timeoutMs?: number } = {}): HeadlessApiClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = new URL('api/v1/', info.url);

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, base), {
      method,
      headers: { Authorization: `Bearer ${info.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: reported below with the status.
    }
    if (!response.ok) {
      const e = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
      throw new ApiError(
        response.status,
        typeof e?.code === 'string' ? e.code : `http-${response.status}`,
        typeof e?.message === 'string' ? e.message : `The running Ujumbe answered HTTP ${response.status}.`,
        typeof e?.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {},
      );
    }
    return parsed as T;
  }

  return {
    info,
    health: () => request<ApiHealth>('GET', 'health'),
    sendMessage: (body) => request<ApiSendReceipt>('POST', 'messages', body),
    getMessage: (id) => request<ApiMessage>('GET', `messages/${id}`),
  };
}

/**
 * The host running on this data folder, or null: no server.json, a dead process, or a host
 * that does not answer /health with the token (a stale file from a crash) all count as none.
 * Never throws.
 */
export async function findRunningHost(dataDir: string, options: { timeoutMs?: number } = {}): Promise<HeadlessApiClient | null> {
  const info = readServerInfo(dataDir);
  if (info === null || !processExists(info.pid)) return null;
  const client = createApiClient(info, { timeoutMs: options.timeoutMs ?? 2_000 });
  try {
    const health = await client.health();
    return health?.status === 'ok' ? createApiClient(info) : null;
  } catch {
    return null;
  }
}
