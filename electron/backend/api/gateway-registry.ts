/**
 * Gateways added while the backend runs (the demo modem): added to the dispatcher here, and
 * announced, so bindEvents also forwards the new gateway's status changes. Keyed by the
 * dispatcher, so handlers and event binding made separately for one backend still meet.
 */
import type { Backend } from '../create-backend.ts';
import type { OutboxDispatcher } from '../dispatcher.ts';
import type { Gateway } from '../gateways/gateway.ts';

type GatewayAddedListener = (gateway: Gateway) => void;

const listenersByDispatcher = new WeakMap<OutboxDispatcher, Set<GatewayAddedListener>>();

/**
 * Adds a gateway to the running backend and tells every onGatewayAdded listener.
 * @throws Error if a gateway with that id is already there (from the dispatcher).
 */
export function addGateway(backend: Backend, gateway: Gateway): void {
  backend.dispatcher.addGateway(gateway);
  for (const listener of [...(listenersByDispatcher.get(backend.dispatcher) ?? [])]) listener(gateway);
}

/** @returns unsubscribe */
export function onGatewayAdded(backend: Backend, listener: GatewayAddedListener): () => void {
  let set = listenersByDispatcher.get(backend.dispatcher);
  if (!set) listenersByDispatcher.set(backend.dispatcher, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Finds a gateway by id, or undefined. */
export function findGateway(backend: Backend, id: string): Gateway | undefined {
  return backend.gateways().find((g) => g.id === id);
}
