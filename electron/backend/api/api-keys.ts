/** apiKeys.*: named keys for other clinic systems, each with a role, shown once (access/access-service.ts). */
import type { AreaHandlers, HandlerContext } from './context.ts';
import { actingAs } from './users.ts';

export function apiKeyHandlers({ backend }: HandlerContext): AreaHandlers<'apiKeys'> {
  const { access } = backend;
  return {
    'apiKeys.list': () => ({ items: access.listKeys() }),
    'apiKeys.create': ({ name, role }, caller) => access.createKey(actingAs(backend, caller), name, role),
    'apiKeys.revoke': ({ id }) => access.revokeKey(id),
  };
}
