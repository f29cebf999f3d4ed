/**
 * gateways.* that change what is saved: rename, disable/enable, forget, remove; the modems
 * detection found (use, ignore, look again, what was tried); a port named by hand; the field
 * check. The GatewayManager does the work and announces it (bind-events.ts forwards).
 */
import type { DiscoveryDto } from '../../../src-shared/contract/dto.ts';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ConflictError, NotFoundError, ValidationError } from '../../../src-shared/errors.ts';
import { type HeldPortState, runDoctor } from '../doctor/run-doctor.ts';
import { modemGatewayStatus } from './gateway-view.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { findGatewayView, gatewayView } from './gateway-view.ts';

type ConfigCommands =
  | 'gateways.rename'
  | 'gateways.setEnabled'
  | 'gateways.forget'
  | 'gateways.remove'
  | 'gateways.adopt'
  | 'gateways.ignore'
  | 'gateways.rescan'
  | 'gateways.discovery'
  | 'gateways.addPort'
  | 'gateways.doctor';

/**
 * @throws NotFoundError for an unknown gateway id, or a port where nothing is offered.
 * @throws UjumbeError `not-supported` to rename, disable or forget a gateway that is not saved.
 * @throws ConflictError from addPort when a saved modem already uses the port; ValidationError
 *   (`port.not-found`) when a device path names no file.
 */
export function gatewayConfigHandlers({ backend, options }: HandlerContext): Pick<AreaHandlers<'gateways'>, ConfigCommands> {
  const { manager, detection } = backend;
  const report = (): DiscoveryDto =>
    detection?.report() ?? { scanning: false, lastScanAt: null, search: [], searchFromEnvironment: false, ports: [], offered: [] };
  const view = (id: string) => {
    const found = findGatewayView(backend, id);
    if (!found) throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
    return found;
  };
  const offered = (path: string) => {
    const found = detection?.offered(path);
    if (!found) throw new NotFoundError('offered modem', path, `No modem is waiting to be used on ${path} (it may have been unplugged).`);
    return found;
  };

  return {
    'gateways.rename'({ id, label }) {
      manager.rename(id, label);
      return view(id);
    },

    async 'gateways.setEnabled'({ id, enabled }) {
      await manager.setEnabled(id, enabled);
      return view(id);
    },

    async 'gateways.forget'({ id }) {
      await manager.forget(id);
      return { id };
    },

    async 'gateways.remove'({ id }) {
      await manager.remove(id);
      return { id };
    },

    'gateways.adopt'({ path }) {
      const gateway = manager.adoptFound(offered(path));
      detection?.settle(path, { outcome: 'in-use', gatewayId: gateway.id });
      return gatewayView(backend, gateway);
    },

    'gateways.ignore'({ path }) {
      manager.ignore(offered(path));
      detection?.settle(path, { outcome: 'ignored', gatewayId: null });
      return report();
    },

    async 'gateways.rescan'() {
      await detection?.scan(true);
      return report();
    },

    'gateways.discovery': () => report(),

    // Pinned to the port: opened even where detection cannot see it (a port the search
    // patterns miss). It starts at once; its card says what it found.
    async 'gateways.addPort'({ path }) {
      const saved = manager.records().find((r) => r.kind === 'modem' && r.lastPath === path);
      if (saved) throw new ConflictError(`A saved modem already uses ${path}.`, { path, gatewayId: saved.id });
      // A device path names a file; Windows COM names do not, and are taken as given.
      if (isAbsolute(path) && !existsSync(path)) {
        throw new ValidationError([{ where: 'path', rule: 'port.not-found', message: `There is no port ${path} on this computer. Check the name, or plug the modem in first.` }]);
      }
      const gateway = manager.pinPort(path);
      await gateway.start();
      void detection?.scan(false);
      return gatewayView(backend, gateway);
    },

    // The same check as `ujumbe doctor`, without touching a port a gateway holds or detection
    // is looking at: what the gateways know of those is passed in instead.
    'gateways.doctor'() {
      const held: HeldPortState[] = [];
      for (const { path, gatewayId } of manager.held()) {
        const status = modemGatewayStatus(backend, gatewayId);
        held.push({
          path,
          gatewayId,
          imei: status?.detail.imei ?? null,
          model: status?.detail.model ?? null,
          sim: status?.detail.sim ?? null,
          registration: status?.detail.registration ?? null,
          signalBars: status?.detail.signalBars ?? null,
          signalDbm: status?.detail.signalDbm ?? null,
        });
      }
      for (const port of report().ports) {
        if (port.outcome === 'pending' && !held.some((h) => h.path === port.path)) {
          held.push({ path: port.path, gatewayId: '', imei: port.imei, model: port.model, sim: null, registration: null });
        }
      }
      return runDoctor({
        held,
        ...(backend.detectionPatterns ? { patterns: backend.detectionPatterns() } : {}),
        udevRuleSource: options.udevRuleSource ?? null,
      });
    },
  };
}
