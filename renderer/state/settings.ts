/**
 * The clinic's settings as last read from (or saved to) the backend. Compose validates chips
 * with `protocolSettings` (default country, max parts); the shell follows `language`.
 * The Settings screen calls `useSettings.getState().set(dto)` after `settings.update`.
 */
import { create } from 'zustand';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import { DEFAULT_PROTOCOL_SETTINGS, type ProtocolSettings } from '../../src-shared/protocols/settings.ts';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import { callCommand } from '../app/call.ts';
import { errorWords } from '../app/errors.ts';
import { toast } from './toasts.ts';

interface SettingsState {
  settings: SettingsDto | null;
  protocol: ProtocolSettings;
  set: (settings: SettingsDto) => void;
  load: (client: RpcClient) => Promise<void>;
  reset: () => void;
}

export const useSettings = create<SettingsState>()((set) => ({
  settings: null,
  protocol: DEFAULT_PROTOCOL_SETTINGS,
  set: (settings) => set({ settings, protocol: { defaultCountry: settings.defaultCountry, maxSmsParts: settings.maxSmsParts } }),
  async load(client) {
    const outcome = await callCommand(client, 'settings.get', {});
    if (outcome.ok) useSettings.getState().set(outcome.result);
    else toast.error(errorWords(outcome.error));
  },
  reset: () => set({ settings: null, protocol: DEFAULT_PROTOCOL_SETTINGS }),
}));
