// Deleting on the Templates screen: a clinic's own template and reminder plan go after a dialog
// asks (Delete / Keep it, Escape keeps), the list reloads, the next template shows and the
// keyboard goes there; built-in ones and the default plan offer no Delete; a refusal is worded
// from its code (an in-use template names its plans) in the dialog, in Swahili too.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import type { ReminderPlanDto, TemplateDto } from '../../src-shared/contract/dto.ts';
import { ConflictError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { TemplatesScreen } from '../../renderer/screens/templates/TemplatesScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AT = '2026-01-01T00:00:00.000Z';
const DAY_BEFORE: TemplateDto = {
  id: 'reminder-day-before',
  name: 'Reminder: the day before',
  fallbackLanguage: 'en',
  builtIn: true,
  updated: AT,
  variants: { en: 'Hello {first_name}, your appointment is tomorrow at {time}.' },
  discreetVariants: {},
};
const LAB: TemplateDto = { id: 'lab-results', name: 'Lab results ready', fallbackLanguage: 'en', builtIn: false, updated: AT, variants: { en: 'Hello {first_name}, come to the clinic.' }, discreetVariants: {} };
const CLOSED: TemplateDto = { ...LAB, id: 'clinic-closed', name: 'Clinic closed', variants: { en: 'The clinic is closed on {day}.' } };
const DEFAULT_PLAN: ReminderPlanDto = { id: 'default', name: 'Default', services: [], builtIn: true, updated: AT, steps: [{ kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' }] };
const ANC_PLAN: ReminderPlanDto = { id: 'anc-visits', name: 'ANC visits', services: ['ANC'], builtIn: false, updated: AT, steps: [{ kind: 'days-before', days: 2, at: '08:00', template: 'lab-results' }] };

/** A backend whose lists follow what was deleted. */
function renderTemplates(options: { templates?: TemplateDto[]; plans?: ReminderPlanDto[]; overrides?: Partial<Handlers> } = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  let templates = options.templates ?? [DAY_BEFORE, LAB, CLOSED];
  let plans = options.plans ?? [DEFAULT_PLAN, ANC_PLAN];
  const backend = createBackend({
    'templates.list': () => ({ items: templates }),
    'reminderPlans.list': () => ({ items: plans }),
    'templates.delete': ({ id }) => {
      templates = templates.filter((x) => x.id !== id);
      return { deleted: true };
    },
    'reminderPlans.delete': ({ id }) => {
      plans = plans.filter((p) => p.id !== id);
      return { deleted: true };
    },
    ...options.overrides,
  });
  renderWithClient(
    <>
      <TemplatesScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

const templateList = () => screen.getByRole('list', { name: 'Templates' });

async function open(user: ReturnType<typeof userEvent.setup>, name: string) {
  const list = await screen.findByRole('list', { name: 'Templates' });
  await user.click(await within(list).findByRole('button', { name: new RegExp(name) }));
  // The plans are loaded too, so the editor can name them.
  await screen.findByRole('heading', { name: 'Default' });
  return screen.getByRole('form', { name: new RegExp(name) });
}

describe('Deleting a template', () => {
  it('deletes a clinic’s template after confirming, shows the next one and puts the keyboard on it', async () => {
    const { backend, user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    await user.click(within(form).getByRole('button', { name: 'Delete template' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Lab results ready”?' });
    expect(within(dialog).getByText('The template goes for good: it cannot be brought back.')).toBeTruthy();
    // The safe choice has the keyboard.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(backend.callsOf('templates.delete')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByRole('form', { name: 'Edit “Clinic closed”' })).toBeTruthy());
    expect(backend.callsOf('templates.delete')).toEqual([{ id: 'lab-results' }]);
    expect(backend.callsOf('templates.list')).toHaveLength(2);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(templateList()).queryByRole('button', { name: /Lab results ready/ })).toBeNull();
    expect(await screen.findByText('Template “Lab results ready” deleted.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(templateList()).getByRole('button', { name: /Clinic closed/ })));
  });

  it('shows the one before when the last is deleted, and the empty state with the keyboard on the heading when none is left', async () => {
    const { user } = renderTemplates({ templates: [LAB, CLOSED], plans: [DEFAULT_PLAN] });
    let form = await open(user, 'Clinic closed');
    await user.click(within(form).getByRole('button', { name: 'Delete template' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    form = await screen.findByRole('form', { name: 'Edit “Lab results ready”' });
    await waitFor(() => expect(document.activeElement).toBe(within(templateList()).getByRole('button', { name: /Lab results ready/ })));

    await user.click(within(form).getByRole('button', { name: 'Delete template' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No templates yet.')).toBeTruthy();
    expect(screen.getByText('Choose a template')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Templates' })));
  });

  it('keeps the template with “Keep it” or Escape, and gives the keyboard back to Delete', async () => {
    const { backend, user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    const deleteButton = within(form).getByRole('button', { name: 'Delete template' });
    await user.click(deleteButton);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);

    await user.click(deleteButton);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
    expect(backend.callsOf('templates.delete')).toEqual([]);
    expect(screen.getByRole('form', { name: 'Edit “Lab results ready”' })).toBeTruthy();
  });

  it('offers no Delete for a built-in template, and says why', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Reminder: the day before');
    expect(within(form).queryByRole('button', { name: 'Delete template' })).toBeNull();
    expect(within(form).getByText(/Built-in templates can be changed but not deleted\./)).toBeTruthy();
  });

  it('names the plans that use it when the backend refuses, and says to change them first', async () => {
    const { backend, user } = renderTemplates({
      overrides: {
        'templates.delete': () => {
          throw new ConflictError('"Lab results ready" is used by the reminder plan "ANC visits": change the plan first.', { rule: 'template.in-use', id: 'lab-results', plans: ['anc-visits'] });
        },
      },
    });
    const form = await open(user, 'Lab results ready');
    await user.click(within(form).getByRole('button', { name: 'Delete template' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('“Lab results ready” is used by the reminder plan “ANC visits”. Change that plan first so it uses another template, then delete this one.');
    // Trying again cannot help: only "Keep it" is left, and it has the keyboard.
    expect(within(dialog).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(backend.callsOf('templates.delete')).toEqual([{ id: 'lab-results' }]);
    expect(backend.callsOf('templates.list')).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.getByRole('form', { name: 'Edit “Lab results ready”' })).toBeTruthy();
    expect(within(templateList()).getByRole('button', { name: /Lab results ready/ })).toBeTruthy();
  });

  it('words a refusal in Swahili, with several plans and the id of one it does not know', async () => {
    const { user } = renderTemplates({
      overrides: {
        'templates.delete': () => {
          throw new ConflictError('in use', { rule: 'template.in-use', id: 'lab-results', plans: ['anc-visits', 'old-plan'] });
        },
      },
    });
    act(() => setLanguage('sw'));
    const list = await screen.findByRole('list', { name: 'Violezo' });
    await user.click(within(list).getByRole('button', { name: /Lab results ready/ }));
    await screen.findByRole('heading', { name: 'ANC visits' });
    await user.click(screen.getByRole('button', { name: 'Futa kiolezo' }));
    const dialog = screen.getByRole('dialog', { name: 'Ufute “Lab results ready”?' });
    expect(within(dialog).getByRole('button', { name: 'Hapana, kibaki' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Futa' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('“Lab results ready” kinatumiwa na mipango ya vikumbusho “ANC visits” na “old-plan”. Badilisha mipango hiyo kwanza itumie kiolezo kingine, kisha ufute hiki.');
    expect(alert.textContent).not.toMatch(/in use/);
  });

  it('words a built-in refusal from its code, not the backend’s English', async () => {
    const { user } = renderTemplates({
      overrides: {
        'templates.delete': () => {
          throw new ConflictError('backend words', { rule: 'template.built-in', id: 'lab-results' });
        },
      },
    });
    const form = await open(user, 'Lab results ready');
    await user.click(within(form).getByRole('button', { name: 'Delete template' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('“Lab results ready” is built in, so it cannot be deleted. You can change its words instead.');
  });
});

describe('Deleting a reminder plan', () => {
  it('offers no Delete for the default plan, and says it can be changed', async () => {
    renderTemplates();
    const plan = await screen.findByRole('article', { name: 'Default' });
    expect(within(plan).queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(within(plan).getByText('The default plan can be changed but not deleted.')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'ANC visits' })).getByRole('button', { name: 'Delete plan ANC visits' })).toBeTruthy();
  });

  it('deletes a plan after confirming, reloads the plans and puts the keyboard on the next one', async () => {
    const { backend, user } = renderTemplates();
    const plan = await screen.findByRole('article', { name: 'ANC visits' });
    await user.click(within(plan).getByRole('button', { name: 'Delete plan ANC visits' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the plan “ANC visits”?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'ANC visits' })).toBeNull());
    expect(backend.callsOf('reminderPlans.delete')).toEqual([{ id: 'anc-visits' }]);
    expect(backend.callsOf('reminderPlans.list')).toHaveLength(2);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByText('Reminder plan “ANC visits” deleted.')).toBeTruthy();
    // It was the last: the keyboard goes to the plan before it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Default' })));
  });

  it('keeps the plan with Escape', async () => {
    const { backend, user } = renderTemplates();
    const plan = await screen.findByRole('article', { name: 'ANC visits' });
    const deleteButton = within(plan).getByRole('button', { name: 'Delete plan ANC visits' });
    await user.click(deleteButton);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(deleteButton);
    expect(backend.callsOf('reminderPlans.delete')).toEqual([]);
  });

  it('words the default plan’s refusal from its code', async () => {
    const { user } = renderTemplates({
      overrides: {
        'reminderPlans.delete': () => {
          throw new ConflictError('backend words', { rule: 'plan.built-in', id: 'anc-visits' });
        },
      },
    });
    const plan = await screen.findByRole('article', { name: 'ANC visits' });
    await user.click(within(plan).getByRole('button', { name: 'Delete plan ANC visits' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('“ANC visits” is the default plan, so it cannot be deleted. You can change its steps instead.');
    expect(within(dialog).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByRole('article', { name: 'ANC visits' })).toBeTruthy();
  });
});
