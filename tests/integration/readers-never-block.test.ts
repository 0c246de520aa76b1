// Readers never block: while a 10,000-petition import holds the write lock in one process,
// `petreg search` and `petreg export` in others read the register (WAL readers, opened read-only,
// never migrating or seeding), and finish before the import does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { PETREG, ROOT, petregAsync, STACK_LINE } from '../helpers/petreg.ts';

const registers: TempRegister[] = [];
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

function bigImport(file: string, n: number): void {
  const petitions = Array.from({ length: n }, (_, i) => ({
    ref: `P${i}`,
    register_no: null,
    received_on: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    channel: 'post',
    visit: null,
    forwarded_by: null,
    written_on: null,
    kind: 'complaint',
    field: 'land',
    signatories: 1,
    petitioners: [{ full_name: `Người gửi ${i}`, id_number: null, birth_year: null, gender: null, phone: null, address: null, commune_code: null }],
    subject: null,
    summary: `Đơn nhập hàng loạt số ${i}`,
    classification: null,
    decision: null,
    reply: null,
    reminders: [],
  }));
  fs.writeFileSync(file, JSON.stringify({ format: 'petition-register/v1', exported_at: '2026-01-01T00:00:00Z', agencies: [], sessions: [], visits: [], petitions }));
}

/** Whether another connection holds the write lock now. */
function writeLocked(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.exec('begin immediate');
    probe.exec('rollback');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

describe('readers never block', () => {
  it('while a 10,000-petition import runs, petreg search and petreg export from other processes succeed', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create({ receivedOn: '2026-03-10', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại đất đai' });
    await t.close();
    const file = path.join(t.dir, 'big.json');
    bigImport(file, 10_000);

    const importer = spawn(process.execPath, [PETREG, 'import', file, '--db', t.path], { cwd: ROOT });
    let importOut = '';
    importer.stdout.setEncoding('utf8').on('data', (d: string) => (importOut += d));
    importer.stderr.setEncoding('utf8').on('data', (d: string) => (importOut += d));
    const importDone = new Promise<number | null>((resolve) => importer.on('close', resolve));
    let finished = false;
    void importDone.then(() => (finished = true));

    // Wait until the import holds the write lock.
    const started = Date.now();
    while (!writeLocked(t.path)) {
      expect(finished, `the import ended before taking the lock: ${importOut}`).toBe(false);
      expect(Date.now() - started).toBeLessThan(120_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const out = path.join(t.dir, 'export.json');
    const [search, exported] = await Promise.all([petregAsync(['search', 'dat dai', '--db', t.path]), petregAsync(['export', out, '--db', t.path])]);
    const stillImporting = !finished;

    expect(search.stderr).toBe('');
    expect(search.status).toBe(0);
    expect(search.stdout).toContain('2026/000001');
    expect(exported.stderr).not.toMatch(STACK_LINE);
    expect(exported.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).petitions.length).toBe(1); // the snapshot before the import commits

    expect(await importDone).toBe(0);
    expect(importOut).toContain('đơn: 10000');
    // The readers answered while the import still held the lock (when the machine is not too slow to tell).
    if (!stillImporting) console.warn('readers-never-block: the import finished before the readers did; the lock was still held when they started');
    const after = new Database(t.path, { readonly: true });
    expect(after.prepare('select count(*) as n from petitions').get()).toEqual({ n: 10_001 });
    after.close();
  }, 240_000);
});
