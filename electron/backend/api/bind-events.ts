/**
 * The backend's events -> the contract's Events, for a host to fan out (rpc.emit). Gateways the
 * GatewayManager adds later (adopted, enabled, the demo modem) are followed too.
 */
import { consentDto } from './consent.ts';
import type { EventName, Events } from '../../../src-shared/contract/commands.ts';
import type { Backend } from '../create-backend.ts';
import type { Gateway } from '../gateways/gateway.ts';
import { findGatewayView, gatewayView } from './gateway-view.ts';

export type EmitEvent = <E extends EventName>(event: E, payload: Events[E]) => void;

/** How much of an incoming message the notification shows, in characters (not UTF-16 units). */
export const INCOMING_PREVIEW_CHARACTERS = 100;

/** Ids a `messages.deleted` event lists at most (a retention slice may delete more: then `truncated`, and screens reload). */
export const DELETED_IDS_ANNOUNCED = 1_000;

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
  unbinders.push(backend.appointments.onChanged(({ ids }) => safeEmit('appointment.changed', { ids: [...ids] })));
  unbinders.push(backend.replies.onAttentionChanged(({ open }) => safeEmit('attention.changed', { open })));
  unbinders.push(backend.consent.onChanged(({ consent, contactId }) => safeEmit('consent.changed', consentDto(consent, contactId))));
  // A deletion (by hand or a retention slice): screens drop what went, and "Needs attention" may have lost replies.
  unbinders.push(
    backend.deletion.onDeleted((d) => {
      const truncated = d.messageIds.length > DELETED_IDS_ANNOUNCED || d.conversationIds.length > DELETED_IDS_ANNOUNCED;
      safeEmit('messages.deleted', {
        messageIds: d.messageIds.slice(0, DELETED_IDS_ANNOUNCED),
        conversationIds: d.conversationIds.slice(0, DELETED_IDS_ANNOUNCED),
        contactId: d.contactId,
        truncated,
      });
      if (backend.store.isOpen) safeEmit('attention.changed', { open: backend.store.attention.countOpen() });
    }),
  );
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
  // The data folder's disk: full, low on space, fine again (disk/storage-monitor.ts).
  unbinders.push(backend.storage.onChange((status) => safeEmit('storage.status', status)));
  // A daily cap reached or lifted changes the panel (GatewayView.dailyLimit), not the gateway.
  unbinders.push(
    backend.dispatcher.onDailyCap(({ gatewayId }) => {
      const gateway = backend.gateways().find((g) => g.id === gatewayId);
      if (gateway) safeEmit('gateway.status', gatewayView(backend, gateway));
    }),
  );
  for (const gateway of backend.gateways()) follow(gateway);
  const onAdded = (gateway: Gateway) => {
    follow(gateway);
    safeEmit('gateway.added', gatewayView(backend, gateway));
  };
  const onRemoved = ({ id }: { id: string }) => {
    followed.get(id)?.();
    followed.delete(id);
    // A disabled gateway is still listed (from its row); a forgotten or removed one is gone.
    const still = backend.store.isOpen ? findGatewayView(backend, id) : undefined;
    if (still) safeEmit('gateway.status', still);
    else safeEmit('gateway.removed', { id });
  };
  const onChanged = ({ id }: { id: string }) => {
    const view = findGatewayView(backend, id);
    if (view) safeEmit('gateway.status', view);
  };
  backend.manager.on('added', onAdded);
  backend.manager.on('removed', onRemoved);
  backend.manager.on('changed', onChanged);
  unbinders.push(() => {
    backend.manager.off('added', onAdded);
    backend.manager.off('removed', onRemoved);
    backend.manager.off('changed', onChanged);
  });
  if (backend.detection) {
    const detection = backend.detection;
    const onDiscovery = (report: Events['gateway.discovery']) => safeEmit('gateway.discovery', report);
    detection.on('change', onDiscovery);
    unbinders.push(() => detection.off('change', onDiscovery));
  }

  return () => {
    for (const unbind of unbinders) unbind();
    for (const unfollow of followed.values()) unfollow();
    unbinders.length = 0;
    followed.clear();
  };
}
