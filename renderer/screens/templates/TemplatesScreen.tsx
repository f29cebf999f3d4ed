/**
 * Templates: messages with merge fields per language (issue 11 "Templates"). A list (name, the
 * languages it is written in, "Built in") beside the editor of the one chosen or a new one; the
 * reminder plans that use them below.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateDto } from '../../../src-shared/contract/dto.ts';
import { errorWords } from '../../app/errors.ts';
import { useQuery } from '../../app/hooks.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ReminderPlans } from './ReminderPlans.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import { writtenLanguages } from './template-draft.ts';

/** Which template the editor shows: one by id, a new one, or none. */
type Chosen = { kind: 'none' } | { kind: 'new'; n: number } | { kind: 'template'; id: string };

export function TemplatesScreen() {
  const { t } = useTranslation('templates');
  const list = useQuery('templates.list', {});
  const [chosen, setChosen] = useState<Chosen>({ kind: 'none' });
  const items = list.data?.items ?? [];
  const current = chosen.kind === 'template' ? (items.find((x) => x.id === chosen.id) ?? null) : null;
  const languageName = (lng: string) => t(`language.${lng}`, { defaultValue: lng });

  const onSaved = (saved: TemplateDto) => {
    setChosen({ kind: 'template', id: saved.id });
    void list.reload();
  };

  return (
    <section className="screen templates" aria-labelledby="templates-title">
      <h1 id="templates-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <div className="templates-split">
        <div className="templates-list">
          <Button variant="primary" onClick={() => setChosen((c) => ({ kind: 'new', n: c.kind === 'new' ? c.n + 1 : 1 }))}>
            {t('new')}
          </Button>
          {list.loading && !list.data && <p className="loading">{t('common:loading')}</p>}
          {list.error && (
            <div className="form-error" role="alert">
              <p>{errorWords(list.error)}</p>
              <Button onClick={() => void list.reload()}>{t('common:action.tryAgain')}</Button>
            </div>
          )}
          {list.data && items.length === 0 && <EmptyState title={t('none')} />}
          <ul className="template-items" aria-label={t('listLabel')}>
            {items.map((x) => {
              const langs = writtenLanguages(x);
              const isCurrent = chosen.kind === 'template' && chosen.id === x.id;
              return (
                <li key={x.id}>
                  <button type="button" className={isCurrent ? 'template-item template-item-current' : 'template-item'} aria-current={isCurrent ? 'true' : undefined} onClick={() => setChosen({ kind: 'template', id: x.id })}>
                    <span className="template-item-name">{x.name}</span>
                    <span className="template-item-meta">
                      {langs.length > 0 ? langs.map(languageName).join(', ') : t('noLanguages')}
                      {x.builtIn && <span className="template-builtin"> · {t('builtIn')}</span>}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="templates-detail">
          {chosen.kind === 'new' && <TemplateEditor key={`new-${chosen.n}`} template={null} takenIds={items.map((x) => x.id)} onSaved={onSaved} onClose={() => setChosen({ kind: 'none' })} />}
          {current && <TemplateEditor key={`${current.id}-${current.updated}`} template={current} takenIds={items.map((x) => x.id)} onSaved={onSaved} onClose={() => setChosen({ kind: 'none' })} />}
          {chosen.kind === 'none' && <EmptyState title={t('chooseTitle')}>{t('chooseHint')}</EmptyState>}
        </div>
      </div>
      <ReminderPlans templates={items} />
    </section>
  );
}
