// Importing a file in slices (db/interchange/import-file.ts): the file's outline is gathered in one
// pass, then each collection is read, checked and written a slice at a time. The same file gives
// the same register whole or in slices of any size (record for record on SQLite, the same export on
// both engines), with records cut across the reader's chunks; the rules across the whole file hold
// across slices (refs, register numbers, a duplicate whose original comes later, notices), and a
// refused slice writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRegisterFile } from '../../bench/generate.ts';
import type { Actor } from '../../db/context.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importInterchangeFile, outlineFile, needsSlices, type FileImportOptions } from '../../db/interchange/import-file.ts';
import { importFile } from '../../db/interchange/import.ts';
import { ApiError } from '../../shared/errors.ts';
import type { V1File } from '../../shared/interchange/v1.ts';
import { serialiseInterchangeV2, type V2File } from '../../shared/interchange/v2.ts';
import { onPostgres, rawAll, tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot, tableDigests } from '../helpers/snapshot.ts';

const NOW = new Date('2026-11-30T02:00:00Z');
const ACTOR: Actor = { id: null, name: 'Kiểm thử nhập theo phần' };
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/interchange-sample.json');

const registers: TempRegister[] = [];
async function newRegister(now = NOW): Promise<TempRegister> {
  const r = await tempRegister({ now });
  registers.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

const strip = (t: string) => t.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');

/** The register as the two imports must agree on it: its export, and on SQLite every row of every table. */
async function contentOf(r: TempRegister) {
  return { export: strip(serialiseInterchangeV2(await exportRegister(r.register))), rows: onPostgres ? null : tableDigests(r.register.sqlite) };
}

async function importError(r: TempRegister, file: string, options: FileImportOptions): Promise<ApiError> {
  const error = await importInterchangeFile(r.register, file, ACTOR, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

function writeJson(dir: string, name: string, data: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

const sample = () => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as V1File;

describe('an import in slices', () => {
  it('gives the register a whole import gives, record for record, whatever the slice and the read size', async () => {
    const whole = await newRegister();
    const file = path.join(whole.dir, 'history.json');
    await generateRegisterFile(file, { petitions: 240, today: '2026-11-29', seed: 5 });
    const outlined = outlineFile(file)!;
    expect(needsSlices(outlined)).toBe(false);
    expect(needsSlices(outlined, { sliceRecords: 50 })).toBe(true);
    const counts = await importInterchangeFile(whole.register, file, ACTOR);
    const expected = await contentOf(whole);
    for (const options of [{ sliceRecords: 50 }, { sliceRecords: 7, chunkBytes: 300 }]) {
      const sliced = await newRegister();
      expect(await importInterchangeFile(sliced.register, file, ACTOR, options)).toEqual(counts);
      expect(await contentOf(sliced)).toEqual(expected);
      // One audit row for the whole import, naming the file, as a whole import writes it.
      const audit = await rawAll<{ after_json: string }>(sliced.register, "select after_json from audit_log where action = 'import'");
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ format: 'petition-register/v2', source: 'history.json', petitions: 240 });
    }
    expect(counts.petitions).toBe(240);
    expect(counts.decisions).toBeGreaterThan(100);
  }, 180_000);

  it('writes a v1 file (matters made on import, a duplicate joining its original) as a whole import does', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const whole = await newRegister(august);
    const sliced = await newRegister(august);
    const file = writeJson(whole.dir, 'sample.json', sample());
    await importFile(whole.register, sample(), ACTOR, { source: 'sample.json' });
    await importInterchangeFile(sliced.register, file, ACTOR, { sliceRecords: 2 });
    const x = await contentOf(sliced);
    expect(x).toEqual(await contentOf(whole));
    expect(x.export).toContain('"duplicate_of": "P1"');
  });

  it('writes a duplicate whose original comes in a later slice, with the handling the file gives it', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const data = sample();
    // P1, the original of P5, last in the file; slices of one petition.
    data.petitions.push(data.petitions.shift()!);
    const whole = await newRegister(august);
    const sliced = await newRegister(august);
    const file = writeJson(whole.dir, 'later.json', data);
    const a = await importInterchangeFile(whole.register, file, ACTOR);
    const b = await importInterchangeFile(sliced.register, file, ACTOR, { sliceRecords: 1 });
    expect(b).toEqual(a);
    expect((await contentOf(sliced)).export).toBe((await contentOf(whole)).export);
    const joined = await rawAll<{ duplicate: number; original: number; same: number }>(
      sliced.register,
      `select c.petition_id as duplicate, c.duplicate_of as original, case when d.matter_id = o.matter_id then 1 else 0 end as same
         from classifications c
         join petition_contents d on d.petition_id = c.petition_id and d.position = 0
         join petition_contents o on o.petition_id = c.duplicate_of and o.position = 0`,
    );
    expect(joined).toHaveLength(1);
    expect(Number(joined[0]!.same)).toBe(1);
  });

  it('refuses a ref used twice in different slices before writing anything, as a whole import names it', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const data = sample();
    data.petitions[5]!.ref = 'P2';
    const r = await newRegister(august);
    const file = writeJson(r.dir, 'twice.json', data);
    const before = await registerSnapshot(r.register);
    const sliced = await importError(r, file, { sliceRecords: 2 });
    const whole = (await importFile(r.register, JSON.parse(fs.readFileSync(file, 'utf8')), ACTOR).catch((e: unknown) => e)) as ApiError;
    expect(sliced.code).toBe('VALIDATION');
    expect(sliced.issues).toEqual([{ path: 'petitions[ref=P2].ref', message: 'Mã tham chiếu “P2” đã dùng cho một đơn khác trong tệp' }]);
    expect(whole.issues).toContainEqual(sliced.issues![0]);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });

  it('refuses a register number used twice across slices, and a record without a ref by its place in the file', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const r = await newRegister(august);
    const before = await registerSnapshot(r.register);
    const twice = sample();
    twice.petitions[4]!.register_no = '2026/000005';
    const numbers = await importError(r, writeJson(r.dir, 'numbers.json', twice), { sliceRecords: 2 });
    expect(numbers.issues).toEqual([{ path: 'petitions[ref=P5].register_no', message: 'Số vào sổ 2026/000005 đã dùng cho petitions[ref=P1] trong tệp' }]);
    const noRef = sample();
    delete (noRef.petitions[4] as { ref?: string }).ref;
    const unnamed = await importError(r, writeJson(r.dir, 'noref.json', noRef), { sliceRecords: 2 });
    expect(unnamed.issues).toEqual([{ path: 'petitions[4].ref', message: 'Thiếu mã tham chiếu ref' }]);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });

  it('refuses a bad record in the last slice by its ref and field, and writes nothing of the slices before it', async () => {
    const first = await newRegister();
    const file = path.join(first.dir, 'history.json');
    await generateRegisterFile(file, { petitions: 120, today: '2026-11-29', seed: 9 });
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as V2File;
    const last = data.petitions.at(-1)!;
    last.summary = '';
    const bad = writeJson(first.dir, 'bad.json', data);
    const r = await newRegister();
    const before = await registerSnapshot(r.register);
    const error = await importError(r, bad, { sliceRecords: 25 });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toBe(`petitions[ref=${last.ref}].summary`);
    expect(await registerSnapshot(r.register)).toEqual(before);
    // A wrong format is said before anything else, as a whole import says it.
    const v3 = writeJson(first.dir, 'v3.json', { ...data, format: 'petition-register/v3' });
    const format = await importError(r, v3, { sliceRecords: 25 });
    expect(format.issues).toEqual([{ path: 'format', message: expect.stringContaining('"petition-register/v3" không được hỗ trợ') }]);
    expect(await registerSnapshot(r.register)).toEqual(before);
  }, 120_000);

  it('checks a duplicate against its original in another slice, and reports the first refused slice', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const r = await newRegister(august);
    const data = sample();
    // P5 (duplicate of P1) received before its original: judged across slices.
    data.petitions[4]!.received_on = '2026-04-20';
    data.petitions[4]!.classification = { ...data.petitions[4]!.classification!, on: '2026-04-21' } as never;
    data.petitions[5]!.visit = 'V9';
    const error = await importError(r, writeJson(r.dir, 'cross.json', data), { sliceRecords: 1 });
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'petitions[ref=P5].classification.duplicate_of', message: 'Đơn gốc P1 nhận ngày 2026-04-27, sau đơn này (2026-04-20): đơn gốc phải được nhận trước hoặc cùng ngày' },
      ]),
    );
    // The first failing slice is reported: P6's unknown visit is in the next one.
    expect(error.issues!.every((i) => i.path.startsWith('petitions[ref=P5]'))).toBe(true);
    expect(error.issues!.some((i) => i.path.startsWith('petitions[ref=P6]'))).toBe(false);
  });
});

