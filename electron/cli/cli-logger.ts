/** The CLI's logger: JSON lines on stderr, quiet (warnings and errors) unless --verbose. */
import { createJsonLogger, type Logger, type LogLevel } from '../backend/logger.ts';

export function createCliLogger(level: LogLevel = 'warn'): Logger {
  return createJsonLogger({ level, write: (line) => process.stderr.write(line + '\n') });
}
