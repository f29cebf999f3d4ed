// Templates' merge fields: filled per language and clinic zone, or refused naming the field.
import { describe, expect, it } from 'vitest';
import { chooseVariant, fieldsIn, fillTemplate, sensitiveWordsIn } from '../../../src-shared/templates/merge-fields.ts';
import { swahiliTime } from '../../../src-shared/templates/swahili-time.ts';

const NBO = 'Africa/Nairobi';
// Friday 4 December 2026, 10:00 in Nairobi.
const START = Date.parse('2026-12-04T07:00:00Z');
const AMINA = { name: 'Amina Otieno', phone: '+254712345678', startMs: START, service: 'ANC', clinic: 'Kliniki ya Mama' };

describe('merge fields', () => {
  it('fills a Swahili reminder with Swahili time', () => {
    const r = fillTemplate('Habari {first_name}, kumbusho: miadi yako {clinic} ni {day} {date} {time}.', AMINA, 'sw', NBO);
    expect(r).toEqual({ ok: true, text: 'Habari Amina, kumbusho: miadi yako Kliniki ya Mama ni Ijumaa 4 Desemba saa 4:00 asubuhi.' });
  });

  it('fills English and French with the clock', () => {
    expect(fillTemplate('{name}: {day} {date} at {time}', AMINA, 'en', NBO)).toEqual({ ok: true, text: 'Amina Otieno: Friday 4 December at 10:00' });
    expect(fillTemplate('{first_name}, rendez-vous {day} {date} à {time}', AMINA, 'fr', NBO)).toEqual({ ok: true, text: 'Amina, rendez-vous vendredi 4 décembre à 10:00' });
  });

  it('refuses an empty or unknown field, naming each', () => {
    expect(fillTemplate('Habari {name}, {service} {doctor}', { ...AMINA, service: '  ' }, 'sw', NBO)).toEqual({
      ok: false,
      problems: [{ field: 'service', rule: 'empty-field' }, { field: 'doctor', rule: 'unknown-field' }],
    });
    expect(fillTemplate('{time}', { name: 'A' }, 'en', NBO)).toEqual({ ok: false, problems: [{ field: 'time', rule: 'empty-field' }] });
  });

  it('uses words given for {date}, {time} and {day} before the appointment’s start', () => {
    const startMs = Date.parse('2025-03-07T07:00:00Z');
    expect(fillTemplate('{day} {time}', { startMs, words: { day: 'kesho' } }, 'sw', NBO)).toEqual({ ok: true, text: 'kesho saa 4:00 asubuhi' });
    expect(fillTemplate('{date}', { words: { date: ' ' } }, 'en', NBO)).toEqual({ ok: false, problems: [{ field: 'date', rule: 'empty-field' }] });
  });

  it('lists the fields a text uses, once each', () => {
    expect(fieldsIn('{name} {date} {name} {x}')).toEqual(['name', 'date', 'x']);
  });

  it('Swahili time counts from 06:00 and 18:00', () => {
    expect([[7, 0], [10, 0], [12, 0], [14, 30], [18, 0], [21, 0], [0, 15], [6, 0]].map(([h, m]) => swahiliTime(h!, m!))).toEqual([
      'saa 1:00 asubuhi', 'saa 4:00 asubuhi', 'saa 6:00 mchana', 'saa 8:30 mchana', 'saa 12:00 jioni', 'saa 3:00 usiku', 'saa 6:15 usiku', 'saa 12:00 asubuhi',
    ]);
  });

  it('finds words that say too much, as whole words', () => {
    expect(sensitiveWordsIn('Your HIV results are ready')).toEqual(['HIV', 'results']);
    expect(sensitiveWordsIn('Matokeo yako yako tayari')).toEqual(['matokeo']);
    expect(sensitiveWordsIn('Come to the TBA meeting')).toEqual([]);
  });

  it('chooses the contact’s language, then the fallback, then English', () => {
    const v = { en: 'Hello', sw: 'Habari', fr: '' };
    expect(chooseVariant(v, 'sw', 'en')).toEqual({ language: 'sw', text: 'Habari' });
    expect(chooseVariant(v, 'sw-KE', 'en')).toEqual({ language: 'sw', text: 'Habari' });
    expect(chooseVariant(v, 'fr', 'sw')).toEqual({ language: 'sw', text: 'Habari' });
    expect(chooseVariant(v, null, 'pt')).toEqual({ language: 'en', text: 'Hello' });
    expect(chooseVariant({}, 'sw', 'en')).toBeNull();
  });
});
