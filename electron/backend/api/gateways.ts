/**
 * gateways.*: the gateway panel's actions on one gateway. Start, stop and PIN entry act on the
 * gateway; a test SMS goes through the dispatcher like any message (statuses change only there),
 * pinned to this gateway. Saving, adopting and forgetting are in gateway-config.ts.
 */
import type { GatewayState } from '../../../src-shared/model.ts';
import { NotFoundError, UjumbeError } from '../../../src-shared/errors.ts';
import type { Gateway } from '../gateways/gateway.ts';
import { takesPin } from '../gateways/gateway-manager.ts';
import { ModemGateway } from '../gateways/modem/modem-gateway.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { toSendReceipt } from './dto-mapping.ts';
import { DEMO_GATEWAY_ID, findGatewayView, gatewayView, gatewayViews } from './gateway-view.ts';

export const TEST_MESSAGE = 'Ujumbe test message';

/** States in which start() alone would do nothing, yet a person asked for a fresh start. */
const RESTART_FROM: readonly GatewayState[] = ['error', 'disconnected'];

type PanelCommands = 'gateways.list' | 'gateways.start' | 'gateways.stop' | 'gateways.enterPin' | 'gateways.testSms' | 'gateways.setDailyCap' | 'gateways.checkBalance' | 'gateways.traffic' | 'gateways.unreadable' | 'gateways.startDemo';

/**
 * @throws NotFoundError from start, stop, enterPin and testSms, for an unknown gateway id.
 * @throws UjumbeError `not-supported` from enterPin, for a gateway without a SIM.
 * @throws ValidationError from testSms (a bad number), from MessagingService.
 * @throws UjumbeError `not-available` from startDemo when the host has no demo modem.
 */
export function gatewayHandlers({ backend, options }: HandlerContext): Pick<AreaHandlers<'gateways'>, PanelCommands> {
  const { store, messaging, manager } = backend;
  const get = (id: string): Gateway => {
    const gateway = manager.gateway(id);
    if (gateway) return gateway;
    if (manager.record(id)) throw new UjumbeError('gateway-disabled', 'This gateway is disabled: enable it first.', { id });
    throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
  };
  let demoStarting: Promise<Gateway> | null = null;

  return {
    'gateways.list': () => gatewayViews(backend),

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

    // Sealed into the modem's row where the host can seal it (GatewayManager.setPin), then the
    // modem is restarted so the PIN is tried once.
    async 'gateways.enterPin'({ id, pin }) {
      const gateway = get(id);
      if (!takesPin(gateway)) throw new UjumbeError('not-supported', 'This gateway has no SIM card, so it needs no PIN.', { id });
      manager.setPin(id, pin);
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
      const view = findGatewayView(backend, id);
      if (!view) throw new NotFoundError('gateway', id, 'This gateway is not set up (any more).');
      const caps = { ...store.settings.get('dailyCaps') };
      if (cap === null) delete caps[id];
      else caps[id] = cap;
      store.settings.set('dailyCaps', caps);
      backend.dispatcher.notify();
      return findGatewayView(backend, id)!;
    },

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

    // The technician's view. Revealing is a deliberate act, logged by the gateway (no content).
    'gateways.traffic'({ id, reveal }) {
      const gateway = get(id);
      if (!(gateway instanceof ModemGateway)) throw new UjumbeError('not-supported', 'Only a modem has an AT traffic log.', { id });
      const show = reveal === true;
      return { entries: gateway.traffic(show), masked: !show };
    },

    // What the codec could not read (kept so the SIM never fills with it). The hex holds a
    // number and a text: left out unless a person asks, and the asking is logged (no content).
    'gateways.unreadable'({ gatewayId, before, limit, reveal }) {
      const show = reveal === true;
      const page = store.unreadablePdus.list({
        ...(gatewayId === undefined ? {} : { gateway: gatewayId }),
        ...(before === undefined ? {} : { before }),
        ...(limit === undefined ? {} : { limit }),
      });
      if (show) backend.logger.info('unreadable PDUs revealed', { gateway: gatewayId ?? 'all', count: page.items.length });
      return {
        items: page.items.map((p) => ({
          id: p.id,
          gatewayId: p.gateway,
          storage: p.storage,
          simIndex: p.simIndex,
          via: p.via,
          tpduLength: p.tpduLength,
          field: p.field,
          offset: p.offset,
          reason: p.reason,
          receivedAt: p.receivedAt,
          hexLength: p.hex.length,
          hex: show ? p.hex : null,
        })),
        nextBefore: page.nextBefore,
        masked: !show,
      };
    },

    // The host starts the simulator and gives its pty; the gateway is built by the same factory
    // as a saved modem (not saved: it is for this run). Two clicks start one demo modem.
    async 'gateways.startDemo'() {
      const startDemoModem = options.startDemoModem;
      if (!startDemoModem) throw new UjumbeError('not-available', 'The demo modem is not available here.');
      const existing = manager.gateway(DEMO_GATEWAY_ID);
      if (existing) {
        if (existing.status().state === 'stopped') await existing.start();
        return gatewayView(backend, existing);
      }
      demoStarting ??= (async () => {
        try {
          const path = await startDemoModem();
          const added = manager.gateway(DEMO_GATEWAY_ID);
          if (added) return added;
          const gateway = manager.addUnsavedModem(DEMO_GATEWAY_ID, path);
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
