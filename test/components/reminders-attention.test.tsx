// The Reminders screen's "Needs attention": the replies of attention.list (who, when in clinic
// time, the text, why), "Open the conversation" (the thread's route), "Mark done" (attention.done
// with the exact messageId, then the reply leaves the list), a reload on attention.changed, and a
// request for another time shown with its appointment's card and actions, once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AttentionDto } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { useRouter } from '../../renderer/app/router.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { RemindersScreen } from '../../renderer/screens/reminders/RemindersScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderApp, renderWithClient, SETTINGS } from './harness.tsx';
import { atClinicMorning, appointment } from './reminders-harness.tsx';

atClinicMorning();

// Today at 10:00 clinic time.
const AMINA_APPT = appointment({ id: 1, start: '2030-01-03T07:00:00.000Z', patient: { contactId: 11, name: 'Amina Otieno', phone: '+254712345678', language: 'sw' } });
// Tomorrow at 14:30, booked.
const BARAKA_APPT = appointment({ id: 2, start: '2030-01-04T11:30:00.000Z', patient: { contactId: 12, name: 'Baraka Mwangi', phone: '+254722000111', language: null } });
// Saturday: the patient replied "2".
const CHAUSIKU_APPT = appointment({
  id: 3,
  start: '2030-01-05T06:00:00.000Z',
  status: 'reschedule-requested',
  patient: { contactId: 13, name: 'Chausiku Njeri', phone: '+254733000222', language: 'sw' },
  reminders: [{ step: 0, sendAt: '2030-01-04T06:00:00.000Z', status: 'scheduled', text: 'Kumbusho: miadi yako ni kesho.', messageId: 34 }],
});

const reply = (over: Partial<AttentionDto> & Pick<AttentionDto, 'messageId'>): AttentionDto => ({
  reason: 'not-understood',
  appointmentId: null,
  created: '2030-01-03T05:00:00.000Z',
  text: 'Hello?',
  from: '+254700000000',
  conversationId: null,
  contactId: null,
  contactName: null,
  ...over,
});

// 05:30Z is 08:30 in Nairobi.
const AMINA = reply({ messageId: 501, created: '2030-01-03T05:30:00.000Z', text: 'Nije na mtoto wangu pia?', from: '+254712345678', conversationId: 7, contactId: 11, contactName: 'Amina Otieno' });
// Yesterday 15:10Z is 18:10 in Nairobi.
const CHAUSIKU = reply({ messageId: 502, reason: 'reschedule-requested', appointmentId: 3, created: '2030-01-02T15:10:00.000Z', text: 'HAPANA', from: '+254733000222', conversationId: 8, contactId: 13, contactName: 'Chausiku Njeri' });
// Someone not in the contacts, with no conversation to open.
const STRANGER = reply({ messageId: 503, created: '2030-01-02T09:00:00.000Z', text: 'Ni nani huyu?', from: '+254799000111' });

