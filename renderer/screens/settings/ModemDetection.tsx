/**
 * The "Finding modems" fieldset of the Settings screen: "Use new modems automatically"
 * (autoAdoptModems) and where detection looks besides the system's list (modemSearch: one
 * pattern per line; empty means this computer's default, sent as null; "Use the default" empties
 * it). When UJUMBE_MODEM_SEARCH decides for this run, it says so.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useGateways } from '../../state/gateways.ts';
import { Button } from '../../ui/index.ts';

interface ControlIds {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export interface ModemDetectionProps {
  ids: { autoAdoptModems: ControlIds; modemSearch: ControlIds };
  autoAdopt: boolean;
  /** As typed, one pattern a line. */
  search: string;
  searchDefault: readonly string[];
  onAutoAdopt(on: boolean): void;
  onSearch(typed: string): void;
  /** Hint and error of each field (the parent form owns them). */
  messages: { autoAdoptModems: ReactNode; modemSearch: ReactNode };
}

export function ModemDetection({ ids, autoAdopt, search, searchDefault, onAutoAdopt, onSearch, messages }: ModemDetectionProps) {
  const { t } = useTranslation('settings');
  const discovery = useGateways((s) => s.discovery);
  const usingDefault = search.trim() === '';
  return (
    <fieldset className="field modem-detection">
      <legend>{t('detection.legend')}</legend>
      <div className="field">
        <label>
          <input {...ids.autoAdoptModems} type="checkbox" checked={autoAdopt} onChange={(e) => onAutoAdopt(e.target.checked)} />
          {t('detection.auto')}
        </label>
        {messages.autoAdoptModems}
      </div>
      <div className="field">
        <label htmlFor={ids.modemSearch.id}>{t('detection.search')}</label>
        <textarea
          {...ids.modemSearch}
          className="input textarea modem-detection__patterns"
          rows={Math.max(3, searchDefault.length)}
          spellCheck={false}
          autoComplete="off"
          placeholder={searchDefault.join('\n')}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
        {messages.modemSearch}
        <div className="button-row">
          <Button disabled={usingDefault} onClick={() => onSearch('')}>
            {t('detection.useDefault')}
          </Button>
          {usingDefault ? <span className="field-hint">{t('detection.usingDefault')}</span> : null}
        </div>
        {discovery?.searchFromEnvironment ? <p className="field-hint">{t('detection.fromEnvironment', { patterns: discovery.search.join(', ') })}</p> : null}
      </div>
    </fieldset>
  );
}
