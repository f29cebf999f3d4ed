// messages.send with a template (issue 11: "Templates are usable from Compose and from the API"):
// each recipient gets its language's variant, a discreet contact the discreet text; a field empty
// for a recipient is refused naming the recipient and the field, and nothing is saved; sendAt
// schedules every message of the send.
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

// The harness clock starts at 2025-03-03T08:00:00Z: Monday 11:00 in Nairobi.
const FRIDAY_10 = '2025-03-07T07:00:00.000Z'; // Friday 7 March, 10:00 Nairobi

async function setup() {
  h = await makeApiHarness();
  await h.client.call('settings.update', { timeZone: 'Africa/Nairobi', clinicName: 'Kliniki ya Upendo' });
  await h.client.call('templates.put', {
    id: 'visit',
    name: 'Visit',
    variants: { en: 'Hello {first_name}, {clinic} expects you on {day} at {time}.', sw: 'Habari {first_name}, {clinic} inakusubiri {day} {time}.' },
    discreetVariants: { en: 'Reminder: {day} at {time}.', sw: 'Kumbusho: {day} {time}.' },
    fallbackLanguage: 'en',
  });
  return h;
}

const contact = (name: string, phone: string, extra: { language?: string; discreet?: boolean } = {}) =>
  h.client.call('contacts.create', { name, addresses: [{ address: phone, protocol: 'sms' }], ...extra });

const messageCount = () => h.backend.messaging.listMessages({ limit: 500 }).messages.length;

