// A register on a PostgreSQL server when the server fails (issue 14): a connection lost in the
// middle of a write leaves nothing partial, says so plainly, and the next call reconnects and
// numbers on without a gap; an unreachable server, a database holding something else and a schema
// from a newer version are refused with their own messages, writing nothing.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../db/register.ts';
import { WRITE_LOCK_KEY } from '../../db/engine/postgres.ts';
import { onPostgres, rawGet, TEST_POSTGRES, tempPostgresDatabase, tempRegister, type TempRegister } from '../helpers/register.ts';

const PETITION = {
  receivedOn: '2026-03-14',
  channel: 'post',
  kind: 'complaint',
  field: 'land',
  signatories: 1,
  summary: 'Khiếu nại việc thu hồi đất',
  petitioners: [{ fullName: 'Nguyễn Văn Đức' }],
} as const;

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!onPostgres)('a PostgreSQL register when the server fails', () => {
  let t: TempRegister | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it('a connection lost mid-write writes nothing, says so, and the next save reconnects and takes the next number', async () => {
    t = await tempRegister();
    const first = await t.client.petitions.create(PETITION as never);
    expect(first.registerNo).toBe('2026/000001');
    const auditBefore = (await rawGet<{ n: number }>(t.register, 'select count(*) as n from audit_log'))!.n;
    // Another session holds the register's write lock: the save waits inside its transaction.
    const holder = new pg.Client({ connectionString: t.path });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    const saving = t.client.petitions.create({ ...PETITION, summary: 'Đơn bị cắt giữa chừng' } as never).then(
      () => null,
      (e: unknown) => e,
    );
    // The server drops the waiting desk's connection (a restart, a cable pulled).
    await withClient(TEST_POSTGRES, async (admin) => {
      for (let i = 0; i < 50; i++) {
        const r = await admin.query(
          "select pid from pg_stat_activity where application_name = 'petreg' and wait_event_type = 'Lock' and datname = $1",
          [new URL(t!.path).pathname.slice(1)],
        );
        if (r.rows.length > 0) {
          for (const row of r.rows) await admin.query('select pg_terminate_backend($1)', [row.pid]);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the save never waited for the lock');
    });
    const error = (await saving) as { code?: string; message?: string } | null;
    await holder.query('rollback');
    await holder.end();
    expect(error?.code).toBe('STORAGE');
    expect(error?.message).toMatch(/Không kết nối được máy chủ cơ sở dữ liệu .*không được ghi/);
    expect(error?.message).not.toMatch(/:\/\/[^@]*:[^@*]+@/); // never a password
    // Nothing of it was written.
    expect((await rawGet<{ n: number }>(t.register, 'select count(*) as n from petitions'))!.n).toBe(1);
    expect((await rawGet<{ n: number }>(t.register, 'select count(*) as n from audit_log'))!.n).toBe(auditBefore);
    // The next save reconnects by itself and takes the next number: no gap.
    const next = await t.client.petitions.create(PETITION as never);
    expect(next.registerNo).toBe('2026/000002');
  });

  it('an unreachable server is said plainly', async () => {
    const url = new URL(TEST_POSTGRES);
    url.port = '1';
    await expect(openRegister({ path: url.toString() })).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/Không kết nối được máy chủ cơ sở dữ liệu/) });
  });

  it('a database holding other tables is not made a register, and nothing is written to it', async () => {
    const db = await tempPostgresDatabase();
    try {
      await withClient(db.url, (c) => c.query('create table ke_toan (id integer primary key, so_tien integer)'));
      await expect(openRegister({ path: db.url })).rejects.toMatchObject({ code: 'BAD_DATABASE', message: expect.stringMatching(/ke_toan/) });
      const tables = await withClient(db.url, (c) => c.query("select table_name from information_schema.tables where table_schema = 'public'"));
      expect(tables.rows.map((r) => r.table_name)).toEqual(['ke_toan']);
    } finally {
      await db.drop();
    }
  });

  it('a register made by a newer version is refused, unchanged', async () => {
    t = await tempRegister();
    await withClient(t.path, (c) => c.query("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2027-01-01')"));
    await expect(openRegister({ path: t.path })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
  });
});
