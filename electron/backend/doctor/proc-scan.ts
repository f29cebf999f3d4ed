/**
 * Linux /proc (proc(5)): which programs run, and which of them have a serial device open.
 * `/proc/<pid>/comm` is the program's name (at most 15 characters: "ModemManager" fits);
 * `/proc/<pid>/fd/<n>` is a symlink to what descriptor n has open, e.g. `/dev/ttyUSB2`.
 * Another user's fd folder cannot be read without root (EACCES): those processes are counted,
 * not guessed about. ModemManager runs as root, so a desk user sees that it runs but not which
 * port it holds; the port then shows as busy when opened.
 *
 * A pseudo-terminal's slave (/dev/pts/N, e.g. a modem simulator's link) is kept open by the
 * program that made the pair (socat, a terminal), which also holds /dev/ptmx: such a holder is
 * flagged `ptyMaster`, so the caller can tell the pty's other end from a program using the port.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface ProcessInfo {
  pid: number;
  /** /proc/<pid>/comm without its newline, or '' when unreadable. */
  program: string;
}

export interface PortHolder {
  pid: number;
  program: string;
  /** The device as the fd link names it. */
  device: string;
  /** The process also has /dev/ptmx open: for a /dev/pts device, it is the pty's master side. */
  ptyMaster: boolean;
}

export interface ProcScan {
  processes: ProcessInfo[];
  /** Devices asked about -> the processes that have them open. */
  holders: Map<string, PortHolder[]>;
  /** Processes whose open files could not be read (another user's, without root). */
  unreadable: number;
}

const PID = /^\d+$/;
/** The pty multiplexer (pts(4)): opening it makes a new pair. */
const PTMX = new Set(['/dev/ptmx', '/dev/pts/ptmx']);

/** /dev/pts/N: a pseudo-terminal's slave side. */
export function isPtySlave(device: string): boolean {
  return /^\/dev\/pts\/\d+$/.test(device);
}

/** The running processes, by /proc/<pid>/comm. Never throws: an unreadable /proc is no processes. */
export async function listProcesses(procRoot: string): Promise<ProcessInfo[]> {
  let names: string[];
  try {
    names = await readdir(procRoot);
  } catch {
    return [];
  }
  const pids = names.filter((n) => PID.test(n)).map(Number).sort((a, b) => a - b);
  return Promise.all(
    pids.map(async (pid) => {
      try {
        return { pid, program: (await readFile(join(procRoot, String(pid), 'comm'), 'utf8')).replace(/\n$/, '') };
      } catch {
        // The process ended between readdir and read.
        return { pid, program: '' };
      }
    }),
  );
}

/** The processes running `program` (exact comm match). */
export function findProgram(processes: readonly ProcessInfo[], program: string): ProcessInfo[] {
  return processes.filter((p) => p.program === program);
}

/**
 * Which processes (apart from `skipPids`, e.g. our own) have one of `devices` open. A device is
 * matched by the fd link's target exactly (the caller passes resolved device paths). Never throws.
 */
export async function scanOpenDevices(procRoot: string, devices: readonly string[], skipPids: readonly number[] = []): Promise<ProcScan> {
  const processes = await listProcesses(procRoot);
  const wanted = new Set(devices);
  const holders = new Map<string, PortHolder[]>();
  let unreadable = 0;
  if (wanted.size === 0) return { processes, holders, unreadable };
  await Promise.all(
    processes
      .filter((p) => !skipPids.includes(p.pid))
      .map(async (p) => {
        const fdDir = join(procRoot, String(p.pid), 'fd');
        let fds: string[];
        try {
          fds = await readdir(fdDir);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EACCES' || (err as NodeJS.ErrnoException).code === 'EPERM') unreadable += 1;
          return;
        }
        const seen = new Set<string>();
        let ptyMaster = false;
        for (const fd of fds) {
          let target: string;
          try {
            target = await readlink(join(fdDir, fd));
          } catch {
            continue; // closed meanwhile, or not a link
          }
          if (PTMX.has(target)) ptyMaster = true;
          if (wanted.has(target)) seen.add(target);
        }
        for (const device of seen) holders.set(device, [...(holders.get(device) ?? []), { pid: p.pid, program: p.program, device, ptyMaster }]);
      }),
  );
  for (const list of holders.values()) list.sort((a, b) => a.pid - b.pid);
  return { processes, holders, unreadable };
}
