// Importing an interchange file from disk (importInterchangeFile, what `petreg import` runs): read
// record by record, the same bytes back on export, and a bad record anywhere writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillDemo } from '../../db/demo/demo.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importInterchangeFile, InterchangeFileError } from '../../db/interchange/import-file.ts';
import { statementCacheOf } from '../../db/dialect.ts';
import { ApiError } from '../../shared/errors.ts';
import { serialiseInterchangeV2, type V2File } from '../../shared/interchange/v2.ts';
import { onPostgres, rawAll, tempRegister, type TempRegister } from '../helpers/register.ts';
import { rawValue } from '../helpers/raw-value.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const DECEMBER = new Date('2026-12-15T02:00:00Z');
const ACTOR = { id: null, name: 'Kiểm thử' };
const registers: TempRegister[] = [];
async function newRegister(): Promise<TempRegister> {
  const r = await tempRegister({ now: DECEMBER });
  registers.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

const strip = (t: string) => t.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');

describe('importInterchangeFile', () => {
  it('round trip from a file: export, import into an empty register, export gives the same bytes', async () => {
    const first = await newRegister();
    await fillDemo(first.register, { seed: 7 });
    const text1 = serialiseInterchangeV2(await exportRegister(first.register));
    const file = path.join(first.dir, 'export.json');
    fs.writeFileSync(file, text1);
    const second = await newRegister();
    // Every statement the import prepares, through the dialect's cache or the bulk writer's own
    // (SQLite's prepared statements; PostgreSQL has no such cache to count).
    const sqlite = onPostgres ? null : second.register.sqlite;
    const prepare = sqlite?.prepare.bind(sqlite);
    let preparedInImport = 0;
    if (sqlite) {
      sqlite.prepare = ((source: string) => {
        preparedInImport += 1;
        return prepare!(source);
      }) as typeof sqlite.prepare;
    }
    const counts = await importInterchangeFile(second.register, file, ACTOR);
    if (sqlite) sqlite.prepare = prepare!;
    expect(counts.petitions).toBeGreaterThan(900);
    expect(strip(serialiseInterchangeV2(await exportRegister(second.register)))).toBe(strip(text1));
    // One audit row for the import, naming the file.
    const audit = await rawAll<{ after_json: string }>(second.register, "select after_json from audit_log where action = 'import'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ source: 'export.json', petitions: counts.petitions });
    // The search index was filled by the petitions' own insert path (on PostgreSQL the words
    // table its triggers keep).
    const indexed = await rawValue(second.register, onPostgres ? 'select count(*) from petitions_words' : 'select count(*) from petitions_fts');
    expect(indexed).toBe(counts.petitions);
    // Statements were prepared once and reused, not prepared per petition (the petitions go
    // through the bulk writer's statements, db/interchange/bulk.ts; the rest through the cache).
    if (sqlite) {
      expect(preparedInImport).toBeLessThan(400);
      expect(statementCacheOf(sqlite)!.prepared).toBeLessThan(400);
    }
  }, 180_000);

  it('a bad record at the end of the file is refused by its ref and field, and nothing is written', async () => {
    const first = await newRegister();
    await fillDemo(first.register, { seed: 3 });
    const data = (await exportRegister(first.register)) as V2File;
    const last = data.petitions.at(-1)!;
    last.received_on = '2026-02-30';
    const file = path.join(first.dir, 'bad.json');
    fs.writeFileSync(file, serialiseInterchangeV2(data));
    const second = await newRegister();
    const before = await registerSnapshot(second.register);
    const error = await importInterchangeFile(second.register, file, ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION');
    expect((error as ApiError).issues?.[0]?.path).toBe(`petitions[ref=${last.ref}].received_on`);
    expect(await registerSnapshot(second.register)).toEqual(before);
  }, 120_000);

  it('a file the register refuses (its numbers already used) writes nothing', async () => {
    const first = await newRegister();
    await fillDemo(first.register, { seed: 3 });
    const text = serialiseInterchangeV2(await exportRegister(first.register));
    const file = path.join(first.dir, 'again.json');
    fs.writeFileSync(file, text);
    // The same file twice: its register numbers are taken the second time.
    const second = await newRegister();
    await importInterchangeFile(second.register, file, ACTOR);
    const before = await registerSnapshot(second.register);
    const error = await importInterchangeFile(second.register, file, ACTOR).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('VALIDATION');
    expect((error as ApiError).message).toMatch(/petitions\[ref=[^\]]+\]\.register_no: Số vào sổ 2026\/000001 đã được dùng trong sổ/);
    expect(await registerSnapshot(second.register)).toEqual(before);
  }, 180_000);

  it('a file that is not a JSON object is an InterchangeFileError, and writes nothing', async () => {
    const r = await newRegister();
    const file = path.join(r.dir, 'broken.json');
    fs.writeFileSync(file, '{"format": "petition-register/v2", "petitions": [ {"ref": "P1"} ');
    const before = await registerSnapshot(r.register);
    await expect(importInterchangeFile(r.register, file, ACTOR)).rejects.toBeInstanceOf(InterchangeFileError);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });
});
