import { describe, expect, it } from 'vitest';
import { firstWord, keywordOf, looksAutomatic } from '../../../src-shared/replies/keywords.ts';

describe('keywords', () => {
  it('takes the first word as compared, and a keyword as one word', () => {
    expect(firstWord('  hours? when are you open')).toBe('HOURS');
    expect(firstWord('Ramani!')).toBe('RAMANI');
    expect(firstWord('...')).toBeNull();
    expect(keywordOf(' Saa ')).toBe('SAA');
    expect(keywordOf('opening hours')).toBeNull();
    expect(keywordOf('')).toBeNull();
  });
  it('knows a machine’s automatic answer', () => {
    for (const text of ['Automatic reply: I am away', 'Auto-reply', 'Out of office until Monday', 'Do not reply to this message', 'Ujumbe huu ni wa kiotomatiki, usijibu', 'Réponse automatique']) expect(looksAutomatic(text), text).toBe(true);
    for (const text of ['HOURS', 'I will reply tomorrow', 'Automatically yours']) expect(looksAutomatic(text), text).toBe(false);
  });
});
