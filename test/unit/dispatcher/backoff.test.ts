import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../electron/backend/dispatcher.ts';

const retry = { maxAttempts: 5, backoffBaseMs: 30_000, backoffMaxMs: 30 * 60_000 };

describe('retryDelayMs', () => {
  it('doubles from the base after each attempt, up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelayMs(n, retry, () => 0));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
    expect(retryDelayMs(500, retry, () => 0)).toBe(1_800_000);
  });

  it('shortens by at most 10% of jitter, never past the cap', () => {
    expect(retryDelayMs(1, retry, () => 0.5)).toBe(28_500);
    expect(retryDelayMs(1, retry, () => 0.999_999)).toBeGreaterThanOrEqual(27_000);
    expect(retryDelayMs(20, retry, () => 0)).toBeLessThanOrEqual(retry.backoffMaxMs);
  });
});
