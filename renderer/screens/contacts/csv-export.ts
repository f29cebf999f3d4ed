/**
 * Hand the exported CSV to the user as a download (ui/download.ts), with a byte-order mark first
 * so spreadsheet programs read Swahili names as UTF-8.
 */
import { downloadText } from '../../ui/download.ts';

export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `ujumbe-contacts-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

export function downloadCsv(csv: string, fileName: string): void {
  downloadText(['\ufeff', csv], fileName, 'text/csv;charset=utf-8');
}
