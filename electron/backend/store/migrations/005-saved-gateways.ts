/**
 * Gateways are configuration (docs/ARCHITECTURE.md "Saved gateways"): a modem found by detection
 * or named by hand is a row, known by its IMEI rather than its port, with a label the nurse can
 * change, the port it was last seen on, whether it was pinned to that port by hand, its profile
 * and its SIM PIN sealed by the host's SecretStore (never plain). `ignored_modems` remembers the
 * modems a nurse forgot or ignored, so detection never uses them again.
 */
import type { Migration } from './migration.ts';

export const savedGateways: Migration = {
  version: 5,
  name: 'saved-gateways',
  up(db) {
    db.exec(`
      ALTER TABLE gateways ADD COLUMN label TEXT;
      ALTER TABLE gateways ADD COLUMN imei TEXT;
      ALTER TABLE gateways ADD COLUMN last_path TEXT;
      ALTER TABLE gateways ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
      ALTER TABLE gateways ADD COLUMN profile TEXT;
      ALTER TABLE gateways ADD COLUMN sealed_pin TEXT;
      ALTER TABLE gateways ADD COLUMN created TEXT;

      CREATE UNIQUE INDEX gateways_imei ON gateways(imei) WHERE imei IS NOT NULL;

      CREATE TABLE ignored_modems (
        imei TEXT PRIMARY KEY,
        at TEXT NOT NULL
      );
    `);
  },
};
