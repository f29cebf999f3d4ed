// The first pass of a day-list import (electron/backend/reminders/import-check.ts): each problem
// of a row is its own error with line, column and rule; a row already booked as it is skips the
// text check; the reminders are planned in the patient's language.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../../electron/backend/reminders/built-in.ts';
import { checkImportRow, type ImportLookups } from '../../../electron/backend/reminders/import-check.ts';
import type { BookingContext } from '../../../electron/backend/reminders/reminder-texts.ts';
import { DEFAULT_PLAN } from '../../../src-shared/schedule/reminder-plan.ts';
import { DEFAULT_SEND_WINDOW } from '../../../src-shared/schedule/send-window.ts';
import type { AppointmentRecord } from '../../../electron/backend/store/repositories/appointment-repository.ts';

const NOW = Date.parse('2025-03-03T08:00:00Z'); // Monday 11:00 in Nairobi
const context: BookingContext = {
  timeZone: 'Africa/Nairobi',
  plans: [DEFAULT_PLAN],
  templates: new Map(BUILT_IN_TEMPLATES.map((t) => [t.id, { ...t, builtIn: true, updated: '2025-01-01T00:00:00.000Z' }])),
  clinicLanguage: 'en',
  clinicName: '',
  protocol: { defaultCountry: 'KE', maxSmsParts: 10 },
  sendWindow: DEFAULT_SEND_WINDOW,
};
const none: ImportLookups = { contact: () => undefined, appointment: () => undefined };
const good = { name: 'Amina Otieno', phone: '0712 345 678', date: '2025-03-07', time: '10:00', language: 'sw' };

describe('checkImportRow', () => {
  it('names every problem of a row with its column and rule', () => {
    const result = checkImportRow({ name: ' ', phone: '07123', date: '2025-03-07', time: '25:00' }, 7, context, none, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field, e.rule])).toEqual([
      [7, 'name', 'name.empty'],
      [7, 'phone', 'phone.invalid'],
      [7, 'date', 'time.invalid'],
    ]);
    const past = checkImportRow({ ...good, date: '2025-03-03', time: '10:59' }, 2, context, none, NOW);
    expect(!past.ok && past.errors.map((e) => e.rule)).toEqual(['time.past']);
    const shortCode = checkImportRow({ ...good, phone: '100' }, 2, context, none, NOW);
    expect(!shortCode.ok && shortCode.errors.map((e) => e.rule)).toEqual(['phone.short-code']);
  });

  it('plans the reminders in the patient’s language, the number in E.164', () => {
    const result = checkImportRow(good, 2, context, none, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({ name: 'Amina Otieno', phone: '+254712345678', language: 'sw', startMs: Date.parse('2025-03-07T07:00:00Z'), service: null, externalId: null });
    expect(result.row.texts!.planned.map((p) => [new Date(p.sendAtMs).toISOString(), p.text.slice(0, 13)])).toEqual([
      ['2025-03-06T06:00:00.000Z', 'Habari Amina,'],
      // The on-the-day step (07:00) is before the window opens (08:00): it is planned at 08:00.
      ['2025-03-07T05:00:00.000Z', 'Habari Amina,'],
    ]);
  });

  it('skips a step that the send window would push past the start', () => {
    const result = checkImportRow({ ...good, time: '08:00' }, 2, context, none, NOW);
    expect(result.ok && result.row.texts!.planned.map((p) => p.step)).toEqual([0]);
    expect(result.ok && result.row.texts!.skipped).toEqual([{ step: 1, atMs: Date.parse('2025-03-07T04:00:00Z') }]);
    // Sunday closed: the day-before step (Sunday 09:00) would go on Monday saying "tomorrow": skipped.
    const closedSunday = { ...context, sendWindow: { ...DEFAULT_SEND_WINDOW, days: [1, 2, 3, 4, 5, 6] } };
    const monday = checkImportRow({ ...good, date: '2025-03-10', time: '10:30' }, 2, closedSunday, none, NOW);
    expect(monday.ok && monday.row.texts!.planned.map((p) => [p.step, new Date(p.sendAtMs).toISOString()])).toEqual([[1, '2025-03-10T05:00:00.000Z']]);
    expect(monday.ok && monday.row.texts!.skipped.map((s) => s.step)).toEqual([0]);
    const wide = checkImportRow({ ...good, time: '08:00' }, 2, { ...context, sendWindow: { ...DEFAULT_SEND_WINDOW, start: '06:00' } }, none, NOW);
    expect(wide.ok && wide.row.texts!.planned.map((p) => new Date(p.sendAtMs).toISOString())).toEqual(['2025-03-06T06:00:00.000Z', '2025-03-07T04:00:00.000Z']);
  });

  it('takes a saved patient’s language and discretion when the row has no language', () => {
    const saved: ImportLookups = { contact: () => ({ contactId: 4, language: 'fr', discreet: false }), appointment: () => undefined };
    const result = checkImportRow({ ...good, language: undefined }, 2, context, saved, NOW);
    expect(result.ok && result.row.texts!.planned[0]!.text.startsWith('Bonjour')).toBe(true);
  });

  it('recognises a row already booked as it is and does not check its texts again', () => {
    const booked = { id: 9, start: '2025-03-07T07:00:00.000Z' } as AppointmentRecord;
    const lookups: ImportLookups = { contact: () => ({ contactId: 4, language: null, discreet: false }), appointment: () => booked };
    const result = checkImportRow({ ...good, service: '' }, 2, { ...context, templates: new Map() }, lookups, NOW);
    expect(result).toMatchObject({ ok: true, row: { texts: null } });
  });

  it('names the column of a merge field that is empty for the patient, and refuses a plan with no template', () => {
    const needsService = new Map(context.templates);
    needsService.set('reminder-day-before', { ...needsService.get('reminder-day-before')!, variants: { en: 'Hello {first_name}: {service} tomorrow.', sw: 'Habari {first_name}: {service} kesho.' } });
    const empty = checkImportRow(good, 3, { ...context, templates: needsService }, none, NOW);
    expect(!empty.ok && empty.errors.map((e) => [e.field, e.rule])).toEqual([['service', 'empty-field']]);
    const missing = checkImportRow(good, 3, { ...context, templates: new Map() }, none, NOW);
    expect(!missing.ok && missing.errors.map((e) => [e.field, e.rule])).toEqual([['template', 'template.unknown'], ['template', 'template.unknown']]);
  });
});
