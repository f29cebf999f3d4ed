/** When to try a transiently failed message again. */
import type { RetrySettings } from '../store/repositories/settings-repository.ts';

/** Up to 10% shorter, so many messages failed by one network blip do not retry in lockstep. */
const JITTER = 0.1;

/**
 * Exponential backoff: backoffBaseMs after the first failed attempt, doubling after each
 * next one, never more than backoffMaxMs.
 * @param attempts attempts made so far (1 after the first failure).
 * @param random a number in [0, 1): Math.random, or a fixed value in tests.
 */
export function retryDelayMs(attempts: number, retry: RetrySettings, random: () => number): number {
  const exponent = Math.max(0, attempts - 1);
  // Cap before multiplying out: 2 ** 60 * 30 s is still finite, but keep it obviously so.
  const raw = exponent >= 40 ? retry.backoffMaxMs : Math.min(retry.backoffMaxMs, retry.backoffBaseMs * 2 ** exponent);
  return Math.round(raw * (1 - JITTER * random()));
}
