// Migration 0015 on a register that already holds petitions and citizens: the word indexes are
// rebuilt (keyed by -id, prefixes of 1 to 7 characters) and every search answers as before, newest
// first; down() gives back the index of 0009/0010 with the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import * as m0015 from '../../db/migrations/0015-search-newest-first.ts';
import * as m0018 from '../../db/migrations/0018-first-content-index.ts';
import { petitionInput, person } from '../helpers/intake.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

let t: TempRegister;
const NAMES = ['Nguyễn Văn Đức', 'Nguyễn Văn Dũng', 'Trần Thị Hồng', 'Nguyễn Thị Hoa', 'Lê Văn Nguyên', 'Hoàng Thị Thu'];
const QUERIES = ['nguyen', 'nguyen van', 'nguyen van d', 'ng', 'tran thi h', 'hoang', 'nguy', '"van duc"', 'dat', 'thu hoi dat', '2026/000'];

async function answers(): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const q of QUERIES) out[q] = (await t.client.petitions.list({ search: q, limit: 200 })).rows.map((r) => r.id);
  for (const q of ['ng', 'nguyen v', 'tran thi', 'hoa']) out[`citizen:${q}`] = (await t.client.citizens.search({ query: q, limit: 8 })).map((c) => c.id);
  return out;
}

beforeAll(async () => {
  t = await tempRegister();
  for (let i = 0; i < 36; i++) {
    const summary = i % 3 === 0 ? 'Khiếu nại việc thu hồi đất không bồi thường' : i % 3 === 1 ? 'Đề nghị cấp giấy chứng nhận quyền sử dụng đất' : 'Phản ánh tiếng ồn của cơ sở sản xuất';
    await t.client.petitions.create(petitionInput({ receivedOn: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, petitioners: [person({ fullName: NAMES[i % NAMES.length]!, idNumber: `0510${String(65000000 + i).padStart(8, '0')}` })], summary }));
  }
});
afterAll(() => t.cleanup());

describe('migration 0015-search-newest-first', () => {
  it('rebuilds the word indexes of existing petitions and citizens with the same answers, newest first', async () => {
    const after = await answers();
    expect(after['nguyen']!.length).toBeGreaterThan(10);
    expect(after['nguyen']).toEqual([...after['nguyen']!].sort((a, b) => b - a));
    expect(after['citizen:nguyen v']!.length).toBeGreaterThan(0);

    // Undone in order: 0018 replaced an index 0015 made.
    await m0018.down(t.register.db);
    await m0015.down(t.register.db);
    const sqlite = t.register.sqlite;
    expect((sqlite.prepare("select sql from sqlite_master where name = 'petitions_words'").get() as { sql: string }).sql).toContain("prefix='1 2 3'");
    // The 0009 keying: rowid = id.
    const maxId = (sqlite.prepare('select max(id) as m from petitions').get() as { m: number }).m;
    expect(sqlite.prepare("select max(rowid) as m from petitions_words where petitions_words match '\"khieu\" *'").get()).toEqual({ m: expect.any(Number) });
    expect((sqlite.prepare('select max(rowid) as m from petitions_words').get() as { m: number }).m).toBe(maxId);

    await m0015.up(t.register.db);
    await m0018.up(t.register.db);
    expect((sqlite.prepare('select min(rowid) as m from petitions_words').get() as { m: number }).m).toBe(-maxId);
    expect(await answers()).toEqual(after);
    // The triggers of 0015 keep the index current: a new petition is found first, an edit re-indexes.
    const created = await t.client.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Nguyễn Văn Mới' })], summary: 'Đơn gửi sau khi nâng cấp' }));
    expect((await t.client.petitions.list({ search: 'nguyen', limit: 5 })).rows[0]!.id).toBe(created.id);
    expect((await sql<{ n: number }>`select count(*) as n from petitions_words where petitions_words match ${'"nang" * AND "cap" *'}`.execute(t.register.db)).rows[0]!.n).toBe(1);
  });
});

describe('a search within a period', () => {
  it('bounds the index by the period, the bounds cast to INTEGER (a bound the driver binds as REAL is ignored by FTS5, which then reads the index from its start)', async () => {
    const { captureStatements } = await import('../helpers/statements.ts');
    const all = (await t.client.petitions.list({ search: 'dat', limit: 200 })).rows;
    const mid = all[Math.floor(all.length / 2)]!;
    const { value, statements } = await captureStatements(t.register.sqlite, () => t.client.petitions.list({ search: 'dat', from: mid.receivedOn, to: mid.receivedOn, limit: 200 }));
    expect(value.rows.length).toBeGreaterThan(0);
    for (const r of value.rows) expect(r.receivedOn).toBe(mid.receivedOn);
    const bounded = statements.filter((s) => /petitions_words/.test(s.sql) && /rowid" >= /.test(s.sql));
    expect(bounded.length).toBeGreaterThan(0);
    for (const s of bounded) expect(s.sql).toMatch(/rowid" >= cast\(\? as integer\) and "w"\."rowid" <= cast\(\? as integer\)/);
    // What the driver does with a plain number, and what FTS5 then does with it (why the cast).
    expect(t.register.sqlite.prepare('select typeof(?) as t').get(5)).toEqual({ t: 'real' });
  });
});
