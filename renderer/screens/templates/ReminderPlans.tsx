/**
 * The reminder plans: each plan's steps in words ("1 day before at 09:00 — Reminder: the day
 * before"), and an editor for its steps (when, and which template) saved with
 * reminderPlans.put. The backend's issues (`steps.1.template`) land under the step they name.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderPlanDto, TemplateDto } from '../../../src-shared/contract/dto.ts';
import type { PlanStep } from '../../../src-shared/schedule/reminder-plan.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { useCommand, useQuery } from '../../app/hooks.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { stepWords } from './plan-words.ts';

const KINDS = ['days-before', 'hours-before', 'days-after-if-missed'] as const;
const MAX_STEPS = 10;

/** A step after its kind changed: keeps the number, the time and the template. */
function withKind(step: PlanStep, kind: PlanStep['kind']): PlanStep {
  const n = step.kind === 'hours-before' ? step.hours : step.days;
  const at = step.kind === 'hours-before' ? '09:00' : step.at;
  if (kind === 'hours-before') return { kind, hours: Math.max(1, n), template: step.template };
  if (kind === 'days-after-if-missed') return { kind, days: Math.max(1, n), at, template: step.template };
  return { kind, days: n, at, template: step.template };
}

export function ReminderPlans({ templates }: { templates: readonly TemplateDto[] }) {
  const { t, i18n } = useTranslation('templates');
  const plans = useQuery('reminderPlans.list', {});
  const [editing, setEditing] = useState<string | null>(null);
  const templateName = (id: string) => templates.find((x) => x.id === id)?.name ?? null;

  return (
    <section className="reminder-plans" aria-labelledby="reminder-plans-title">
      <h2 id="reminder-plans-title">{t('plans.title')}</h2>
      {plans.loading && !plans.data && <p className="loading">{t('common:loading')}</p>}
      {plans.error && (
        <div className="form-error" role="alert">
          <p>{errorWords(plans.error)}</p>
          <Button onClick={() => void plans.reload()}>{t('common:action.tryAgain')}</Button>
        </div>
      )}
      {plans.data?.items.length === 0 && <p>{t('plans.none')}</p>}
      <ul className="plan-list">
        {plans.data?.items.map((plan) => (
          <li key={plan.id}>
            <article className="plan" aria-labelledby={`plan-${plan.id}`}>
              <h3 id={`plan-${plan.id}`}>{plan.name}</h3>
              <p className="plan-services">{plan.services.length === 0 ? t('plans.anyService') : t('plans.services', { services: plan.services.join(', ') })}</p>
              {editing === plan.id ? (
                <PlanEditor
                  plan={plan}
                  templates={templates}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) void plans.reload();
                  }}
                />
              ) : (
                <>
                  {plan.steps.length === 0 ? (
                    <p>{t('plans.noSteps')}</p>
                  ) : (
                    <ol className="plan-steps" aria-label={t('plans.stepsOf', { name: plan.name })}>
                      {plan.steps.map((step, i) => (
                        <li key={i}>{stepWords(t, step, i18n.language, templateName)}</li>
                      ))}
                    </ol>
                  )}
                  <Button onClick={() => setEditing(plan.id)} aria-label={t('plans.editNamed', { name: plan.name })}>
                    {t('plans.edit')}
                  </Button>
                </>
              )}
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlanEditor({ plan, templates, onDone }: { plan: ReminderPlanDto; templates: readonly TemplateDto[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation('templates');
  const uid = useId();
  const [steps, setSteps] = useState<PlanStep[]>(() => plan.steps.map((s) => ({ ...s })));
  const [issues, setIssues] = useState<Record<string, string[]>>({});
  const put = useCommand('reminderPlans.put', { toastErrors: false });

  const change = (i: number, step: PlanStep) => setSteps((all) => all.map((s, j) => (j === i ? step : s)));
  const remove = (i: number) => setSteps((all) => all.filter((_, j) => j !== i));
  const add = () => setSteps((all) => [...all, { kind: 'days-before', days: 1, at: '09:00', template: templates[0]?.id ?? '' }]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await put.run({ id: plan.id, name: plan.name, services: plan.services, steps });
    if (outcome.ok) {
      toast.success(t('plans.saved', { name: plan.name }));
      onDone(true);
      return;
    }
    const found = validationIssues(outcome.error);
    const placed: Record<string, string[]> = {};
    for (const issue of found) {
      const m = /^steps\.(\d+)/.exec(issue.where);
      (placed[m ? m[1]! : 'form'] ??= []).push(issue.message);
    }
    if (found.length === 0) placed.form = [errorWords(outcome.error)];
    setIssues(placed);
  };

  return (
    <form className="plan-editor" onSubmit={(e) => void onSubmit(e)} noValidate>
      <ol className="plan-step-rows">
        {steps.map((step, i) => {
          const n = i + 1;
          const errorId = `${uid}-step-${i}-error`;
          const described = issues[String(i)] ? errorId : undefined;
          return (
            <li key={i} className="plan-step-row">
              <fieldset>
                <legend>{t('plans.step', { n })}</legend>
                <label>
                  <span>{t('plans.kind')}</span>
                  <select className="input" value={step.kind} aria-describedby={described} onChange={(e) => change(i, withKind(step, e.target.value as PlanStep['kind']))}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`plans.kindName.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span>{step.kind === 'hours-before' ? t('plans.hours') : t('plans.days')}</span>
                  <input
                    className="input plan-number"
                    type="number"
                    min={step.kind === 'days-before' ? 0 : 1}
                    max={step.kind === 'hours-before' ? 1440 : 60}
                    value={step.kind === 'hours-before' ? step.hours : step.days}
                    onChange={(e) => {
                      const v = Math.max(0, Math.trunc(Number(e.target.value) || 0));
                      change(i, step.kind === 'hours-before' ? { ...step, hours: v } : { ...step, days: v });
                    }}
                  />
                </label>
                {step.kind !== 'hours-before' && (
                  <label>
                    <span>{t('plans.at')}</span>
                    <input className="input" type="time" value={step.at} onChange={(e) => change(i, { ...step, at: e.target.value })} />
                  </label>
                )}
                <label>
                  <span>{t('plans.template')}</span>
                  <select className="input" value={step.template} aria-describedby={described} onChange={(e) => change(i, { ...step, template: e.target.value })}>
                    {!templates.some((x) => x.id === step.template) && <option value={step.template}>{t('step.noTemplate', { id: step.template })}</option>}
                    {templates.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </label>
                <Button variant="quiet" onClick={() => remove(i)}>
                  {t('plans.removeStep', { n })}
                </Button>
                {issues[String(i)] && (
                  <p id={errorId} className="field-error" role="alert">
                    {issues[String(i)]!.join(' ')}
                  </p>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {issues.form && (
        <div className="form-error" role="alert">
          <p>{issues.form.join(' ')}</p>
        </div>
      )}
      <div className="form-actions">
        {steps.length < MAX_STEPS && <Button onClick={add}>{t('plans.addStep')}</Button>}
        <Button type="submit" variant="primary" busy={put.pending}>
          {t('plans.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('common:action.cancel')}</Button>
      </div>
    </form>
  );
}
