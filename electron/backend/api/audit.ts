/** audit.*: the administrator's reading of the audit trail and the check of its chain (access/audit-log.ts). */
import type { AreaHandlers, HandlerContext } from './context.ts';

export function auditHandlers({ backend }: HandlerContext): AreaHandlers<'audit'> {
  const { audit } = backend.access;
  return {
    'audit.list': (p) => audit.list({ actor: p.actor, action: p.action, from: p.from, to: p.to, before: p.before, limit: p.limit }),
    'audit.verify': () => audit.verify(),
  };
}
