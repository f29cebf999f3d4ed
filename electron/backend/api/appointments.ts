/** appointments.*: book, read, move or change the status of one, and list a span of clinic dates. */
import type { AppointmentDto } from '../../../src-shared/contract/dto.ts';
import { clinicDayStart } from '../../../src-shared/schedule/clinic-time.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { AppointmentView } from '../reminders/appointment-service.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function appointmentDto(v: AppointmentView): AppointmentDto {
  const a = v.appointment;
  return {
    id: a.id,
    status: a.status,
    start: a.start,
    service: a.service,
    location: a.location,
    notes: a.notes,
    externalId: a.externalId,
    patient: v.patient,
    reminders: v.reminders.map((r) => ({ step: r.step, sendAt: r.sendAt, status: r.status ?? r.state, text: r.text, messageId: r.messageId })),
    created: v.created,
  };
}

/** "2026-12-04" (clinic time) -> the instant its day starts. */

/**
 * @throws ValidationError from book (the patient's phone, a start in the past, a template field
 *   empty for this patient) and update (a bad start); NotFoundError from get and update.
 */
export function appointmentHandlers({ backend }: HandlerContext): AreaHandlers<'appointments'> {
  const { appointments, store } = backend;
  return {
    'appointments.book': (p) =>
      appointmentDto(
        appointments.book({
          patient: { name: p.patient.name, phone: p.patient.phone, language: p.patient.language ?? null },
          start: p.start,
          service: p.service ?? null,
          location: p.location ?? null,
          notes: p.notes ?? '',
          externalId: p.externalId ?? null,
        }),
      ),
    'appointments.import': ({ rows }) => appointments.importRows(rows),
    'appointments.get': ({ id }) => appointmentDto(appointments.get(id)),
    'appointments.update'({ id, start, status }) {
      let view = start === undefined ? appointments.get(id) : appointments.move(id, start);
      if (status !== undefined) view = appointments.setStatus(id, status);
      return appointmentDto(view);
    },
    'appointments.forContact': ({ contactId }) => ({ items: appointments.forContact(contactId).map(appointmentDto) }),
    'appointments.list'({ from, to, status }) {
      const timeZone = clinicTimeZone(store.settings.get('timeZone'));
      const views = appointments.between(clinicDayStart(from, timeZone), clinicDayStart(to, timeZone, 1));
      return { items: (status === undefined ? views : views.filter((v) => v.appointment.status === status)).map(appointmentDto) };
    },
  };
}
