/**
 * The virtualised address book (ui/VirtualList): only the rows on screen exist in the DOM, and
 * a row whose page has not come yet asks for it (use-contact-pages.ts), so 50,000 contacts cost a
 * few page queries and scroll as smoothly as 50, even when the nurse drags the scrollbar.
 * A contact with a number that opted out (replied STOP) says so in words: "Opted out".
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '../../../src-shared/contract/dto.ts';
import { VirtualList } from '../../ui/index.ts';
import type { ContactPages } from './use-contact-pages.ts';

const ROW_HEIGHT = 56;

// Rows are keyed by position, not by contact id: a key that changed when a row's page arrived
// would remount the row and make the virtualiser re-measure all 50,000 positions (the long tasks
// the ui-scale benchmark saw on scrollbar jumps).
const rowKey = (index: number) => index;

/** The addresses a row shows: preferred first, at most two. */
function addressLine(contact: ContactDto): string {
  const sorted = [...contact.addresses].sort((a, b) => Number(b.preferred) - Number(a.preferred));
  return sorted
    .slice(0, 2)
    .map((a) => a.address)
    .join(' · ');
}

interface RowProps {
  index: number;
  pages: ContactPages;
  selected: boolean;
  onOpen: (contact: ContactDto) => void;
}

function ContactRow({ index, pages, selected, onOpen }: RowProps) {
  const { t } = useTranslation('contacts');
  const contact = pages.at(index);
  const { ensure } = pages;
  useEffect(() => {
    if (!contact) ensure(index, index);
  }, [contact, index, ensure]);
  if (!contact) return <span className="contact-row contact-row--loading">{t('list.loadingRow')}</span>;
  return (
    <button type="button" className="contact-row" aria-current={selected ? 'true' : undefined} onClick={() => onOpen(contact)}>
      <span className="contact-row__top">
        <span className="contact-row__name">{contact.name}</span>
        {/* In words, not only a colour: part of the row's name for a screen reader ("Amina Njeri, Opted out"). */}
        {contact.optedOut && contact.optedOut.length > 0 ? (
          <>
            {' '}
            <span className="badge badge-opted-out">{t('list.optedOutBadge')}</span>
          </>
        ) : null}
      </span>{' '}
      <span className="contact-row__addresses">{addressLine(contact) || t('list.noAddress')}</span>
    </button>
  );
}

export interface ContactListProps {
  pages: ContactPages;
  selectedId: number | null;
  onOpen: (contact: ContactDto) => void;
}

export function ContactList({ pages, selectedId, onOpen }: ContactListProps) {
  const { t } = useTranslation('contacts');
  const total = pages.total ?? 0;
  // Row numbers stand in for contacts the list has not fetched yet (50,000 numbers is 400 kB).
  const rows = useMemo(() => Array.from({ length: total }, (_, i) => i), [total]);
  return (
    <VirtualList
      label={t('list.label')}
      items={rows}
      getKey={rowKey}
      estimateSize={ROW_HEIGHT}
      renderItem={(index) => <ContactRow index={index} pages={pages} selected={pages.at(index)?.id === selectedId} onOpen={onOpen} />}
    />
  );
}
