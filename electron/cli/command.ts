/** One subcommand of the `ujumbe` command line. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line for `ujumbe --help`. */
  summary: string;
  /** The full `--help` text of the subcommand. */
  help: string;
  /** Returns the process exit code. Bad input: a one-line message on `err` and a non-zero code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
