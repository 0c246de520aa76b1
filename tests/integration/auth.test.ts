// Sign-in, idle lock, roles and permissions in the API dispatch, and migration 0011 (issue 14).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract.ts';
import { METHOD_PERMISSIONS, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../../shared/domain/permissions.ts';
import { SIGN_IN_REFUSED, USER_ROLES, type UserRole } from '../../shared/domain/user.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { openRegister } from '../../db/register.ts';
import { FALLBACK_LOG, faultLogPath } from '../../db/faults.ts';
import { onPostgres, rawAll, signInAs, tempDir, tempRegister, TEST_NOW, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';

let t: TempRegister;
afterEach(async () => {
  await t?.cleanup();
});

/** A register whose clock the test moves. */
async function movable(signedIn = false): Promise<{ t: TempRegister; advance: (minutes: number) => void }> {
  let ms = TEST_NOW.getTime();
  const reg = await tempRegister({ now: () => new Date(ms), signedIn });
  return { t: reg, advance: (minutes) => (ms += minutes * 60_000) };
}

const PASSWORD = 'Mat khau quan tri 2026';

describe('first administrator and sign-in', () => {
  it('a new register asks for the first administrator password; nothing else answers before it', async () => {
    ({ t } = await movable());
    const status = expectOk<{ needsSetup: boolean; setupUsernames: string[]; officer: unknown }>(await t.api.call('auth.status', undefined));
    expect(status).toMatchObject({ needsSetup: true, setupUsernames: ['admin'], officer: null });
    const before = await registerSnapshot(t.register);
    const refused = expectError(await t.api.call('agencies.upsert', { code: 'X', name: 'Cơ quan X', kind: 'other' }), 'UNAUTHENTICATED');
    expect(refused.message).toMatch(/đăng nhập/);
    expect(await registerSnapshot(t.register)).toEqual(before);

    const after = expectOk<{ needsSetup: boolean; officer: { username: string } }>(await t.api.call('auth.setup', { username: 'admin', password: PASSWORD }));
    expect(after).toMatchObject({ needsSetup: false, officer: { username: 'admin' } });
    expectOk(await t.api.call('agencies.list', {}));
    expectError(await t.api.call('auth.setup', { username: 'admin', password: PASSWORD }), 'CONFLICT');

    // The password is nowhere in clear: not in the file, not in the audit log, not in the fault log.
    if (t.register.engine === 'postgres') {
      // No file on PostgreSQL: no row of any table holds it (pages of the server are not ours to read).
      const tables = await rawAll<{ name: string }>(t.register, "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'");
      expect(tables.length).toBeGreaterThan(10);
      for (const { name } of tables) expect(await rawAll(t.register, `select 1 from ${name} x where x::text like ?`, `%${PASSWORD}%`), name).toEqual([]);
    }
    await t.register.close();
    if (!onPostgres) {
      const bytes = fs.readFileSync(t.path);
      expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    }
    const wal = `${t.path}-wal`;
    if (fs.existsSync(wal)) expect(fs.readFileSync(wal).includes(Buffer.from(PASSWORD))).toBe(false);
    const log = onPostgres ? FALLBACK_LOG : faultLogPath(t.path);
    if (fs.existsSync(log)) expect(fs.readFileSync(log, 'utf8')).not.toContain(PASSWORD);
    const reopened = await openRegister({ path: t.path, now: () => TEST_NOW });
    const hash = (await reopened.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash!;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const audit = await reopened.db.selectFrom('audit_log').select(['action', 'after_json']).execute();
    expect(audit.map((a) => a.action)).toContain('set_password');
    for (const row of audit) expect(row.after_json ?? '').not.toContain(PASSWORD);
    for (const row of audit) expect(row.after_json ?? '').not.toContain('scrypt$');
    await reopened.close();
  });

  it('five wrong passwords lock the account for 15 minutes; an unknown username gets the same answers', async () => {
    const m = await movable(true);
    t = m.t;
    const admin = (await t.client.users.list()).find((u) => u.username === 'admin')!;
    await signInAs(t, admin.id, PASSWORD);
    for (const username of ['admin', 'khong.co.ai']) {
      for (let i = 1; i <= 4; i++) expect(expectError(await t.api.call('auth.signIn', { username, password: `sai ${i}` }), 'FORBIDDEN').message).toBe(SIGN_IN_REFUSED);
      const fifth = expectError(await t.api.call('auth.signIn', { username, password: 'sai 5' }), 'FORBIDDEN').message;
      expect(fifth).toMatch(/tạm khóa.*15 phút/);
      // Locked: even the right password is refused, with the same message for both names.
      expect(expectError(await t.api.call('auth.signIn', { username, password: PASSWORD }), 'FORBIDDEN').message).toMatch(/tạm khóa/);
    }
    const audit = await t.client.audit.list({ entity: 'user', entityId: String(admin.id) });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['sign_in_failed', 'sign_in_locked']));
    m.advance(16);
    expect(expectOk<{ officer: { id: number } }>(await t.api.call('auth.signIn', { username: 'admin', password: PASSWORD })).officer.id).toBe(admin.id);
  });

  it('an administrator resets a password: the account unlocks and the officer must change it before working', async () => {
    t = await tempRegister();
    const lan = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
    await t.client.users.resetPassword({ userId: lan.id, password: 'tam-thoi-2026' });
    const status = expectOk<{ mustChangePassword: boolean }>(await t.api.call('auth.signIn', { username: 'lan.nt', password: 'tam-thoi-2026' }));
    expect(status.mustChangePassword).toBe(true);
    const before = await registerSnapshot(t.register);
    expect(expectError(await t.api.call('sessions.openToday', { kind: 'regular' }), 'FORBIDDEN').message).toMatch(/đổi mật khẩu/);
    expect(await registerSnapshot(t.register)).toEqual(before);
    expectOk(await t.api.call('auth.changePassword', { current: 'tam-thoi-2026', next: 'cua-rieng-lan-2026' }));
    expectOk(await t.api.call('petitions.list', {}));
    expectOk(await t.api.call('auth.signOut', undefined));
    expectError(await t.api.call('auth.signIn', { username: 'lan.nt', password: 'tam-thoi-2026' }), 'FORBIDDEN');
    expectOk(await t.api.call('auth.signIn', { username: 'lan.nt', password: 'cua-rieng-lan-2026' }));
  });
});

describe('idle lock', () => {
  it('a session idle longer than the setting is refused until the password is given again', async () => {
    const m = await movable();
    t = m.t;
    const admin = await t.register.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await signInAs(t, admin.id, PASSWORD);
    await t.client.settings.update({ idleLockMinutes: 10 });
    m.advance(9);
    expectOk(await t.api.call('petitions.list', {}));
    m.advance(11);
    const before = await registerSnapshot(t.register);
    expect(expectError(await t.api.call('agencies.upsert', { code: 'X', name: 'Cơ quan X', kind: 'other' }), 'UNAUTHENTICATED').message).toMatch(/đã khóa/);
    expect(await registerSnapshot(t.register)).toEqual(before);
    expect(expectOk<{ locked: boolean; officer: { id: number } }>(await t.api.call('auth.status', undefined))).toMatchObject({ locked: true, officer: { id: admin.id } });
    expectOk(await t.api.call('auth.signIn', { username: 'admin', password: PASSWORD }));
    expectOk(await t.api.call('agencies.upsert', { code: 'X', name: 'Cơ quan X', kind: 'other' }));
  });
});

describe('permissions in the API dispatch', () => {
  it('every method of the contract has a permission, and every role some', () => {
    for (const method of METHOD_NAMES) expect(PERMISSIONS, method).toContain(METHOD_PERMISSIONS[method]);
    expect(Object.keys(METHOD_PERMISSIONS).sort()).toEqual([...METHOD_NAMES].sort());
    for (const role of USER_ROLES) expect(ROLE_PERMISSIONS[role]).toContain('read');
  });

  it('refuses every method to a role without its permission (FORBIDDEN, Vietnamese, nothing written) and to nobody signed in', async () => {
    t = await tempRegister();
    const users = {} as Record<UserRole, number>;
    for (const role of USER_ROLES) {
      users[role] = role === 'admin' ? (await t.client.users.list()).find((u) => u.username === 'admin')!.id : (await t.client.users.upsert({ username: `vai.${role}`, fullName: `Cán bộ ${role}`, role })).id;
    }
    const lacking = (p: Permission) => USER_ROLES.find((r) => !ROLE_PERMISSIONS[r].includes(p));
    let refusedByRole = 0;
    for (const method of METHOD_NAMES) {
      const needed = METHOD_PERMISSIONS[method];
      if (needed === 'public') continue;
      const role = lacking(needed);
      if (role) {
        await signInAs(t, users[role]);
        const before = await registerSnapshot(t.register);
        const error = expectError(await t.api.call(method, undefined), 'FORBIDDEN');
        expect(error.message, method).toMatch(/^Vai trò .+ không có quyền .+; không có gì được ghi\.$/);
        expect(await registerSnapshot(t.register), method).toEqual(before);
        refusedByRole++;
      }
      await t.api.call('auth.signOut', undefined); // signed out either way (it refuses when nobody is signed in)
      const before = await registerSnapshot(t.register);
      expectError(await t.api.call(method, undefined), 'UNAUTHENTICATED');
      expect(await registerSnapshot(t.register), method).toEqual(before);
    }
    expect(refusedByRole).toBeGreaterThan(30);
  });

  it('an officer (reception) registers petitions but cannot decide; a handler can', async () => {
    t = await tempRegister();
    const officer = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
    const handler = await t.client.users.upsert({ username: 'binh.tt', fullName: 'Trần Thị Bình', role: 'handler' });
    await signInAs(t, officer.id);
    const petition = await t.client.petitions.create({ receivedOn: '2026-03-14', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại thu hồi đất' });
    const classify = { petitionId: petition.id, on: '2026-03-15', eligible: true };
    const before = await registerSnapshot(t.register);
    expect(expectError(await t.api.call('workflow.classify', classify), 'FORBIDDEN').message).toContain('Cán bộ tiếp nhận');
    expect(await registerSnapshot(t.register)).toEqual(before);
    await signInAs(t, handler.id);
    expectOk(await t.api.call('workflow.classify', classify));
  });
});

describe('migration 0011-sign-in', () => {
  it('keeps every user, makes the old officers handlers, and adds empty password columns', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir.dir, 'register.sqlite');
      const index = MIGRATIONS.findIndex(([name]) => name === '0011-sign-in');
      const previous = await openRegister({ path: file, migrateTo: index, now: () => TEST_NOW });
      await previous.db.insertInto('users').values({ username: 'lan.nt', full_name: 'Nguyễn Thị Lan', title: 'Chuyên viên', role: 'officer', active: 1, created_at: TEST_NOW.toISOString(), can_see_protected: 1 } as never).execute();
      await previous.close();
      const register = await openRegister({ path: file, now: () => TEST_NOW });
      const rows = await register.db.selectFrom('users').selectAll().orderBy('username').execute();
      expect(rows.map((r) => [r.username, r.role, r.can_see_protected, r.password_hash, r.failed_attempts, r.must_change_password, r.locked_until])).toEqual([
        ['admin', 'admin', 0, null, 0, 0, null],
        ['lan.nt', 'handler', 1, null, 0, 0, null],
      ]);
      expect(register.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(() => register.sqlite.prepare("update users set role = 'leader' where username = 'lan.nt'").run()).not.toThrow();
      expect(() => register.sqlite.prepare("update users set role = 'boss' where username = 'lan.nt'").run()).toThrow(/CHECK/);
      await register.close();
    } finally {
      dir.cleanup();
    }
  });
});
