// `npm run bench`: the register's operations at 100,000 and 1,000,000 petitions, each timed over
// many calls (p50/p95) through the API as the app calls it, next to the best query written by hand
// for the same answer on raw better-sqlite3, in the same run, on the same file. Targets are printed
// beside the figures, never asserted (timings belong here, not in unit tests).
//
//   npm run bench                          100,000 and 1,000,000 petitions
//   BENCH_SIZES=20000 npm run bench        other sizes (comma separated)
//   BENCH_CALLS=400 npm run bench          calls per operation (default 200)
//   BENCH_ONLY=search,detail npm run bench  only the operations whose name holds one of these
//                                           words (no preview); BENCH_PROFILE=1 prints, for each
//                                           operation, its slowest statements (total time over the calls)
//
// Registers are built once per size by `petreg import` of a generated file (bench/generate.ts)
// and cached in bench/.cache/ (delete it to rebuild); the import's time and peak memory are kept
// with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openRegister, registerSqlFunctions, type Register } from '../db/register.ts';
import { captureStatements } from '../tests/helpers/statements.ts';
import { createApiServer, type ApiServer } from '../db/api/server.ts';
import { registerOfSize, type BuiltRegister } from './registers.ts';
import { OPERATIONS, type Operation, type BenchContext } from './operations.ts';
import { measurePreview } from './preview.ts';
import { measureImportFloor } from './import-floor.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map((s) => Number(s.replace(/[_ ]/g, '')));
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Calls per side in a row for a writing operation (see Operation.writes). */
const WRITE_BLOCK = 20;
const chosen = (op: Operation) => ONLY.length === 0 || ONLY.some((w) => op.name.toLowerCase().includes(w));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** A duration in milliseconds, in seconds to a tenth. */
function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

interface Measured {
  op: Operation;
  calls: number;
  register: { p50: number; p95: number };
  raw: { p50: number; p95: number } | null;
  note: string;
}

const rawStatements = new Map<string, Database.Statement>();

/** A statement the register ran, prepared once on the raw handle. */
function rawStatement(ctx: BenchContext, sql: string): Database.Statement {
  let statement = rawStatements.get(sql);
  if (!statement) rawStatements.set(sql, (statement = ctx.raw.prepare(sql)));
  return statement;
}

