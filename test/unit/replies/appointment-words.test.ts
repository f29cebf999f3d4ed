import { describe, expect, it } from 'vitest';
import { appointmentReplyOf, DEFAULT_REPLY_WORDS } from '../../../src-shared/replies/appointment-words.ts';

describe('appointment reply words', () => {
  it('confirms on 1, YES, NDIO, OUI, CONFIRM in any case and with punctuation', () => {
    for (const text of ['1', ' 1. ', 'yes', 'Yes!', 'ndio', 'Ndiyo', 'oui', 'CONFIRM']) expect(appointmentReplyOf(text, DEFAULT_REPLY_WORDS), text).toBe('confirm');
  });
  it('asks for another time on 2, NO, HAPANA, NON, RESCHEDULE', () => {
    for (const text of ['2', 'no', 'Hapana.', 'non', 'reschedule']) expect(appointmentReplyOf(text, DEFAULT_REPLY_WORDS), text).toBe('reschedule');
  });
  it('understands nothing else, whole message only', () => {
    for (const text of ['12', 'yes please', 'nitakuja kesho', '', 'NOPE']) expect(appointmentReplyOf(text, DEFAULT_REPLY_WORDS), text).toBeNull();
  });
});
