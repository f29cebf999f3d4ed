import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/backend/store/repositories/settings-repository.ts';
import { openStore, type Store } from '../../../electron/backend/store/store.ts';
import { FakeClock } from '../../support/fake-clock.ts';

describe('repositories', () => {
  let store: Store;
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
    store = openStore({ path: ':memory:', clock });
  });
  afterEach(() => store.close());

  describe('settings', () => {
    it('reads the defaults until a value is written', () => {
      expect(store.settings.all()).toEqual(DEFAULT_SETTINGS);
      expect(store.settings.get('retry')).toEqual({ maxAttempts: 5, backoffBaseMs: 30_000, backoffMaxMs: 1_800_000 });
    });

    it('keeps typed values and resets to the default', () => {
      store.settings.set('crashRecovery', 'fail-and-ask');
      store.settings.set('modemPin', '1234');
      expect(store.settings.get('crashRecovery')).toBe('fail-and-ask');
      expect(store.settings.get('modemPin')).toBe('1234');
      store.settings.reset('crashRecovery');
      expect(store.settings.get('crashRecovery')).toBe('resend-flag-duplicate');
    });

    it('fills retry fields a stored value lacks from the defaults', () => {
      store.db.prepare(`INSERT INTO settings (key, value) VALUES ('retry', '{"maxAttempts":2}')`).run();
      expect(store.settings.get('retry')).toEqual({ ...DEFAULT_SETTINGS.retry, maxAttempts: 2 });
    });
  });

  describe('contacts and addresses', () => {
    it('finds or creates an address, keeping the contact it already has', () => {
      const amina = store.contacts.create('Amina');
      const first = store.contacts.ensureAddress('+254712345678', 'sms', amina);
      const again = store.contacts.ensureAddress('+254712345678', 'sms', null);
      expect(again).toEqual(first);
      expect(again.contactId).toBe(amina);
      expect(store.contacts.get(amina)?.addresses.map((a) => a.address)).toEqual(['+254712345678']);
    });

    it('keeps addresses, detached, when a contact is deleted', () => {
      const amina = store.contacts.create('Amina', 'ANC clinic');
      store.contacts.ensureAddress('+254712345678', 'sms', amina);
      store.contacts.delete(amina);
      expect(store.contacts.findAddress('+254712345678', 'sms')?.contactId).toBeNull();
    });

    it('stamps contacts with the injected clock', () => {
      const id = store.contacts.create('Baraka');
      expect(store.contacts.get(id)).toMatchObject({ name: 'Baraka', created: clock.iso(), updated: clock.iso() });
      clock.advance(60_000);
      store.contacts.update(id, { name: 'Baraka O.', notes: '' });
      expect(store.contacts.get(id)).toMatchObject({ name: 'Baraka O.', updated: clock.iso() });
    });
  });

  describe('conversations', () => {
    it('has one conversation per address and protocol, counting unread messages', () => {
      const a = store.conversations.touch('+254712345678', 'sms', null, clock.iso(), 1);
      const b = store.conversations.touch('+254712345678', 'sms', null, clock.iso(1000), 1);
      expect(b).toBe(a);
      expect(store.conversations.get(a)).toMatchObject({ unreadCount: 2, lastMessageAt: clock.iso(1000) });
      store.conversations.markRead(a);
      expect(store.conversations.get(a)?.unreadCount).toBe(0);
    });

    it('never moves the last-message time backwards', () => {
      const id = store.conversations.touch('+254712345678', 'sms', null, clock.iso(5000), 0);
      store.conversations.touch('+254712345678', 'sms', null, clock.iso(), 0);
      expect(store.conversations.get(id)?.lastMessageAt).toBe(clock.iso(5000));
    });
  });

  describe('gateway configs', () => {
    it('saves, lists, disables and removes gateway configs', () => {
      store.gatewayConfigs.save({ id: 'modem-1', kind: 'modem', protocol: 'sms', config: { path: '/dev/ttyUSB0', baudRate: 115200 }, enabled: true });
      store.gatewayConfigs.setEnabled('modem-1', false);
      expect(store.gatewayConfigs.list()).toEqual([
        { id: 'modem-1', kind: 'modem', protocol: 'sms', config: { path: '/dev/ttyUSB0', baudRate: 115200 }, enabled: false, label: null, imei: null, lastPath: null, pinned: false, profile: null, sealedPin: null, created: null },
      ]);
      store.gatewayConfigs.remove('modem-1');
      expect(store.gatewayConfigs.get('modem-1')).toBeUndefined();
    });

    it('keeps a modem by its IMEI, a field left out keeps its value, and forgotten IMEIs are remembered', () => {
      store.gatewayConfigs.save({ id: 'modem:356938035643809', kind: 'modem', protocol: 'sms', imei: '356938035643809', lastPath: '/dev/ttyUSB0', created: clock.iso() });
      store.gatewayConfigs.save({ id: 'modem:356938035643809', kind: 'modem', protocol: 'sms', lastPath: '/dev/ttyUSB3', label: 'Front desk' });
      expect(store.gatewayConfigs.byImei('356938035643809')).toMatchObject({ lastPath: '/dev/ttyUSB3', label: 'Front desk', imei: '356938035643809', created: clock.iso() });
      expect(() => store.gatewayConfigs.save({ id: 'modem:other', kind: 'modem', protocol: 'sms', imei: '356938035643809' })).toThrow(/UNIQUE/);
      store.gatewayConfigs.ignore('356938035643809', clock.iso());
      expect(store.gatewayConfigs.isIgnored('356938035643809')).toBe(true);
      store.gatewayConfigs.unignore('356938035643809');
      expect(store.gatewayConfigs.ignored()).toEqual([]);
    });
  });
});
