/**
 * The demo modem both hosts offer ("Try the demo modem", `ujumbe serve --demo`): the project's
 * modem simulator on a pseudo-terminal. The simulator needs socat to make the pty pair, so a host
 * offers the demo only where socat is on the PATH (`demoModemAvailable`); nothing is imported
 * until it starts.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from '../backend/logger.ts';

/** The demo modem takes this long to "send" each part, so the UI shows `sending`. */
const DEMO_NETWORK_DELAY_MS = 1_500;

/** Whether socat can be run here (the simulator's pty pair needs it). */
export function demoModemAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === 'win32' ? ['socat.exe'] : ['socat'];
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    for (const name of names) {
      try {
        accessSync(join(folder, name), constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

export interface DemoModem {
  /** Starts the simulator once; resolves with the pty path a gateway opens. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** @throws from start(): Error in words when the simulator cannot start (no socat). */
export function createDemoModem(logger: Logger): DemoModem {
  let starting: Promise<{ path: string; stop: () => Promise<void> }> | null = null;
  return {
    start() {
      starting ??= (async () => {
        try {
          const { ModemSimulator } = await import('./index.ts');
          const sim = await ModemSimulator.start({ profile: 'huawei', networkDelayMs: DEMO_NETWORK_DELAY_MS, noise: false });
          logger.info('The demo modem simulator is running');
          return { path: sim.path, stop: () => sim.stop() };
        } catch (err) {
          starting = null;
          throw new Error(`The demo modem could not start (it needs socat: apt-get install socat): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
      })();
      return starting.then((s) => s.path);
    },
    async stop() {
      const started = await starting?.catch(() => null);
      await started?.stop().catch(() => undefined);
    },
  };
}
