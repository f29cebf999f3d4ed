/**
 * How much room the data folder's disk has, as an injectable edge (docs/ARCHITECTURE.md
 * "Habits": injectable edges): tests pass a function, the hosts use statfs(2).
 */
import { statfs } from 'node:fs/promises';

/** Bytes this user may still write on the disk that holds `dir`. @throws the file system's error. */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

/**
 * statfs(2) through Node (fs.statfs, Node 18.15+): `bavail` (blocks free to an unprivileged
 * user, not `bfree`, which counts root's reserve) times the block size.
 */
export const statfsFreeSpace: FreeSpaceProbe = async (dir) => {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
};
