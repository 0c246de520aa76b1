// Register numbers (số vào sổ): per year, from 000001, gap-free, assigned inside the saving
// transaction, so that concurrent saves (same process or another one) never share or skip one,
// and a save that fails consumes none.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Petition } from '../../shared/domain/petition.ts';
import { formatRegisterNo, parseRegisterNo } from '../../shared/domain/petition.ts';
import type { ApiErrorCode } from '../../shared/errors.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { BINH, DUC, HUNG, delegationInput, petitionInput, updateInput } from '../helpers/intake.ts';
import { tempLocation, type TempLocation } from '../helpers/location.ts';
import { onPostgres, rawAll, rawRun, tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

let registers: TempRegister[] = [];
let locations: TempLocation[] = [];
afterEach(async () => {
  for (const t of registers) await t.cleanup();
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

async function open(options: { path?: string } = {}): Promise<TempRegister> {
  // Late in 2027, so that receipts throughout 2026 and 2027 are not in the future.
  const t = await tempRegister({ now: new Date('2027-12-30T03:00:00Z'), ...options });
  registers.push(t);
  return t;
}

async function openTwo(): Promise<[TempRegister, TempRegister]> {
  const file = await sharedLocation();
  return [await open({ path: file }), await open({ path: file })];
}

/** Every petition of the register as [year, seq, register_no], in id order. */
function numbers(t: TempRegister): Promise<{ year: number; seq: number; register_no: string }[]> {
  return rawAll(t.register, 'select year, seq, register_no from petitions order by id');
}

const seqs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => from + i);
const sortedSeqsOf = (registerNos: string[], year: number) =>
  registerNos
    .map((r) => parseRegisterNo(r)!)
    .filter((p) => p.year === year)
    .map((p) => p.seq)
    .sort((a, b) => a - b);

describe('register numbers', () => {
  it('start at 000001 in each year and follow on without gaps', async () => {
    const t = await open();
    const created: Petition[] = [];
    for (let i = 0; i < 12; i++) created.push(await t.client.petitions.create(petitionInput({ summary: `Đơn số ${i + 1}` })));
    expect(created.map((p) => p.registerNo)).toEqual(seqs(12).map((n) => `2026/${String(n).padStart(6, '0')}`));
    expect(created[0]!.registerNo).toBe('2026/000001');
    expect(await numbers(t)).toEqual(seqs(12).map((seq) => ({ year: 2026, seq, register_no: formatRegisterNo(2026, seq) })));
  });

  it('keep an independent sequence per year, received dates interleaved', async () => {
    const t = await open();
    const dates = ['2025-12-30', '2026-01-02', '2025-12-31', '2025-06-01', '2026-03-15', '2026-01-01', '2024-02-29', '2025-01-01', '2026-12-31'];
    const created: Petition[] = [];
    for (const receivedOn of [...dates, ...dates]) created.push(await t.client.petitions.create(petitionInput({ receivedOn })));
    const byYear = (year: number) => created.filter((p) => p.receivedOn.startsWith(String(year))).map((p) => p.registerNo);
    expect(byYear(2024)).toEqual(['2024/000001', '2024/000002']);
    expect(byYear(2025)).toEqual(seqs(8).map((n) => formatRegisterNo(2025, n)));
    expect(byYear(2026)).toEqual(seqs(8).map((n) => formatRegisterNo(2026, n)));
    // The number's year is the received date's year, in the columns too.
    for (const row of await numbers(t)) expect(row.register_no).toBe(formatRegisterNo(row.year, row.seq));
    for (const p of created) expect(p.registerNo.slice(0, 4)).toBe(p.receivedOn.slice(0, 4));
  });

  it('continue where they were after the register is closed and opened again', async () => {
    const t = await open();
    await t.client.petitions.create(petitionInput());
    await t.client.petitions.create(petitionInput({ receivedOn: '2025-11-11' }));
    await t.close();
    const again = await open({ path: t.path });
    expect((await again.client.petitions.create(petitionInput())).registerNo).toBe('2026/000002');
    expect((await again.client.petitions.create(petitionInput({ receivedOn: '2025-01-01' }))).registerNo).toBe('2025/000002');
  });
});

describe('concurrent saves', () => {
  const PER_CONNECTION = 50;

  it('from two registers on one file in one process: 2×50 at once get exactly 1..100', async () => {
    const [a, b] = await openTwo();
    expect(a.register.db).not.toBe(b.register.db);
    const results = await Promise.all(
      seqs(PER_CONNECTION * 2, 0).map((i) => (i % 2 ? a : b).api.call('petitions.create', petitionInput({ summary: `Đồng thời ${i}`, petitioners: [{ fullName: `Người ${i}` }] }))),
    );
    const created = results.map((r) => expectOk<Petition>(r));
    const registerNos = created.map((p) => p.registerNo);
    expect(new Set(registerNos).size).toBe(registerNos.length);
    expect(sortedSeqsOf(registerNos, 2026)).toEqual(seqs(PER_CONNECTION * 2));
    expect((await numbers(a)).map((r) => r.seq).sort((x, y) => x - y)).toEqual(seqs(PER_CONNECTION * 2));
    expect((await registerSnapshot(b.register)).counts).toMatchObject({ petitions: PER_CONNECTION * 2, petition_petitioners: PER_CONNECTION * 2 });
    const audit = await rawAll(a.register, "select entity_id from audit_log where entity = 'petition' and action = 'create'");
    expect(audit).toHaveLength(PER_CONNECTION * 2);
  });

  it('from two registers on one file, two years at once: each year gap-free', async () => {
    const [a, b] = await openTwo();
    const results = await Promise.all(
      seqs(60, 0).map((i) => (i % 3 ? a : b).api.call('petitions.create', petitionInput({ receivedOn: i % 2 ? '2025-12-31' : '2026-01-01' }))),
    );
    const registerNos = results.map((r) => expectOk<Petition>(r).registerNo);
    expect(sortedSeqsOf(registerNos, 2025)).toEqual(seqs(30));
    expect(sortedSeqsOf(registerNos, 2026)).toEqual(seqs(30));
  });

  it('from two OS processes on one file: 2×50 at once get exactly 1..100', async () => {
    const file = await sharedLocation();
    const t = await open({ path: file });

    const script = fileURLToPath(new URL('../helpers/writer-process.ts', import.meta.url));
    const child = spawn(process.execPath, [script, file, 'PROC', String(PER_CONNECTION), 'petitions', '2026-03-15'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = readline.createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    try {
      expect((await iterator.next()).value, stderr).toBe('ready');
      child.stdin.write('go\n');
      const mine = await Promise.all(
        seqs(PER_CONNECTION, 0).map((i) => t.api.call('petitions.create', petitionInput({ summary: `MAIN ${i}`, petitioners: [{ fullName: `Người chính ${i}` }] }))),
      );
      const report = JSON.parse(String((await iterator.next()).value)) as { ok: number; failures: unknown[]; registerNos: string[] };
      expect(await exited, stderr).toBe(0);

      expect(report).toMatchObject({ ok: PER_CONNECTION, failures: [] });
      const registerNos = [...mine.map((r) => expectOk<Petition>(r).registerNo), ...report.registerNos];
      expect(registerNos).toHaveLength(PER_CONNECTION * 2);
      expect(new Set(registerNos).size).toBe(PER_CONNECTION * 2);
      expect(sortedSeqsOf(registerNos, 2026)).toEqual(seqs(PER_CONNECTION * 2));
      // What each side was told is what the register holds.
      const stored = new Map(
        (await rawAll<{ register_no: string; summary: string }>(t.register, 'select register_no, summary from petitions')).map((r) => [r.register_no, r.summary]),
      );
      expect(stored.size).toBe(PER_CONNECTION * 2);
      report.registerNos.forEach((no, i) => expect(stored.get(no)).toBe(`PROC ${i}`));
      mine.forEach((r, i) => expect(stored.get(expectOk<Petition>(r).registerNo)).toBe(`MAIN ${i}`));
      // The file's own soundness (PostgreSQL has no file of the register to check).
      if (!onPostgres) expect(t.register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      lines.close();
      if (child.exitCode === null) child.kill();
    }
  });

  it('from three desks in their own processes and this one, on one register: 4×30 at once get exactly 1..120', async () => {
    const file = await sharedLocation();
    const t = await open({ path: file });
    const script = fileURLToPath(new URL('../helpers/writer-process.ts', import.meta.url));
    const N = 30;
    const desks = ['DESK1', 'DESK2', 'DESK3'].map((prefix) => {
      const child = spawn(process.execPath, [script, file, prefix, String(N), 'petitions', '2026-03-15'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const lines = readline.createInterface({ input: child.stdout });
      return { prefix, child, stderr: () => stderr, exited, lines, iterator: lines[Symbol.asyncIterator]() };
    });
    try {
      for (const d of desks) expect((await d.iterator.next()).value, d.stderr()).toBe('ready');
      for (const d of desks) d.child.stdin.write('go\n');
      const mine = await Promise.all(seqs(N, 0).map((i) => t.api.call('petitions.create', petitionInput({ summary: `MAIN ${i}` }))));
      const reports = [];
      for (const d of desks) {
        reports.push(JSON.parse(String((await d.iterator.next()).value)) as { ok: number; failures: unknown[]; registerNos: string[] });
        expect(await d.exited, d.stderr()).toBe(0);
      }
      for (const report of reports) expect(report).toMatchObject({ ok: N, failures: [] });
      const registerNos = [...mine.map((r) => expectOk<Petition>(r).registerNo), ...reports.flatMap((r) => r.registerNos)];
      expect(new Set(registerNos).size).toBe(4 * N);
      expect(sortedSeqsOf(registerNos, 2026)).toEqual(seqs(4 * N));
      // What each desk was told is what the register holds.
      const stored = new Map((await rawAll<{ register_no: string; summary: string }>(t.register, 'select register_no, summary from petitions')).map((r) => [r.register_no, r.summary]));
      expect(stored.size).toBe(4 * N);
      reports.forEach((report, k) => report.registerNos.forEach((no, i) => expect(stored.get(no)).toBe(`${desks[k]!.prefix} ${i}`)));
      mine.forEach((r, i) => expect(stored.get(expectOk<Petition>(r).registerNo)).toBe(`MAIN ${i}`));
    } finally {
      for (const d of desks) {
        d.lines.close();
        if (d.child.exitCode === null) d.child.kill();
      }
    }
  }, 60_000);

  it('interleaved with failing saves: the failures take no number', async () => {
    const [a, b] = await openTwo();
    const results = await Promise.all(
      seqs(45, 0).map((i) =>
        (i % 2 ? a : b).api.call(
          'petitions.create',
          // Every third save fails inside its transaction, after its number was drawn.
          petitionInput({ summary: `Đơn ${i}`, petitioners: [i % 3 === 2 ? { ...DUC, citizenId: 987_654 } : { fullName: `Người ${i}` }] }),
        ),
      ),
    );
    const ok = results.filter((r) => r.ok).map((r) => expectOk<Petition>(r).registerNo);
    results.filter((r) => !r.ok).forEach((r) => expectError(r, 'NOT_FOUND'));
    expect(ok).toHaveLength(30);
    expect(sortedSeqsOf(ok, 2026)).toEqual(seqs(30));
    expect((await a.client.petitions.create(petitionInput())).registerNo).toBe('2026/000031');
  });
});

describe('a save that fails', () => {
  async function withDelegation(t: TempRegister) {
    const session = await t.client.sessions.openToday();
    return t.client.visits.save(delegationInput(session.id, 7, [BINH, HUNG]));
  }

  it('consumes no number, whatever stops it', async () => {
    const t = await open();
    const delegation = await withDelegation(t);
    expect((await t.client.petitions.create(petitionInput())).registerNo).toBe('2026/000001');
    const duc = (await t.client.citizens.search({ query: DUC.idNumber! }))[0]!.id;

    const failures: [label: string, input: unknown, code: ApiErrorCode][] = [
      ['bad input', petitionInput({ summary: '' }), 'VALIDATION'],
      ['a rule between fields', petitionInput({ channel: 'forwarded' }), 'VALIDATION'],
      ['an unknown visit', petitionInput({ visitId: 987_654 }), 'NOT_FOUND'],
      ["a delegation's representative missing", petitionInput({ visitId: delegation.id, signatories: 2, petitioners: [BINH, DUC] }), 'VALIDATION'],
      ['an unknown citizen (after the number is drawn)', petitionInput({ petitioners: [{ ...DUC, citizenId: 987_654 }] }), 'NOT_FOUND'],
      [
        "another citizen's ID number (second petitioner)",
        petitionInput({ signatories: 2, petitioners: [{ fullName: 'Ai Đó' }, { ...DUC, citizenId: duc, idNumber: BINH.idNumber }] }),
        'CONFLICT',
      ],
    ];
    for (const [label, input, code] of failures) {
      const before = await registerSnapshot(t.register);
      expectError(await t.api.call('petitions.create', input), code);
      expect(await registerSnapshot(t.register), label).toEqual(before);
    }
    expect((await t.client.petitions.create(petitionInput())).registerNo).toBe('2026/000002');
  });

  it('consumes no number when the register refuses the write at the very end (audit row)', async () => {
    const t = await open();
    await t.client.petitions.create(petitionInput());
    if (onPostgres) {
      // A constraint-class error (23000), as SQLite's raise(abort) is a constraint failure.
      await rawRun(t.register, `create function fail_petition_audit() returns trigger language plpgsql as $$
        begin raise exception 'simulated failure' using errcode = '23000'; end $$`);
      await rawRun(t.register, `create trigger fail_petition_audit before insert on audit_log for each row when (new.entity = 'petition') execute function fail_petition_audit()`);
    } else {
      await rawRun(t.register, `create trigger fail_petition_audit before insert on audit_log when new.entity = 'petition'
      begin select raise(abort, 'simulated failure'); end`);
    }
    const before = await registerSnapshot(t.register);
    expectError(await t.api.call('petitions.create', petitionInput()), 'CONFLICT');
    expect(await registerSnapshot(t.register)).toEqual(before);
    await rawRun(t.register, onPostgres ? 'drop trigger fail_petition_audit on audit_log' : 'drop trigger fail_petition_audit');
    expect((await t.client.petitions.create(petitionInput())).registerNo).toBe('2026/000002');
  });
});

describe('editing a petition', () => {
  it('never changes its number; moving the received date to another year is refused', async () => {
    const t = await open();
    const first = await t.client.petitions.create(petitionInput({ receivedOn: '2026-01-05' }));
    const second = await t.client.petitions.create(petitionInput({ receivedOn: '2026-01-06' }));

    const moved = await t.client.petitions.update(updateInput(first, { receivedOn: '2026-12-31', summary: 'Sửa ngày nhận trong năm' }));
    expect(moved).toMatchObject({ registerNo: '2026/000001', receivedOn: '2026-12-31' });

    for (const receivedOn of ['2025-12-31', '2027-01-01']) {
      const before = await registerSnapshot(t.register);
      const error = expectError(await t.api.call('petitions.update', updateInput(second, { receivedOn })), 'VALIDATION');
      expect(error.message).toContain('2026/000002');
      expect(error.issues).toEqual([{ path: 'receivedOn', message: 'Ngày nhận phải thuộc năm 2026' }]);
      expect(await registerSnapshot(t.register)).toEqual(before);
    }
    expect((await t.client.petitions.get({ id: second.id })).petition).toEqual(second);
    // Neither edit moved the year's counter.
    expect((await t.client.petitions.create(petitionInput())).registerNo).toBe('2026/000003');
    expect((await t.client.petitions.create(petitionInput({ receivedOn: '2025-12-31' }))).registerNo).toBe('2025/000001');
  });
});
