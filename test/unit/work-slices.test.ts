// inSlices (electron/backend/work-slices.ts): steps run in slices bounded by elapsed time, each
// slice wrapped (a transaction), with a pause between slices; at least one step per slice; a step
// that throws ends the work inside its wrap. Time is a counter the steps move, never a real clock.
import { describe, expect, it } from 'vitest';
import { inSlices } from '../../electron/backend/work-slices.ts';

function rig(stepMs: number) {
  let t = 0;
  const log: string[] = [];
  return {
    log,
    options: {
      sliceMs: 10,
      elapsedMs: () => t,
      wrap: (run: () => void) => {
        log.push('begin');
        run();
        log.push('commit');
      },
      afterSlice: (from: number, to: number) => log.push(`slice ${from}-${to}`),
      pause: async () => {
        log.push('pause');
      },
    },
    step: (i: number) => {
      log.push(`step ${i}`);
      t += stepMs;
    },
  };
}

describe('inSlices', () => {
  it('runs every step once, in slices of the time allowed, pausing between them', async () => {
    const r = rig(4);
    await inSlices(7, r.step, r.options);
    const slices = r.log.filter((l) => l.startsWith('slice'));
    // 4 ms steps, 10 ms slices: steps at 0, 4, 8 start before the slice's end.
    expect(slices).toEqual(['slice 0-3', 'slice 3-6', 'slice 6-7']);
    expect(r.log.filter((l) => l === 'pause')).toHaveLength(2);
    expect(r.log.slice(0, 6)).toEqual(['begin', 'step 0', 'step 1', 'step 2', 'commit', 'slice 0-3']);
  });

  it('runs at least one step in a slice even when a step is longer than the slice', async () => {
    const r = rig(25);
    await inSlices(3, r.step, r.options);
    expect(r.log.filter((l) => l.startsWith('slice'))).toEqual(['slice 0-1', 'slice 1-2', 'slice 2-3']);
  });

  it('does nothing for no steps, and stops at a step that throws inside its wrap', async () => {
    const r = rig(1);
    await inSlices(0, r.step, r.options);
    expect(r.log).toEqual([]);
    const boom = (i: number) => {
      r.step(i);
      if (i === 2) throw new Error('row 2');
    };
    await expect(inSlices(5, boom, r.options)).rejects.toThrow('row 2');
    expect(r.log).toEqual(['begin', 'step 0', 'step 1', 'step 2']);
  });
});
