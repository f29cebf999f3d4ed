// Appointments and their reminders through the contract, on the injected clock: booking
// schedules the plan's steps still ahead (texts in the patient's language), the same import
// twice changes nothing, moving re-plans, cancelling or attending cancels what waits, a past
// start or a bad phone is refused naming the field, and a reminder reaches the gateway at its time.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

// The harness clock starts at 2025-03-03T08:00:00Z: Monday 11:00 in Nairobi.
const HOUR = 3_600_000;
const FRIDAY_10 = '2025-03-07T07:00:00.000Z'; // Friday 7 March, 10:00 Nairobi

async function setup() {
  h = await makeApiHarness();
  await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
  return h;
}

describe('appointments', () => {
  it('books and schedules the default plan in the patient’s language', async () => {
    await setup();
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678', language: 'sw' }, start: FRIDAY_10, service: 'ANC', externalId: 'EMR-1' });
    expect(a).toMatchObject({ status: 'booked', start: FRIDAY_10, created: true, patient: { name: 'Amina Otieno', phone: '+254712345678', language: 'sw' } });
    expect(a.reminders.map((r) => [r.sendAt, r.status, r.text])).toEqual([
      ['2025-03-06T06:00:00.000Z', 'scheduled', 'Habari Amina, kumbusho: miadi yako kliniki ni kesho, Ijumaa 7 Machi, saa 4:00 asubuhi.'],
      // The on-the-day step is at 07:00; the default send window opens at 08:00, so it is planned then.
      ['2025-03-07T05:00:00.000Z', 'scheduled', 'Habari Amina, miadi yako kliniki ni leo saa 4:00 asubuhi.'],
    ]);
    // Each is a scheduled, automated message that expires at the appointment.
    const message = h.backend.store.messages.get(a.reminders[0]!.messageId!);
    expect(message).toMatchObject({ automated: true, expiresAt: FRIDAY_10, sendAt: '2025-03-06T06:00:00.000Z' });
  });

  it("writes to a patient with no language in the patients' language, whatever the screen's (a new user's trial)", async () => {
    await setup();
    await h.client.call('settings.update', { language: 'sw' });
    const sw = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: FRIDAY_10 });
    expect(sw.reminders.find((r) => r.text !== null)?.text).toMatch(/^Habari Amina/);
    // The patients' language set apart: the screen going to English or Swahili changes nothing for them.
    await h.client.call('settings.update', { messageLanguage: 'sw', language: 'en' });
    const still = await h.client.call('appointments.book', { patient: { name: 'Baraka Mwangi', phone: '0712345679' }, start: FRIDAY_10 });
    expect(still.reminders.find((r) => r.text !== null)?.text).toMatch(/^Habari Baraka/);
    await h.client.call('settings.update', { messageLanguage: 'en', language: 'sw' });
    const en = await h.client.call('appointments.book', { patient: { name: 'Neema Achieng', phone: '0712345670' }, start: FRIDAY_10 });
    expect(en.reminders.find((r) => r.text !== null)?.text).toMatch(/^Hello Neema/);
  });

  it('announces each committed change as appointment.changed, an import once per chunk', async () => {
    await setup();
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: FRIDAY_10 });
    await h.client.call('appointments.update', { id: a.id, status: 'attended' });
    await h.client.call('appointments.import', { rows: [{ name: 'Baraka', phone: '0712345679', date: '2025-03-07', time: '11:00' }] });
    const changed = h.heard.filter((e) => e.event === 'appointment.changed').map((e) => e.payload);
    expect(changed).toEqual([{ ids: [a.id] }, { ids: [a.id] }, { ids: [expect.any(Number)] }]);
  });

  it('changes nothing when the same list is imported again', async () => {
    await setup();
    const first = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: FRIDAY_10, externalId: 'EMR-1' });
    const again = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '+254 712 345 678' }, start: FRIDAY_10, externalId: 'EMR-1' });
    const noExternal = await h.client.call('appointments.book', { patient: { name: 'Amina', phone: '0712345678' }, start: FRIDAY_10 });
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(noExternal).toMatchObject({ id: first.id, created: false });
    expect(h.backend.messaging.listMessages({ limit: 50 }).messages).toHaveLength(2);
  });

  it('skips a step whose time has passed, never sending it late', async () => {
    await setup();
    // Booked on Thursday at 15:00 Nairobi for Friday 10:00: the day-before step (Thursday 09:00) has passed.
    h.clock.advance(3 * 24 * HOUR + 4 * HOUR);
    const a = await h.client.call('appointments.book', { patient: { name: 'Baraka', phone: '0712345679' }, start: FRIDAY_10 });
    expect(a.reminders.map((r) => [r.step, r.status])).toEqual([[0, 'skipped'], [1, 'scheduled']]);
  });

  it('re-plans when moved and cancels what waits when cancelled or attended', async () => {
    await setup();
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: FRIDAY_10 });
    const moved = await h.client.call('appointments.update', { id: a.id, start: '2025-03-10T07:00:00.000Z' });
    expect(moved.reminders.map((r) => [r.sendAt, r.status])).toEqual([
      ['2025-03-06T06:00:00.000Z', 'cancelled'],
      ['2025-03-07T05:00:00.000Z', 'cancelled'],
      ['2025-03-09T06:00:00.000Z', 'scheduled'],
      ['2025-03-10T05:00:00.000Z', 'scheduled'],
    ]);
    const cancelled = await h.client.call('appointments.update', { id: a.id, status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.reminders.every((r) => r.status === 'cancelled')).toBe(true);
    expect(h.backend.messaging.listMessages({ limit: 50, status: 'scheduled' }).messages).toEqual([]);
  });

  it('sends a missed-appointment follow-up only when the appointment was not marked attended', async () => {
    await setup();
    await h.client.call('reminderPlans.put', {
      id: 'tb',
      name: 'TB clinic',
      services: ['TB'],
      steps: [
        { kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' },
        { kind: 'days-after-if-missed', days: 1, at: '10:00', template: 'missed-appointment' },
      ],
    });
    const missed = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678', language: 'en' }, start: FRIDAY_10, service: 'TB' });
    const attended = await h.client.call('appointments.book', { patient: { name: 'Baraka', phone: '0712345679', language: 'sw' }, start: FRIDAY_10, service: 'TB' });
    expect(missed.reminders.map((r) => [r.sendAt, r.status])).toEqual([
      ['2025-03-06T06:00:00.000Z', 'scheduled'],
      ['2025-03-08T07:00:00.000Z', 'scheduled'],
    ]);
    // The follow-up may wait a day (a closed window, the modem away), not expire at the start.
    expect(h.backend.store.messages.get(missed.reminders[1]!.messageId!)).toMatchObject({ sendAt: '2025-03-08T07:00:00.000Z', expiresAt: '2025-03-09T07:00:00.000Z' });
    const afterMissed = await h.client.call('appointments.update', { id: missed.id, status: 'missed' });
    expect(afterMissed.reminders.map((r) => r.status)).toEqual(['cancelled', 'scheduled']);
    const afterAttended = await h.client.call('appointments.update', { id: attended.id, status: 'attended' });
    expect(afterAttended.reminders.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    h.clock.advance(Date.parse('2025-03-08T07:00:00Z') - h.clock.now());
    await flush();
    expect(h.modem.calls.map((c) => [c.address, c.content])).toEqual([
      ['+254712345678', 'Hello Amina, we missed you at the clinic on Friday 7 March. Please call us or come in to book a new appointment.'],
    ]);
  });

  it('refuses a start in the past and a bad phone, naming each, and saves nothing', async () => {
    await setup();
    const failure = await failureOf(h.client.call('appointments.book', { patient: { name: 'X', phone: '071234' }, start: '2020-01-01T00:00:00Z' }));
    expect(failure.code).toBe('validation');
    expect((failure.details.issues as Array<{ where: string }>).map((i) => i.where)).toEqual(['start', 'patient.phone']);
    expect(h.backend.store.appointments.between('2000-01-01', '2100-01-01')).toEqual([]);
  });

  it('a reminder reaches the gateway at its time (a step before the send window opens is planned at its opening)', async () => {
    await setup();
    await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678', language: 'en' }, start: FRIDAY_10 });
    // Thursday 09:00 Nairobi: the day-before reminder.
    h.clock.advance(Date.parse('2025-03-06T06:00:00Z') - h.clock.now() - 1);
    await flush();
    expect(h.modem.calls).toHaveLength(0);
    h.clock.advance(1);
    await flush();
    expect(h.modem.calls.map((c) => c.content)).toEqual(['Hello Amina, a reminder: your appointment at the clinic is tomorrow, Friday 7 March, at 10:00.']);
    // The on-the-day step says 07:00, outside the default 08:00-19:00 window: it was planned for 08:00.
    h.clock.advance(Date.parse('2025-03-07T05:00:00Z') - h.clock.now() - 1);
    await flush();
    expect(h.modem.calls).toHaveLength(1);
    h.clock.advance(1);
    await flush();
    expect(h.modem.calls.map((c) => c.content).at(-1)).toBe('Hello Amina, your appointment at the clinic is today at 10:00.');
  });

  it('lists one contact’s appointments, latest first', async () => {
    await setup();
    const first = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: FRIDAY_10 });
    const second = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: '2025-03-14T07:00:00.000Z' });
    await h.client.call('appointments.book', { patient: { name: 'Baraka', phone: '0712345679' }, start: FRIDAY_10 });
    const listed = await h.client.call('appointments.forContact', { contactId: first.patient.contactId });
    expect(listed.items.map((a) => a.id)).toEqual([second.id, first.id]);
    expect((await failureOf(h.client.call('appointments.forContact', { contactId: 9_999 }))).code).toBe('not-found');
  });

  it('lists one clinic day, both ends included', async () => {
    await setup();
    await h.client.call('appointments.book', { patient: { name: 'A', phone: '0712345678' }, start: FRIDAY_10 });
    // 23:30 on Friday in Nairobi is 20:30Z.
    await h.client.call('appointments.book', { patient: { name: 'B', phone: '0712345679' }, start: '2025-03-07T20:30:00.000Z' });
    await h.client.call('appointments.book', { patient: { name: 'C', phone: '0712345670' }, start: '2025-03-07T21:30:00.000Z' });
    const friday = await h.client.call('appointments.list', { from: '2025-03-07', to: '2025-03-07' });
    expect(friday.items.map((a) => a.patient.name)).toEqual(['A', 'B']);
  });
});

