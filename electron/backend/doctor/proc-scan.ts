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
 *
 * A holder that is Ujumbe itself (a `ujumbe serve` of another data folder, the desktop app) is
 * flagged `ujumbe`, from `/proc/<pid>/cmdline` (its arguments, NUL-separated): its comm is only
 * "node" or "ujumbe", and it must not be taken for a program to close.
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
  /** The process is Ujumbe (isUjumbeCommand of its cmdline). */
  ujumbe: boolean;
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

/** A path's last part, for either separator. */
const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** The scripts that are the `ujumbe` command: bin/ujumbe.mjs, its npm link, electron/cli.ts run through tsx. */
function isUjumbeScript(arg: string): boolean {
  const name = baseName(arg);
  return name === 'ujumbe.mjs' || name === 'ujumbe' || /(?:^|[/\\])electron[/\\]cli\.ts$/.test(arg);
}

/**
 * Is this command line (argv, as /proc/<pid>/cmdline gives it) Ujumbe holding modems? The desktop
 * app (its executable is named ujumbe, Ujumbe on macOS; or Electron started on its built main,
 * dist/electron/main.cjs), or the `ujumbe` command (bin/ujumbe.mjs, its npm link, or
 * electron/cli.ts through tsx) running `serve`: the command is the first argument after the script.
 */
export function isUjumbeCommand(argv: readonly string[]): boolean {
  const program = argv[0];
  if (program === undefined) return false;
  if (/^ujumbe(?:\.exe)?$/i.test(baseName(program))) return true;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (/(?:^|[/\\])dist[/\\]electron[/\\]main\.cjs$/.test(arg)) return true;
    if (isUjumbeScript(arg)) return argv[i + 1] === 'serve';
  }
  return false;
}

/** /proc/<pid>/cmdline as argv, or [] when unreadable (ended, or a kernel thread). */
export async function readCommandLine(procRoot: string, pid: number): Promise<string[]> {
  try {
    const text = await readFile(join(procRoot, String(pid), 'cmdline'), 'utf8');
    const argv = text.split('\0');
    if (argv.at(-1) === '') argv.pop();
    return argv;
  } catch {
    return [];
  }
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
        if (seen.size === 0) return;
        const ujumbe = isUjumbeCommand(await readCommandLine(procRoot, p.pid));
        for (const device of seen) holders.set(device, [...(holders.get(device) ?? []), { pid: p.pid, program: p.program, device, ptyMaster, ujumbe }]);
      }),
  );
  for (const list of holders.values()) list.sort((a, b) => a.pid - b.pid);
  return { processes, holders, unreadable };
}
