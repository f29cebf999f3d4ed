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
import { statsHandlers } from './stats.ts';
import { keywordHandlers } from './keywords.ts';
import { consentHandlers } from './consent.ts';

export type { HandlerOptions } from './context.ts';
export { DEMO_GATEWAY_ID } from './gateway-view.ts';

/**
 * Builds the handlers. Nothing runs until a command is called; the backend may be started
 * before or after.
 * Handlers throw typed errors that the RPC server turns into data: `validation` (with issues),
 * `not-found`, `status-conflict`, `no-gateway`, `not-supported`, `not-available`; and `disk-full`
 * from any handler that writes (disk-full-guard.ts).
 */
export function createHandlers(backend: Backend, options: HandlerOptions): Handlers {
  const context: HandlerContext = { backend, options };
  return guardDiskFull({
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
    ...messageHandlers(context),
    ...appointmentHandlers(context),
    ...templateHandlers(context),
    ...consentHandlers(context),
    ...attentionHandlers(context),
    ...securityHandlers(context),
    ...statsHandlers(context),
    ...keywordHandlers(context),
    ...conversationHandlers(context),
    ...contactHandlers(context),
    ...groupHandlers(context),
    ...gatewayHandlers(context),
    ...gatewayConfigHandlers(context),
    ...settingsHandlers(context),
    ...emailHandlers(context),
  } satisfies Handlers, backend.storage);
}
