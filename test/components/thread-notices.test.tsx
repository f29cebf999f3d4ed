/** In the thread: a missed call is a centred line, an incomplete long SMS says so. */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { RecipientFlag, RecipientStatus } from '../../src-shared/model.ts';
import { formatWhen } from '../../renderer/ui/format.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(resetAll);

const AT = new Date(new Date().setHours(10, 42, 0, 0)).toISOString();

const conversation: ConversationSummary = {
  id: 5, address: '+254712345678', protocol: 'sms', contactId: 7, contactName: 'Amina Otieno',
  lastMessageAt: AT, lastMessagePreview: 'Missed call', unreadCount: 0,
};

function message(id: number, direction: 'in' | 'out', content: string, status: RecipientStatus, flags: RecipientFlag[] = []): ThreadMessage {
  return {
    id, direction, content, subject: null, created: AT,
    recipient: {
      id: id * 10, messageId: id, address: '+254712345678', protocol: 'sms', contactId: 7, status, gateway: null, gatewayRefs: [],
      attempts: 1, nextAttemptAt: null, lastErrorCode: null, lastError: null, flags, updated: AT, reportOverdue: false,
    },
  };
}

function open(messages: ThreadMessage[]) {
  const backend = createBackend({ 'conversations.thread': () => ({ conversation, messages, nextBefore: null }) });
  renderApp(backend, '#/conversations/5');
  return screen.findByRole('list', { name: 'Messages' });
}

describe('Thread: missed calls and incomplete messages', () => {
  it('shows a missed call as a centred line with its time, not as a bubble', async () => {
    const list = await open([message(1, 'in', 'Missed call', 'received', ['missed-call']), message(2, 'in', 'Habari', 'received')]);
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const notice = items[0] as HTMLElement;
    expect(notice.className).toBe('thread-notice');
    // The whole date is for paper only (thread-print.css: .when-print is hidden on screen).
    const onPaper = notice.querySelector('.when-print')?.textContent ?? '';
    expect(onPaper).toMatch(/2026/);
    expect(notice.textContent!.replace(onPaper, '')).toBe(`Missed call · ${formatWhen(AT, 'en')}`);
    expect(formatWhen(AT, 'en')).toMatch(/^10:42/);
    expect(notice.querySelector('time')?.getAttribute('dateTime')).toBe(AT);
    expect(within(notice).queryByText('Received:', { exact: false })).toBeNull();
    expect((items[1] as HTMLElement).className).toContain('bubble-in');
  });

  it('says under an incoming bubble flagged incomplete that a part never arrived, and only there', async () => {
    const list = await open([message(1, 'in', 'Nimepata dawa lakini', 'received', ['incomplete']), message(2, 'in', 'Asante', 'received'), message(3, 'out', 'Karibu', 'delivered')]);
    const incomplete = within(list).getByText('Nimepata dawa lakini').closest('li') as HTMLElement;
    expect(within(incomplete).getByText('Part of this message never arrived')).toBeTruthy();
    expect(within(list).getAllByText('Part of this message never arrived')).toHaveLength(1);
  });
});
