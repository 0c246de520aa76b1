// The petition search on its token index (migration 0009, db/search-index.ts): each typed word a
// prefix of a word of the record, quoted phrases, an exact petitioner name first, the total counted
// no further than 1,000 past the page, many matches straight from the index by order of entry, the
// denouncer's identity searchable only with the permission, and query plans that never read every
// petition. Results are checked against a reference computed independently over the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledQuery, KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { listPetitions, LIST_COUNT_CAP, SEARCH_EXACT_SORT } from '../../db/ops/petitions.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { parseSearch } from '../../db/search-index.ts';
import { petitionListSchema, type PetitionListInput, type PetitionPage } from '../../shared/domain/petition.ts';
import { fold } from '../../shared/text.ts';
import { DUC, person, petitionInput, updateInput } from '../helpers/intake.ts';
import { petregAsync } from '../helpers/petreg.ts';
import { onPostgres, rawAll, tempRegister, type TempRegister } from '../helpers/register.ts';

const TODAY = '2026-03-15';
const MANY = SEARCH_EXACT_SORT + 300;

let t: TempRegister;
let exactOld: number;
let denunciation: number;
let trangExact: number;
let trangOthers: number[];
let phrase: number;
let apart: number;

function list(input: PetitionListInput, seeProtected = false): Promise<PetitionPage> {
  return listPetitions(t.register.db, petitionListSchema.parse(input), TODAY, undefined, seeProtected);
}

/** Every id of a search, page by page, with each page's total. */
async function everything(input: PetitionListInput, seeProtected: boolean, pageSize: number): Promise<{ ids: number[]; pages: PetitionPage[] }> {
  const ids: number[] = [];
  const pages: PetitionPage[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await list({ ...input, offset, limit: pageSize }, seeProtected);
    pages.push(page);
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < pageSize) return { ids, pages };
    if (pages.length > 50) throw new Error(`runaway paging: ${JSON.stringify(input)} ${JSON.stringify(pages.slice(0, 3).map((p) => ({ ...p, rows: p.rows.map((r) => r.id) })))}`);
  }
}

