/**
 * The gateways of one backend, as configuration (docs/ARCHITECTURE.md "Saved gateways"): it owns
 * adding, adopting, disabling, forgetting and removing them, builds running gateways from saved
 * rows through the one factory, hands them to the dispatcher, and announces each change. Modem
 * detection asks it what to do with a modem it found (`decide`).
 *
 * Saved modems are known by their IMEI: a modem re-plugged on another port is the same gateway.
 * A disabled modem keeps its row and its port stays closed; a forgotten one loses its row and its
 * IMEI goes on the ignored list, so detection never uses it again (adding its port by hand does).
 */
import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.ts';
import { isoAt } from '../clock.ts';
import type { OutboxDispatcher } from '../dispatcher.ts';
import type { Logger } from '../logger.ts';
import type { GatewayConfigRecord } from '../store/repositories/gateway-config-repository.ts';
import type { Store } from '../store/store.ts';
import { ConflictError, NotFoundError, UjumbeError } from '../../../src-shared/errors.ts';
import { modemName } from '../../../src-shared/modem-names.ts';
import type { SecretStore } from './email/secret-store.ts';
import type { Gateway } from './gateway.ts';
import type { Decision, FoundModem, HeldPort } from './modem/discovery/modem-detection.ts';
import { buildModemGateway, type ModemRunOptions, type ModemWiring } from './modem/modem-factory.ts';
import { ModemGateway } from './modem/modem-gateway.ts';

export interface GatewayManagerEvents {
  /** A gateway was built and handed to the dispatcher (adopted, added, enabled, the demo). */
  added: [Gateway];
  /** A gateway was taken away (disabled: still saved; forgotten or removed: its row is gone); `path`: the port it had. */
  removed: [{ id: string; forgotten: boolean; path: string | null }];
  /** A saved gateway's configuration changed (label, enabled) without a status change. */
  changed: [{ id: string }];
}

export interface GatewayManagerOptions {
  store: Store;
  dispatcher: OutboxDispatcher;
  wiring: ModemWiring;
  secretStore: SecretStore | null;
  /** "Use new modems automatically" (settings.autoAdoptModems), read at each decision. */
  autoAdopt: () => boolean;
  clock: Clock;
  log: Logger;
}

/** The gateway id of a modem saved by its IMEI, or pinned to a port. */
export function modemGatewayId(key: { imei: string } | { path: string }): string {
  return 'imei' in key ? `modem:${key.imei}` : `modem:${key.path}`;
}

/** A modem row's label when the nurse gave none: what it is, else where it is. */
export function defaultModemLabel(record: Pick<GatewayConfigRecord, 'lastPath'>, model: string | null, manufacturer: string | null): string {
  return modemName(manufacturer, model) ?? record.lastPath?.split(/[\\/]/).pop() ?? 'Modem';
}

/** A gateway with a SIM that may need a PIN (ModemGateway, and test doubles of it). */
export interface PinGateway extends Gateway {
  setPin(pin: string | null): void;
}

export function takesPin(gateway: Gateway): gateway is PinGateway {
  return typeof (gateway as Partial<PinGateway>).setPin === 'function';
}

export class GatewayManager extends EventEmitter<GatewayManagerEvents> {
  private readonly options: GatewayManagerOptions;
  /** Per-run extras of modems pinned by the caller (tests: short timeouts), by gateway id. */
  private readonly runOptions = new Map<string, ModemRunOptions>();
  /** PINs given for this run only (no SecretStore to seal them). */
  private readonly memoryPins = new Map<string, string>();
  private readonly unfollow = new Map<string, () => void>();

  constructor(options: GatewayManagerOptions) {
    super();
    this.options = options;
  }

