/**
 * The "Keyword rules" section of the Settings screen: a patient's reply whose first word is a
 * rule's keyword (HOURS) is answered with the rule's template and/or its sender is added to a
 * group (keywords.list / keywords.put / keywords.delete). Each rule is its own record, saved at
 * once from its editor (not by the form's "Save settings"); a refusal is worded here, by its rule,
 * next to the field it is about. Deleting asks first.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDto, KeywordRuleDto, TemplateDto } from '../../../src-shared/contract/dto.ts';
import type { ValidationIssue } from '../../../src-shared/errors.ts';
import { keywordOf } from '../../../src-shared/replies/keywords.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { useClient } from '../../app/hooks.ts';
import { toast } from '../../state/toasts.ts';
import { Button, Dialog, FieldMessages, formatWhen } from '../../ui/index.ts';
import { errorIssues } from './field-errors.ts';

type RuleField = 'keyword' | 'templateId' | 'groupId';
const RULE_FIELDS: readonly RuleField[] = ['keyword', 'templateId', 'groupId'];

/** The editor as filled in: '' is "none" for the template and the group. */
interface Draft {
  id: number | undefined;
  keyword: string;
  templateId: string;
  groupId: string;
  enabled: boolean;
}

const NEW_RULE: Draft = { id: undefined, keyword: '', templateId: '', groupId: '', enabled: true };

const draftOf = (rule: KeywordRuleDto): Draft => ({ id: rule.id, keyword: rule.keyword, templateId: rule.templateId ?? '', groupId: rule.groupId === null ? '' : String(rule.groupId), enabled: rule.enabled });

/** The backend's rules, worded here (settings:keywords.error.*); any other keeps the backend's words. */
const ISSUE_WORDS: Readonly<Record<string, string>> = {
  'keyword.empty': 'keywords.error.empty',
  'keyword.one-word': 'keywords.error.oneWord',
  'keyword.consent-word': 'keywords.error.consentWord',
  'keyword.taken': 'keywords.error.taken',
  'template.unknown': 'keywords.error.templateUnknown',
  'group.unknown': 'keywords.error.groupUnknown',
  'keyword.does-nothing': 'keywords.error.doesNothing',
};

function issueWords(words: (key: string, values: { word: string }) => string, issue: ValidationIssue, word: string): string {
  const key = ISSUE_WORDS[issue.rule];
  return key ? words(key, { word }) : issue.message;
}

function fieldOfIssue(where: string): RuleField | null {
  return (RULE_FIELDS as readonly string[]).includes(where) ? (where as RuleField) : null;
}

/** What a draft would send, or the issues found before asking (worded like the backend's). */
function checkDraft(draft: Draft): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (draft.keyword.trim() === '') issues.push({ where: 'keyword', rule: 'keyword.empty', message: '' });
  else if (keywordOf(draft.keyword) === null) issues.push({ where: 'keyword', rule: 'keyword.one-word', message: '' });
  if (draft.templateId === '' && draft.groupId === '') issues.push({ where: 'templateId', rule: 'keyword.does-nothing', message: '' });
  return issues;
}

const byKeyword = (a: KeywordRuleDto, b: KeywordRuleDto) => a.keyword.localeCompare(b.keyword);

