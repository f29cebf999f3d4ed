/** The list of subcommands, in the order `ujumbe --help` shows them. */
import type { CliCommand } from './command.ts';

export const commands: readonly CliCommand[] = [];
