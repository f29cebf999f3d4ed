/**
 * The "Several modems" fieldset of the Settings screen: which modem takes the next
 * message, and prefix rules (numbers starting with a prefix go through the SIM of that network).
 * The parent form owns the values and saves them with the other settings.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayView } from '../../../src-shared/contract/dto.ts';
import { ROUTING_POLICIES } from '../../../src-shared/model.ts';
import type { PrefixRule, RoutingPolicy } from '../../../src-shared/model.ts';
import { Button } from '../../ui/index.ts';
import { portBaseName } from '../gateways/names.ts';

export interface SeveralModemsProps {
  /** A prefix for element ids (the form's useId). */
  idPrefix: string;
  routing: RoutingPolicy;
  rules: PrefixRule[];
  /** The SMS gateways a rule can name. */
  modems: readonly GatewayView[];
  onRouting(routing: RoutingPolicy): void;
  onRules(rules: PrefixRule[]): void;
  /** Errors from the backend, below the fieldset. */
  messages: ReactNode;
}

/**
 * A modem as the panel names it: its label (the port's short name beside it when two modems share
 * a label), else its port, else its id. Rules keep the id; people read the label.
 */
export function modemChoiceName(g: GatewayView, all: readonly GatewayView[]): string {
  const port = g.kind === 'modem' && g.detail.port !== '' ? portBaseName(g.detail.port) : null;
  const label = g.label.trim();
  if (label === '') return port ?? g.id;
  const shared = all.some((o) => o.id !== g.id && o.label.trim() === label);
  return shared && port ? `${label} (${port})` : label;
}

export function SeveralModems({ idPrefix, routing, rules, modems, onRouting, onRules, messages }: SeveralModemsProps) {
  const { t } = useTranslation('settings');
  const setRule = (index: number, rule: PrefixRule) => onRules(rules.map((r, i) => (i === index ? rule : r)));
  // A rule may name a modem that is no longer saved: it stays listed under its id.
  const choices = (selected: string): Array<{ id: string; name: string }> => {
    const known = modems.map((m) => ({ id: m.id, name: modemChoiceName(m, modems) }));
    return known.some((m) => m.id === selected) || selected === '' ? known : [...known, { id: selected, name: selected }];
  };

  return (
    <fieldset className="field several-modems">
      <legend>{t('routing.legend')}</legend>
      <p className="field-hint">{t('routing.hint')}</p>
      {ROUTING_POLICIES.map((policy) => (
        <label key={policy} className="radio">
          <input type="radio" name={`${idPrefix}-routing`} value={policy} checked={routing === policy} onChange={() => onRouting(policy)} />
          {t(`routing.${policy}`)}
        </label>
      ))}
      {routing === 'prefix' ? (
        <div className="prefix-rules">
          <p className="field-hint">{t('routing.rulesHint')}</p>
          {rules.length === 0 ? <p>{t('routing.noRules')}</p> : null}
          <ul>
            {rules.map((rule, index) => (
              <li key={index} className="prefix-rule">
                <label htmlFor={`${idPrefix}-rule-${index}-prefix`}>{t('routing.prefixLabel')}</label>
                <input
                  id={`${idPrefix}-rule-${index}-prefix`}
                  className="input"
                  inputMode="tel"
                  placeholder="+25471"
                  maxLength={16}
                  value={rule.prefix}
                  onChange={(e) => setRule(index, { ...rule, prefix: e.target.value.replace(/\s/g, '') })}
                />
                <label htmlFor={`${idPrefix}-rule-${index}-modem`}>{t('routing.modem')}</label>
                <select id={`${idPrefix}-rule-${index}-modem`} className="input" value={rule.gatewayId} onChange={(e) => setRule(index, { ...rule, gatewayId: e.target.value })}>
                  {choices(rule.gatewayId).map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
                <Button onClick={() => onRules(rules.filter((_, i) => i !== index))}>{t('routing.remove', { index: index + 1 })}</Button>
              </li>
            ))}
          </ul>
          <Button disabled={modems.length === 0} onClick={() => onRules([...rules, { prefix: '', gatewayId: modems[0]?.id ?? '' }])}>
            {t('routing.add')}
          </Button>
        </div>
      ) : null}
      {messages}
    </fieldset>
  );
}
