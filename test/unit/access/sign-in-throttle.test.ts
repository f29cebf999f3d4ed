import { describe, expect, it } from 'vitest';
import { afterFailure, FIRST_BLOCK_MS, FREE_TRIES, LONGEST_BLOCK_MS, waitBeforeTry } from '../../../electron/backend/access/sign-in-throttle.ts';

const now = Date.parse('2026-12-03T09:00:00.000Z');

describe('sign-in-throttle', () => {
  it('lets a nurse mistype a few times, then blocks for 30 s, doubling to 15 minutes', () => {
    let count = 0;
    const blocks: number[] = [];
    for (let i = 0; i < 12; i++) {
      const next = afterFailure(count, now);
      count = next.failedCount;
      blocks.push(next.blockedUntil === null ? 0 : Date.parse(next.blockedUntil) - now);
    }
    expect(blocks.slice(0, FREE_TRIES - 1)).toEqual([0, 0, 0, 0]);
    expect(blocks[FREE_TRIES - 1]).toBe(FIRST_BLOCK_MS);
    expect(blocks[FREE_TRIES]).toBe(2 * FIRST_BLOCK_MS);
    expect(blocks.at(-1)).toBe(LONGEST_BLOCK_MS);
  });

  it('says how long is left, and 0 once the block has passed', () => {
    const until = new Date(now + 12_000).toISOString();
    expect(waitBeforeTry(until, now)).toBe(12_000);
    expect(waitBeforeTry(until, now + 12_000)).toBe(0);
    expect(waitBeforeTry(null, now)).toBe(0);
    expect(waitBeforeTry('not a time', now)).toBe(0);
  });
});