describe('an import in slices of a v2 file with notices and merged matters', () => {
  it('gives the register a whole import gives', async () => {
    const source = await newRegister();
    const file = path.join(source.dir, 'history.json');
    await generateRegisterFile(file, { petitions: 90, today: '2026-11-29', seed: 13 });
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as V2File;
    // A matter merged into another (holding nothing), and notices on petitions and a visit.
    const live = data.matters[0]!;
    data.matters.push({ ...live, ref: 'M-MERGED', title: 'Vụ việc đã gộp', merged_into: live.ref });
    const forwarded = data.petitions.filter((p) => p.decision?.action === 'forward');
    expect(forwarded.length).toBeGreaterThan(3);
    const notices = forwarded.slice(0, 4).map((p, i) => ({
      ref: `N${i + 1}`,
      kind: 'handling',
      petition: p.ref,
      visit: null,
      step: 'decision',
      recipient: p.petitioners[0]?.full_name ?? 'Người đứng đơn',
      due_on: p.decision!.on,
      issued_on: i < 2 ? p.decision!.on : null,
      document_no: i < 2 ? `${String(i + 1).padStart(2, '0')}/TB-BTCD` : null,
      issued_by: null,
    }));
    Object.assign(data, { notices });
    const text = serialiseInterchangeV2(data as V2File);
    const path2 = path.join(source.dir, 'with-notices.json');
    fs.writeFileSync(path2, text);
    const whole = await newRegister();
    const sliced = await newRegister();
    const a = await importInterchangeFile(whole.register, path2, ACTOR);
    const b = await importInterchangeFile(sliced.register, path2, ACTOR, { sliceRecords: 3, chunkBytes: 1024 });
    expect(b).toEqual(a);
    expect(a.notices).toBe(4);
    expect(await contentOf(sliced)).toEqual(await contentOf(whole));
    // A notice number used twice across slices is refused before anything is written.
    const twice = { ...data, notices: [...notices, { ...notices[0]!, ref: 'N9' }] };
    const r = await newRegister();
    const before = await registerSnapshot(r.register);
    const error = await importError(r, writeJson(source.dir, 'twice.json', twice), { sliceRecords: 3 });
    expect(error.issues).toEqual([
      { path: 'notices[ref=N9].document_no', message: `Số thông báo 01/TB-BTCD năm ${notices[0]!.issued_on!.slice(0, 4)} đã dùng cho thông báo N1 trong tệp` },
    ]);
    expect(await registerSnapshot(r.register)).toEqual(before);
  }, 120_000);
});