async function measure(op: Operation, ctx: BenchContext): Promise<Measured> {
  const inputs = op.inputs(ctx, op.calls ?? CALLS);
  // One warm-up call each side, as an officer's first keystroke after the screen opened.
  await op.register(ctx, inputs[0]!);
  op.raw?.(ctx, inputs[0]!);
  const registerTimes: number[] = [];
  const rawTimes: number[] = [];
  let note = '';
  let differing = 0;
  const profile = new Map<string, { ms: number; calls: number }>();
  // Call by call, register then raw; a writing operation in blocks of WRITE_BLOCK calls each side.
  const block = op.writes ? WRITE_BLOCK : 1;
  for (let from = 0; from < inputs.length; from += block) {
    const chunk = inputs.slice(from, from + block);
    const answers: unknown[] = [];
    const captured: Awaited<ReturnType<typeof captureStatements>>['statements'][] = [];
    for (const input of chunk) {
      const statements = op.replay || PROFILE ? (await captureStatements(ctx.register.sqlite, () => op.register(ctx, input))).statements : [];
      captured.push(statements);
      if (PROFILE) {
        for (const s of statements) {
          const statement = rawStatement(ctx, s.sql);
          const t = process.hrtime.bigint();
          if (statement.reader) statement.all(...(s.params as never[]));
          const entry = profile.get(s.sql) ?? { ms: 0, calls: 0 };
          entry.ms += Number(process.hrtime.bigint() - t) / 1e6;
          entry.calls += 1;
          profile.set(s.sql, entry);
        }
      }
      const t0 = process.hrtime.bigint();
      answers.push(await op.register(ctx, input));
      registerTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    for (const [k, input] of chunk.entries()) {
      const answer = answers[k];
      const statements = captured[k]!;
      if (op.replay) {
        const t2 = process.hrtime.bigint();
        for (const s of statements) {
          const statement = rawStatement(ctx, s.sql);
          if (statement.reader) statement.all(...(s.params as never[]));
          else statement.run(...(s.params as never[]));
        }
        rawTimes.push(Number(process.hrtime.bigint() - t2) / 1e6);
      } else if (op.raw) {
        const t2 = process.hrtime.bigint();
        const rawAnswer = op.raw(ctx, input);
        const t3 = process.hrtime.bigint();
        rawTimes.push(Number(t3 - t2) / 1e6);
        // The raw query must give the same answer, or the comparison means nothing: said beside the figures.
        if (op.same && !op.same(answer, rawAnswer, ctx)) differing += 1;
      }
      if (op.describe) note = op.describe(answer);
    }
  }
  if (PROFILE) {
    console.log(`  -- ${op.name}: slowest statements (replayed raw, reads only)`);
    for (const [text, p] of [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5)) {
      console.log(`     ${p.ms.toFixed(1).padStart(8)} ms / ${p.calls} calls  ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }
  registerTimes.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  if (differing > 0) note = `${note ? `${note}; ` : ''}raw answer differs in ${differing} calls`;
  return {
    op,
    calls: inputs.length,
    register: { p50: quantile(registerTimes, 0.5), p95: quantile(registerTimes, 0.95) },
    raw: op.raw || op.replay ? { p50: quantile(rawTimes, 0.5), p95: quantile(rawTimes, 0.95) } : null,
    note,
  };
}

function table(size: number, rows: Measured[], built: BuiltRegister, extra: string[][]): string {
  const lines = [
    `### ${size.toLocaleString('en')} petitions`,
    '',
    '| operation | calls | p50 ms | p95 ms | raw p50 | raw p95 | ×raw (p50) | target (p95) | meets |',
    '|---|---:|---:|---:|---:|---:|---:|---|:-:|',
  ];
  for (const r of rows) {
    const ratio = r.raw ? (r.register.p50 / r.raw.p50).toFixed(1) : '—';
    const meets =
      r.op.ratioTarget !== undefined && r.raw
        ? r.register.p50 / r.raw.p50 <= r.op.ratioTarget
          ? 'yes'
          : '**no**'
        : r.op.targetMs === undefined
          ? ''
          : r.register.p95 <= r.op.targetMs
            ? 'yes'
            : '**no**';
    lines.push(
      `| ${r.op.name}${r.note ? ` (${r.note})` : ''} | ${r.calls} | ${ms(r.register.p50)} | ${ms(r.register.p95)} | ${r.raw ? ms(r.raw.p50) : '—'} | ${r.raw ? ms(r.raw.p95) : '—'} | ${ratio} | ${r.op.target} | ${meets} |`,
    );
  }
  for (const row of extra) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
  lines.push(
    `Register ${(built.registerBytes / 1e6).toFixed(0)} MB (${Math.round(built.registerBytes / size).toLocaleString('en')} bytes per petition); file ${(built.fileBytes / 1e6).toFixed(0)} MB.`,
  );
  return lines.join('\n');
}

async function benchSize(size: number): Promise<string> {
  console.log(`\n== ${size.toLocaleString('en')} petitions ==`);
  const built = await registerOfSize(size, console.log);
  const importRate = size / (built.import.ms / 1000);
  console.log(
    `  register ${path.basename(built.register)}: import ${seconds(built.import.ms)} = ${Math.round(importRate).toLocaleString('en')} petitions/s, peak ${built.import.maxRssMB.toFixed(0)} MB${built.import.cached ? ' (timed when built, cached)' : ''}`,
  );
  // Writes go to a copy: the cached register stays as built.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-bench-'));
  const work = path.join(dir, 'register.sqlite');
  fs.copyFileSync(built.register, work);
  // Written to disk before anything is timed: otherwise the copy's gigabytes are flushed by the
  // kernel during the first operations (seen: the first op's p95 half again as high as a rerun's).
  const copied = fs.openSync(work, 'r+');
  fs.fsyncSync(copied);
  fs.closeSync(copied);
  let register: Register | null = null;
  let raw: Database.Database | null = null;
  try {
    register = await openRegister({ path: work });
    // The calls are an administrator's at the desk (signed in; every screen's method allowed).
    const admin = register.sqlite.prepare("select id from users where username = 'admin'").get() as { id: number };
    const api: ApiServer = createApiServer(register, { appVersion: 'bench' }, { signedInAs: admin.id, idleLock: false });
    raw = new Database(work, { readonly: false });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    // The functions the register's triggers call (a write on the raw handle fires them too).
    registerSqlFunctions(raw);
    const ctx: BenchContext = { api, register, raw, size, dir };
    const rows: Measured[] = [];
    for (const op of OPERATIONS.filter(chosen)) {
      const result = await measure(op, ctx);
      rows.push(result);
      console.log(
        `  ${op.name.padEnd(52)} p50 ${ms(result.register.p50).padStart(7)} p95 ${ms(result.register.p95).padStart(7)} ms` +
          (result.raw ? `   raw p50 ${ms(result.raw.p50).padStart(7)} p95 ${ms(result.raw.p95).padStart(7)}` : '') +
          `   target ${op.target}${result.note ? `   ${result.note}` : ''}`,
      );
    }
    await register.close();
    register = null;
    rawStatements.clear();
    raw.close();
    raw = null;
    const preview = ONLY.length ? { error: 'BENCH_ONLY' } : await measurePreview(work).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    // The import's raw: SQLite alone writing the same rows and indexes (bench/import-floor.ts).
    const floor = ONLY.length === 0 || ONLY.includes('import') ? measureImportFloor(built.register, dir) : null;
    const floorRate = floor ? size / (floor.ms / 1000) : null;
    if (floor && floorRate !== null) {
      console.log(
        `  import floor (SQLite alone, same rows): ${seconds(floor.ms)} = ${Math.round(floorRate).toLocaleString('en')} petitions/s` +
          ` (rows ${seconds(floor.rowsMs)}, indexes ${seconds(floor.indexesMs)}, search indexes ${seconds(floor.searchMs)})`,
      );
    }
    const extra: string[][] = [
      [
        '`petreg import` of the file (raw: SQLite alone writing the same rows and indexes)',
        '1',
        seconds(built.import.ms),
        '',
        floor ? seconds(floor.ms) : '—',
        '',
        floor ? (built.import.ms / floor.ms).toFixed(1) : '—',
        '≥ 50,000 petitions/s, memory bounded',
        '',
      ],
      [
        '  throughput',
        '',
        `${Math.round(importRate).toLocaleString('en')}/s`,
        '',
        floorRate ? `${Math.round(floorRate).toLocaleString('en')}/s` : '—',
        '',
        '',
        '≥ 50,000/s',
        importRate >= 50_000 ? 'yes' : '**no**',
      ],
      ['  peak memory', '', `${built.import.maxRssMB.toFixed(0)} MB`, '', '', '', '', 'bounded', ''],
    ];
    if (floor) {
      extra.push(['  of the raw: rows / indexes / search indexes', '', '', '', `${seconds(floor.rowsMs)} / ${seconds(floor.indexesMs)} / ${seconds(floor.searchMs)}`, '', '', '', '']);
    }
    if ('error' in preview) {
      console.log(`  browser preview: not measured (${preview.error})`);
      extra.push(['browser preview, first paint', '—', 'not measured', '', '', '', '', '', '']);
    } else {
      console.log(`  browser preview: first paint ${ms(preview.firstPaintMs)} ms, petition list's first rows ${ms(preview.listRowsMs)} ms`);
      const paint = Number.isNaN(preview.firstPaintMs) ? 'not measured (no paint entry within 10 s)' : ms(preview.firstPaintMs);
      extra.push(['browser preview: first contentful paint', '1', paint, '', '', '', '', '', '']);
      extra.push(['browser preview: Đơn thư, first rows shown', '1', ms(preview.listRowsMs), '', '', '', '', '', '']);
    }
    return table(size, rows, built, extra);
  } finally {
    await register?.close();
    raw?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
  console.log('Building the renderer for the browser preview (vite build)…');
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (build.status !== 0) console.log('  vite build failed: the preview will not be measured');
}
console.log(`Sổ tiếp công dân — bench (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}); ${CALLS} calls per operation`);
const tables: string[] = [];
for (const size of SIZES) tables.push(await benchSize(size));
console.log(`\n${tables.join('\n\n')}`);
