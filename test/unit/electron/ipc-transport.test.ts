/**
 * The one ipcMain transport: who may call (the app window's top frame showing the app's own
 * page), what may be sent (a request envelope), and what comes back (the RPC server's response
 * envelope, errors as data). Events reach the window only while it shows our page.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, Handlers } from '../../../src-shared/contract/index.ts';
import { ValidationError } from '../../../src-shared/errors.ts';
import { IPC_CHANNELS, createRpcServer, type RpcServer } from '../../../src-shared/rpc/index.ts';
import { FakeBrowserWindow, FakeFrame, FakeWebContents, fakeElectron, ipcEvent, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { appPaths } = await import('../../../electron/main/app-paths.ts');
const { REFUSED_MALFORMED, REFUSED_SENDER, registerIpcTransport } = await import('../../../electron/main/ipc-transport.ts');

const paths = appPaths('/opt/Ujumbe/resources/app.asar');
const info: AppInfo = { version: '0.1.0', host: 'electron', dataDir: '/data', demo: false, demoAvailable: false, storage: { state: 'ok', freeBytes: null, lowSpaceBytes: 0, checkedAt: null } };

let window: FakeBrowserWindow | null;
let server: RpcServer;
let appInfo: ReturnType<typeof vi.fn>;

function setup(handlers: Partial<Handlers> = {}) {
  appInfo = vi.fn(() => info);
  server = createRpcServer({ handlers: { 'app.info': appInfo, ...handlers } as unknown as Handlers });
  window = new FakeBrowserWindow({});
  window.webContents.mainFrame.url = `${paths.appUrl}#/conversations`;
  const onAnswered = vi.fn();
  const onRefused = vi.fn();
  const transport = registerIpcTransport({ rpcServer: server, getWindow: () => window as never, rendererIndex: paths.rendererIndex, onAnswered, onRefused });
  const handler = fakeElectron.ipcMain.handlers.get(IPC_CHANNELS.request);
  if (!handler) throw new Error('no handler registered');
  const call = (event: unknown, payload: unknown) => Promise.resolve().then(() => handler(event, payload));
  return { transport, call, onAnswered, onRefused };
}

const request = { type: 'request', id: 41, command: 'app.info', params: {} };
const fromApp = () => ipcEvent(window!.webContents, window!.webContents.mainFrame);

beforeEach(() => resetFakeElectron());

describe('the IPC transport: requests', () => {
  it('registers exactly one handler, on the request channel', () => {
    setup();
    expect(fakeElectron.ipcMain.handle).toHaveBeenCalledOnce();
    expect([...fakeElectron.ipcMain.handlers.keys()]).toEqual([IPC_CHANNELS.request]);
  });

  it("answers a good request from the app's page with the RPC server's response envelope", async () => {
    const { call, onAnswered } = setup();
    await expect(call(fromApp(), request)).resolves.toEqual({ type: 'response', id: 41, ok: true, result: info });
    expect(appInfo).toHaveBeenCalledOnce();
    expect(onAnswered).toHaveBeenCalledWith('app.info', true);
  });

  it('returns a failing command as an error envelope with its code and details, never a thrown error', async () => {
    const { call } = setup({
      'messages.send': () => {
        throw new ValidationError([{ where: 'billybones', rule: 'phone.characters', message: 'Not a number.' }]);
      },
    });
    const send = { type: 'request', id: 2, command: 'messages.send', params: { to: [{ kind: 'address', address: 'billybones', protocol: 'sms' }], text: 'Hi' } };
    await expect(call(fromApp(), send)).resolves.toMatchObject({
      type: 'response',
      id: 2,
      ok: false,
      error: { code: 'validation', details: { issues: [{ where: 'billybones', rule: 'phone.characters' }] } },
    });
  });

  it('answers unknown commands and bad parameters as data too', async () => {
    const { call } = setup();
    await expect(call(fromApp(), { ...request, command: 'shell.exec' })).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    await expect(call(fromApp(), { ...request, params: { extra: 1 } })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('sends plain JSON only, as the WebSocket host does', async () => {
    const { call } = setup({ 'app.info': (() => ({ ...info, at: new Date('2024-01-02T03:04:05Z'), gone: undefined })) as never });
    const answer = (await call(fromApp(), request)) as { result: Record<string, unknown> };
    expect(answer.result.at).toBe('2024-01-02T03:04:05.000Z');
    expect('gone' in answer.result).toBe(false);
  });

  it.each([
    ['null', null],
    ['a string', '{"type":"request"}'],
    ['an array', [request]],
    ['a response envelope', { type: 'response', id: 1, ok: true, result: 1 }],
    ['an event envelope', { type: 'event', event: 'message.status', payload: {} }],
    ['a request without an id', { type: 'request', command: 'app.info', params: {} }],
    ['a request with a fractional id', { ...request, id: 1.5 }],
    ['a request with a non-string command', { ...request, command: 42 }],
    ['a request with an absurd command name', { ...request, command: 'x'.repeat(101) }],
  ])('refuses %s as malformed, without calling any handler', async (_name, payload) => {
    const { call, onRefused } = setup();
    await expect(call(fromApp(), payload)).rejects.toThrow(REFUSED_MALFORMED);
    expect(appInfo).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith('envelope');
  });
});

describe('the IPC transport: sender checks', () => {
  const refusals: Array<[string, () => unknown]> = [
    ['a sub-frame of the window', () => {
      const frame = new FakeFrame(paths.appUrl);
      frame.parent = window!.webContents.mainFrame;
      return ipcEvent(window!.webContents, frame);
    }],
    ['another frame with our URL', () => ipcEvent(window!.webContents, new FakeFrame(paths.appUrl, 7, 999_999))],
    ['a frame in another process', () => ipcEvent(window!.webContents, new FakeFrame(paths.appUrl, 8, window!.webContents.mainFrame.routingId))],
    ['a frame that is gone', () => ipcEvent(window!.webContents, null)],
    ['another web contents', () => {
      const other = new FakeWebContents(paths.appUrl);
      return ipcEvent(other, other.mainFrame);
    }],
  ];

  it.each(refusals)('refuses %s', async (_name, makeEvent) => {
    const { call, onRefused } = setup();
    await expect(call(makeEvent(), request)).rejects.toThrow(REFUSED_SENDER);
    expect(appInfo).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith('sender');
  });

  it.each(['https://evil.example/', 'file:///tmp/evil.html', 'file://fileserver/opt/Ujumbe/resources/app.asar/dist/renderer/index.html', 'about:blank', 'data:text/html,hi'])(
    'refuses the top frame once it shows %s',
    async (url) => {
      const { call } = setup();
      window!.webContents.mainFrame.url = url;
      await expect(call(fromApp(), request)).rejects.toThrow(REFUSED_SENDER);
      expect(appInfo).not.toHaveBeenCalled();
    },
  );

  it('refuses everyone when the window is closed or destroyed', async () => {
    const { call } = setup();
    const event = fromApp();
    window!.destroyed = true;
    await expect(call(event, request)).rejects.toThrow(REFUSED_SENDER);
    window = null;
    await expect(call(event, request)).rejects.toThrow(REFUSED_SENDER);
  });

  it('refuses a frame that throws when read (disposed meanwhile)', async () => {
    const { call } = setup();
    const frame = window!.webContents.mainFrame;
    const disposed = Object.defineProperty({ parent: null, processId: frame.processId, routingId: frame.routingId }, 'url', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    await expect(call(ipcEvent(window!.webContents, disposed as never), request)).rejects.toThrow(REFUSED_SENDER);
  });

  it('checks the sender before reading the payload', async () => {
    const { call, onRefused } = setup();
    await expect(call(ipcEvent(new FakeWebContents(), null), null)).rejects.toThrow(REFUSED_SENDER);
    expect(onRefused).toHaveBeenCalledWith('sender');
  });
});

describe('the IPC transport: events', () => {
  const status = { recipientId: 1, messageId: 1, from: 'outbox', to: 'sent', reason: null, gatewayId: 'modem:/dev/ttyUSB0', at: '2024-01-01T00:00:00.000Z', flags: [] };

  it("sends the server's events to the window on the event channel", () => {
    setup();
    server.emit('message.status', status as never);
    expect(window!.webContents.send).toHaveBeenCalledWith(IPC_CHANNELS.event, { type: 'event', event: 'message.status', payload: status });
  });

  it('sends nothing to a page that is not ours, or to a destroyed window', () => {
    setup();
    window!.webContents.mainFrame.url = 'https://evil.example/';
    server.emit('message.status', status as never);
    window!.webContents.mainFrame.url = paths.appUrl;
    window!.destroyed = true;
    server.emit('message.status', status as never);
    expect(window!.webContents.send).not.toHaveBeenCalled();
  });

  it('close() removes the handler and stops the events', () => {
    const { transport } = setup();
    expect(server.connectionCount).toBe(1);
    transport.close();
    expect(fakeElectron.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHANNELS.request);
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
    expect(server.connectionCount).toBe(0);
    server.emit('message.status', status as never);
    expect(window!.webContents.send).not.toHaveBeenCalled();
  });
});
