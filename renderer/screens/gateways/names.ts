/** How the Gateways screen names a modem and a port. */

/** "huawei" "E3131" -> "Huawei E3131"; nothing known -> null. */
export function modemName(manufacturer: string | null | undefined, model: string | null | undefined): string | null {
  const maker = manufacturer?.trim() || null;
  const type = model?.trim() || null;
  const name = [maker ? maker.charAt(0).toUpperCase() + maker.slice(1) : null, type].filter(Boolean).join(' ');
  return name === '' ? null : name;
}

/** "/dev/ttyUSB0" -> "ttyUSB0", "\\\\.\\COM12" -> "COM12", "COM4" -> "COM4". */
export function portBaseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  return parts[parts.length - 1] ?? path;
}
