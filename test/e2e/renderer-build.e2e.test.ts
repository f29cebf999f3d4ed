/**
 * The renderer build that ships (npm run build:renderer, run before the e2e project) carries no
 * source maps and no pointer to one (issue 10 item 11f): Electron loads it from the asar and the
 * headless host serves it to any browser on the machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(process.cwd(), 'dist', 'renderer');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!existsSync(join(DIST, 'index.html')))('the built renderer', () => {
  it('has no source map and no sourceMappingURL', () => {
    const files = filesUnder(DIST);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => f.toLowerCase().endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => /\.(js|css|html)$/.test(f))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/[#@] sourceMappingURL=/);
    }
  });
});
