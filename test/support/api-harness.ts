/**
 * The contract end to end for unit tests: a real backend (in-memory SQLite, a fake clock,
 * scripted gateways), the handlers every host binds, the RPC server, the in-memory transport
 * pair and the typed client — no Electron, no sockets (docs/ARCHITECTURE.md "Habits": dumb transports).
 */
import { EVENT_NAMES, type EventName, type Events } from '../../src-shared/contract/commands.ts';
import { createMemoryTransportPair, createRpcClient, type RpcClient, type RpcServer } from '../../src-shared/rpc/index.ts';
import { bindEvents } from '../../electron/backend/api/bind-events.ts';
import { createBackendRpcServer, type HandlerOptions } from '../../electron/backend/api/create-handlers.ts';
import { type Backend, type BackendOptions, createBackend } from '../../electron/backend/create-backend.ts';
import type { SecretStore } from '../../electron/backend/gateways/email/secret-store.ts';
import type { Gateway } from '../../electron/backend/gateways/gateway.ts';
import { FakeClock } from './fake-clock.ts';
import { ScriptedGateway } from './scripted-gateway.ts';

export interface ApiHarness {
  backend: Backend;
  server: RpcServer;
  client: RpcClient;
  clock: FakeClock;
  /** The default SMS gateway ("modem-1"), unless `gateways` replaced it. */
  modem: ScriptedGateway;
  /** Every event the client heard, in order. */
  heard: Array<{ event: EventName; payload: unknown }>;
  /** Resolves with the first event of that name that matches. */
  nextEvent<E extends EventName>(event: E, match?: (payload: Events[E]) => boolean): Promise<Events[E]>;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  gateways?: Gateway[];
  handlerOptions?: Partial<HandlerOptions>;
  /** Start the backend (dispatcher and gateways) before the first call. Default true. */
  start?: boolean;
  /** More createBackend options (secret store, e-mail transport). */
  backend?: Partial<BackendOptions>;
}

/** Seals by wrapping (tests only): what is sealed is not the plain text, and opens back. */
export const testSecretStore: SecretStore = {
  protection: 'key-file',
  seal: (plain) => `sealed:${Buffer.from(plain, 'utf8').toString('base64')}`,
  open: (sealed) => Buffer.from(sealed.slice('sealed:'.length), 'base64').toString('utf8'),
};

export async function makeApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const clock = new FakeClock();
  const modem = new ScriptedGateway({ id: 'modem-1' });
  const backend = createBackend({ databasePath: ':memory:', gateways: options.gateways ?? [modem], clock, timers: clock, detection: false, secretStore: testSecretStore, ...options.backend });
  // The hosts' own server: the role check and the event gate as in the desktop app and `serve`.
  const server = createBackendRpcServer(backend, { host: 'headless', version: '0.0.0-test', dataDir: '/tmp/ujumbe-test', ...options.handlerOptions });
  const unbind = bindEvents(backend, server.emit);
  const [clientEnd, serverEnd] = createMemoryTransportPair();
  server.serve(serverEnd);
  const client = createRpcClient(clientEnd, { timeoutMs: 10_000 });
  const heard: ApiHarness['heard'] = [];
  for (const event of EVENT_NAMES) client.on(event, (payload) => heard.push({ event, payload }));
  if (options.start !== false) await backend.start();

  return {
    backend,
    server,
    client,
    clock,
    modem,
    heard,
    nextEvent(event, match) {
      return new Promise((resolve) => {
        const off = client.on(event, (payload) => {
          if (match && !match(payload)) return;
          off();
          resolve(payload);
        });
      });
    },
    async close() {
      client.close();
      unbind();
      // The stop deadline runs on the fake timers: fire it, so a held send cannot hang the test.
      const stopping = backend.stop({ deadlineMs: 0 });
      clock.advance(0);
      await stopping;
    },
  };
}

/** The rejection of a call, for `expect(...).toMatchObject({ code })`. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('the call succeeded');
}
