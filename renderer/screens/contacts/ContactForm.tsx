/**
 * Add or edit one contact: a name, any number of phone numbers and e-mail addresses (one
 * preferred per protocol: the one a message to this contact uses), notes and groups. Each
 * address is checked in the browser with the same rules as the backend (checkAddress), and the
 * backend's own answer is shown next to the field it is about.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, GroupDto } from '../../../src-shared/contract/dto.ts';
import type { CommandParams } from '../../../src-shared/contract/commands.ts';
import type { Protocol } from '../../../src-shared/model.ts';
import { checkAddress } from '../../../src-shared/protocols/index.ts';
import type { ProtocolSettings } from '../../../src-shared/protocols/settings.ts';
import { useClient } from '../../app/hooks.ts';
import { Button, TextArea, TextField } from '../../ui/index.ts';
import { errorIssues, errorMessage, issuesByField } from '../settings/field-errors.ts';
import { useCan } from '../../state/session.ts';

export type ContactInput = CommandParams<'contacts.create'>;

interface AddressDraft {
  key: number;
  address: string;
  protocol: Protocol;
  preferred: boolean;
}

type FieldKey = 'name' | 'notes' | `address:${number}`;
type FieldErrors = Partial<Record<FieldKey, string>>;

const NAME_MAX = 200;
const NOTES_MAX = 2_000;

let nextKey = 1;
const draftOf = (address: string, protocol: Protocol, preferred: boolean): AddressDraft => ({ key: nextKey++, address, protocol, preferred });

/** Exactly one preferred address per protocol that has any. */
function fixPreferred(list: AddressDraft[]): AddressDraft[] {
  const chosen = new Map<Protocol, number>();
  for (const a of list) if (a.preferred && !chosen.has(a.protocol)) chosen.set(a.protocol, a.key);
  for (const a of list) if (!chosen.has(a.protocol)) chosen.set(a.protocol, a.key);
  return list.map((a) => ({ ...a, preferred: chosen.get(a.protocol) === a.key }));
}

export interface ContactFormProps {
  /** null: a new contact. */
  contact: ContactDto | null;
  groups: GroupDto[];
  protocolSettings: ProtocolSettings;
  onSaved: (contact: ContactDto) => void;
  onCancel: () => void;
  /** @returns the reason it failed, or null when the contact was deleted. */
  onDelete: (contact: ContactDto) => Promise<string | null>;
}

