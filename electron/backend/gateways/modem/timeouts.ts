/**
 * Every wait on the modem has a name and a budget (docs/ARCHITECTURE.md "Habits": named timeouts). The AT channel, the driver and
 * the gateway look their waits up here; callers may override any of them per modem
 * (`ModemGateway({ timeouts })`) or per call (`AtChannel.send(cmd, { timeout })`).
 */
export const DEFAULT_AT_TIMEOUTS = {
  /** Ordinary commands (ATE0, +CMGF, +CSQ ...): modems answer in milliseconds; 5 s is generous. */
  default: 5_000,
  /** A probe `AT` after a hang: short, because we only want to know if anything is alive. */
  probe: 2_000,
  /** ATZ and the first commands after power-up: SIM800 and Wavecom take a second or two. */
  init: 10_000,
  /** AT+CPIN="...": the SIM checks the PIN itself; Quectel documents up to 5 s. */
  pin: 15_000,
  /** AT+CPMS, AT+CSCA?: read from the SIM, slow on old SIMs right after the PIN (27.005 §3.2.2). */
  sim: 10_000,
  /** AT+COPS?: answered from the modem's state, but some firmware asks the network. */
  operator: 30_000,
  /** From `AT+CMGS=<n>` to the `> ` prompt (27.005 §3.5.1): local, should be immediate. */
  prompt: 5_000,
  /** From Ctrl-Z to `+CMGS: <mr>`: the network round trip. Quectel documents 120 s max; 60 s covers
   * what we see on 2G in the field and keeps a stuck send from blocking the queue for minutes. */
  cmgsResult: 60_000,
  /** AT+CMGL=4 on a full SIM: the modem reads every slot from the card; 30 slots of an old SIM
   * take a few seconds, and ME storage can hold hundreds. */
  list: 60_000,
  /**
   * After a reply that ended on its information line (final-results.ts, e.g. Wavecom's
   * `+CPIN: READY` with no OK), how long a trailing OK is still taken as that command's, so it
   * is never read as the next command's answer. The next command waits this long only when the
   * OK does not come; modems that send it send it with the information line.
   */
  lateFinal: 300,
  /**
   * From the header of a two-line unsolicited code (`+CMT: ,<length>`, `+CDS: <length>`,
   * `+CBM:`; 27.005 §3.4.1, PDU mode) to its PDU line. Modems send the two lines together; when
   * the PDU line is lost (line noise, a USB hiccup) the channel stops waiting after this long, so
   * a later line is never taken for the PDU (at-channel.ts).
   */
  urcSecondLine: 1_000,
} as const satisfies Record<string, number>;

export type AtTimeoutName = keyof typeof DEFAULT_AT_TIMEOUTS;
export type AtTimeouts = Record<AtTimeoutName, number>;

/** The default table with a caller's overrides applied. */
export function resolveTimeouts(overrides: Partial<AtTimeouts> = {}): AtTimeouts {
  return { ...DEFAULT_AT_TIMEOUTS, ...overrides };
}
