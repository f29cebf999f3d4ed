/**
 * Compose and the Outbox say what is true about sending SMS, from the gateways' codes:
 * no modem yet (the backend would refuse with no-gateway), waiting for the modem to be plugged
 * in, or nothing to say while a modem is ready.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageDetail, MessageSummary } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';
import { gatewayView } from './contacts-harness.tsx';

afterEach(resetAll);

const AT = '2026-03-02T08:00:00.000Z';
const waitingModem = gatewayView({ state: 'disconnected', problem: { code: 'waiting-for-modem' }, queueLength: 2 });
const note = () => screen.findByRole('note');

describe('Compose: can the SMS go?', () => {
  it('with no modem saved, says what to do, with a way to Gateways', async () => {
    const user = userEvent.setup();
    renderApp(createBackend(), '#/compose');
    const n = await note();
    expect(within(n).getByText('There is no modem yet, so SMS cannot be sent. Plug in a USB modem and Ujumbe will find it.')).toBeTruthy();
    await user.click(within(n).getByRole('link', { name: 'Go to Gateways' }));
    expect(window.location.hash).toBe('#/gateways');
  });

  it('says the SMS will wait while the modem is not plugged in, and nothing once it runs', async () => {
    const backend = createBackend({ 'gateways.list': () => [waitingModem] });
    renderApp(backend, '#/compose');
    expect(within(await note()).getByText('The modem is not plugged in. SMS you send will wait in the Outbox and go out when you plug it in.')).toBeTruthy();
    await act(async () => backend.server.emit('gateway.status', gatewayView({ state: 'running' })));
    await waitFor(() => expect(screen.queryByRole('note')).toBeNull());
  });
});

describe('Compose: the readiness sentences in plain words', () => {
  const cases: Array<[string, ReturnType<typeof gatewayView>, string, string]> = [
    ['stopped', gatewayView({ state: 'stopped' }), 'The modem is stopped. SMS you send will wait in the Outbox until you press Start on the Gateways screen.', 'Modemu imesimamishwa. SMS unazotuma zitasubiri kwenye Sanduku la kutoka mpaka ubonyeze “Anzisha” kwenye skrini ya Modemu.'],
    ['a problem', gatewayView({ state: 'error', problem: { code: 'no-sim' } }), 'The modem cannot send now. There is no SIM card in the modem, or it is not pushed in properly. SMS you send will wait in the Outbox.', 'Modemu haiwezi kutuma sasa. Hakuna kadi ya SIM ndani ya modemu, au haijaingizwa vizuri. SMS unazotuma zitasubiri kwenye Sanduku la kutoka.'],
    ['disabled', gatewayView({ enabled: false, state: 'stopped', problem: { code: 'disabled' } }), 'The modem is disabled. SMS you send will wait in the Outbox until you enable it.', 'Modemu imezimwa. SMS unazotuma zitasubiri kwenye Sanduku la kutoka mpaka uiwashe.'],
  ];
  for (const [what, modem, english, swahili] of cases) {
    it(`says what happens to an SMS when the modem is ${what}, in English and Swahili`, async () => {
      const backend = createBackend({ 'gateways.list': () => [modem] });
      renderApp(backend, '#/compose');
      expect((await note()).querySelector('p')?.textContent).toBe(english);
      act(() => setLanguage('sw'));
      await waitFor(() => expect(screen.getByRole('note').querySelector('p')?.textContent).toBe(swahili));
    });
  }
});

describe('Outbox: why queued SMS are not going', () => {
  const QUEUED: MessageSummary = { id: 5, direction: 'out', content: 'Kumbusho: kliniki kesho', subject: null, created: AT, recipientCount: 2, statusCounts: { outbox: 2 } };
  const DETAIL: MessageDetail = {
    id: 5, direction: 'out', content: QUEUED.content, subject: null, sender: null, inReplyTo: null, created: AT,
    recipients: [
      { id: 51, messageId: 5, address: '+254712345678', protocol: 'sms', contactId: null, contactName: null, status: 'outbox', gateway: null, gatewayRefs: [], attempts: 0, nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue: false, log: [] },
      { id: 52, messageId: 5, address: 'amina@example.org', protocol: 'email', contactId: null, contactName: null, status: 'outbox', gateway: null, gatewayRefs: [], attempts: 0, nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue: false, log: [] },
    ],
  };

  it('says SMS wait for the modem to be plugged in, over the list and beside each SMS recipient (not the e-mail one)', async () => {
    const user = userEvent.setup();
    renderApp(createBackend({ 'gateways.list': () => [waitingModem], 'messages.list': () => ({ items: [QUEUED], nextBefore: null }), 'messages.get': () => DETAIL }), '#/outbox');
    const main = screen.getByRole('main');
    expect(await within(main).findByText('SMS in the Outbox are waiting for the modem to be plugged in.')).toBeTruthy();
    await user.click(await within(main).findByRole('button', { name: 'Show details' }));
    const recipients = await within(main).findByRole('list', { name: 'Recipients' });
    const items = within(recipients).getAllByRole('listitem');
    expect(within(items[0] as HTMLElement).getByText('Waiting for the modem to be plugged in')).toBeTruthy();
    expect(within(items[1] as HTMLElement).queryByText(/Waiting/)).toBeNull();
  });

  it('says nothing of the kind while a modem runs', async () => {
    renderApp(createBackend({ 'gateways.list': () => [gatewayView()], 'messages.list': () => ({ items: [QUEUED], nextBefore: null }) }), '#/outbox');
    await screen.findByText('Kumbusho: kliniki kesho');
    expect(screen.queryByText(/waiting for the modem/i)).toBeNull();
  });
});
