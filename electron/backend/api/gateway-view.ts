/**
 * A gateway as the gateway panel shows it: its live status plus what the database knows of it
 * (label, saved, enabled, queue, today's count, cap). A saved gateway that is disabled has no
 * running gateway: its view is built from its row.
 */
import type { GatewayView, GatewayViewExtras } from '../../../src-shared/contract/dto.ts';
import type { GatewayStatus, ModemGatewayStatus } from '../../../src-shared/model.ts';
import type { Backend } from '../create-backend.ts';
import { defaultModemLabel } from '../gateways/gateway-manager.ts';
import type { Gateway } from '../gateways/gateway.ts';
import type { GatewayConfigRecord } from '../store/repositories/gateway-config-repository.ts';

/** The built-in simulated modem's gateway id (the headless host uses the same). */
export const DEMO_GATEWAY_ID = 'demo-modem';

function labelOf(status: GatewayStatus, record: GatewayConfigRecord | undefined): string {
  if (record?.label) return record.label;
  if (status.kind === 'email') return status.detail.server;
  return defaultModemLabel({ lastPath: status.detail.port }, status.detail.model, status.detail.manufacturer);
}

function extras(backend: Backend, status: GatewayStatus, record: GatewayConfigRecord | undefined): GatewayViewExtras {
  // A gateway announces "stopped" while the backend shuts down, after which the database may
  // be closed: the view then carries the status alone.
  const open = backend.store.isOpen;
  const id = status.id;
  return {
    label: labelOf(status, record),
    saved: record !== undefined,
    enabled: record?.enabled ?? true,
    queueLength: open ? backend.dispatcher.pendingCount(id) : 0,
    sentToday: open ? backend.dispatcher.sentToday(id) : 0,
    lastError: open ? backend.store.statusLog.lastSendError(id) : null,
    demo: id === DEMO_GATEWAY_ID,
    dailyCap: open ? backend.dispatcher.dailyCap(id) : null,
    dailyCapReached: open ? backend.dispatcher.dailyCapReached(id) : false,
  };
}

export function gatewayView(backend: Backend, gateway: Gateway): GatewayView {
  const status = gateway.status();
  const record = backend.store.isOpen ? backend.manager.record(gateway.id) : undefined;
  return { ...status, detail: { ...status.detail }, ...extras(backend, status, record) } as GatewayView;
}

/** A saved modem that is not running (disabled): what its row knows. */
export function savedModemView(backend: Backend, record: GatewayConfigRecord): GatewayView {
  const status: ModemGatewayStatus = {
    id: record.id,
    protocol: 'sms',
    kind: 'modem',
    state: 'stopped',
    problem: record.enabled ? null : { code: 'disabled' },
    detail: {
      port: record.lastPath ?? '',
      profile: record.profile,
      manufacturer: null,
      model: null,
      revision: null,
      imei: record.imei,
      operator: null,
      signalDbm: null,
      signalBars: null,
      registration: null,
      sim: null,
      smsMode: null,
      serviceCentre: null,
      undecodableOnSim: 0,
    },
  };
  return { ...status, ...extras(backend, status, record) };
}

/** Every gateway the panel lists: saved ones in the order they were saved (running or not), then this run's. */
export function gatewayViews(backend: Backend): GatewayView[] {
  const running = new Map(backend.gateways().map((g) => [g.id, g]));
  const views: GatewayView[] = [];
  for (const record of backend.manager.records()) {
    const gateway = running.get(record.id);
    running.delete(record.id);
    if (gateway) views.push(gatewayView(backend, gateway));
    else if (record.kind === 'modem') views.push(savedModemView(backend, record));
  }
  for (const gateway of running.values()) views.push(gatewayView(backend, gateway));
  return views;
}

/** The view of one gateway by id, running or saved. @returns undefined when there is none. */
export function findGatewayView(backend: Backend, id: string): GatewayView | undefined {
  const gateway = backend.gateways().find((g) => g.id === id);
  if (gateway) return gatewayView(backend, gateway);
  const record = backend.manager.record(id);
  return record?.kind === 'modem' ? savedModemView(backend, record) : undefined;
}

/** A running modem gateway's status, or undefined. */
export function modemGatewayStatus(backend: Backend, id: string): ModemGatewayStatus | undefined {
  const status = backend.gateways().find((g) => g.id === id)?.status();
  return status?.kind === 'modem' ? status : undefined;
}
