/**
 * Gateways and modem detection as the backend last reported them: `gateways.list` and
 * `gateways.discovery`, kept current by `gateway.status` / `gateway.added` / `gateway.removed` /
 * `gateway.discovery` (applied in app/sync.ts). The header, Compose and the Outbox read it to say
 * whether SMS can go (state/sms-readiness.ts); the Gateways screen calls `apply(view)` with what
 * its commands returned so everything stays in step.
 *
 * A list is a snapshot taken when the backend answered; an event that arrives while it is on its
 * way is newer, so `load` keeps what events said about a gateway meanwhile (and leaves out one
 * removed meanwhile), and `loadDiscovery` drops its answer if an event came first.
 */
import { create } from 'zustand';
import type { DiscoveryDto, GatewayView } from '../../src-shared/contract/dto.ts';
import type { RpcClient, RpcError } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';

interface GatewaysState {
  gateways: GatewayView[];
  /** True once a gateways.list answered. */
  loaded: boolean;
  /** What detection tried and found; null until gateways.discovery answered. */
  discovery: DiscoveryDto | null;
  /** Why gateways.discovery could not be read, until it is. */
  discoveryError: RpcError | null;
  /** Loads the list and what detection found; resolves to the list's error, if it failed. */
  load: (client: RpcClient) => Promise<RpcError | null>;
  loadDiscovery: (client: RpcClient) => Promise<RpcError | null>;
  apply: (view: GatewayView) => void;
  remove: (id: string) => void;
  setDiscovery: (discovery: DiscoveryDto) => void;
  reset: () => void;
}

/** What events said while a gateways.list was on its way (one tracker per list in flight). */
interface Tracker {
  updated: Set<string>;
  removed: Set<string>;
}
const inFlight = new Set<Tracker>();
/** Counts discovery updates, so an older gateways.discovery answer never overwrites an event. */
let discoveryVersion = 0;

export const useGateways = create<GatewaysState>()((set, get) => ({
  gateways: [],
  loaded: false,
  discovery: null,
  discoveryError: null,
  async load(client) {
    const tracker: Tracker = { updated: new Set(), removed: new Set() };
    inFlight.add(tracker);
    const [outcome] = await Promise.all([callCommand(client, 'gateways.list', {}).finally(() => inFlight.delete(tracker)), get().loadDiscovery(client)]);
    if (!outcome.ok) return outcome.error;
    const current = get().gateways;
    const listed = outcome.result.filter((g) => !tracker.removed.has(g.id)).map((g) => (tracker.updated.has(g.id) ? (current.find((c) => c.id === g.id) ?? g) : g));
    for (const g of current) if (tracker.updated.has(g.id) && !listed.some((l) => l.id === g.id)) listed.push(g);
    set({ gateways: listed, loaded: true });
    return null;
  },
  async loadDiscovery(client) {
    const version = discoveryVersion;
    const outcome = await callCommand(client, 'gateways.discovery', {});
    if (!outcome.ok) {
      set({ discoveryError: outcome.error });
      return outcome.error;
    }
    if (version === discoveryVersion) get().setDiscovery(outcome.result);
    return null;
  },
  apply(view) {
    for (const t of inFlight) {
      t.updated.add(view.id);
      t.removed.delete(view.id);
    }
    set((s) => {
      const i = s.gateways.findIndex((g) => g.id === view.id);
      return { gateways: i === -1 ? [...s.gateways, view] : s.gateways.map((g, j) => (j === i ? view : g)) };
    });
  },
  remove(id) {
    for (const t of inFlight) {
      t.removed.add(id);
      t.updated.delete(id);
    }
    set((s) => ({ gateways: s.gateways.filter((g) => g.id !== id) }));
  },
  setDiscovery(discovery) {
    discoveryVersion++;
    set({ discovery, discoveryError: null });
  },
  reset: () => {
    inFlight.clear();
    set({ gateways: [], loaded: false, discovery: null, discoveryError: null });
  },
}));
