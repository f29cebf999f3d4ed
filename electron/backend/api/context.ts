/**
 * What every handler file shares: the backend, the host's options, and the typing that lets
 * each file implement one area of the contract (`messages.*`, `contacts.*` ...) while
 * create-handlers.ts checks the whole with `satisfies Handlers`.
 */
import type { CommandName, Handlers } from '../../../src-shared/contract/commands.ts';
import type { DeletionCommandResults } from '../../../src-shared/contract/deletion-commands.ts';
import type { ProtocolSettings } from '../../../src-shared/protocols/index.ts';
import type { Backend } from '../create-backend.ts';
import type { Store } from '../store/store.ts';

export interface HandlerOptions {
  host: 'electron' | 'headless';
  /** The app's version (package.json), for app.info. */
  version: string;
  /** Where the database lives, for app.info (shown in Settings, never used to open files). */
  dataDir: string;
  /**
   * Starts the built-in modem simulator and resolves with its device path (a pty).
   * Without it, gateways.startDemo fails with `not-available`.
   */
  startDemoModem?: () => Promise<string>;
  /** Where this installation keeps the udev rule for ModemManager (packaged Linux app), for the field check's words. */
  udevRuleSource?: string | null;
}

export interface HandlerContext {
  backend: Backend;
  options: HandlerOptions;
}

/**
 * The commands of one area, e.g. AreaCommands<'contacts'> = 'contacts.list' | 'contacts.get' | ...
 * The deletions (messages.delete, conversations.delete, contacts.erase) are one area of their own
 * across three prefixes: api/deletion.ts.
 */
export type AreaCommands<Area extends string> = Exclude<Extract<CommandName, `${Area}.${string}`>, keyof DeletionCommandResults>;

/** The handlers of one area: what each api/<area>.ts file returns. */
export type AreaHandlers<Area extends string> = Pick<Handlers, AreaCommands<Area>>;

/** The settings addresses and content are validated with, read at each call. */
export function protocolSettings(store: Store): ProtocolSettings {
  return { defaultCountry: store.settings.get('defaultCountry'), maxSmsParts: store.settings.get('maxSmsParts') };
}
