/**
 * consent.*: whether a number may get automated and group messages (replies/consent-service.ts).
 * Staff change it by hand with a reason; without users yet (issue 13), "who" is the host the
 * change came through.
 */
import type { ConsentDto } from '../../../src-shared/contract/dto.ts';
import { checkSmsAddress } from '../../../src-shared/protocols/sms.ts';
import type { Contact } from '../../../src-shared/model.ts';
import type { ConsentRecord } from '../store/repositories/consent-repository.ts';
import type { Store } from '../store/store.ts';
import { type AreaHandlers, type HandlerContext, protocolSettings } from './context.ts';
import type { CallerSession } from '../../../src-shared/contract/access.ts';

export function consentDto(c: ConsentRecord, contactId: number | null): ConsentDto {
  return { phone: c.address, optedOut: c.optedOut, changedAt: c.changedAt, source: c.source, word: c.word, messageId: c.messageId, changedBy: c.changedBy, reason: c.reason, contactId };
}

/** The contact's SMS numbers that opted out now (ContactDto.optedOut). */
export function optedOutOf(store: Store, contact: Pick<Contact, 'addresses'>): string[] {
  return contact.addresses.filter((a) => a.protocol === 'sms' && store.consent.get(a.address, 'sms')?.optedOut === true).map((a) => a.address);
}

export function consentHandlers({ backend, options }: HandlerContext): AreaHandlers<'consent'> {
  const { store } = backend;
  const owner = (address: string) => store.contacts.findAddress(address, 'sms')?.contactId ?? null;
  const place = options.host === 'electron' ? 'the desktop app' : 'the browser';
  // Who, by name, since users exist (issue 13): "Neema (the desktop app)", "KenyaEMR (API key)".
  const by = (caller: CallerSession | undefined, source: string | undefined): string => {
    const actor = backend.access.resolve(caller);
    if (!actor || actor.kind === 'host') return source === 'api' ? 'another system (HTTP API)' : place;
    return actor.kind === 'key' ? `${actor.name} (API key)` : `${actor.name} (${place})`;
  };
  return {
    'consent.list': () => ({ items: store.consent.optedOut('sms').map((c) => consentDto(c, owner(c.address))) }),
    'consent.check'({ phones }) {
      const settings = protocolSettings(store);
      const items: ConsentDto[] = [];
      for (const phone of phones) {
        const checked = checkSmsAddress(phone, settings);
        const c = checked.ok ? store.consent.get(checked.address, 'sms') : undefined;
        if (c?.optedOut) items.push(consentDto(c, owner(c.address)));
      }
      return { items };
    },
    'consent.history'({ phone }) {
      const checked = checkSmsAddress(phone, protocolSettings(store));
      if (!checked.ok) return { items: [] };
      return { items: store.consent.history(checked.address, 'sms').map((c) => consentDto(c, owner(c.address))) };
    },
    'consent.set'({ phone, optedOut, reason, source }, caller) {
      const c = backend.consent.setByHand({ phone, optedOut, reason, by: by(caller, source), source: source ?? 'staff' });
      return consentDto(c, owner(c.address));
    },
  };
}
