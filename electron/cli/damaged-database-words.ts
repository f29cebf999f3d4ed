/**
 * What `ujumbe serve` and `ujumbe send` say about a damaged database (store/damaged-database.ts,
 * docs/ARCHITECTURE.md "The store": Damaged database): what happened, which file, and the two
 * ways on as command lines to copy. Type imports only: the CLI's other commands load no SQLite.
 */
import type { UjumbeError } from '../../src-shared/errors.ts';
import type { DatabaseDamageRecord, DatabaseRecovery, DatabaseStart } from '../backend/store/damaged-database.ts';

/** True for the errors these words are for (matched by code: the classes are not loaded here). */
export function isDatabaseStartError(err: unknown): err is UjumbeError {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && (code === 'database-damaged' || code === 'restore-refused');
}

/** " --data-dir 'DIR'" when the person gave one, so the lines can be copied as they are. */
function dataDirArg(dataDir: string | null): string {
  return dataDir === null ? '' : ` --data-dir ${quote(dataDir)}`;
}

function quote(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The lines for a start that stopped at a damaged database or a refused copy. `command` is the
 * one that stopped; the ways on are `ujumbe serve`'s flags (`ujumbe send` has none: a send is no
 * time to choose what happens to the clinic's history).
 */
export function databaseStartErrorLines(err: UjumbeError, command: 'serve' | 'send', dataDir: string | null): string[] {
  const lines = [`ujumbe ${command}: ${err.message}`];
  const said = typeof err.details.said === 'string' && err.details.said !== '' ? err.details.said : null;
  if (said !== null) lines.push(`  What the check said: ${said}`);
  if (err.code === 'restore-refused') lines.push('  Choose another copy, or start with an empty database:');
  else lines.push('  Two ways on:');
  const dir = dataDirArg(dataDir);
  lines.push(
    `    ujumbe serve --start-empty${dir}`,
    '        start with an empty database; the damaged file, with its -wal and -shm, is moved as it is into a',
    '        folder named damaged-<date and time> inside the data folder, for a technician',
    `    ujumbe serve --restore FILE${dir}`,
    '        put a copy of the database you have (a backup, ujumbe.db from another folder) in its place; the copy',
    '        is checked first, and the damaged file is kept the same way',
  );
  lines.push(command === 'send' ? '  Nothing was sent or saved.' : '  Ujumbe did not start.');
  return lines;
}

/** The note after a start: what the way on did, or that it was not needed. Null when there is nothing to say. */
export function databaseStartNote(start: DatabaseStart | null, asked: DatabaseRecovery | null): string | null {
  const after: DatabaseDamageRecord | null = start?.after ?? null;
  if (after !== null) {
    const how = after.way === 'restore' ? `Ujumbe restored ${after.restoredFrom ?? 'the copy'}` : 'Ujumbe started with an empty database';
    return `Note: the database was damaged. ${how}; the damaged file was moved, unchanged, into ${after.keptIn}.`;
  }
  if (asked !== null) return `Note: the database is not damaged, so ${asked.way === 'restore' ? '--restore' : '--start-empty'} changed nothing.`;
  return null;
}
