/**
 * A skipped reminder's words (renderer/screens/reminders/words.ts reminderBadgeWords): "its time
 * had passed" only when it had; a step still ahead was skipped by the send window.
 */
import { afterEach, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n, setLanguage } from '../../renderer/i18n/index.ts';
import { reminderBadgeWords } from '../../renderer/screens/reminders/words.ts';

afterEach(() => setLanguage('en'));

it('says why a step was skipped, in English and Swahili', () => {
  initI18n('en');
  const now = Date.UTC(2026, 11, 3, 19, 19);
  const t = i18next.t.bind(i18next);
  expect(reminderBadgeWords(t, 'skipped', '2026-12-03T06:00:00.000Z', now)).toBe('Skipped: its time had passed');
  expect(reminderBadgeWords(t, 'skipped', '2026-12-04T04:00:00.000Z', now)).toBe("Skipped: the clinic's send window would send it only after the appointment");
  expect(reminderBadgeWords(t, 'scheduled', '2026-12-04T04:00:00.000Z', now)).toBe('Scheduled');
  setLanguage('sw');
  expect(reminderBadgeWords(t, 'skipped', '2026-12-04T04:00:00.000Z', now)).toBe('Imerukwa: saa za kutuma za kliniki zingeituma baada ya miadi tu');
});
