/**
 * The backend's side of the contract (src-shared/contract): one handler per command, built over a
 * Backend. Every host binds the same object (Electron's ipcMain, the headless WebSocket and HTTP
 * API, the in-memory pair in tests) through createRpcServer, which validates each call's
 * parameters before a handler sees them.
 */
import type { Handlers } from '../../../src-shared/contract/commands.ts';
import type { Backend } from '../create-backend.ts';
import { contactHandlers } from './contacts.ts';
import type { HandlerContext, HandlerOptions } from './context.ts';
import { conversationHandlers } from './conversations.ts';
import { guardDiskFull } from './disk-full-guard.ts';
import { databaseNoticeField, databaseNoticeHandlers } from './database-notice.ts';
import { emailHandlers } from './email.ts';
import { DEMO_GATEWAY_ID } from './gateway-view.ts';
import { gatewayConfigHandlers } from './gateway-config.ts';
import { gatewayHandlers } from './gateways.ts';
import { groupHandlers } from './groups.ts';
import { messageHandlers } from './messages.ts';
import { settingsHandlers } from './settings.ts';
import { appointmentHandlers } from './appointments.ts';
import { templateHandlers } from './templates.ts';
import { attentionHandlers } from './attention.ts';
import { securityHandlers } from './security.ts';
import { backupHandlers } from './backups.ts';
import { statsHandlers } from './stats.ts';
import { keywordHandlers } from './keywords.ts';
import { consentHandlers } from './consent.ts';
import { deletionHandlers } from './deletion.ts';
import { admitsEvents, authorizeCall, guardAccess } from './access-guard.ts';
import { createRpcServer, type RpcServer, type RpcServerOptions } from '../../../src-shared/rpc/server.ts';
import { sessionHandlers } from './session.ts';
import { userHandlers } from './users.ts';
import { apiKeyHandlers } from './api-keys.ts';
import { auditHandlers } from './audit.ts';

export type { HandlerOptions } from './context.ts';
export { DEMO_GATEWAY_ID } from './gateway-view.ts';

/**
 * Builds the handlers. Nothing runs until a command is called; the backend may be started
 * before or after.
 * Handlers throw typed errors that the RPC server turns into data: `validation` (with issues),
 * `not-found`, `status-conflict`, `no-gateway`, `not-supported`, `not-available`; `disk-full`
 * from any handler that writes (disk-full-guard.ts); and, before any handler runs,
 * `sign-in-required` / `forbidden` from the role check (access-guard.ts), which also writes the
 * audit trail after a call succeeds.
 */
export function createHandlers(backend: Backend, options: HandlerOptions): Handlers {
  const context: HandlerContext = { backend, options };
  return guardAccess(guardDiskFull({
    'app.info': () => ({
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      demo: backend.manager.gateway(DEMO_GATEWAY_ID) !== undefined,
      demoAvailable: options.startDemoModem !== undefined,
      storage: backend.storage.status(),
      ...databaseNoticeField(backend.store),
    }),
    ...databaseNoticeHandlers(context),
    ...sessionHandlers(context),
    ...userHandlers(context),
    ...apiKeyHandlers(context),
    ...auditHandlers(context),
    ...messageHandlers(context),
    ...appointmentHandlers(context),
    ...templateHandlers(context),
    ...consentHandlers(context),
    ...attentionHandlers(context),
    ...securityHandlers(context),
    ...backupHandlers(context),
    ...statsHandlers(context),
    ...keywordHandlers(context),
    ...conversationHandlers(context),
    ...contactHandlers(context),
    ...groupHandlers(context),
    ...gatewayHandlers(context),
    ...gatewayConfigHandlers(context),
    ...settingsHandlers(context),
    ...emailHandlers(context),
    ...deletionHandlers(context),
  } satisfies Handlers, backend.storage), backend.access);
}

/**
 * The RPC server every host serves (the desktop's IPC, the headless WebSocket and HTTP API,
 * the tests' in-memory pair): the handlers, with the role check before parameters are parsed
 * and events only for sessions that act as someone (access-guard.ts).
 */
export function createBackendRpcServer(backend: Backend, options: HandlerOptions, extra: Pick<RpcServerOptions, 'onError'> = {}): RpcServer {
  return createRpcServer({
    handlers: createHandlers(backend, options),
    admits: admitsEvents(backend.access),
    authorize: authorizeCall(backend.access),
    ...extra,
  });
}