function renderReminders(overrides: Parameters<typeof createBackend>[0] = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({ 'appointments.list': (p) => ({ items: p.status === 'reschedule-requested' ? [CHAUSIKU_APPT] : [AMINA_APPT, BARAKA_APPT, CHAUSIKU_APPT] }), ...overrides });
  renderWithClient(
    <>
      <RemindersScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

/** A backend whose list forgets what was marked done, as the real one does. */
function withList(initial: AttentionDto[]) {
  let open = [...initial];
  return {
    set: (items: AttentionDto[]) => {
      open = [...items];
    },
    handlers: {
      'attention.list': () => ({ items: open }),
      'attention.done': (p: { messageId: number }) => {
        const had = open.some((r) => r.messageId === p.messageId);
        open = open.filter((r) => r.messageId !== p.messageId);
        return { done: had };
      },
    },
  };
}

const replies = () => screen.getByRole('list', { name: 'Replies to deal with' });
const replyOf = (who: string) => within(replies()).getByRole('article', { name: `Reply from ${who}` });

describe('Needs attention: the replies', () => {
  it('shows who, when (clinic time), the text and why, newest first, with the count in the heading', async () => {
    const list = withList([AMINA, CHAUSIKU, STRANGER]);
    const { backend } = renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    expect(backend.callsOf('attention.list')).toEqual([{}]);
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (3)' })).toBeTruthy();
    const items = within(replies()).getAllByRole('article', { name: /^Reply from / });
    expect(items.map((a) => a.getAttribute('aria-label'))).toEqual(['Reply from Amina Otieno', 'Reply from Chausiku Njeri', 'Reply from +254799000111']);

    const amina = replyOf('Amina Otieno');
    expect(within(amina).getByText('Amina Otieno')).toBeTruthy();
    expect(within(amina).getByText('+254712345678')).toBeTruthy();
    const when = amina.querySelector('time')!;
    expect(when.getAttribute('dateTime')).toBe('2030-01-03T05:30:00.000Z');
    expect(when.textContent).toMatch(/^Received Thu.*08:30$/);
    expect(within(amina).getByText('Nije na mtoto wangu pia?')).toBeTruthy();
    expect(within(amina).getByText('Did not understand this reply')).toBeTruthy();
    // Why is part of the item's description.
    expect(document.getElementById(amina.getAttribute('aria-describedby')!)?.textContent).toBe('Did not understand this reply');

    const chausiku = replyOf('Chausiku Njeri');
    expect(chausiku.querySelector('time')!.textContent).toMatch(/^Received Wed.*18:10$/);
    expect(within(chausiku).getByText('HAPANA')).toBeTruthy();
    expect(within(chausiku).getByText('Asks for another time')).toBeTruthy();

    // No name: the number says who.
    const stranger = replyOf('+254799000111');
    expect(within(stranger).getByText('+254799000111')).toBeTruthy();
    expect(within(stranger).getByText('Ni nani huyu?')).toBeTruthy();
    // No conversation to open.
    expect(within(stranger).queryByRole('link')).toBeNull();
    expect(within(stranger).getByRole('button', { name: 'Mark done: +254799000111' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/not-understood|reschedule-requested|untranslated/);
  });

  it('marks a reply done with its exact messageId: it leaves the list, with a toast, and the keyboard goes to the next', async () => {
    const list = withList([AMINA, CHAUSIKU, STRANGER]);
    const { backend, user } = renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    await user.click(within(replyOf('Amina Otieno')).getByRole('button', { name: 'Mark done: Amina Otieno' }));
    await waitFor(() => expect(backend.callsOf('attention.done')).toEqual([{ messageId: 501 }]));
    expect(await screen.findByText('Marked done: the reply from Amina Otieno.')).toBeTruthy();
    await waitFor(() => expect(within(replies()).queryByRole('article', { name: 'Reply from Amina Otieno' })).toBeNull());
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (2)' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Chausiku Njeri');
    // It stays gone once the list is loaded again.
    await waitFor(() => expect(backend.callsOf('attention.list').length).toBeGreaterThanOrEqual(2));
    expect(within(replies()).queryByRole('article', { name: 'Reply from Amina Otieno' })).toBeNull();

    // By keyboard: Enter on the button.
    const button = within(replyOf('+254799000111')).getByRole('button', { name: 'Mark done: +254799000111' });
    button.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.callsOf('attention.done')).toEqual([{ messageId: 501 }, { messageId: 503 }]));
    await waitFor(() => expect(within(replies()).queryByRole('article', { name: 'Reply from +254799000111' })).toBeNull());
  });

  it('keeps a reply that could not be marked done, and says why there', async () => {
    const { backend, user } = renderReminders({
      'attention.list': () => ({ items: [AMINA] }),
      'attention.done': () => {
        throw new UjumbeError('internal', 'The database is locked.');
      },
    });
    await screen.findByRole('list', { name: 'Replies to deal with' });
    await user.click(screen.getByRole('button', { name: 'Mark done: Amina Otieno' }));
    expect(await within(replyOf('Amina Otieno')).findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/^Could not mark it done: /));
    expect(backend.callsOf('attention.done')).toEqual([{ messageId: 501 }]);
    expect(replyOf('Amina Otieno')).toBeTruthy();
  });

  it('opens the conversation of a reply, by mouse and by keyboard', async () => {
    const list = withList([AMINA, CHAUSIKU]);
    const { user } = renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    const open = within(replyOf('Amina Otieno')).getByRole('link', { name: 'Open the conversation: Amina Otieno' });
    expect(open.textContent).toBe('Open the conversation');
    expect(open.getAttribute('href')).toBe('#/conversations/7');
    await user.click(open);
    expect(useRouter.getState().route).toEqual({ screen: 'conversations', id: 7 });
    expect(window.location.hash).toBe('#/conversations/7');

    within(replyOf('Chausiku Njeri')).getByRole('link', { name: 'Open the conversation: Chausiku Njeri' }).focus();
    await user.keyboard('{Enter}');
    expect(useRouter.getState().route).toEqual({ screen: 'conversations', id: 8 });
  });

  it('loads the list again on attention.changed', async () => {
    const list = withList([AMINA]);
    const { backend } = renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    // One reply, and Chausiku's request for another time with no open reply.
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (2)' })).toBeTruthy();
    list.set([STRANGER, AMINA]);
    act(() => {
      backend.server.emit('attention.changed', { open: 2 });
    });
    expect(await within(replies()).findByRole('article', { name: 'Reply from +254799000111' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (3)' })).toBeTruthy();
    expect(backend.callsOf('attention.list')).toHaveLength(2);

    // Marked done in another window: it goes.
    list.set([STRANGER]);
    act(() => {
      backend.server.emit('attention.changed', { open: 1 });
    });
    await waitFor(() => expect(within(replies()).queryByRole('article', { name: 'Reply from Amina Otieno' })).toBeNull());
  });

  it('says when the replies could not be loaded, and still shows the appointments', async () => {
    renderReminders({
      'attention.list': () => {
        throw new UjumbeError('internal', 'The database is locked.');
      },
    });
    expect(await screen.findByText(/^The replies that need attention could not be loaded: /)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Today’s appointments' })).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Chausiku Njeri' })).toBeTruthy();
  });
});

describe('Needs attention: a request for another time and its appointment', () => {
  it('shows the appointment beside the reply with its actions, and not a second time', async () => {
    const list = withList([CHAUSIKU]);
    const { backend, user } = renderReminders({
      ...list.handlers,
      'appointments.update': (p) => ({ ...CHAUSIKU_APPT, status: 'booked' as const, start: p.start ?? CHAUSIKU_APPT.start }),
    });
    await screen.findByRole('list', { name: 'Replies to deal with' });
    const item = replyOf('Chausiku Njeri');
    const card = within(item).getByRole('article', { name: 'Chausiku Njeri' });
    expect(within(card).getByText('Asked for another time')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Move' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Cancel appointment' })).toBeTruthy();
    // Saturday has not come: it cannot be marked attended or missed yet.
    expect(within(card).queryByRole('button', { name: 'Mark attended' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Mark missed' })).toBeNull();
    // Once: not in the old list of requests, not in its day.
    expect(screen.getAllByRole('article', { name: 'Chausiku Njeri' })).toHaveLength(1);
    expect(screen.queryByRole('list', { name: 'Appointments that need attention' })).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (1)' })).toBeTruthy();

    // The card's own Move, from within the reply.
    await user.click(within(card).getByRole('button', { name: 'Move' }));
    const moveForm = within(card).getByRole('form', { name: 'New time for Chausiku Njeri' });
    const time = within(moveForm).getByLabelText('New time');
    await user.clear(time);
    await user.type(time, '11:00');
    await user.click(within(moveForm).getByRole('button', { name: 'Save new time' }));
    await waitFor(() => expect(backend.callsOf('appointments.update')).toEqual([{ id: 3, start: '2030-01-05T08:00:00.000Z' }]));
  });

  it('after Mark done, an appointment still waiting for another time stays at the top, once', async () => {
    const list = withList([CHAUSIKU]);
    const { backend, user } = renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    await user.click(screen.getByRole('button', { name: 'Mark done: Chausiku Njeri' }));
    await waitFor(() => expect(backend.callsOf('attention.done')).toEqual([{ messageId: 502 }]));
    const attention = await screen.findByRole('list', { name: 'Appointments that need attention' });
    expect(within(attention).getByRole('article', { name: 'Chausiku Njeri' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Replies to deal with' })).toBeNull();
    expect(screen.getAllByRole('article', { name: 'Chausiku Njeri' })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 2, name: 'Needs attention (1)' })).toBeTruthy();
    // The keyboard is not lost with the reply.
    expect(document.activeElement?.id).toBe('reminders-attention');
  });

  it('takes a booked appointment out of its day while its reply is open, and shows a reply’s appointment once for several replies', async () => {
    const first = reply({ messageId: 601, reason: 'reschedule-requested', appointmentId: 2, created: '2030-01-03T05:50:00.000Z', text: '2', from: '+254722000111', conversationId: 9, contactName: 'Baraka Mwangi' });
    const again = reply({ messageId: 600, reason: 'reschedule-requested', appointmentId: 2, created: '2030-01-03T05:40:00.000Z', text: 'HAPANA', from: '+254722000111', conversationId: 9, contactName: 'Baraka Mwangi' });
    const list = withList([first, again]);
    renderReminders(list.handlers);
    await screen.findByRole('list', { name: 'Replies to deal with' });
    const items = within(replies()).getAllByRole('article', { name: 'Reply from Baraka Mwangi' });
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('article', { name: 'Baraka Mwangi' })).toBeTruthy();
    expect(within(items[1]!).queryByRole('article', { name: 'Baraka Mwangi' })).toBeNull();
    expect(screen.getAllByRole('article', { name: 'Baraka Mwangi' })).toHaveLength(1);
    expect(screen.queryByRole('list', { name: /^Appointments on Friday/ })).toBeNull();
    expect(screen.getByText('No appointments in the next 7 days.')).toBeTruthy();
  });

  it('leaves a not-understood reply’s appointment in its day', async () => {
    const list = withList([{ ...AMINA, appointmentId: 1 }]);
    renderReminders(list.handlers);
    const today = await screen.findByRole('list', { name: 'Today’s appointments' });
    expect(within(today).getByRole('article', { name: 'Amina Otieno' })).toBeTruthy();
    expect(within(replyOf('Amina Otieno')).queryByRole('article')).toBeNull();
  });
});

describe('Needs attention: the count on the navigation', () => {
  it('shows how many replies are open on the Reminders link, kept by attention.changed', async () => {
    const backend = createBackend({ 'attention.list': () => ({ items: [AMINA, STRANGER] }) });
    renderApp(backend, '#/outbox');
    const nav = screen.getByRole('navigation');
    expect(await within(nav).findByRole('link', { name: 'Reminders (2 replies need attention)' })).toBeTruthy();
    act(() => {
      backend.server.emit('attention.changed', { open: 1 });
    });
    expect(await within(nav).findByRole('link', { name: 'Reminders (1 reply needs attention)' })).toBeTruthy();
    act(() => {
      backend.server.emit('attention.changed', { open: 0 });
    });
    expect(await within(nav).findByRole('link', { name: 'Reminders' })).toBeTruthy();
  });
});

describe('Needs attention: the look of a reply', () => {
  it('styles a reply like an appointment card, its text wrapped within it (renderer/styles.css)', async () => {
    // The app's own style sheet, as the window loads it (jsdom applies its rules, not layout).
    const sheet = document.createElement('style');
    sheet.textContent = readFileSync(join(process.cwd(), 'renderer', 'styles.css'), 'utf8');
    document.head.append(sheet);
    try {
      // A long unbroken reply (a link, a number run together) must wrap, not scroll sideways at 1024 px.
      const long = reply({ messageId: 504, text: `https://example.org/${'x'.repeat(300)}`, from: '+254700000001' });
      renderReminders(withList([long, AMINA]).handlers);
      await screen.findByRole('list', { name: 'Replies to deal with' });
      const item = replyOf('+254700000001');
      const look = getComputedStyle(item);
      // (jsdom does not read a border shorthand with var(): the border is left to the eye.)
      expect(look.paddingTop).toBe('0.5rem');
      expect(look.paddingLeft).toBe('0.75rem');
      expect(look.minWidth).toBe('0');
      const text = item.querySelector('.attention-item__text')!;
      const textLook = getComputedStyle(text);
      expect(textLook.getPropertyValue('overflow-wrap')).toBe('anywhere');
      // No browser indent of a <blockquote> (40 px each side) pushing it wider than its card.
      expect(textLook.marginLeft).toBe('0px');
      expect(textLook.marginRight).toBe('0px');
      expect(textLook.maxWidth).toBe('100%');
      expect(textLook.paddingLeft).toBe('0.75rem');
    } finally {
      sheet.remove();
    }
  });
});

describe('Needs attention in Swahili', () => {
  it('words the replies in Kiswahili', async () => {
    setLanguage('sw');
    const list = withList([AMINA, CHAUSIKU]);
    const { backend, user } = renderReminders(list.handlers);
    const items = await screen.findByRole('list', { name: 'Majibu ya kushughulikia' });
    expect(screen.getByRole('heading', { level: 2, name: 'Zinahitaji kushughulikiwa (2)' })).toBeTruthy();
    const amina = within(items).getByRole('article', { name: 'Jibu kutoka kwa Amina Otieno' });
    expect(within(amina).getByText('Jibu hili halikueleweka')).toBeTruthy();
    expect(amina.querySelector('time')!.textContent).toMatch(/^Limepokelewa .*08:30$/);
    expect(within(amina).getByRole('link', { name: 'Fungua mazungumzo: Amina Otieno' })).toBeTruthy();
    expect(within(items).getByText('Anaomba muda mwingine')).toBeTruthy();
    await user.click(within(amina).getByRole('button', { name: 'Nimeshughulikia: Amina Otieno' }));
    await waitFor(() => expect(backend.callsOf('attention.done')).toEqual([{ messageId: 501 }]));
    expect(await screen.findByText('Jibu la Amina Otieno limeshughulikiwa.')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Mark done|Open the conversation|Did not understand|Asks for another time|Received/);
  });
});
