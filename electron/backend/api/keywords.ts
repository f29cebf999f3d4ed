/**
 * keywords.*: the clinic's keyword rules (replies/reply-service.ts step 3): a first word answered
 * with a template and optionally adding the sender to a group, with how often each fired.
 */
import type { KeywordRuleDto } from '../../../src-shared/contract/dto.ts';
import { NotFoundError, ValidationError, type ValidationIssue } from '../../../src-shared/errors.ts';
import { consentWordOf } from '../../../src-shared/replies/consent-words.ts';
import { keywordOf } from '../../../src-shared/replies/keywords.ts';
import { isoAt } from '../clock.ts';
import type { KeywordRuleRecord } from '../store/repositories/keyword-repository.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

const dto = (r: KeywordRuleRecord): KeywordRuleDto => ({ ...r });

export function keywordHandlers({ backend }: HandlerContext): AreaHandlers<'keywords'> {
  const { store, clock } = backend;
  return {
    'keywords.list': () => ({ items: store.keywords.list().map(dto) }),
    'keywords.put'({ id, keyword, templateId, groupId, enabled }) {
      return store.transaction(() => {
        const issues: ValidationIssue[] = [];
        const word = keywordOf(keyword);
        if (word === null) issues.push({ where: 'keyword', rule: 'keyword.one-word', message: 'A keyword is one word, such as HOURS.' });
        // STOP and START must always mean what the patient meant (consent-service.ts runs first anyway).
        else if (consentWordOf(word, { optOut: store.settings.get('optOutWords'), optIn: store.settings.get('optInWords') })) {
          issues.push({ where: 'keyword', rule: 'keyword.consent-word', message: `${word} is an opt-out or opt-in word: choose another keyword.` });
        } else {
          const taken = store.keywords.byKeyword(word);
          if (taken && taken.id !== id) issues.push({ where: 'keyword', rule: 'keyword.taken', message: `There is already a rule for ${word}.` });
        }
        if (templateId !== null && !store.templates.get(templateId)) issues.push({ where: 'templateId', rule: 'template.unknown', message: `There is no template "${templateId}".` });
        if (groupId != null && !store.groups.get(groupId)) issues.push({ where: 'groupId', rule: 'group.unknown', message: 'This group no longer exists.' });
        if (templateId === null && groupId == null) issues.push({ where: 'templateId', rule: 'keyword.does-nothing', message: 'Choose a template to answer with, a group to add the sender to, or both.' });
        if (issues.length > 0 || word === null) throw new ValidationError(issues);
        const rule = { keyword: word, templateId, groupId: groupId ?? null, enabled: enabled ?? true };
        const at = isoAt(clock);
        if (id === undefined) return dto(store.keywords.get(store.keywords.insert(rule, at))!);
        if (!store.keywords.get(id)) throw new NotFoundError('keyword rule', id, 'This keyword rule no longer exists.');
        store.keywords.update(id, rule, at);
        return dto(store.keywords.get(id)!);
      });
    },
    'keywords.delete'({ id }) {
      if (!store.transaction(() => store.keywords.delete(id))) throw new NotFoundError('keyword rule', id, 'This keyword rule no longer exists.');
      return { deleted: true };
    },
  };
}