  private get store(): Store {
    return this.options.store;
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Every saved gateway row, oldest first. */
  records(): GatewayConfigRecord[] {
    return this.store.gatewayConfigs.list();
  }

  record(id: string): GatewayConfigRecord | undefined {
    return this.store.gatewayConfigs.get(id);
  }

  /** The running (built) gateway with this id. */
  gateway(id: string): Gateway | undefined {
    return this.options.dispatcher.gateways().find((g) => g.id === id);
  }

  /** The ports our modem gateways hold now: detection never opens them. */
  held(): HeldPort[] {
    return this.modemGateways()
      .filter((g) => g.status().state !== 'disconnected' && g.status().state !== 'stopped')
      .map((g) => {
        const { detail } = g.status();
        return { path: g.path, gatewayId: g.id, imei: g.imei, manufacturer: detail.manufacturer, model: detail.model };
      });
  }

  modemGateways(): ModemGateway[] {
    return this.options.dispatcher.gateways().filter((g): g is ModemGateway => g instanceof ModemGateway);
  }

  // ---- building --------------------------------------------------------------------------------

  /** Builds every enabled saved modem (not started: the backend starts them). */
  loadSaved(): void {
    this.sealLegacyPin();
    for (const record of this.store.gatewayConfigs.list('modem')) {
      if (!record.enabled || this.gateway(record.id) || record.lastPath === null) continue;
      this.build(record);
    }
  }

  /**
   * Adds a gateway built by the caller (the e-mail gateway from its settings row, the demo modem,
   * a test's). Whether it is saved is its row's business (`record(id)`).
   */
  addBuilt(gateway: Gateway): void {
    this.options.dispatcher.addGateway(gateway);
    this.follow(gateway);
    this.emit('added', gateway);
  }

  /**
   * A modem on a port named by hand (`--modem PATH`, "Add by port name"): saved, pinned to that
   * port, and built (started by the caller, or by backend.start()). The same port named again
   * is the same gateway.
   * @throws ConflictError when a running gateway already uses the port.
   */
  pinPort(path: string, run: ModemRunOptions & { pin?: string | null; profile?: string; id?: string } = {}): ModemGateway {
    const existing = this.store.gatewayConfigs.list('modem').find((r) => r.lastPath === path && (r.pinned || r.imei === null)) ?? this.store.gatewayConfigs.list('modem').find((r) => r.lastPath === path);
    const inUse = this.modemGateways().find((g) => g.path === path && g.id !== existing?.id);
    if (inUse) throw new ConflictError(`The port ${path} is already used by another modem.`, { path, gatewayId: inUse.id });
    const record = this.store.gatewayConfigs.save({
      ...(existing ?? { id: run.id ?? modemGatewayId({ path }), kind: 'modem', protocol: 'sms', created: isoAt(this.options.clock) }),
      lastPath: path,
      pinned: true,
      enabled: true,
      ...(run.profile === undefined ? {} : { profile: run.profile === 'auto' ? null : run.profile }),
    });
    if (run.timeouts !== undefined || run.baudRate !== undefined) this.runOptions.set(record.id, { timeouts: run.timeouts, baudRate: run.baudRate });
    if (run.pin !== undefined && run.pin !== null) this.memoryPins.set(record.id, run.pin);
    const running = this.gateway(record.id);
    // createBackend loads the saved modems before it pins this run's ports, so a port saved by an
    // earlier run is already built here, from its row alone, and not started yet: built again,
    // or this run's PIN, timeouts, baud rate and profile would be ignored at every start after
    // the first (found by the fault loop, test/reliability/README.md).
    const perRun = (run.pin !== undefined && run.pin !== null) || run.timeouts !== undefined || run.baudRate !== undefined || run.profile !== undefined;
    if (running instanceof ModemGateway && perRun && running.status().state === 'stopped') {
      this.unfollow.get(record.id)?.();
      this.unfollow.delete(record.id);
      this.options.dispatcher.removeGateway(record.id);
      return this.build(record);
    }
    if (running instanceof ModemGateway) return running;
    return this.build(record);
  }

  /**
   * A modem for this run only, not saved (the demo modem): built by the same factory, with the
   * same receiving wiring as a saved one. Not started.
   */
  addUnsavedModem(id: string, path: string): ModemGateway {
    const gateway = buildModemGateway(
      { id, kind: 'modem', protocol: 'sms', config: {}, enabled: true, label: null, imei: null, lastPath: path, pinned: true, profile: null, sealedPin: null, created: null },
      null,
      this.options.wiring,
    );
    this.addBuilt(gateway);
    return gateway;
  }

  // ---- detection's questions -------------------------------------------------------------------

  /** What to do with a modem detection found on a port no gateway holds. */
  async decide(found: FoundModem): Promise<Decision> {
    const configs = this.store.gatewayConfigs;
    if (found.imei !== null && configs.isIgnored(found.imei)) return { outcome: 'ignored', gatewayId: null };
    const record =
      (found.imei === null ? undefined : configs.byImei(found.imei)) ??
      configs.list('modem').find((r) => r.imei === null && r.lastPath === found.path);
    if (record) {
      if (!record.enabled) return { outcome: 'disabled', gatewayId: record.id };
      this.reattach(record, found.path);
      return { outcome: 'in-use', gatewayId: record.id };
    }
    // The first modem is used without a click; later ones unless the nurse said otherwise.
    const anySaved = configs.list('modem').length > 0;
    if (anySaved && !this.options.autoAdopt()) return { outcome: 'offered', gatewayId: null };
    const gateway = this.adoptFound(found);
    return { outcome: 'in-use', gatewayId: gateway.id };
  }

  /** A port a modem used has vanished: serialport may not have noticed (ModemGateway.portVanished). */
  portVanished(path: string): void {
    for (const gateway of this.modemGateways()) if (gateway.path === path) gateway.portVanished();
  }

  /** "Use this modem": saves and starts a modem detection offered. */
  adoptFound(found: FoundModem): ModemGateway {
    const record = this.store.gatewayConfigs.save({
      id: found.imei === null ? modemGatewayId({ path: found.path }) : modemGatewayId({ imei: found.imei }),
      kind: 'modem',
      protocol: 'sms',
      imei: found.imei,
      lastPath: found.path,
      label: defaultModemLabel({ lastPath: found.path }, found.identity.model, found.identity.manufacturer),
      enabled: true,
      created: isoAt(this.options.clock),
    });
    this.options.log.info('modem adopted', { gateway: record.id, path: found.path });
    const gateway = this.build(record);
    void gateway.start();
    return gateway;
  }

  /** "Ignore": detection never uses this modem again. */
  ignore(found: FoundModem): void {
    if (found.imei !== null) this.store.gatewayConfigs.ignore(found.imei, isoAt(this.options.clock));
  }

  // ---- the panel's actions ---------------------------------------------------------------------

  /** @throws NotFoundError, UjumbeError not-supported (not saved) */
  rename(id: string, label: string): GatewayConfigRecord {
    const record = this.saved(id);
    const saved = this.store.gatewayConfigs.save({ ...record, label });
    this.emit('changed', { id });
    return saved;
  }

  /**
   * Disabled: the gateway stops, its port is closed and detection leaves it alone; its messages
   * wait for it (or go through another gateway). Enabled: built and started again.
   * @throws NotFoundError, UjumbeError not-supported
   */
  async setEnabled(id: string, enabled: boolean): Promise<void> {
    const record = this.saved(id);
    if (record.enabled === enabled && (enabled ? this.gateway(id) !== undefined : true)) return;
    this.store.gatewayConfigs.setEnabled(id, enabled);
    if (!enabled) {
      const path = await this.takeDown(id);
      this.emit('removed', { id, forgotten: false, path });
      return;
    }
    if (record.kind !== 'modem') {
      this.emit('changed', { id });
      return;
    }
    const gateway = this.build({ ...record, enabled: true });
    await gateway.start();
  }

  /**
   * Forgets a saved modem: the row goes, and its IMEI is ignored from now on.
   * @throws NotFoundError, UjumbeError not-supported (not a saved modem)
   */
  async forget(id: string): Promise<void> {
    const record = this.saved(id);
    if (record.kind !== 'modem') throw new UjumbeError('not-supported', 'Only a modem can be forgotten.', { id });
    const imei = record.imei ?? (this.gateway(id) instanceof ModemGateway ? (this.gateway(id) as ModemGateway).imei : null);
    const path = (await this.takeDown(id)) ?? record.lastPath;
    this.store.transaction(() => {
      this.store.gatewayConfigs.remove(id);
      if (imei !== null) this.store.gatewayConfigs.ignore(imei, isoAt(this.options.clock));
      this.dropPerGatewaySettings(id);
    });
    this.emit('removed', { id, forgotten: true, path });
  }

  /** Removes a gateway and its settings; plugged in again, the modem may be adopted again. @throws NotFoundError */
  async remove(id: string): Promise<void> {
    const record = this.record(id);
    if (!record && !this.gateway(id)) throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
    const path = (await this.takeDown(id)) ?? record?.lastPath ?? null;
    this.store.transaction(() => {
      if (record) this.store.gatewayConfigs.remove(id);
      this.dropPerGatewaySettings(id);
    });
    this.emit('removed', { id, forgotten: false, path });
  }

  /**
   * The SIM PIN for this modem: sealed into its row where the host can seal (never plain), else
   * kept for this run only. The caller restarts the gateway.
   */
  setPin(id: string, pin: string | null): void {
    const gateway = this.gateway(id);
    if (gateway && takesPin(gateway)) gateway.setPin(pin);
    const record = this.record(id);
    const secrets = this.options.secretStore;
    if (record && secrets) {
      this.store.gatewayConfigs.save({ ...record, sealedPin: pin === null ? null : secrets.seal(pin) });
      this.memoryPins.delete(id);
    } else if (pin === null) this.memoryPins.delete(id);
    else this.memoryPins.set(id, pin);
  }

  // ---- inside ----------------------------------------------------------------------------------

  private saved(id: string): GatewayConfigRecord {
    const record = this.record(id);
    if (record) return record;
    if (this.gateway(id)) throw new UjumbeError('not-supported', 'This gateway is not saved (the demo modem, or one for this run only).', { id });
    throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
  }

  private build(record: GatewayConfigRecord): ModemGateway {
    const gateway = buildModemGateway(record, this.pinFor(record), this.options.wiring, this.runOptions.get(record.id));
    this.options.dispatcher.addGateway(gateway);
    this.follow(gateway);
    this.emit('added', gateway);
    return gateway;
  }

  /** A saved modem seen on a port: moved there if it was away, built if it was not running. */
  private reattach(record: GatewayConfigRecord, path: string): void {
    const gateway = this.gateway(record.id);
    if (!(gateway instanceof ModemGateway)) {
      const built = this.build(this.store.gatewayConfigs.save({ ...record, lastPath: path }));
      void built.start();
      return;
    }
    if (gateway.status().state === 'disconnected') void gateway.attach(path);
  }

  private pinFor(record: GatewayConfigRecord): string | null {
    const memory = this.memoryPins.get(record.id);
    if (memory !== undefined) return memory;
    if (record.sealedPin !== null && this.options.secretStore) {
      try {
        return this.options.secretStore.open(record.sealedPin);
      } catch (err) {
        this.options.log.warn('the saved SIM PIN cannot be read', { gateway: record.id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return this.settingsPin();
  }

  /** The PIN for modems without their own: sealed (settings.modemPinSealed), else an older version's plain one. */
  private settingsPin(): string | null {
    const sealed = this.store.settings.get('modemPinSealed');
    if (sealed !== null && this.options.secretStore) {
      try {
        return this.options.secretStore.open(sealed);
      } catch (err) {
        this.options.log.warn('the saved SIM PIN cannot be read', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    return this.store.settings.get('modemPin');
  }

  /** An older version kept the PIN in plain text: seal it now (where the host can) and clear it. */
  sealLegacyPin(): void {
    const plain = this.store.settings.get('modemPin');
    if (plain === null || !this.options.secretStore) return;
    this.store.transaction(() => {
      this.store.settings.set('modemPinSealed', this.options.secretStore!.seal(plain));
      this.store.settings.set('modemPin', null);
    });
  }

  /** What a modem learns at start (its IMEI) and where it moves (its port) is saved. */
  private follow(gateway: Gateway): void {
    if (!(gateway instanceof ModemGateway) || this.unfollow.has(gateway.id)) return;
    this.unfollow.set(
      gateway.id,
      gateway.onStatus((status) => {
        if (status.kind !== 'modem' || !this.store.isOpen) return;
        const record = this.store.gatewayConfigs.get(gateway.id);
        if (!record) return;
        const imei = status.detail.imei ?? record.imei;
        const label = record.label ?? (status.detail.model || status.detail.manufacturer ? defaultModemLabel(record, status.detail.model, status.detail.manufacturer) : null);
        if (imei === record.imei && status.detail.port === record.lastPath && label === record.label) return;
        try {
          this.store.gatewayConfigs.save({ ...record, imei, lastPath: status.detail.port, label });
          // Named by hand: the nurse wants this modem, whatever was said of it before.
          if (record.pinned && imei !== null) this.store.gatewayConfigs.unignore(imei);
        } catch (err) {
          // Another saved row has this IMEI (the same modem saved twice): keep this row as it is.
          this.options.log.warn('a saved modem has the same IMEI as another', { gateway: gateway.id, error: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  }

  /**
   * Out of the dispatcher and stopped (port closed); the caller changes the row and announces it.
   * @returns the port the modem had, or null.
   */
  private async takeDown(id: string): Promise<string | null> {
    const gateway = this.gateway(id);
    this.unfollow.get(id)?.();
    this.unfollow.delete(id);
    if (gateway) {
      this.options.dispatcher.removeGateway(id);
      await gateway.stop();
    }
    return gateway instanceof ModemGateway ? gateway.path : null;
  }

  /** A gone gateway's daily cap and prefix rules go with it. */
  private dropPerGatewaySettings(id: string): void {
    const settings = this.store.settings;
    const caps = { ...settings.get('dailyCaps') };
    if (id in caps) {
      delete caps[id];
      settings.set('dailyCaps', caps);
    }
    const rules = settings.get('prefixRules');
    if (rules.some((r) => r.gatewayId === id)) settings.set('prefixRules', rules.filter((r) => r.gatewayId !== id));
  }
}
