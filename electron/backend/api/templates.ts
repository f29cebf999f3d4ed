/**
 * templates.* and reminderPlans.*: read and replace them, for the editor and for a system that
 * manages them centrally. A template's every variant is checked against the merge fields; a
 * plan's every step must name a template that exists.
 */
import type { ReminderPlanDto, TemplateDto } from '../../../src-shared/contract/dto.ts';
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '../../../src-shared/errors.ts';
import { fieldsIn, isMergeField, MERGE_FIELDS } from '../../../src-shared/templates/merge-fields.ts';
import { isoAt } from '../clock.ts';
import type { ReminderPlanRecord } from '../store/repositories/reminder-plan-repository.ts';
import type { TemplateRecord } from '../store/repositories/template-repository.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

const templateDto = (t: TemplateRecord): TemplateDto => ({ ...t, variants: { ...t.variants }, discreetVariants: { ...t.discreetVariants } });
const planDto = (p: ReminderPlanRecord): ReminderPlanDto => ({ ...p, services: [...p.services], steps: p.steps.map((s) => ({ ...s })) });

function unknownFields(variants: Record<string, string>, where: string): ValidationIssue[] {
  return Object.entries(variants).flatMap(([lng, text]) =>
    fieldsIn(text)
      .filter((f) => !isMergeField(f))
      .map((f) => ({ where: `${where}.${lng}`, rule: 'unknown-field', message: `{${f}} is not a merge field; use one of ${MERGE_FIELDS.map((m) => `{${m}}`).join(', ')}.` })),
  );
}

export function templateHandlers({ backend }: HandlerContext): AreaHandlers<'templates'> & AreaHandlers<'reminderPlans'> {
  const { store } = backend;
  const clock = backend.clock;
  return {
    'templates.list': () => ({ items: store.templates.list().map(templateDto) }),
    'templates.get'({ id }) {
      const t = store.templates.get(id);
      if (!t) throw new NotFoundError('template', id, 'There is no such template.');
      return templateDto(t);
    },
    'templates.put'({ id, name, variants, discreetVariants, fallbackLanguage }) {
      const issues = [...unknownFields(variants, 'variants'), ...unknownFields(discreetVariants ?? {}, 'discreetVariants')];
      if (Object.keys(variants).length === 0) issues.push({ where: 'variants', rule: 'template.empty', message: 'A template needs its text in at least one language.' });
      if (issues.length > 0) throw new ValidationError(issues);
      store.transaction(() => store.templates.put({ id, name, variants, discreetVariants: discreetVariants ?? {}, fallbackLanguage: fallbackLanguage ?? Object.keys(variants)[0]!, updated: isoAt(clock) }));
      return templateDto(store.templates.get(id)!);
    },
    'templates.delete'({ id }) {
      store.transaction(() => {
        const t = store.templates.get(id);
        if (!t) throw new NotFoundError('template', id, 'There is no such template.');
        // A built-in one would come back at the next start (built-in.ts seeds what is missing).
        if (t.builtIn) throw new ConflictError(`"${t.name}" is built in and cannot be deleted; change its words instead.`, { rule: 'template.built-in', id });
        const plans = store.reminderPlans.list().filter((p) => p.steps.some((s) => s.template === id));
        if (plans.length > 0) throw new ConflictError(`"${t.name}" is used by the reminder plan ${plans.map((p) => `"${p.name}"`).join(', ')}: change the plan first.`, { rule: 'template.in-use', id, plans: plans.map((p) => p.id) });
        store.templates.delete(id);
      });
      return { deleted: true };
    },
    'reminderPlans.list': () => ({ items: store.reminderPlans.list().map(planDto) }),
    'reminderPlans.get'({ id }) {
      const p = store.reminderPlans.get(id);
      if (!p) throw new NotFoundError('reminder plan', id, 'There is no such reminder plan.');
      return planDto(p);
    },
    'reminderPlans.delete'({ id }) {
      store.transaction(() => {
        const p = store.reminderPlans.get(id);
        if (!p) throw new NotFoundError('reminder plan', id, 'There is no such reminder plan.');
        if (p.builtIn) throw new ConflictError(`"${p.name}" is the default plan and cannot be deleted; change its steps instead.`, { rule: 'plan.built-in', id });
        store.reminderPlans.delete(id);
      });
      return { deleted: true };
    },
    'reminderPlans.put'({ id, name, services, steps }) {
      const issues: ValidationIssue[] = steps.flatMap((s, i) =>
        store.templates.get(s.template) ? [] : [{ where: `steps.${i}.template`, rule: 'template.unknown', message: `There is no template "${s.template}".` }],
      );
      if (issues.length > 0) throw new ValidationError(issues);
      store.transaction(() => store.reminderPlans.put({ id, name, services, steps }, isoAt(clock)));
      return planDto(store.reminderPlans.get(id)!);
    },
  };
}