describe('templates and plans', () => {
  it('has the built-in ones, takes a new template, and refuses an unknown merge field or template', async () => {
    await setup();
    expect((await h.client.call('templates.list', {})).items.map((t) => [t.id, t.builtIn])).toEqual(expect.arrayContaining([['reminder-day-before', true], ['reminder-on-the-day', true]]));
    const put = await h.client.call('templates.put', { id: 'results-ready', name: 'Results ready', variants: { en: 'Hello {first_name}, please come to the clinic.', sw: 'Habari {first_name}, tafadhali fika kliniki.' } });
    expect(put).toMatchObject({ id: 'results-ready', builtIn: false, fallbackLanguage: 'en' });
    const bad = await failureOf(h.client.call('templates.put', { id: 'x', name: 'X', variants: { en: 'Hi {doctor}' } }));
    expect(bad).toMatchObject({ code: 'validation' });
    expect((bad.details.issues as Array<{ where: string }>)[0]!.where).toBe('variants.en');
    const plan = await failureOf(h.client.call('reminderPlans.put', { id: 'ccc', name: 'CCC', services: ['CCC'], steps: [{ kind: 'hours-before', hours: 2, template: 'nope' }] }));
    expect(plan).toMatchObject({ code: 'validation' });
    expect((await h.client.call('reminderPlans.put', { id: 'ccc', name: 'CCC', services: ['CCC'], steps: [{ kind: 'hours-before', hours: 2, template: 'results-ready' }] })).steps).toHaveLength(1);
  });
});

