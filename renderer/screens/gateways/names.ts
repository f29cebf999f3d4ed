/** How the Gateways screen names a modem and a port. */

export { modemName } from '../../../src-shared/modem-names.ts';

/** "/dev/ttyUSB0" -> "ttyUSB0", "\\\\.\\COM12" -> "COM12", "COM4" -> "COM4". */
export function portBaseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  return parts[parts.length - 1] ?? path;
}
