/**
 * The desktop app's log: one JSON object per line in `<logs>/main.log` (readable by this user
 * only) and on stderr, for a support person. Same rules as the backend's logs: ids, codes and
 * counts at info level, never message text or phone numbers.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonLogger, type Logger } from '../backend/logger.ts';

export function createMainLogger(logsDir: string): Logger {
  let file: NodeJS.WritableStream | null = null;
  try {
    mkdirSync(logsDir, { recursive: true, mode: 0o700 });
    const stream = createWriteStream(join(logsDir, 'main.log'), { flags: 'a', mode: 0o600 });
    // A full disk must not take the app down: stop writing the file, keep stderr.
    stream.on('error', () => {
      file = null;
    });
    file = stream;
  } catch {
    file = null;
  }
  return createJsonLogger({
    level: 'info',
    base: { component: 'electron-main' },
    write(line) {
      process.stderr.write(line + '\n');
      file?.write(line + '\n');
    },
  });
}
