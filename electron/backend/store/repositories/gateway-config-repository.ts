/** gateways: the configured gateways (a modem's port and options, a mail server), by id. */
import type Database from 'better-sqlite3';
import type { GatewayStatus, Protocol } from '../../../../src-shared/model.ts';
import { parseJson } from './json-column.ts';

export interface GatewayConfigRecord {
  id: string;
  kind: GatewayStatus['kind'];
  protocol: Protocol;
  /** Kind-specific settings, e.g. { path: '/dev/ttyUSB0', baudRate: 115200 }. */
  config: Record<string, unknown>;
  enabled: boolean;
}

interface GatewayConfigRow {
  id: string;
  kind: GatewayStatus['kind'];
  protocol: Protocol;
  config: string;
  enabled: number;
}

const toRecord = (row: GatewayConfigRow): GatewayConfigRecord => ({
  id: row.id,
  kind: row.kind,
  protocol: row.protocol,
  config: parseJson<Record<string, unknown>>(row.config, {}),
  enabled: row.enabled === 1,
});

export class GatewayConfigRepository {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly removeStmt;
  private readonly setEnabledStmt;

  constructor(db: Database.Database) {
    this.upsertStmt = db.prepare<[string, string, Protocol, string, number]>(
      `INSERT INTO gateways (id, kind, protocol, config, enabled) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, protocol = excluded.protocol,
         config = excluded.config, enabled = excluded.enabled`,
    );
    this.getStmt = db.prepare<[string], GatewayConfigRow>('SELECT * FROM gateways WHERE id = ?');
    this.listStmt = db.prepare<[], GatewayConfigRow>('SELECT * FROM gateways ORDER BY id');
    this.removeStmt = db.prepare<[string]>('DELETE FROM gateways WHERE id = ?');
    this.setEnabledStmt = db.prepare<[number, string]>('UPDATE gateways SET enabled = ? WHERE id = ?');
  }

  save(g: GatewayConfigRecord): void {
    this.upsertStmt.run(g.id, g.kind, g.protocol, JSON.stringify(g.config), g.enabled ? 1 : 0);
  }

  get(id: string): GatewayConfigRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecord(row);
  }

  list(): GatewayConfigRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  remove(id: string): void {
    this.removeStmt.run(id);
  }

  setEnabled(id: string, enabled: boolean): void {
    this.setEnabledStmt.run(enabled ? 1 : 0, id);
  }
}
