// A fake system tree in a temp folder for the field check: /proc, /etc/group, /etc/passwd,
// /dev, udev rule folders. Real files and symlinks, so the code under test reads them with
// the same fs calls it uses on a real system.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeTree {
  root: string;
  proc: string;
  dev: string;
  groupFile: string;
  passwdFile: string;
  rulesDir: string;
  /** A fake device file with this mode; returns its path. Its owner and group are whoever runs the test. */
  device(name: string, mode?: number): string;
  /** /etc/group and /etc/passwd, written whole. */
  groups(text: string): void;
  passwd(text: string): void;
  /** A process: its comm (null: none, it ended), its open files (fd number -> link target) and its argv (cmdline). */
  process(pid: number, program: string | null, fds?: Record<number, string>, argv?: readonly string[]): void;
  /** The gid and uid the fake devices get. */
  readonly gid: number;
  readonly uid: number;
  remove(): void;
}

export function fakeProcess(proc: string, pid: number, program: string | null, fds: Record<number, string> = {}, argv?: readonly string[]): void {
  const dir = join(proc, String(pid));
  mkdirSync(join(dir, 'fd'), { recursive: true });
  if (program !== null) writeFileSync(join(dir, 'comm'), `${program}\n`);
  // As the kernel gives it: each argument ends with a NUL.
  if (argv !== undefined) writeFileSync(join(dir, 'cmdline'), argv.map((a) => `${a}\0`).join(''));
  for (const [fd, target] of Object.entries(fds)) symlinkSync(target, join(dir, 'fd', fd));
}

export function fakeTree(): FakeTree {
  const root = mkdtempSync(join(tmpdir(), 'ujumbe-doctor-'));
  const proc = join(root, 'proc');
  const dev = join(root, 'dev');
  const rulesDir = join(root, 'etc', 'udev', 'rules.d');
  for (const dir of [proc, dev, rulesDir]) mkdirSync(dir, { recursive: true });
  const groupFile = join(root, 'etc', 'group');
  const passwdFile = join(root, 'etc', 'passwd');
  writeFileSync(groupFile, '');
  writeFileSync(passwdFile, '');
  const probe = statSync(root);
  return {
    root,
    proc,
    dev,
    groupFile,
    passwdFile,
    rulesDir,
    gid: probe.gid,
    uid: probe.uid,
    device(name, mode = 0o660) {
      const path = join(dev, name);
      writeFileSync(path, '');
      chmodSync(path, mode);
      return path;
    },
    groups: (text) => writeFileSync(groupFile, text),
    passwd: (text) => writeFileSync(passwdFile, text),
    process: (pid, program, fds = {}, argv) => fakeProcess(proc, pid, program, fds, argv),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
