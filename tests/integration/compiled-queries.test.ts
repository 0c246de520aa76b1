// Queries compiled once and run again with new values (db/compiled-queries.ts), on the register's
// engine: each call must bind its own values, constants the builder wrote must stay, a different
// set of keys is a different query, and a value the builder did not bind is refused at once.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCompiled } from '../../db/compiled-queries.ts';
import { rawAll, tempRegister, type TempRegister } from '../helpers/register.ts';

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister();
});
afterEach(async () => {
  await t.cleanup();
});

const AT = '2026-03-15T08:30:00.000Z';
const insertAgency = (code: string, name: string) =>
  runCompiled(t.register.db, 'test.agency', { code, name, name_folded: name.toLowerCase(), kind: 'other', active: 1, created_at: AT, updated_at: AT }, (db, v) =>
    db.insertInto('agencies').values(v).returning(['id', 'code', 'name', 'kind', 'active']),
  );

describe('runCompiled', () => {
  it('binds each call’s own values into the query compiled on the first', async () => {
    const [a] = await insertAgency('T01', 'Thử một');
    const [b] = await insertAgency('T02', 'Thử hai');
    expect(a).toMatchObject({ code: 'T01', name: 'Thử một', kind: 'other', active: 1 });
    expect(b).toMatchObject({ code: 'T02', name: 'Thử hai' });
    expect(b!.id).not.toBe(a!.id);
    const stored = await rawAll<{ code: string; name: string }>(t.register, "select code, name from agencies where code like 'T0%' order by code");
    expect(stored).toEqual([
      { code: 'T01', name: 'Thử một' },
      { code: 'T02', name: 'Thử hai' },
    ]);
  });

  it('keeps the constants the builder wrote, and reads with new values each time', async () => {
    await insertAgency('T01', 'Thử một');
    await insertAgency('T02', 'Thử hai');
    await insertAgency('T03', 'Thử ba');
    const byPrefix = (from: string) =>
      runCompiled(t.register.db, 'test.agenciesFrom', { from }, (db, v) => db.selectFrom('agencies').select('code').where('code', '>=', v.from).where('code', 'like', 'T0%').orderBy('code').limit(2));
    expect((await byPrefix('T01')).map((r) => r.code)).toEqual(['T01', 'T02']);
    expect((await byPrefix('T02')).map((r) => r.code)).toEqual(['T02', 'T03']);
    expect((await byPrefix('T04')).map((r) => r.code)).toEqual([]);
  });

  it('compiles another query for another set of keys, under the same name; an undefined value is left out', async () => {
    const addDay = (values: { date: string; name: string; updated_at: string; kind?: string; source?: string | null }) =>
      runCompiled(t.register.db, 'test.holiday', values, (db, v) => db.insertInto('holidays').values(v));
    await addDay({ date: '2099-01-02', name: 'Thử một', updated_at: AT });
    // Two keys more: their columns are written, not left to their defaults as the first query's text does.
    await addDay({ date: '2099-01-03', name: 'Thử hai', updated_at: AT, kind: 'announced', source: 'Thông báo 1/TB' });
    // Undefined, as Kysely does: the column is left out and takes its default.
    await addDay({ date: '2099-01-05', name: 'Thử ba', updated_at: AT, kind: undefined, source: null });
    const rows = await rawAll(t.register, "select date, kind, source from holidays where date >= '2099-01-01' order by date");
    expect(rows).toEqual([
      { date: '2099-01-02', kind: 'holiday', source: null },
      { date: '2099-01-03', kind: 'announced', source: 'Thông báo 1/TB' },
      { date: '2099-01-05', kind: 'holiday', source: null },
    ]);
  });

  it('compiles a raw SQL template, a value used twice taking each call’s value in both places (the calendar’s read)', async () => {
    await insertAgency('T01', 'Thử một');
    await insertAgency('T05', 'Thử năm');
    await insertAgency('T09', 'Thử chín');
    const between = (from: string, to: string) =>
      runCompiled<{ from: string; to: string }, { codes: string | null; first: string | null }>(t.register.db, 'test.between', { from, to }, (db, v) => ({
        compile: () =>
          sql<{ codes: string | null; first: string | null }>`select
            (select string_agg(code, ',' order by code) from agencies where code >= ${v.from} and code <= ${v.to}) as codes,
            (select min(code) from agencies where code >= ${v.from} and code <= ${v.to}) as first`.compile(db),
      }));
    expect(await between('T01', 'T05')).toEqual([{ codes: 'T01,T05', first: 'T01' }]);
    expect(await between('T02', 'T09')).toEqual([{ codes: 'T05,T09', first: 'T05' }]);
    expect(await between('T06', 'T08')).toEqual([{ codes: null, first: null }]);
  });

  it('works inside a transaction and rolls back with it', async () => {
    await expect(
      t.register.db.transaction().execute(async (trx) => {
        await runCompiled(trx, 'test.agencyInTrx', { code: 'T09', name: 'Thử chín', name_folded: 'thử chín', kind: 'other', active: 1, created_at: AT, updated_at: AT }, (db, v) => db.insertInto('agencies').values(v));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await rawAll(t.register, "select code from agencies where code = 'T09'")).toEqual([]);
  });

  it('refuses a builder that does not bind a value as a parameter, before running anything', async () => {
    await expect(
      runCompiled(t.register.db, 'test.unbound', { id: 1, code: 'X' }, (db, v) => db.selectFrom('agencies').select('id').where('id', '=', v.id)),
    ).rejects.toThrow('code not bound as a parameter');
    await expect(
      runCompiled(t.register.db, 'test.inText', { code: 'X' }, (db, v) => db.selectFrom('agencies').select('id').where(sql<boolean>`code = ${sql.lit(v.code)}`)),
    ).rejects.toThrow('not bound as a parameter');
  });
});
