/**
 * Who a call acts as, resolved from its session at each call (issue 13): a role changed, a user
 * disabled or a key revoked counts at the next call, with nothing cached to go stale.
 */
import type { Role } from '../../../src-shared/contract/access.ts';

export interface Actor {
  kind: 'user' | 'key' | 'host';
  id: number | null;
  name: string;
  role: Role;
}

/** How an actor is written in the audit trail: `user:3`, `key:2`, `host`. */
export function actorRef(actor: Actor): string {
  return actor.kind === 'host' ? 'host' : `${actor.kind}:${actor.id}`;
}

/** What the audit trail writes for work no caller asked for (retention, scheduled backups). */
export const SYSTEM_ACTOR = { ref: 'system', name: 'Ujumbe' } as const;

/** The per-run token's holder: the person who started the host, the CLI, programs of the same OS user. */
export const HOST_ACTOR: Actor = Object.freeze({ kind: 'host', id: null, name: 'This computer (the host’s own token)', role: 'administrator' });
