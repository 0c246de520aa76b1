// EXPLAIN QUERY PLAN of every statement a screen runs. Each read API method a screen calls is
// called on a register with a demo year of records (tests capture the SQL Kysely sends, with its
// parameters, by wrapping the handle's prepare), and every statement's plan is read: a full scan of
// a large table (SCAN petitions, SCAN citizens, …, with or without an index) fails the test, unless
// the statement is on the short allow-list below, each entry with its reason. The plans do not
// depend on the volume (no ANALYZE statistics are kept), so a small register shows the plans of a
// million-petition one.
import { captureStatements, type CapturedStatement } from '../helpers/statements.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../db/demo/demo.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import { REPORT_FORM_IDS } from '../../shared/reports/forms.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

/** Tables that grow with the register (the others hold settings, agencies, holidays: a few hundred rows). */
const LARGE = [
  'petitions',
  'citizens',
  'persons',
  'visits',
  'visit_representatives',
  'reception_sessions',
  'petition_petitioners',
  'petition_contents',
  'matters',
  'classifications',
  'decisions',
  'replies',
  'reminders',
  'notices',
  'attachments',
  'outgoing_documents',
  'receipts',
  'receipt_items',
  'audit_log',
];

/**
 * Scans that are the answer itself, each with its reason: the method, the plan's line, and when
 * needed the statement and the input it is allowed for. An ordered walk ("SCAN x USING INDEX i" of a
 * statement with ORDER BY … LIMIT) reads the index in the order asked and stops at the limit.
 */
const ALLOWED: { method: MethodName | MethodName[]; scan: RegExp; sql?: RegExp; when?: (input: Record<string, unknown>) => boolean; reason: string }[] = [
  {
    method: 'todo.law',
    scan: /^SEARCH c USING INDEX petition_contents_step_due \(step_due_on<\?\)$/,
    reason: 'the partial index holds only contents whose step is still pending (no decision yet, 0014-content-decisions): every one due by the end of the week is wanted',
  },
  {
    method: 'audit.list',
    scan: /^SCAN audit_log$/,
    sql: /order by "id" desc limit \?$/,
    reason: 'the latest entries of the whole log: the rowid read backwards, stopped at the limit',
  },
  {
    method: 'petitions.list',
    scan: /^SCAN petitions USING COVERING INDEX \w+$/,
    sql: /^select count\(\*\) as "n" from \(select 1 as "one" from "petitions" limit \?\) as "c"$/,
    reason: 'the unfiltered list counts its petitions only up to the cap (the first page never waits for a count of them all)',
  },
  {
    method: 'petitions.count',
    scan: /^SCAN petitions USING COVERING INDEX \w+$/,
    sql: /^select count\(\*\) as "n" from "petitions"$/,
    when: (input) => Object.keys(input).length === 0,
    reason: 'the exact total of the unfiltered list, asked after its first page is shown, counts every petition',
  },
  {
    method: 'petitions.list',
    scan: /^SCAN petitions USING (COVERING )?INDEX (sqlite_autoindex_petitions_2|petitions_received)$/,
    sql: /order by .* limit \? offset \?$/,
    when: (input) => ['channel', 'kind', 'field', 'status', 'from', 'to', 'search'].every((k) => input[k] === undefined),
    reason: 'the unfiltered list: an ordered walk of the sort’s index (year and number, or date received), stopped at the page’s limit',
  },
  {
    method: 'stats.drill',
    scan: /^SCAN petitions USING INDEX sqlite_autoindex_petitions_2$/,
    sql: /order by .* limit \? offset \?$/,
    when: (input) => input.drill === 'carried_over',
    reason: 'petitions carried over from before the period are most of the older ones: an ordered walk by register number, stopped at the page’s limit',
  },
  {
    method: 'sessions.list',
    scan: /^SCAN s USING INDEX reception_sessions_date$/,
    when: (input) => input.from === undefined && input.to === undefined,
    reason: 'the latest sessions: an ordered walk of the date index, stopped at the limit',
  },
  {
    method: ['stats.get', 'stats.drill', 'reports.get', 'reports.drill'],
    scan: /^SEARCH petitions USING COVERING INDEX petitions_decided \(dec_on>\?\)$/,
    reason: 'carried over into a period: the petitions decided since it began (and received before it), a range that is the period’s own volume for a current period',
  },
  {
    method: 'citizens.search',
    scan: /^SCAN c USING INDEX citizens_updated$/,
    sql: /order by "c"."updated_at" desc, "c"."id" desc limit \?$/,
    reason: 'a common prefix (more candidates than the indexes hand over): citizens walked newest first, stopped at the limit, where matches come at once',
  },
];

type Statement = CapturedStatement;