beforeAll(async () => {
  t = await tempRegister();
  const c = t.client;
  // Lương Văn Tài, exactly: the oldest of thousands whose petitioner's name begins the same way.
  exactOld = (await c.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Lương Văn Tài' })], summary: 'Khiếu nại về ranh giới thửa đất' }))).id;
  // Written straight into the tables (both engines' triggers keep the search index), in chunks.
  const db = t.register.db;
  for (let from = 1; from <= MANY; from += 500) {
    const is = Array.from({ length: Math.min(500, MANY - from + 1) }, (_, k) => from + k);
    const petitions = await db
      .insertInto('petitions')
      .values(
        is.map((i) => ({
          year: 2025,
          seq: i,
          register_no: `2025/${String(i).padStart(6, '0')}`,
          received_on: '2025-06-02',
          channel: 'post',
          kind: 'complaint',
          field: 'land',
          signatories: 1,
          summary: `Khiếu nại việc cấp giấy chứng nhận lần ${i}`,
          search_folded: '',
          created_at: '2025-06-02T01:00:00Z',
          updated_at: '2025-06-02T01:00:00Z',
        })),
      )
      .returning('id')
      .execute();
    const names = is.map((i) => `Lương Văn Tài ${['Anh', 'Linh', 'Hậu'][i % 3]}`);
    const persons = await db
      .insertInto('persons')
      .values(names.map((name) => ({ full_name: name, full_name_folded: fold(name), id_number: null, address: 'xã Bình Sơn' })))
      .returning('id')
      .execute();
    await db
      .insertInto('petition_petitioners')
      .values(petitions.map((p, k) => ({ petition_id: p.id, position: 0, person_id: persons[k]!.id })))
      .execute();
  }
  // A denunciation by Lương Văn Tài, who repeats his name in the summary: found by it only with the permission.
  denunciation = (
    await c.petitions.create(
      petitionInput({ kind: 'denunciation', field: 'corruption', petitioners: [person({ fullName: 'Lương Văn Tài', idNumber: '051199001122' })], summary: 'Tôi là Lương Văn Tài, tố cáo cán bộ thuế nhận hối lộ' }),
    )
  ).id;
  // Few matches: the exact name first, then the chosen sort.
  trangExact = (await c.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [person({ fullName: 'Đinh Công Tráng' })] }))).id;
  trangOthers = [];
  for (const [receivedOn, name] of [['2026-03-03', 'Đinh Công Tráng Hai'], ['2026-03-04', 'Đinh Công Tráng Ba']] as const) {
    trangOthers.push((await c.petitions.create(petitionInput({ receivedOn, petitioners: [person({ fullName: name })] }))).id);
  }
  phrase = (await c.petitions.create(petitionInput({ petitioners: [DUC], summary: 'Tranh chấp ruộng muối giáp ranh thôn Hòa Vinh' }))).id;
  apart = (await c.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Võ Đai' })], summary: 'Đề nghị trả lại muối, ruộng đã mượn' }))).id;
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe('words are prefixes, quotes make a phrase', () => {
  it('each typed word is the beginning of a word of the record, in any order', async () => {
    for (const q of ['nguyen van d', 'ngu VAN đứ', 'duc nguyen', 'Nguyễn Văn Đức']) {
      expect((await list({ search: q })).rows.map((r) => r.id), q).toEqual([phrase]);
    }
    // A CCCD and a register number by their beginning.
    expect((await list({ search: '0510650' })).rows.map((r) => r.id)).toEqual([phrase]);
    const { registerNo } = await t.client.petitions.get({ id: apart }).then((d) => d.petition);
    expect((await list({ search: registerNo })).rows.map((r) => r.id)).toEqual([apart]);
    // Inside a word is not a match: "guyen" is no word's beginning.
    expect((await list({ search: 'guyen' })).total).toBe(0);
  });

  it('a quoted phrase needs its words side by side; an unclosed quote is a phrase still being typed', async () => {
    expect((await list({ search: 'ruong muoi' })).rows.map((r) => r.id).sort()).toEqual([phrase, apart].sort());
    expect((await list({ search: '"ruong muoi"' })).rows.map((r) => r.id)).toEqual([phrase]);
    expect((await list({ search: '“Ruộng muối”' })).rows.map((r) => r.id)).toEqual([phrase]);
    expect((await list({ search: '"muoi ruong"' })).rows.map((r) => r.id)).toEqual([apart]);
    expect((await list({ search: '"tranh chap ruo' })).rows.map((r) => r.id)).toEqual([phrase]);
    expect((await list({ search: '"ruong muoi giap ranh"' })).rows.map((r) => r.id)).toEqual([phrase]);
    expect((await list({ search: '"ruong giap"' })).total).toBe(0);
    expect((await list({ search: '"tranh" muoi' })).rows.map((r) => r.id)).toEqual([phrase]);
  });

  it('parses a search into an FTS5 query, and a text without words into nothing', () => {
    expect(parseSearch('Nguyễn  Văn "đất đai" 2026/00001')).toEqual({
      all: '"nguyen" * AND "van" * AND "dat dai" AND "2026 00001" *',
      open: '{open} : ("nguyen" * AND "van" * AND "dat dai" AND "2026 00001" *)',
      exactName: 'nguyen van dat dai 2026/00001',
      phrases: [
        { words: ['nguyen'], prefix: true },
        { words: ['van'], prefix: true },
        { words: ['dat', 'dai'], prefix: false },
        { words: ['2026', '00001'], prefix: true },
      ],
    });
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch(null)).toBeNull();
    for (const q of ['%', '_', '"', '" "', '*', 'AND', '(']) expect(q === 'AND' ? typeof parseSearch(q) : parseSearch(q), q).toBe(q === 'AND' ? 'object' : 'nothing');
    expect(parseSearch('AND OR NOT')).toMatchObject({ all: '"and" * AND "or" * AND "not" *' });
  });
});

