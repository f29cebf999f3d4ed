/**
 * contacts.*: the list with search as you type, one contact, create / update / delete / restore
 * (Undo), and CSV import and export (contacts-csv.ts).
 */
import type { ContactDto } from '../../../src-shared/contract/dto.ts';
import { NotFoundError } from '../../../src-shared/errors.ts';
import type { Store } from '../store/store.ts';
import { exportContactsCsv, importContacts } from './contacts-csv.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { optedOutOf } from './consent.ts';
import { toContactDto } from './dto-mapping.ts';
import { saveContact } from './contact-save.ts';
import { searchTerms } from './search-terms.ts';

function getContact(store: Store, id: number): ContactDto {
  const contact = store.contacts.get(id);
  if (!contact) throw new NotFoundError('contact', id, 'This contact no longer exists.');
  return toContactDto(contact, store.groups.groupIdsOf(id), store.contacts.messaging(id), optedOutOf(store, contact));
}

/**
 * @throws NotFoundError from get, update and delete.
 * @throws ValidationError from create, update and restore (see saveContact).
 */
export function contactHandlers({ backend }: HandlerContext): AreaHandlers<'contacts'> {
  const { store } = backend;
  return {
    'contacts.list'(params) {
      const { text, digits } = searchTerms(params.search);
      const page = store.contactQueries.page({ text, digits, groupId: params.groupId ?? null, optedOut: params.optedOut === true, limit: params.limit, offset: params.offset });
      const groupIds = store.groups.groupIdsOfMany(page.contacts.map((c) => c.id));
      return { contacts: page.contacts.map((c) => toContactDto(c, groupIds.get(c.id) ?? [], store.contacts.messaging(c.id), optedOutOf(store, c))), total: page.total };
    },

    'contacts.get': ({ id }) => getContact(store, id),

    'contacts.create': (contact) => saveContact(store, contact, { kind: 'create' }),

    'contacts.update'({ id, contact }) {
      getContact(store, id);
      return saveContact(store, contact, { kind: 'update', id });
    },

    // The addresses stay, with no contact (ON DELETE SET NULL): the message history keeps its
    // numbers and conversations. Memberships go (ON DELETE CASCADE). The DTO returned is what
    // contacts.restore takes back.
    'contacts.delete'({ id }) {
      return store.transaction(() => {
        const deleted = getContact(store, id);
        store.contacts.delete(id);
        return deleted;
      });
    },

    'contacts.restore': ({ contact: { id, ...contact } }) => saveContact(store, contact, { kind: 'restore', id }),

    'contacts.import': (params) => importContacts(store, params.rows, params.defaultGroup),

    'contacts.export': () => exportContactsCsv(store),
  };
}
