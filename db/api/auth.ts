// API methods of signing in (issue 14 item 1). The session (who is signed in, idle lock) is the
// server's (db/api/server.ts); these handlers change it after the operations in db/ops/auth.ts.
import type { Kysely } from 'kysely';
import type { AuthStatus } from '../../shared/domain/user.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import type { DB } from '../schema.ts';
import { SYSTEM_ACTOR } from '../context.ts';
import { changePassword, mustChangePassword, needsSetup, recordSignOut, resetPassword, setupFirstAdmin, setupUsernames, signIn } from '../ops/auth.ts';
import { getUser } from '../ops/users.ts';
import type { HandlerTable, SessionState } from './table.ts';

/** The idle-lock setting, read on each call (one indexed row). */
export async function idleLockMinutes(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'idleLockMinutes').executeTakeFirst();
  const value = row ? (JSON.parse(row.value) as unknown) : null;
  return typeof value === 'number' && value > 0 ? value : DEFAULT_SETTINGS.idleLockMinutes;
}

export async function authStatus(db: Kysely<DB>, session: SessionState): Promise<AuthStatus> {
  const officer = session.officerId === null ? null : await getUser(db, session.officerId);
  const setup = await needsSetup(db);
  return {
    needsSetup: setup,
    setupUsernames: setup ? await setupUsernames(db) : [],
    officer,
    locked: officer !== null && session.locked === true,
    mustChangePassword: officer !== null && (await mustChangePassword(db, officer.id)),
    idleLockMinutes: await idleLockMinutes(db),
  };
}

function startSession(session: SessionState, officerId: number, nowMs: number): void {
  session.officerId = officerId;
  session.locked = false;
  session.lastActiveMs = nowMs;
}

export function registerAuthMethods(t: HandlerTable): void {
  t.method('auth.status', (_input, { register, session }) => authStatus(register.db, session));
  t.method('auth.setup', async (input, { register, session }) => {
    const admin = await setupFirstAdmin({ register, actor: SYSTEM_ACTOR }, input);
    startSession(session, admin.id, register.now().getTime());
    return authStatus(register.db, session);
  });
  t.method('auth.signIn', async (input, { register, session }) => {
    session.phantoms ??= new Map();
    const user = await signIn({ register, actor: SYSTEM_ACTOR }, input, session.phantoms);
    startSession(session, user.id, register.now().getTime());
    return authStatus(register.db, session);
  });
  t.method('auth.signOut', async (_input, ctx) => {
    await recordSignOut(ctx);
    ctx.session.officerId = null;
    ctx.session.locked = false;
    return authStatus(ctx.register.db, ctx.session);
  });
  t.method('auth.changePassword', async (input, ctx) => {
    await changePassword(ctx, input);
    return authStatus(ctx.register.db, ctx.session);
  });
  t.method('users.resetPassword', (input, ctx) => resetPassword(ctx, input));
}
