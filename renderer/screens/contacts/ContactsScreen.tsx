/**
 * The address book: groups on the left, a searchable virtualised list in the middle, and on the
 * right whatever the nurse is doing (a contact's form with the contact's appointments under it, or
 * a CSV import). Search runs as you type (debounced) against `contacts.list`, a page at a time;
 * deletes can be undone from the toast. "Only opted out" lists the contacts with a number that opted
 * out (replied STOP); `consent.changed` reloads the list and the open contact (its "Messages").
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, GroupDto } from '../../../src-shared/contract/dto.ts';
import { useClient, useQuery } from '../../app/hooks.ts';
import { callCommand } from '../../app/call.ts';
import { useSettings } from '../../state/settings.ts';
import { toast } from '../../state/toasts.ts';
import { Button, EmptyState } from '../../ui/index.ts';
import { ContactAppointments } from './ContactAppointments.tsx';
import { ContactConsent } from './ContactConsent.tsx';
import { ContactForm } from './ContactForm.tsx';
import { ContactList } from './ContactList.tsx';
import { CsvFilePicker, CsvImportPanel } from './CsvImportPanel.tsx';
import type { PickedCsv } from './CsvImportPanel.tsx';
import { GroupsPanel } from './GroupsPanel.tsx';
import { downloadCsv, exportFileName } from './csv-export.ts';
import { useContactPages } from './use-contact-pages.ts';
import './contacts.css';
import { errorWords } from '../../app/errors.ts';
import { useCan } from '../../state/session.ts';
import { EraseContact } from '../deletion/DeleteActions.tsx';

/** Wait after the last keystroke before searching: one query per pause, not per letter. */
export const SEARCH_DEBOUNCE_MS = 250;
/** One reload for a burst of consent changes (an import of opt-outs, several STOP replies). */
const CONSENT_RELOAD_MS = 200;

type Panel = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; contact: ContactDto } | { kind: 'import'; file: PickedCsv };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** What contacts.restore takes back: the deleted contact as it was, addresses without their row ids. */
function restoreParams(contact: ContactDto) {
  return {
    contact: {
      id: contact.id,
      name: contact.name,
      notes: contact.notes,
      addresses: contact.addresses.map((a) => ({ address: a.address, protocol: a.protocol, preferred: a.preferred })),
      groupIds: contact.groupIds,
    },
  };
}

