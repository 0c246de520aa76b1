// Migration 0006-protection on a register in use: users keep everything and nobody may see
// denouncers until an administrator grants it.
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { openRegister } from '../../db/register.ts';
import { tempDir, type TempDir } from '../helpers/register.ts';

let dir: TempDir | null = null;
afterEach(() => {
  dir?.cleanup();
  dir = null;
});

describe('0006-protection on a register in use', () => {
  it('adds the permission, off, to existing users without touching their other fields', async () => {
    dir = tempDir();
    const file = `${dir.dir}/register.sqlite`;
    const index = MIGRATIONS.findIndex(([name]) => name === '0006-protection');
    expect(index).toBeGreaterThan(0);
    const previous = await openRegister({ path: file, migrateTo: index, seed: false });
    const T = '2026-03-01T00:00:00.000Z';
    previous.sqlite.prepare("insert into users (username, full_name, title, role, active, created_at) values ('admin', 'Quản trị viên', null, 'admin', 1, ?)").run(T);
    previous.sqlite.prepare("insert into users (username, full_name, title, role, active, created_at) values ('lan.nt', 'Nguyễn Thị Lan', 'Chuyên viên', 'officer', 0, ?)").run(T);
    const before = previous.sqlite.prepare('select * from users order by id').all();
    await previous.close();

    const register = await openRegister({ path: file, migrateTo: index + 1, seed: false });
    try {
      const after = register.sqlite.prepare('select * from users order by id').all() as Record<string, unknown>[];
      expect(after).toEqual(before.map((u) => ({ ...(u as object), can_see_protected: 0 })));
      expect(register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await register.close();
    }
  });
});
