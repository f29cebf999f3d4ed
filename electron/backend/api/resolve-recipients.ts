/**
 * The "To" of messages.send as the compose screen gives it (raw addresses, contacts, groups)
 * -> the address list MessagingService validates. A contact gives its preferred address per
 * protocol; a group gives each member's. Duplicates are left to validateDraft, which merges them.
 */
import type { ParsedParams } from '../../../src-shared/contract/commands.ts';
import type { SendReceipt } from '../../../src-shared/contract/dto.ts';
import { ValidationError, type ValidationIssue } from '../../../src-shared/errors.ts';
import type { Address, Contact, MessageDraft, Protocol } from '../../../src-shared/model.ts';
import type { Store } from '../store/store.ts';

export type RecipientInput = ParsedParams<'messages.send'>['to'][number];

/** A draft recipient with the index of the `to` entry it came from (`to.2`), so later checks can point at it. */
export type ResolvedRecipient = MessageDraft['recipients'][number] & { input: number };

export interface ResolvedRecipients {
  recipients: ResolvedRecipient[];
  /** Group members with no address for the protocol: left out, and said so in the receipt. */
  skipped: NonNullable<SendReceipt['skipped']>;
}

const ADDRESS_WORDS: Record<Protocol, string> = { sms: 'phone number', email: 'e-mail address' };

/**
 * The address a contact is reached at for each protocol (only `protocol` when given): the one
 * marked preferred, else the first. Contacts saved through the contract always have one
 * preferred per protocol; the fallback covers rows written otherwise.
 */
export function preferredAddresses(contact: Contact, protocol?: Protocol): Address[] {
  const chosen = new Map<Protocol, Address>();
  for (const address of contact.addresses) {
    if (protocol !== undefined && address.protocol !== protocol) continue;
    const current = chosen.get(address.protocol);
    if (!current || (address.preferred && !current.preferred)) chosen.set(address.protocol, address);
  }
  return [...chosen.values()];
}

/**
 * Issues point at the input by position (`to.2`), as invalid-params issues do.
 * @throws ValidationError naming every unknown contact or group, every contact with no address
 *   for the protocol, and every group in which nobody can be reached.
 */
export function resolveRecipients(store: Store, inputs: readonly RecipientInput[]): ResolvedRecipients {
  const issues: ValidationIssue[] = [];
  const recipients: ResolvedRecipient[] = [];
  const skipped: ResolvedRecipients['skipped'] = [];
  const skippedIds = new Set<number>();

  inputs.forEach((input, index) => {
    switch (input.kind) {
      case 'address':
        recipients.push({ address: input.address, protocol: input.protocol, input: index });
        return;
      case 'contact': {
        const contact = store.contacts.get(input.contactId);
        if (!contact) {
          issues.push({ where: `to.${index}`, rule: 'contact.unknown', message: `Contact ${input.contactId} no longer exists.` });
          return;
        }
        const addresses = preferredAddresses(contact, input.protocol);
        if (addresses.length === 0) {
          const what = input.protocol === undefined ? 'address to send to' : ADDRESS_WORDS[input.protocol];
          issues.push({ where: `to.${index}`, rule: 'contact.no-address', message: `${contact.name} has no ${what}.` });
          return;
        }
        for (const a of addresses) recipients.push({ address: a.address, protocol: a.protocol, contactId: contact.id, input: index });
        return;
      }
      case 'group': {
        const group = store.groups.get(input.groupId);
        if (!group) {
          issues.push({ where: `to.${index}`, rule: 'group.unknown', message: `Group ${input.groupId} no longer exists.` });
          return;
        }
        let reached = 0;
        for (const contactId of store.groups.memberIds(group.id)) {
          const contact = store.contacts.get(contactId);
          if (!contact) continue;
          const addresses = preferredAddresses(contact, input.protocol);
          if (addresses.length === 0) {
            if (!skippedIds.has(contact.id)) skipped.push({ contactId: contact.id, name: contact.name });
            skippedIds.add(contact.id);
            continue;
          }
          reached++;
          for (const a of addresses) recipients.push({ address: a.address, protocol: a.protocol, contactId: contact.id, input: index });
        }
        if (reached === 0) {
          const what = input.protocol === undefined ? 'an address' : `a ${ADDRESS_WORDS[input.protocol]}`;
          issues.push({ where: `to.${index}`, rule: 'group.empty', message: `Nobody in the group "${group.name}" has ${what}.` });
        }
        return;
      }
    }
  });

  if (issues.length > 0) throw new ValidationError(issues);
  // A member skipped by one group but reached through another input did get the message.
  const reachedIds = new Set(recipients.flatMap((r) => (r.contactId === undefined ? [] : [r.contactId])));
  return { recipients, skipped: skipped.filter((s) => !reachedIds.has(s.contactId)) };
}
