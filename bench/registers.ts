// The bench's registers, cached by size in bench/.cache/ (kept out of git): the interchange file of
// N petitions (bench/generate.ts), and the register built from it by `petreg import` in a child
// process, timed, with its peak memory. A cache entry is named after the generator's source and
// the schema version, so a change to either builds anew.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';
import { openRegister, removeRegisterFiles } from '../db/register.ts';
import { vietnamDate } from '../shared/domain/dates.ts';
import { addDays } from '../shared/calendar/dates.ts';
import { generateRegisterFile, type GenerateResult } from './generate.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
export const CACHE = process.env.BENCH_CACHE ?? path.join(HERE, '.cache');

export interface BuiltRegister {
  size: number;
  file: string;
  fileBytes: number;
  register: string;
  registerBytes: number;
  /** The import that built it (null when reused from the cache and no timing was kept). */
  import: { ms: number; maxRssMB: number; cached: boolean };
  generated: GenerateResult | null;
}

function sourceHash(): string {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(path.join(HERE, 'generate.ts')));
  return hash.digest('hex').slice(0, 10);
}

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/** Runs `petreg import FILE --db DB` in a child and reports its wall time and peak RSS. */
export function timedImport(file: string, db: string): Promise<{ ms: number; maxRssMB: number; output: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // Node's default heap: a file larger than a slice is imported a slice at a time
    // (db/interchange/import-file.ts), its peak memory printed beside the time.
    const child = spawn(process.execPath, ['--import', path.join(HERE, 'peak-memory.ts'), path.join(ROOT, 'bin/petreg.js'), 'import', file, '--db', db], {
      cwd: ROOT,
      env: { ...process.env, PETREG_PEAK_MEMORY_FILE: `${db}.rss` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`petreg import failed (${code}):\n${output.slice(-3000)}`));
      const kb = Number(fs.readFileSync(`${db}.rss`, 'utf8'));
      fs.rmSync(`${db}.rss`, { force: true });
      resolve({ ms, maxRssMB: kb / 1024, output });
    });
  });
}

/** The file and the register of `size` petitions, built or reused. `today` is the register's today. */
export async function registerOfSize(size: number, log: (line: string) => void): Promise<BuiltRegister> {
  fs.mkdirSync(CACHE, { recursive: true });
  const key = `${size}-${sourceHash()}`;
  const file = path.join(CACHE, `register-${key}.json`);
  const db = path.join(CACHE, `register-${key}-s${LATEST_SCHEMA_VERSION}.sqlite`);
  const timing = path.join(CACHE, `register-${key}-s${LATEST_SCHEMA_VERSION}.import.json`);
  let generated: GenerateResult | null = null;
  if (!fs.existsSync(file)) {
    // Received up to yesterday: an import refuses dates after today.
    const today = addDays(vietnamDate(new Date()), -1);
    const started = Date.now();
    generated = await generateRegisterFile(`${file}.part`, { petitions: size, today });
    fs.renameSync(`${file}.part`, file);
    log(`  generated ${path.basename(file)}: ${size.toLocaleString('en')} petitions, ${generated.visits.toLocaleString('en')} visits, ${generated.matters.toLocaleString('en')} matters, ${(generated.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (fs.existsSync(db) && fs.existsSync(timing)) {
    const kept = JSON.parse(fs.readFileSync(timing, 'utf8')) as { ms: number; maxRssMB: number };
    return { size, file, fileBytes: fileSize(file), register: db, registerBytes: fileSize(db), import: { ...kept, cached: true }, generated };
  }
  removeRegisterFiles(db);
  // A register built from the same file by an older schema: copied and migrated (as an upgrade of
  // the app would), keeping the timing of its import.
  const older = fs
    .readdirSync(CACHE)
    .map((name) => /^register-(.+)-s(\d+)\.sqlite$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === key && Number(m[2]) < LATEST_SCHEMA_VERSION && fs.existsSync(path.join(CACHE, `register-${key}-s${m[2]}.import.json`)))
    .sort((a, b) => Number(b[2]) - Number(a[2]))[0];
  if (older) {
    const from = path.join(CACHE, older[0]);
    log(`  migrating ${older[0]} to schema ${LATEST_SCHEMA_VERSION}…`);
    const started = Date.now();
    fs.copyFileSync(from, db);
    const register = await openRegister({ path: db });
    await register.close();
    const kept = JSON.parse(fs.readFileSync(path.join(CACHE, `register-${key}-s${older[2]}.import.json`), 'utf8')) as { ms: number; maxRssMB: number };
    fs.writeFileSync(timing, JSON.stringify({ ...kept, migratedFrom: Number(older[2]) }));
    log(`  migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { size, file, fileBytes: fileSize(file), register: db, registerBytes: fileSize(db), import: { ...kept, cached: true }, generated };
  }
  log(`  importing ${path.basename(file)} with petreg import…`);
  const run = await timedImport(file, db);
  fs.writeFileSync(timing, JSON.stringify({ ms: run.ms, maxRssMB: run.maxRssMB }));
  return { size, file, fileBytes: fileSize(file), register: db, registerBytes: fileSize(db), import: { ms: run.ms, maxRssMB: run.maxRssMB, cached: false }, generated };
}
