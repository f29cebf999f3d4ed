/**
 * The Audit screen (renderer/screens/audit/AuditScreen.tsx; issue 13 "Audit trail"): entries
 * newest first in clinic time and in words, the filters sent as audit.list takes them, paging
 * with nextBefore, "Verify the chain" in both outcomes, the CSV export with formulas neutralised,
 * and no Audit for anyone but an administrator.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { AuditEntryDto, AuditVerifyDto, UserDto } from '../../src-shared/contract/access-commands.ts';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import { auditCsv } from '../../renderer/screens/audit/audit-csv.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';
import { signedIn } from './session-fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
  resetAll();
});

/** jsdom's Blob has no text(). */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

const entry = (over: Partial<AuditEntryDto>): AuditEntryDto => ({ id: 101, at: '2026-03-02T06:30:00.000Z', actor: 'user:2', actorName: 'Amina', action: 'message.sent', object: 'message:77', ...over });
const NEWEST = [entry({}), entry({ id: 100, action: 'contact.changed', object: 'contact:12', actor: 'user:1', actorName: 'Wanjiru' })];
const OLDER = [entry({ id: 99, action: 'signed-in', object: 'sign-in', at: '2026-03-01T05:00:00.000Z' })];
const USERS: UserDto[] = [
  { id: 1, name: 'Wanjiru', role: 'administrator', hasSecret: true, disabled: false, created: '2026-01-01T00:00:00.000Z', lastSignIn: null },
  { id: 2, name: 'Amina', role: 'nurse', hasSecret: true, disabled: false, created: '2026-01-01T00:00:00.000Z', lastSignIn: null },
];

function backend(over: Partial<Handlers> = {}) {
  return createBackend({
    'users.list': () => ({ items: USERS }),
    'apiKeys.list': () => ({ items: [{ id: 4, name: 'OpenMRS', role: 'nurse', prefix: 'ujk_1', created: '2026-01-01T00:00:00.000Z', createdBy: 'Wanjiru', lastUsed: null, revoked: null }] }),
    'audit.list': (p) => (p.before === undefined ? { items: NEWEST, nextBefore: 100 } : { items: OLDER, nextBefore: null }),
    ...over,
  });
}

const table = () => screen.getByRole('table', { name: 'Audit entries, newest first' });
const rows = () => within(table()).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