describe('importing a day list', () => {
  it('checks every row first and saves nothing when one is bad, naming its line and field', async () => {
    await setup();
    const result = await h.client.call('appointments.import', {
      rows: [
        { name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00', service: 'ANC', externalId: 'E1' },
        { name: 'Baraka', phone: '07123', date: '2025-03-07', time: '10:30' },
        { name: '', phone: '0712345670', date: '2025-03-07', time: '25:00' },
      ],
    });
    expect(result.booked).toBe(0);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[3, 'phone'], [4, 'name'], [4, 'date']]);
    expect(h.backend.store.appointments.between('2000-01-01', '2100-01-01')).toEqual([]);
  });

  it('books a good list, and the same list again changes nothing', async () => {
    await setup();
    const rows = [
      { name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00', externalId: 'E1', language: 'sw' },
      { name: 'Baraka Mwangi', phone: '0712345679', date: '2025-03-07', time: '10:30' },
    ];
    expect(await h.client.call('appointments.import', { rows })).toEqual({ booked: 2, unchanged: 0, reminders: 4, errors: [] });
    expect(await h.client.call('appointments.import', { rows })).toEqual({ booked: 0, unchanged: 2, reminders: 0, errors: [] });
    expect(h.backend.messaging.listMessages({ limit: 50 }).messages).toHaveLength(4);
  });

  it('books a patient listed twice in one file once, and gives every error its rule', async () => {
    await setup();
    const rows = [
      { name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00', externalId: 'E1' },
      { name: 'Amina Otieno', phone: '+254712345678', date: '2025-03-07', time: '10:00', externalId: 'E1' },
      { name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00' },
    ];
    expect(await h.client.call('appointments.import', { rows })).toEqual({ booked: 1, unchanged: 2, reminders: 2, errors: [] });
    const bad = await h.client.call('appointments.import', { rows: [{ name: 'X', phone: '07123', date: '2025-03-07', time: '10:00' }] });
    expect(bad.errors).toEqual([{ line: 2, field: 'phone', rule: 'phone.invalid', reason: expect.stringContaining('not a valid phone number') }]);
  });

  it('saves each imported reminder as a scheduled automated SMS whose log says when it goes, and wakes the dispatcher for them', async () => {
    await setup();
    await h.client.call('appointments.import', { rows: [{ name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00', language: 'sw' }] });
    const [appointment] = h.backend.store.appointments.between('2000-01-01', '2100-01-01');
    const reminders = h.backend.store.appointments.reminders(appointment!.id);
    const detail = h.backend.messaging.getMessage(reminders[0]!.messageId!)!;
    expect(detail).toMatchObject({ automated: true, direction: 'out', sendAt: '2025-03-06T06:00:00.000Z', expiresAt: '2025-03-07T07:00:00.000Z', options: { statusReport: true } });
    expect(detail.recipients).toMatchObject([{ address: '+254712345678', status: 'scheduled', contactId: appointment!.contactId, log: [{ from: null, to: 'scheduled', reason: 'Scheduled for 2025-03-06 09:00' }] }]);
    expect(h.backend.store.contacts.messaging(appointment!.contactId)).toEqual({ language: 'sw', discreet: false });
    // The day-before reminder goes at 09:00 on Thursday, not before.
    h.clock.advance(Date.parse('2025-03-06T06:00:00Z') - h.clock.now() - 1);
    await flush();
    expect(h.modem.calls).toHaveLength(0);
    h.clock.advance(1);
    await flush();
    expect(h.modem.calls.map((c) => c.content)).toEqual([detail.content]);
  });

  it('refuses the whole list when a reminder text cannot be written for one row, naming its line', async () => {
    await setup();
    await h.client.call('templates.put', { id: 'reminder-day-before', name: 'Day before', variants: { en: 'Hello {first_name}: {service} tomorrow at {time}.', sw: 'Habari {first_name}: {service} kesho {time}.' } });
    const result = await h.client.call('appointments.import', {
      rows: [
        { name: 'Amina Otieno', phone: '0712345678', date: '2025-03-07', time: '10:00', service: 'ANC' },
        { name: 'Baraka Mwangi', phone: '0712345679', date: '2025-03-07', time: '10:30' },
      ],
    });
    expect(result.booked).toBe(0);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[3, 'service']]);
    expect(h.backend.store.appointments.between('2000-01-01', '2100-01-01')).toEqual([]);
  });
});
