/**
 * The migration runner (docs/ARCHITECTURE.md "Habits": numbered migrations): numbered migrations, one file each, run in order, each in
 * its own transaction together with the `user_version` bump, so a crash mid-migration leaves the
 * database at the previous version.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { UjumbeError } from '../../../../src-shared/errors.ts';
import type { Migration } from './migration.ts';
import { initialSchema } from './001-initial.ts';
import { groupsAndPins } from './002-groups-and-pins.ts';
import { receiving } from './003-receiving.ts';
import { statusFilterIndex } from './004-status-filter-index.ts';
import { savedGateways } from './005-saved-gateways.ts';
import { receivingSafety } from './006-receiving-safety.ts';
import { scheduledSends } from './007-scheduled-sends.ts';
import { appointments } from './008-appointments.ts';
import { consent } from './009-consent.ts';
import { messageSearch } from './010-message-search.ts';
import { keywordRules } from './011-keyword-rules.ts';
import { lighterWrites } from './012-lighter-writes.ts';
import { failureCodes } from './013-failure-codes.ts';
import { usersKeysAudit } from './014-users-keys-audit.ts';

export type { Migration } from './migration.ts';

/** Every migration, in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, groupsAndPins, receiving, statusFilterIndex, savedGateways, receivingSafety, scheduledSends, appointments, consent, messageSearch, keywordRules, lighterWrites, failureCodes, usersKeysAudit];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** The database was written by a newer Ujumbe; opening it could corrupt it. */
export class DatabaseTooNewError extends UjumbeError {
  constructor(readonly found: number, readonly supported: number) {
    super(
      'database-too-new',
      `This database was written by a newer version of Ujumbe (schema version ${found}; this version understands up to ${supported}). Install the newer Ujumbe again, or open a different data folder.`,
      { found, supported },
    );
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version (or to `target`, for migration tests).
 * @returns the versions applied.
 * @throws DatabaseTooNewError if the database is newer than `migrations` knows.
 * @throws the SQLite error of a failing migration (that migration is rolled back).
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = migrations.length,
): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" is numbered ${m.version}; expected ${i + 1}.`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: set it around the transaction.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`Migration "${migration.name}" would leave ${broken.length} broken references.`);
        }
        // PRAGMA takes no bound parameters; the version is an integer from our own table.
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.foreignKeysOff && foreignKeys) db.pragma('foreign_keys = ON');
    }
    applied.push(migration.version);
  }
  return applied;
}
