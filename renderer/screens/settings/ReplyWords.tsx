/**
 * The "Replies" fieldset of the Settings screen: the opt-out and opt-in words (SettingsDto
 * optOutWords / optInWords). A reply that is exactly one of them, in any case, opts its number
 * out of automated and group messages, or back in. Typed one a line or comma separated, like
 * the sensitive words; the parent form owns the values, checks that at least one opt-out word
 * is left and saves them with the other settings.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ControlIds {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export interface ReplyWordsProps {
  ids: { optOutWords: ControlIds; optInWords: ControlIds };
  /** As typed. */
  optOutWords: string;
  optInWords: string;
  onOptOutWords(typed: string): void;
  onOptInWords(typed: string): void;
  /** Hint and error of each field (the parent form owns them). */
  messages: { optOutWords: ReactNode; optInWords: ReactNode };
}

export function ReplyWords({ ids, optOutWords, optInWords, onOptOutWords, onOptInWords, messages }: ReplyWordsProps) {
  const { t } = useTranslation('settings');
  return (
    <fieldset className="field reply-words">
      <legend>{t('replies.legend')}</legend>
      <div className="field">
        <label htmlFor={ids.optOutWords.id}>{t('replies.optOutLabel')}</label>
        <textarea {...ids.optOutWords} className="input textarea" rows={4} spellCheck={false} autoComplete="off" value={optOutWords} onChange={(e) => onOptOutWords(e.target.value)} />
        {messages.optOutWords}
      </div>
      <div className="field">
        <label htmlFor={ids.optInWords.id}>{t('replies.optInLabel')}</label>
        <textarea {...ids.optInWords} className="input textarea" rows={3} spellCheck={false} autoComplete="off" value={optInWords} onChange={(e) => onOptInWords(e.target.value)} />
        {messages.optInWords}
      </div>
    </fieldset>
  );
}
