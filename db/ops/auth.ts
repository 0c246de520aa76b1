// Signing in (issue 14 item 1): first administrator's password on a new register, sign-in with a
// limited number of attempts, sign-out, password change and an administrator's reset. The
// session itself (who is signed in, when they were last active) lives in the API server
// (db/api/server.ts); these operations read and write the users table, each write with its audit row.
import type { Kysely } from 'kysely';
import {
  SIGN_IN_LOCK_MINUTES,
  SIGN_IN_MAX_ATTEMPTS,
  SIGN_IN_REFUSED,
  signInLockedMessage,
  type authSetupSchema,
  type changePasswordSchema,
  type resetPasswordSchema,
  type signInSchema,
  type User,
} from '../../shared/domain/user.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import { hashPassword, spendDecoyVerify, verifyPassword, type ScryptParams, DEFAULT_SCRYPT } from '../passwords.ts';
import type { DB } from '../schema.ts';
import { getUser } from './users.ts';

/** True until some officer has a password: the app then asks for the first administrator's. */
export async function needsSetup(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst();
  return row === undefined;
}

export async function setupUsernames(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('users').select('username').where('role', '=', 'admin').where('active', '=', 1).orderBy('username').execute();
  return rows.map((r) => r.username);
}

export async function mustChangePassword(db: Kysely<DB>, userId: number): Promise<boolean> {
  const row = await db.selectFrom('users').select('must_change_password').where('id', '=', userId).executeTakeFirst();
  return row?.must_change_password === 1;
}

/**
 * The first administrator's password on a register where nobody has one yet (a new register, or
 * one from before sign-in existed). Refused once any password is set. Returns the admin's id.
 */
export function setupFirstAdmin(ctx: OpContext, input: z.output<typeof authSetupSchema>, params: ScryptParams = DEFAULT_SCRYPT): Promise<User> {
  return hashPassword(input.password, params).then((hash) =>
    ctx.register.db.transaction().execute(async (trx) => {
      if (!(await needsSetup(trx))) throw new ApiError('CONFLICT', 'Sổ đã có mật khẩu quản trị; hãy đăng nhập.');
      const row = await trx.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
      if (!row || row.role !== 'admin' || row.active !== 1) {
        const message = `Không có quản trị viên đang hoạt động với tên đăng nhập ${input.username}`;
        throw new ApiError('VALIDATION', message, [{ path: 'username', message }]);
      }
      const now = ctx.register.now().toISOString();
      await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, must_change_password: 0, failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
      const user = await getUser(trx, row.id);
      await writeAudit(trx, { ...ctx, actor: { id: user.id, name: user.fullName } }, { action: 'set_password', entity: 'user', entityId: user.id, after: { username: user.username, firstAdministrator: true } });
      return user;
    }),
  );
}

/** Failures of usernames that do not exist, counted like real ones so the answer never differs. */
export type PhantomAttempts = Map<string, { failures: number; lockedUntil: number }>;

/**
 * Checks a username and password. Five failures in a row lock the account for 15 minutes; the
 * refusal is the same whether the username exists or not. Returns the signed-in user.
 */
