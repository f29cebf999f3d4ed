/**
 * A small structured logger. Patient data stays on the machine and out of logs
 * (docs/ARCHITECTURE.md "Invariants"): at info level and above, fields carry ids, codes and counts,
 * never message text or phone numbers.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Discards everything: the default in tests and for callers that pass no logger. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface JsonLoggerOptions {
  /** Lowest level written. */
  level?: LogLevel;
  /** Where each JSON line goes; stderr by default so stdout stays for CLI output. */
  write?: (line: string) => void;
  /** Timestamps for the lines. */
  now?: () => number;
  /** Added to every line, e.g. { component: 'dispatcher' }. */
  base?: LogFields;
}

/** Writes one JSON object per line: easy to grep, easy to ship to a support person. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? Date.now;
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < threshold) return;
    write(JSON.stringify({ at: new Date(now()).toISOString(), level, message, ...options.base, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
