/** The headless host's defaults, apart from host.ts so the CLI can show them without loading the host. */

/** `ujumbe serve`'s port when none is given: unassigned by IANA, easy to say on the phone. */
export const DEFAULT_PORT = 8765;
/** This computer only. */
export const DEFAULT_HOST = '127.0.0.1';
