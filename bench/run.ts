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
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
