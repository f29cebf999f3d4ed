import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../../electron/backend/access/secret-hash.ts';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('secret-hash', () => {
  it('checks a PIN against its scrypt string, and nothing else', async () => {
    const stored = await hashSecret('4821', CHEAP);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifySecret('4821', stored)).toBe(true);
    expect(await verifySecret('4822', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('salts each hash, so two users with the same PIN have different rows', async () => {
    expect(await hashSecret('0000', CHEAP)).not.toBe(await hashSecret('0000', CHEAP));
  });

  it('reads its cost from the stored string (the default cost can rise later)', async () => {
    const stored = await hashSecret('pass word', { N: 2 ** 11, r: 4, p: 1 });
    expect(await verifySecret('pass word', stored)).toBe(true);
  });

  it('treats a damaged or foreign row as a mismatch, never as an error or a match', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$8$1$AAAA$AAAA', 'scrypt$4294967296$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA', 'bcrypt$x$y$z$a$b']) {
      expect(await verifySecret('4821', bad)).toBe(false);
    }
  });

  it('reads composed and decomposed accents as the same password', async () => {
    const stored = await hashSecret('caf\u00e9', CHEAP);
    expect(await verifySecret('cafe\u0301', stored)).toBe(true);
  });
});
