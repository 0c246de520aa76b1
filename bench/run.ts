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
  await register.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
