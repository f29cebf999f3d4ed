/** settings.* over the in-memory transport. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

describe('settings.* through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('reads the defaults, with language "en" and no PIN set', async () => {
    expect(await h.client.call('settings.get', {})).toEqual({
      defaultCountry: 'KE',
      maxSmsParts: 10,
      statusReports: true,
      crashRecovery: 'resend-flag-duplicate',
      modemPinSet: false,
      language: 'en',
      messageLanguage: null,
      rejectCalls: true,
      ussdBalanceCode: '*100#',
      multipartTimeoutMinutes: 10,
      routing: 'round-robin',
      prefixRules: [],
      autoAdoptModems: true,
      modemSearch: null,
      modemSearchDefault: expect.any(Array),
      deliveryReportWaitMinutes: 60,
      lowSpaceMb: 500,
      timeZone: null,
      clinicTimeZone: expect.any(String),
      sendWindow: { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] },
      automatedPaused: false,
      clinicName: '',
      sensitiveWords: expect.arrayContaining(['HIV', 'matokeo']),
      optOutWords: expect.arrayContaining(['STOP', 'SIMAMA']),
      optInWords: expect.arrayContaining(['START', 'ANZA']),
      replyWords: { confirm: expect.objectContaining({ sw: ['NDIO', 'NDIYO'] }), reschedule: expect.objectContaining({ sw: ['HAPANA'] }) },
      autoRepliesPerDay: 3,
      startAtLogin: true,
      retentionMonths: null,
    });
  });

  it('takes a clinic time zone and a send window, and refuses an unknown zone or a window that ends first', async () => {
    const updated = await h.client.call('settings.update', { timeZone: 'Africa/Nairobi', sendWindow: { start: '07:30', end: '18:00', days: [5, 1, 1, 2, 3, 4] } });
    expect(updated).toMatchObject({ timeZone: 'Africa/Nairobi', clinicTimeZone: 'Africa/Nairobi', sendWindow: { start: '07:30', end: '18:00', days: [1, 2, 3, 4, 5] } });
    await expect(h.client.call('settings.update', { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(h.client.call('settings.update', { sendWindow: { start: '19:00', end: '08:00', days: [1] } })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(h.client.call('settings.update', { sendWindow: { start: '08:00', end: '19:00', days: [] } })).rejects.toMatchObject({ code: 'invalid-params' });
    expect((await h.client.call('settings.update', { timeZone: null })).timeZone).toBeNull();
  });

  it('updates some fields and returns the whole; the PIN is stored but never sent back', async () => {
    const updated = await h.client.call('settings.update', { defaultCountry: 'ug', maxSmsParts: 3, language: 'sw', modemPin: '4826' });
    expect(updated).toEqual({ defaultCountry: 'UG', maxSmsParts: 3, statusReports: true, crashRecovery: 'resend-flag-duplicate', modemPinSet: true, language: 'sw', messageLanguage: null, rejectCalls: true, ussdBalanceCode: '*100#', multipartTimeoutMinutes: 10, routing: 'round-robin', prefixRules: [], autoAdoptModems: true, modemSearch: null, modemSearchDefault: expect.any(Array), deliveryReportWaitMinutes: 60, lowSpaceMb: 500, timeZone: null, clinicTimeZone: expect.any(String), sendWindow: { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] }, automatedPaused: false, clinicName: '', sensitiveWords: expect.arrayContaining(['HIV']), optOutWords: expect.arrayContaining(['STOP']), optInWords: expect.arrayContaining(['START']), replyWords: expect.any(Object), autoRepliesPerDay: 3, startAtLogin: true, retentionMonths: null });
    expect(JSON.stringify(updated)).not.toContain('4826');
    // Sealed, never plain (the harness's SecretStore wraps it).
    expect(h.backend.store.settings.get('modemPin')).toBeNull();
    expect(h.backend.store.settings.get('modemPinSealed')).toMatch(/^sealed:/);
    expect(JSON.stringify(h.backend.store.settings.all())).not.toContain('4826');
    expect(await h.client.call('settings.update', { modemPin: null })).toMatchObject({ modemPinSet: false });
    expect(await h.client.call('settings.get', {})).toMatchObject({ defaultCountry: 'UG', maxSmsParts: 3 });
  });

  it('refuses to keep a SIM PIN where nothing can seal it', async () => {
    const bare = await makeApiHarness({ backend: { secretStore: null } });
    try {
      expect(await failureOf(bare.client.call('settings.update', { modemPin: '1234' }))).toMatchObject({ code: 'not-available' });
      expect(bare.backend.store.settings.get('modemPin')).toBeNull();
      expect(bare.backend.store.settings.get('modemPinSealed')).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('takes the detection settings: automatic use and search patterns (null = this computer\'s default)', async () => {
    expect(await h.client.call('settings.update', { autoAdoptModems: false, modemSearch: ['/dev/ttyUSB*', '/tmp/sim/tty*'] })).toMatchObject({ autoAdoptModems: false, modemSearch: ['/dev/ttyUSB*', '/tmp/sim/tty*'] });
    expect(await h.client.call('settings.update', { modemSearch: null })).toMatchObject({ modemSearch: null });
    expect(await failureOf(h.client.call('settings.update', { modemSearch: ['/dev/tty\u0001'] }))).toMatchObject({ code: 'invalid-params' });
  });

  it('refuses bad values: form by the schema, an unknown country by the backend; nothing changes', async () => {
    for (const patch of [{ maxSmsParts: 0 }, { modemPin: '12' }, { crashRecovery: 'panic' }, { defaultCountry: 'Kenya' }, { language: 'EN_gb' }, { retry: {} }]) {
      expect(await failureOf(h.client.call('settings.update', patch as never))).toMatchObject({ code: 'invalid-params' });
    }
    expect(await failureOf(h.client.call('settings.update', { defaultCountry: 'XX', maxSmsParts: 2 }))).toMatchObject({
      code: 'validation',
      details: { issues: [{ where: 'defaultCountry', rule: 'country.unknown' }] },
    });
    expect(await h.client.call('settings.get', {})).toMatchObject({ defaultCountry: 'KE', maxSmsParts: 10 });
  });

  it('multipartTimeoutMinutes: saved and read back (what reassembly waits), whole minutes from 1 to 1440 only', async () => {
    expect(await h.client.call('settings.update', { multipartTimeoutMinutes: 25 })).toMatchObject({ multipartTimeoutMinutes: 25 });
    expect(h.backend.store.settings.get('multipartTimeoutMinutes')).toBe(25);
    for (const bad of [0, -1, 1.5, 1_441, '10']) {
      expect(await failureOf(h.client.call('settings.update', { multipartTimeoutMinutes: bad } as never))).toMatchObject({ code: 'invalid-params' });
    }
    expect(await h.client.call('settings.get', {})).toMatchObject({ multipartTimeoutMinutes: 25 });
  });

  it('a new maxSmsParts applies to the next send', async () => {
    await h.client.call('settings.update', { maxSmsParts: 1 });
    const error = await failureOf(h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'x'.repeat(200) }));
    expect(error).toMatchObject({ code: 'validation', details: { issues: [{ rule: 'content.too-many-parts' }] } });
  });
});