let t: TempRegister;
const ids: Record<string, number> = {};
let today: string;
let tables: Set<string>;

beforeAll(async () => {
  t = await tempRegister({ now: new Date('2026-11-20T03:00:00.000Z') });
  await fillDemo(t.register, { seed: 2 });
  const one = (sql: string) => (t.register.sqlite.prepare(sql).get() as { id: number } | undefined)?.id ?? 0;
  ids.petition = one("select p.id from petitions p join decisions d on d.petition_id = p.id and d.action = 'forward' join replies r on r.decision_id = d.id order by p.id limit 1");
  ids.visitPetition = one('select id from petitions where visit_id is not null order by id limit 1');
  ids.citizen = one('select c.id from citizens c join persons p on p.citizen_id = c.id join petition_petitioners pp on pp.person_id = p.id order by c.id limit 1');
  ids.matter = one('select matter_id as id from petition_contents order by id limit 1');
  ids.session = one('select session_id as id from visits order by id limit 1');
  ids.visit = one('select id from visits order by id limit 1');
  today = '2026-11-20';
  // More citizens named Nguyễn than the lookup's indexes hand over, so a common prefix takes the walk.
  const citizen = t.register.sqlite.prepare("insert into citizens (full_name, full_name_folded, created_at, updated_at) values (?, ?, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')");
  t.register.sqlite.transaction(() => {
    for (let i = 0; i < 1100; i++) citizen.run(`Nguyễn Văn Thử ${i}`, `nguyen van thu ${i}`);
  })();
  tables = new Set((t.register.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
  expect(LARGE.every((name) => tables.has(name))).toBe(true);
  expect(Object.values(ids).every((id) => id > 0)).toBe(true);
}, 240_000);

afterAll(async () => {
  await t?.cleanup();
});

async function capture(method: MethodName, input: unknown): Promise<Statement[]> {
  const { value: result, statements } = await captureStatements(t.register.sqlite, () => t.api.call(method, input));
  expect(result, `${method} answered`).toMatchObject({ ok: true });
  return statements;
}

/**
 * The table a plan's name stands for: the plan says "SCAN p" for "petitions as p". A name that is
 * no table's alias is a subquery's (its own lines are checked in the same plan).
 */
function tableOf(name: string, statement: string): string {
  if (LARGE.includes(name)) return name;
  const unquoted = statement.replace(/"/g, '');
  for (const m of unquoted.matchAll(new RegExp(`\\b(\\w+)\\s+(?:as\\s+)?${name}\\b`, 'gi'))) {
    if (tables.has(m[1]!)) return m[1]!;
  }
  return name;
}

/** The full scans of large tables in a statement's plan ("SCAN table", an automatic index built on it, or an open range). */
function largeScans(s: Statement): string[] {
  if (!/^\s*(select|with)\b/i.test(s.sql)) return [];
  const plan = t.register.sqlite.prepare(`explain query plan ${s.sql}`).all(...s.params) as { detail: string }[];
  return plan.map((p) => p.detail).filter((d) => {
    // An automatic index is built from a full scan at every run: an index is missing.
    // An open range (one bound only, no equality before it: "(received_on<?)") reads everything on
    // one side of the bound: most of the table, as a register grows.
    const m = /^SCAN (\w+)/.exec(d) ?? /^(?:SEARCH|BLOOM FILTER ON) (\w+) .*AUTOMATIC/.exec(d) ?? /^SEARCH (\w+) USING .*\(\w+[<>]=?\?\)$/.exec(d);
    if (!m) return false;
    return LARGE.includes(tableOf(m[1]!, s.sql));
  });
}

/** What each screen calls, with inputs that reach its queries (a filled register, real ids). */
function calls(): [string, MethodName, unknown][] {
  const period = { from: '2026-01-01', to: '2026-12-31' };
  return [
    ['navigation', 'todo.counts', undefined],
    ['Việc cần làm', 'todo.summary', undefined],
    ['Việc cần làm', 'todo.law', undefined],
    ['Việc cần làm', 'approvals.todo', undefined],
    ['Tổng quan', 'sessions.list', { from: today, to: today }],
    ['Tổng quan', 'audit.list', { limit: 10 }],
    ['Đơn thư', 'petitions.list', {}],
    ['Đơn thư', 'petitions.list', { sort: 'receivedOn', direction: 'desc' }],
    ['Đơn thư', 'petitions.list', { channel: 'online' }],
    ['Đơn thư', 'petitions.list', { kind: 'denunciation', sort: 'receivedOn' }],
    ['Đơn thư', 'petitions.list', { field: 'land' }],
    ['Đơn thư', 'petitions.list', { from: '2026-03-01', to: '2026-03-31' }],
    ['Đơn thư', 'petitions.count', {}],
    ['Đơn thư', 'petitions.count', { channel: 'online' }],
    ['Đơn thư', 'petitions.count', { status: 'reply_overdue' }],
    ['Đơn thư', 'petitions.count', { kind: 'denunciation', from: '2026-03-01', to: '2026-03-31' }],
    ['Tổng quan', 'petitions.count', { from: today, to: today }],
    ...(['overdue', 'reply_overdue', 'forwarded', 'closed', 'awaiting_classification', 'awaiting_decision'] as const).map(
      (status): [string, MethodName, unknown] => ['Đơn thư', 'petitions.list', { status }],
    ),
    ['Chi tiết đơn', 'petitions.get', { id: ids.petition }],
    ['Chi tiết đơn', 'petitions.get', { id: ids.visitPetition }],
    ['Chi tiết đơn', 'attachments.list', { petitionId: ids.petition }],
    ['Chi tiết đơn', 'notices.list', { petitionId: ids.petition }],
    ['Chi tiết đơn', 'approvals.list', { petitionId: ids.petition }],
    ['Chi tiết đơn', 'receipts.get', { petitionId: ids.petition }],
    ['Tiếp nhận đơn', 'citizens.search', { query: 'nguyen van' }],
    ['Tiếp nhận đơn', 'citizens.search', { query: 'ng' }],
    ['Tiếp nhận đơn', 'citizens.search', { query: '051' }],
    ['Tiếp nhận đơn', 'citizens.search', { query: '051090001234' }],
    ['Tiếp nhận đơn', 'matters.suggest', { petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại quyết định thu hồi đất' }],
    ['Tiếp nhận đơn', 'matters.suggest', { petitioners: [{ citizenId: ids.citizen, fullName: 'x' }], summary: '' }],
    ['Tiếp nhận đơn', 'petitions.similar', { receivedOn: today, petitioners: [{ fullName: 'Nguyễn Văn Đức', idNumber: '051090001234' }], summary: 'Khiếu nại quyết định thu hồi đất' }],
    ['Công dân', 'citizens.history', { id: ids.citizen }],
    ['Vụ việc', 'matters.list', {}],
    ['Vụ việc', 'matters.list', { repeatedOnly: true }],
    ['Vụ việc', 'matters.get', { id: ids.matter }],
    ['Tiếp công dân', 'sessions.list', {}],
    ['Tiếp công dân', 'sessions.get', { id: ids.session }],
    ['Tiếp công dân', 'visits.get', { id: ids.visit }],
    ['Sổ tiếp công dân', 'register.reception', { from: '2026-03-01', to: '2026-03-31' }],
    ['Thống kê', 'stats.get', period],
    ['Thống kê', 'stats.monthly', { months: [{ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-02-01', to: '2026-02-28' }] }],
    ['Thống kê', 'stats.drill', { ...period, drill: 'agency_overdue' }],
    ['Thống kê', 'stats.drill', { ...period, drill: 'carried_over' }],
    ['Thống kê', 'stats.drill', { ...period, drill: 'commune', part: '21034' }],
    ['Thống kê', 'stats.drill', { ...period, drill: 'commune_unrecorded' }],
    ...REPORT_FORM_IDS.map((form): [string, MethodName, unknown] => ['Báo cáo', 'reports.get', { form, ...period }]),
    ['Báo cáo', 'reports.drill', { form: '01/XLD', ...period, ms: 1 }],
  ];
}

describe('query plans of the screens', () => {
  it('scan no large table where an index should serve', async () => {
    const found: string[] = [];
    const allowedUsed = new Set<number>();
    for (const [screen, method, input] of calls()) {
      const statements = await capture(method, input);
      expect(statements.length, `${method} ran statements`).toBeGreaterThan(0);
      for (const s of statements) {
        for (const scan of largeScans(s)) {
          const allowed = ALLOWED.findIndex(
            (a) => [a.method].flat().includes(method) && a.scan.test(scan) && (a.sql?.test(s.sql) ?? true) && (a.when?.((input ?? {}) as Record<string, unknown>) ?? true),
          );
          if (allowed >= 0) {
            allowedUsed.add(allowed);
            continue;
          }
          found.push(`${screen} · ${method} ${JSON.stringify(input)}: ${scan}\n    ${s.sql.replace(/\s+/g, ' ').slice(0, 600)}`);
        }
      }
    }
    expect(found, found.join('\n\n')).toEqual([]);
    // An allowance no statement needs any more is taken out, not kept "just in case".
    expect(ALLOWED.filter((_, i) => !allowedUsed.has(i)).map((a) => a.reason)).toEqual([]);
  }, 120_000);
});
