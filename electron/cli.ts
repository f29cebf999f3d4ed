/**
 * The `ujumbe` command: a thin router over subcommands in electron/cli/.
 * Every subcommand has --help; bad input prints one line and exits non-zero.
 */
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_USAGE, UsageError } from './cli/command.ts';
import { UjumbeError } from '../src-shared/errors.ts';
import { commands } from './cli/commands.ts';

function usage(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'Usage: ujumbe <command> [options]',
    '',
    'Ujumbe: an offline SMS desk for clinics, over a USB GSM modem.',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ujumbe <command> --help` for the options of one command.',
  ].join('\n');
}

const stdio: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(commands));
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`ujumbe: unknown command "${name}". Run \`ujumbe --help\` for the list.`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ujumbe ${name}: ${err.message}`);
      return EXIT_USAGE;
    }
    if (err instanceof UjumbeError || err instanceof Error) {
      io.err(`ujumbe ${name}: ${err.message}`);
      return EXIT_FAILURE;
    }
    io.err(`ujumbe ${name}: ${String(err)}`);
    return EXIT_FAILURE;
  }
}
