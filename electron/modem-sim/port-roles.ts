// What a simulated tty is. A USB stick shows several (a Huawei E3131 three, two of them
// answering AT): `modem` is the full AT interpreter; `diagnostic` answers AT and identity
// queries (V.250, 27.007 §5) but refuses every SMS command of 27.005 with ERROR, like a
// diagnostics/PCUI port that is no place for SMS; `not-a-modem` answers every command line with
// bytes that are no AT answer at all (a GPS, a serial console, a modem at the wrong baud rate).

export type PortRole = 'modem' | 'diagnostic' | 'not-a-modem';

/** 27.005 §3 commands a diagnostic port refuses: +CMGF, +CNMI, +CMGS, +CPMS, +CSCA ... */
const SMS_COMMAND = /^\+C(?:MGF|NMI|MGS|MGL|MGR|MGD|MGW|MSS|MMS|PMS|SMS|SCA|SMP|NMA|SDH|SCB)(?=[=?]|$)/i;

/** True when a port of this role refuses `command` (one command, without `AT`). */
export function refusedOnPort(role: PortRole, command: string): boolean {
  return role === 'diagnostic' && SMS_COMMAND.test(command);
}

/**
 * The answer of a `not-a-modem` port to one line: binary noise with a CR LF in it, so an AT
 * channel sees stray "lines" too. Deterministic (the n-th answer is always the same) and never
 * an OK, ERROR or prompt.
 */
export function garbageAnswer(n: number): string {
  let seed = (n * 2_654_435_761 + 12_345) >>> 0;
  let out = '';
  for (let i = 0; i < 24; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    out += String.fromCharCode(0x80 | ((seed >>> 16) & 0x7f));
    if (i === 11) out += '\r\n';
  }
  return out;
}
