/**
 * Templates: messages with merge fields per language (issue 11 "Templates"). A list (name, the
 * languages it is written in, "Built in") beside the editor of the one chosen or a new one; the
 * reminder plans that use them below. After a delete the editor shows the next template (or
 * none) and the keyboard goes to it in the list (or to the heading).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateDto } from '../../../src-shared/contract/dto.ts';
import { errorWords } from '../../app/errors.ts';
import { useQuery } from '../../app/hooks.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ReminderPlans } from './ReminderPlans.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { writtenLanguages } from './template-draft.ts';
import { templateName } from './built-in-names.ts';
import { useCan } from '../../state/session.ts';

/** Which template the editor shows: one by id, a new one, or none. */
type Chosen = { kind: 'none' } | { kind: 'new' } | { kind: 'template'; id: string };

export function TemplatesScreen() {
  const { t } = useTranslation('templates');
  const canWrite = useCan('templates.put');
  const list = useQuery('templates.list', {});
  // Here, not in ReminderPlans: the editor names the plans that keep a template from going.
  const plans = useQuery('reminderPlans.list', {});
  const listRef = useRef<HTMLUListElement>(null);
  /** After a render: focus this template's row in the list, or the heading ('heading'). */
  const focusAfter = useRef<string | null>(null);
  const [chosen, setChosen] = useState<Chosen>({ kind: 'none' });
  // A new editor for each choice; a save keeps the same one (and the keyboard where it was).
  const [editorKey, setEditorKey] = useState(0);
  // What the last save returned, shown until the list has it.
  const [lastSaved, setLastSaved] = useState<TemplateDto | null>(null);
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState<Chosen | null>(null);
  const items = list.data?.items ?? [];
  const current = chosen.kind === 'template' ? (items.find((x) => x.id === chosen.id) ?? (lastSaved?.id === chosen.id ? lastSaved : null)) : null;
  const currentName = chosen.kind === 'template' ? (current?.name ?? chosen.id) : t('newTitle');
  const languageName = (lng: string) => t(`language.${lng}`, { defaultValue: lng });
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);
  const planName = (id: string) => plans.data?.items.find((p) => p.id === id)?.name ?? null;

  // A passive effect, so it runs after the closing dialog gave focus back to its (gone) opener.
  useEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    const row = target === 'heading' ? null : [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.template-item') ?? [])].find((b) => b.dataset.templateId === target);
    (row ?? document.getElementById('templates-title'))?.focus();
  });

  const go = (next: Chosen) => {
    setAsking(null);
    setDirty(false);
    setChosen(next);
    setEditorKey((k) => k + 1);
  };
  /** Another template, a new one or none: after asking, when there are unsaved changes. */
  const choose = (next: Chosen) => {
    if (next.kind === 'template' && chosen.kind === 'template' && next.id === chosen.id) return;
    if (dirty) setAsking(next);
    else go(next);
  };

  const onSaved = (saved: TemplateDto) => {
    setLastSaved(saved);
    setChosen({ kind: 'template', id: saved.id });
    void list.reload();
  };

  /** The one after it in the list (else the one before) takes its place; none left: the heading. */
  const onDeleted = async (deleted: TemplateDto) => {
    const at = items.findIndex((x) => x.id === deleted.id);
    const rest = items.filter((x) => x.id !== deleted.id);
    const next = at < 0 ? null : (rest[at] ?? rest[at - 1] ?? null);
    await list.reload();
    if (lastSaved?.id === deleted.id) setLastSaved(null);
    focusAfter.current = next ? next.id : 'heading';
    go(next ? { kind: 'template', id: next.id } : { kind: 'none' });
  };

  const editor = (template: TemplateDto | null) => (
    <TemplateEditor
      key={editorKey}
      template={template}
      takenIds={items.map((x) => x.id)}
      onSaved={onSaved}
      onClose={() => choose({ kind: 'none' })}
      onDirtyChange={onDirtyChange}
      onDeleted={onDeleted}
      planName={planName}
    />
  );

  return (
    <section className="screen templates" aria-labelledby="templates-title">
      <h1 id="templates-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <div className="templates-split">
        <div className="templates-list">
          {canWrite ? (
            <Button variant="primary" onClick={() => choose({ kind: 'new' })}>
              {t('new')}
            </Button>
          ) : null}
          {list.loading && !list.data && <p className="loading">{t('common:loading')}</p>}
          {list.error && (
            <div className="form-error" role="alert">
              <p>{errorWords(list.error)}</p>
              <Button onClick={() => void list.reload()}>{t('common:action.tryAgain')}</Button>
            </div>
          )}
          {list.data && items.length === 0 && <EmptyState title={t('none')} />}
          {items.length > 0 && (
            <ul ref={listRef} className="template-items" aria-label={t('listLabel')}>
              {items.map((x) => {
                const langs = writtenLanguages(x);
                const isCurrent = chosen.kind === 'template' && chosen.id === x.id;
                return (
                  <li key={x.id}>
                    <button type="button" data-template-id={x.id} className={isCurrent ? 'template-item template-item-current' : 'template-item'} aria-current={isCurrent ? 'true' : undefined} onClick={() => choose({ kind: 'template', id: x.id })}>
                      <span className="template-item-name">{templateName(x)}</span>
                      <span className="template-item-meta">
                        {langs.length > 0 ? langs.map(languageName).join(', ') : t('noLanguages')}
                        {x.builtIn && <span className="template-builtin"> · {t('builtIn')}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="templates-detail">
          {chosen.kind === 'new' && editor(null)}
          {current && editor(current)}
          {chosen.kind === 'none' && <EmptyState title={t('chooseTitle')}>{t('chooseHint')}</EmptyState>}
        </div>
      </div>
      <ReminderPlans templates={items} plans={plans} />
      <Dialog
        open={asking !== null}
        title={t('discard.title')}
        onClose={() => setAsking(null)}
        footer={
          <>
            <Button onClick={() => setAsking(null)}>{t('discard.keep')}</Button>
            <Button variant="danger" onClick={() => asking && go(asking)}>
              {t('discard.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('discard.body', { name: currentName })}</p>
      </Dialog>
    </section>
  );
}
