/**
 * The contract's boundary for a full disk (docs/ARCHITECTURE.md "Field survival": full disk).
 * Writes through Store.transaction already fail with DiskFullError; a few single statements run
 * outside one (marking a conversation read, an unreadable PDU), so every handler's error passes
 * through here too: "no space" in any form leaves as code `disk-full`, never as `internal`, and
 * the storage monitor learns of it.
 */
import type { Handlers } from '../../../src-shared/contract/commands.ts';
import type { CallerSession } from '../../../src-shared/contract/access.ts';
import type { StorageMonitor } from '../disk/storage-monitor.ts';
import { asDiskFull, DiskFullError } from '../store/disk-full.ts';

/** `handlers` with every error that means a full disk turned into DiskFullError. */
export function guardDiskFull(handlers: Handlers, storage: StorageMonitor): Handlers {
  const guarded: Record<string, (params: never, caller?: CallerSession) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[string, (params: never, caller?: CallerSession) => unknown]>) {
    guarded[name] = async (params, caller) => {
      try {
        return await handler(params, caller);
      } catch (error) {
        const typed = asDiskFull(error, storage.dataDir, storage.spaceLow());
        if (typed instanceof DiskFullError && typed !== error) storage.writeFailed(typed);
        throw typed;
      }
    };
  }
  return guarded as unknown as Handlers;
}
