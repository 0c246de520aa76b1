// Crash test: a writer process is SIGKILLed at random moments, round after round, on one
// register. After every kill the register must be sound: integrity, the audit hash chain,
// petitions matching their audit, gap-free register numbers, and every acknowledged write
// present. 10 rounds in CI; PETREG_CRASH_ROUNDS=N for more.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain, verifyPetitionStates } from '../../db/integrity.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { ROOT } from '../helpers/petreg.ts';

const ROUNDS = Number(process.env.PETREG_CRASH_ROUNDS ?? 10);
const WRITER = path.join(ROOT, 'tests', 'helpers', 'crash-writer.ts');
let t: TempRegister;
afterAll(async () => {
  await t?.cleanup();
});

interface Acks {
  petitions: Map<string, string>;
  classified: Set<string>;
}

/** Runs a writer, kills it `afterMs` after it is ready, and collects what it acknowledged. */
function roundOfWrites(file: string, tag: string, afterMs: number, acks: Acks): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, tag], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs);
      const petition = /^ack petition (\S+) (.+)$/.exec(line);
      if (petition) acks.petitions.set(petition[1]!, petition[2]!);
      const classify = /^ack classify (\S+)$/.exec(line);
      if (classify) acks.classified.add(classify[1]!);
      if (line.startsWith('fail ')) reject(new Error(`a write failed: ${line}`));
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer ended by itself (${code}): ${stderr}`));
    });
  });
}

function checkRegister(file: string, acks: Acks): void {
  const sqlite = new Database(file, { readonly: true });
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(sqlite).firstBroken).toBeNull();
    expect(verifyPetitionStates(sqlite).mismatches).toEqual([]);
    const rows = sqlite.prepare('select p.register_no, p.year, p.seq, p.summary, p.stage from petitions p order by year, seq').all() as {
      register_no: string;
      year: number;
      seq: number;
      summary: string;
      stage: string;
    }[];
    // Gap-free within each year.
    const byYear = new Map<number, number[]>();
    for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.seq]);
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // Every acknowledged write is there, as acknowledged.
    const found = new Map(rows.map((r) => [r.register_no, r]));
    for (const [registerNo, summary] of acks.petitions) expect(found.get(registerNo)?.summary, registerNo).toBe(summary);
    for (const registerNo of acks.classified) expect(found.get(registerNo)?.stage, registerNo).not.toBe('awaiting_classification');
    // Each petition has its creation audited (no petition without its audit row, nor the reverse).
    const audited = sqlite.prepare("select count(*) as n from audit_log where entity = 'petition' and action = 'create'").get() as { n: number };
    expect(audited.n).toBe(rows.length);
  } finally {
    sqlite.close();
  }
}

describe('SIGKILL a writer at random moments', () => {
  it(`${ROUNDS} rounds: integrity, audit chain, gap-free numbers, every acknowledged write`, async () => {
    t = await tempRegister();
    await t.close();
    const acks: Acks = { petitions: new Map(), classified: new Set() };
    const delays = fc.sample(fc.integer({ min: 0, max: 900 }), { numRuns: ROUNDS, seed: 12 });
    for (let round = 0; round < ROUNDS; round++) {
      await roundOfWrites(t.path, `r${round}`, delays[round]!, acks);
      checkRegister(t.path, acks);
    }
    expect(acks.petitions.size).toBeGreaterThan(0);
  }, 60_000 + ROUNDS * 20_000);
});
