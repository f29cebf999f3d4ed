/**
 * Final result codes: the line that ends a command's response (gammu's `StartStrings`,
 * libgammu/protocol/at/at.c). Everything the modem sends between the echo and this line is the
 * command's information text.
 */

export type FinalResult =
  | { type: 'ok' }
  /** Plain `ERROR` and the vendor spellings of it: no cause given. */
  | { type: 'error'; text: string }
  /** `+CME ERROR: <err>` (27.007 §9.2) or `+CMS ERROR: <err>` (27.005 §3.2.5). `code` is null
   * when the modem sent only words (+CMEE=2) that we could not map to a number. */
  | { type: 'cme' | 'cms'; code: number | null; text: string }
  /** Call progress results that end ATD; they end a command only if one is in flight. */
  | { type: 'call'; text: string };

interface FinalResultRow {
  /** The line starts with this; `exact` rows must match the whole line. */
  prefix: string;
  exact?: boolean;
  type: FinalResult['type'];
  note: string;
}

export const FINAL_RESULT_CODES: readonly FinalResultRow[] = [
  { prefix: 'OK', exact: true, type: 'ok', note: 'V.250 §5.7.1: command line executed' },
  { prefix: 'ERROR', exact: true, type: 'error', note: 'V.250 §5.7.1: command not accepted' },
  { prefix: '+CME ERROR:', type: 'cme', note: '27.007 §9.2: equipment error, numeric (+CMEE=1) or verbose (+CMEE=2)' },
  { prefix: '+CMS ERROR:', type: 'cms', note: '27.005 §3.2.5: message service error, numeric or verbose' },
  { prefix: 'COMMAND NOT SUPPORT', exact: true, type: 'error', note: 'Huawei E-series: unknown command (gammu at.c StartStrings)' },
  { prefix: 'TOO MANY PARAMETERS', exact: true, type: 'error', note: 'Huawei E-series: extra parameters (seen on E173 firmware)' },
  { prefix: 'MODEM ERROR:', type: 'error', note: 'Motorola A1200 (gammu at.c StartStrings)' },
  { prefix: 'NO CARRIER', exact: true, type: 'call', note: 'V.250 §6.3.4: connection ended (final only for ATD/ATA/ATO)' },
  { prefix: 'BUSY', exact: true, type: 'call', note: 'V.250 §6.3.4: busy signal (ATD)' },
  { prefix: 'NO ANSWER', exact: true, type: 'call', note: 'V.250 §6.3.4: no answer (ATD)' },
  { prefix: 'NO DIALTONE', exact: true, type: 'call', note: 'V.250 §6.3.4: no dial tone (ATD)' },
];

/**
 * Parses a final result code.
 * @param verboseToCode maps the words of a verbose +CME/+CMS error to its number (the error table).
 * @returns the result, or null when the line is not a final result.
 */
export function parseFinalResult(
  line: string,
  verboseToCode: (family: 'cme' | 'cms', text: string) => number | null = () => null,
): FinalResult | null {
  for (const row of FINAL_RESULT_CODES) {
    const matches = row.exact ? line === row.prefix : line.startsWith(row.prefix);
    if (!matches) continue;
    switch (row.type) {
      case 'ok':
        return { type: 'ok' };
      case 'error':
      case 'call':
        return { type: row.type, text: line };
      case 'cme':
      case 'cms': {
        const text = line.slice(row.prefix.length).trim();
        const code = /^\d+$/.test(text) ? Number(text) : verboseToCode(row.type, text);
        return { type: row.type, code, text };
      }
    }
  }
  return null;
}

/**
 * Replies that may end on their information line, with no final result code after it. Once the
 * line arrives the command is complete; a final OK that follows within the `lateFinal` timeout
 * is taken as this command's (AtChannel), never as the next one's.
 */
interface InformationEndingRow {
  /** The whole command, upper case, as the channel sends it. */
  command: string;
  /** The information line that completes it. */
  linePrefix: string;
  note: string;
}

export const INFORMATION_LINE_ENDINGS: readonly InformationEndingRow[] = [
  {
    command: 'AT+CPIN?',
    linePrefix: '+CPIN:',
    // Applies to every modem, not only the Wavecom profile: the first AT+CPIN? may run before
    // AT+CGMI told us who made the modem (the read-only probe never learns it), and it is safe,
    // because 27.007 §8.3 gives the read command exactly one information line, +CPIN: <code>;
    // after it only the final result can come, which adds nothing.
    note: 'Wavecom Fastrack / Multiband 900E 1800: +CPIN: <code> and no OK (python-gsmmodem\'s recorded Wavecom answers; gammu\'s F_CPIN_NO_OK device flag)',
  },
];

/** True when `line` completes `command` although no final result code followed it. */
export function endsOnInformationLine(command: string, line: string): boolean {
  const upper = command.trim().toUpperCase();
  return INFORMATION_LINE_ENDINGS.some((row) => row.command === upper && line.startsWith(row.linePrefix));
}