describe('the first page at once', () => {
  it('an exact petitioner name comes first, then the chosen sort, when few match', async () => {
    const desc = await list({ search: 'dinh cong trang' });
    expect(desc.rows.map((r) => r.id)).toEqual([trangExact, ...[...trangOthers].reverse()]);
    expect(desc.total).toBe(3);
    expect(desc.orderedByEntry).toBeUndefined();
    const asc = await list({ search: 'Đinh Công Tráng', sort: 'receivedOn', direction: 'asc' });
    expect(asc.rows.map((r) => r.id)).toEqual([trangExact, ...trangOthers]);
    // Not a full name: the sort alone.
    expect((await list({ search: 'dinh cong trang hai' })).rows.map((r) => r.id)).toEqual([trangOthers[0]]);
  });

  it('many matches: counted up to 1,000 past the page, newest entry first, the exact name on top, every match once', async () => {
    const first = await list({ search: 'luong van tai' });
    expect(first.totalCapped).toBe(true);
    expect(first.orderedByEntry).toBe(true);
    expect(first.total).toBe(LIST_COUNT_CAP);
    expect(first.rows).toHaveLength(200);
    expect(first.rows[0]!.id).toBe(exactOld);

    // The reference: every petition with a petitioner whose name begins "luong van tai", not the denunciation.
    const reference = (
      await rawAll<{ id: number }>(
        t.register,
        `select distinct pp.petition_id id from persons x join petition_petitioners pp on pp.person_id = x.id where x.full_name_folded like 'luong van tai%' order by pp.petition_id desc`,
      )
    ).map((r) => r.id);
    expect(reference).toHaveLength(MANY + 2);
    const { ids, pages } = await everything({ search: 'luong van tai' }, false, 700);
    expect(ids).toEqual([exactOld, ...reference.filter((id) => id !== exactOld && id !== denunciation)]);
    // Each page counts further; the last one knows the total.
    for (const [i, page] of pages.entries()) {
      const seen = i * 700 + page.rows.length;
      expect(page.total).toBeGreaterThanOrEqual(seen);
      if (page.totalCapped) expect(page.total).toBe(page.offset + LIST_COUNT_CAP);
    }
    expect(pages.at(-1)!.totalCapped).toBeUndefined();
    expect(pages.at(-1)!.total).toBe(MANY + 1);

    // The oldest entry first with `asc`; the exact name still on top.
    const asc = await list({ search: 'luong van tai', direction: 'asc', limit: 3 });
    expect(asc.rows.map((r) => r.id)).toEqual([exactOld, ...reference.filter((id) => id !== exactOld).reverse().slice(0, 2)]);
  });

  it('few matches: a denunciation found by its own words is not put first by its denouncer\'s exact name', async () => {
    // Its summary begins words with what is typed (le*, van*, an*), none of them the denouncer's own.
    const accused = (
      await t.client.petitions.create(
        petitionInput({ kind: 'denunciation', field: 'corruption', petitioners: [person({ fullName: 'Lê Văn An' })], summary: 'Tố cáo lệnh thu tiền vàng của ông Trần Anh' }),
      )
    ).id;
    const later = (await t.client.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Lê Văn An Hai' })] }))).id;
    expect((await list({ search: 'le van an' })).rows.map((r) => r.id)).toEqual([later, accused]);
    expect((await list({ search: 'le van an' }, true)).rows.map((r) => r.id)).toEqual([accused, later]);
  });

  it('many matches without a filter: each page is the one the filtered query gives, across the exact names and the rest', async () => {
    // Unfiltered, the page comes from the ids already read from the index (newest first); a
    // filter every petition passes sends the same search through the queries instead.
    const everyone = { from: '2000-01-01' } as const;
    for (const seeProtected of [false, true])
      for (const direction of ['desc', 'asc'] as const)
        for (const [offset, limit] of [[0, 1], [1, 1], [2, 1], [0, 2], [1, 200], [690, 700], [1300, 700], [1999, 5]] as const) {
          const input: PetitionListInput = { search: 'luong van tai', direction, offset, limit };
          const unfiltered = await list(input, seeProtected);
          const filtered = await list({ ...input, ...everyone }, seeProtected);
          const label = JSON.stringify({ ...input, seeProtected });
          expect(unfiltered.rows.map((r) => r.id), label).toEqual(filtered.rows.map((r) => r.id));
          expect(unfiltered.total, label).toBe(filtered.total);
          expect(unfiltered.rows, label).toHaveLength(limit);
        }
  });

  it('the filters hold with many matches, and a period bounds the index', async () => {
    const complaints2025 = await everything({ search: 'luong', from: '2025-01-01', to: '2025-12-31', kind: 'complaint' }, false, 1000);
    expect(complaints2025.ids).toHaveLength(MANY);
    expect(complaints2025.pages.at(-1)!.total).toBe(MANY);
    expect((await list({ search: 'luong', from: '2024-01-01', to: '2024-12-31' })).total).toBe(0);
    expect((await list({ search: 'luong', kind: 'recommendation' })).total).toBe(0);
  });

  it('a denunciation is never found, nor put first, by its denouncer\'s name without the permission', async () => {
    for (const q of ['luong van tai', 'Lương Văn Tài', '051199001122', 'toi la luong van tai', '"luong van tai"']) {
      const { ids } = await everything({ search: q }, false, 1000);
      expect(ids, q).not.toContain(denunciation);
    }
    // By its own words, anyone finds it; with the permission, by the name too, among the exact names first.
    expect((await list({ search: 'to cao can bo thue' })).rows.map((r) => r.id)).toEqual([denunciation]);
    expect((await list({ search: '051199001122' }, true)).rows.map((r) => r.id)).toEqual([denunciation]);
    const permitted = await list({ search: 'luong van tai', limit: 2 }, true);
    expect(permitted.rows.map((r) => r.id)).toEqual([denunciation, exactOld]);
    expect((await list({ search: 'toi la luong van tai' }, true)).rows.map((r) => r.id)).toEqual([denunciation]);
  });
});

describe('petreg search', () => {
  it('says "more than" when it stopped counting, and how the results are ordered', async () => {
    const r = await petregAsync(['search', 'luong', 'van', 'tai', '--limit', '2', '--db', t.path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2026\/000001 {2}15\/03\/2026 {2}Lương Văn Tài {2}/);
    expect(lines.slice(2)).toEqual([
      `… còn hơn ${LIST_COUNT_CAP - 2} đơn khác khớp (tổng hơn ${LIST_COUNT_CAP}); gõ thêm chữ để thu hẹp, hoặc dùng --limit để xem thêm.`,
      '(Nhiều đơn khớp: xếp người đứng đơn trùng đúng họ tên lên đầu, sau đó đơn vào sổ sau trước.)',
    ]);
    const json = JSON.parse((await petregAsync(['search', 'dinh cong trang', '--json', '--db', t.path])).stdout) as { petitioner_names: string }[];
    expect(json.map((x) => x.petitioner_names)).toEqual(['Đinh Công Tráng', 'Đinh Công Tráng Ba', 'Đinh Công Tráng Hai']);
  }, 60_000);
});

describe('the index stays current', () => {
  it('follows an edit of the summary, the petitioner and the kind', async () => {
    const created = await t.client.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Tạ Quang Bửu' })], summary: 'Kiến nghị sửa đường liên thôn' }));
    expect((await list({ search: 'ta quang buu duong' })).rows.map((r) => r.id)).toEqual([created.id]);
    const edited = await t.client.petitions.update(updateInput(created, { summary: 'Kiến nghị nạo vét kênh mương' }));
    expect((await list({ search: 'ta quang buu duong' })).total).toBe(0);
    expect((await list({ search: 'ta quang buu kenh' })).rows.map((r) => r.id)).toEqual([created.id]);
    const renamed = await t.client.petitions.update(updateInput(edited, { petitioners: [person({ fullName: 'Tạ Quang Bình' })] }));
    expect((await list({ search: 'ta quang buu' })).total).toBe(0);
    expect((await list({ search: 'ta quang binh' })).rows.map((r) => r.id)).toEqual([created.id]);
    // Becoming a denunciation hides it from a search by the petitioner's name.
    await t.client.petitions.update(updateInput(renamed, { kind: 'denunciation', field: 'corruption' }));
    expect((await list({ search: 'ta quang binh' })).total).toBe(0);
    expect((await list({ search: 'ta quang binh' }, true)).rows.map((r) => r.id)).toEqual([created.id]);
    expect((await list({ search: 'nao vet kenh' })).rows.map((r) => r.id)).toEqual([created.id]);
  });

  it('a denunciation in a second content protects the petitioner from the start', async () => {
    const p = await t.client.petitions.create(
      petitionInput({
        petitioners: [person({ fullName: 'Mạc Thị Bưởi' })],
        summary: 'Khiếu nại quyết định thu hồi đất',
        contents: [{ kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính' }],
      }),
    );
    expect((await list({ search: 'mac thi buoi' })).total).toBe(0);
    expect((await list({ search: 'mac thi buoi' }, true)).rows.map((r) => r.id)).toEqual([p.id]);
  });
});

// SQLite's query plans (EXPLAIN QUERY PLAN of its FTS5 index); PostgreSQL's planner is its own.
describe.skipIf(onPostgres)('query plans', () => {
  /** The statements a call runs, compiled by Kysely as it sends them. */
  async function statements(run: (db: TempRegister['register']['db']) => Promise<unknown>): Promise<CompiledQuery[]> {
    const nodes: { node: RootOperationNode; queryId: Parameters<KyselyPlugin['transformQuery']>[0]['queryId'] }[] = [];
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        nodes.push(args);
        return args.node;
      },
      transformResult: async (args): Promise<QueryResult<UnknownRow>> => args.result,
    };
    const db = t.register.db.withPlugin(plugin);
    await run(db);
    return nodes.map((n) => t.register.db.getExecutor().compileQuery(n.node, n.queryId));
  }

  it.each([
    ['many matches', { search: 'luong' }],
    ['many matches, receivedOn asc, offset', { search: 'luong van', sort: 'receivedOn', direction: 'asc', offset: 1500 }],
    ['an exact name among many', { search: 'luong van tai' }],
    ['few matches', { search: 'dinh cong trang' }],
    ['search, kind and month', { search: 'dat dai', kind: 'complaint', from: '2026-03-01', to: '2026-03-31' }],
    ['one letter', { search: 'n' }],
  ] as [string, PetitionListInput][])('%s: no full scan of petitions, persons or petitioners', async (_label, input) => {
    for (const see of [false, true]) {
      const compiled = await statements((db) => listPetitions(db, petitionListSchema.parse(input), TODAY, undefined, see));
      expect(compiled.length).toBeGreaterThan(1);
      const plans = compiled.map((q) => ({
        sql: q.sql,
        plan: (t.register.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail),
      }));
      expect(plans.some((p) => p.plan.some((d) => /VIRTUAL TABLE INDEX/.test(d)))).toBe(true);
      for (const p of plans) {
        for (const d of p.plan) expect(d, p.sql).not.toMatch(/^SCAN (petitions|persons|petition_petitioners|p|k|x|pp)\b/);
      }
    }
  });
});

// A migration of a SQLite schema: a PostgreSQL register is made at schema 15 at once.
describe.skipIf(onPostgres)('migration 0009-search-tokens', () => {
  it('indexes the petitions already registered: found by their words, a denouncer only with the permission', async () => {
    // Petitions written by today's operations, then the register taken back to before 0009 (the
    // later migrations that rebuild the index or replace one it made, then 0009 itself, undone)
    // and brought forward again.
    const reg = await tempRegister();
    try {
      const ordinary = await reg.client.petitions.create(petitionInput({ petitioners: [person({ fullName: 'Hà Văn Mạnh' })], summary: 'Khiếu nại về tiền bồi thường đất đai' }));
      const denounced = await reg.client.petitions.create(
        petitionInput({ kind: 'denunciation', field: 'corruption', petitioners: [person({ fullName: 'Hà Văn Mạnh', idNumber: '051180002020' })], summary: 'Tôi, Hà Văn Mạnh, tố cáo chủ tịch xã lập khống hồ sơ' }),
      );
      const migration = (name: string) => MIGRATIONS.find(([n]) => n === name)![1];
      await migration('0018-first-content-index').down!(reg.register.db);
      await migration('0015-search-newest-first').down!(reg.register.db);
      await migration('0009-search-tokens').down!(reg.register.db);
      expect(reg.register.sqlite.prepare("select count(*) n from sqlite_master where name = 'petitions_words'").get()).toEqual({ n: 0 });
      await migration('0009-search-tokens').up(reg.register.db);
      await migration('0015-search-newest-first').up(reg.register.db);
      await migration('0018-first-content-index').up(reg.register.db);
      const find = (search: string, see: boolean) => listPetitions(reg.register.db, petitionListSchema.parse({ search }), TODAY, undefined, see).then((p) => p.rows.map((r) => r.id));
      expect(await find('ha van manh', false)).toEqual([ordinary.id]);
      expect((await find('ha van manh', true)).sort()).toEqual([ordinary.id, denounced.id].sort());
      expect(await find('051180002020', false)).toEqual([]);
      expect(await find('lap khong ho so', false)).toEqual([denounced.id]);
      expect(await find('tien boi thuong', false)).toEqual([ordinary.id]);
    } finally {
      await reg.cleanup();
    }
  });
});
