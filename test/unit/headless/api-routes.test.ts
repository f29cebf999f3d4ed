/** The HTTP API's routes over the in-process client: the public shapes, apart from the UI's DTOs. */
import { describe, expect, it } from 'vitest';
import type { GatewayView, Handlers } from '../../../src-shared/contract/index.ts';
import { NotFoundError } from '../../../src-shared/errors.ts';
import { createInProcessClient, createRpcServer, RpcError } from '../../../src-shared/rpc/index.ts';
import { routeApiRequest } from '../../../electron/headless/api-routes.ts';

const extras = { saved: true, enabled: true, queueLength: 2, sentToday: 5, lastError: null, demo: false, dailyCap: 100, dailyCapReached: false };

const modem: GatewayView = {
  id: 'modem:/dev/ttyUSB0',
  label: 'Front desk',
  protocol: 'sms',
  kind: 'modem',
  state: 'paused',
  problem: { code: 'no-network' },
  detail: {
    port: '/dev/ttyUSB0',
    profile: 'huawei',
    manufacturer: 'huawei',
    model: 'E3131',
    revision: null,
    imei: '356938035643809',
    operator: null,
    signalDbm: null,
    signalBars: 0,
    registration: 'searching',
    sim: 'ready',
    smsMode: 'pdu',
    serviceCentre: true,
    undecodableOnSim: 0,
  },
  ...extras,
};

const email: GatewayView = {
  id: 'email',
  label: 'E-mail',
  protocol: 'email',
  kind: 'email',
  state: 'error',
  problem: { code: 'auth', values: { server: 'mail.example.org:465' } },
  detail: { server: 'mail.example.org:465', security: 'tls', lastFailure: 'auth' },
  ...extras,
  dailyCap: null,
};

function context(handlers: Partial<Handlers>) {
  return {
    client: createInProcessClient(createRpcServer({ handlers: handlers as Handlers })),
    readBody: () => Promise.resolve({}),
    query: new URLSearchParams(),
    baseUrl: 'http://127.0.0.1:8765',
  };
}

describe('GET /gateways', () => {
  it('writes each gateway out field by field: problems as codes with their values, no words', async () => {
    const response = await routeApiRequest('GET', '/gateways', context({ 'gateways.list': () => [modem, email] }));
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      items: [
        {
          id: 'modem:/dev/ttyUSB0',
          label: 'Front desk',
          protocol: 'sms',
          kind: 'modem',
          state: 'paused',
          enabled: true,
          problem: { code: 'no-network', values: {} },
          detail: { ...modem.detail, unreadableStored: 0 },
          queueLength: 2,
          sentToday: 5,
          lastError: null,
          demo: false,
          dailyCap: 100,
          dailyCapReached: false,
        },
        {
          id: 'email',
          label: 'E-mail',
          protocol: 'email',
          kind: 'email',
          state: 'error',
          enabled: true,
          problem: { code: 'auth', values: { server: 'mail.example.org:465' } },
          detail: { server: 'mail.example.org:465', security: 'tls', lastFailure: 'auth' },
          queueLength: 2,
          sentToday: 5,
          lastError: null,
          demo: false,
          dailyCap: null,
          dailyCapReached: false,
        },
      ],
    });
  });

  it('does not pass on fields the UI DTO grows', async () => {
    const grown = { ...modem, internalNote: 'x', detail: { ...modem.detail, pinTries: 3 } } as GatewayView;
    const response = await routeApiRequest('GET', '/gateways', context({ 'gateways.list': () => [grown] }));
    const [item] = (response.body as { items: Array<Record<string, unknown>> }).items;
    expect(item).not.toHaveProperty('internalNote');
    expect(item).not.toHaveProperty('saved');
    expect(item?.detail).not.toHaveProperty('pinTries');
  });
});

describe('a failing command', () => {
  it('reaches the HTTP server as RpcError with the contract code', async () => {
    const ctx = context({
      'messages.get': ({ id }) => {
        throw new NotFoundError('message', id);
      },
    });
    const error = await routeApiRequest('GET', '/messages/7', ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'not-found', details: { what: 'message', id: 7 } });
    await expect(routeApiRequest('GET', '/messages/x', ctx)).rejects.toMatchObject({ code: 'invalid-params', details: { issues: [{ where: 'id' }] } });
  });
});
