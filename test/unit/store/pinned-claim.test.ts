/** The gateway pin on recipients (migration 002): the claim and the queue count honour it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { openStore, type Store } from '../../../electron/backend/store/store.ts';

describe('RecipientRepository with pinned rows', () => {
  let store: Store;
  const clock = new FakeClock();
  const at = clock.iso();

  beforeEach(() => {
    store = openStore({ path: ':memory:', clock });
  });
  afterEach(() => store.close());

  const queue = (address: string) => {
    const messageId = store.messages.insert({ content: 'x', subject: null, sender: null, inReplyTo: null, direction: 'out', conversationId: null, options: {}, created: at });
    return store.recipients.insert({ messageId, address, protocol: 'sms', contactId: null, conversationId: null, status: 'outbox', gateway: null, nextAttemptAt: at, flags: [], updated: at });
  };

  it('gives a pinned row only to its gateway, and counts it only in that gateway’s queue', () => {
    const pinned = queue('+254700000001');
    const open = queue('+254700000002');
    store.recipients.pinToGateway(pinned, 'modem-b');
    expect(store.recipients.nextDue('sms', at, 'modem-a')?.id).toBe(open);
    expect(store.recipients.nextDue('sms', at, 'modem-b')?.id).toBe(pinned);
    expect(store.recipients.pendingCount({ id: 'modem-a', protocol: 'sms' })).toBe(1);
    expect(store.recipients.pendingCount({ id: 'modem-b', protocol: 'sms' })).toBe(2);
    expect(store.recipients.pendingCount()).toBe(2);
  });

  it('reports a gateway’s last send error until a later send succeeds', () => {
    const id = queue('+254700000001');
    const log = (from: 'sending' | 'outbox', to: 'sending' | 'outbox' | 'sent' | 'failed', reason: string) =>
      store.statusLog.append({ recipientId: id, from, to, reason, gateway: 'modem-a', at });
    expect(store.statusLog.lastSendError('modem-a')).toBeNull();
    log('outbox', 'sending', 'Sending via modem-a');
    log('sending', 'outbox', 'Will try again: no signal');
    expect(store.statusLog.lastSendError('modem-a')).toBe('Will try again: no signal');
    expect(store.statusLog.lastSendError('modem-b')).toBeNull();
    log('outbox', 'sending', 'Sending via modem-a (attempt 2)');
    expect(store.statusLog.lastSendError('modem-a')).toBe('Will try again: no signal');
    log('sending', 'sent', 'Sent');
    expect(store.statusLog.lastSendError('modem-a')).toBeNull();
  });
});
