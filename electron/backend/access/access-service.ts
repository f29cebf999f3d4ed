/**
 * Users, sessions and API keys (issue 13 "Users, roles, lock"): who a session acts as, signing in
 * and locking, the rules for managing users, and the keys other systems use. The contract's
 * handlers (api/session.ts, api/users.ts, api/api-keys.ts) and the role check
 * (api/access-guard.ts) are thin over this; the headless host asks it who an API key is.
 *
 * While sign-in is off (one user, the default) a session with nobody signed in acts as the first
 * enabled administrator: the desk works exactly as before users existed. Sign-in goes on when
 * the administrator turns it on, or by itself when a second user is added.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CallerSession, Principal, Role } from '../../../src-shared/contract/access.ts';
import type { ApiKeyDto, SessionDto, UserDto } from '../../../src-shared/contract/access-commands.ts';
import { ConflictError, NotFoundError, UjumbeError } from '../../../src-shared/errors.ts';
import { type Clock, isoAt } from '../clock.ts';
import type { ApiKeyRecord } from '../store/repositories/api-key-repository.ts';
import type { UserRecord } from '../store/repositories/user-repository.ts';
import type { Store } from '../store/store.ts';
import { type Actor, HOST_ACTOR } from './actor.ts';
import { AuditLog } from './audit-log.ts';
import { hashSecret, spendCheckTime, verifySecret } from './secret-hash.ts';
import { afterFailure, waitBeforeTry } from './sign-in-throttle.ts';

/** `ujk_` and 32 random bytes (base64url): recognisable in a config file, 256 bits to guess. */
export const API_KEY_PREFIX = 'ujk_';
const KEY_SHOWN_CHARS = 8;
/** last_used_at is written at most this often per key, so a busy integration does not write on every request. */
const KEY_USE_WRITE_MS = 60_000;

export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class SignInError extends UjumbeError {
  constructor(message = 'That PIN or password is not right.') {
    super('sign-in-failed', message);
  }
}

