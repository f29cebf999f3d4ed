/**
 * Hands text to the user as a file: a Blob behind an object URL and an <a download>, which
 * Chromium, Electron (its default will-download handling) and the headless host's browser all
 * honour.
 */
export function downloadText(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
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