export function ContactForm({ contact, groups, protocolSettings, onSaved, onCancel, onDelete }: ContactFormProps) {
  const { t } = useTranslation('contacts');
  const client = useClient();
  const id = useId();
  // Issue 13: a viewer reads a contact; saving and deleting are a nurse's (the fields are shown, not editable).
  const canSave = useCan(contact ? 'contacts.update' : 'contacts.create');
  const canDelete = useCan('contacts.delete');
  const [name, setName] = useState(contact?.name ?? '');
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [addresses, setAddresses] = useState<AddressDraft[]>(() =>
    contact && contact.addresses.length > 0
      ? fixPreferred(contact.addresses.map((a) => draftOf(a.address, a.protocol, a.preferred)))
      : [draftOf('', 'sms', true)],
  );
  const [groupIds, setGroupIds] = useState<Set<number>>(() => new Set(contact?.groupIds ?? []));
  // Which template text reminders use for this patient (issue 11): a language, and the discreet text.
  const [language, setLanguage] = useState<string>(contact?.language ?? '');
  const [discreet, setDiscreet] = useState<boolean>(contact?.discreet ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const runDelete = async (target: ContactDto) => {
    setDeleting(true);
    setFormErrors([]);
    const problem = await onDelete(target);
    // On success the form is gone; only a failure comes back here.
    if (problem !== null) {
      setDeleting(false);
      setFormErrors([t('form.errors.deleteFailed', { message: problem })]);
    }
  };

  const fieldId = (field: FieldKey) => `${id}-${field.replace(':', '-')}`;

  const checkName = (value: string): string | undefined => {
    if (value.trim() === '') return t('form.errors.nameRequired');
    if (value.trim().length > NAME_MAX) return t('form.errors.nameTooLong', { max: NAME_MAX });
    return undefined;
  };
  const checkNotes = (value: string): string | undefined => (value.length > NOTES_MAX ? t('form.errors.notesTooLong', { max: NOTES_MAX }) : undefined);
  /** The browser's check of one address: an error, or the normalised address ('' for a blank row). */
  const checkOne = (a: AddressDraft): { error?: string; normalised: string } => {
    if (a.address.trim() === '') return { normalised: '' };
    const result = checkAddress(a.address, a.protocol, protocolSettings);
    return result.ok ? { normalised: result.address } : { error: result.issue.message, normalised: '' };
  };

  const setFieldError = (field: FieldKey, message: string | undefined) =>
    setErrors((e) => {
      if (e[field] === message) return e;
      const next = { ...e };
      if (message === undefined) delete next[field];
      else next[field] = message;
      return next;
    });

  const updateAddress = (key: number, change: Partial<AddressDraft>) => {
    const next = fixPreferred(
      addresses.map((a) => (a.key === key ? { ...a, ...change, ...(change.protocol && change.protocol !== a.protocol ? { preferred: false } : {}) } : a)),
    );
    setAddresses(next);
    // An error already shown is re-checked as the nurse fixes it.
    const changed = next.find((a) => a.key === key);
    if (changed && errors[`address:${key}`] !== undefined) setFieldError(`address:${key}`, checkOne(changed).error);
  };
  const choosePreferred = (key: number) =>
    setAddresses((list) => {
      const target = list.find((a) => a.key === key);
      return list.map((a) => (target && a.protocol === target.protocol ? { ...a, preferred: a.key === key } : a));
    });
  const addAddress = (protocol: Protocol) => setAddresses((list) => fixPreferred([...list, draftOf('', protocol, false)]));
  const removeAddress = (key: number) => {
    setAddresses((list) => fixPreferred(list.filter((a) => a.key !== key)));
    setFieldError(`address:${key}`, undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found: FieldErrors = {};
    const nameError = checkName(name);
    if (nameError) found.name = nameError;
    const notesError = checkNotes(notes);
    if (notesError) found.notes = notesError;
    const sent: AddressDraft[] = [];
    const input: ContactInput['addresses'] = [];
    for (const a of addresses) {
      const { error, normalised } = checkOne(a);
      if (error) found[`address:${a.key}`] = error;
      else if (normalised !== '') {
        sent.push(a);
        input.push({ address: normalised, protocol: a.protocol, preferred: a.preferred });
      }
    }
    // Blank rows are dropped, so a preferred blank row must not leave its protocol without one.
    for (const protocol of new Set(input.map((a) => a.protocol))) {
      const ofProtocol = input.filter((a) => a.protocol === protocol);
      if (!ofProtocol.some((a) => a.preferred) && ofProtocol[0]) ofProtocol[0].preferred = true;
    }
    setErrors(found);
    setFormErrors([]);
    const firstInvalid = (['name', ...addresses.map((a) => `address:${a.key}` as const), 'notes'] as FieldKey[]).find((f) => found[f] !== undefined);
    if (firstInvalid) {
      document.getElementById(fieldId(firstInvalid))?.focus();
      return;
    }
    const payload: ContactInput = {
      name: name.trim(),
      notes,
      addresses: input,
      groupIds: [...groupIds].filter((g) => groups.some((x) => x.id === g)),
      language: language === '' ? null : language,
      discreet,
    };
    setSaving(true);
    try {
      const saved = contact ? await client.call('contacts.update', { id: contact.id, contact: payload }) : await client.call('contacts.create', payload);
      onSaved(saved);
    } catch (err) {
      const { fields, form } = issuesByField<FieldKey>(errorIssues(err), (where) => {
        const path = where.replace(/^contact\./, '');
        if (path === 'name' || path === 'notes') return path;
        const index = /^addresses\.(\d+)/.exec(path);
        const byIndex = index ? sent[Number(index[1])] : undefined;
        if (byIndex) return `address:${byIndex.key}`;
        // The backend names an address as it was given (normalised) or as the nurse typed it.
        const byText = sent.find((a, i) => input[i]?.address === where.trim() || a.address.trim() === where.trim());
        return byText ? `address:${byText.key}` : null;
      });
      setErrors(fields);
      const messages = form.length > 0 || Object.keys(fields).length > 0 ? form : [errorMessage(err, t('form.errors.saveFailed'))];
      setFormErrors(messages);
      const first = Object.keys(fields)[0] as FieldKey | undefined;
      if (first) document.getElementById(fieldId(first))?.focus();
    } finally {
      setSaving(false);
    }
  };

  const protocolCounts = new Map<Protocol, number>();
  for (const a of addresses) protocolCounts.set(a.protocol, (protocolCounts.get(a.protocol) ?? 0) + 1);

  return (
    <form className="contact-form" aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-title`}>{contact ? t('form.editTitle', { name: contact.name }) : t('form.newTitle')}</h2>
      <fieldset disabled={!canSave} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>

      <TextField
        id={fieldId('name')}
        label={t('form.name')}
        value={name}
        autoComplete="off"
        required
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (errors.name) setFieldError('name', checkName(e.target.value));
        }}
        onBlur={() => setFieldError('name', checkName(name))}
      />

      {addresses.map((a, index) => {
        const field: FieldKey = `address:${a.key}`;
        const check = errors[field] === undefined && a.address.trim() !== '' ? checkOne(a) : null;
        const showHint = check !== null && check.normalised !== '' && check.normalised !== a.address.trim();
        return (
          <fieldset key={a.key} className="address-row">
            <legend>{t('form.addressLegend', { n: index + 1 })}</legend>
            <label htmlFor={`${fieldId(field)}-protocol`}>{t('form.addressType')}</label>
            <select className="input" id={`${fieldId(field)}-protocol`} value={a.protocol} onChange={(e) => updateAddress(a.key, { protocol: e.target.value === 'email' ? 'email' : 'sms' })}>
              <option value="sms">{t('form.protocol.sms')}</option>
              <option value="email">{t('form.protocol.email')}</option>
            </select>
            <TextField
              id={fieldId(field)}
              label={a.protocol === 'sms' ? t('form.phone') : t('form.email')}
              type={a.protocol === 'sms' ? 'tel' : 'email'}
              inputMode={a.protocol === 'sms' ? 'tel' : 'email'}
              autoComplete="off"
              value={a.address}
              hint={showHint ? t('form.savedAs', { address: check.normalised }) : undefined}
              error={errors[field]}
              onChange={(e) => updateAddress(a.key, { address: e.target.value })}
              onBlur={() => setFieldError(field, checkOne(a).error)}
            />
            <label className="address-row__preferred">
              <input
                type="radio"
                name={`${id}-preferred-${a.protocol}`}
                checked={a.preferred}
                disabled={(protocolCounts.get(a.protocol) ?? 0) < 2}
                onChange={() => choosePreferred(a.key)}
              />
              {t('form.preferred')}
            </label>
            <Button variant="quiet" aria-label={t('form.removeAddress', { n: index + 1 })} onClick={() => removeAddress(a.key)}>
              {t('form.remove')}
            </Button>
          </fieldset>
        );
      })}
      <div className="button-row">
        <Button onClick={() => addAddress('sms')}>{t('form.addPhone')}</Button>
        <Button onClick={() => addAddress('email')}>{t('form.addEmail')}</Button>
      </div>

      <TextArea
        id={fieldId('notes')}
        label={t('form.notes')}
        value={notes}
        rows={3}
        error={errors.notes}
        onChange={(e) => {
          setNotes(e.target.value);
          if (errors.notes) setFieldError('notes', checkNotes(e.target.value));
        }}
        onBlur={() => setFieldError('notes', checkNotes(notes))}
      />

      <fieldset className="contact-messages">
        <legend>{t('form.messages')}</legend>
        <label>
          {t('form.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('form.languageClinic')}</option>
            {(['en', 'sw', 'fr'] as const).map((lng) => (
              <option key={lng} value={lng}>
                {t(`form.languageName.${lng}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={discreet} onChange={(e) => setDiscreet(e.target.checked)} />
          {t('form.discreet')}
        </label>
        <p className="field-hint">{t('form.discreetHint')}</p>
      </fieldset>

      <fieldset className="group-checkboxes">
        <legend>{t('form.groups')}</legend>
        {groups.length === 0 ? <p className="field-hint">{t('form.noGroups')}</p> : null}
        {groups.map((g) => (
          <label key={g.id}>
            <input
              type="checkbox"
              checked={groupIds.has(g.id)}
              onChange={(e) =>
                setGroupIds((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(g.id);
                  else next.delete(g.id);
                  return next;
                })
              }
            />
            {g.name}
          </label>
        ))}
      </fieldset>

      {formErrors.map((message, i) => (
        <p key={i} role="alert" className="form-error">
          {message}
        </p>
      ))}

      </fieldset>
      <div className="button-row">
        {canSave ? (
          <Button type="submit" variant="primary" busy={saving}>
            {t('form.save')}
          </Button>
        ) : null}
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
        {contact && canDelete ? (
          <Button variant="danger" busy={deleting} onClick={() => void runDelete(contact)}>
            {t('form.delete')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
