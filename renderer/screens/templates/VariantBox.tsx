/**
 * One text of one language in the template editor: the box, what it becomes for the sample
 * patient (in that language, clinic time), the SMS measure of the longest it can become, and a
 * warning when it names a sensitive word. An unknown merge field is the box's error. In Swahili,
 * {time} is already worded with "saa" ("saa 4:00 asubuhi"): a text with "saa {time}" is warned
 * under its preview, as it would read "saa saa 4:00 asubuhi".
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { measureSms } from '../../../src-shared/sms/measure.ts';
import { fillTemplate, MERGE_FIELDS, sensitiveWordsIn } from '../../../src-shared/templates/merge-fields.ts';
import { Button } from '../../ui/Button.tsx';
import { TextArea } from '../../ui/TextField.tsx';
import { codePoint, REPLACEMENTS, replaceAll } from '../compose/replacements.ts';
import { longestExpansion, longestValues, SAMPLE, sampleValues, unknownFieldsIn, type Variant } from './template-draft.ts';

export interface VariantBoxProps {
  /** The element id of the textarea (the editor focuses and inserts by it). */
  id: string;
  language: string;
  languageName: string;
  variant: Variant;
  value: string;
  onChange: (text: string) => void;
  onFocus: () => void;
  /** What the backend said about this text. */
  serverErrors: readonly string[];
  timeZone: string;
  nowMs: number;
  maxParts: number;
  /** The clinic's name as set ('' = not set: {clinic} cannot be filled). */
  clinicName: string;
  /** The clinic's list of words that say too much on a phone others may read (the sensitiveWords setting). */
  sensitiveWords: readonly string[];
}

/** A Swahili text ("sw", "sw-KE"): its {time} says "saa …" itself. */
export const isSwahili = (language: string) => language === 'sw' || language.toLowerCase().startsWith('sw-');

/** "saa {time}" (any case, any spaces), not "masaa {time}". */
const SAA_BEFORE_TIME = /(?:^|[^\p{L}\p{N}])saa\s*\{time\}/iu;

/** Code points, as the compose counter counts them. */
const length = (text: string) => [...text].length;

export function VariantBox({ id, language, languageName, variant, value, onChange, onFocus, serverErrors, timeZone, nowMs, maxParts, clinicName, sensitiveWords }: VariantBoxProps) {
  const { t, i18n } = useTranslation('templates');
  const list = (items: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);
  const fields = MERGE_FIELDS.map((f) => `{${f}}`).join(', ');

  const unknown = useMemo(() => unknownFieldsIn(value), [value]);
  const sensitive = useMemo(() => sensitiveWordsIn(value, sensitiveWords), [value, sensitiveWords]);
  const filled = useMemo(() => (value.trim() === '' ? null : fillTemplate(value, sampleValues(nowMs, timeZone, clinicName), language, timeZone)), [value, nowMs, timeZone, language, clinicName]);
  const longest = useMemo(() => longestValues(language, timeZone, nowMs, clinicName), [language, timeZone, nowMs, clinicName]);
  const expanded = useMemo(() => longestExpansion(value, longest), [value, longest]);
  const m = useMemo(() => measureSms(expanded), [expanded]);

  const errors = [...(unknown.length > 0 ? [t('unknownField', { count: unknown.length, fields: list(unknown.map((f) => `{${f}}`)), known: fields })] : []), ...serverErrors];
  const measureId = `${id}-measure`;
  const warningId = `${id}-warning`;
  const saaId = `${id}-saa`;
  const saaTwice = isSwahili(language) && SAA_BEFORE_TIME.test(value);
  const label = t(variant === 'text' ? 'textLabel' : 'discreetLabel', { language: languageName });
  const hint = variant === 'discreet' ? t('discreetHint') : undefined;
  const inText = (char: string) => value.includes(char);

  return (
    <div className={`variant-box variant-${variant}`}>
      <TextArea
        id={id}
        label={label}
        hint={hint}
        rows={3}
        lang={language}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onFocus={onFocus}
        error={errors.length > 0 ? errors.join(' ') : null}
        aria-describedby={[value !== '' && measureId, sensitive.length > 0 && warningId, saaTwice && saaId].filter(Boolean).join(' ') || undefined}
      />
      {sensitive.length > 0 && (
        <p id={warningId} className="template-warning">
          {t(variant === 'text' ? 'sensitive' : 'sensitiveDiscreet', { count: sensitive.length, words: list(sensitive) })}
        </p>
      )}
      {filled && (
        <div className="template-preview-block">
          <p className="template-preview-label">{t('previewFor', { name: SAMPLE.name, zone: timeZone })}</p>
          {filled.ok ? (
            <p className="template-preview" lang={language}>
              {filled.text}
            </p>
          ) : (
            <p className="template-preview template-preview-none">{filled.problems.some((p) => p.rule === 'unknown-field') ? t('noPreview') : t('noClinicName')}</p>
          )}
          {saaTwice && (
            <p id={saaId} className="template-warning">
              {t('saaTwice')}
            </p>
          )}
          <p id={measureId} className={m.segments > maxParts ? 'counter counter-over' : 'counter'}>
            {t('longest', { count: length(expanded), segments: m.segments, encoding: m.encoding === 'gsm7' ? 'GSM-7' : 'Unicode' })}
            {m.segments > maxParts && <span className="counter-warning"> · {t('compose:tooManyParts', { max: maxParts })}</span>}
          </p>
          {m.encoding === 'ucs2' && m.forcingCharacters.length > 0 && (
            <div className="forcing" role="group" aria-label={t('compose:forcing.label')}>
              <p>{t('forcing')}</p>
              <ul className="forcing-list">
                {m.forcingCharacters.map((char) => {
                  const r = REPLACEMENTS[char];
                  const shown = r?.nameKey ? t(`compose:${r.nameKey}`) : char;
                  return (
                    <li key={char}>
                      <span className="forcing-char" title={codePoint(char)}>
                        {shown}
                      </span>
                      {r && inText(char) ? (
                        <Button onClick={() => onChange(replaceAll(value, char))}>
                          {t('compose:forcing.replace', { char: shown, with: r.withNameKey ? t(`compose:${r.withNameKey}`) : r.with })}
                        </Button>
                      ) : (
                        <span className="forcing-none">{inText(char) ? t('compose:forcing.noReplacement') : t('fromField')}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
