// The audit log as a tamper-evident, append-only hash chain (migration 0008, db/audit.ts) and
// `petreg check` naming the first entry or record that does not match.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openRegister, openRegisterReadOnly } from '../../db/register.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { seedDefaults } from '../../db/seed.ts';
import { verifyAuditChain, verifyPetitionStates, verifyPetitionStatesOf } from '../../db/integrity.ts';
import { onPostgres, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { registerSearchFunctions } from '../../db/search-index.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dirs: TempDir[] = [];
const registers: TempRegister[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) d.cleanup();
  for (const t of registers.splice(0)) await t.cleanup();
});

/**
 * Runs statements on a closed register as a tamperer would, outside the app: the sqlite3 shell on
 * a file (with the register's SQL functions, which the search index's triggers call), psql on a
 * server. Returns what the last statement read.
 */
async function tamper(location: string, statements: [text: string, ...params: unknown[]][]): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  if (onPostgres) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      for (const [text, ...params] of statements) {
        let n = 0;
        rows = (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as Record<string, unknown>[];
      }
    } finally {
      await client.end();
    }
    return rows;
  }
  const raw = new Database(location);
  try {
    registerSearchFunctions(raw);
    for (const [text, ...params] of statements) {
      const statement = raw.prepare(text);
      if (statement.reader) rows = statement.all(...params) as Record<string, unknown>[];
      else statement.run(...params);
    }
  } finally {
    raw.close();
  }
  return rows;
}

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

// A migration of a SQLite register in use: a PostgreSQL register is made at schema 15 at once.
describe.skipIf(onPostgres)('0008-audit-chain on a register in use', () => {
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
    registers.push(t);
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
  });

  it('a petition edited with sqlite3 makes check exit 1 and name the petition and field', async () => {
    const { t, p2 } = await registerWithPetitions();
    // On a file the search index's triggers call the register's SQL functions: a plain sqlite3
    // shell cannot even run this edit ("no such function"); a tamperer who provides them is still caught.
    await tamper(t.path, [["update petitions set summary = 'Đã bị sửa' where id = ?", p2.id]]);
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${p2.registerNo}`);
    expect(r.stdout + r.stderr).toMatch(/summary/);
    if (onPostgres) {
      const reader = await openRegisterReadOnly({ path: t.path });
      expect((await verifyPetitionStatesOf(reader.db)).mismatches).toHaveLength(1);
      await reader.close();
    } else {
      expect(verifyPetitionStates(new Database(t.path, { readonly: true })).mismatches).toHaveLength(1);
    }
  });

  it('an audit row edited (triggers dropped first) makes check exit 1 and name the entry', async () => {
    const { t } = await registerWithPetitions();
    const [first] = await tamper(t.path, [["select id from audit_log where entity = 'petition' order by id limit 1"]]);
    const id = Number(first!.id);
    await tamper(t.path, [[onPostgres ? 'drop trigger audit_log_guard on audit_log' : 'drop trigger audit_log_no_update'], ["update audit_log set actor_name = 'Người khác' where id = ?", id]]);
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`mục ${id}`);
  });

  it('an audit row deleted makes check exit 1 and name where the chain breaks', async () => {
    const { t } = await registerWithPetitions();
    const [first] = await tamper(t.path, [["select id from audit_log where entity = 'petition' order by id limit 1"]]);
    const id = Number(first!.id);
    await tamper(t.path, [[onPostgres ? 'drop trigger audit_log_guard on audit_log' : 'drop trigger audit_log_no_delete'], ['delete from audit_log where id = ?', id]]);
    const r = petreg(['check', '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`mục ${id}`);
  });

  it('the triggers refuse UPDATE and DELETE on audit rows', async () => {
    const { t } = await registerWithPetitions();
    await expect(tamper(t.path, [["update audit_log set actor_name = 'x'"]])).rejects.toThrow(/append-only/);
    await expect(tamper(t.path, [['delete from audit_log']])).rejects.toThrow(/append-only/);
  });
});
