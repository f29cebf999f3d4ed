/**
 * What the Reminders screen's tests share: a fixed clinic morning (only Date is faked, so
 * userEvent's own timers stay real) and the count of the screen's list loads.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { AppointmentDto } from '../../src-shared/contract/dto.ts';
import { resetAll } from './harness.tsx';

/** Thursday 3 January 2030, 09:00 in Nairobi (UTC+3). */
export const NOW = '2030-01-03T06:00:00.000Z';

/** Registers the fixed clock before each test, and the real clock and a clean state after. */
export function atClinicMorning(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(NOW));
  });
  afterEach(() => {
    vi.useRealTimers();
    resetAll();
  });
}

/** Loads of the screen's lists (each load asks the coming days and, with a status, the requests for another time). */
export const listLoads = (backend: { callsOf: (c: 'appointments.list') => Array<{ status?: string }> }) =>
  backend.callsOf('appointments.list').filter((c) => c.status === undefined);

/** An appointment as the contract gives it: booked, no reminders, a patient named after its id unless given. */
export const appointment = (over: Partial<AppointmentDto> & Pick<AppointmentDto, 'id' | 'start'>): AppointmentDto => ({
  status: 'booked',
  service: null,
  location: null,
  notes: '',
  externalId: null,
  patient: { contactId: over.id, name: `Patient ${over.id}`, phone: '+254712000000', language: null },
  reminders: [],
  created: false,
  ...over,
});
