// `npm test`: every check, in order — typecheck, lint, unit + integration (vitest), E2E in the
// browser preview (Playwright, Debian's Chromium), the Electron smoke suite (skipped, and said so,
// where no Electron binary exists). Stops at the first failing step; ends with one totals line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgresBin, startCluster, type Cluster } from './postgres-cluster.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');
fs.mkdirSync(RESULTS, { recursive: true });

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
/** The throw-away PostgreSQL cluster of this run, if one was started (stopped by finish). */
let cluster: Cluster | null = null;

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n━━ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) console.error(`✘ ${label} failed (exit ${result.status ?? result.signal})`);
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function countVitest(file: string): void {
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(file);
  if (!report) return;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function countPlaywright(file: string): void {
  const report = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(file);
  if (!report) return;
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
  totals.skipped += report.stats.skipped;
}

function finish(ok: boolean): never {
  cluster?.stop();
  console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const node = process.execPath;

if (!run('typecheck', npx, ['tsc', '-p', 'tsconfig.node.json'])) finish(false);
if (!run('typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.renderer.json'])) finish(false);
if (!run('typecheck (e2e: Playwright code with DOM types)', npx, ['tsc', '-p', 'tsconfig.e2e.json'])) finish(false);
if (!run('lint', npx, ['eslint', '--max-warnings=0', '.'])) finish(false);

const vitestJson = path.join(RESULTS, 'vitest.json');
const unitOk = run('unit + integration', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
countVitest(vitestJson);
if (!unitOk) finish(false);

// The integration suite again on PostgreSQL (issue 14): on a server given by PETREG_TEST_POSTGRES,
// else on a throw-away cluster started here from Debian's binaries (kept for the E2E step, which
// runs two preview servers on one database). CI must have it; elsewhere it is skipped, and said so.
let postgresUrl = process.env.PETREG_TEST_POSTGRES ?? '';
if (!postgresUrl && postgresBin()) {
  try {
    cluster = await startCluster();
    postgresUrl = cluster.url;
  } catch (error) {
    console.error(`✘ could not start a PostgreSQL cluster: ${(error as Error).message}`);
    finish(false);
  }
}
if (postgresUrl) {
  const pgJson = path.join(RESULTS, 'vitest-postgres.json');
  const pgOk = run('integration on PostgreSQL', npx, ['vitest', 'run', '--config', 'vitest.postgres.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${pgJson}`], { PETREG_TEST_POSTGRES: postgresUrl });
  countVitest(pgJson);
  if (!pgOk) finish(false);
} else if (process.env.CI) {
  console.error('✘ PostgreSQL is not installed: CI runs the integration suite on both engines (.ci/run installs it)');
  finish(false);
} else {
  console.log('\n━━ integration on PostgreSQL: skipped (no PostgreSQL server here: apt-get install postgresql, or set PETREG_TEST_POSTGRES)');
}

if (!run('build renderer', npx, ['vite', 'build', '--logLevel', 'warn'])) finish(false);
const e2eJson = path.join(RESULTS, 'e2e.json');
const e2eOk = run('e2e (browser preview)', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, PETREG_TEST_POSTGRES: postgresUrl });
countPlaywright(e2eJson);
if (!e2eOk) finish(false);

const smokeJson = path.join(RESULTS, 'electron.json');
fs.rmSync(smokeJson, { force: true });
const smokeOk = run('electron smoke', node, ['tests/electron/run.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: smokeJson });
if (fs.existsSync(smokeJson)) countPlaywright(smokeJson);
else totals.skipped += 1;
finish(smokeOk);
