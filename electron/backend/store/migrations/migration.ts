import type Database from 'better-sqlite3';

/** One schema version. `up` is synchronous; the runner wraps it in a transaction. */
export interface Migration {
  /** The `user_version` the database has after this migration. Numbered from 1, no gaps. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}
