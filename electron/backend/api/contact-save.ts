/**
 * Creating, changing and restoring a contact: every address validated and normalised by its
 * protocol, one preferred address per protocol, an address that is another contact's refused,
 * and the contact, its addresses, its conversations' link and its groups written in one
 * transaction (the checks run inside it, so two saves cannot both take one number).
 */
import { optedOutOf } from './consent.ts';
import type { ParsedParams } from '../../../src-shared/contract/commands.ts';
import type { ContactDto } from '../../../src-shared/contract/dto.ts';
import { ValidationError, type ValidationIssue } from '../../../src-shared/errors.ts';
import type { Protocol } from '../../../src-shared/model.ts';
import { checkAddress } from '../../../src-shared/protocols/index.ts';
import type { Store } from '../store/store.ts';
import { protocolSettings } from './context.ts';
import { toContactDto } from './dto-mapping.ts';

export type ContactInput = ParsedParams<'contacts.create'>;

/** Where the contact goes: a new row, an existing one, or back under its old id (Undo). */
export type SaveTarget = { kind: 'create' } | { kind: 'update'; id: number } | { kind: 'restore'; id: number };

interface CheckedAddress {
  address: string;
  protocol: Protocol;
  preferred: boolean;
}

/**
 * Normalises the addresses: duplicates (the same number typed twice) merged; per protocol the
 * first one marked preferred, or else the first, becomes the preferred one.
 */
function checkAddresses(store: Store, input: ContactInput, issues: ValidationIssue[]): CheckedAddress[] {
  const settings = protocolSettings(store);
  const byKey = new Map<string, CheckedAddress & { wanted: boolean }>();
  input.addresses.forEach((a, i) => {
    const check = checkAddress(a.address, a.protocol, settings);
    if (!check.ok) {
      issues.push({ ...check.issue, where: `addresses.${i}` });
      return;
    }
    const key = `${a.protocol}:${check.address}`;
    const seen = byKey.get(key);
    if (seen) seen.wanted ||= a.preferred;
    else byKey.set(key, { address: check.address, protocol: a.protocol, preferred: false, wanted: a.preferred });
  });
  const addresses = [...byKey.values()];
  for (const protocol of new Set(addresses.map((a) => a.protocol))) {
    const ofProtocol = addresses.filter((a) => a.protocol === protocol);
    const chosen = ofProtocol.find((a) => a.wanted) ?? ofProtocol[0];
    if (chosen) chosen.preferred = true;
  }
  return addresses.map(({ address, protocol, preferred }) => ({ address, protocol, preferred }));
}

/** Addresses already another contact's, each named with its owner. */
function checkOwners(store: Store, addresses: readonly CheckedAddress[], ownerId: number | null, input: ContactInput, issues: ValidationIssue[]): void {
  const settings = protocolSettings(store);
  for (const a of addresses) {
    const existing = store.contacts.findAddress(a.address, a.protocol);
    if (!existing || existing.contactId === null || existing.contactId === ownerId) continue;
    const owner = store.contacts.get(existing.contactId);
    // Point at the field the user typed it in.
    const index = input.addresses.findIndex((typed) => {
      const check = checkAddress(typed.address, typed.protocol, settings);
      return typed.protocol === a.protocol && check.ok && check.address === a.address;
    });
    issues.push({
      where: `addresses.${Math.max(0, index)}`,
      rule: 'address.taken',
      message: `${a.address} already belongs to ${owner?.name ?? 'another contact'}.`,
    });
  }
}

/**
 * Saves a contact. Restore keeps the old id when it is free, and leaves out groups deleted since
 * (Undo must not fail for them); create and update refuse unknown groups.
 * @returns the contact as saved.
 * @throws ValidationError (addresses.N: invalid, or another contact's; groupIds.N: unknown group);
 *   nothing is saved.
 * @throws NotFoundError is the caller's job (update checks the id exists before calling).
 */
export function saveContact(store: Store, input: ContactInput, target: SaveTarget): ContactDto {
  return store.transaction(() => {
    const issues: ValidationIssue[] = [];
    const ownerId = target.kind === 'update' ? target.id : null;
    const addresses = checkAddresses(store, input, issues);
    checkOwners(store, addresses, ownerId, input, issues);
    let groupIds = [...new Set(input.groupIds)];
    if (target.kind === 'restore') {
      groupIds = groupIds.filter((id) => store.groups.get(id) !== undefined);
    } else {
      input.groupIds.forEach((id, i) => {
        if (!store.groups.get(id)) issues.push({ where: `groupIds.${i}`, rule: 'group.unknown', message: `Group ${id} no longer exists.` });
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);

    let id: number;
    if (target.kind === 'update') {
      id = target.id;
      store.contacts.update(id, { name: input.name, notes: input.notes });
    } else if (target.kind === 'restore' && !store.contacts.exists(target.id)) {
      id = store.contacts.createWithId(target.id, input.name, input.notes);
    } else {
      id = store.contacts.create(input.name, input.notes);
    }

    const kept = addresses.map((a) => {
      const saved = store.contacts.assignAddress(a.address, a.protocol, id, a.preferred);
      store.conversations.setContactOf(a.address, a.protocol, id);
      return saved.id;
    });
    for (const released of store.contacts.releaseAddresses(id, kept)) {
      store.conversations.setContactOf(released.address, released.protocol, null);
    }
    store.groups.setGroupsOf(id, groupIds);
    if (input.language !== undefined || input.discreet !== undefined) {
      const before = store.contacts.messaging(id);
      store.contacts.setMessaging(id, input.language === undefined ? before.language : input.language, input.discreet ?? before.discreet);
    }

    const saved = store.contacts.get(id);
    if (!saved) throw new Error(`contact ${id} vanished inside its own transaction`);
    return toContactDto(saved, store.groups.groupIdsOf(id), store.contacts.messaging(id), optedOutOf(store, saved));
  });
}
