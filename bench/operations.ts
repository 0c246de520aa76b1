// What the bench times: the calls an officer's screens make, with the inputs an officer types (the
// first letters of a common name, letter by letter; not a rare full name), and for each the best
// query written by hand on raw better-sqlite3 for the same answer.
import type Database from 'better-sqlite3';
import type { ApiServer } from '../db/api/server.ts';
import type { Register } from '../db/register.ts';
import type { MethodName } from '../shared/api/contract.ts';
import { fold } from '../shared/text.ts';
import { addDays } from '../shared/calendar/dates.ts';
import { vietnamDate } from '../shared/domain/dates.ts';
import { prng } from './generate.ts';
import { parseSearch } from '../db/search-index.ts';
import { AUDIT_GENESIS, auditHash } from '../db/audit.ts';
import { calendarOfContent, type CalendarContent } from '../db/ops/holidays.ts';
import { petitionDeadlineSpans, petitionDeadlinesOn } from '../db/ops/notices.ts';
import { deriveStatus } from '../shared/domain/workflow.ts';

export interface BenchContext {
  api: ApiServer;
  register: Register;
  /** A raw better-sqlite3 handle on the same file, for the hand-written queries. */
  raw: Database.Database;
  size: number;
  dir: string;
}

export interface Operation {
  name: string;
  /** The target at 1,000,000 petitions, as the issue states it. */
  target: string;
  targetMs?: number;
  /** Calls (default: BENCH_CALLS). */
  calls?: number;
  inputs(ctx: BenchContext, calls: number): unknown[];
  register(ctx: BenchContext, input: unknown): Promise<unknown>;
  raw?(ctx: BenchContext, input: unknown): unknown;
  /** Whether the register's answer and the raw one agree (checked on every call, untimed; a write reads what each side wrote). */
  same?(registerAnswer: unknown, rawAnswer: unknown, ctx: BenchContext): boolean;
  /** The target as a ratio to the raw query (p50), where the issue states it so. */
  ratioTarget?: number;
  /**
   * No query by hand: the raw side replays, on the raw handle, the very statements the register
   * ran for that input (captured in an untimed call), so the ratio is the cost of our layers.
   */
  replay?: boolean;
  /** A word on the answers, printed beside the figures. */
  describe?(answer: unknown): string;
  /**
   * The operation writes: the register and the raw handle are two connections to one file, and a
   * commit on one empties the other's page cache (SQLite sees the file changed). Call by call, each
   * side would be timed cold every time, which no desk is (its one connection keeps its cache);
   * so a writing operation alternates in blocks of calls (bench/run.ts WRITE_BLOCK).
   */
  writes?: boolean;
}

async function call(ctx: BenchContext, method: MethodName, input: unknown): Promise<unknown> {
  const result = await ctx.api.call(method, input as never);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/**
 * Whether two saved petitions are the same rows but for what each save makes its own (ids, register
 * number, times, the actor): the petition, its content, matter, petitioners (person and citizen)
 * and the petition as its audit row holds it. The intake's raw must write what the register writes.
 */
function sameSavedRows(ctx: BenchContext, a: number, b: number): boolean {
  const q = cached(ctx, 'saved rows', () => ({
    petition: ctx.raw.prepare('select * from petitions where id = ?'),
    contents: ctx.raw.prepare('select * from petition_contents where petition_id = ? order by position'),
    matters: ctx.raw.prepare('select m.* from matters m join petition_contents c on c.matter_id = m.id where c.petition_id = ? order by c.position'),
    persons: ctx.raw.prepare('select x.* from persons x join petition_petitioners pp on pp.person_id = x.id where pp.petition_id = ? order by pp.position'),
    citizens: ctx.raw.prepare('select z.* from citizens z join persons x on x.citizen_id = z.id join petition_petitioners pp on pp.person_id = x.id where pp.petition_id = ? order by pp.position'),
    audit: ctx.raw.prepare("select after_json from audit_log where entity = 'petition' and entity_id = ? and action = 'create'").pluck(),
  }));
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([k]) => !OWN_TO_EACH_SAVE.has(k)).map(([k, v]) => [k, strip(v)]))
        : value;
  const read = (id: number) =>
    JSON.stringify(
      strip({
        petition: q.petition.all(id),
        contents: q.contents.all(id),
        matters: q.matters.all(id),
        persons: q.persons.all(id),
        citizens: q.citizens.all(id),
        audit: (q.audit.all(String(id)) as string[]).map((j) => JSON.parse(j) as unknown),
      }),
    );
  return read(a) === read(b);
}

