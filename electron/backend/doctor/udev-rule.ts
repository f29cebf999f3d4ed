/**
 * Ujumbe's udev rule (electron/packaging/linux/60-ujumbe-modems.rules): it tells ModemManager to
 * leave common SMS modems alone. The .deb installs it; an AppImage cannot (no install step), so
 * the field check says whether it is in place and where to copy it from.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';

export const UDEV_RULE_FILE = '60-ujumbe-modems.rules';

/** Where packaged builds keep it, under the app's resources folder (electron-builder.yml extraResources). */
export const UDEV_RULE_RESOURCE = join('udev', UDEV_RULE_FILE);

/** Where udev reads rules (udev(7)); the administrator's folder first, where a copy by hand goes. */
export const UDEV_RULE_DIRS = ['/etc/udev/rules.d', '/run/udev/rules.d', '/lib/udev/rules.d', '/usr/lib/udev/rules.d'] as const;

/** The folder a rule copied by hand belongs in. */
export const UDEV_RULE_TARGET = '/etc/udev/rules.d';

/** The first folder of `dirs` that holds the rule, or null. Never throws. */
export async function installedUdevRule(dirs: readonly string[] = UDEV_RULE_DIRS): Promise<string | null> {
  for (const dir of dirs) {
    const path = join(dir, UDEV_RULE_FILE);
    try {
      await access(path);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}
