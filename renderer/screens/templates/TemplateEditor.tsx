/**
 * The editor of one template (or a new one): name, id (new ones only: made from the name until
 * the person changes it), one tab per language with the text and the discreet text, buttons that
 * insert a merge field at the cursor of the box last used (with, in Swahili, the hint that {time}
 * already says "saa …"), a live preview and measure per box.
 * Save is templates.put; problems the editor can see (an unknown field, no text, a taken id) stop
 * it before any call, and the backend's issues land under the language they name.
 * A built-in the clinic has not renamed shows its name in the interface language (as the list
 * does, built-in-names.ts); saving it unchanged keeps the stored name (template-draft.ts putParams).
 * Delete (templates.delete, a clinic's own templates only) asks first, in a dialog; a refusal
 * (built in, or a reminder plan uses it) is worded here from its code and shown in that dialog.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateDto } from '../../../src-shared/contract/dto.ts';
import { DEFAULT_SENSITIVE_WORDS, MERGE_FIELDS, type MergeField } from '../../../src-shared/templates/merge-fields.ts';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { useCommand } from '../../app/hooks.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { draftOf, draftProblems, emptyDraft, languagesOf, placeIssues, putParams, sameDraft, slugify, unknownFieldsIn, variantKey, type TemplateDraft, type Variant } from './template-draft.ts';
import { isSwahili, VariantBox } from './VariantBox.tsx';
import { templateName } from './built-in-names.ts';
import { useCan } from '../../state/session.ts';

export interface TemplateEditorProps {
  /** null: a new template. */
  template: TemplateDto | null;
  /** Ids already used (a new template may not take one). */
  takenIds: readonly string[];
  onSaved: (saved: TemplateDto) => void;
  onClose: () => void;
  /** Told whenever the draft starts or stops differing from what is saved. */
  onDirtyChange: (dirty: boolean) => void;
  /** After templates.delete succeeded: the host reloads the list and shows another. */
  onDeleted?: (deleted: TemplateDto) => void | Promise<void>;
  /** A reminder plan's name by its id (null: not known), to say which plans use a template. */
  planName?: (id: string) => string | null;
}

/** Why templates.delete failed, kept as data so it is worded (in the language shown) when shown. */
type Refusal = { kind: 'built-in' } | { kind: 'in-use'; plans: string[] } | { kind: 'error'; error: RpcError };

function refusalOf(error: RpcError): Refusal {
  const details = error.details as { rule?: unknown; plans?: unknown };
  if (error.code === 'conflict' && details.rule === 'template.built-in') return { kind: 'built-in' };
  if (error.code === 'conflict' && details.rule === 'template.in-use' && Array.isArray(details.plans)) {
    const plans = details.plans.filter((p): p is string => typeof p === 'string');
    if (plans.length > 0) return { kind: 'in-use', plans };
  }
  return { kind: 'error', error };
}

const FIELD_OF: Record<Variant, 'variants' | 'discreetVariants'> = { text: 'variants', discreet: 'discreetVariants' };

