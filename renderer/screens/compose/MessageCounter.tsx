/**
 * The live counter under a message box: "n characters · k SMS · GSM-7" (or Unicode), room left
 * in the current part, and when Unicode is forced, the characters that force it with a button
 * per character that has a GSM-7 stand-in ("Replace ’ with '"). One measureSms per render.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { measureSms } from '../../../src-shared/sms/measure.ts';
import { Button } from '../../ui/Button.tsx';
import { codePoint, REPLACEMENTS, replaceAll, replaceEvery } from './replacements.ts';

function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

export interface MessageCounterProps {
  text: string;
  /** id for the counter line, to describe the message box with it. */
  id: string;
  /** The clinic's limit of parts; past it the counter warns. */
  maxParts: number;
  /** Called with the new text after a replacement (the caller refocuses its box). */
  onReplace: (text: string) => void;
}

export function MessageCounter({ text, id, maxParts, onReplace }: MessageCounterProps) {
  const { t } = useTranslation('compose');
  const m = useMemo(() => measureSms(text), [text]);
  const encoding = m.encoding === 'gsm7' ? 'GSM-7' : 'Unicode';
  const tooLong = m.segments > maxParts;
  const replaceable = m.forcingCharacters.filter((c) => REPLACEMENTS[c]);

  const shown = (char: string) => {
    const key = REPLACEMENTS[char]?.nameKey;
    return key ? t(key) : char;
  };
  const shownWith = (char: string) => {
    const r = REPLACEMENTS[char];
    if (!r) return '';
    return r.withNameKey ? t(r.withNameKey) : r.with;
  };

  return (
    <div className="counter-block">
      <p id={id} className={tooLong ? 'counter counter-over' : 'counter'}>
        <span>{t('counter', { count: countCodePoints(text), segments: m.segments, encoding })}</span>
        {text !== '' && <span className="counter-left"> · {t('left', { count: m.unitsLeftInSegment })}</span>}
        {tooLong && <span className="counter-warning"> · {t('tooManyParts', { max: maxParts })}</span>}
      </p>
      {m.encoding === 'ucs2' && m.forcingCharacters.length > 0 && (
        <div className="forcing" role="group" aria-label={t('forcing.label')}>
          <p>{t('forcing.explain')}</p>
          <ul className="forcing-list">
            {m.forcingCharacters.map((char) => {
              const r = REPLACEMENTS[char];
              return (
                <li key={char}>
                  <span className="forcing-char" title={codePoint(char)}>
                    {shown(char)}
                  </span>
                  {r ? (
                    <Button onClick={() => onReplace(replaceAll(text, char))}>{t('forcing.replace', { char: shown(char), with: shownWith(char) })}</Button>
                  ) : (
                    <span className="forcing-none">{t('forcing.noReplacement')}</span>
                  )}
                </li>
              );
            })}
          </ul>
          {replaceable.length > 1 && (
            <Button onClick={() => onReplace(replaceEvery(text, replaceable))}>{t('forcing.replaceAll', { count: replaceable.length })}</Button>
          )}
        </div>
      )}
    </div>
  );
}