describe('messages.send with a template', () => {
  it('gives Swahili and English recipients their own variant, as separate messages', async () => {
    await setup();
    const amina = await contact('Amina Otieno', '0712345001', { language: 'sw' });
    const john = await contact('John Smith', '0712345002', { language: 'en' });
    const receipt = await h.client.call('messages.send', {
      to: [{ kind: 'contact', contactId: amina.id }, { kind: 'contact', contactId: john.id }],
      template: 'visit',
      appointmentStart: FRIDAY_10,
    });
    expect(receipt.recipients.map((r) => r.address)).toEqual(['+254712345001', '+254712345002']);
    expect(receipt.messages?.map((m) => [m.language, m.discreet, m.text])).toEqual([
      ['sw', false, 'Habari Amina, Kliniki ya Upendo inakusubiri Ijumaa saa 4:00 asubuhi.'],
      ['en', false, 'Hello John, Kliniki ya Upendo expects you on Friday at 10:00.'],
    ]);
    expect(receipt.messageId).toBe(receipt.messages![0]!.messageId);
    expect(receipt.messages!.map((m) => m.recipientIds)).toEqual(receipt.recipients.map((r) => [r.id]));
    for (const m of receipt.messages!) expect(h.backend.store.messages.get(m.messageId)?.content).toBe(m.text);
  });

  it('puts recipients whose texts are the same in one message; a typed number of a contact speaks their language', async () => {
    await setup();
    await contact('Amina Otieno', '0712345001', { language: 'sw' });
    await contact('Neema Juma', '0712345003', { language: 'sw' });
    const receipt = await h.client.call('messages.send', {
      to: [
        { kind: 'address', address: '0712 345 001', protocol: 'sms' },
        { kind: 'address', address: '0712345003', protocol: 'sms' },
      ],
      template: 'visit',
      variables: { first_name: 'mama', day: 'kesho', time: 'saa 3 asubuhi' },
    });
    expect(receipt.messages).toHaveLength(1);
    expect(receipt.messages![0]).toMatchObject({ language: 'sw', text: 'Habari mama, Kliniki ya Upendo inakusubiri kesho saa 3 asubuhi.' });
    expect(receipt.messages![0]!.recipientIds).toEqual(receipt.recipients.map((r) => r.id));
  });

  it('sends the discreet variant to a contact who asked for discreet messages', async () => {
    await setup();
    const baraka = await contact('Baraka M.', '0712345004', { language: 'sw', discreet: true });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'contact', contactId: baraka.id }], template: 'visit', appointmentStart: FRIDAY_10 });
    expect(receipt.messages).toEqual([expect.objectContaining({ language: 'sw', discreet: true, text: 'Kumbusho: Ijumaa saa 4:00 asubuhi.' })]);
  });

  it('uses the clinic’s language for a contact without one, and the template’s fallback after that', async () => {
    await setup();
    const noLanguage = await contact('Zawadi', '0712345005');
    await h.client.call('settings.update', { language: 'sw' });
    const sw = await h.client.call('messages.send', { to: [{ kind: 'contact', contactId: noLanguage.id }], template: 'visit', appointmentStart: FRIDAY_10 });
    expect(sw.messages![0]!.language).toBe('sw');
    const french = await contact('Marie', '0712345006', { language: 'fr' });
    const en = await h.client.call('messages.send', { to: [{ kind: 'contact', contactId: french.id }], template: 'visit', appointmentStart: FRIDAY_10 });
    expect(en.messages![0]).toMatchObject({ language: 'en', text: 'Hello Marie, Kliniki ya Upendo expects you on Friday at 10:00.' });
  });

  it('refuses a field empty for a recipient, naming the recipient and the field, and saves nothing', async () => {
    await setup();
    const amina = await contact('Amina Otieno', '0712345001', { language: 'sw' });
    const before = messageCount();
    const error = await failureOf(
      h.client.call('messages.send', {
        to: [{ kind: 'contact', contactId: amina.id }, { kind: 'address', address: '0712 999 000', protocol: 'sms' }],
        template: 'visit',
        appointmentStart: FRIDAY_10,
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.details.issues).toEqual([
      { where: '0712 999 000', rule: 'template.empty-field', message: expect.stringMatching(/^\+254712999000: \{first_name\} is empty/) },
    ]);
    expect(messageCount()).toBe(before);

    // A field nobody has is named once, at the variable that would fill it.
    const noTime = await failureOf(h.client.call('messages.send', { to: [{ kind: 'contact', contactId: amina.id }], template: 'visit' }));
    expect(noTime.details.issues).toEqual([
      { where: 'variables.day', rule: 'template.empty-field', message: expect.stringContaining('appointmentStart') },
      { where: 'variables.time', rule: 'template.empty-field', message: expect.stringContaining('appointmentStart') },
    ]);
    expect(messageCount()).toBe(before);
  });

  it('names a group member with an empty field by the group’s place in `to`, and saves none of the group', async () => {
    await setup();
    await h.client.call('templates.put', { id: 'phone-check', name: 'Phone check', variants: { en: 'Is {phone} still your number, {name}?' } });
    const group = await h.client.call('groups.create', { name: 'ANC' });
    await h.client.call('contacts.create', { name: 'Amina', addresses: [{ address: '0712345001', protocol: 'sms' }], groupIds: [group.id] });
    await h.client.call('contacts.create', { name: 'Mail only', addresses: [{ address: 'm@example.org', protocol: 'email' }], groupIds: [group.id] });
    const ok = await h.client.call('messages.send', { to: [{ kind: 'group', groupId: group.id, protocol: 'sms' }], template: 'phone-check' });
    expect(ok.messages![0]!.text).toBe('Is +254712345001 still your number, Amina?');
    expect(ok.skipped).toEqual([expect.objectContaining({ name: 'Mail only' })]);

    // Without a protocol the e-mail member is a recipient too, and has no phone for {phone}.
    const before = messageCount();
    const error = await failureOf(h.client.call('messages.send', { to: [{ kind: 'address', address: '0712345009', protocol: 'sms' }, { kind: 'group', groupId: group.id }], template: 'phone-check', variables: { name: 'friend' } }));
    expect(error.details.issues).toEqual([{ where: 'to.1', rule: 'template.empty-field', message: expect.stringMatching(/^Mail only \(m@example.org\): \{phone\} is empty/) }]);
    expect(messageCount()).toBe(before);
  });

  it('refuses an unknown template, and a send with both or neither of text and template, naming the field', async () => {
    await setup();
    const to = [{ kind: 'address' as const, address: '0712345001', protocol: 'sms' as const }];
    expect(await failureOf(h.client.call('messages.send', { to, template: 'nope' }))).toMatchObject({ code: 'validation', details: { issues: [{ where: 'template', rule: 'template.unknown' }] } });
    expect(await failureOf(h.client.call('messages.send', { to, template: 'visit', text: 'Hi' }))).toMatchObject({ code: 'invalid-params', details: { issues: [{ where: 'template' }] } });
    expect(await failureOf(h.client.call('messages.send', { to }))).toMatchObject({ code: 'invalid-params', details: { issues: [{ where: 'text' }] } });
    expect(await failureOf(h.client.call('messages.send', { to, text: 'Hi', variables: { name: 'A' } }))).toMatchObject({ code: 'invalid-params', details: { issues: [{ where: 'variables' }] } });
    expect(await failureOf(h.client.call('messages.send', { to, template: 'visit', variables: { name: '  ' } }))).toMatchObject({ code: 'invalid-params', details: { issues: [{ where: 'variables.name' }] } });
    expect(messageCount()).toBe(0);
  });

  it('schedules every message of a template send at sendAt, in one transaction', async () => {
    await setup();
    const amina = await contact('Amina Otieno', '0712345001', { language: 'sw' });
    const john = await contact('John Smith', '0712345002', { language: 'en' });
    const sendAt = '2025-03-06T06:00:00.000Z';
    const receipt = await h.client.call('messages.send', {
      to: [{ kind: 'contact', contactId: amina.id }, { kind: 'contact', contactId: john.id }],
      template: 'visit',
      appointmentStart: FRIDAY_10,
      sendAt,
      expiresAt: FRIDAY_10,
    });
    expect(receipt.recipients.map((r) => r.status)).toEqual(['scheduled', 'scheduled']);
    for (const m of receipt.messages!) expect(h.backend.store.messages.get(m.messageId)).toMatchObject({ sendAt, expiresAt: FRIDAY_10 });
    expect(h.modem.calls).toHaveLength(0);

  });

  it('saves nothing when a later message of the send is refused by MessagingService', async () => {
    await setup();
    await h.client.call('settings.update', { maxSmsParts: 1 });
    await h.client.call('templates.put', { id: 'long', name: 'Long', variants: { sw: 'Habari {first_name}.', en: `Hello {first_name}. ${'Please come. '.repeat(15)}` } });
    const amina = await contact('Amina Otieno', '0712345001', { language: 'sw' });
    const john = await contact('John Smith', '0712345002', { language: 'en' });
    const error = await failureOf(h.client.call('messages.send', { to: [{ kind: 'contact', contactId: amina.id }, { kind: 'contact', contactId: john.id }], template: 'long', sendAt: '2025-03-06T06:00:00.000Z' }));
    expect(error).toMatchObject({ code: 'validation', details: { issues: [{ rule: 'content.too-many-parts' }] } });
    // The Swahili message was saved first, inside the same outer transaction: rolled back with it.
    expect(messageCount()).toBe(0);
  });
});
