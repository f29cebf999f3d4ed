/** templates (migration 008): named texts with merge fields, a variant per language. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { parseJson } from './json-column.ts';

export interface TemplateRecord {
  id: string;
  name: string;
  /** Language -> text ("en", "sw", "fr" ...). */
  variants: Record<string, string>;
  /** The same for contacts who asked for discreet messages; empty: the plain variant is used. */
  discreetVariants: Record<string, string>;
  fallbackLanguage: string;
  builtIn: boolean;
  updated: string;
}

interface TemplateRow {
  id: string;
  name: string;
  variants: string;
  discreet_variants: string;
  fallback_language: string;
  built_in: number;
  updated: string;
}

const toTemplate = (row: TemplateRow): TemplateRecord => ({
  id: row.id,
  name: row.name,
  variants: parseJson<Record<string, string>>(row.variants, {}),
  discreetVariants: parseJson<Record<string, string>>(row.discreet_variants, {}),
  fallbackLanguage: row.fallback_language,
  builtIn: row.built_in === 1,
  updated: row.updated,
});

export class TemplateRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly putStmt;
  private readonly insertMissingStmt;
  private readonly deleteStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], TemplateRow>('SELECT * FROM templates ORDER BY name, id');
    this.getStmt = db.prepare<[string], TemplateRow>('SELECT * FROM templates WHERE id = ?');
    this.putStmt = db.prepare<[string, string, string, string, string, number, string]>(
      `INSERT INTO templates (id, name, variants, discreet_variants, fallback_language, built_in, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, variants = excluded.variants, discreet_variants = excluded.discreet_variants,
         fallback_language = excluded.fallback_language, updated = excluded.updated`,
    );
    this.insertMissingStmt = db.prepare<[string, string, string, string, string, string]>(
      `INSERT OR IGNORE INTO templates (id, name, variants, discreet_variants, fallback_language, built_in, updated) VALUES (?, ?, ?, ?, ?, 1, ?)`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM templates WHERE id = ?');
  }

  list(): TemplateRecord[] {
    return this.listStmt.all().map(toTemplate);
  }

  get(id: string): TemplateRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toTemplate(row);
  }

  /** Creates or replaces (a built-in one stays marked built-in). */
  put(t: Omit<TemplateRecord, 'builtIn'>): void {
    this.putStmt.run(t.id, t.name, JSON.stringify(t.variants), JSON.stringify(t.discreetVariants), t.fallbackLanguage, 0, t.updated);
  }

  /** A built-in template, unless the clinic already has one with this id (its words are kept). */
  seed(t: Omit<TemplateRecord, 'builtIn'>): void {
    this.insertMissingStmt.run(t.id, t.name, JSON.stringify(t.variants), JSON.stringify(t.discreetVariants), t.fallbackLanguage, t.updated);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
