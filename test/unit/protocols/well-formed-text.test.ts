/**
 * The contract refuses text that is not well-formed UTF-16 (issue 10 item 11b): JSON can carry
 * "\ud800", which was stored as is and sent as a replacement character.
 */
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../src-shared/contract/schemas.ts';
import { createRpcServer } from '../../../src-shared/rpc/server.ts';
import type { Handlers } from '../../../src-shared/contract/commands.ts';

const to = [{ kind: 'address' as const, address: '0712345678', protocol: 'sms' as const }];
const issuesOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((i) => ({ where: i.path.join('.'), message: i.message }));

describe('well-formed text in the contract', () => {
  it.each([
    ['messages.send', { to, text: 'Habari \ud800' }, 'text', 'message text'],
    ['messages.send', { to, text: 'Habari', subject: '\udc00Kliniki' }, 'subject', 'subject'],
    ['contacts.create', { name: 'Amina \ud83d' }, 'name', 'name'],
    ['contacts.create', { name: 'Amina', notes: 'x\udfff' }, 'notes', 'notes'],
    ['contacts.update', { id: 1, contact: { name: '\ud800' } }, 'contact.name', 'name'],
    ['contacts.import', { rows: [{ name: 'A\ud800', phone: '0712345678' }] }, 'rows.0.name', 'name'],
    ['groups.create', { name: 'Antenatal \ud800' }, 'name', 'group name'],
  ] as const)('%s refuses a lone surrogate in %j, naming %s', (command, params, where, what) => {
    const result = schemas[command].safeParse(params);
    expect(result.success).toBe(false);
    expect(issuesOf(result)).toEqual([{ where, message: expect.stringContaining(`The ${what} has a broken character`) }]);
  });

  it('says where in the text the broken character is', () => {
    const result = schemas['messages.send'].safeParse({ to, text: 'abc\ud800' });
    expect(issuesOf(result)[0]?.message).toContain('position 4');
  });

  it.each(['Habari 😀', 'Ñandú — “quoted”', 'line 1\nline 2', ''])('accepts well-formed %j', (text) => {
    expect(schemas['messages.send'].safeParse({ to, text }).success).toBe(true);
    expect(schemas['contacts.create'].safeParse({ name: `Amina ${text}` }).success).toBe(true);
  });

  it('keeps the other rules of the fields (trim, length) working', () => {
    expect(schemas['contacts.create'].safeParse({ name: '  Amina  ' }).data?.name).toBe('Amina');
    expect(schemas['contacts.create'].safeParse({ name: '   ' }).success).toBe(false);
    expect(schemas['messages.send'].safeParse({ to, text: 'x'.repeat(100_001) }).success).toBe(false);
  });

  it('answers invalid-params naming the field before any handler runs', async () => {
    let called = false;
    const rpc = createRpcServer({ handlers: { 'messages.send': () => ((called = true), null) } as unknown as Handlers });
    const outcome = await rpc.invoke('messages.send', { to, text: '\ud800' });
    expect(called).toBe(false);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-params', details: { issues: [{ where: 'text', rule: 'custom' }] } } });
  });
});
