/**
 * The one place the renderer listens to the backend's events and loads what the shell needs at
 * start (settings, gateways and what modem detection found). Stores are updated here, so a screen that is not shown still
 * finds its data current when it is opened. Events missed while the link was down are not
 * replayed (host/connect.ts), so coming back from `reconnecting` reloads what is shown.
 */
import { useEffect } from 'react';
import type { RpcClient } from '../../src-shared/rpc/client.ts';
import type { ConnectionStatus } from '../host/connect.ts';
import { useAppState } from '../state/app.ts';
import { useConversations } from '../state/conversations.ts';
import { useGateways } from '../state/gateways.ts';
import { useOutbox } from '../state/outbox.ts';
import { useSettings } from '../state/settings.ts';
import { ingestStatus } from '../state/status-feed.ts';

/** The data folder's disk as app.info says it now (events keep it current afterwards). */
function loadStorage(client: RpcClient): void {
  client.call('app.info', {}).then(
    (info) => useAppState.getState().setStorage(info.storage ?? null),
    () => undefined,
  );
}

function reloadShown(client: RpcClient): void {
  loadStorage(client);
  void useSettings.getState().load(client);
  void useGateways.getState().load(client);
  if (useOutbox.getState().loaded) void useOutbox.getState().load(client);
  const conversations = useConversations.getState();
  if (conversations.loaded) void conversations.load(client);
  if (conversations.openId !== null) void conversations.refreshThread(client, conversations.openId);
}

/**
 * Gateways and detection events into the gateways store: a status or a new gateway replaces or
 * adds its view, a forgotten one goes, detection's findings replace the last ones. Returns the
 * unsubscribe. (Component tests of the Gateways screen alone subscribe with it as the shell does.)
 */
export function subscribeGatewayEvents(client: RpcClient): () => void {
  const store = useGateways.getState;
  const offs = [
    client.on('gateway.status', (view) => store().apply(view)),
    client.on('gateway.added', (view) => store().apply(view)),
    client.on('gateway.removed', ({ id }) => store().remove(id)),
    client.on('gateway.discovery', (discovery) => store().setDiscovery(discovery)),
  ];
  return () => {
    for (const off of offs) off();
  };
}

export function useBackendSync(client: RpcClient, connection?: ConnectionStatus): void {
  useEffect(() => {
    const offs = [
      client.on('message.status', (event) => {
        ingestStatus(event);
      }),
      client.on('message.incoming', (event) => useConversations.getState().applyIncoming(client, event)),
      subscribeGatewayEvents(client),
      client.on('recovery', (summary) => useAppState.getState().setRecovery(summary)),
      client.on('storage.status', (status) => useAppState.getState().setStorage(status)),
      // Issue 13: deleted history leaves the lists, threads and the Outbox.
      client.on('messages.deleted', (event) => {
        useConversations.getState().applyDeleted(client, event);
        if (useOutbox.getState().loaded) void useOutbox.getState().load(client);
      }),
    ];
    loadStorage(client);
    void useSettings.getState().load(client);
    void useGateways.getState().load(client);
    return () => {
      for (const off of offs) off();
    };
  }, [client]);

  useEffect(() => {
    const app = useAppState.getState();
    if (!connection) {
      app.setConnection('connected');
      return;
    }
    let previous = connection.getState();
    app.setConnection(previous);
    return connection.subscribe((state) => {
      useAppState.getState().setConnection(state);
      if (previous === 'reconnecting' && state === 'connected') reloadShown(client);
      previous = state;
    });
  }, [client, connection]);
}
