/** reminder_plans (migration 008): steps relative to an appointment (src-shared/schedule/reminder-plan.ts). */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { PlanStep, ReminderPlan } from '../../../../src-shared/schedule/reminder-plan.ts';
import { parseJson } from './json-column.ts';

export interface ReminderPlanRecord extends ReminderPlan {
  builtIn: boolean;
  updated: string;
}

interface PlanRow {
  id: string;
  name: string;
  services: string;
  steps: string;
  built_in: number;
  updated: string;
}

const toPlan = (row: PlanRow): ReminderPlanRecord => ({
  id: row.id,
  name: row.name,
  services: parseJson<string[]>(row.services, []),
  steps: parseJson<PlanStep[]>(row.steps, []),
  builtIn: row.built_in === 1,
  updated: row.updated,
});

export class ReminderPlanRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly putStmt;
  private readonly seedStmt;
  private readonly deleteStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], PlanRow>('SELECT * FROM reminder_plans ORDER BY name, id');
    this.getStmt = db.prepare<[string], PlanRow>('SELECT * FROM reminder_plans WHERE id = ?');
    this.putStmt = db.prepare<[string, string, string, string, string]>(
      `INSERT INTO reminder_plans (id, name, services, steps, built_in, updated) VALUES (?, ?, ?, ?, 0, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, services = excluded.services, steps = excluded.steps, updated = excluded.updated`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM reminder_plans WHERE id = ?');
    this.seedStmt = db.prepare<[string, string, string, string, string]>(
      'INSERT OR IGNORE INTO reminder_plans (id, name, services, steps, built_in, updated) VALUES (?, ?, ?, ?, 1, ?)',
    );
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  list(): ReminderPlanRecord[] {
    return this.listStmt.all().map(toPlan);
  }

  get(id: string): ReminderPlanRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toPlan(row);
  }

  put(plan: ReminderPlan, updated: string): void {
    this.putStmt.run(plan.id, plan.name, JSON.stringify(plan.services), JSON.stringify(plan.steps), updated);
  }

  seed(plan: ReminderPlan, updated: string): void {
    this.seedStmt.run(plan.id, plan.name, JSON.stringify(plan.services), JSON.stringify(plan.steps), updated);
  }
}
