/**
 * The "To" field: chips plus a combobox. Type a number, an e-mail address, a contact's name or
 * a group; Enter, comma or semicolon adds it (Enter with suggestions showing: the highlighted
 * one, else the one named exactly so, else the first); Backspace in an
 * empty box removes the last chip; ↑/↓ move through suggestions, Escape closes them. Each chip
 * is checked as it is added and an invalid one says why (aria-invalid + aria-describedby).
 */
import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, GroupDto } from '../../../src-shared/contract/dto.ts';
import type { Protocol } from '../../../src-shared/model.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { useCompose, type RecipientChip } from '../../state/compose.ts';
import { useSettings } from '../../state/settings.ts';
import { Chip } from '../../ui/Chip.tsx';
import { chipFromContact, chipFromGroup, chipFromText, contactAddress, contactProtocols, splitEntries, type ChipCheck } from './recipients.ts';
import { errorWords } from '../../app/errors.ts';

const MAX_CONTACT_SUGGESTIONS = 8;
const MAX_GROUP_SUGGESTIONS = 4;
const SEARCH_DELAY_MS = 120;

type Suggestion = { kind: 'contact'; contact: ContactDto; protocol?: Protocol } | { kind: 'group'; group: GroupDto };

export interface RecipientInputProps {
  checks: ReadonlyArray<{ chip: RecipientChip; check: ChipCheck; serverIssues: string[] }>;
  inputRef?: Ref<HTMLInputElement>;
}

/** The suggestion whose name is exactly `query` (case and spaces aside), else the first. */
function likeliest(suggestions: readonly Suggestion[], query: string): Suggestion | undefined {
  const wanted = query.trim().toLowerCase();
  const named = (s: Suggestion) => (s.kind === 'group' ? s.group.name : s.contact.name).trim().toLowerCase();
  return suggestions.find((s) => named(s) === wanted) ?? suggestions[0];
}

