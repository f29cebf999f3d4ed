/**
 * The renderer words every gateway code itself, in English and Swahili (renderer/i18n/codes.ts):
 * each table's key exists in both languages, the panel and the header speak Swahili when asked,
 * a code this build has no words for is shown marked as untranslated, and nothing the backend
 * might say in English decides or fills what is shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { MODEM_PROBLEM_CODES, type ModemProblemCode } from '../../src-shared/model.ts';
import { allCodeKeys, MODEM_PROBLEM_KEYS } from '../../renderer/i18n/codes.ts';
import { i18next, setLanguage } from '../../renderer/i18n/index.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { createBackend, EMAIL_SETTINGS, renderApp, resetAll } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  resetAll();
});

/** The string stored for a key in one language, without falling back to another. */
function stored(lng: string, fullKey: string): unknown {
  const [ns, key] = fullKey.split(':') as [string, string];
  return i18next.getResource(lng, ns, key);
}

describe('gateway words', () => {
  it('has English and Swahili words for every code in every table (and the "with a value" variants)', () => {
    const keys = [...allCodeKeys(), 'gateways:problem.modem.port-busy_program', 'gateways:problem.modem.send-stopped_error', 'gateways:ports.fix.permission-denied', 'gateways:ports.fix.port-busy', 'gateways:ports.fix.port-busy_program'];
    const missing = ['en', 'sw'].flatMap((lng) => keys.filter((k) => typeof stored(lng, k) !== 'string' || stored(lng, k) === '').map((k) => `${lng} ${k}`));
    expect(missing).toEqual([]);
    // One key per problem code, none shared.
    expect(new Set(Object.values(MODEM_PROBLEM_KEYS)).size).toBe(MODEM_PROBLEM_CODES.length);
  });

  it('speaks Swahili on the modem card for the problem codes, the SIM and the network', async () => {
    const modems = MODEM_PROBLEM_CODES.filter((c) => c !== 'disabled').map((code: ModemProblemCode, i) =>
      gatewayView({ id: `modem:${i}`, label: `Modemu ${i}`, state: 'error', problem: { code }, detail: { sim: 'not-inserted', registration: 'denied' } }),
    );
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => modems });
    setLanguage('sw');
    h.render(<GatewaysScreen />);
    const card = (n: number) => screen.findByRole('article', { name: `Modemu ${n}` });
    const problemOf = async (code: ModemProblemCode) => within(await card(MODEM_PROBLEM_CODES.indexOf(code))).getByRole('alert').textContent;
    expect(await problemOf('unplugged')).toBe('Modemu imechomolewa. Ichomeke tena; Ujumbe utaiunganisha wenyewe.');
    expect(await problemOf('waiting-for-modem')).toBe('Inasubiri modemu ichomekwe.');
    expect(await problemOf('sim-pin')).toBe('Kadi ya SIM inahitaji PIN yake.');
    expect(await problemOf('sim-puk')).toBe('Kadi ya SIM imefungwa. Inahitaji namba ya PUK kutoka kwa kampuni ya mtandao.');
    expect(await problemOf('no-network')).toMatch(/^Hakuna mtandao: utumaji umesitishwa\./);
    expect(await problemOf('permission-denied')).toMatch(/^Mtumiaji huyu wa kompyuta haruhusiwi/);
    expect(await problemOf('port-busy')).toMatch(/^Programu nyingine inashikilia mlango wa modemu/);
    // Every problem is in Swahili: none of the English sentences shows.
    for (const code of MODEM_PROBLEM_CODES.filter((c) => c !== 'disabled')) {
      const english = i18next.getFixedT('en')(MODEM_PROBLEM_KEYS[code]);
      expect(screen.queryByText(english), code).toBeNull();
    }
    const first = await card(0);
    expect(within(first).getByText('haimo ndani ya modemu')).toBeTruthy();
    expect(within(first).getByText('imekataliwa na mtandao')).toBeTruthy();
    expect(within(first).getByText('Inahitaji kuangaliwa')).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Badilisha jina' })).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Sahau modemu hii' })).toBeTruthy();
  });

  it('speaks Swahili in the header', async () => {
    const backend = createBackend({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }), 'gateways.list': () => [gatewayView({ state: 'disconnected', problem: { code: 'waiting-for-modem' } })] });
    renderApp(backend);
    const header = screen.getByRole('banner');
    expect(await within(header).findByText('Inasubiri modemu ichomekwe')).toBeTruthy();
    await act(async () => backend.server.emit('gateway.status', gatewayView({ state: 'running' })));
    expect(await within(header).findByText('Modemu iko tayari')).toBeTruthy();
  });

  it('shows a problem code it has no words for as the code, marked untranslated, never silently', async () => {
    const newer = gatewayView({ state: 'error', problem: { code: 'sim-on-fire' as ModemProblemCode } });
    setupScreen({ 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => [newer] }).render(<GatewaysScreen />);
    const card = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(within(card).getByRole('alert').textContent).toBe('[untranslated: sim-on-fire]');
  });

  it('takes nothing from backend English: the card and header show only the words of the codes', async () => {
    // What an old backend would have said is not in the contract any more; the nearest thing, the
    // error message of a failed call with a known code, is replaced by our words too.
    const backend = createBackend({
      'settings.get': () => ({ ...SETTINGS, language: 'sw' }),
      'gateways.list': () => [gatewayView({ state: 'disconnected', problem: { code: 'unplugged' } })],
    });
    renderApp(backend, '#/gateways');
    const card = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(await within(card).findByText('Modemu imechomolewa. Ichomeke tena; Ujumbe utaiunganisha wenyewe.')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/The modem was unplugged/);
    expect(document.body.textContent).not.toMatch(/Waiting for the modem/);
  });
});
