/**
 * Where the modem puts SMS-STATUS-REPORTs: stored and announced (AT+CNMI <ds>=2, `+CDSI:
 * <mem>,<index>`), or printed once to the terminal (<ds>=1, `+CDS:`), 27.005 §3.4.1. A +CDS that
 * comes while no program reads the port is gone, so a report that arrives while Ujumbe is closed
 * (or killed) leaves its message `sent` for ever; a stored one waits for the next start's sweep
 * (docs/ARCHITECTURE.md "Receiving and delivery reports"). Stored reports are therefore preferred
 * where the modem can be trusted with them: the profile row says so, or AT+CNMI=? lists <ds> 2.
 * Pure: no I/O here; the driver asks AT+CNMI=? and hands the lines over.
 */
import type { ModemProfile } from './profiles.ts';

/**
 * A profile's word on stored status reports (docs/ARCHITECTURE.md "Habits": quirks are table rows):
 * - `when-listed`: use <ds>=2 when the modem's AT+CNMI=? lists it (the rule for modems we have no
 *   document against);
 * - `never`: keep <ds>=1 even when AT+CNMI=? lists 2 (the device announces stored reports it cannot
 *   give back).
 */
export interface StoredReportsRow {
  use: 'when-listed' | 'never';
  /** The device or document the row comes from. */
  note: string;
}

/** The AT+CNMI settings that store status reports, best first (<mode> 2 buffers URCs while the link is busy). */
export const CNMI_STORED_REPORTS: readonly string[] = ['2,1,0,2,0', '1,1,0,2,0'];

/**
 * The values each parameter of `+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)` allows (27.005 §3.4.1 test
 * command: <mode>s, <mt>s, <bm>s, <ds>s, <bfr>s), or null when no +CNMI: line can be read.
 * Ranges (`0-2`) and lists (`0,1,2`) are both read; spaces are ignored.
 */
export function parseCnmiTest(lines: readonly string[]): number[][] | null {
  const line = lines.find((l) => l.startsWith('+CNMI:'));
  if (line === undefined) return null;
  const groups = [...line.slice('+CNMI:'.length).matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '');
  if (groups.length === 0) return null;
  return groups.map((group) => {
    const values: number[] = [];
    for (const item of group.split(',')) {
      const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(item);
      if (!range) continue;
      const from = Number(range[1]);
      const to = range[2] === undefined ? from : Number(range[2]);
      for (let v = from; v <= to && v - from < 16; v++) values.push(v);
    }
    return values;
  });
}

/** Whether this modem should store its status reports (<ds>=2), from its profile row and its AT+CNMI=? answer (null: not known). */
export function prefersStoredReports(profile: Pick<ModemProfile, 'storedReports'>, cnmiTest: readonly string[] | null): boolean {
  if (profile.storedReports.use === 'never' || cnmiTest === null) return false;
  const ds = parseCnmiTest(cnmiTest)?.[3];
  return ds?.includes(2) === true;
}

/**
 * The AT+CNMI values to try in order: the stored-report ones first when `prefersStoredReports`,
 * then the profile's own list (<ds>=1 first), which stays the fallback for a modem that refuses them.
 */
export function cnmiCandidates(profile: Pick<ModemProfile, 'storedReports' | 'cnmi'>, cnmiTest: readonly string[] | null): string[] {
  if (!prefersStoredReports(profile, cnmiTest)) return [...profile.cnmi];
  return [...CNMI_STORED_REPORTS, ...profile.cnmi.filter((value) => !CNMI_STORED_REPORTS.includes(value))];
}

/** How an accepted AT+CNMI value routes status reports: <ds> 2 stored, 1 direct, else none. */
export function reportRouting(cnmi: string | null): 'stored' | 'direct' | 'none' {
  const ds = cnmi?.split(',')[3]?.trim();
  return ds === '2' ? 'stored' : ds === '1' ? 'direct' : 'none';
}
