/** /etc/passwd (passwd(5): `name:password:UID:GID:...`): only to name a device's owner in the words. */
import { readFile } from 'node:fs/promises';

/** uid -> user name, for the well-formed lines. */
export function parsePasswdNames(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const [name, , uidText] = line.split(':');
    if (!name || uidText === undefined || !/^\d+$/.test(uidText)) continue;
    if (!names.has(Number(uidText))) names.set(Number(uidText), name);
  }
  return names;
}

/** The file's names, or an empty map when it cannot be read. Never throws. */
export async function readPasswdNames(path: string): Promise<Map<number, string>> {
  try {
    return parsePasswdNames(await readFile(path, 'utf8'));
  } catch {
    return new Map();
  }
}
