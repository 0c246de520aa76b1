// Two connections on one register file writing at the same time: every write succeeds and the
// audit log has exactly one row per write.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import { tempLocation, type TempLocation } from '../helpers/location.ts';
import { onPostgres, rawAll, tempRegister, type TempRegister } from '../helpers/register.ts';
import { expectOk } from '../helpers/envelope.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const WRITES_PER_CONNECTION = 60;

let registers: TempRegister[] = [];
let locations: TempLocation[] = [];
afterEach(async () => {
  for (const t of registers) await t.close();
  for (const l of locations) await l.cleanup();
  registers = [];
  locations = [];
});

/** A fresh location (file or database) several registers open, removed after the test. */
async function sharedLocation(): Promise<string> {
  const l = await tempLocation();
  locations.push(l);
  return l.path;
}

async function openTwo(): Promise<[TempRegister, TempRegister]> {
  const file = await sharedLocation();
  const a = await tempRegister({ path: file });
  registers.push(a);
  const b = await tempRegister({ path: file });
  registers.push(b);
  return [a, b];
}

function auditRowsFor(t: TempRegister, entity: string): Promise<{ entity_id: string; action: string }[]> {
  return rawAll(t.register, 'select entity_id, action from audit_log where entity = ? order by id', entity);
}

describe('two connections on the same file', () => {
  it('interleaved agencies.upsert calls all succeed, one audit row each', async () => {
    const [a, b] = await openTwo();
    expect(a.register.db).not.toBe(b.register.db);
    const before = await registerSnapshot(a.register);

    const calls = Array.from({ length: WRITES_PER_CONNECTION * 2 }, (_, i) => {
      const t = i % 2 === 0 ? a : b;
      return t.api.call('agencies.upsert', { code: `CC-${i}`, name: `Cơ quan đồng thời ${i}`, kind: 'other' });
    });
    const results = await Promise.all(calls);
    const created = results.map((r) => expectOk<Agency>(r));

    expect(new Set(created.map((x) => x.id)).size).toBe(created.length);
    const after = await registerSnapshot(b.register);
    expect(after.counts.agencies).toBe(before.counts.agencies! + created.length);
    expect(after.auditCount).toBe(before.auditCount + created.length);
    const audit = await auditRowsFor(a, 'agency');
    expect(audit).toHaveLength(created.length);
    expect(audit.map((r) => r.entity_id).sort()).toEqual(created.map((x) => String(x.id)).sort());
    // The file's own soundness (PostgreSQL has no file of the register to check).
    if (!onPostgres) expect(a.register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('concurrent updates of the same agency all succeed and are each audited with their own before', async () => {
    const [a, b] = await openTwo();
    const target = expectOk<Agency>(await a.api.call('agencies.upsert', { code: 'CC-SAME', name: 'Bản 0', kind: 'other' }));
    const n = 40;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        (i % 2 ? a : b).api.call('agencies.upsert', { id: target.id, code: 'CC-SAME', name: `Bản ${i + 1}`, kind: 'other' }),
      ),
    );
    results.forEach((r) => expectOk(r));
    const rows = await rawAll<{ before_json: string; after_json: string }>(a.register, "select before_json, after_json from audit_log where entity = 'agency' and action = 'update' order by id");
    expect(rows).toHaveLength(n);
    // Serialised writes: each update's "before" is the previous update's "after".
    let previous = 'Bản 0';
    for (const row of rows) {
      expect((JSON.parse(row.before_json) as Agency).name).toBe(previous);
      previous = (JSON.parse(row.after_json) as Agency).name;
    }
    expect((await b.client.agencies.get({ id: target.id })).name).toBe(previous);
  });

  it('two registers opened at once on a new file migrate and seed it once', async () => {
    const file = await sharedLocation();
    const [a, b] = await Promise.all([tempRegister({ path: file }), tempRegister({ path: file })]);
    registers.push(a, b);
    const counts = (await registerSnapshot(a.register)).counts;
    expect(counts).toMatchObject({ agencies: 125, users: 1, audit_log: 1, kysely_migration: LATEST_SCHEMA_VERSION });
    expect(b.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('two processes on the same file', () => {
  it('writes from another process queue on the busy timeout and all succeed', async () => {
    const file = await sharedLocation();
    const t = await tempRegister({ path: file });
    registers.push(t);

    const script = fileURLToPath(new URL('../helpers/writer-process.ts', import.meta.url));
    const child = spawn(process.execPath, [script, file, 'PROC', String(WRITES_PER_CONNECTION)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = readline.createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();

    const first = await iterator.next();
    expect(first.value, stderr).toBe('ready');
    child.stdin.write('go\n');
    const mine = await Promise.all(
      Array.from({ length: WRITES_PER_CONNECTION }, (_, i) =>
        t.api.call('agencies.upsert', { code: `MAIN-${i}`, name: `Cơ quan chính số ${i}`, kind: 'other' }),
      ),
    );
    const report = await iterator.next();
    lines.close();
    expect(await exited, stderr).toBe(0);

    mine.forEach((r) => expectOk(r));
    expect(JSON.parse(String(report.value))).toEqual({ ok: WRITES_PER_CONNECTION, failures: [] });
    const rows = await auditRowsFor(t, 'agency');
    expect(rows).toHaveLength(WRITES_PER_CONNECTION * 2);
    const codes = await rawAll(t.register, "select code from agencies where code like 'PROC-%' or code like 'MAIN-%'");
    expect(codes).toHaveLength(WRITES_PER_CONNECTION * 2);
  });
});
