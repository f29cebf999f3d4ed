/**
 * The backend's events -> the contract's Events, for a host to fan out (rpc.emit). Gateways
 * added later (the demo modem, through gateway-registry.ts) are followed too.
 */
import type { EventName, Events } from '../../../src-shared/contract/commands.ts';
import type { Backend } from '../create-backend.ts';
import type { Gateway } from '../gateways/gateway.ts';
import { onGatewayAdded } from './gateway-registry.ts';
import { gatewayView } from './gateway-view.ts';

export type EmitEvent = <E extends EventName>(event: E, payload: Events[E]) => void;

/** How much of an incoming message the notification shows, in characters (not UTF-16 units). */
export const INCOMING_PREVIEW_CHARACTERS = 100;

function preview(text: string): string {
  const characters = Array.from(text);
  return characters.length <= INCOMING_PREVIEW_CHARACTERS ? text : characters.slice(0, INCOMING_PREVIEW_CHARACTERS).join('');
}

/**
 * Forwards dispatcher status changes ('message.status'), incoming messages ('message.incoming'),
 * every gateway's status ('gateway.status', as a GatewayView) and crash recovery ('recovery').
 * A throwing `emit` is swallowed: a broken connection must never break a gateway or the
 * dispatcher.
 * @returns unbind: stops every forwarding.
 */
export function bindEvents(backend: Backend, emit: EmitEvent): () => void {
  const safeEmit: EmitEvent = (event, payload) => {
    try {
      emit(event, payload);
    } catch {
      // The host's transport reports its own failures.
    }
  };
  const unbinders: Array<() => void> = [];
  const followed = new Map<string, () => void>();
  const follow = (gateway: Gateway) => {
    if (followed.has(gateway.id)) return;
    followed.set(
      gateway.id,
      gateway.onStatus(() => {
        // Runs inside the gateway's own state change: nothing here may throw into it.
        try {
          safeEmit('gateway.status', gatewayView(backend, gateway));
        } catch {
          // The database went away mid-shutdown; the next status will be announced.
        }
      }),
    );
  };

  unbinders.push(backend.dispatcher.onStatus((event) => safeEmit('message.status', event)));
  unbinders.push(
    backend.messaging.onIncoming((m) =>
      safeEmit('message.incoming', { messageId: m.messageId, conversationId: m.conversationId, from: m.from, protocol: m.protocol, preview: preview(m.text), receivedAt: m.receivedAt }),
    ),
  );
  unbinders.push(backend.dispatcher.onRecovery((summary) => safeEmit('recovery', summary)));
  // A daily cap reached or lifted changes the panel (GatewayView.dailyLimit), not the gateway.
  unbinders.push(
    backend.dispatcher.onDailyCap(({ gatewayId }) => {
      const gateway = backend.gateways().find((g) => g.id === gatewayId);
      if (gateway) safeEmit('gateway.status', gatewayView(backend, gateway));
    }),
  );
  for (const gateway of backend.gateways()) follow(gateway);
  unbinders.push(onGatewayAdded(backend, follow));

  return () => {
    for (const unbind of unbinders) unbind();
    for (const unfollow of followed.values()) unfollow();
    unbinders.length = 0;
    followed.clear();
  };
}
