/**
 * The "Replies to reminders" fieldset of the Settings screen, right after "Replies": per language
 * (English, Kiswahili, French, and any other language already saved), the whole replies that
 * confirm the patient's next appointment ("1", "YES", "NDIO") or ask for another time ("2",
 * "HAPANA") (SettingsDto replyWords), typed one a line or comma separated like the opt-out words;
 * and the most automatic answers one number gets in a day (autoRepliesPerDay). The parent form
 * owns the values and saves them with the other settings.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDto } from '../../../src-shared/contract/dto.ts';

interface ControlIds {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export const REPLY_KINDS = ['confirm', 'reschedule'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];
/** One language's list of one kind, as errors and ids name it: "replyWords.confirm.sw". */
export type ReplyWordsKey = `replyWords.${ReplyKind}.${string}`;

/** Always shown, in this order; another language already saved follows them. */
export const REPLY_LANGUAGES: readonly string[] = ['en', 'sw', 'fr'];

/** The languages to show: en, sw, fr, then any other saved (sorted). */
export function replyLanguages(words: SettingsDto['replyWords']): string[] {
  const saved = [...Object.keys(words.confirm), ...Object.keys(words.reschedule)];
  const others = [...new Set(saved)].filter((lang) => !REPLY_LANGUAGES.includes(lang)).sort();
  return [...REPLY_LANGUAGES, ...others];
}

export interface AppointmentRepliesProps {
  /** Prefixes the ids of the fieldset's own hint. */
  idPrefix: string;
  languages: readonly string[];
  ids(key: ReplyWordsKey): ControlIds;
  /** As typed, per kind and language. */
  words: Record<ReplyKind, Record<string, string>>;
  onWords(kind: ReplyKind, lang: string, typed: string): void;
  autoRepliesIds: ControlIds;
  /** As typed. */
  autoReplies: string;
  maxAutoReplies: number;
  onAutoReplies(typed: string): void;
  /** Error of each list (the parent form owns them). */
  messages(key: ReplyWordsKey): ReactNode;
  /** Hint and error of the daily limit. */
  autoRepliesMessages: ReactNode;
}

export function AppointmentReplies({ idPrefix, languages, ids, words, onWords, autoRepliesIds, autoReplies, maxAutoReplies, onAutoReplies, messages, autoRepliesMessages }: AppointmentRepliesProps) {
  const { t } = useTranslation('settings');
  const hintId = `${idPrefix}-answers-hint`;
  // A language the app has no name for is shown by its code.
  const languageName = (lang: string) => t(`answers.language.${lang}`, { defaultValue: lang });
  const withHint = (control: ControlIds): ControlIds => ({ ...control, 'aria-describedby': [hintId, control['aria-describedby']].filter(Boolean).join(' ') });
  return (
    <fieldset className="field appointment-replies" aria-describedby={hintId}>
      <legend>{t('answers.legend')}</legend>
      <p id={hintId} className="field-hint">
        {t('answers.hint')}
      </p>
      {languages.map((lang) => (
        <div key={lang} className="reply-language">
          {REPLY_KINDS.map((kind) => {
            const key: ReplyWordsKey = `replyWords.${kind}.${lang}`;
            const control = withHint(ids(key));
            return (
              <div key={kind} className="field">
                <label htmlFor={control.id}>{t(`answers.${kind}Label`, { language: languageName(lang) })}</label>
                <textarea
                  {...control}
                  className="input textarea"
                  rows={3}
                  spellCheck={false}
                  autoComplete="off"
                  value={words[kind][lang] ?? ''}
                  onChange={(e) => onWords(kind, lang, e.target.value)}
                />
                {messages(key)}
              </div>
            );
          })}
        </div>
      ))}
      <div className="field">
        <label htmlFor={autoRepliesIds.id}>{t('answers.autoRepliesLabel')}</label>
        <input
          {...autoRepliesIds}
          type="number"
          className="input input-short"
          inputMode="numeric"
          min={0}
          max={maxAutoReplies}
          step={1}
          autoComplete="off"
          value={autoReplies}
          onChange={(e) => onAutoReplies(e.target.value.replace(/\s/g, ''))}
        />
        {autoRepliesMessages}
      </div>
    </fieldset>
  );
}
