// The audit log as a tamper-evident, append-only hash chain (migration 0008, db/audit.ts) and
// `petreg check` naming the first entry or record that does not match.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openRegister } from '../../db/register.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { seedDefaults } from '../../db/seed.ts';
import { verifyAuditChain, verifyPetitionStates } from '../../db/integrity.ts';
import { tempDir, tempRegister, type TempDir } from '../helpers/register.ts';
import { registerSearchFunctions } from '../../db/search-index.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dirs: TempDir[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

function petreg(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PETREG_DB: '' } });
}

const PETITION = {
  receivedOn: '2026-03-10',
  channel: 'post' as const,
  kind: 'complaint' as const,
  field: 'land' as const,
  petitioners: [{ fullName: 'Nguyễn Văn Đức' }],
  summary: 'Khiếu nại thu hồi đất',
};

describe('0008-audit-chain on a register in use', () => {
  it('links every existing audit row in id order, then the register keeps appending to the chain', async () => {
    const d = tempDir();
    dirs.push(d);
    const file = path.join(d.dir, 'register.sqlite');
    const index = MIGRATIONS.findIndex(([name]) => name === '0008-audit-chain');
    const before = await openRegister({ path: file, migrateTo: index, seed: false });
    await seedDefaults(before);
    before.sqlite.prepare(`insert into audit_log (at, actor_name, action, entity, entity_id, after_json) values ('2026-01-02T00:00:00.000Z', 'Lan', 'create', 'agency', '7', '{"a":1}')`).run();
    const rows = before.sqlite.prepare('select * from audit_log order by id').all();
    await before.close();

    const t = await tempRegister({ path: file });
    try {
      const sqlite = t.register.sqlite;
      const after = sqlite.prepare('select * from audit_log order by id').all() as Record<string, unknown>[];
      expect(after.slice(0, rows.length).map(({ prev_hash: _p, hash: _h, ...r }) => r)).toEqual(rows);
      expect(after.every((r) => typeof r.hash === 'string' && (r.hash as string).length === 64)).toBe(true);
      expect(verifyAuditChain(sqlite)).toEqual({ entries: after.length, firstBroken: null });
      await t.client.petitions.create(PETITION);
      const chain = verifyAuditChain(sqlite);
      expect(chain.firstBroken).toBeNull();
      expect(chain.entries).toBe(after.length + 1);
    } finally {
      await t.cleanup();
    }
  });
});

describe('tampering', () => {
  async function registerWithPetitions() {
    const t = await tempRegister();
    dirs.push({ dir: t.dir, cleanup: () => undefined });
    const p1 = await t.client.petitions.create(PETITION);
    const p2 = await t.client.petitions.create({ ...PETITION, summary: 'Tố cáo cán bộ xã', kind: 'denunciation' as const });
    await t.client.petitions.update({ ...PETITION, id: p1.id, summary: 'Khiếu nại thu hồi đất (bổ sung)' });
    await t.close();
    return { t, p1, p2 };
  }

  it('a sound register passes petreg check', async () => {
    const { t } = await registerWithPetitions();
    const r = petreg(['check', '--db', t.path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Chuỗi nhật ký: đạt/);
    expect(r.stdout).toMatch(/khớp nhật ký: đạt/);
    t.register.sqlite.close();
  });

  it('a petition edited with sqlite3 makes check exit 1 and name the petition and field', async () => {
    const { t, p2 } = await registerWithPetitions();
    const raw = new Database(t.path);
    // The search index's triggers call the register's SQL functions: a plain sqlite3 shell cannot
    // even run this edit ("no such function"); a tamperer who provides them is still caught.
    registerSearchFunctions(raw);
    raw.prepare("update petitions set summary = 'Đã bị sửa' where id = ?").run(p2.id);
    raw.close();
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${p2.registerNo}`);
    expect(r.stdout + r.stderr).toMatch(/summary/);
    expect(verifyPetitionStates(new Database(t.path, { readonly: true })).mismatches).toHaveLength(1);
  });

  it('an audit row edited (triggers dropped first) makes check exit 1 and name the entry', async () => {
    const { t } = await registerWithPetitions();
    const raw = new Database(t.path);
    raw.exec('drop trigger audit_log_no_update');
    const id = (raw.prepare("select id from audit_log where entity = 'petition' order by id limit 1").get() as { id: number }).id;
    raw.prepare("update audit_log set actor_name = 'Người khác' where id = ?").run(id);
    raw.close();
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`mục ${id}`);
  });

  it('an audit row deleted makes check exit 1 and name where the chain breaks', async () => {
    const { t } = await registerWithPetitions();
    const raw = new Database(t.path);
    raw.exec('drop trigger audit_log_no_delete');
    const id = (raw.prepare("select id from audit_log where entity = 'petition' order by id limit 1").get() as { id: number }).id;
    raw.prepare('delete from audit_log where id = ?').run(id);
    raw.close();
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`mục ${id}`);
  });

  it('the triggers refuse UPDATE and DELETE on audit rows', async () => {
    const { t } = await registerWithPetitions();
    const raw = new Database(t.path);
    expect(() => raw.prepare("update audit_log set actor_name = 'x'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('delete from audit_log').run()).toThrow(/append-only/);
    raw.close();
  });
});
