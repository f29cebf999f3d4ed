/** The one RpcClient of the app, handed down by context so tests can pass a fake. */
import { createContext, useContext, type ReactNode } from 'react';
import type { RpcClient } from '../../src-shared/rpc/client.ts';

const ClientContext = createContext<RpcClient | null>(null);

export function ClientProvider({ client, children }: { client: RpcClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The connected client. @throws when used outside <ClientProvider> (a programming error). */
export function useClient(): RpcClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() needs a <ClientProvider> above it.');
  return client;
}