export class AccessService {
  private readonly keyUseWritten = new Map<number, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly audit: AuditLog,
  ) {}

  signInRequired(): boolean {
    return this.store.settings.get('signInRequired');
  }

  /**
   * Who `session` acts as now, or null (signed out, locked, a user disabled or deleted, a key
   * revoked). No session: a direct call in this process, judged like a signed-out one.
   */
  resolve(session: CallerSession | undefined): Actor | null {
    const principal = session?.principal ?? null;
    if (principal === null) {
      if (this.signInRequired()) return null;
      const admin = this.store.users.activeAdministrators()[0];
      return admin ? userActor(admin) : HOST_ACTOR;
    }
    return this.actorOf(principal);
  }

  private actorOf(principal: Principal): Actor | null {
    if (principal.kind === 'host') return HOST_ACTOR;
    if (principal.kind === 'key') {
      const key = this.store.apiKeys.get(principal.keyId);
      return key && key.revokedAt === null ? { kind: 'key', id: key.id, name: key.name, role: key.role } : null;
    }
    const user = this.store.users.get(principal.userId);
    return user && user.disabledAt === null ? userActor(user) : null;
  }

  sessionDto(session: CallerSession | undefined): SessionDto {
    const actor = this.resolve(session);
    return {
      signInRequired: this.signInRequired(),
      lockAfterMinutes: this.store.settings.get('lockAfterMinutes'),
      actor: actor ? { kind: actor.kind, id: actor.id, name: actor.name, role: actor.role } : null,
      lastUserId: session?.lastUserId ?? null,
      users: this.store.users
        .list()
        .filter((u) => u.disabledAt === null && u.secretHash !== null)
        .map((u) => ({ id: u.id, name: u.name, role: u.role })),
    };
  }

  /**
   * @throws sign-in-throttled (details.retryAfterSeconds) before any check while blocked;
   * sign-in-failed for a wrong secret, a user with none, a disabled or unknown user (one answer
   * and the same time for all, so the screen cannot be used to learn which).
   */
  async signIn(session: CallerSession, userId: number, secret: string): Promise<SessionDto> {
    const user = this.store.users.get(userId);
    const wait = user ? waitBeforeTry(user.blockedUntil, this.clock.now()) : 0;
    if (wait > 0) {
      throw new UjumbeError('sign-in-throttled', `Too many wrong tries. Try again in ${Math.ceil(wait / 1000)} seconds.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const usable = user && user.disabledAt === null && user.secretHash !== null ? user : null;
    const ok = usable ? await verifySecret(secret, usable.secretHash!) : (await spendCheckTime(secret), false);
    if (!ok || !usable) {
      if (user) {
        // Read again: another try may have failed while this one was hashing.
        const now = this.store.users.get(user.id);
        if (now) {
          const next = afterFailure(now.failedCount, this.clock.now());
          this.store.transaction(() => this.store.users.recordFailure(now.id, next.failedCount, next.blockedUntil));
        }
      }
      this.audit.append({ ref: `user:${userId}`, name: user?.name ?? '(no such user)' }, 'sign-in-failed', `user:${userId}`);
      throw new SignInError();
    }
    this.store.transaction(() => this.store.users.recordSignIn(usable.id, isoAt(this.clock)));
    session.principal = { kind: 'user', userId: usable.id };
    session.lastUserId = usable.id;
    this.audit.append({ ref: `user:${usable.id}`, name: usable.name }, 'signed-in', `user:${usable.id}`);
    return this.sessionDto(session);
  }

  /** @throws conflict (sign-in-off: with sign-in off there is nothing to lock behind). */
  lock(session: CallerSession): SessionDto {
    if (!this.signInRequired()) throw new ConflictError('Sign-in is off, so the screen cannot be locked. An administrator can turn sign-in on in Settings.', { reason: 'sign-in-off' });
    const actor = this.resolve(session);
    if (actor) this.audit.append(AuditLog.who(actor), 'locked', actor.kind === 'user' ? `user:${actor.id}` : actorRefObject(actor));
    if (session.principal?.kind === 'user') session.lastUserId = session.principal.userId;
    session.principal = null;
    return this.sessionDto(session);
  }

  // --- Users -------------------------------------------------------------------------------

  listUsers(): UserDto[] {
    return this.store.users.list().map(userDto);
  }

  /**
   * A second user turns sign-in on (the desk must then say who is there), which needs the
   * administrator doing it to have a PIN, or they would lock themselves out.
   * @throws conflict name-taken, no-secret
   */
  async createUser(caller: CallerSession, actor: Actor, fields: { name: string; role: Role; secret: string }): Promise<UserDto> {
    if (this.store.users.byName(fields.name)) throw new ConflictError(`There is already a user called "${fields.name}".`, { reason: 'name-taken', where: 'name' });
    if (!this.signInRequired()) this.assertCanRequireSignIn(actor);
    const hash = await hashSecret(fields.secret);
    const id = this.store.transaction(() => {
      if (this.store.users.byName(fields.name)) throw new ConflictError(`There is already a user called "${fields.name}".`, { reason: 'name-taken', where: 'name' });
      const created = this.store.users.insert(fields.name, fields.role, hash, isoAt(this.clock));
      if (!this.signInRequired()) this.store.settings.set('signInRequired', true);
      return created;
    });
    this.keepSignedIn(caller, actor);
    return userDto(this.store.users.get(id)!);
  }

  /** @throws not-found, conflict last-administrator, name-taken, self (disabling yourself) */
  updateUser(actor: Actor, fields: { id: number; name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined }): UserDto {
    return this.store.transaction(() => {
      const user = this.mustGetUser(fields.id);
      const name = fields.name ?? user.name;
      const clash = fields.name !== undefined ? this.store.users.byName(fields.name) : undefined;
      if (clash && clash.id !== user.id) throw new ConflictError(`There is already a user called "${name}".`, { reason: 'name-taken', where: 'name' });
      const role = fields.role ?? user.role;
      const disabledAt = fields.disabled === undefined ? user.disabledAt : fields.disabled ? (user.disabledAt ?? isoAt(this.clock)) : null;
      if (fields.disabled === true && actor.kind === 'user' && actor.id === user.id) throw new ConflictError('You cannot disable yourself.', { reason: 'self' });
      const stopsBeingAdmin = user.role === 'administrator' && user.disabledAt === null && (role !== 'administrator' || disabledAt !== null);
      if (stopsBeingAdmin && this.store.users.activeAdministrators().length === 1) {
        throw new ConflictError('Ujumbe needs at least one administrator who can sign in. Make another user an administrator first.', { reason: 'last-administrator' });
      }
      this.store.users.update(user.id, { name, role, disabledAt });
      return userDto(this.store.users.get(user.id)!);
    });
  }

  async setSecret(id: number, secret: string): Promise<UserDto> {
    this.mustGetUser(id);
    const hash = await hashSecret(secret);
    this.store.transaction(() => {
      this.mustGetUser(id);
      this.store.users.setSecret(id, hash);
    });
    return userDto(this.store.users.get(id)!);
  }

  /** @throws not-found, conflict self, last-administrator */
  deleteUser(actor: Actor, id: number): void {
    this.store.transaction(() => {
      const user = this.mustGetUser(id);
      if (actor.kind === 'user' && actor.id === id) throw new ConflictError('You cannot delete yourself. Another administrator can.', { reason: 'self' });
      if (user.role === 'administrator' && user.disabledAt === null && this.store.users.activeAdministrators().length === 1) {
        throw new ConflictError('Ujumbe needs at least one administrator who can sign in.', { reason: 'last-administrator' });
      }
      this.store.users.delete(id);
    });
  }

  /**
   * The signed-in user's own PIN: `current` must be right, unless they have none yet (the first
   * administrator choosing one). @throws conflict not-a-user, sign-in-failed
   */
  async setOwnSecret(caller: CallerSession, actor: Actor, current: string, secret: string): Promise<SessionDto> {
    if (actor.kind !== 'user' || actor.id === null) throw new ConflictError('Only a user signed in at the desk has a PIN of their own.', { reason: 'not-a-user' });
    const user = this.mustGetUser(actor.id);
    if (user.secretHash !== null && !(await verifySecret(current, user.secretHash))) throw new SignInError('Your current PIN or password is not right.');
    await this.setSecret(user.id, secret);
    this.keepSignedIn(caller, actor);
    return this.sessionDto(caller);
  }

  /** @throws conflict no-secret (turning on), several-users (turning off) */
  setSignIn(caller: CallerSession, actor: Actor, required: boolean, lockAfterMinutes: number | null | undefined): SessionDto {
    if (required) this.assertCanRequireSignIn(actor);
    if (!required && this.store.users.activeCount() > 1) {
      throw new ConflictError('Sign-in stays on while there are several users: each must say who they are. Disable or delete the others first.', { reason: 'several-users' });
    }
    this.store.transaction(() => {
      this.store.settings.set('signInRequired', required);
      if (lockAfterMinutes !== undefined) this.store.settings.set('lockAfterMinutes', lockAfterMinutes);
    });
    this.keepSignedIn(caller, actor);
    return this.sessionDto(caller);
  }

  private assertCanRequireSignIn(actor: Actor): void {
    const me = actor.kind === 'user' && actor.id !== null ? this.store.users.get(actor.id) : undefined;
    const anAdminCanSignIn = me ? me.secretHash !== null : this.store.users.activeAdministrators().some((u) => u.secretHash !== null);
    if (!anAdminCanSignIn) {
      throw new ConflictError('Choose your own PIN or password first: once Ujumbe asks who is at the desk, you will need it to sign in.', { reason: 'no-secret' });
    }
  }

  /** The desk that acted as the administrator with sign-in off stays signed in as them when it goes on. */
  private keepSignedIn(caller: CallerSession, actor: Actor): void {
    if (caller.principal === null && actor.kind === 'user' && actor.id !== null) {
      caller.principal = { kind: 'user', userId: actor.id };
      caller.lastUserId = actor.id;
    }
  }

  private mustGetUser(id: number): UserRecord {
    const user = this.store.users.get(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  // --- API keys ----------------------------------------------------------------------------

  listKeys(): ApiKeyDto[] {
    return this.store.apiKeys.list().map(keyDto);
  }

  createKey(actor: Actor, name: string, role: Role): ApiKeyDto & { key: string } {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = this.store.transaction(() =>
      this.store.apiKeys.insert({ name, role, keyHash: apiKeyHash(key), prefix: key.slice(0, API_KEY_PREFIX.length + KEY_SHOWN_CHARS), createdAt: isoAt(this.clock), createdBy: actor.name }),
    );
    return { ...keyDto(this.store.apiKeys.get(id)!), key };
  }

  /** @throws not-found. Revoking twice keeps the first time. */
  revokeKey(id: number): ApiKeyDto {
    this.store.transaction(() => {
      if (!this.store.apiKeys.get(id)) throw new NotFoundError('API key', id);
      this.store.apiKeys.revoke(id, isoAt(this.clock));
    });
    this.keyUseWritten.delete(id);
    return keyDto(this.store.apiKeys.get(id)!);
  }

  /** The principal of a presented key, or null (unknown or revoked: the HTTP API answers 401). */
  principalForKey(presented: string): Principal | null {
    if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200) return null;
    const key = this.store.apiKeys.byHash(apiKeyHash(presented));
    if (!key || key.revokedAt !== null) return null;
    const now = this.clock.now();
    const written = this.keyUseWritten.get(key.id);
    if (written === undefined || now - written >= KEY_USE_WRITE_MS) {
      this.keyUseWritten.set(key.id, now);
      try {
        this.store.transaction(() => this.store.apiKeys.used(key.id, isoAt(this.clock)));
      } catch {
        // "Last used" is a courtesy: a full disk must not refuse the call.
      }
    }
    return { kind: 'key', keyId: key.id };
  }
}

function actorRefObject(actor: Actor): string {
  return actor.kind === 'host' ? 'host' : `${actor.kind}:${actor.id}`;
}

function userActor(user: UserRecord): Actor {
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
}

function userDto(u: UserRecord): UserDto {
  return { id: u.id, name: u.name, role: u.role, hasSecret: u.secretHash !== null, disabled: u.disabledAt !== null, created: u.createdAt, lastSignIn: u.lastSignInAt };
}

function keyDto(k: ApiKeyRecord): ApiKeyDto {
  return { id: k.id, name: k.name, role: k.role, prefix: k.prefix, created: k.createdAt, createdBy: k.createdBy, lastUsed: k.lastUsedAt, revoked: k.revokedAt };
}
