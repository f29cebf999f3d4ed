import type Database from 'better-sqlite3-multiple-ciphers';

/** One schema version. `up` is synchronous; the runner wraps it in a transaction. */
export interface Migration {
  /** The `user_version` the database has after this migration. Numbered from 1, no gaps. */
  version: number;
  name: string;
  /**
   * Rebuilds a table other tables reference (SQLite's documented procedure for a change ALTER
   * TABLE cannot make): the runner turns foreign keys off around this migration's transaction
   * and runs `foreign_key_check` before it commits, so dropping the old table cascades nothing.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}
