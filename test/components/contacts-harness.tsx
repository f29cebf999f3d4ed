/**
 * Test harness for the Contacts, Gateways and Settings screens: the real RPC client and server
 * over the in-memory transport pair, so every call a screen makes is validated against the
 * contract's schemas exactly as the backend would, with stub handlers behind it.
 * (Named contacts-* only because of which files this work may touch; all three screens use it.)
 */
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { CommandName, CommandResult, EventName, Events, Handlers, ParsedParams } from '../../src-shared/contract/commands.ts';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import type { EmailDetail, ModemDetail } from '../../src-shared/model.ts';
import { schemas } from '../../src-shared/contract/schemas.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { createMemoryTransportPair, createRpcClient, createRpcServer } from '../../src-shared/rpc/index.ts';
import { ClientProvider } from '../../renderer/app/client-context.tsx';
import { subscribeGatewayEvents } from '../../renderer/app/sync.ts';
import { initI18n } from '../../renderer/i18n/index.ts';
import { useGateways } from '../../renderer/state/gateways.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { useToasts } from '../../renderer/state/toasts.ts';
import type { ModemView } from '../../renderer/state/sms-readiness.ts';
import { ToastViewport } from '../../renderer/ui/index.ts';
import { BACKUPS_OFF, EMPTY_DISCOVERY } from './harness.tsx';

export type Stubs = { [K in CommandName]?: (params: ParsedParams<K>) => CommandResult<K> | Promise<CommandResult<K>> };

export interface Call {
  command: CommandName;
  params: unknown;
}

// One settings fixture for every component test.
export { SETTINGS, EMPTY_DISCOVERY } from './harness.tsx';

type EmailView = Extract<GatewayView, { kind: 'email' }>;

/** A saved, running Huawei E173 on /dev/ttyUSB2 (codes only: the renderer words them). */
export function gatewayView(overrides: Partial<Omit<ModemView, 'detail'>> & { detail?: Partial<ModemDetail> } = {}): ModemView {
  const { detail, ...rest } = overrides;
  return {
    id: 'modem:356789012345678',
    protocol: 'sms',
    kind: 'modem',
    state: 'running',
    problem: null,
    label: 'Huawei E173',
    saved: true,
    enabled: true,
    queueLength: 3,
    sentToday: 42,
    lastError: null,
    demo: false,
    dailyCap: null,
    dailyCapReached: false,
    ...rest,
    detail: {
      port: '/dev/ttyUSB2',
      profile: 'huawei',
      manufacturer: 'huawei',
      model: 'E173',
      revision: null,
      imei: '356789012345678',
      operator: 'Safaricom',
      signalDbm: -73,
      signalBars: 4,
      registration: 'home',
      sim: 'ready',
      smsMode: 'pdu',
      serviceCentre: true,
      undecodableOnSim: 0,
      ...detail,
    },
  };
}

/** The e-mail gateway, running. */
export function emailView(overrides: Partial<Omit<EmailView, 'detail'>> & { detail?: Partial<EmailDetail> } = {}): EmailView {
  const { detail, ...rest } = overrides;
  return {
    id: 'email',
    protocol: 'email',
    kind: 'email',
    state: 'running',
    problem: null,
    label: 'E-mail',
    saved: true,
    enabled: true,
    queueLength: 0,
    sentToday: 0,
    lastError: null,
    demo: false,
    dailyCap: null,
    dailyCapReached: false,
    ...rest,
    detail: { server: 'mail.example.org:587', security: 'starttls', lastFailure: null, ...detail },
  };
}

/**
 * A screen over the contract, with the stubs given; detection answers "nothing found yet" unless
 * stubbed. Gateway events reach the gateways store as the shell's sync applies them.
 */
export function setupScreen(given: Stubs) {
  initI18n('en');
  // Every Settings screen asks how the data is protected (DataProtection.tsx): encrypted, key file.
  // And its "Users and sign-in" and "API keys" panels list what there is (issue 13): nothing yet.
  const stubs: Stubs = {
    'gateways.discovery': () => EMPTY_DISCOVERY,
    'security.status': () => ({ encrypted: true, protection: 'key-file', recoveryCodePending: false }),
    'users.list': () => ({ items: [] }),
    'apiKeys.list': () => ({ items: [] }),
    // And its "Backups" panel (Backups.tsx): off, as in a new data folder.
    'backups.status': () => BACKUPS_OFF,
    ...given,
  };
  const calls: Call[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(schemas) as CommandName[]).map((command) => [
      command,
      async (params: unknown) => {
        calls.push({ command, params });
        const stub = stubs[command] as ((p: unknown) => unknown) | undefined;
        if (!stub) throw new UjumbeError('not-stubbed', `The test has no stub for ${command}.`);
        return stub(params);
      },
    ]),
  ) as unknown as Handlers;
  const server = createRpcServer({ handlers });
  const [clientEnd, serverEnd] = createMemoryTransportPair();
  server.serve(serverEnd);
  const client = createRpcClient(clientEnd, { timeoutMs: 5_000 });
  unsubscribers.push(subscribeGatewayEvents(client));
  return {
    client,
    calls,
    /** Parameters of every call of one command, after the contract parsed them. */
    callsOf<K extends CommandName>(command: K): Array<ParsedParams<K>> {
      return calls.filter((c) => c.command === command).map((c) => c.params as ParsedParams<K>);
    },
    emit<E extends EventName>(event: E, payload: Events[E]) {
      server.emit(event, payload);
    },
    render(ui: ReactElement) {
      return render(
        <ClientProvider client={client}>
          {ui}
          <ToastViewport />
        </ClientProvider>,
      );
    },
  };
}

/** After each test: unmount, and empty the shell's stores so tests do not leak into each other. */
const unsubscribers: Array<() => void> = [];

export function resetScreens(): void {
  cleanup();
  for (const off of unsubscribers.splice(0)) off();
  useToasts.getState().clear();
  useSettings.getState().reset();
  useGateways.getState().reset();
}
