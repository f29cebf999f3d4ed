// The udev rule and the .deb scripts that install it (electron/packaging/linux, electron-builder.yml).
// Packaging itself cannot run here (no Electron download); this pins what can be checked offline.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UDEV_RULE_FILE, UDEV_RULE_RESOURCE } from '../../../electron/backend/doctor/udev-rule.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LINUX = join(ROOT, 'electron/packaging/linux');
const require = createRequire(import.meta.url);
const TEMPLATES = join(require.resolve('app-builder-lib/package.json'), '..', 'templates/linux');

const rule = readFileSync(join(LINUX, UDEV_RULE_FILE), 'utf8');
const ruleLines = rule.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

describe('60-ujumbe-modems.rules', () => {
  const TAG = /^ATTRS\{idVendor\}=="([0-9a-f]{4})"(?:, ATTRS\{idProduct\}=="([0-9a-f]{4})")?, ENV\{ID_MM_DEVICE_IGNORE\}="1"$/;

  it('is a guard, tag lines in ModemManager blacklist style, and the end label', () => {
    expect(ruleLines[0]).toBe('ACTION!="add|change|move|bind", GOTO="ujumbe_modems_end"');
    expect(ruleLines.at(-1)).toBe('LABEL="ujumbe_modems_end"');
    for (const line of ruleLines.slice(1, -1)) expect(line).toMatch(TAG);
  });

  it('lists each id once and covers the modems the clinics use', () => {
    const ids = ruleLines.slice(1, -1).map((l) => { const m = TAG.exec(l)!; return `${m[1]}:${m[2] ?? '*'}`; });
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['12d1:1506', '12d1:1001', '12d1:1c05', '19d2:0031', '19d2:0117', '19d2:1405', '19d2:2002', '2c7c:0125', '1e0e:9001', '1199:68c0', '114f:*', '1546:*', '1a86:7523', '10c4:ea60', '0403:6001']) {
      expect(ids, id).toContain(id);
    }
  });

  it('sets no permissions: the distribution decides the serial group (dialout, uucp)', () => {
    expect(ruleLines.some((l) => /\b(MODE|GROUP|OWNER)\s*:?=/.test(l))).toBe(false);
  });
});

/** electron-builder's own macro expansion of a script (app-builder-lib FpmTarget writeConfigFile). */
function expand(script: string): string {
  const macros: Record<string, string> = { executable: 'ujumbe', sanitizedProductName: 'Ujumbe' };
  return script.replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    if (!(name in macros)) throw new Error(`Macro ${name} is not defined`);
    return macros[name]!;
  });
}

describe('deb after-install / after-remove', () => {
  const scripts = { install: readFileSync(join(LINUX, 'after-install.sh'), 'utf8'), remove: readFileSync(join(LINUX, 'after-remove.sh'), 'utf8') };

  it('use only the macros electron-builder defines, and are valid bash once expanded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-deb-'));
    try {
      for (const [name, script] of Object.entries(scripts)) {
        const file = join(dir, `${name}.sh`);
        writeFileSync(file, expand(script));
        execFileSync('bash', ['-n', file]);
        expect(expand(script)).toContain("APP_DIR='/opt/Ujumbe'");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('install the rule from the resources folder into /lib/udev/rules.d, reload udev, and never fail the install', () => {
    expect(scripts.install).toContain(`RULE_SOURCE="$APP_DIR/resources/${UDEV_RULE_RESOURCE}"`);
    expect(scripts.install).toContain(`RULE_TARGET=/lib/udev/rules.d/${UDEV_RULE_FILE}`);
    expect(scripts.install).toMatch(/udevadm control --reload-rules && udevadm trigger[^\n]*\} >\/dev\/null 2>&1 \|\| true/);
    expect(scripts.install.trimEnd().endsWith('exit 0')).toBe(true);
    expect(scripts.install).not.toMatch(/^set -e/m);
    expect(scripts.remove).toContain(`RULE_TARGET=/lib/udev/rules.d/${UDEV_RULE_FILE}`);
    expect(scripts.remove).toMatch(/remove\|purge/);
    expect(scripts.remove.trimEnd().endsWith('exit 0')).toBe(true);
  });

  it("repeat every step of electron-builder's stock scripts, which they replace", () => {
    const stock = { install: readFileSync(join(TEMPLATES, 'after-install.tpl'), 'utf8'), remove: readFileSync(join(TEMPLATES, 'after-remove.tpl'), 'utf8') };
    const steps = {
      install: ['update-alternatives --install', 'chrome-sandbox', 'unshare --user true', 'update-mime-database', 'update-desktop-database', 'apparmor_parser --skip-kernel-load', 'apparmor_parser --replace', 'resources/apparmor-profile', 'ischroot'],
      remove: ['update-alternatives --remove', 'apparmor_parser --remove', '/etc/apparmor.d/'],
    };
    for (const part of ['install', 'remove'] as const) {
      for (const step of steps[part]) {
        expect(stock[part], `stock ${part}: ${step}`).toContain(step);
        expect(scripts[part], `ours ${part}: ${step}`).toContain(step);
      }
    }
    // When electron-builder changes its stock scripts, compare ours with them, then update these.
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect({ install: sha(stock.install), remove: sha(stock.remove) }).toEqual({
      install: '228d700c9698f3d879d03d395f40aa979ed0729d8b5a376b6fcf35a4a72c6006',
      remove: 'c454c4d77e217575bb5eb6c1dc13147c0be9ec193c41242bee8c8747e5d62801',
    });
  });
});

describe('electron-builder.yml', () => {
  it("is valid for electron-builder, ships the rule in resources/udev and names the deb's scripts", async () => {
    type Config = { linux: { extraResources: Array<{ from: string; to: string }> }; deb: { afterInstall: string; afterRemove: string } };
    const { getConfig } = require('app-builder-lib/out/util/config/load.js') as { getConfig: (request: object, path: string) => Promise<{ result: Config }> };
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (config: object, log: object) => Promise<void> };
    const { result: config } = await getConfig({ projectDir: ROOT, packageKey: 'build', configFilename: 'electron-builder' }, 'electron-builder.yml');
    await validateConfiguration(config, { add() {}, isEnabled: false });
    expect(config.linux.extraResources).toContainEqual({ from: `electron/packaging/linux/${UDEV_RULE_FILE}`, to: UDEV_RULE_RESOURCE });
    for (const file of [config.linux.extraResources[0]!.from, config.deb.afterInstall, config.deb.afterRemove]) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });
});
