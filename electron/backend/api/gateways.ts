/**
 * gateways.*: the gateway panel. Start, stop and PIN entry act on the gateway; a test SMS goes
 * through the dispatcher like any message (statuses change only there), pinned to this gateway.
 */
import type { GatewayState } from '../../../src-shared/model.ts';
import { NotFoundError, UjumbeError } from '../../../src-shared/errors.ts';
import type { Gateway } from '../gateways/gateway.ts';
import { ModemGateway } from '../gateways/modem/modem-gateway.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { toSendReceipt } from './dto-mapping.ts';
import { addGateway, findGateway } from './gateway-registry.ts';
import { DEMO_GATEWAY_ID, gatewayView } from './gateway-view.ts';

export const TEST_MESSAGE = 'Ujumbe test message';

/** A gateway with a SIM that may need a PIN (ModemGateway). */
interface PinGateway extends Gateway {
  setPin(pin: string | null): void;
}

function takesPin(gateway: Gateway): gateway is PinGateway {
  return typeof (gateway as Partial<PinGateway>).setPin === 'function';
}

/** States in which start() alone would do nothing, yet a person asked for a fresh start. */
const RESTART_FROM: readonly GatewayState[] = ['error', 'disconnected'];

/**
 * @throws NotFoundError from start, stop, enterPin and testSms, for an unknown gateway id.
 * @throws UjumbeError `not-supported` from enterPin, for a gateway without a SIM.
 * @throws ValidationError from testSms (a bad number), from MessagingService.
 * @throws UjumbeError `not-available` from startDemo when the host has no demo modem.
 */
export function gatewayHandlers({ backend, options }: HandlerContext): AreaHandlers<'gateways'> {
  const { store, messaging } = backend;
  const get = (id: string): Gateway => {
    const gateway = findGateway(backend, id);
    if (!gateway) throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
    return gateway;
  };
  let demoStarting: Promise<Gateway> | null = null;

  return {
    'gateways.list': () => backend.gateways().map((g) => gatewayView(backend, g)),

    // A gateway stuck in error or disconnected (it waits for a person, or between reconnects)
    // is restarted: "Start" on the panel means "try again now".
    async 'gateways.start'({ id }) {
      const gateway = get(id);
      if (RESTART_FROM.includes(gateway.status().state)) await gateway.stop();
      await gateway.start();
      return gatewayView(backend, gateway);
    },

    async 'gateways.stop'({ id }) {
      const gateway = get(id);
      await gateway.stop();
      return gatewayView(backend, gateway);
    },

    // For this gateway only, until the backend restarts; the PIN kept across restarts is
    // settings.modemPin (Settings screen).
    async 'gateways.enterPin'({ id, pin }) {
      const gateway = get(id);
      if (!takesPin(gateway)) throw new UjumbeError('not-supported', 'This gateway has no SIM card, so it needs no PIN.', { id });
      gateway.setPin(pin);
      await gateway.stop();
      await gateway.start();
      return gatewayView(backend, gateway);
    },

    // One transaction: the message is saved and its recipient pinned before the dispatcher can
    // see it (MessagingService's wake-up runs after the outer transaction commits).
    'gateways.testSms'({ id, to }) {
      const gateway = get(id);
      const receipt = store.transaction(() => {
        const sent = messaging.send({ content: TEST_MESSAGE, subject: TEST_MESSAGE, recipients: [{ address: to, protocol: gateway.protocol }] });
        for (const r of sent.recipients) store.recipients.pinToGateway(r.id, gateway.id);
        return sent;
      });
      return toSendReceipt(receipt);
    },

    // Settings key dailyCaps, keyed by gateway id; the dispatcher reads it at every wake, so a
    // raised (or removed) cap lets a capped gateway work again at once.
    'gateways.setDailyCap'({ id, cap }) {
      const gateway = get(id);
      const caps = { ...store.settings.get('dailyCaps') };
      if (cap === null) delete caps[gateway.id];
      else caps[gateway.id] = cap;
      store.settings.set('dailyCaps', caps);
      backend.dispatcher.notify();
      return gatewayView(backend, gateway);
    },

    // The host's factory gives a device path; a factory that adds the gateway itself (and
    // returns anything) is accepted too. Two clicks start one demo modem.
    // USSD (27.007 §7.15) on this modem; the code from settings.ussdBalanceCode unless given.
    async 'gateways.checkBalance'({ id, code }) {
      const gateway = get(id);
      if (!(gateway instanceof ModemGateway)) throw new UjumbeError('not-supported', 'Only a modem with a SIM card can check its balance.', { id });
      const used = code ?? store.settings.get('ussdBalanceCode');
      try {
        const answer = await gateway.checkBalance(used);
        return { id, code: used, text: answer.text };
      } catch (err) {
        throw new UjumbeError('gateway-error', err instanceof Error ? err.message : String(err), { id });
      }
    },

    // Only reported: using a modem nobody set up is a person's decision (port-watcher.ts).
    'gateways.appeared': () =>
      (backend.ports?.appeared() ?? []).map(({ path, manufacturer, model, imei }) => ({ path, manufacturer, model, imei })),

    // The technician's view. Revealing is a deliberate act, logged by the gateway (no content).
    'gateways.traffic'({ id, reveal }) {
      const gateway = get(id);
      if (!(gateway instanceof ModemGateway)) throw new UjumbeError('not-supported', 'Only a modem has an AT traffic log.', { id });
      const show = reveal === true;
      return { entries: gateway.traffic(show), masked: !show };
    },

    async 'gateways.startDemo'() {
      const startDemoModem = options.startDemoModem;
      if (!startDemoModem) throw new UjumbeError('not-available', 'The demo modem is not available here.');
      const existing = findGateway(backend, DEMO_GATEWAY_ID);
      if (existing) {
        if (existing.status().state === 'stopped') await existing.start();
        return gatewayView(backend, existing);
      }
      demoStarting ??= (async () => {
        try {
          const path = await startDemoModem();
          const added = findGateway(backend, DEMO_GATEWAY_ID);
          if (added) return added;
          const gateway = new ModemGateway({ id: DEMO_GATEWAY_ID, path, profile: 'auto', pin: null });
          addGateway(backend, gateway);
          await gateway.start();
          return gateway;
        } finally {
          demoStarting = null;
        }
      })();
      return gatewayView(backend, await demoStarting);
    },
  };
}
