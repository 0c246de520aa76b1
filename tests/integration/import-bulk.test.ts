// The bulk writer of an import (db/interchange/bulk.ts) against the row-by-row path through the
// desk's operations (writer 'rows'): the same file gives the same register, row for row (every
// table, the audit chain included), the same full export and the same schema (the indexes built
// once come back as they were); a record refused while writing refuses the whole file with the
// same message from both, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRegisterFile } from '../../bench/generate.ts';
import type { Actor } from '../../db/context.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile, type ImportOptions } from '../../db/interchange/import.ts';
import { importInterchangeFile } from '../../db/interchange/import-file.ts';
import { verifyAuditChain, verifyPetitionStates } from '../../db/integrity.ts';
import { ApiError } from '../../shared/errors.ts';
import { serialiseInterchange, type V1File } from '../../shared/interchange/v1.ts';
import type { V2File } from '../../shared/interchange/v2.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { snapshot, tableDigests } from '../helpers/snapshot.ts';

const NOW = new Date('2026-11-30T02:00:00Z');
const ACTOR: Actor = { id: null, name: 'Kiểm thử nhập hàng loạt' };
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

const schema = (r: TempRegister) => r.register.sqlite.prepare("select type, name, tbl_name, sql from sqlite_master order by type, name").all();

/** Everything a register holds that the two writers must agree on. */
async function contentOf(r: TempRegister) {
  return {
    rows: tableDigests(r.register.sqlite),
    schema: schema(r),
    export: serialiseInterchange(await exportRegister(r.register)),
    chain: verifyAuditChain(r.register.sqlite),
    states: verifyPetitionStates(r.register.sqlite),
    integrity: r.register.sqlite.pragma('integrity_check', { simple: true }),
  };
}

async function generated(dir: string, petitions: number, seed: number): Promise<string> {
  const file = path.join(dir, `history-${seed}.json`);
  await generateRegisterFile(file, { petitions, today: '2026-11-29', seed });
  return file;
}

describe('the bulk writer of petreg import', () => {
  it('writes a v2 file into an empty register exactly as the row-by-row path does', async () => {
    const bulk = await newRegister();
    const rows = await newRegister();
    const file = await generated(bulk.dir, 600, 7);
    const schemaBefore = schema(bulk);
    const a = await importInterchangeFile(bulk.register, file, ACTOR, { writer: 'bulk' });
    const b = await importInterchangeFile(rows.register, file, ACTOR, { writer: 'rows' });
    expect(a).toEqual(b);
    expect(a.petitions).toBe(600);
    expect(a.decisions).toBeGreaterThan(300);
    const x = await contentOf(bulk);
    const y = await contentOf(rows);
    expect(x).toEqual(y);
    expect(x.schema).toEqual(schemaBefore);
    expect(x.chain.firstBroken).toBeNull();
    expect(x.states.mismatches).toEqual([]);
    expect(x.integrity).toBe('ok');
    // The register's own figures agree too (to-do counts read the petitions' stage columns).
    expect(await bulk.client.todo.counts()).toEqual(await rows.client.todo.counts());
  });

  it('writes into a register that already holds petitions (indexes and triggers kept) as the row-by-row path does', async () => {
    const bulk = await newRegister();
    const rows = await newRegister();
    for (const r of [bulk, rows]) {
      await r.client.petitions.create({ receivedOn: '2015-06-01', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Người Có Trước', idNumber: '051080000001' }], summary: 'Đơn có trước' });
    }
    const file = await generated(bulk.dir, 250, 11);
    await importInterchangeFile(bulk.register, file, ACTOR, { writer: 'bulk' });
    await importInterchangeFile(rows.register, file, ACTOR, { writer: 'rows' });
    expect(await contentOf(bulk)).toEqual(await contentOf(rows));
    expect((await bulk.client.petitions.list({ search: 'nguoi co truoc' })).total).toBe(1);
  });

  it('writes a v1 file (matters made on import, duplicates joining their original) as the row-by-row path does', async () => {
    const august = new Date('2026-08-20T03:00:00Z');
    const bulk = await newRegister(august);
    const rows = await newRegister(august);
    const sample = () => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as V1File;
    await importFile(bulk.register, sample(), ACTOR, { writer: 'bulk' });
    await importFile(rows.register, sample(), ACTOR, { writer: 'rows' });
    const x = await contentOf(bulk);
    expect(x).toEqual(await contentOf(rows));
    expect(x.rows.matters).not.toMatch(/^0 /);
  });

  it.each<[string, 'first' | 'last']>([
    ['late in the file', 'last'],
    ['first in the file', 'first'],
  ])('refuses the whole file for a record refused while writing (%s), with the same message, writing nothing', async (_label, where) => {
    const scratch = await newRegister();
    const file = JSON.parse(fs.readFileSync(await generated(scratch.dir, 200, 3), 'utf8')) as V2File;
    // A delegation's representative who does not sign the petition handed in at its visit: the
    // file's checks pass, insertPetition refuses it (the representatives of a delegation sign).
    const atVisit = file.petitions.filter((p) => p.visit !== null);
    const petition = where === 'last' ? atVisit.at(-1)! : atVisit[0]!;
    const visit = file.visits.find((v) => v.ref === petition.visit)!;
    Object.assign(visit, {
      persons: 6,
      delegation: { members: 6, representatives: [{ ...visit.citizen, full_name: 'Đại Diện Không Ký Đơn', id_number: null, phone: null, address: null }] },
    });
    const messages: string[] = [];
    for (const writer of ['bulk', 'rows'] as const) {
      const r = await newRegister();
      const before = snapshot(r.register.sqlite);
      const error = await importFile(r.register, JSON.parse(JSON.stringify(file)), ACTOR, { writer } satisfies ImportOptions).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('VALIDATION');
      messages.push((error as ApiError).message);
      expect(snapshot(r.register.sqlite)).toEqual(before);
      expect(schema(r)).toEqual(schema(scratch));
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).toContain(`petitions[ref=${petition.ref}].petitioners`);
    expect(messages[0]).toContain('Đại Diện Không Ký Đơn');
  });
});
