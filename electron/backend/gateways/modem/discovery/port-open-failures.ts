/**
 * Why a serial port would not open, from the error serialport gives (its bindings put the
 * system's words in the message; there is no errno property). One row per cause, first match
 * wins, each with where the words come from. Used by detection, the modem gateway and
 * `ujumbe doctor`, so the panel and the command line say the same thing.
 */

export type PortOpenCause = 'permission-denied' | 'port-busy' | 'not-found' | 'open-failed';

interface OpenFailureRow {
  match: RegExp;
  cause: PortOpenCause;
  source: string;
}

export const PORT_OPEN_FAILURES: readonly OpenFailureRow[] = [
  // Windows opens COM ports exclusively: "Access denied" there means another program has it.
  { match: /Opening COM\d+: Access denied|access is denied/i, cause: 'port-busy', source: 'bindings-cpp on Windows: CreateFile ERROR_ACCESS_DENIED' },
  { match: /EACCES|permission denied/i, cause: 'permission-denied', source: 'open(2) EACCES (Linux: not in the dialout group)' },
  // serialport locks the port with flock(LOCK_EX | LOCK_NB) on open: EAGAIN / EWOULDBLOCK when
  // another process holds the lock (ModemManager, another Ujumbe, a terminal program).
  { match: /cannot lock port|resource temporarily unavailable|EBUSY|device or resource busy|EAGAIN/i, cause: 'port-busy', source: 'bindings-cpp flock on open; open(2) EBUSY (TIOCEXCL)' },
  { match: /ENOENT|no such file|file not found|cannot find the file/i, cause: 'not-found', source: 'open(2) ENOENT; Windows ERROR_FILE_NOT_FOUND' },
];

export function portOpenCause(message: string): PortOpenCause {
  return PORT_OPEN_FAILURES.find((row) => row.match.test(message))?.cause ?? 'open-failed';
}