export async function signIn(ctx: OpContext, input: z.output<typeof signInSchema>, phantoms: PhantomAttempts): Promise<User> {
  const { db } = ctx.register;
  const nowMs = ctx.register.now().getTime();
  const row = await db.selectFrom('users').selectAll().where('username', '=', input.username.toLowerCase()).executeTakeFirst();
  if (!row || row.active !== 1 || row.password_hash === null) {
    await spendDecoyVerify(input.password);
    const key = input.username.toLowerCase();
    const phantom = phantoms.get(key) ?? { failures: 0, lockedUntil: 0 };
    if (phantom.lockedUntil > nowMs) throw new ApiError('FORBIDDEN', signInLockedMessage(Math.ceil((phantom.lockedUntil - nowMs) / 60_000)));
    phantom.failures += 1;
    if (phantom.failures >= SIGN_IN_MAX_ATTEMPTS) Object.assign(phantom, { failures: 0, lockedUntil: nowMs + SIGN_IN_LOCK_MINUTES * 60_000 });
    phantoms.set(key, phantom);
    if (phantoms.size > 1000) phantoms.delete(phantoms.keys().next().value!);
    throw new ApiError('FORBIDDEN', phantom.lockedUntil > nowMs ? signInLockedMessage(SIGN_IN_LOCK_MINUTES) : SIGN_IN_REFUSED);
  }
  const lockedUntil = row.locked_until === null ? 0 : Date.parse(row.locked_until);
  if (lockedUntil > nowMs) {
    await spendDecoyVerify(input.password);
    throw new ApiError('FORBIDDEN', signInLockedMessage(Math.ceil((lockedUntil - nowMs) / 60_000)));
  }
  const ok = await verifyPassword(input.password, row.password_hash);
  const actor = { id: row.id, name: row.full_name };
  if (ok) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
      await writeAudit(trx, { ...ctx, actor }, { action: 'sign_in', entity: 'user', entityId: row.id, after: { username: row.username } });
    });
    return getUser(db, row.id);
  }
  const message = await db.transaction().execute(async (trx) => {
    const current = (await trx.selectFrom('users').select('failed_attempts').where('id', '=', row.id).executeTakeFirstOrThrow()).failed_attempts + 1;
    const lock = current >= SIGN_IN_MAX_ATTEMPTS;
    await trx
      .updateTable('users')
      .set(lock ? { failed_attempts: 0, locked_until: new Date(nowMs + SIGN_IN_LOCK_MINUTES * 60_000).toISOString() } : { failed_attempts: current })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, ctx, { action: lock ? 'sign_in_locked' : 'sign_in_failed', entity: 'user', entityId: row.id, after: { failedAttempts: lock ? SIGN_IN_MAX_ATTEMPTS : current } });
    return lock ? signInLockedMessage(SIGN_IN_LOCK_MINUTES) : SIGN_IN_REFUSED;
  });
  throw new ApiError('FORBIDDEN', message);
}

export function recordSignOut(ctx: OpContext): Promise<void> {
  return ctx.register.db.transaction().execute(async (trx) => {
    await writeAudit(trx, ctx, { action: 'sign_out', entity: 'user', entityId: ctx.actor.id, after: { officer: ctx.actor.name } });
  });
}

/** The signed-in officer changes their own password (the current one is asked first). */
export async function changePassword(ctx: OpContext, input: z.output<typeof changePasswordSchema>, params: ScryptParams = DEFAULT_SCRYPT): Promise<void> {
  if (ctx.actor.id === null) throw new ApiError('UNAUTHENTICATED', 'Hãy đăng nhập trước khi đổi mật khẩu.');
  const row = await ctx.register.db.selectFrom('users').select(['password_hash']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  if (row.password_hash === null || !(await verifyPassword(input.current, row.password_hash))) {
    const message = 'Mật khẩu hiện tại không đúng';
    throw new ApiError('VALIDATION', message, [{ path: 'current', message }]);
  }
  const hash = await hashPassword(input.next, params);
  const actorId = ctx.actor.id;
  await ctx.register.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: ctx.register.now().toISOString(), must_change_password: 0 }).where('id', '=', actorId).execute();
    await writeAudit(trx, ctx, { action: 'set_password', entity: 'user', entityId: actorId, after: { byOwner: true } });
  });
}

/** An administrator sets a temporary password; it unlocks the account and must be changed at sign-in. */
export async function resetPassword(ctx: OpContext, input: z.output<typeof resetPasswordSchema>, params: ScryptParams = DEFAULT_SCRYPT): Promise<User> {
  const hash = await hashPassword(input.password, params);
  return ctx.register.db.transaction().execute(async (trx) => {
    const user = await getUser(trx, input.userId);
    const self = ctx.actor.id === user.id;
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: ctx.register.now().toISOString(), must_change_password: self ? 0 : 1, failed_attempts: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(trx, ctx, { action: 'reset_password', entity: 'user', entityId: user.id, after: { username: user.username, mustChange: !self } });
    return user;
  });
}
