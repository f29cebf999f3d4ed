/**
 * The modem problems in English, for what is not the renderer: log lines, reasons written to the
 * attempt log, errors thrown to the CLI. The renderer words the same codes itself, in the
 * nurse's language (renderer/i18n); this table never crosses the contract.
 */
import type { ModemProblemCode } from '../../../../src-shared/model.ts';

export const MODEM_PROBLEM_WORDS: Readonly<Record<ModemProblemCode, string>> = {
  'not-answering': 'The modem is not answering. Check that it is plugged in; Ujumbe keeps trying.',
  'recovery-probing': 'The modem stopped answering. Checking whether it is still there…',
  'recovery-reinit': 'The modem answers again. Setting it up again…',
  'recovery-reopen': 'The modem still does not answer. Opening its port again…',
  'cannot-open': 'The modem\'s port cannot be opened. Ujumbe keeps trying.',
  'permission-denied': 'This user may not open the modem\'s port (on Linux: join the dialout group and log in again).',
  'port-busy': 'Another program holds the modem\'s port (ModemManager, or another Ujumbe).',
  unplugged: 'The modem was unplugged. Plug it in again; Ujumbe will reconnect by itself.',
  'waiting-for-modem': 'Waiting for the modem to be plugged in.',
  'sim-pin': 'The SIM card needs its PIN. Enter the PIN in the gateway settings.',
  'sim-pin-rejected': 'The SIM card refused the PIN. Check the PIN (Ujumbe will not try it again, to protect the SIM).',
  'sim-puk': 'The SIM card is locked. It needs its PUK code from the network operator.',
  'no-sim': 'There is no SIM card in the modem, or it is not pushed in properly.',
  'sim-unusable': 'The SIM card cannot be used in this modem.',
  'no-network': 'No network: sending is paused. Messages wait and go out when the modem finds the network again.',
  'network-denied': 'The network refused this SIM card: sending is paused. Check that the SIM is active.',
  'no-service-centre': 'The SIM card has no message centre number, so SMS cannot be sent.',
  'start-failed': 'The modem could not be started. Ujumbe keeps trying.',
  'other-modem': 'A different modem is plugged into this port. Plug this gateway\'s modem back in; Ujumbe will find it on any port.',
  'send-stopped': 'The modem refused to send for a reason that needs a person (see the last error); sending from it has stopped.',
  disabled: 'This modem is disabled.',
  'sim-full': 'The SIM card\'s message memory is full, so no SMS can arrive. Ujumbe is making room; if this stays, a technician should look at the SIM.',
};

/** The words for a problem, or for "not ready" when there is none. */
export function modemProblemWords(code: ModemProblemCode | null): string {
  return code === null ? 'The modem is not ready.' : MODEM_PROBLEM_WORDS[code];
}