export function ContactsScreen() {
  const { t } = useTranslation('contacts');
  const client = useClient();
  const id = useId();
  const protocolSettings = useSettings((s) => s.protocol);
  const settingsLoaded = useSettings((s) => s.settings !== null);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [optedOutOnly, setOptedOutOnly] = useState(false);
  const [version, setVersion] = useState(0);
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  /** Close the side panel; focus goes back to the search box rather than being lost with the form. */
  const closePanel = () => {
    setPanel({ kind: 'none' });
    requestAnimationFrame(() => searchBox.current?.focus());
  };

  const groupsQuery = useQuery('groups.list', {});
  const groups: GroupDto[] = groupsQuery.data ?? [];
  const reloadGroups = groupsQuery.reload;
  const pages = useContactPages(client, { search, groupId, optedOut: optedOutOnly, version }, t('list.loadFailed'));

  // Addresses are checked with the clinic's default country: read it if the shell has not yet.
  useEffect(() => {
    if (!settingsLoaded) void useSettings.getState().load(client);
  }, [client, settingsLoaded]);

  const changed = useCallback(() => {
    setVersion((v) => v + 1);
    void reloadGroups();
  }, [reloadGroups]);

  /** The open contact again from the backend (which of its numbers opted out), the nurse's edits kept. */
  const openId = panel.kind === 'edit' ? panel.contact.id : null;
  const openIdRef = useRef(openId);
  useEffect(() => {
    openIdRef.current = openId;
  }, [openId]);
  const reloadOpen = useCallback(async () => {
    const contactId = openIdRef.current;
    if (contactId === null) return;
    const outcome = await callCommand(client, 'contacts.get', { id: contactId });
    // Gone meanwhile, or the call failed: the page keeps what it showed; the list says the rest.
    if (!outcome.ok) return;
    setPanel((p) => (p.kind === 'edit' && p.contact.id === contactId ? { kind: 'edit', contact: outcome.result } : p));
  }, [client]);

  const consentChanged = useCallback(() => {
    setVersion((v) => v + 1);
    void reloadOpen();
  }, [reloadOpen]);

  // A STOP reply, another window or the HTTP API: the badges and the open contact follow.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('consent.changed', () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        consentChanged();
      }, CONSENT_RELOAD_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, consentChanged]);

  const restore = async (contact: ContactDto) => {
    const outcome = await callCommand(client, 'contacts.restore', restoreParams(contact));
    if (outcome.ok) {
      toast.success(t('toast.restored', { name: outcome.result.name }));
      changed();
    } else {
      toast.error(t('toast.restoreFailed', { name: contact.name, message: errorWords(outcome.error) }));
    }
  };

  /** @returns an error message for the form, or null when the contact is gone. */
  const remove = async (contact: ContactDto): Promise<string | null> => {
    const outcome = await callCommand(client, 'contacts.delete', { id: contact.id });
    if (!outcome.ok) return errorWords(outcome.error);
    const deleted = outcome.result;
    closePanel();
    changed();
    toast.info(t('toast.deleted', { name: deleted.name }), { action: { label: t('common:action.undo'), run: () => restore(deleted) } });
    return null;
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    const outcome = await callCommand(client, 'contacts.export', {});
    setExporting(false);
    if (!outcome.ok) {
      setExportError(t('export.failed', { message: errorWords(outcome.error) }));
      return;
    }
    try {
      downloadCsv(outcome.result.csv, exportFileName());
      toast.success(t('export.done', { count: outcome.result.count }));
    } catch (err) {
      setExportError(t('export.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  const selectedId = panel.kind === 'edit' ? panel.contact.id : null;
  // Issue 13: adding and importing are a nurse's, exporting the administrator's.
  const canCreate = useCan('contacts.create');
  const canImport = useCan('contacts.import');
  const canExport = useCan('contacts.export');
  const filtering = search !== '' || groupId !== null || optedOutOnly;
  const groupName = groups.find((g) => g.id === groupId)?.name ?? null;

  return (
    <section className="screen contacts-screen" aria-labelledby={`${id}-title`}>
      <header className="screen-header">
        <h1 id={`${id}-title`}>{t('title')}</h1>
        <div className="toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
          {canCreate ? (
            <Button variant="primary" onClick={() => setPanel({ kind: 'new' })}>
              {t('new')}
            </Button>
          ) : null}
          {canImport ? <CsvFilePicker onPicked={(file) => setPanel({ kind: 'import', file })} /> : null}
          {canExport ? (
            <Button busy={exporting} onClick={() => void exportCsv()}>
              {t('export.button')}
            </Button>
          ) : null}
        </div>
        {exportError ? (
          <p role="alert" className="form-error">
            {exportError}
          </p>
        ) : null}
      </header>

      <div className="contacts-layout">
        <aside className="contacts-groups">
          {groupsQuery.error ? (
            <div role="alert" className="form-error">
              {t('groups.loadFailed', { message: errorWords(groupsQuery.error) })}{' '}
              <Button onClick={() => void reloadGroups()}>{t('common:action.tryAgain')}</Button>
            </div>
          ) : null}
          <GroupsPanel
            groups={groups}
            selectedId={groupId}
            onSelect={setGroupId}
            onChanged={({ kind, group }) => {
              if (kind === 'deleted' && group.id === groupId) setGroupId(null);
              changed();
            }}
          />
        </aside>

        <section className="contacts-list" aria-labelledby={`${id}-list-title`}>
          <h2 id={`${id}-list-title`} className="visually-hidden">
            {groupName ? t('list.titleInGroup', { group: groupName }) : t('list.title')}
          </h2>
          <label htmlFor={`${id}-search`} className="visually-hidden">
            {t('search.label')}
          </label>
          <input
            id={`${id}-search`}
            ref={searchBox}
            type="search"
            className="input"
            placeholder={t('search.placeholder')}
            value={searchText}
            autoComplete="off"
            onChange={(e) => setSearchText(e.target.value)}
          />
          <label className="contacts-filter">
            <input type="checkbox" checked={optedOutOnly} onChange={(e) => setOptedOutOnly(e.target.checked)} />
            {t('list.optedOutFilter')}
          </label>
          <p className="list-count" role="status" aria-live="polite">
            {pages.total === null ? t('list.loading') : groupName ? t('list.countInGroup', { count: pages.total, group: groupName }) : t('list.count', { count: pages.total })}
          </p>
          {pages.error ? (
            <div role="alert" className="form-error">
              {pages.error}{' '}
              <Button onClick={() => setVersion((v) => v + 1)}>{t('common:action.tryAgain')}</Button>
            </div>
          ) : null}
          {pages.total === 0 ? (
            <EmptyState
              title={filtering ? t('list.noMatch') : t('list.emptyTitle')}
              action={filtering || !canCreate ? null : <Button onClick={() => setPanel({ kind: 'new' })}>{t('new')}</Button>}
            >
              {filtering ? null : t('list.empty')}
            </EmptyState>
          ) : (
            <ContactList pages={pages} selectedId={selectedId} onOpen={(contact) => setPanel({ kind: 'edit', contact })} />
          )}
        </section>

        <section className="contacts-panel">
          {panel.kind === 'new' || panel.kind === 'edit' ? (
            <ContactForm
              key={panel.kind === 'edit' ? `edit-${panel.contact.id}` : 'new'}
              contact={panel.kind === 'edit' ? panel.contact : null}
              groups={groups}
              protocolSettings={protocolSettings}
              onSaved={(contact) => {
                toast.success(t('toast.saved', { name: contact.name }));
                closePanel();
                changed();
              }}
              onCancel={closePanel}
              onDelete={remove}
            />
          ) : null}
          {/* Below the form, in the same scrolling column: the form's Save stays where it was. */}
          {panel.kind === 'edit' ? <ContactConsent key={`consent-${panel.contact.id}`} contact={panel.contact} onChanged={consentChanged} /> : null}
          {panel.kind === 'edit' ? <ContactAppointments key={`appointments-${panel.contact.id}`} contact={panel.contact} /> : null}
          {/* Issue 13: deleting the history too cannot be undone, so it is apart from the form's Delete (which offers Undo). */}
          {panel.kind === 'edit' ? (
            <div className="button-row contact-erase">
              <EraseContact key={`erase-${panel.contact.id}`} contactId={panel.contact.id} name={panel.contact.name} onDeleted={() => { closePanel(); changed(); }} />
            </div>
          ) : null}
          {panel.kind === 'import' ? (
            <CsvImportPanel key={panel.file.fileName} file={panel.file} onImported={changed} onClose={closePanel} />
          ) : null}
        </section>
      </div>
    </section>
  );
}
