/**
 * The audit trail as CSV (the Audit screen's "Export CSV"): one row per entry, newest first, the
 * instant as ISO (with the clinic's wall time beside it for people), the codes as stored and the
 * action in words. A cell that a spreadsheet would run as a formula (= + - @, tab, CR: OWASP "CSV
 * Injection"; a user's or a key's name is typed by people) gets a leading apostrophe, as the
 * contacts export does (papaparse escapeFormulae).
 */
import Papa from 'papaparse';
import type { AuditEntryDto } from '../../../src-shared/contract/access-commands.ts';
import { clinicStamp } from '../../../src-shared/schedule/clinic-time.ts';
import { downloadText } from '../../ui/download.ts';

export const AUDIT_CSV_FIELDS = ['id', 'at', 'clinicTime', 'actor', 'actorName', 'action', 'actionWords', 'object'] as const;

export function auditCsv(items: readonly AuditEntryDto[], timeZone: string, words: (action: string) => string): string {
  const data = items.map((e) => [String(e.id), e.at, clinicStamp(e.at, timeZone), e.actor, e.actorName, e.action, words(e.action), e.object]);
  return `${Papa.unparse({ fields: [...AUDIT_CSV_FIELDS], data }, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}

export function auditFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `ujumbe-audit-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

export function downloadAuditCsv(csv: string, now: Date = new Date()): void {
  downloadText(['\ufeff', csv], auditFileName(now), 'text/csv;charset=utf-8');
}
