/**
 * A reminder plan's step in words: "1 day before at 09:00 — Reminder: the day before". In
 * Swahili the time is read as patients read it ("saa 3:00 asubuhi"), the same words a
 * Swahili reminder uses (src-shared/templates/swahili-time.ts).
 */
import type { TFunction } from 'i18next';
import type { PlanStep } from '../../../src-shared/schedule/reminder-plan.ts';
import { swahiliTime } from '../../../src-shared/templates/swahili-time.ts';

export function clockWords(at: string, language: string): string {
  const [h, m] = at.split(':').map(Number) as [number, number];
  return language.split('-')[0] === 'sw' ? swahiliTime(h, m) : at;
}

/** When a step sends, in words (templates namespace). */
export function whenWords(t: TFunction, step: PlanStep, language: string): string {
  switch (step.kind) {
    case 'days-before':
      return step.days === 0 ? t('templates:step.onTheDay', { at: clockWords(step.at, language) }) : t('templates:step.daysBefore', { count: step.days, at: clockWords(step.at, language) });
    case 'hours-before':
      return t('templates:step.hoursBefore', { count: step.hours });
    case 'days-after-if-missed':
      return t('templates:step.daysAfter', { count: step.days, at: clockWords(step.at, language) });
  }
}

/** The whole step: when, then the template's name (or its id when there is no such template). */
export function stepWords(t: TFunction, step: PlanStep, language: string, templateName: (id: string) => string | null): string {
  const name = templateName(step.template);
  return t('templates:step.line', { when: whenWords(t, step, language), template: name ?? t('templates:step.noTemplate', { id: step.template }) });
}
