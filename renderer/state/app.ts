/** Shell-wide state: the connection to the backend and the start-up recovery notice. */
import { create } from 'zustand';
import type { StorageStatusDto } from '../../src-shared/contract/storage.ts';
import type { RecoverySummary } from '../../src-shared/model.ts';
import type { ConnectionState } from '../host/connect.ts';

/**
 * How the renderer's link to the backend stands (host/connect.ts owns the states).
 * `unauthorised`: the headless host refused the token (the page was opened without the link
 * Ujumbe printed).
 */
export type { ConnectionState };

interface AppState {
  connection: ConnectionState;
  recovery: RecoverySummary | null;
  /** The data folder's disk (app.info, then `storage.status` events); null until known. */
  storage: StorageStatusDto | null;
  setStorage: (status: StorageStatusDto | null) => void;
  setConnection: (state: ConnectionState) => void;
  setRecovery: (summary: RecoverySummary | null) => void;
  reset: () => void;
}

export const useAppState = create<AppState>()((set) => ({
  connection: 'connecting',
  recovery: null,
  storage: null,
  setStorage: (storage) => set({ storage }),
  setConnection: (connection) => set({ connection }),
  setRecovery: (recovery) => set({ recovery: recovery && recovery.recovered > 0 ? recovery : null }),
  reset: () => set({ connection: 'connecting', recovery: null, storage: null }),
}));
