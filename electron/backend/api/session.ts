/** session.*: who is at the desk on this connection; sign in, lock, one's own PIN (access/access-service.ts). */
import type { AreaHandlers, HandlerContext } from './context.ts';
import { newSession } from '../../../src-shared/contract/access.ts';
import { SignInRequiredError } from './access-guard.ts';

export function sessionHandlers({ backend }: HandlerContext): AreaHandlers<'session'> {
  const { access } = backend;
  return {
    'session.status': (_p, caller) => access.sessionDto(caller),
    'session.signIn': ({ userId, secret }, caller) => access.signIn(caller ?? newSession('in-process'), userId, secret),
    'session.lock': (_p, caller) => access.lock(caller ?? newSession('in-process')),
    'session.setOwnSecret': ({ current, secret }, caller) => {
      const actor = access.resolve(caller);
      if (!actor) throw new SignInRequiredError();
      return access.setOwnSecret(caller ?? newSession('in-process'), actor, current, secret);
    },
  };
}
