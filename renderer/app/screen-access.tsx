/**
 * Which screens a role may open (issue 13 "the UI hides what the role cannot do"): a screen is
 * named by the command it cannot do without, and the contract's table (COMMAND_ACCESS) says who
 * may call that. The side navigation leaves out what the role may not open; typing its address
 * shows why instead of a screen of failing calls.
 */
import { useTranslation } from 'react-i18next';
import { COMMAND_ACCESS, mayCall, type Role } from '../../src-shared/contract/access.ts';
import type { CommandName } from '../../src-shared/contract/commands.ts';
import { useRole, useSession } from '../state/session.ts';
import { Button } from '../ui/Button.tsx';
import { navigate, type Screen } from './router.ts';

export const SCREEN_COMMAND: Record<Screen, CommandName> = {
  compose: 'messages.send',
  conversations: 'conversations.list',
  outbox: 'messages.list',
  reminders: 'appointments.list',
  contacts: 'contacts.list',
  templates: 'templates.list',
  reports: 'stats.daily',
  gateways: 'gateways.list',
  settings: 'settings.update',
  audit: 'audit.list',
};

export function screenAllowed(role: Role | null, screen: Screen): boolean {
  return mayCall(role, COMMAND_ACCESS[SCREEN_COMMAND[screen]]);
}

/** `screenAllowed` for the one at the desk, re-rendered when the session changes. */
export function useScreenAllowed(): (screen: Screen) => boolean {
  const role = useRole();
  return (screen) => screenAllowed(role, screen);
}

/** What shows at the address of a screen the role may not open. */
export function Refused({ screen }: { screen: Screen }) {
  const { t } = useTranslation('session');
  const actor = useSession((s) => s.session?.actor ?? null);
  const need = COMMAND_ACCESS[SCREEN_COMMAND[screen]];
  const screenName = t(`shell:nav.${screen}`);
  return (
    <section className="screen refused">
      <h1>{screenName}</h1>
      <p role="alert">{need === 'nurse' ? t('refused.nurse', { screen: screenName }) : t('refused.administrator', { screen: screenName })}</p>
      {actor ? <p>{t('refused.signedInAs', { name: actor.name, role: t(`role.${actor.role}`) })}</p> : null}
      <Button onClick={() => navigate('conversations')}>{t('refused.goTo')}</Button>
    </section>
  );
}
