/**
 * The system's folder and file chooser, where the host has one (the desktop app's bridge:
 * electron/main/path-chooser.ts); null in the browser, where a path is typed. The answer is
 * untrusted until checked: a string or nothing.
 */
import type { PathKind, UjumbeBridge } from '../../src-shared/rpc/bridge.ts';

export type ChoosePath = (kind: PathKind) => Promise<string | null>;

export function pathChooser(win: Window = window): ChoosePath | null {
  const bridge = (win as Window & { ujumbe?: Partial<UjumbeBridge> }).ujumbe;
  const choose = bridge?.choosePath;
  if (typeof choose !== 'function') return null;
  return async (kind) => {
    const chosen = await choose.call(bridge, kind);
    return typeof chosen === 'string' && chosen !== '' ? chosen : null;
  };
}