export function TemplateEditor({ template, takenIds, onSaved, onClose, onDirtyChange, onDeleted, planName }: TemplateEditorProps) {
  const { t, i18n } = useTranslation('templates');
  const uid = useId();
  const timeZone = useClinicTimeZone();
  const maxParts = useSettings((s) => s.protocol.maxSmsParts);
  const clinicName = useSettings((s) => s.settings?.clinicName) ?? '';
  const sensitiveWords = useSettings((s) => s.settings?.sensitiveWords) ?? DEFAULT_SENSITIVE_WORDS;
  // One "now" per editor: the sample appointment is tomorrow, and stays the same while typing.
  const [nowMs] = useState(() => Date.now());
  const isNew = template === null;
  // Worded once per editor (a new editor opens for each template: TemplatesScreen's editorKey).
  const [shownName] = useState(() => (template ? templateName(template) : ''));
  const nameShown = template ? { shown: shownName, stored: template.name } : undefined;
  const [draft, setDraft] = useState<TemplateDraft>(() => (template ? draftOf(template, shownName) : emptyDraft()));
  const [idEdited, setIdEdited] = useState(false);
  const languages = useMemo(() => languagesOf(draft), [draft]);
  const [language, setLanguage] = useState<string>(() => languages[0] ?? 'en');
  const [server, setServer] = useState<Record<string, string[]>>({});
  const [tried, setTried] = useState(false);
  const put = useCommand('templates.put', { toastErrors: false });
  const del = useCommand('templates.delete', { toastErrors: false });
  // Issue 13: a viewer reads a template; writing and deleting are a nurse's.
  const canPut = useCan('templates.put');
  const canDelete = useCan('templates.delete');
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  // Refused for good (built in, in use): Delete goes from the dialog, the keyboard to "Keep it".
  const refused = refusal !== null && refusal.kind !== 'error';
  useEffect(() => {
    if (refused) keepRef.current?.focus();
  }, [refused]);
  const dirty = useMemo(() => !sameDraft(draft, template ? draftOf(template, shownName) : emptyDraft()), [draft, template, shownName]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const lastBox = useRef<Variant>('text');
  const [boxShown, setBoxShown] = useState<Variant>('text');
  /** After a render: focus this element and put the caret here. */
  // A new template starts at its name.
  const pending = useRef<{ id: string; caret?: number } | null>(isNew ? { id: `${uid}-name` } : null);
  useLayoutEffect(() => {
    const p = pending.current;
    if (!p) return;
    pending.current = null;
    const el = document.getElementById(p.id) as HTMLTextAreaElement | HTMLInputElement | null;
    el?.focus();
    if (el && p.caret !== undefined) el.setSelectionRange(p.caret, p.caret);
  });

  const boxId = (lng: string, variant: Variant) => `${uid}-${variant}-${lng}`;
  const nameId = `${uid}-name`;
  const idId = `${uid}-id`;
  const languageName = (lng: string) => t(`language.${lng}`, { defaultValue: lng });
  const textOf = (lng: string, variant: Variant) => draft[FIELD_OF[variant]][lng] ?? '';

  const setText = (lng: string, variant: Variant, text: string) => {
    setDraft((d) => ({ ...d, [FIELD_OF[variant]]: { ...d[FIELD_OF[variant]], [lng]: text } }));
    const key = variantKey(lng, variant);
    if (server[key]) setServer(({ [key]: _gone, ...rest }) => rest);
  };

  const insert = (field: MergeField) => {
    const variant = lastBox.current;
    const id = boxId(language, variant);
    const el = document.getElementById(id) as HTMLTextAreaElement | null;
    const value = textOf(language, variant);
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const token = `{${field}}`;
    setText(language, variant, value.slice(0, start) + token + value.slice(end));
    pending.current = { id, caret: start + token.length };
  };

  // What the editor itself finds, shown once Save was tried (unknown fields show at once, in the box).
  const problems = useMemo(() => draftProblems(draft, isNew, takenIds), [draft, isNew, takenIds]);
  const problemAt = (place: string) => (tried ? problems.filter((p) => p.place === place).map((p) => t(p.key, { language: languageName(place.split('.')[1] ?? '') })) : []);
  const errorsOf = (lng: string, variant: Variant) => [...problemAt(variantKey(lng, variant)), ...(server[variantKey(lng, variant)] ?? [])];
  const hasError = (lng: string) =>
    (['text', 'discreet'] as const).some((v) => unknownFieldsIn(textOf(lng, v)).length > 0 || errorsOf(lng, v).length > 0);

  const showLanguage = (lng: string, variant: Variant = 'text') => {
    setLanguage(lng);
    pending.current = { id: boxId(lng, variant) };
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const unknown = languages.flatMap((lng) => (['text', 'discreet'] as const).filter((v) => unknownFieldsIn(textOf(lng, v)).length > 0).map((v) => ({ lng, v })));
    if (problems.length > 0 || unknown.length > 0) {
      const first = problems[0];
      if (first?.place === 'name') pending.current = { id: nameId };
      else if (first?.place === 'id') pending.current = { id: idId };
      else if (unknown[0]) showLanguage(unknown[0].lng, unknown[0].v);
      else if (first && first.place !== 'form') showLanguage(first.place.split('.')[1]!, 'text');
      // Re-render even when nothing changed, so the focus moves.
      setServer((s) => ({ ...s }));
      return;
    }
    setServer({});
    const outcome = await put.run(putParams(draft, nameShown));
    if (outcome.ok) {
      toast.success(t('saved', { name: templateName(outcome.result) }));
      onSaved(outcome.result);
      return;
    }
    const issues = validationIssues(outcome.error);
    if (issues.length === 0) {
      setServer({ form: [errorWords(outcome.error)] });
      return;
    }
    const placed = placeIssues(issues);
    setServer(placed);
    const firstVariant = Object.keys(placed).find((k) => k.startsWith('text.') || k.startsWith('discreet.'));
    if (placed.name) pending.current = { id: nameId };
    else if (placed.id) pending.current = { id: idId };
    else if (firstVariant) {
      const [variant, lng] = firstVariant.split('.') as [Variant, string];
      showLanguage(lng, variant);
    }
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = languages.indexOf(language);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? languages.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = languages[(to + languages.length) % languages.length]!;
    setLanguage(next);
    pending.current = { id: `${uid}-tab-${next}` };
  };

  const closeConfirm = () => {
    setConfirming(false);
    setRefusal(null);
  };

  const confirmDelete = async () => {
    if (!template || deleting) return;
    setDeleting(true);
    setRefusal(null);
    const outcome = await del.run({ id: template.id });
    if (outcome.ok) {
      toast.success(t('delete.done', { name: shownName }));
      // The host shows another template (or none) and moves the keyboard there.
      await onDeleted?.(template);
      return;
    }
    setDeleting(false);
    setRefusal(refusalOf(outcome.error));
  };

  const refusalWords = (r: Refusal, name: string): string => {
    if (r.kind === 'built-in') return t('delete.builtIn', { name });
    if (r.kind === 'error') return errorWords(r.error);
    const names = r.plans.map((id) => `“${planName?.(id) ?? id}”`);
    return t('delete.inUse', { count: names.length, name, plans: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names) });
  };

  const formErrors = [...problemAt('form'), ...(server.form ?? [])];
  const withText = languages.filter((l) => textOf(l, 'text').trim() !== '');

  return (
    <>
      <form className="template-editor" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${uid}-title`}>
        <fieldset disabled={!canPut} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <div className="template-editor-head">
          <h2 id={`${uid}-title`}>{isNew ? t('newTitle') : t('editTitle', { name: shownName })}</h2>
          {template?.builtIn && (
            <p className="template-builtin-note">
              {t('builtInNote')} {t('builtInNoDelete')}
            </p>
          )}
        </div>
        <div className="template-meta">
          <TextField
            id={nameId}
            label={t('name')}
            value={draft.name}
            maxLength={200}
            error={[...problemAt('name'), ...(server.name ?? [])].join(' ') || null}
            onChange={(e) => {
              const name = e.target.value;
              setDraft((d) => ({ ...d, name, id: isNew && !idEdited ? slugify(name) : d.id }));
            }}
          />
          {isNew ? (
            <TextField
              id={idId}
              label={t('id')}
              hint={t('idHint')}
              value={draft.id}
              maxLength={64}
              spellCheck={false}
              autoCapitalize="none"
              error={[...problemAt('id'), ...(server.id ?? [])].join(' ') || null}
              onChange={(e) => {
                setIdEdited(true);
                setDraft((d) => ({ ...d, id: e.target.value }));
              }}
            />
          ) : (
            <p className="template-id">{t('idShown', { id: draft.id })}</p>
          )}
        </div>

        <div className="language-tabs" role="tablist" aria-label={t('languages')}>
          {languages.map((lng) => (
            <button
              key={lng}
              id={`${uid}-tab-${lng}`}
              type="button"
              role="tab"
              className="language-tab"
              aria-selected={lng === language}
              aria-controls={`${uid}-panel`}
              tabIndex={lng === language ? 0 : -1}
              onClick={() => setLanguage(lng)}
              onKeyDown={onTabKey}
            >
              {languageName(lng)}
              {textOf(lng, 'text').trim() === '' && <span className="language-tab-note"> · {t('notWritten')}</span>}
              {hasError(lng) && (
                <span className="language-tab-error">
                  {' '}
                  <span aria-hidden="true">!</span>
                  <span className="visually-hidden">{t('hasError')}</span>
                </span>
              )}
            </button>
          ))}
        </div>

        <div id={`${uid}-panel`} role="tabpanel" aria-labelledby={`${uid}-tab-${language}`} className="language-panel">
          <div className="insert-fields" role="group" aria-labelledby={`${uid}-insert`}>
            <p id={`${uid}-insert`} className="insert-fields-label">
              {t(boxShown === 'text' ? 'insertIntoText' : 'insertIntoDiscreet')}
            </p>
            {MERGE_FIELDS.map((field) => (
              <Button key={field} className="insert-field" title={t(`field.${field}`)} onClick={() => insert(field)}>
                {t('insert', { field: `{${field}}` })}
              </Button>
            ))}
          </div>
          {isSwahili(language) && <p className="field-hint">{t('swTimeHint')}</p>}
          {(['text', 'discreet'] as const).map((variant) => (
            <VariantBox
              key={`${language}-${variant}`}
              id={boxId(language, variant)}
              language={language}
              languageName={languageName(language)}
              variant={variant}
              value={textOf(language, variant)}
              onChange={(text) => setText(language, variant, text)}
              onFocus={() => {
                lastBox.current = variant;
                setBoxShown(variant);
              }}
              serverErrors={errorsOf(language, variant)}
              timeZone={timeZone}
              nowMs={nowMs}
              maxParts={maxParts}
              clinicName={clinicName}
              sensitiveWords={sensitiveWords}
            />
          ))}
        </div>

        <label className="template-fallback">
          <span className="field-label">{t('fallback')}</span>
          <select className="input" value={withText.includes(draft.fallbackLanguage) ? draft.fallbackLanguage : (withText[0] ?? draft.fallbackLanguage)} onChange={(e) => setDraft((d) => ({ ...d, fallbackLanguage: e.target.value }))}>
            {(withText.length > 0 ? withText : languages).map((lng) => (
              <option key={lng} value={lng}>
                {languageName(lng)}
              </option>
            ))}
          </select>
        </label>

        {formErrors.length > 0 && (
          <div className="form-error" role="alert">
            {formErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        </fieldset>
        <div className="form-actions">
          {canPut ? (
            <Button type="submit" variant="primary" busy={put.pending}>
              {put.pending ? t('saving') : t('save')}
            </Button>
          ) : null}
          <Button onClick={onClose}>{t('close')}</Button>
          {template && !template.builtIn && canDelete && (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('delete.button')}
            </Button>
          )}
        </div>
      </form>
      {template && (
        <Dialog
          open={confirming}
          title={t('delete.title', { name: shownName })}
          onClose={closeConfirm}
          initialFocusRef={keepRef}
          footer={
            <>
              <Button ref={keepRef} onClick={closeConfirm}>
                {t('delete.keep')}
              </Button>
              {!refused && (
                <Button variant="danger" busy={deleting} onClick={() => void confirmDelete()}>
                  {t('delete.confirm')}
                </Button>
              )}
            </>
          }
        >
          <p>{t('delete.body')}</p>
          {refusal && (
            <p className="form-error" role="alert">
              {refusalWords(refusal, shownName)}
            </p>
          )}
        </Dialog>
      )}
    </>
  );
}
