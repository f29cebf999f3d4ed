/** A gateway as the gateway panel shows it: its own status plus what the database knows of it. */
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import type { Backend } from '../create-backend.ts';
import type { Gateway } from '../gateways/gateway.ts';

/** The built-in simulated modem's gateway id (the headless host uses the same). */
export const DEMO_GATEWAY_ID = 'demo-modem';

export function gatewayView(backend: Backend, gateway: Gateway): GatewayView {
  const status = gateway.status();
  // A gateway announces "stopped" while the backend shuts down, after which the database may
  // be closed: the view then carries the status alone.
  const open = backend.store.isOpen;
  return {
    id: status.id,
    protocol: status.protocol,
    kind: status.kind,
    state: status.state,
    problem: status.problem,
    detail: { ...status.detail },
    queueLength: open ? backend.dispatcher.pendingCount(gateway.id) : 0,
    sentToday: open ? backend.dispatcher.sentToday(gateway.id) : 0,
    lastError: open ? backend.store.statusLog.lastSendError(gateway.id) : null,
    demo: gateway.id === DEMO_GATEWAY_ID,
    dailyCap: open ? backend.dispatcher.dailyCap(gateway.id) : null,
    dailyLimit: open ? backend.dispatcher.dailyCapNotice(gateway.id) : null,
  };
}
