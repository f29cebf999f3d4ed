/**
 * Swahili leaves no English behind: what a new user found on the Gateways cards, in the Outbox
 * counts and in Settings' "Saved." speaks the chosen language (worded when shown, not when the
 * action finished); the Outbox has one Swahili name; and no JSX in renderer/ carries English of
 * its own (text nodes, aria-label / title literals): every word comes from the locale files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageSummary } from '../../src-shared/contract/dto.ts';
import { i18next, NAMESPACES, setLanguage } from '../../renderer/i18n/index.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { createBackend, EMAIL_SETTINGS, renderApp, resetAll } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  resetAll();
});

const AT = '2026-03-02T08:00:00.000Z';

describe('Swahili on a modem card', () => {
  it('words the AT traffic button, the test SMS hint and what Stop and Disable do', async () => {
    const user = userEvent.setup();
    setupScreen({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }), 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => [gatewayView()] }).render(<GatewaysScreen />);
    setLanguage('sw');
    const card = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(within(card).queryByRole('button', { name: 'Show AT traffic' })).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Onyesha mawasiliano ya AT' }));
    expect(await within(card).findByRole('heading', { name: 'Mawasiliano ya AT (kwa fundi)' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Ficha mawasiliano ya AT' })).toBeTruthy();
    expect(within(card).getByText('Namba za simu na maandishi ya ujumbe yamefichwa. PIN ya SIM haionyeshwi kamwe.')).toBeTruthy();
    // The hint says what is sent without quoting the backend's English text.
    expect(within(card).getByText('Hutuma SMS fupi ya majaribio kwa namba hii kupitia njia hii pekee.')).toBeTruthy();
    expect(card.textContent).not.toMatch(/Ujumbe test message|Show AT traffic|Stop pauses|Disable keeps/);
    expect(within(card).getByText('“Simamisha” huisimamisha modemu hii mpaka ubonyeze “Anzisha” au Ujumbe uanze upya.')).toBeTruthy();
    expect(within(card).getByText('“Zima” huiacha imezimwa, hata baada ya Ujumbe kuanza upya, mpaka ubonyeze “Washa”.')).toBeTruthy();
  });

  it('says in Swahili why a stopped modem is stopped', async () => {
    setupScreen({ 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => [gatewayView({ state: 'stopped' })] }).render(<GatewaysScreen />);
    setLanguage('sw');
    const card = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(within(card).getByText('Umeisimamisha wewe: bonyeza “Anzisha” ili kutuma kupitia modemu hii tena.')).toBeTruthy();
  });

  it('names the modem from its maker and model as people write them, on the card and in its details', async () => {
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [gatewayView({ label: '', detail: { manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800' } })],
    }).render(<GatewaysScreen />);
    const card = await screen.findByRole('article', { name: 'SIMCom SIM800' });
    const details = card.querySelector('dl') as HTMLElement;
    expect(within(details).getByText('Manufacturer and model').nextElementSibling?.textContent).toBe('SIMCom SIM800');
  });
});

describe('Swahili in the Outbox', () => {
  const SENT: MessageSummary = { id: 3, direction: 'out', content: 'Kumbusho: kliniki kesho', subject: null, created: AT, recipientCount: 1, statusCounts: { sent: 1 } };
  const BULK: MessageSummary = { id: 4, direction: 'out', content: 'Kliniki imefungwa Ijumaa', subject: null, created: AT, recipientCount: 3, statusCounts: { sent: 2, failed: 1 } };
  const list = () => ({ 'messages.list': () => ({ items: [BULK, SENT], nextBefore: null }) });
  const counts = (content: string) => (screen.getByText(content).closest('article') as HTMLElement).querySelector('.counts')?.textContent;

  it('counts recipients and statuses with the language’s own plural words', async () => {
    renderApp(createBackend(list()), '#/outbox');
    await screen.findByText('Kumbusho: kliniki kesho');
    expect(counts('Kumbusho: kliniki kesho')).toBe('1 recipient · 1 sent');
    expect(counts('Kliniki imefungwa Ijumaa')).toBe('3 recipients · 2 sent · 1 failed');
    act(() => setLanguage('sw'));
    await waitFor(() => expect(counts('Kumbusho: kliniki kesho')).toBe('mpokeaji 1 · 1 imetumwa'));
    expect(counts('Kliniki imefungwa Ijumaa')).toBe('wapokeaji 3 · 2 zimetumwa · 1 imeshindwa');
    expect(screen.getByRole('heading', { level: 1, name: 'Sanduku la kutoka na historia' })).toBeTruthy();
  });

  it('has one Swahili name for the Outbox: "Sanduku la kutoka"', () => {
    const words = NAMESPACES.map((ns) => JSON.stringify(i18next.getResourceBundle('sw', ns) ?? {})).join('\n');
    expect(words).toContain('Sanduku la kutoka');
    expect(words).not.toMatch(/Sanduku la kutuma/);
  });
});

describe('Swahili in Settings and the header', () => {
  it('words "Saved." when it is shown: saving a switch to Swahili says it in Swahili', async () => {
    const user = userEvent.setup();
    let current = SETTINGS;
    setupScreen({
      'settings.get': () => current,
      'settings.update': (patch) => {
        current = { ...current, ...(patch.language ? { language: patch.language } : {}) };
        return current;
      },
    }).render(<SettingsScreen />);
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Interface language' }) as HTMLSelectElement).value).toBe('en'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Interface language' }), 'sw');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Imehifadhiwa.'));
    // And it follows a later change of language while shown.
    act(() => setLanguage('en'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
  });

  it('says the connection is to Ujumbe, in Swahili too', async () => {
    renderApp(createBackend({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) }));
    const status = await screen.findByRole('status', { name: 'Muunganisho' });
    await waitFor(() => expect(status.textContent).toBe('Imeunganishwa na Ujumbe'));
  });
});

describe('No English of its own in the renderer’s JSX', () => {
  /** Attributes whose literal a person reads or hears. */
  const SPOKEN = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'alt', 'label']);

  function tsxFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
  }

  it('has no text node and no spoken attribute written in JSX: every word comes from the locale files', () => {
    const found: string[] = [];
    for (const file of tsxFiles(join(process.cwd(), 'renderer'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const where = (node: ts.Node) => `${file.slice(process.cwd().length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) found.push(`${where(node)} text ${JSON.stringify(node.text.trim())}`);
        if (ts.isJsxAttribute(node) && SPOKEN.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /\p{L}{2,}/u.test(node.initializer.text)) {
          found.push(`${where(node)} ${node.name.getText()}=${JSON.stringify(node.initializer.text)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
