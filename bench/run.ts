// `npm run bench`: the register's operations timed next to the same work on raw better-sqlite3,
// in the same run, on real files in a temp folder. Figures are printed, never asserted: targets
// are read here, not in timed unit tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openRegister } from '../db/register.ts';
import { createApiServer } from '../db/api/server.ts';
import { fold } from '../shared/text.ts';
import { insertPetition } from '../db/ops/petitions.ts';
import { listPetitions } from '../db/ops/petitions.ts';
import { petitionCreateSchema, petitionListSchema } from '../shared/domain/petition.ts';
import { SYSTEM_ACTOR } from '../db/context.ts';
import { computeStatistics } from '../db/ops/stats.ts';
import { checkIdentities } from '../shared/stats/definitions.ts';
import { addDays, diffDays } from '../shared/calendar/dates.ts';
import type { Register } from '../db/register.ts';

const WRITES = 2000;
const DIRECTORY_SIZE = 10_000;
const SEARCHES = 300;

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function row(label: string, count: number, registerMs: number, rawMs: number): string {
  const per = (ms: number) => `${((ms * 1000) / count).toFixed(0).padStart(6)} µs/op`;
  return `${label.padEnd(44)} register ${registerMs.toFixed(0).padStart(6)} ms (${per(registerMs)})   raw ${rawMs.toFixed(0).padStart(6)} ms (${per(rawMs)})   ×${(registerMs / rawMs).toFixed(1)}`;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A small deterministic generator (mulberry32), so every bench run fills the same register. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CapturedStatement {
  sql: string;
  params: unknown[];
}

/**
 * Runs `fn` while recording every statement the register's better-sqlite3 handle prepares and runs
 * (Kysely prepares each query on that handle), so the raw side can run exactly the same SQL.
 */
async function captureStatements(register: Register, fn: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const sqlite = register.sqlite;
  const original = sqlite.prepare;
  const captured: CapturedStatement[] = [];
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    const statement = original.call(this, source);
    return new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run') {
          return (...args: unknown[]) => {
            captured.push({ sql: source, params: args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  } as typeof sqlite.prepare;
  try {
    await fn();
  } finally {
    sqlite.prepare = original;
  }
  return captured;
}

interface StatisticsTiming {
  stats: Awaited<ReturnType<typeof computeStatistics>>;
  registerMs: number;
  rawMs: number;
  statements: number;
  perStatement: string;
}

/** What each statement of computeStatistics reads, for the per-statement timings. */
function statementName(sql: string): string {
  if (/reception_sessions/.test(sql)) return 'reception';
  if (/join agencies/.test(sql)) return 'agencies';
  if (/received_on < /.test(sql)) return 'carried over';
  return 'petitions';
}

/** computeStatistics (median of `runs`) next to the statements it runs, prepared and run on raw better-sqlite3. */
async function measureStatistics(register: Register, from: string, to: string, today: string, runs: number): Promise<StatisticsTiming> {
  let stats = await computeStatistics(register.db, from, to, today);
  const registerMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const [value, ms] = await timeAsync(() => computeStatistics(register.db, from, to, today));
    stats = value;
    registerMs.push(ms);
  }
  const broken = checkIdentities(stats);
  if (broken.length > 0) throw new Error(`statistics identities broken: ${broken.join('; ')}`);
  const statements = await captureStatements(register, () => computeStatistics(register.db, from, to, today));
  const rawMs: number[] = [];
  const each = statements.map((): number[] => []);
  for (let r = 0; r < runs; r++) {
    const [, ms] = time(() =>
      statements.forEach((s, i) => {
        const [rows, one] = time(() => register.sqlite.prepare(s.sql).all(...s.params));
        each[i]!.push(one);
        const received = (rows[0] as { received?: number } | undefined)?.received;
        if (received !== undefined && received !== stats.petitions.received) throw new Error(`raw and register statistics differ: ${received} vs ${stats.petitions.received}`);
      }),
    );
    rawMs.push(ms);
  }
  return {
    stats,
    registerMs: median(registerMs),
    rawMs: median(rawMs),
    statements: statements.length,
    perStatement: statements.map((s, i) => `${statementName(s.sql)} ${median(each[i]!).toFixed(0)} ms`).join(', '),
  };
}

function row2(label: string, runs: number, t: StatisticsTiming): string {
  return `${label.padEnd(44)} register ${t.registerMs.toFixed(0).padStart(6)} ms (median of ${runs})   raw ${t.rawMs.toFixed(0).padStart(6)} ms (the same ${t.statements} statements)   ×${(t.registerMs / t.rawMs).toFixed(2)}`;
}

/**
 * Statistics of a year over a large register: computeStatistics (the statistics screen, the
 * XLSX/CSV/PDF exports and `petreg stats` all call it) next to the very statements it runs, on raw
 * better-sqlite3, in the same run. The register is filled by raw SQL inserts in one transaction,
 * straight into petitions with the denormalised workflow columns (cls_*, dec_*, reply_*) set as
 * refreshStage would set them: this bypasses the intake and workflow operations (and their
 * classification, decision and reply rows, which the statistics do not read) for speed.
 */
async function statisticsBench(dir: string): Promise<void> {
  const N = Number(process.env.BENCH_STATS_PETITIONS ?? 1_000_000);
  const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 7);
  const from = '2025-12-15';
  const to = '2026-12-14';
  const today = '2026-12-31';
  const before = Math.round(N / 20); // received in the month before the year: carried over or not
  const register = await openRegister({ path: path.join(dir, 'statistics.sqlite') });
  try {
    const sqlite = register.sqlite;
    const agencyIds = (sqlite.prepare('select id from agencies order by id limit 60').all() as { id: number }[]).map((r) => r.id);
    const random = prng(20261214);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const kinds = ['complaint', 'complaint', 'complaint', 'denunciation', 'recommendation', 'recommendation', 'multiple'] as const;
    const fields = ['land', 'land', 'land', 'housing', 'compensation', 'compensation', 'policy', 'justice', 'corruption', 'administration', 'other'] as const;
    const channels = ['in_person', 'post', 'post', 'mailbox', 'forwarded', 'online'] as const;
    const reasons = ['anonymous', 'no_signature_or_address', 'duplicate', 'duplicate', 'duplicate', 'awaiting_result', 'finally_decided', 'insufficient_content', 'already_guided', 'other'] as const;
    const eligibleActions = ['forward', 'forward', 'forward', 'accept', 'guide', 'guide'] as const;
    const start = addDays(from, -31);
    const span = diffDays(start, to) + 1;
    const days = Array.from({ length: span + 120 }, (_, i) => addDays(start, i));
    const now = new Date().toISOString();

    // The trigram search index's insert trigger is three quarters of the fill time; statistics do not
    // read it, so it is set aside during the fill and put back as it was (this register's search
    // index stays empty).
    const trigger = (sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = 'petitions_fts_insert'").get() as { sql: string } | undefined)?.sql;
    const [, fillMs] = time(() => {
      if (trigger) sqlite.exec('drop trigger petitions_fts_insert');
      const insert = sqlite.prepare(
        `insert into petitions (year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at,
           stage, due_on, reply_due_on, cls_eligible, cls_reason, dec_action, dec_on, dec_agency_id, reply_on)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const seqs = new Map<number, number>();
      sqlite.transaction(() => {
        for (let i = 0; i < N + before; i++) {
          // In date order: the first `before` in the month before the year, then N over the year.
          const dayIndex = i < before ? Math.floor((i * 31) / before) : 31 + Math.floor(((i - before) * (span - 31)) / N);
          const received = days[dayIndex]!;
          const year = Number(received.slice(0, 4));
          const seq = (seqs.get(year) ?? 0) + 1;
          seqs.set(year, seq);
          const registerNo = `${year}/${String(seq).padStart(6, '0')}`;
          const r = random();
          const classified = r < 0.9;
          const eligible = classified && r < 0.5;
          const decided = classified && random() < 0.9;
          const action = !decided ? null : eligible ? pick(eligibleActions) : random() < 0.7 ? 'file' : 'return';
          const decOn = decided ? days[dayIndex + 3 + Math.floor(random() * 10)]! : null;
          const forwarded = action === 'forward';
          const replyDue = forwarded ? days[dayIndex + 60]! : null;
          const replyOn = forwarded && random() < 0.7 ? days[dayIndex + 20 + Math.floor(random() * 60)]! : null;
          const stage = !classified ? 'awaiting_classification' : !decided ? 'awaiting_decision' : forwarded && !replyOn ? 'forwarded' : 'closed';
          insert.run(
            year,
            seq,
            registerNo,
            received,
            pick(channels),
            pick(kinds),
            pick(fields),
            random() < 0.07 ? 2 + Math.floor(random() * 20) : 1,
            'Đơn đề nghị giải quyết',
            // Kept short: the trigram index is filled by a trigger on every insert.
            registerNo,
            now,
            now,
            stage,
            days[dayIndex + 14]!,
            replyDue,
            classified ? (eligible ? 1 : 0) : null,
            classified && !eligible ? pick(reasons) : null,
            action,
            decOn,
            action === 'forward' || action === 'guide' ? pick(agencyIds) : null,
            replyOn,
          );
        }
        // Reception: a regular session every working day, leaders' sessions monthly, a few online.
        const session = sqlite.prepare('insert into reception_sessions (kind, date, officers_json, created_at, updated_at) values (?, ?, ?, ?, ?)');
        const person = sqlite.prepare("insert into persons (full_name, full_name_folded) values ('Nguyễn Văn A', 'nguyen van a')");
        const visit = sqlite.prepare(
          'insert into visits (session_id, persons, delegation_members, person_id, matter, content, repeat, outcome, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)',
        );
        const personId = Number(person.run().lastInsertRowid);
        for (let d = 31; d < span; d++) {
          const kind = d % 30 === 0 ? 'periodic' : d % 97 === 0 ? 'adhoc' : d % 45 === 0 ? 'online' : 'regular';
          const sessionId = Number(session.run(kind, days[d], '[]', now, now).lastInsertRowid);
          for (let v = 0; v < 1 + Math.floor(random() * 4); v++) {
            const delegation = random() < 0.05 ? 5 + Math.floor(random() * 20) : null;
            visit.run(sessionId, delegation ?? 1 + Math.floor(random() * 3), delegation, personId, 'complaint', 'Khiếu nại', 'guided', now, now);
          }
        }
      }).immediate();
      if (trigger) sqlite.exec(trigger);
    });
    console.log(`\n${(N + before).toLocaleString('en')} petitions filled by raw SQL (denormalised columns set; intake bypassed) in ${(fillMs / 1000).toFixed(1)} s`);

    const label = `computeStatistics, year ${from}..${to}`;
    const first = await measureStatistics(register, from, to, today, RUNS);
    const p = first.stats.petitions;
    console.log(row2(label, RUNS, first));
    console.log(
      `  received ${p.received.toLocaleString('en')}, carried over ${p.carried_over.toLocaleString('en')}, eligible ${p.eligible.total.toLocaleString('en')}, ineligible ${p.ineligible.total.toLocaleString('en')}, ` +
        `forwarded ${p.decisions.forward.toLocaleString('en')} to ${p.forwarded_by_agency.length} agencies (overdue ${p.forwarded_by_agency.reduce((n, a) => n + a.overdue, 0).toLocaleString('en')}); ` +
        `${first.stats.reception.regular.sessions} regular sessions; identities hold`,
    );
    console.log(`  raw per statement: ${first.perStatement}`);
    // The agencies' query reads only the forwarded petitions of the period; without an index that
    // leads with dec_action it walks every petition of the year. Proposed for migration 0003:
    const index = 'petitions_forwarded';
    const present = sqlite.prepare("select 1 from sqlite_master where type = 'index' and name = ?").get(index);
    if (!present) {
      const [, indexMs] = time(() => sqlite.exec(`create index ${index} on petitions (dec_action, received_on, dec_agency_id, reply_on, reply_due_on)`));
      console.log(`  + index ${index} (dec_action, received_on, dec_agency_id, reply_on, reply_due_on), proposed for migration 0003, built in ${(indexMs / 1000).toFixed(1)} s:`);
      const second = await measureStatistics(register, from, to, today, RUNS);
      if (JSON.stringify(second.stats) !== JSON.stringify(first.stats)) throw new Error('statistics differ with the index');
      console.log(row2(`${label} + index`, RUNS, second));
      console.log(`  raw per statement: ${second.perStatement}`);
    }
  } finally {
    await register.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-bench-'));
try {
  const register = await openRegister({ path: path.join(dir, 'register.sqlite') });
  const api = createApiServer(register, { appVersion: 'bench' });

  const raw = new Database(path.join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.exec(`create table agencies (id integer primary key, code text not null unique, name text not null, name_folded text not null,
            kind text not null, active integer not null default 1, created_at text not null, updated_at text not null)`);
  raw.exec('create index agencies_kind_name on agencies (kind, name_folded)');
  const insert = raw.prepare('insert into agencies (code, name, name_folded, kind, active, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)');

  console.log(`Sổ tiếp công dân — bench (node ${process.version}, ${os.cpus().length} cores)\n`);

  // 1. Single writes, each in its own durable transaction (synchronous=FULL), as the desk makes them.
  const name = (i: number) => `Ủy ban nhân dân xã Thử nghiệm số ${i}`;
  const [, apiWriteMs] = await timeAsync(async () => {
    for (let i = 0; i < WRITES; i++) {
      const result = await api.call('agencies.upsert', { code: `BENCH-${i}`, name: name(i), kind: 'commune' });
      if (!result.ok) throw new Error(result.error.message);
    }
  });
  const [, rawWriteMs] = time(() => {
    for (let i = 0; i < WRITES; i++) {
      const now = new Date().toISOString();
      raw.transaction(() => insert.run(`BENCH-${i}`, name(i), fold(name(i)), 'commune', now, now)).immediate();
    }
  });
  console.log(row(`agencies.upsert × ${WRITES} (validate+audit)`, WRITES, apiWriteMs, rawWriteMs));

  // 2. Instant search over a large directory.
  await register.db.transaction().execute(async (trx) => {
    for (let i = WRITES; i < DIRECTORY_SIZE; i++) {
      const now = new Date().toISOString();
      await trx.insertInto('agencies').values({ code: `BENCH-${i}`, name: name(i), name_folded: fold(name(i)), kind: 'commune', active: 1, created_at: now, updated_at: now }).execute();
    }
  });
  raw.transaction(() => {
    for (let i = WRITES; i < DIRECTORY_SIZE; i++) {
      const now = new Date().toISOString();
      insert.run(`BENCH-${i}`, name(i), fold(name(i)), 'commune', now, now);
    }
  })();
  const terms = Array.from({ length: SEARCHES }, (_, i) => `thu nghiem so ${(i * 37) % DIRECTORY_SIZE}`);
  const search = raw.prepare(
    `select * from agencies where active = 1 and (name_folded like ? escape '\\' or lower(code) like ? escape '\\') order by kind, name_folded, id`,
  );
  let apiRows = 0;
  const [, apiSearchMs] = await timeAsync(async () => {
    for (const term of terms) {
      const result = await api.call('agencies.list', { search: term });
      if (!result.ok) throw new Error(result.error.message);
      apiRows += (result.value as unknown[]).length;
    }
  });
  let rawRows = 0;
  const [, rawSearchMs] = time(() => {
    for (const term of terms) rawRows += search.all(`%${term}%`, `%${term}%`).length;
  });
  if (apiRows !== rawRows) throw new Error(`search results differ: ${apiRows} vs ${rawRows}`);
  console.log(row(`agencies.list search × ${SEARCHES} (${DIRECTORY_SIZE} rows)`, SEARCHES, apiSearchMs, rawSearchMs));

  raw.close();

  // 3. The petition list over a large register: paged and searched in SQLite, never loaded whole.
  const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 100_000);
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
  const middle = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc'];
  const given = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Thảo', 'Tuấn', 'Yến'];
  const topics = ['tranh chấp đất đai', 'bồi thường giải phóng mặt bằng', 'chế độ chính sách người có công', 'cấp giấy chứng nhận quyền sử dụng đất', 'thủ tục hành chính chậm'];
  const ctx = { register, actor: SYSTEM_ACTOR };
  const [, seedMs] = await timeAsync(() =>
    register.db.transaction().execute(async (trx) => {
      for (let i = 0; i < PETITIONS; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
        const name = `${family[i % family.length]} ${middle[(i >> 3) % middle.length]} ${given[(i * 7) % given.length]}`;
        const data = petitionCreateSchema.parse({
          receivedOn: `2026-${month}-${day}`,
          channel: 'post',
          kind: 'complaint',
          field: 'land',
          petitioners: [{ fullName: name }],
          summary: `Đề nghị giải quyết ${topics[i % topics.length]} tại thôn ${i % 97}`,
        });
        await insertPetition(trx, ctx, data);
      }
    }),
  );
  console.log(`\n${PETITIONS.toLocaleString('en')} petitions registered through the core in ${(seedMs / 1000).toFixed(1)} s`);
  const rawList = register.sqlite.prepare(
    'select id, register_no, received_on, summary from petitions where search_folded like ? and search_folded like ? order by year desc, seq desc limit 200 offset ?',
  );
  const rawCount = register.sqlite.prepare('select count(*) as n from petitions where search_folded like ? and search_folded like ?');
  const rawListAll = register.sqlite.prepare('select id, register_no, received_on, summary from petitions order by year desc, seq desc limit 200 offset ?');
  const rawCountAll = register.sqlite.prepare('select count(*) as n from petitions');
  const cases: [string, string, number][] = [
    ['first page, no search', '', 0],
    ['last page, no search', '', PETITIONS - 200],
    ["search 'dat dai' (folded)", 'dat dai', 0],
    ["search 'nguyen duc' (two tokens)", 'nguyen duc', 0],
  ];
  for (const [label, search, offset] of cases) {
    const input = petitionListSchema.parse({ search, offset, limit: 200 });
    const reps = 10;
    const [, apiMs] = await timeAsync(async () => {
      for (let r = 0; r < reps; r++) await listPetitions(register.db, input, '2026-12-31');
    });
    const tokens = fold(search).split(' ').filter(Boolean);
    const [a, b] = [`%${tokens[0] ?? ''}%`, `%${tokens[1] ?? ''}%`];
    const [, rawMs] = time(() => {
      for (let r = 0; r < reps; r++) {
        if (tokens.length === 0) {
          rawCountAll.get();
          rawListAll.all(offset);
        } else {
          rawCount.get(a, b);
          rawList.all(a, b, offset);
        }
      }
    });
    console.log(row(`petitions.list ${label}`, reps, apiMs, rawMs));
  }

  await register.close();

  // 4. Statistics of a year over 1,000,000 petitions (BENCH_STATS_PETITIONS).
  await statisticsBench(dir);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
