// Opt-out words (src-shared/replies/consent-words.ts): whole message only, ignoring case,
// accents, punctuation and spacing; "STOP 12345" is not an opt-out (CHT #476).
import { describe, expect, it } from 'vitest';
import { consentWordOf, DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS, normaliseReply } from '../../../src-shared/replies/consent-words.ts';

const words = { optOut: DEFAULT_OPT_OUT_WORDS, optIn: DEFAULT_OPT_IN_WORDS };

describe('consent words', () => {
  it('knows STOP in any case, with punctuation and spaces around it, and the other languages', () => {
    for (const text of ['STOP', 'stop', ' Stop! ', 'stop.', 'STOP ALL', 'stop  all', 'Simama', 'acha', 'Arrêter', 'ARRETER!', 'arret', 'PARE', 'unsubscribe']) {
      expect(consentWordOf(text, words)?.kind, text).toBe('opt-out');
    }
    expect(consentWordOf('Arrêter', words)).toEqual({ kind: 'opt-out', word: 'ARRÊTER' });
  });

  it('is the whole message or nothing', () => {
    for (const text of ['STOP 12345', 'please stop', 'stopped', 'S T O P', 'STOP sending me this', '', '   ', '1']) {
      expect(consentWordOf(text, words), text).toBeNull();
    }
  });

  it('knows the opt-in words, and a clinic’s own', () => {
    expect(consentWordOf('start', words)).toEqual({ kind: 'opt-in', word: 'START' });
    expect(consentWordOf('Anza.', words)).toEqual({ kind: 'opt-in', word: 'ANZA' });
    expect(consentWordOf('basi', { optOut: [...DEFAULT_OPT_OUT_WORDS, 'Basi'], optIn: [] })).toEqual({ kind: 'opt-out', word: 'Basi' });
    // A word listed in both lists opts out: the safer reading.
    expect(consentWordOf('x', { optOut: ['X'], optIn: ['X'] })?.kind).toBe('opt-out');
  });

  it('normalises accents, case, punctuation and spacing', () => {
    expect(normaliseReply('  Arrêter, s’il vous plaît! ')).toBe('ARRETER S IL VOUS PLAIT');
  });
});
