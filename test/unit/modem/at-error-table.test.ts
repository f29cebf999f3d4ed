import { describe, expect, it } from 'vitest';
import { AT_ERROR_TABLE, atErrorCodeFromText, describeAtError } from '../../../electron/backend/gateways/modem/at-error-table.ts';

describe('AT error table', () => {
  it('cites a source and gives nurse words for every row', () => {
    for (const row of AT_ERROR_TABLE) {
      expect(row.source).toMatch(/TS \d\d\.\d\d\d|manual|not in/);
      expect(row.reason).toMatch(/\.$/);
    }
  });

  it('has no code twice among the single-code rows of a family', () => {
    for (const family of ['cms', 'cme'] as const) {
      const codes = AT_ERROR_TABLE.filter((r) => r.family === family && typeof r.code === 'number').map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it.each([
    ['cme', 11, 'gateway', /PIN/],
    ['cme', 12, 'gateway', /PUK/],
    ['cme', 13, 'gateway', /SIM/],
    ['cme', 10, 'gateway', /no SIM/],
    ['cme', 14, 'transient', /busy/],
    ['cms', 1, 'permanent', /does not exist/],
    ['cms', 21, 'permanent', /refused/],
    ['cms', 96, 'permanent', /support/],
    ['cms', 304, 'permanent', /support/],
    ['cms', 38, 'transient', /network/],
    ['cms', 41, 'transient', /network/],
    ['cms', 42, 'transient', /network/],
    ['cms', 331, 'transient', /signal/],
    ['cms', 332, 'transient', /network/],
    ['cms', 500, 'transient', /could not send/],
    ['cms', 310, 'gateway', /no SIM/],
    ['cms', 311, 'gateway', /PIN/],
    ['cms', 322, 'gateway', /full/],
    ['cms', 330, 'gateway', /message centre/],
  ] as const)('%s %i is %s', (family, code, kind, reason) => {
    const row = describeAtError(family, code);
    expect(row.kind).toBe(kind);
    expect(row.reason).toMatch(reason);
  });

  it('falls back to the range rows', () => {
    expect(describeAtError('cms', 63)).toMatchObject({ kind: 'transient', source: expect.stringMatching(/cause 41/) });
    expect(describeAtError('cms', 200)).toMatchObject({ kind: 'transient' });
    expect(describeAtError('cms', 513)).toMatchObject({ kind: 'transient', meaning: 'Manufacturer specific error' });
    expect(describeAtError('cme', 777)).toMatchObject({ kind: 'transient' });
  });

  it('maps verbose error words to codes, loosely', () => {
    expect(atErrorCodeFromText('cme', 'SIM PIN required')).toBe(11);
    expect(atErrorCodeFromText('cme', 'sim puk required')).toBe(12);
    expect(atErrorCodeFromText('cms', 'SIM PIN required')).toBe(311);
    expect(atErrorCodeFromText('cms', 'Unknown error')).toBe(500);
    expect(atErrorCodeFromText('cms', 'no such thing')).toBeNull();
  });
});
