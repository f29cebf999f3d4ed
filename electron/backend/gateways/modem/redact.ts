/**
 * What of a command may appear in a log. The backend's logger keeps message text and numbers
 * out at info level (docs/ARCHITECTURE.md "Invariants"); the PIN of AT+CPIN="1234" stays out at every level.
 */
export function redactCommand(command: string): string {
  return command
    .replace(/^(AT\+CPIN=).*$/i, '$1"****"')
    .replace(/^(AT\+CPWD=).*$/i, '$1****')
    // Text mode puts the phone number in the command itself.
    .replace(/^(AT\+CMG[SW]=)".*$/i, '$1"…"');
}
