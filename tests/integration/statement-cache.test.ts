// The register's dialect prepares each SQL text once and reuses the statement (db/dialect.ts):
// counted on the real better-sqlite3 handle, with the answers unchanged.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_SIZE, StatementCache, statementCacheOf } from '../../db/dialect.ts';
import { namedStatement } from '../../db/interchange/bulk.ts';
import { petitionInput } from '../helpers/intake.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister();
});
afterEach(async () => {
  await t.cleanup();
});

/** Counts the statements better-sqlite3 prepares on the register's handle while `run` runs. */
async function countPrepares(run: () => Promise<unknown>): Promise<{ prepares: number; texts: string[] }> {
  const sqlite = t.register.sqlite;
  const original = sqlite.prepare;
  const texts: string[] = [];
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    texts.push(source);
    return original.call(this, source);
  } as typeof sqlite.prepare;
  try {
    await run();
  } finally {
    sqlite.prepare = original;
  }
  return { prepares: texts.length, texts };
}

describe('statement cache', () => {
  it('prepares a query once, then reuses it with new parameters and the same answers', async () => {
    const db = t.register.db;
    const first = await countPrepares(() => db.selectFrom('agencies').select('code').where('id', '=', 1).execute());
    expect(first.prepares).toBe(1);
    const again = await countPrepares(async () => {
      for (let id = 1; id <= 20; id++) {
        const row = await db.selectFrom('agencies').select('code').where('id', '=', id).executeTakeFirst();
        const raw = t.register.sqlite.prepare('select code from agencies where id = ?').get(id) as { code: string } | undefined;
        expect(row?.code).toBe(raw?.code);
      }
    });
    // Only the 20 raw comparisons prepared; the Kysely query ran on its cached statement.
    expect(again.texts.filter((s) => s.includes('"agencies"'))).toEqual([]);
  });

  it('answers writes and RETURNING (reader) statements from the cache correctly', async () => {
    const db = t.register.db;
    const now = new Date().toISOString();
    const insert = (code: string) =>
      db.insertInto('agencies').values({ code, name: `Cơ quan ${code}`, name_folded: `co quan ${code}`.toLowerCase(), kind: 'other', active: 1, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const update = (code: string) => db.updateTable('agencies').set({ active: 0 }).where('code', '=', code).executeTakeFirstOrThrow();
    await insert('X-0');
    await update('X-0');
    const counted = await countPrepares(async () => {
      for (let i = 1; i <= 10; i++) {
        const { id } = await insert(`X-${i}`);
        expect(id).toBe(Number((t.register.sqlite.prepare('select id from agencies where code = ?').get(`X-${i}`) as { id: number }).id));
        const result = await update(`X-${i}`);
        expect(result.numUpdatedRows).toBe(1n);
      }
      const none = await update('NO-SUCH');
      expect(none.numUpdatedRows).toBe(0n);
    });
    expect(counted.texts.filter((s) => s.includes('"agencies"'))).toEqual([]);
    expect(Number((t.register.sqlite.prepare("select count(*) c from agencies where code like 'X-%' and active = 0").get() as { c: number }).c)).toBe(11);
  });

  it('a petition saved through the API again prepares nothing', async () => {
    // The first save adds the citizen, the second finds them: each path prepares its statements once.
    await t.client.petitions.create(petitionInput());
    await t.client.petitions.create(petitionInput());
    const cache = statementCacheOf(t.register.sqlite)!;
    const reusedBefore = cache.reused;
    const preparedBefore = cache.prepared;
    const second = await countPrepares(() => t.client.petitions.create(petitionInput()));
    expect(second.texts).toEqual([]);
    // Every statement of the third save came from the cache.
    expect(cache.prepared).toBe(preparedBefore);
    expect(cache.reused - reusedBefore).toBeGreaterThan(10);
  });

  it('DDL is never cached and empties the cache, so `select *` sees a new column', async () => {
    const db = t.register.db;
    await sql`create table scratch (a integer)`.execute(db);
    await sql`insert into scratch values (1)`.execute(db);
    const before = await sql<Record<string, unknown>>`select * from scratch`.execute(db);
    expect(before.rows).toEqual([{ a: 1 }]);
    await sql`alter table scratch add column b text default 'x'`.execute(db);
    const after = await sql<Record<string, unknown>>`select * from scratch`.execute(db);
    expect(after.rows).toEqual([{ a: 1, b: 'x' }]);
  });

  it('streams rows on a statement of its own, and the cached one still answers after', async () => {
    const db = t.register.db;
    const query = () => db.selectFrom('agencies').select('code').orderBy('id').limit(3);
    const cached = await query().execute();
    const streamed: { code: string }[] = [];
    for await (const row of query().stream()) streamed.push(row);
    expect(streamed).toEqual(cached);
    expect(await query().execute()).toEqual(cached);
  });

  it('is bounded: the least recently used statement goes first', () => {
    const cache = new StatementCache(t.register.sqlite, 3);
    const a = cache.get('select 1');
    cache.get('select 2');
    cache.get('select 3');
    expect(cache.get('select 1')).toBe(a);
    cache.get('select 4'); // evicts "select 2", the least recently used
    expect(cache.size).toBe(3);
    expect(cache.get('select 1')).toBe(a);
    const prepared = cache.prepared;
    cache.get('select 2');
    expect(cache.prepared).toBe(prepared + 1);
    expect(STATEMENT_CACHE_SIZE).toBeGreaterThan(100);
  });

  it('is emptied when the register closes', async () => {
    const sqlite = t.register.sqlite;
    await t.register.db.selectFrom('agencies').select('code').execute();
    const cache = statementCacheOf(sqlite)!;
    expect(cache.size).toBeGreaterThan(0);
    await t.close();
    expect(cache.size).toBe(0);
    expect(statementCacheOf(sqlite)).toBeUndefined();
    expect(sqlite.open).toBe(false);
  });
});

describe('the bulk writer binds its named statements by position (db/interchange/bulk.ts)', () => {
  it('binds each name where it stands, a name twice, and refuses a missing name writing nothing', () => {
    const sqlite = t.register.sqlite;
    sqlite.exec('create temp table bound (a text, b integer, c text, d text)');
    const insert = namedStatement(sqlite, 'insert into bound (a, b, c, d) values (@a, @b, @c, @a || @c)');
    // The values' own order, and keys the statement does not read, make no difference.
    expect(insert.run({ c: 'z', extra: 1, b: 2, a: 'x' }).changes).toBe(1);
    insert.run({ a: 'Nguyễn', b: null, c: '' });
    expect(() => insert.run({ a: 'y', c: 'w' })).toThrow(/Missing named parameter "b"/);
    expect(sqlite.prepare('select a, b, c, d from bound order by rowid').all()).toEqual([
      { a: 'x', b: 2, c: 'z', d: 'xz' },
      { a: 'Nguyễn', b: null, c: '', d: 'Nguyễn' },
    ]);
  });
});
