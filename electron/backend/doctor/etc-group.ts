/**
 * /etc/group (group(5): `name:password:GID:member,member`) and what it says about the current
 * user. The kernel gives a process the groups its login had: a user added to `dialout` since
 * then is listed in /etc/group but not in process.getgroups() until the next login, which is
 * the "you were added but must log in again" case.
 */
import { readFile } from 'node:fs/promises';

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** Every well-formed line; comments, blank lines, NIS `+`/`-` lines and broken lines are skipped. */
export function parseGroupFile(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const fields = line.split(':');
    if (fields.length < 4) continue;
    const [name, , gidText, memberText] = fields as [string, string, string, string];
    if (name === '' || !/^\d+$/.test(gidText)) continue;
    const members = memberText.split(',').map((m) => m.trim()).filter((m) => m !== '');
    entries.push({ name, gid: Number(gidText), members });
  }
  return entries;
}

/** The parsed file, or null when it cannot be read (not Linux, a sandbox). Never throws. */
export async function readGroupFile(path: string): Promise<GroupEntry[] | null> {
  try {
    return parseGroupFile(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Who runs the check, as the kernel sees this process. */
export interface DoctorUser {
  uid: number;
  /** The effective group id. */
  gid: number;
  /** process.getgroups(): the supplementary groups this login session has. */
  groups: readonly number[];
  name: string;
}

export type Membership = 'member' | 'relogin-needed' | 'not-member';

/**
 * Whether the user has the group now (`member`), is listed in /etc/group but this session
 * started before that (`relogin-needed`), or is not in it at all.
 */
export function groupMembership(user: DoctorUser, gid: number, groups: readonly GroupEntry[] | null): Membership {
  if (user.gid === gid || user.groups.includes(gid)) return 'member';
  const entry = groups?.find((g) => g.gid === gid);
  return entry?.members.includes(user.name) ? 'relogin-needed' : 'not-member';
}

/** The group's name, or its number when /etc/group does not list it. */
export function groupName(gid: number, groups: readonly GroupEntry[] | null): string {
  return groups?.find((g) => g.gid === gid)?.name ?? String(gid);
}

/** The groups Linux distributions give serial ports: Debian, Ubuntu, Fedora `dialout`; Arch `uucp`. */
export const SERIAL_GROUPS = ['dialout', 'uucp'] as const;

/** This system's serial-port group: the first of SERIAL_GROUPS that /etc/group has. */
export function serialGroup(groups: readonly GroupEntry[] | null): GroupEntry | null {
  for (const name of SERIAL_GROUPS) {
    const entry = groups?.find((g) => g.name === name);
    if (entry) return entry;
  }
  return null;
}