export function KeywordRules() {
  const { t, i18n } = useTranslation('settings');
  const client = useClient();
  const id = useId();
  const [rules, setRules] = useState<KeywordRuleDto[] | null>(null);
  const [templates, setTemplates] = useState<TemplateDto[]>([]);
  const [groups, setGroups] = useState<GroupDto[]>([]);
  const [loadError, setLoadError] = useState<RpcError | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<RuleField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<KeywordRuleDto | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const cancelDelete = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    const [list, templateList, groupList] = await Promise.all([callCommand(client, 'keywords.list', {}), callCommand(client, 'templates.list', {}), callCommand(client, 'groups.list', {})]);
    // Without templates or groups the rules still show (their names then read "no longer exists").
    if (templateList.ok) setTemplates(templateList.result.items);
    if (groupList.ok) setGroups(groupList.result);
    if (!list.ok) {
      setLoadError(list.error);
      return;
    }
    setRules([...list.result.items].sort(byKeyword));
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const templateChoices = useMemo(() => [...templates].sort((a, b) => a.name.localeCompare(b.name, i18n.language)), [templates, i18n.language]);
  const groupChoices = useMemo(() => [...groups].sort((a, b) => a.name.localeCompare(b.name, i18n.language)), [groups, i18n.language]);

  const templateName = (templateId: string | null) => {
    if (templateId === null) return t('keywords.noAnswer');
    return templates.find((x) => x.id === templateId)?.name ?? t('keywords.templateGone');
  };
  const groupName = (groupId: number | null) => {
    if (groupId === null) return t('keywords.noGroup');
    return groups.find((g) => g.id === groupId)?.name ?? t('keywords.groupGone');
  };
  const firedWords = (rule: KeywordRuleDto) => {
    if (rule.fired === 0) return t('keywords.neverFired');
    const when = formatWhen(rule.lastFiredAt, i18n.language);
    return when === '' ? t('keywords.firedNoDate', { count: rule.fired }) : t('keywords.fired', { count: rule.fired, when });
  };

  const openEditor = (next: Draft) => {
    setDraft(next);
    setErrors({});
    setFormError(null);
  };
  const closeEditor = () => {
    if (!saving) setDraft(null);
  };

  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setFormError(null);
    // Choosing a template or a group answers "it does nothing" for both.
    const cleared: RuleField[] = key === 'templateId' || key === 'groupId' ? [key, 'templateId'] : key === 'keyword' ? ['keyword'] : [];
    if (cleared.some((f) => errors[f])) setErrors((e) => ({ ...e, ...Object.fromEntries(cleared.map((f) => [f, undefined])) }));
  };

  const focusField = (field: RuleField) => document.getElementById(`${id}-${field}`)?.focus();

  const showIssues = (issues: readonly ValidationIssue[], word: string): boolean => {
    const fields: Partial<Record<RuleField, string>> = {};
    const rest: string[] = [];
    for (const issue of issues) {
      const field = fieldOfIssue(issue.where);
      const words = issueWords((key, values) => t(key, values), issue, word);
      if (field === null) rest.push(words);
      else fields[field] = fields[field] ? `${fields[field]} ${words}` : words;
    }
    setErrors(fields);
    setFormError(rest.length > 0 ? rest.join(' ') : null);
    const first = RULE_FIELDS.find((f) => fields[f]);
    if (first) focusField(first);
    return first !== undefined || rest.length > 0;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || saving) return;
    const word = keywordOf(draft.keyword) ?? draft.keyword.trim();
    const local = checkDraft(draft);
    if (local.length > 0) {
      showIssues(local, word);
      return;
    }
    setErrors({});
    setFormError(null);
    setSaving(true);
    const params = { keyword: draft.keyword.trim(), templateId: draft.templateId === '' ? null : draft.templateId, groupId: draft.groupId === '' ? null : Number(draft.groupId), enabled: draft.enabled };
    const outcome = await callCommand(client, 'keywords.put', draft.id === undefined ? params : { id: draft.id, ...params });
    setSaving(false);
    if (!outcome.ok) {
      if (!showIssues(errorIssues(outcome.error), word)) setFormError(t('keywords.saveFailed', { message: errorWords(outcome.error) }));
      return;
    }
    const rule = outcome.result;
    setRules((list) => [...(list ?? []).filter((r) => r.id !== rule.id), rule].sort(byKeyword));
    setDraft(null);
    toast.success(t(draft.id === undefined ? 'keywords.added' : 'keywords.saved', { keyword: rule.keyword }));
  };

  const confirmDelete = async () => {
    if (!deleting || deleteBusy) return;
    const rule = deleting;
    setDeleteBusy(true);
    const outcome = await callCommand(client, 'keywords.delete', { id: rule.id });
    setDeleteBusy(false);
    setDeleting(null);
    // The row and its button go: focus stays in the section.
    addButton.current?.focus();
    if (!outcome.ok && outcome.error.code !== 'not-found') {
      toast.error(t('keywords.deleteFailed', { keyword: rule.keyword, message: errorWords(outcome.error) }));
      return;
    }
    setRules((list) => (list ?? []).filter((r) => r.id !== rule.id));
    toast.success(t('keywords.deleted', { keyword: rule.keyword }));
  };

  const fieldIds = (field: RuleField, hint: boolean) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [hint ? `${id}-${field}-hint` : null, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined,
  });
  const messages = (field: RuleField, hint?: string) => <FieldMessages hintId={`${id}-${field}-hint`} hint={hint} errorId={`${id}-${field}-error`} error={errors[field]} />;

  const formId = `${id}-editor`;
  const editing = draft?.id !== undefined ? rules?.find((r) => r.id === draft.id) : undefined;
  // A rule's template or group that is gone is still offered as it is, so saving it says why.
  const missingTemplate = draft && draft.templateId !== '' && !templates.some((x) => x.id === draft.templateId);
  const missingGroup = draft && draft.groupId !== '' && !groups.some((g) => String(g.id) === draft.groupId);

  return (
    <section className="keyword-rules" aria-labelledby={`${id}-title`} aria-busy={rules === null && loadError === null ? true : undefined}>
      <h2 id={`${id}-title`}>{t('keywords.title')}</h2>
      <p className="field-hint">{t('keywords.intro')}</p>

      {loadError ? (
        <div className="form-error">
          {t('keywords.loadFailed', { message: errorWords(loadError) })} <Button onClick={() => void load()}>{t('common:action.tryAgain')}</Button>
        </div>
      ) : rules === null ? (
        <p>{t('keywords.loading')}</p>
      ) : rules.length === 0 ? (
        <p className="keyword-rules-empty">{t('keywords.empty')}</p>
      ) : (
        <table className="keyword-rules-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('keywords.column.keyword')}</th>
              <th scope="col">{t('keywords.column.answer')}</th>
              <th scope="col">{t('keywords.column.group')}</th>
              <th scope="col">{t('keywords.column.enabled')}</th>
              <th scope="col">{t('keywords.column.fired')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('keywords.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} className={rule.enabled ? undefined : 'keyword-rule-off'}>
                <th scope="row" className="keyword-rule-word">
                  {rule.keyword}
                </th>
                <td>{templateName(rule.templateId)}</td>
                <td>{groupName(rule.groupId)}</td>
                <td>{rule.enabled ? t('keywords.on') : t('keywords.off')}</td>
                <td>{firedWords(rule)}</td>
                <td>
                  <div className="button-row">
                    <Button aria-label={t('keywords.editRule', { keyword: rule.keyword })} onClick={() => openEditor(draftOf(rule))}>
                      {t('keywords.edit')}
                    </Button>
                    <Button variant="danger" aria-label={t('keywords.deleteRule', { keyword: rule.keyword })} onClick={() => setDeleting(rule)}>
                      {t('keywords.delete')}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {loadError ? null : (
        <div className="button-row">
          <Button ref={addButton} disabled={rules === null} onClick={() => openEditor(NEW_RULE)}>
            {t('keywords.add')}
          </Button>
        </div>
      )}

      <Dialog
        open={draft !== null}
        title={editing ? t('keywords.editTitle', { keyword: editing.keyword }) : t('keywords.newTitle')}
        onClose={closeEditor}
        footer={
          <>
            <Button onClick={closeEditor}>{t('common:action.cancel')}</Button>
            <Button type="submit" form={formId} variant="primary" busy={saving}>
              {t('keywords.saveRule')}
            </Button>
          </>
        }
      >
        {draft ? (
          <form id={formId} className="keyword-rule-form" noValidate onSubmit={(e) => void save(e)}>
            <div className="field">
              <label htmlFor={`${id}-keyword`}>{t('keywords.keywordLabel')}</label>
              <input
                {...fieldIds('keyword', true)}
                className="input input-short"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                value={draft.keyword}
                onChange={(e) => edit('keyword', e.target.value)}
              />
              {messages('keyword', t('keywords.keywordHint'))}
            </div>
            <div className="field">
              <label htmlFor={`${id}-templateId`}>{t('keywords.templateLabel')}</label>
              <select {...fieldIds('templateId', true)} className="input" value={draft.templateId} onChange={(e) => edit('templateId', e.target.value)}>
                <option value="">{t('keywords.noAnswer')}</option>
                {missingTemplate ? <option value={draft.templateId}>{t('keywords.templateGone')}</option> : null}
                {templateChoices.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
              {messages('templateId', t('keywords.templateHint'))}
            </div>
            <div className="field">
              <label htmlFor={`${id}-groupId`}>{t('keywords.groupLabel')}</label>
              <select {...fieldIds('groupId', true)} className="input" value={draft.groupId} onChange={(e) => edit('groupId', e.target.value)}>
                <option value="">{t('keywords.noGroup')}</option>
                {missingGroup ? <option value={draft.groupId}>{t('keywords.groupGone')}</option> : null}
                {groupChoices.map((g) => (
                  <option key={g.id} value={String(g.id)}>
                    {g.name}
                  </option>
                ))}
              </select>
              {messages('groupId', t('keywords.groupHint'))}
            </div>
            <div className="field">
              <label>
                <input type="checkbox" checked={draft.enabled} onChange={(e) => edit('enabled', e.target.checked)} />
                {t('keywords.enabledLabel')}
              </label>
            </div>
            {formError ? (
              <p role="alert" className="form-error">
                {formError}
              </p>
            ) : null}
          </form>
        ) : null}
      </Dialog>

      <Dialog
        open={deleting !== null}
        title={deleting ? t('keywords.deleteTitle', { keyword: deleting.keyword }) : ''}
        onClose={() => !deleteBusy && setDeleting(null)}
        initialFocusRef={cancelDelete}
        footer={
          <>
            <Button ref={cancelDelete} onClick={() => setDeleting(null)}>
              {t('common:action.cancel')}
            </Button>
            <Button variant="danger" busy={deleteBusy} onClick={() => void confirmDelete()}>
              {t('keywords.delete')}
            </Button>
          </>
        }
      >
        <p>{deleting ? t('keywords.deleteBody', { keyword: deleting.keyword }) : null}</p>
      </Dialog>
    </section>
  );
}
