/**
 * What an appointment's reminders say and when they go: the plan for its service, each step's
 * time (src-shared/schedule/reminder-plan.ts) and its text in the patient's language
 * (src-shared/templates/merge-fields.ts), checked as SMS content. The one rule for both a
 * single booking and an imported list (appointment-service.ts, import-appointments.ts), so a
 * reminder reads the same whichever way it was booked.
 *
 * Everything it reads from the store is taken once, in a BookingContext: an import of 10,000
 * rows reads the plans, templates and settings once instead of 30,000 times.
 */
import type { ValidationIssue } from '../../../src-shared/errors.ts';
import { checkSmsContent, type ProtocolSettings } from '../../../src-shared/protocols/index.ts';
import { planForService, planTimes, stepTime, type ReminderPlan } from '../../../src-shared/schedule/reminder-plan.ts';
import { nextOpening, type SendWindow } from '../../../src-shared/schedule/send-window.ts';
import { clinicFields } from '../../../src-shared/schedule/clinic-time.ts';
import { fillTemplate, variantFor } from '../../../src-shared/templates/merge-fields.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { TemplateRecord } from '../store/repositories/template-repository.ts';
import type { Store } from '../store/store.ts';

/** The store's plans, templates and settings as one booking (or one import) sees them. */
export interface BookingContext {
  timeZone: string;
  plans: readonly ReminderPlan[];
  templates: ReadonlyMap<string, TemplateRecord>;
  /** The interface language: a patient with no language of their own gets it. */
  clinicLanguage: string;
  clinicName: string;
  protocol: ProtocolSettings;
  /** Automated messages go only inside it: a step before it opens is planned at its opening. */
  sendWindow: SendWindow;
}

export function bookingContext(store: Store): BookingContext {
  return {
    timeZone: clinicTimeZone(store.settings.get('timeZone')),
    plans: store.reminderPlans.list(),
    templates: new Map(store.templates.list().map((t) => [t.id, t])),
    clinicLanguage: store.settings.patientLanguage(),
    clinicName: store.settings.get('clinicName'),
    protocol: { defaultCountry: store.settings.get('defaultCountry'), maxSmsParts: store.settings.get('maxSmsParts') },
    sendWindow: store.settings.get('sendWindow'),
  };
}

export interface ReminderPatient {
  name: string;
  /** E.164, from checkSmsAddress. */
  phone: string;
  language: string | null;
  discreet: boolean;
}

/** A ValidationIssue, with the merge field and template it is about when there is one (an import names the field's column). */
export interface ReminderProblem extends ValidationIssue {
  field?: string;
  templateName?: string;
}

export interface PlannedReminder {
  step: number;
  sendAtMs: number;
  text: string;
  /** A follow-up after a missed appointment: it goes after the start. */
  ifMissed: boolean;
}

export interface ReminderTexts {
  plan: ReminderPlan;
  planned: PlannedReminder[];
  /** Steps whose time had passed, with the time they would have had. */
  skipped: Array<{ step: number; atMs: number }>;
  /** Why a text cannot be written (an empty field, a template with no text, too long): nothing may be booked. */
  problems: ReminderProblem[];
}

/**
 * The reminders an appointment starting at `startMs` gets, seen at `nowMs`. A step outside the
 * clinic's send window is planned at the window's next opening, so the time a reminder shows is
 * the time it goes (the default plan's 07:00 step goes at 08:00 with the default window); a
 * reminder that would then reach the patient only after the start, or on another day than its
 * own (a closed Sunday pushing "tomorrow" to Monday), is skipped, like a step whose time has passed.
 */
export function reminderTexts(context: BookingContext, patient: ReminderPatient, startMs: number, service: string | null, nowMs: number): ReminderTexts {
  const plan = planForService(context.plans, service);
  const times = planTimes(plan, startMs, nowMs, context.timeZone);
  const problems: ReminderProblem[] = [];
  const planned: PlannedReminder[] = [];
  const late: number[] = [];
  for (const nominal of times.planned) {
    const send = { ...nominal, sendAtMs: nextOpening(nominal.sendAtMs, context.sendWindow, context.timeZone) };
    // A reminder says "tomorrow" or "today": pushed by the window onto another day it would say
    // the wrong one ("kesho" on the day itself), so it is skipped instead. A follow-up names its date.
    const otherDay = clinicFields(send.sendAtMs, context.timeZone).date !== clinicFields(nominal.sendAtMs, context.timeZone).date;
    if (!send.ifMissed && (send.sendAtMs >= startMs || otherDay)) {
      late.push(send.step);
      continue;
    }
    const step = plan.steps[send.step]!;
    const where = `plan.${plan.id}.steps.${send.step}`;
    const template = context.templates.get(step.template);
    if (!template) {
      problems.push({ where, rule: 'template.unknown', message: `The reminder plan "${plan.name}" names a template that does not exist: "${step.template}".` });
      continue;
    }
    const variant = variantFor(template, patient, context.clinicLanguage);
    if (!variant) {
      problems.push({ where, rule: 'template.empty', message: `The template "${template.name}" has no text.` });
      continue;
    }
    const filled = fillTemplate(variant.text, { name: patient.name, phone: patient.phone, startMs, service, clinic: context.clinicName }, variant.language, context.timeZone);
    if (!filled.ok) {
      for (const p of filled.problems) {
        problems.push({
          where: `template.${template.id}.${p.field}`,
          rule: p.rule,
          field: p.field,
          templateName: template.name,
          message: p.rule === 'empty-field' ? `{${p.field}} is empty for this patient: fill it in, or change the template "${template.name}".` : `{${p.field}} is not a merge field: check the template "${template.name}".`,
        });
      }
      continue;
    }
    for (const issue of checkSmsContent(filled.text, context.protocol).issues) problems.push({ ...issue, where: `template.${template.id}` });
    planned.push({ step: send.step, sendAtMs: send.sendAtMs, text: filled.text, ifMissed: send.ifMissed });
  }
  const skipped = [...times.skipped, ...late].sort((a, b) => a - b).map((step) => ({ step, atMs: stepTime(plan.steps[step]!, startMs, context.timeZone) }));
  return { plan, planned, skipped, problems };
}
