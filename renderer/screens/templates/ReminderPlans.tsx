/**
 * The reminder plans: each plan's steps in words ("1 day before at 09:00 — Reminder: the day
 * before"), and an editor for its steps (when, and which template) saved with
 * reminderPlans.put. The backend's issues (`steps.1.template`) land under the step they name.
 * A plan that is not built in can be deleted (reminderPlans.delete) after a dialog asks; the
 * keyboard then goes to the next plan's heading (or the section's).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderPlanDto, TemplateDto } from '../../../src-shared/contract/dto.ts';
import type { PlanStep } from '../../../src-shared/schedule/reminder-plan.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { useCommand, type QueryHandle } from '../../app/hooks.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { stepWords } from './plan-words.ts';
import { planName, templateName } from './built-in-names.ts';
import { useCan } from '../../state/session.ts';

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

/** Why reminderPlans.delete failed: worded when shown. */
type Refusal = { kind: 'built-in' } | { kind: 'error'; error: RpcError };

/** `plans`: reminderPlans.list, queried by the screen (the template editor names plans too). */
export function ReminderPlans({ templates, plans }: { templates: readonly TemplateDto[]; plans: QueryHandle<'reminderPlans.list'> }) {
  const { t, i18n } = useTranslation('templates');
  const [editing, setEditing] = useState<string | null>(null);
  const templateName = (id: string) => templates.find((x) => x.id === id)?.name ?? null;
  const del = useCommand('reminderPlans.delete', { toastErrors: false });
  // Issue 13: a viewer reads the plans; changing them is a nurse's.
  const canPut = useCan('reminderPlans.put');
  const canDelete = useCan('reminderPlans.delete');
  const [asking, setAsking] = useState<ReminderPlanDto | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const refused = refusal?.kind === 'built-in';
  useEffect(() => {
    if (refused) keepRef.current?.focus();
  }, [refused]);
  /** After a render: focus this element (a plan's heading or the section's). */
  const focusAfter = useRef<string | null>(null);
  // A passive effect, so it runs after the closing dialog gave focus back to its (gone) opener.
  useEffect(() => {
    const id = focusAfter.current;
    if (id === null) return;
    focusAfter.current = null;
    (document.getElementById(id) ?? document.getElementById('reminder-plans-title'))?.focus();
  });

  const closeConfirm = () => {
    setAsking(null);
    setRefusal(null);
  };

  const confirmDelete = async (plan: ReminderPlanDto) => {
    if (deleting) return;
    setDeleting(true);
    setRefusal(null);
    const outcome = await del.run({ id: plan.id });
    if (!outcome.ok) {
      setDeleting(false);
      const rule = (outcome.error.details as { rule?: unknown }).rule;
      setRefusal(outcome.error.code === 'conflict' && rule === 'plan.built-in' ? { kind: 'built-in' } : { kind: 'error', error: outcome.error });
      return;
    }
    toast.success(t('plans.delete.done', { name: plan.name }));
    const items = plans.data?.items ?? [];
    const at = items.findIndex((p) => p.id === plan.id);
    const rest = items.filter((p) => p.id !== plan.id);
    const next = rest[at] ?? rest[at - 1] ?? null;
    await plans.reload();
    setDeleting(false);
    if (editing === plan.id) setEditing(null);
    focusAfter.current = next ? `plan-${next.id}` : 'reminder-plans-title';
    closeConfirm();
  };

  return (
    <section className="reminder-plans" aria-labelledby="reminder-plans-title">
      <h2 id="reminder-plans-title" tabIndex={-1}>
        {t('plans.title')}
      </h2>
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
              <h3 id={`plan-${plan.id}`} tabIndex={-1}>
                {planName(plan)}
              </h3>
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
                  {canPut ? (
                    <Button onClick={() => setEditing(plan.id)} aria-label={t('plans.editNamed', { name: plan.name })}>
                      {t('plans.edit')}
                    </Button>
                  ) : null}{' '}
                  {!plan.builtIn && canDelete && (
                    <Button variant="danger" onClick={() => setAsking(plan)} aria-label={t('plans.delete.buttonNamed', { name: plan.name })}>
                      {t('plans.delete.button')}
                    </Button>
                  )}
                  {plan.builtIn && <p className="template-builtin-note">{t('plans.builtInNoDelete')}</p>}
                </>
              )}
            </article>
          </li>
        ))}
      </ul>
      <Dialog
        open={asking !== null}
        title={asking ? t('plans.delete.title', { name: asking.name }) : ''}
        onClose={closeConfirm}
        initialFocusRef={keepRef}
        footer={
          <>
            <Button ref={keepRef} onClick={closeConfirm}>
              {t('plans.delete.keep')}
            </Button>
            {!refused && (
              <Button variant="danger" busy={deleting} onClick={() => asking && void confirmDelete(asking)}>
                {t('plans.delete.confirm')}
              </Button>
            )}
          </>
        }
      >
        <p>{t('plans.delete.body')}</p>
        {refusal && asking && (
          <p className="form-error" role="alert">
            {refusal.kind === 'built-in' ? t('plans.delete.builtIn', { name: asking.name }) : errorWords(refusal.error)}
          </p>
        )}
      </Dialog>
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
                        {templateName(x)}
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
