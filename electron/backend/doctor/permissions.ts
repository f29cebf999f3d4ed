/**
 * May this user open a serial device for reading and writing? `fs.access(R_OK | W_OK)` answers
 * for the real process (access(2)); the owner, group and mode from stat(2) explain why not.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { DoctorUser } from './etc-group.ts';

export interface DeviceStat {
  uid: number;
  gid: number;
  /** Permission bits only (e.g. 0o660). */
  mode: number;
}

/** The device's owner, group and permission bits, or null when it cannot be stat'ed. Never throws. */
export async function statDevice(path: string): Promise<DeviceStat | null> {
  try {
    const s = await stat(path);
    return { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 };
  } catch {
    return null;
  }
}

/** access(2) with R_OK | W_OK for this process. Never throws. */
export async function canReadWrite(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the mode bits allow `user` (the rule access(2) applies: owner bits for the owner, else
 * group bits for a member of the group, else the other bits; root passes). Pure, for tests and
 * for explaining a denial.
 */
export function modeAllowsReadWrite(device: DeviceStat, user: DoctorUser): boolean {
  if (user.uid === 0) return true;
  const rw = (shift: number) => ((device.mode >> shift) & 0o6) === 0o6;
  if (user.uid === device.uid) return rw(6);
  if (user.gid === device.gid || user.groups.includes(device.gid)) return rw(3);
  return rw(0);
}

/** 0o660 -> "0660". */
export function modeText(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
