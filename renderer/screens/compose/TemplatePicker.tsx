/**
 * Compose "Insert template" (issue 11: "Templates are usable from Compose"): a button opening
 * the clinic's templates; choosing one puts Compose in template mode, which shows the template's
 * name, the fields the nurse gives (the appointment's date and time, the service) and a preview
 * for the first recipient, and sends `template` instead of `text`. The backend fills each
 * recipient's own text (electron/backend/templated-send.ts); the preview uses the same code
 * (src-shared/templates/merge-fields.ts), so what the nurse sees is what the first patient gets.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendParams } from './recipients.ts';
import type { TemplateDto } from '../../../src-shared/contract/dto.ts';
import { checkAddress } from '../../../src-shared/protocols/index.ts';
import { parseClinicTime } from '../../../src-shared/schedule/clinic-time.ts';
import { chooseVariant, fieldsIn, fillTemplate } from '../../../src-shared/templates/merge-fields.ts';
import { errorWords } from '../../app/errors.ts';
import { useQuery } from '../../app/hooks.ts';
import type { RecipientChip } from '../../state/compose.ts';
import { useSettings } from '../../state/settings.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { templateName } from '../templates/built-in-names.ts';

/** The template chosen and what the nurse typed for it (clinic date YYYY-MM-DD and time HH:MM, service). */
export interface ChosenTemplate {
  template: TemplateDto;
  date: string;
  time: string;
  service: string;
}

export const chooseTemplate = (template: TemplateDto): ChosenTemplate => ({ template, date: '', time: '', service: '' });

/** Every field any variant uses: the form asks for the appointment only if some text needs it. */
function usedFields(template: TemplateDto): Set<string> {
  return new Set([...Object.values(template.variants), ...Object.values(template.discreetVariants)].flatMap(fieldsIn));
}

const needsAppointment = (fields: Set<string>) => fields.has('date') || fields.has('time') || fields.has('day');

/** messages.send's template part, or why not yet (words for the appointment fields). */
export function templateSendParams(chosen: ChosenTemplate, timeZone: string): { ok: true; params: Pick<SendParams, 'template' | 'variables' | 'appointmentStart'> } | { ok: false; problem: 'missing' | 'invalid' } {
  const fields = usedFields(chosen.template);
  const params: Pick<SendParams, 'template' | 'variables' | 'appointmentStart'> = { template: chosen.template.id };
  if (fields.has('service') && chosen.service.trim() !== '') params.variables = { service: chosen.service.trim() };
  if (needsAppointment(fields)) {
    if (chosen.date === '' || chosen.time === '') return { ok: false, problem: 'missing' };
    try {
      params.appointmentStart = new Date(parseClinicTime(`${chosen.date} ${chosen.time}`, timeZone)).toISOString();
    } catch {
      return { ok: false, problem: 'invalid' };
    }
  }
  return { ok: true, params };
}

/** The "Insert template" button and the list it opens. */
export function TemplatePicker({ onChoose }: { onChoose: (template: TemplateDto) => void }) {
  const { t } = useTranslation('compose');
  const listId = useId();
  const [open, setOpen] = useState(false);
  const list = useQuery('templates.list', {}, { enabled: open });
  const items = list.data?.items ?? [];
  return (
    <div className="template-picker">
      <Button aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {t('template.insert')}
      </Button>
      {open && (
        <div id={listId}>
          {list.loading && <p>{t('template.loading')}</p>}
          {list.error && <p role="alert">{errorWords(list.error)}</p>}
          {!list.loading && !list.error && items.length === 0 && <p>{t('template.none')}</p>}
          {items.length > 0 && (
            <ul className="template-picker__list" aria-label={t('template.listLabel')}>
              {items.map((template) => (
                <li key={template.id}>
                  <Button
                    variant="quiet"
                    onClick={() => {
                      setOpen(false);
                      onChoose(template);
                    }}
                  >
                    {templateName(template)}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** Template mode: the template's name, its fields, a preview for the first recipient, and the way back to free text. */
export function TemplateDraft({ chosen, onChange, firstChip, timeZone, error, onBack }: { chosen: ChosenTemplate; onChange: (next: ChosenTemplate) => void; firstChip: RecipientChip | undefined; timeZone: string; error: string | null; onBack: () => void }) {
  const { t } = useTranslation('compose');
  const fields = usedFields(chosen.template);
  return (
    <section className="template-draft" aria-label={t('template.using', { name: templateName(chosen.template) })}>
      <p className="template-draft__name">{t('template.using', { name: templateName(chosen.template) })}</p>
      {needsAppointment(fields) && (
        <div className="template-draft__when">
          <TextField label={t('template.date')} type="date" value={chosen.date} onChange={(e) => onChange({ ...chosen, date: e.target.value })} />
          <TextField label={t('template.time')} type="time" value={chosen.time} onChange={(e) => onChange({ ...chosen, time: e.target.value })} hint={t('later.zone', { zone: timeZone })} />
        </div>
      )}
      {fields.has('service') && <TextField label={t('template.service')} value={chosen.service} onChange={(e) => onChange({ ...chosen, service: e.target.value })} maxLength={500} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Preview chosen={chosen} chip={firstChip} timeZone={timeZone} />
      <Button variant="quiet" onClick={onBack}>
        {t('template.back')}
      </Button>
    </section>
  );
}

/** What the first recipient would get: their contact's language and discreet wish when it is a contact. */
function Preview({ chosen, chip, timeZone }: { chosen: ChosenTemplate; chip: RecipientChip | undefined; timeZone: string }) {
  const { t } = useTranslation('compose');
  const settings = useSettings((s) => s.settings);
  const protocolSettings = useSettings((s) => s.protocol);
  const contactId = chip?.kind === 'contact' ? chip.contactId : null;
  const contact = useQuery('contacts.get', { id: contactId ?? 1 }, { enabled: contactId !== null });
  const person = contactId === null ? null : (contact.data ?? null);
  const { template } = chosen;
  const discreet = person?.discreet === true && Object.keys(template.discreetVariants).length > 0;
  const variant = chooseVariant(discreet ? template.discreetVariants : template.variants, person?.language ?? settings?.language ?? 'en', template.fallbackLanguage);
  if (!variant) return null;
  let startMs: number | null = null;
  try {
    if (chosen.date !== '' && chosen.time !== '') startMs = parseClinicTime(`${chosen.date} ${chosen.time}`, timeZone);
  } catch {
    startMs = null;
  }
  // The number as the backend will have it (E.164), as {phone} is filled there.
  const typed = chip?.kind === 'address' && chip.protocol === 'sms' ? checkAddress(chip.input, 'sms', protocolSettings) : null;
  const phone = typed?.ok ? typed.address : chip?.kind === 'contact' && chip.protocol === 'sms' ? chip.address : null;
  const filled = fillTemplate(variant.text, { name: person?.name ?? null, phone, startMs, service: chosen.service, clinic: settings?.clinicName ?? null }, variant.language, timeZone);
  const who = chip?.kind === 'contact' ? chip.name : chip?.kind === 'address' ? chip.input : null;
  return (
    <div className="template-draft__preview">
      <p className="template-draft__preview-label">{who === null ? t('template.preview') : t('template.previewFor', { name: who })}</p>
      <p data-testid="template-preview">{filled.ok ? filled.text : variant.text}</p>
      {!filled.ok && <p className="hint">{t('template.emptyFields', { fields: filled.problems.map((p) => `{${p.field}}`).join(', ') })}</p>}
    </div>
  );
}
