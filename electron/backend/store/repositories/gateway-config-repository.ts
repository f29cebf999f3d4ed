/**
 * gateways (migrations 001, 005): the saved gateways — a modem (known by its IMEI, with the port
 * it was last seen on) or the mail server — and ignored_modems, the modems a nurse forgot or
 * ignored so detection never uses them again.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { GatewayKind, Protocol } from '../../../../src-shared/model.ts';
import { parseJson } from './json-column.ts';

export interface GatewayConfigRecord {
  id: string;
  kind: GatewayKind;
  protocol: Protocol;
  /** Kind-specific settings, e.g. the mail server's, or a modem's { baudRate }. */
  config: Record<string, unknown>;
  enabled: boolean;
  /** The name the nurse gave it; null = its model. */
  label: string | null;
  /** A modem's IMEI once known (learnt at its first start). */
  imei: string | null;
  /** The port a modem was last seen on. */
  lastPath: string | null;
  /** Named by hand (`--modem PATH`, "Add by port name"): its port is opened even if detection never sees it. */
  pinned: boolean;
  /** A modem profile id, or null for auto-detection. */
  profile: string | null;
  /** The SIM PIN, sealed by the host's SecretStore; never plain text. */
  sealedPin: string | null;
  /** ISO time it was saved first. */
  created: string | null;
}

interface GatewayConfigRow {
  id: string;
  kind: GatewayKind;
  protocol: Protocol;
  config: string;
  enabled: number;
  label: string | null;
  imei: string | null;
  last_path: string | null;
  pinned: number;
  profile: string | null;
  sealed_pin: string | null;
  created: string | null;
}

const toRecord = (row: GatewayConfigRow): GatewayConfigRecord => ({
  id: row.id,
  kind: row.kind,
  protocol: row.protocol,
  config: parseJson<Record<string, unknown>>(row.config, {}),
  enabled: row.enabled === 1,
  label: row.label,
  imei: row.imei,
  lastPath: row.last_path,
  pinned: row.pinned === 1,
  profile: row.profile,
  sealedPin: row.sealed_pin,
  created: row.created,
});

/** What a caller saves: the record, with everything past the basics optional. */
export type GatewayConfigInput = Pick<GatewayConfigRecord, 'id' | 'kind' | 'protocol'> & Partial<Omit<GatewayConfigRecord, 'id' | 'kind' | 'protocol'>>;

export class GatewayConfigRepository {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly byImeiStmt;
  private readonly listStmt;
  private readonly removeStmt;
  private readonly ignoreStmt;
  private readonly unignoreStmt;
  private readonly isIgnoredStmt;
  private readonly ignoredStmt;

  constructor(db: Database.Database) {
    this.upsertStmt = db.prepare<[string, string, Protocol, string, number, string | null, string | null, string | null, number, string | null, string | null, string | null]>(
      `INSERT INTO gateways (id, kind, protocol, config, enabled, label, imei, last_path, pinned, profile, sealed_pin, created)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, protocol = excluded.protocol, config = excluded.config,
         enabled = excluded.enabled, label = excluded.label, imei = excluded.imei, last_path = excluded.last_path,
         pinned = excluded.pinned, profile = excluded.profile, sealed_pin = excluded.sealed_pin,
         created = COALESCE(gateways.created, excluded.created)`,
    );
    this.getStmt = db.prepare<[string], GatewayConfigRow>('SELECT * FROM gateways WHERE id = ?');
    this.byImeiStmt = db.prepare<[string], GatewayConfigRow>('SELECT * FROM gateways WHERE imei = ?');
    this.listStmt = db.prepare<[], GatewayConfigRow>('SELECT * FROM gateways ORDER BY created IS NULL, created, id');
    this.removeStmt = db.prepare<[string]>('DELETE FROM gateways WHERE id = ?');
    this.ignoreStmt = db.prepare<[string, string]>('INSERT INTO ignored_modems (imei, at) VALUES (?, ?) ON CONFLICT (imei) DO NOTHING');
    this.unignoreStmt = db.prepare<[string]>('DELETE FROM ignored_modems WHERE imei = ?');
    this.isIgnoredStmt = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM ignored_modems WHERE imei = ?');
    this.ignoredStmt = db.prepare<[], { imei: string }>('SELECT imei FROM ignored_modems ORDER BY at');
  }

  /**
   * Saves (inserts or replaces) a gateway; fields left out keep their saved value.
   * @returns the record as saved.
   * @throws SQLite's UNIQUE error when another saved gateway has the same IMEI.
   */
  save(input: GatewayConfigInput): GatewayConfigRecord {
    const before = this.get(input.id);
    const g: GatewayConfigRecord = {
      config: {},
      enabled: true,
      label: null,
      imei: null,
      lastPath: null,
      pinned: false,
      profile: null,
      sealedPin: null,
      created: null,
      ...before,
      ...input,
    };
    this.upsertStmt.run(g.id, g.kind, g.protocol, JSON.stringify(g.config), g.enabled ? 1 : 0, g.label, g.imei, g.lastPath, g.pinned ? 1 : 0, g.profile, g.sealedPin, g.created);
    return this.get(g.id)!;
  }

  get(id: string): GatewayConfigRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  byImei(imei: string): GatewayConfigRecord | undefined {
    const row = this.byImeiStmt.get(imei);
    return row && toRecord(row);
  }

  /** Oldest first (the order they were saved in). */
  list(kind?: GatewayKind): GatewayConfigRecord[] {
    const all = this.listStmt.all().map(toRecord);
    return kind === undefined ? all : all.filter((g) => g.kind === kind);
  }

  remove(id: string): void {
    this.removeStmt.run(id);
  }

  setEnabled(id: string, enabled: boolean): void {
    const record = this.get(id);
    if (record) this.save({ ...record, enabled });
  }

  /** Detection never uses this modem again (until it is added by port name). */
  ignore(imei: string, at: string): void {
    this.ignoreStmt.run(imei, at);
  }

  unignore(imei: string): void {
    this.unignoreStmt.run(imei);
  }

  isIgnored(imei: string): boolean {
    return this.isIgnoredStmt.get(imei) !== undefined;
  }

  ignored(): string[] {
    return this.ignoredStmt.all().map((r) => r.imei);
  }
}