/** What each save makes its own (ids, numbers, times), as columns and as the audited record's keys. */
const OWN_TO_EACH_SAVE = new Set(['id', 'seq', 'register_no', 'search_folded', 'created_at', 'updated_at', 'petition_id', 'matter_id', 'citizen_id', 'registerNo', 'createdAt', 'updatedAt', 'citizenId']);

const memo = new WeakMap<BenchContext, Map<string, unknown>>();
function cached<T>(ctx: BenchContext, key: string, make: () => T): T {
  let m = memo.get(ctx);
  if (!m) memo.set(ctx, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** Every prefix of `text` from `min` characters, as it grows under the officer's fingers. */
function keystrokes(text: string, min: number): string[] {
  const out: string[] = [];
  for (let i = min; i <= text.length; i++) {
    const typed = text.slice(0, i);
    if (!typed.endsWith(' ')) out.push(typed);
  }
  return out;
}

function fill<T>(pool: T[], calls: number): T[] {
  return Array.from({ length: calls }, (_, i) => pool[i % pool.length]!);
}

/** Petitioners' names as they are in the register, drawn at random (so mostly common ones). */
function sampleNames(ctx: BenchContext, n: number, seed: number): string[] {
  const random = prng(seed);
  const maxId = (ctx.raw.prepare('select max(id) as m from persons').get() as { m: number }).m;
  const get = ctx.raw.prepare('select full_name from persons where id >= ? order by id limit 1');
  const names: string[] = [];
  while (names.length < n) {
    const row = get.get(1 + Math.floor(random() * maxId)) as { full_name: string } | undefined;
    if (row) names.push(row.full_name);
  }
  return names;
}

function today(ctx: BenchContext): string {
  return vietnamDate(ctx.register.now());
}

interface PageAnswer {
  total: number;
  rows: { id: number }[];
}

const samePage = (a: unknown, b: unknown) => {
  const x = a as PageAnswer;
  const y = b as number[];
  return x.rows.length === y.length && x.rows.every((r, i) => r.id === y[i]);
};

/**
 * The petition list's query by hand: page of ids, newest register number first, with the same
 * filters, and the count stopped past 1,000 (the list's cap; the exact total is asked after).
 */
function rawList(ctx: BenchContext, where: string, params: unknown[], limit = 200): number[] {
  const s = cached(ctx, `list:${where}:${limit}`, () => ({
    page: ctx.raw.prepare(
      `select p.id, p.register_no, p.received_on, p.channel, p.kind, p.field, p.summary, p.stage, p.due_on,
        (select group_concat(x.full_name, ', ') from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id) as names
       from petitions p ${where ? `where ${where}` : ''} order by p.year desc, p.seq desc limit ${limit}`,
    ),
    count: ctx.raw.prepare(`select count(*) as n from (select 1 from petitions p ${where ? `where ${where}` : ''} limit 1001)`),
  }));
  const ids = (s.page.all(...params) as { id: number }[]).map((r) => r.id);
  s.count.get(...params);
  return ids;
}

/**
 * The search by hand: petitions of a petitioner named exactly as typed first, then the index's
 * matches newest first, the page's rows with their names, and the count stopped past 1,000.
 */
function rawSearch(ctx: BenchContext, input: unknown): number[] {
  const { search } = input as { search: string };
  const parsed = parseSearch(search);
  if (parsed === null || parsed === 'nothing') return [];
  const s = cached(ctx, 'search', () => ({
    exact: ctx.raw.prepare(
      `select pp.petition_id as id from persons x join petition_petitioners pp on pp.person_id = x.id
       where x.full_name_folded = ? and not exists (select 1 from petitions p where p.id = pp.petition_id and (p.kind = 'denunciation' or exists (select 1 from petition_contents c where c.petition_id = p.id and c.kind = 'denunciation')))
       order by pp.petition_id desc limit 200`,
    ),
    page: ctx.raw.prepare('select -rowid as id from petitions_words where petitions_words match ? order by rowid limit 200'),
    count: ctx.raw.prepare('select count(*) as n from (select rowid from petitions_words where petitions_words match ? limit 1001)'),
    rows: ctx.raw.prepare(
      `select p.id, p.register_no, p.received_on, p.channel, p.kind, p.field, p.summary, p.stage, p.due_on,
        (select group_concat(x.full_name, ', ') from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id) as names
       from petitions p where p.id in (select value from json_each(?))`,
    ),
  }));
  const exact = (s.exact.all(parsed.exactName) as { id: number }[]).map((r) => r.id);
  const seen = new Set(exact);
  const ids = [...exact, ...(s.page.all(parsed.open) as { id: number }[]).map((r) => r.id).filter((id) => !seen.has(id))].slice(0, 200);
  s.count.get(parsed.open);
  s.rows.all(JSON.stringify(ids));
  return ids;
}

/** Calendar years of the register's ten, the last one up to today. */
function yearsOf(ctx: BenchContext, calls: number): { from: string; to: string }[] {
  return Array.from({ length: calls }, (_, i) => ({ from: `${2017 + (i % 10)}-01-01`, to: `${2017 + (i % 10)}-12-31` > today(ctx) ? today(ctx) : `${2017 + (i % 10)}-12-31` }));
}

const SEARCH_PHRASES = ['dat dai', 'boi thuong', 'thu hoi dat', 'tai dinh cu', 'giay chung nhan', 'ubnd xa', 'khieu nai'];

/** An official report form over a year ending mid-December, one year after another (20 calls). */
function yearlyReport(form: string, name: string): Operation {
  return {
    name,
    replay: true,
    target: '< 300 ms',
    targetMs: 300,
    calls: 20,
    inputs: (ctx, calls) =>
      Array.from({ length: calls }, (_, i) => {
        const to = `${2017 + (i % 10)}-12-14`;
        return { form, from: `${2016 + (i % 10)}-12-15`, to: to > today(ctx) ? today(ctx) : to };
      }),
    register: (ctx, input) => call(ctx, 'reports.get', input),
  };
}

export const OPERATIONS: Operation[] = [
  {
    name: 'search as you type, 3+ letters (common names, words, ID digits)',
    target: '< 30 ms',
    targetMs: 30,
    inputs(ctx, calls) {
      const names = sampleNames(ctx, 40, 7).map(fold);
      const pool = [...names.flatMap((n) => keystrokes(n, 3)), ...SEARCH_PHRASES.flatMap((p) => keystrokes(p, 3)), ...keystrokes('051065', 3), ...keystrokes('2026/0001', 3)];
      return fill(pool, calls).map((search) => ({ search, limit: 200 }));
    },
    register: (ctx, input) => call(ctx, 'petitions.list', input),
    raw: rawSearch,
  },
  {
    name: 'search as you type, 1–2 letters',
    target: '< 30 ms',
    targetMs: 30,
    inputs: (_ctx, calls) => fill(['n', 'ng', 't', 'th', 'l', 'le', 'd', 'da', 'h', 'ph', '0', '05'], calls).map((search) => ({ search, limit: 200 })),
    register: (ctx, input) => call(ctx, 'petitions.list', input),
    raw: rawSearch,
  },
  {
    name: 'petition list, filter by channel',
    target: '< 30 ms',
    targetMs: 30,
    inputs: (_ctx, calls) => fill(['online', 'post', 'forwarded', 'mailbox', 'in_person'], calls).map((channel) => ({ channel, limit: 200 })),
    register: (ctx, input) => call(ctx, 'petitions.list', input),
    raw: (ctx, input) => rawList(ctx, 'p.channel = ?', [(input as { channel: string }).channel]),
    same: samePage,
  },
  {
    name: 'exact total of a channel (petitions.count, asked after the list shows its page)',
    target: '—',
    inputs: (_ctx, calls) => fill(['online', 'post', 'forwarded', 'mailbox', 'in_person'], calls).map((channel) => ({ channel })),
    register: (ctx, input) => call(ctx, 'petitions.count', input),
    raw(ctx, input) {
      const s = cached(ctx, 'countChannel', () => ctx.raw.prepare('select count(*) as n from petitions where channel = ?'));
      return { total: (s.get((input as { channel: string }).channel) as { n: number }).n };
    },
    same: (a, b) => (a as { total: number }).total === (b as { total: number }).total,
  },
  {
    name: 'list + search "dat dai" + kind + month',
    target: '< 30 ms',
    targetMs: 30,
    inputs(ctx, calls) {
      const random = prng(11);
      const end = today(ctx);
      return Array.from({ length: calls }, () => {
        const year = 2017 + Math.floor(random() * 10);
        const month = 1 + Math.floor(random() * 12);
        const from = `${year}-${String(month).padStart(2, '0')}-01`;
        const to = addDays(`${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`, -1);
        return { search: 'dat dai', kind: random() < 0.5 ? 'complaint' : 'recommendation', from: from > end ? end : from, to: to > end ? end : to, limit: 200 };
      });
    },
    register: (ctx, input) => call(ctx, 'petitions.list', input),
    raw(ctx, input) {
      const { kind, from, to } = input as { kind: string; from: string; to: string };
      const parsed = parseSearch('dat dai') as { open: string };
      // The month's first and last id bound the index (keyed by -id), as integers (FTS5 ignores a
      // REAL rowid bound); then the page, the index outside.
      const s = cached(ctx, 'searchKindMonth', () => ({
        bounds: ctx.raw.prepare('select min(id) as lo, max(id) as hi from petitions where received_on between ? and ?'),
        page: ctx.raw.prepare(
          `select p.id, p.register_no, p.received_on, p.summary, p.stage, p.due_on,
             (select group_concat(x.full_name, ', ') from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id) as names
           from petitions_words w cross join petitions p
           where petitions_words match ? and w.rowid between ? and ? and p.id = -w.rowid and p.received_on between ? and ? and p.kind = ?
           order by p.year desc, p.seq desc limit 200`,
        ),
      }));
      const { lo, hi } = s.bounds.get(from, to) as { lo: number | null; hi: number | null };
      if (lo === null || hi === null) return [];
      return (s.page.all(parsed.open, BigInt(-hi), BigInt(-lo), from, to, kind) as { id: number }[]).map((r) => r.id);
    },
    same: samePage,
  },
  {
    name: 'to-do counts (todo.counts, on every screen change)',
    target: '< 10 ms',
    targetMs: 10,
    inputs: (_ctx, calls) => fill([undefined], calls),
    register: (ctx) => call(ctx, 'todo.counts', undefined),
    raw(ctx) {
      const day = today(ctx);
      const s = cached(ctx, 'todo', () =>
        ctx.raw.prepare(
          `select (select count(*) from petitions where stage in ('awaiting_classification', 'awaiting_decision') and due_on < ?) as overdue,
             (select count(*) from petitions where stage in ('awaiting_classification', 'awaiting_decision') and due_on = ?) as today,
             (select count(*) from petitions where stage in ('awaiting_classification', 'awaiting_decision') and due_on > ? and due_on <= ?) as week,
             (select count(*) from petitions where stage = 'forwarded' and reply_due_on < ?) as reply`,
        ),
      );
      const r = s.get(day, day, day, addDays(day, 7), day) as { overdue: number; reply: number };
      return r;
    },
    same: (a, b) => (a as { counts: { overdue: number; replyOverdue: number } }).counts.overdue === (b as { overdue: number }).overdue && (a as { counts: { replyOverdue: number } }).counts.replyOverdue === (b as { reply: number }).reply,
    describe: (a) => `${(a as { counts: { total: number } }).counts.total} in the to-do list`,
  },
  {
    name: 'Việc cần làm screen (todo.summary: counts and 4 lists)',
    target: '—',
    calls: 50,
    replay: true,
    inputs: (_ctx, calls) => fill([undefined], calls),
    register: (ctx) => call(ctx, 'todo.summary', undefined),
  },
  {
    name: 'petition detail (petitions.get)',
    replay: true,
    target: '< 10 ms',
    targetMs: 10,
    inputs(ctx, calls) {
      const random = prng(13);
      const max = (ctx.raw.prepare('select max(id) as m from petitions').get() as { m: number }).m;
      return Array.from({ length: calls }, () => ({ id: 1 + Math.floor(random() * max) }));
    },
    register: (ctx, input) => call(ctx, 'petitions.get', input),
  },
  {
    name: 'citizen lookup at intake, per keystroke',
    replay: true,
    target: '< 20 ms',
    targetMs: 20,
    inputs(ctx, calls) {
      const names = sampleNames(ctx, 30, 17);
      const idRows = ctx.raw.prepare("select id_number from citizens where id_number is not null and id % 997 = 1 limit 10").all() as { id_number: string }[];
      const pool = [...names.flatMap((n) => keystrokes(n, 2)), ...idRows.flatMap((r) => keystrokes(r.id_number, 3))];
      return fill(pool, calls).map((query) => ({ query, limit: 8 }));
    },
    register: (ctx, input) => call(ctx, 'citizens.search', input),
  },
  {
    name: '"same matter?" suggestions, rare name',
    replay: true,
    target: '< 30 ms',
    targetMs: 30,
    inputs(ctx, calls) {
      // Names that occur once among the citizens (a rare full name), with the summary typed so far.
      const rows = ctx.raw
        .prepare('select full_name from citizens where id % 101 = 3 group by full_name_folded having count(*) = 1 limit 40')
        .all() as { full_name: string }[];
      const summary = 'Khiếu nại quyết định thu hồi đất của UBND xã';
      return fill(rows, calls).map((r, i) => ({ petitioners: [{ fullName: r.full_name }], summary: summary.slice(0, 10 + (i % 30)), limit: 9 }));
    },
    register: (ctx, input) => call(ctx, 'matters.suggest', input),
  },
  {
    // As the screen asks it: the breakdown by commune comes from its own tab (next row).
    name: 'statistics of a year (stats.get)',
    replay: true,
    target: '< 300 ms',
    targetMs: 300,
    calls: 30,
    inputs: (ctx, calls) => yearsOf(ctx, calls).map((p) => ({ ...p, communes: false })),
    register: (ctx, input) => call(ctx, 'stats.get', input),
  },
  {
    name: 'statistics of a year by commune (stats.communes, its tab)',
    replay: true,
    target: '< 300 ms',
    targetMs: 300,
    calls: 30,
    inputs: (ctx, calls) => yearsOf(ctx, calls),
    register: (ctx, input) => call(ctx, 'stats.communes', input),
  },
  {
    name: 'statistics charts: 12 months by kind (stats.monthly, one call)',
    replay: true,
    target: '< 300 ms',
    targetMs: 300,
    calls: 30,
    inputs: (ctx, calls) =>
      Array.from({ length: calls }, (_, i) => {
        const year = 2017 + (i % 9);
        return { months: Array.from({ length: 12 }, (_, m) => ({ from: `${year}-${String(m + 1).padStart(2, '0')}-01`, to: addDays(m === 11 ? `${year + 1}-01-01` : `${year}-${String(m + 2).padStart(2, '0')}-01`, -1) })) };
      }),
    register: (ctx, input) => call(ctx, 'stats.monthly', input),
  },
  yearlyReport('01/XLD', 'official report 01/XLD of a year (reports.get)'),
  // 01/XLD counts its matters whole; 02/XLD splits them by field, state and result, so each
  // matter is ranked by its latest petition: the costlier form, measured beside it.
  yearlyReport('02/XLD', 'official report 02/XLD (complaints by field, state, result) of a year'),
  {
    name: 'intake save (petitions.create), FULL sync',
    target: '≤ 1.5 × raw',
    ratioTarget: 1.5,
    writes: true,
    inputs(ctx, calls) {
      const names = sampleNames(ctx, calls, 19);
      const day = today(ctx);
      return names.map((fullName, i) => ({
        receivedOn: day,
        channel: 'post',
        kind: 'complaint',
        field: 'land',
        petitioners: [{ fullName, address: 'Thôn An Phú, xã Tịnh Khê' }],
        subject: 'UBND xã Tịnh Khê',
        summary: `Khiếu nại quyết định thu hồi đất số ${i}/QĐ-UBND của UBND xã Tịnh Khê`,
      }));
    },
    register: (ctx, input) => call(ctx, 'petitions.create', input),
    raw(ctx, input) {
      // The same rows by hand, as the register writes them (checked by `same` below): the citizen and
      // the person, the petition with its number and its deadlines counted on the holiday calendar
      // (read in the transaction), the link, its matter and content, and its audit row holding the
      // petition as saved, chained by hash, in one durable transaction.
      const p = input as { receivedOn: string; petitioners: { fullName: string; address: string }[]; summary: string; subject: string };
      const s = cached(ctx, 'intake', () => ({
        seq: ctx.raw.prepare('select coalesce(max(seq), 0) + 1 as n from petitions where year = ?').pluck(),
        calendar: ctx.raw.prepare(
          `select (select string_agg(date, ',' order by date) from holidays where date >= @from and date <= @to) as off,
             (select string_agg(date, ',' order by date) from worked_days where date >= @from and date <= @to) as worked,
             (select string_agg(cast(year as text), ',' order by year) from holiday_years where year >= @fromYear and year <= @toYear) as years`,
        ),
        // A petitioner without an ID is a new citizen (db/ops/persons.ts savePerson), then the snapshot.
        citizen: ctx.raw.prepare('insert into citizens (full_name, full_name_folded, address, created_at, updated_at) values (?, ?, ?, ?, ?)'),
        person: ctx.raw.prepare('insert into persons (full_name, full_name_folded, address, citizen_id) values (?, ?, ?, ?)'),
        petition: ctx.raw.prepare(
          `insert into petitions (year, seq, register_no, received_on, channel, kind, field, signatories, subject, subject_folded, summary, search_folded, stage, due_on, step, step_due_on, created_at, updated_at)
           values (?, ?, ?, ?, 'post', 'complaint', 'land', 1, ?, ?, ?, ?, 'awaiting_classification', ?, ?, ?, ?, ?)`,
        ),
        link: ctx.raw.prepare('insert into petition_petitioners (petition_id, position, person_id) values (?, 0, ?)'),
        matter: ctx.raw.prepare("insert into matters (kind, field, title, title_folded, first_seen_on, seen_before, created_at, updated_at) values ('complaint', 'land', ?, ?, ?, 0, ?, ?)"),
        content: ctx.raw.prepare("insert into petition_contents (petition_id, position, matter_id, kind, field, summary, needs_split, step, step_due_on) values (?, 0, ?, 'complaint', 'land', ?, 0, ?, ?)"),
        lastAudit: ctx.raw.prepare('select id, hash from audit_log order by id desc limit 1'),
        audit: ctx.raw.prepare(
          'insert into audit_log (id, at, actor_id, actor_name, action, entity, entity_id, before_json, after_json, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
      }));
      const now = new Date().toISOString();
      const year = Number(p.receivedOn.slice(0, 4));
      return ctx.raw
        .transaction(() => {
          const seq = s.seq.get(year) as number;
          const registerNo = `${year}/${String(seq + 1_000_000).padStart(6, '0')}r`;
          const calendars = petitionDeadlineSpans('complaint', p.receivedOn).map(([fromYear, toYear]) =>
            calendarOfContent(fromYear, toYear, s.calendar.get({ from: `${fromYear}-01-01`, to: `${toYear}-12-31`, fromYear, toYear }) as CalendarContent),
          );
          const deadlines = petitionDeadlinesOn('complaint', p.receivedOn, calendars);
          const petitioner = p.petitioners[0]!;
          const citizen = Number(s.citizen.run(petitioner.fullName, fold(petitioner.fullName), petitioner.address, now, now).lastInsertRowid);
          const person = Number(s.person.run(petitioner.fullName, fold(petitioner.fullName), petitioner.address, citizen).lastInsertRowid);
          const folded = fold(`${registerNo} ${petitioner.fullName} ${p.subject} ${p.summary}`);
          const id = Number(
            s.petition.run(year, seq + 1_000_000, registerNo, p.receivedOn, p.subject, fold(p.subject), p.summary, folded, deadlines.due_on, deadlines.step, deadlines.step_due_on, now, now)
              .lastInsertRowid,
          );
          s.link.run(id, person);
          const matter = Number(s.matter.run(p.summary.slice(0, 200), fold(p.summary.slice(0, 200)), p.receivedOn, now, now).lastInsertRowid);
          s.content.run(id, matter, p.summary, deadlines.step, deadlines.step_due_on);
          // The audit row with the petition as saved (db/ops/petitions.ts toPetition), chained to the previous one (db/audit.ts).
          const saved = {
            id,
            registerNo,
            receivedOn: p.receivedOn,
            channel: 'post',
            visitId: null,
            forwardedBy: null,
            writtenOn: null,
            kind: 'complaint',
            field: 'land',
            signatories: 1,
            petitioners: [{ citizenId: citizen, fullName: petitioner.fullName, idNumber: null, birthYear: null, gender: null, phone: null, address: petitioner.address, communeCode: null }],
            subject: p.subject,
            summary: p.summary,
            status: deriveStatus('awaiting_classification', deadlines.due_on, null, p.receivedOn),
            stage: 'awaiting_classification',
            dueOn: deadlines.due_on,
            replyDueOn: null,
            createdAt: now,
            updatedAt: now,
          };
          const last = s.lastAudit.get() as { id: number; hash: string } | undefined;
          const prevHash = last?.hash ?? AUDIT_GENESIS;
          const row = {
            id: (last?.id ?? 0) + 1,
            at: now,
            actor_id: null,
            actor_name: 'bench',
            action: 'create',
            entity: 'petition',
            entity_id: String(id),
            before_json: null,
            after_json: JSON.stringify(saved),
          };
          s.audit.run(row.id, row.at, row.actor_id, row.actor_name, row.action, row.entity, row.entity_id, row.before_json, row.after_json, prevHash, auditHash(prevHash, row));
          return id;
        })
        .immediate();
    },
    same(registerAnswer, rawAnswer, ctx) {
      return sameSavedRows(ctx, (registerAnswer as { id: number }).id, rawAnswer as number);
    },
  },
];
