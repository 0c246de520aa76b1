// Officers (cán bộ) who use the register; the audit log names them.
import type { Kysely, Selectable } from 'kysely';
import type { User, UserRole, userUpsertSchema } from '../../shared/domain/user.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, UserTable } from '../schema.ts';
import { runCompiled } from '../compiled-queries.ts';

function toUser(row: Selectable<UserTable>): User {
  return { id: row.id, username: row.username, fullName: row.full_name, title: row.title, role: row.role as UserRole, active: row.active === 1, canSeeProtected: row.can_see_protected === 1 };
}

export async function listUsers(db: Kysely<DB>): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('full_name').execute()).map(toUser);
}

export async function getUser(db: Kysely<DB>, id: number): Promise<User> {
  return (await officerForCall(db, id)).user;
}

/** The signed-in officer as each call checks them: the user and whether a new password is owed, in one read. */
export async function officerForCall(db: Kysely<DB>, id: number): Promise<{ user: User; mustChangePassword: boolean }> {
  // On every call of the API (db/api/server.ts authorize): compiled once.
  const [row] = await runCompiled(db, 'users.byId', { id }, (q, v) => q.selectFrom('users').selectAll().where('id', '=', v.id));
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy cán bộ có mã số ${id}`);
  return { user: toUser(row), mustChangePassword: row.must_change_password === 1 };
}

export function upsertUser(ctx: OpContext, input: z.output<typeof userUpsertSchema>): Promise<User> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('users').select(['id']).where('username', '=', input.username).executeTakeFirst();
    if (clash && clash.id !== input.id) {
      throw new ApiError('CONFLICT', `Tên đăng nhập ${input.username} đã có người dùng`, [
        { path: 'username', message: `Tên đăng nhập ${input.username} đã có người dùng` },
      ]);
    }
    const values = { username: input.username, full_name: input.fullName, title: input.title, role: input.role, active: input.active ? 1 : 0 };
    const current = input.id === undefined ? false : (await getUser(trx, input.id)).canSeeProtected;
    const wanted = input.canSeeProtected ?? current;
    if (wanted !== current) await requireAdminToGrant(trx, ctx);
    const permission = { can_see_protected: wanted ? 1 : 0 };
    if (input.id === undefined) {
      const row = await trx
        .insertInto('users')
        .values({ ...values, ...permission, created_at: ctx.register.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'create', entity: 'user', entityId: row.id, after: toUser(row) });
      return toUser(row);
    }
    const before = await getUser(trx, input.id);
    if (before.role === 'admin' && (input.role !== 'admin' || !input.active)) {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('active', '=', 1).executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new ApiError('CONFLICT', 'Phải còn ít nhất một quản trị viên đang hoạt động');
    }
    const row = await trx.updateTable('users').set({ ...values, ...permission }).where('id', '=', input.id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'update', entity: 'user', entityId: row.id, before, after: toUser(row) });
    return toUser(row);
  });
}

/**
 * Granting or withdrawing the permission to see denouncers is for an administrator at the desk
 * (an officer chosen in the app whose role is admin). The system actor (the app before an officer
 * is chosen, the CLI) cannot: otherwise not choosing an officer would be a way round the rule.
 */
async function requireAdminToGrant(db: Kysely<DB>, ctx: OpContext): Promise<void> {
  const message = 'Chỉ quản trị viên được cấp hoặc thu hồi quyền xem danh tính người tố cáo';
  if (ctx.actor.id === null) throw new ApiError('FORBIDDEN', `${message}; hãy chọn cán bộ quản trị đang làm việc.`, [{ path: 'canSeeProtected', message }]);
  const actor = await getUser(db, ctx.actor.id);
  if (actor.role !== 'admin' || !actor.active) {
    throw new ApiError('FORBIDDEN', `${message}; cán bộ đang làm việc là ${actor.fullName}.`, [{ path: 'canSeeProtected', message }]);
  }
}
