/**
 * Gateways as the backend last reported them (`gateways.list`, then `gateway.status` events).
 * The header reads it to say in words why nothing is being sent; the Gateways screen may use
 * `apply(view)` after start/stop calls so both stay in step.
 */
import { create } from 'zustand';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';

interface GatewaysState {
  gateways: GatewayView[];
  loaded: boolean;
  load: (client: RpcClient) => Promise<void>;
  apply: (view: GatewayView) => void;
  reset: () => void;
}

export const useGateways = create<GatewaysState>()((set) => ({
  gateways: [],
  loaded: false,
  async load(client) {
    const outcome = await callCommand(client, 'gateways.list', {});
    // A failure here is shown by the Gateways screen; the header simply says nothing.
    if (outcome.ok) set({ gateways: outcome.result, loaded: true });
  },
  apply(view) {
    set((s) => {
      const i = s.gateways.findIndex((g) => g.id === view.id);
      const gateways = i === -1 ? [...s.gateways, view] : s.gateways.map((g, j) => (j === i ? view : g));
      return { gateways };
    });
  },
  reset: () => set({ gateways: [], loaded: false }),
}));
