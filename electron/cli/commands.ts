/** The list of subcommands, in the order `ujumbe --help` shows them. */
import type { CliCommand } from './command.ts';
import { doctorCommand } from './doctor.ts';
import { messagesCommand } from './messages.ts';
import { modemsCommand } from './modems.ts';
import { pduCommand } from './pdu.ts';
import { sendCommand } from './send.ts';
import { recoverCommand } from './recover.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';
import { serveCommand } from './serve.ts';

export const commands: readonly CliCommand[] = [serveCommand, sendCommand, messagesCommand, modemsCommand, doctorCommand, recoverCommand, backupCommand, restoreCommand, pduCommand];
