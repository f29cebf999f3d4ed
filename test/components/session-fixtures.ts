/** Sessions for the tests of issue 13's "Users, roles, lock" (sign-in on, two or three users). */
import type { SessionDto } from '../../src-shared/contract/access-commands.ts';
import type { Role } from '../../src-shared/contract/access.ts';

export const USERS = [
  { id: 1, name: 'Wanjiru', role: 'administrator' as const },
  { id: 2, name: 'Amina', role: 'nurse' as const },
  { id: 3, name: 'Juma', role: 'viewer' as const },
];

/** Sign-in on, no one signed in; Amina locked it last. */
export const LOCKED: SessionDto = { signInRequired: true, lockAfterMinutes: 10, actor: null, lastUserId: 2, users: USERS };

/** Sign-in on, `id` signed in. */
export function signedIn(id: number, over: Partial<SessionDto> = {}): SessionDto {
  const user = USERS.find((u) => u.id === id);
  if (!user) throw new Error(`No test user ${id}`);
  return { ...LOCKED, lastUserId: null, actor: { kind: 'user', id, name: user.name, role: user.role as Role }, ...over };
}
