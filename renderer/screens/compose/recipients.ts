/** Turning what the nurse types or picks into chips, checking them, and into send parameters. */
import type { CommandParams } from '../../../src-shared/contract/commands.ts';
import type { ContactDto, GroupDto } from '../../../src-shared/contract/dto.ts';
import type { ValidationIssue } from '../../../src-shared/errors.ts';
import type { Address, Protocol } from '../../../src-shared/model.ts';
import { checkAddress, type ProtocolSettings } from '../../../src-shared/protocols/index.ts';
import type { ComposeIssues, RecipientChip } from '../../state/compose.ts';

export type SendParams = CommandParams<'messages.send'>;
type RecipientInput = SendParams['to'][number];

/** Anything with an @ is an e-mail address; everything else is read as a phone number. */
export function protocolOf(text: string): Protocol {
  return text.includes('@') ? 'email' : 'sms';
}

export function chipFromText(raw: string, settings: ProtocolSettings): RecipientChip | null {
  const input = raw.trim();
  if (input === '') return null;
  const protocol = protocolOf(input);
  const check = checkAddress(input, protocol, settings);
  return { key: `address:${protocol}:${check.ok ? check.address : input}`, kind: 'address', input, protocol };
}

/** Splits pasted text ("0712 345 678, 0722 000 111; a@b.org") into entries. */
export function splitEntries(text: string): string[] {
  return text
    .split(/[,;\n\r\t]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The address a contact is reached at: for one protocol, its preferred address of it (else the
 * first); with none named, the preferred SMS number, else any, else e-mail.
 */
export function contactAddress(contact: ContactDto, protocol?: Protocol): Address | null {
  const pick = (p: Protocol) => contact.addresses.find((a) => a.protocol === p && a.preferred) ?? contact.addresses.find((a) => a.protocol === p);
  if (protocol) return pick(protocol) ?? null;
  return pick('sms') ?? pick('email') ?? null;
}

/** The protocols a contact has an address for, SMS first: compose offers each of them. */
export function contactProtocols(contact: ContactDto): Protocol[] {
  return (['sms', 'email'] as const).filter((p) => contact.addresses.some((a) => a.protocol === p));
}

/**
 * A contact chip; `protocol` picks that address (a contact with a phone and an e-mail can be
 * addressed by either or both: two chips, each sent and tracked separately).
 */
export function chipFromContact(contact: ContactDto, protocol?: Protocol): RecipientChip {
  const address = contactAddress(contact, protocol);
  const usual = contactAddress(contact);
  const key = address && usual && address.protocol !== usual.protocol ? `contact:${contact.id}:${address.protocol}` : `contact:${contact.id}`;
  return { key, kind: 'contact', contactId: contact.id, name: contact.name, address: address?.address ?? null, protocol: address?.protocol ?? null };
}

export function chipFromGroup(group: GroupDto): RecipientChip {
  return { key: `group:${group.id}`, kind: 'group', groupId: group.id, name: group.name, memberCount: group.memberCount };
}

export interface ChipCheck {
  ok: boolean;
  /** What the chip shows: the normalised address, a contact's name, a group's name. */
  label: string;
  /** A contact's address, a group's size. */
  detail: string | null;
  /** The normalised address sent for an address chip. */
  address: string | null;
  reason: string | null;
}

/** Local words for the cases the protocol checks do not cover (set by the screen, translated). */
export interface ChipWords {
  /** Shown after a short code ("100", "22384"), so a nurse sees it was not read as a phone number. */
  shortCode: string;
  contactNoAddress: string;
  groupEmpty: string;
  groupSize: (count: number) => string;
}

export function checkChip(chip: RecipientChip, settings: ProtocolSettings, words: ChipWords): ChipCheck {
  switch (chip.kind) {
    case 'address': {
      const check = checkAddress(chip.input, chip.protocol, settings);
      return check.ok
        ? { ok: true, label: check.address, detail: check.kind === 'short-code' ? words.shortCode : null, address: check.address, reason: null }
        : { ok: false, label: chip.input, detail: null, address: null, reason: check.issue.message };
    }
    case 'contact':
      return chip.address
        ? { ok: true, label: chip.name, detail: chip.address, address: chip.address, reason: null }
        : { ok: false, label: chip.name, detail: null, address: null, reason: words.contactNoAddress };
    case 'group':
      return chip.memberCount > 0
        ? { ok: true, label: chip.name, detail: words.groupSize(chip.memberCount), address: null, reason: null }
        : { ok: false, label: chip.name, detail: null, address: null, reason: words.groupEmpty };
  }
}

export function chipProtocol(chip: RecipientChip): Protocol | null {
  return chip.kind === 'group' ? null : chip.protocol;
}

export function toRecipientInput(chip: RecipientChip, check: ChipCheck): RecipientInput {
  switch (chip.kind) {
    case 'address':
      return { kind: 'address', address: check.address ?? chip.input, protocol: chip.protocol };
    case 'contact':
      return chip.protocol ? { kind: 'contact', contactId: chip.contactId, protocol: chip.protocol } : { kind: 'contact', contactId: chip.contactId };
    case 'group':
      return { kind: 'group', groupId: chip.groupId };
  }
}

/** The strings a backend issue's `where` may use for a chip. */
function namesOf(chip: RecipientChip, check: ChipCheck): string[] {
  const names: string[] = [];
  if (chip.kind === 'address') names.push(chip.input, check.address ?? '');
  if (chip.kind === 'contact') names.push(chip.name, chip.address ?? '', String(chip.contactId));
  if (chip.kind === 'group') names.push(chip.name, String(chip.groupId));
  return names.filter((n) => n !== '').map((n) => n.trim().toLowerCase());
}

/** Places each backend validation issue next to the chip or field it names. */
export function placeIssues(issues: readonly ValidationIssue[], chips: ReadonlyArray<{ chip: RecipientChip; check: ChipCheck }>): ComposeIssues {
  const placed: ComposeIssues = { chips: {}, message: [], subject: [], sendAt: [], general: null };
  const general: string[] = [];
  for (const issue of issues) {
    const where = issue.where.trim().toLowerCase();
    // Contacts and groups are named by position in `to` ("to.2"), addresses by themselves.
    const position = /^to\.(\d+)(\.|$)/.exec(where);
    const owner = position ? chips[Number(position[1])] : chips.find(({ chip, check }) => namesOf(chip, check).includes(where));
    if (owner) (placed.chips[owner.chip.key] ??= []).push(issue.message);
    else if (where === 'message' || where === 'content' || where === 'text') placed.message.push(issue.message);
    else if (where === 'subject') placed.subject.push(issue.message);
    else if (where === 'sendat' || where === 'expiresat') placed.sendAt.push(issue.message);
    else general.push(issue.where && !['to', '(parameters)'].includes(where) ? `${issue.where}: ${issue.message}` : issue.message);
  }
  if (general.length > 0) placed.general = { code: 'validation', message: general.join(' ') };
  return placed;
}
