/** keyword_rules (migration 011): a first word that is answered with a template and may add the sender to a group. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { KeywordRuleDto } from '../../../../src-shared/contract/dto.ts';

/** The contract's shape is the record's: one definition (src-shared/contract/dto.ts). */
export type KeywordRuleRecord = KeywordRuleDto;

interface RuleRow {
  id: number;
  keyword: string;
  template_id: string | null;
  group_id: number | null;
  enabled: number;
  fired: number;
  last_fired_at: string | null;
  created: string;
  updated: string;
}

const toRule = (r: RuleRow): KeywordRuleRecord => ({
  id: r.id,
  keyword: r.keyword,
  templateId: r.template_id,
  groupId: r.group_id,
  enabled: r.enabled === 1,
  fired: r.fired,
  lastFiredAt: r.last_fired_at,
  created: r.created,
  updated: r.updated,
});

export class KeywordRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly byKeywordStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly firedStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], RuleRow>('SELECT * FROM keyword_rules ORDER BY keyword');
    this.getStmt = db.prepare<[number], RuleRow>('SELECT * FROM keyword_rules WHERE id = ?');
    this.byKeywordStmt = db.prepare<[string], RuleRow>('SELECT * FROM keyword_rules WHERE keyword = ?');
    this.insertStmt = db.prepare<[string, string | null, number | null, number, string, string]>(
      'INSERT INTO keyword_rules (keyword, template_id, group_id, enabled, created, updated) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateStmt = db.prepare<[string, string | null, number | null, number, string, number]>(
      'UPDATE keyword_rules SET keyword = ?, template_id = ?, group_id = ?, enabled = ?, updated = ? WHERE id = ?',
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM keyword_rules WHERE id = ?');
    this.firedStmt = db.prepare<[string, number]>('UPDATE keyword_rules SET fired = fired + 1, last_fired_at = ? WHERE id = ?');
  }

  list(): KeywordRuleRecord[] {
    return this.listStmt.all().map(toRule);
  }

  get(id: number): KeywordRuleRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRule(row);
  }

  byKeyword(keyword: string): KeywordRuleRecord | undefined {
    const row = this.byKeywordStmt.get(keyword);
    return row && toRule(row);
  }

  /** @returns the new rule's id. @throws SqliteError (UNIQUE) for a keyword already used: check byKeyword first. */
  insert(r: { keyword: string; templateId: string | null; groupId: number | null; enabled: boolean }, at: string): number {
    return Number(this.insertStmt.run(r.keyword, r.templateId, r.groupId, r.enabled ? 1 : 0, at, at).lastInsertRowid);
  }

  update(id: number, r: { keyword: string; templateId: string | null; groupId: number | null; enabled: boolean }, at: string): void {
    this.updateStmt.run(r.keyword, r.templateId, r.groupId, r.enabled ? 1 : 0, at, id);
  }

  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  fired(id: number, at: string): void {
    this.firedStmt.run(at, id);
  }
}
