/** The preload: one narrow bridge, `request`, `onEvent`, `recoverKey` and `choosePath`, and nothing of ipcRenderer leaks. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type UjumbeBridge } from '../../../src-shared/rpc/bridge.ts';
import { fakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

let bridge: UjumbeBridge;

beforeAll(async () => {
  await import('../../../electron/preload/preload.ts');
  expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [name, value] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, UjumbeBridge];
  expect(name).toBe('ujumbe');
  bridge = value;
});

describe('the preload bridge', () => {
  it('exposes exactly request, onEvent, recoverKey and choosePath, as functions', () => {
    expect(Object.keys(bridge).sort()).toEqual(['choosePath', 'onEvent', 'recoverKey', 'request']);
    expect(typeof bridge.recoverKey).toBe('function');
    expect(typeof bridge.request).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
    // Nothing of ipcRenderer hides in it.
    expect(Object.values(bridge)).not.toContain(fakeElectron.ipcRenderer);
    expect(JSON.stringify(Object.getOwnPropertyNames(bridge))).not.toMatch(/ipc|send|invoke|sendSync/i);
  });

  it('sends a request on the one request channel and returns the answer', async () => {
    const envelope = { type: 'request' as const, id: 3, command: 'app.info', params: {} };
    const answer = { type: 'response', id: 3, ok: true, result: { version: '0.1.0' } };
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce(answer);
    await expect(bridge.request(envelope)).resolves.toEqual(answer);
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.request, envelope);
  });

  it('sends a recovery code on its own channel, and refuses anything but text', async () => {
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, code: 'database-key-wrong-code' });
    await expect(bridge.recoverKey('AAAA-BBBB')).resolves.toEqual({ ok: false, code: 'database-key-wrong-code' });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.recoverKey, 'AAAA-BBBB');
    expect(() => bridge.recoverKey({ toString: () => 'x' } as unknown as string)).toThrow(TypeError);
  });

  it('asks for a chooser on its own channel, by kind only', async () => {
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce('/media/usb');
    await expect(bridge.choosePath('backup-folder')).resolves.toBe('/media/usb');
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.choosePath, 'backup-folder');
    expect(() => bridge.choosePath('/etc' as never)).toThrow(TypeError);
  });

  it('passes events on with the envelope only, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const off = bridge.onEvent(listener);
    const ipcEvent = { sender: fakeElectron.ipcRenderer, senderId: 0, ports: [] };
    const envelope = { type: 'event', event: 'message.status', payload: { recipientId: 1 } };
    fakeElectron.ipcRenderer.emit(IPC_CHANNELS.event, ipcEvent, envelope);
    expect(listener).toHaveBeenCalledOnce();
    expect(listener.mock.calls[0]).toEqual([envelope]);
    expect(listener.mock.calls[0]).not.toContain(ipcEvent);
    off();
  });

  it('listens only to the event channel', () => {
    const listener = vi.fn();
    const off = bridge.onEvent(listener);
    fakeElectron.ipcRenderer.emit('some-other-channel', {}, { type: 'event' });
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('onEvent returns an unsubscribe that removes exactly its own listener, once', () => {
    const before = fakeElectron.ipcRenderer.listenerCount(IPC_CHANNELS.event);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onEvent(a);
    const offB = bridge.onEvent(b);
    expect(fakeElectron.ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(before + 2);
    offA();
    offA();
    expect(fakeElectron.ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(before + 1);
    fakeElectron.ipcRenderer.emit(IPC_CHANNELS.event, {}, { type: 'event' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    offB();
    expect(fakeElectron.ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(before);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onEvent('alert(1)' as never)).toThrow(TypeError);
  });
});