export function RecipientInput({ checks, inputRef }: RecipientInputProps) {
  const { t } = useTranslation('compose');
  const client = useClient();
  const id = useId();
  const inputId = `${id}-to`;
  const listboxId = `${id}-suggestions`;
  const pending = useCompose((s) => s.pending);
  const setPending = useCompose((s) => s.setPending);
  const addChip = useCompose((s) => s.addChip);
  const removeChip = useCompose((s) => s.removeChip);
  const settings = useSettings((s) => s.protocol);

  const [groups, setGroups] = useState<GroupDto[] | null>(null);
  const [contacts, setContacts] = useState<ContactDto[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searchError, setSearchError] = useState<string | null>(null);
  const searchTicket = useRef(0);

  const query = pending.trim();
  const looksLikeAddress = /^[+\d\s\-().]+$/.test(query) || query.includes('@');

  // Groups are few: fetch once, filter here.
  useEffect(() => {
    let live = true;
    void callCommand(client, 'groups.list', {}).then((o) => {
      if (!live) return;
      if (o.ok) setGroups(o.result);
      else setSearchError(errorWords(o.error));
    });
    return () => {
      live = false;
    };
  }, [client]);

  // Contacts: search as the nurse types, newest answer wins.
  useEffect(() => {
    const mine = ++searchTicket.current;
    if (query === '' || looksLikeAddress) {
      setContacts([]);
      return;
    }
    const timer = setTimeout(() => {
      void callCommand(client, 'contacts.list', { search: query, limit: MAX_CONTACT_SUGGESTIONS }).then((o) => {
        if (mine !== searchTicket.current) return;
        if (o.ok) {
          setContacts(o.result.contacts);
          setSearchError(null);
        } else {
          setContacts([]);
          setSearchError(errorWords(o.error));
        }
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, query, looksLikeAddress]);

  const suggestions = useMemo<Suggestion[]>(() => {
    if (query === '' || looksLikeAddress) return [];
    const q = query.toLowerCase();
    const matchingGroups = (groups ?? []).filter((g) => g.name.toLowerCase().includes(q)).slice(0, MAX_GROUP_SUGGESTIONS);
    // A contact with a phone and an e-mail address is offered once for each.
    const contactOptions = contacts.flatMap((contact): Suggestion[] => {
      const protocols = contactProtocols(contact);
      return protocols.length > 1 ? protocols.map((protocol) => ({ kind: 'contact', contact, protocol })) : [{ kind: 'contact', contact }];
    });
    return [...contactOptions, ...matchingGroups.map((group) => ({ kind: 'group' as const, group }))];
  }, [contacts, groups, query, looksLikeAddress]);

  const expanded = open && suggestions.length > 0;
  useEffect(() => {
    setActive(-1);
  }, [suggestions]);

  const commitText = (text: string) => {
    for (const entry of splitEntries(text)) {
      const chip = chipFromText(entry, settings);
      if (chip) addChip(chip);
    }
    setPending('');
  };

  const pick = (s: Suggestion) => {
    addChip(s.kind === 'contact' ? chipFromContact(s.contact, s.protocol) : chipFromGroup(s.group));
    setPending('');
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl+Enter sends: the form handles it.
    switch (e.key) {
      case 'ArrowDown':
        if (suggestions.length === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((i) => (i + 1) % suggestions.length);
        return;
      case 'ArrowUp':
        if (suggestions.length === 0) return;
        e.preventDefault();
        setOpen(true);
        setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
        return;
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
        }
        return;
      case 'Enter': {
        e.preventDefault();
        // Text that is not an address, with suggestions showing, means one of them: the
        // highlighted one, else the one named exactly so, else the first (typing "ANC" and Enter
        // chose nothing and made an invalid chip: issue 15).
        const chosen = expanded ? (active >= 0 ? suggestions[active] : likeliest(suggestions, query)) : undefined;
        if (chosen) pick(chosen);
        else if (query !== '') commitText(pending);
        return;
      }
      case ',':
      case ';':
        e.preventDefault();
        if (query !== '') commitText(pending);
        return;
      case 'Backspace': {
        if (pending !== '') return;
        const last = checks[checks.length - 1];
        if (last) {
          e.preventDefault();
          removeChip(last.chip.key);
        }
        return;
      }
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[,;\n\r\t]/.test(text)) return;
    e.preventDefault();
    commitText(pending + text);
  };

  const invalid = checks.filter((c) => !c.check.ok || c.serverIssues.length > 0);
  const errorId = (key: string) => `${id}-err-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const activeId = expanded && active >= 0 ? `${listboxId}-${active}` : undefined;

  return (
    <div className="field recipients">
      <label htmlFor={inputId} className="field-label">
        {t('to')}
      </label>
      <div className="combo">
        <div className={invalid.length > 0 ? 'chip-field chip-field-invalid' : 'chip-field'}>
          {checks.length > 0 && (
            <ul className="chips" aria-label={t('recipients')}>
              {checks.map(({ chip, check, serverIssues }) => (
                <Chip
                  key={chip.key}
                  label={check.label}
                  detail={check.detail}
                  invalid={!check.ok || serverIssues.length > 0}
                  describedById={!check.ok || serverIssues.length > 0 ? errorId(chip.key) : undefined}
                  title={chip.kind === 'address' && check.ok && chip.input !== check.label ? chip.input : undefined}
                  onRemove={() => removeChip(chip.key)}
                  removeLabel={t('common:action.remove', { label: check.label })}
                />
              ))}
            </ul>
          )}
          <input
            ref={inputRef}
            id={inputId}
            className="chip-input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={activeId}
            aria-invalid={invalid.length > 0 || undefined}
            aria-describedby={[`${id}-hint`, ...invalid.map((c) => errorId(c.chip.key))].join(' ')}
            value={pending}
            onChange={(e) => {
              setPending(e.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => setOpen(false)}
            onFocus={() => setOpen(true)}
          />
        </div>
        <ul id={listboxId} role="listbox" aria-label={t('suggestions')} className="suggestions" hidden={!expanded}>
          {expanded &&
            suggestions.map((s, i) => (
              <li
                key={s.kind === 'contact' ? `c${s.contact.id}${s.protocol ?? ''}` : `g${s.group.id}`}
                id={`${listboxId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'option option-active' : 'option'}
                onMouseDown={(e) => e.preventDefault()} // keep focus in the box
                onClick={() => pick(s)}
              >
                {s.kind === 'contact' ? (
                  <>
                    <span className="option-name">{s.contact.name}</span>
                    <span className="option-detail">{contactAddress(s.contact, s.protocol)?.address ?? t('noAddress')}</span>
                  </>
                ) : (
                  <>
                    <span className="option-name">{t('groupOption', { name: s.group.name })}</span>
                    <span className="option-detail">{t('groupSize', { count: s.group.memberCount })}</span>
                  </>
                )}
              </li>
            ))}
        </ul>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t('toHint')}
      </p>
      {invalid.length > 0 && (
        <ul className="chip-errors" role="alert">
          {invalid.map(({ chip, check, serverIssues }) => (
            <li key={chip.key} id={errorId(chip.key)}>
              <strong>{check.label}</strong>: {[...(check.reason ? [check.reason] : []), ...serverIssues].join(' ')}
            </li>
          ))}
        </ul>
      )}
      {searchError && <p className="field-error">{t('searchFailed', { message: searchError })}</p>}
    </div>
  );
}