describe('the Audit screen', () => {
  it('lists entries newest first, in clinic time and in words, and loads older ones', async () => {
    const user = userEvent.setup();
    const b = backend();
    renderApp(b, '#/audit');
    expect(screen.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeTruthy();
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    // 06:30 UTC is 09:30 in Nairobi (settings.clinicTimeZone).
    await waitFor(() => expect(rows()[0]?.[0]).toMatch(/09:30/));
    expect(rows().map((r) => r.slice(1))).toEqual([
      ['Amina', 'Sent a message', 'Message #77'],
      ['Wanjiru', 'Changed a contact', 'Contact #12'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Load older entries' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]?.slice(1)).toEqual(['Amina', 'Signed in', 'Sign-in']);
    expect(b.callsOf('audit.list').at(-1)).toMatchObject({ before: 100, limit: 200 });
    expect(screen.queryByRole('button', { name: 'Load older entries' })).toBeNull();
  });

  it('sends the filters as audit.list takes them: actor, action, clinic days', async () => {
    const user = userEvent.setup();
    const b = backend();
    renderApp(b, '#/audit');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const who = screen.getByRole('combobox', { name: 'Who' });
    await waitFor(() => expect(within(who).getByRole('option', { name: 'Amina' })).toBeTruthy());
    expect(within(who).getByRole('option', { name: 'Key: OpenMRS' })).toBeTruthy();
    await user.selectOptions(who, 'Amina');
    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'Sent a message');
    fireEvent.change(screen.getByLabelText('From (date)'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText('To (date)'), { target: { value: '2026-03-03' } });
    await waitFor(() =>
      expect(b.callsOf('audit.list').at(-1)).toEqual({ actor: 'user:2', action: 'message.sent', from: '2026-03-01T21:00:00.000Z', to: '2026-03-03T21:00:00.000Z', limit: 200 }),
    );
    // A range the wrong way round is said, and not asked for.
    const asked = b.callsOf('audit.list').length;
    fireEvent.change(screen.getByLabelText('To (date)'), { target: { value: '2026-03-01' } });
    expect(screen.getByRole('alert').textContent).toBe('The “To” date is before the “From” date.');
    expect(b.callsOf('audit.list')).toHaveLength(asked);
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(b.callsOf('audit.list').at(-1)).toEqual({ limit: 200 }));
  });

  it('says the trail is intact, or which entry was changed', async () => {
    const user = userEvent.setup();
    let result: AuditVerifyDto = { ok: true, checked: 1234, firstBroken: null };
    renderApp(backend({ 'audit.verify': () => result }), '#/audit');
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByText('The trail is intact (1234 entries checked).')).toBeTruthy();

    result = { ok: false, checked: 57, firstBroken: { id: 42, at: '2026-03-02T06:30:00.000Z', reason: 'hash-mismatch' } };
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Entry #42 \(.*09:30.*\) was changed after it was written\. 57 entries were checked\.$/);

    result = { ok: false, checked: 60, firstBroken: { id: 43, at: null, reason: 'entries-missing' } };
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Entries are missing after entry #43 (time not known). 60 entries were checked.'));
  });

  it('exports every matching entry as CSV with formulas neutralised', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:audit';
    };
    URL.revokeObjectURL = () => {};
    onTestFinished(() => {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    });
    // jsdom cannot navigate to a blob: URL; the click is what a browser turns into a download.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const b = backend({
      'audit.list': (p) =>
        p.before === undefined ? { items: [entry({ actorName: '=HYPERLINK("http://x")' }), entry({ id: 100, actorName: '@SUM(A1)', object: 'contact:12' })], nextBefore: 100 } : { items: [entry({ id: 99, actorName: '+1-2', actor: 'key:4' })], nextBefore: null },
    });
    renderApp(b, '#/audit');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const csv = (await readBlob(blobs[0]!)).replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,clinicTime,actor,actorName,action,actionWords,object');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toContain("'@SUM(A1)");
    expect(lines[3]).toContain("'+1-2");
    expect(lines[1]).toContain('message.sent,Sent a message,message:77');
    // The export pages with the contract's largest page.
    expect(b.callsOf('audit.list').filter((p) => p.limit === 5000).map((p) => p.before)).toEqual([undefined, 100]);
  });

  it('speaks Swahili, every action included', async () => {
    setLanguage('sw');
    renderApp(backend(), '#/audit');
    expect(screen.getByRole('heading', { level: 1, name: 'Kumbukumbu za ukaguzi' })).toBeTruthy();
    const what = screen.getByRole('combobox', { name: 'Nini' });
    const options = within(what).getAllByRole('option').map((o) => o.textContent ?? '');
    expect(options).toHaveLength(35);
    expect(options.filter((o) => o.startsWith('[untranslated'))).toEqual([]);
    expect(options).toContain('Alituma ujumbe');
  });

  it('is not there for a nurse', () => {
    renderApp(backend({ 'session.status': () => signedIn(2) }), '#/audit', signedIn(2));
    expect(screen.getByRole('alert').textContent).toBe('Only an administrator can open Audit.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('auditCsv', () => {
  it('puts an apostrophe before = + - @ and keeps everything else as it is', () => {
    const csv = auditCsv([entry({ actorName: '-cmd', object: '=1+1' })], 'Africa/Nairobi', (a) => a);
    expect(csv).toBe('id,at,clinicTime,actor,actorName,action,actionWords,object\r\n101,2026-03-02T06:30:00.000Z,2026-03-02 09:30,user:2,"\'-cmd",message.sent,message.sent,"\'=1+1"\r\n');
  });
});
