/**
 * PINs and passwords (issue 13 "Users, roles, lock"): scrypt from node:crypto with a per-user
 * random salt, checked in constant time. Stored as one string, `scrypt$N$r$p$salt$hash`
 * (base64url), so the cost can be raised later without breaking saved users: the parameters
 * travel with each hash.
 *
 * N = 2^15, r = 8: 32 MiB and about 50–100 ms per check on a clinic laptop, run on libuv's
 * thread pool (the async `scrypt`), so sending and receiving go on while someone signs in.
 * A 4-digit PIN is still only 10,000 guesses: the throttle (sign-in-throttle.ts) is what stops
 * guessing at the desk; the cost protects a copied database, which is encrypted as well.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128 * N * r bytes; Node's default limit is 32 MiB exactly, too tight.
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashSecret(secret: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash that will not parse is a mismatch, never an exception: a damaged row cannot let anyone in. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_BYTES) return false;
  const key = await derive(secret, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so "no such user" and "wrong PIN" cannot be told apart by timing. */
export async function spendCheckTime(secret: string): Promise<void> {
  await derive(secret, Buffer.alloc(SALT_BYTES), SCRYPT_COST);
}
