/**
 * Hand the exported CSV to the user as a download: a Blob behind an object URL and an <a download>,
 * which Chromium, Electron (its default will-download handling) and the headless host's browser
 * all honour. A byte-order mark first, so spreadsheet programs read Swahili names as UTF-8.
 */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `ujumbe-contacts-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

export function downloadCsv(csv: string, fileName: string): void {
  const blob = new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL can go once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
