/** groups and contact_groups: named lists of contacts (send to a group, filter the contact list). */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface GroupRecord {
  id: number;
  name: string;
  memberCount: number;
}

interface GroupRow {
  id: number;
  name: string;
  member_count: number;
}

const toGroup = (row: GroupRow): GroupRecord => ({ id: row.id, name: row.name, memberCount: row.member_count });

const SELECT_GROUP = `SELECT g.id, g.name, (SELECT COUNT(*) FROM contact_groups cg WHERE cg.group_id = g.id) AS member_count FROM groups g`;

export class GroupRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly findByNameStmt;
  private readonly insertStmt;
  private readonly renameStmt;
  private readonly deleteStmt;
  private readonly groupIdsOfStmt;
  private readonly groupIdsOfManyStmt;
  private readonly memberIdsStmt;
  private readonly addMemberStmt;
  private readonly clearMembershipsStmt;
  private readonly allMembershipsStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], GroupRow>(`${SELECT_GROUP} ORDER BY g.name COLLATE NOCASE, g.id`);
    this.getStmt = db.prepare<[number], GroupRow>(`${SELECT_GROUP} WHERE g.id = ?`);
    // The column is COLLATE NOCASE, so this finds "Diabetes" for "diabetes".
    this.findByNameStmt = db.prepare<[string], GroupRow>(`${SELECT_GROUP} WHERE g.name = ?`);
    this.insertStmt = db.prepare<[string]>('INSERT INTO groups (name) VALUES (?)');
    this.renameStmt = db.prepare<[string, number]>('UPDATE groups SET name = ? WHERE id = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM groups WHERE id = ?');
    this.groupIdsOfStmt = db.prepare<[number], { group_id: number }>('SELECT group_id FROM contact_groups WHERE contact_id = ? ORDER BY group_id');
    this.groupIdsOfManyStmt = db.prepare<[string], { contact_id: number; group_id: number }>(
      'SELECT contact_id, group_id FROM contact_groups WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, group_id',
    );
    this.memberIdsStmt = db.prepare<[number], { contact_id: number }>('SELECT contact_id FROM contact_groups WHERE group_id = ? ORDER BY contact_id');
    this.addMemberStmt = db.prepare<[number, number]>('INSERT OR IGNORE INTO contact_groups (contact_id, group_id) VALUES (?, ?)');
    this.clearMembershipsStmt = db.prepare<[number]>('DELETE FROM contact_groups WHERE contact_id = ?');
    this.allMembershipsStmt = db.prepare<[], { contact_id: number; group_id: number }>('SELECT contact_id, group_id FROM contact_groups ORDER BY contact_id, group_id');
  }

  /** By name, without regard to case. */
  list(): GroupRecord[] {
    return this.listStmt.all().map(toGroup);
  }

  get(id: number): GroupRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toGroup(row);
  }

  /** The group with this name, without regard to case. */
  findByName(name: string): GroupRecord | undefined {
    const row = this.findByNameStmt.get(name);
    return row && toGroup(row);
  }

  /**
   * @returns the new group's id.
   * @throws SqliteError (UNIQUE) if a group of that name exists; check findByName first.
   */
  create(name: string): number {
    return Number(this.insertStmt.run(name).lastInsertRowid);
  }

  /** @throws SqliteError (UNIQUE) if another group has that name. */
  rename(id: number, name: string): void {
    this.renameStmt.run(name, id);
  }

  /** Members stay contacts; only their membership goes (ON DELETE CASCADE). */
  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  groupIdsOf(contactId: number): number[] {
    return this.groupIdsOfStmt.all(contactId).map((r) => r.group_id);
  }

  /** Group ids of many contacts at once (one query for a page of the contact list). */
  groupIdsOfMany(contactIds: readonly number[]): Map<number, number[]> {
    const byContact = new Map<number, number[]>();
    for (const row of this.groupIdsOfManyStmt.all(JSON.stringify(contactIds))) {
      const list = byContact.get(row.contact_id) ?? [];
      list.push(row.group_id);
      byContact.set(row.contact_id, list);
    }
    return byContact;
  }

  /** Every membership, by contact (the CSV export). */
  allMemberships(): Map<number, number[]> {
    const byContact = new Map<number, number[]>();
    for (const row of this.allMembershipsStmt.all()) {
      const list = byContact.get(row.contact_id) ?? [];
      list.push(row.group_id);
      byContact.set(row.contact_id, list);
    }
    return byContact;
  }

  memberIds(groupId: number): number[] {
    return this.memberIdsStmt.all(groupId).map((r) => r.contact_id);
  }

  /** Adds one membership (nothing happens if it exists). @throws SqliteError (FOREIGN KEY). */
  addMember(contactId: number, groupId: number): void {
    this.addMemberStmt.run(contactId, groupId);
  }

  /** Replaces a contact's memberships. Call inside a transaction. @throws SqliteError (FOREIGN KEY). */
  setGroupsOf(contactId: number, groupIds: readonly number[]): void {
    this.clearMembershipsStmt.run(contactId);
    for (const groupId of groupIds) this.addMemberStmt.run(contactId, groupId);
  }
}
