/** users.*: the administrator's management of who may sign in (access/access-service.ts has the rules). */
import { newSession } from '../../../src-shared/contract/access.ts';
import type { CallerSession } from '../../../src-shared/contract/access.ts';
import type { Actor } from '../access/actor.ts';
import type { Backend } from '../create-backend.ts';
import { SignInRequiredError } from './access-guard.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

/** The guard has let the call through, so someone acts: this only types it. */
export function actingAs(backend: Backend, caller: CallerSession | undefined): Actor {
  const actor = backend.access.resolve(caller);
  if (!actor) throw new SignInRequiredError();
  return actor;
}

export function userHandlers({ backend }: HandlerContext): AreaHandlers<'users'> {
  const { access } = backend;
  return {
    'users.list': () => ({ items: access.listUsers() }),
    'users.create': (p, caller) => access.createUser(caller ?? newSession('in-process'), actingAs(backend, caller), p),
    'users.update': (p, caller) => access.updateUser(actingAs(backend, caller), p),
    'users.setSecret': ({ id, secret }) => access.setSecret(id, secret),
    'users.delete': ({ id }, caller) => {
      access.deleteUser(actingAs(backend, caller), id);
      return { deleted: true as const };
    },
    'users.setSignIn': ({ required, lockAfterMinutes }, caller) => access.setSignIn(caller ?? newSession('in-process'), actingAs(backend, caller), required, lockAfterMinutes),
  };
}
