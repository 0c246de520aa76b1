// Interchange v2 (docs/interchange-v2.md): v1 files import into matters; v2 files carry matters,
// contents and petitioners of every kind; export → import → export gives the same file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../db/context.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { ApiError } from '../../shared/errors.ts';
import { serialiseInterchange, type V1File } from '../../shared/interchange/v1.ts';
import { checkInterchangeV2, type V2File } from '../../shared/interchange/v2.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/interchange-sample.json');
const ACTOR: Actor = { id: null, name: 'Kiểm thử nhập tệp' };
const AUGUST = new Date('2026-08-20T03:00:00Z');
const sample = (): V1File => JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as V1File;
const withoutExportedAt = (text: string) => text.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');

const registers: TempRegister[] = [];
async function newRegister(): Promise<TempRegister> {
  const r = await tempRegister({ now: AUGUST });
  registers.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

describe('a v1 file', () => {
  it('imports into matters: each petition its own, a duplicate joins its original, a visit’s petition shares the visit’s', async () => {
    const r = await newRegister();
    const file = sample();
    file.petitions[2]!.kind = 'multiple';
    await importFile(r.register, file, ACTOR);
    const v2 = await exportRegister(r.register);
    const p = (ref: string) => v2.petitions.find((x) => x.ref === ref)!;
    const v = (ref: string) => v2.visits.find((x) => x.ref === ref)!;
    // P1 at V1, P2 at V2; P5 a duplicate of P1.
    expect(p('P1').contents[0]!.matter_ref).toBe(v('V1').matter_ref);
    expect(p('P2').contents[0]!.matter_ref).toBe(v('V2').matter_ref);
    expect(p('P5').contents).toEqual([expect.objectContaining({ matter_ref: p('P1').contents[0]!.matter_ref, repeat: true })]);
    expect(new Set(['P1', 'P2', 'P3', 'P4', 'P6'].map((ref) => p(ref).contents[0]!.matter_ref)).size).toBe(5);
    // V1 was a repeated visit: its matter was seen before, so P1 repeats it.
    const m1 = v2.matters.find((m) => m.ref === v('V1').matter_ref)!;
    expect(m1.seen_before).toBe(true);
    expect(p('P1').contents[0]!.repeat).toBe(true);
    // A v1 "multiple" is one content to split.
    expect(p('P3').contents).toEqual([expect.objectContaining({ kind: 'multiple', needs_split: true })]);
    expect(v2.matters.find((m) => m.ref === p('P3').contents[0]!.matter_ref)!.kind).toBe('other');
    // Every v1 field stays: kind, register number and deadline.
    expect(p('P3')).toMatchObject({ kind: 'multiple', register_no: '2026/000007', due_on: expect.any(String) });
  });
});

describe('a v2 file', () => {
  async function exportedSample(): Promise<V2File> {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const file = await exportRegister(r.register);
    return JSON.parse(serialiseInterchange(file)) as V2File;
  }

  it('round trip: matters merged and moved, split contents, foreigners and organisations give the same file', async () => {
    const first = await newRegister();
    await importFile(first.register, sample(), ACTOR);
    const c = first.client;
    const p3 = (await c.petitions.list({ search: '2026/000007' })).rows[0]!;
    const p4 = (await c.petitions.list({ search: '2025/000123' })).rows[0]!;
    const m3 = (await c.petitions.get({ id: p3.id })).contents[0]!.matterId;
    const m4 = (await c.petitions.get({ id: p4.id })).contents[0]!.matterId;
    await c.matters.merge({ fromId: m4, intoId: m3 });
    await c.matters.update({ id: m3, title: 'Chế độ chính sách', kind: 'recommendation', field: 'policy', arrivalState: 'unresolved', caseCommuneCode: '21184' });
    const p = await c.petitions.create({
      receivedOn: '2026-08-19',
      channel: 'post',
      kind: 'multiple',
      field: 'land',
      signatories: 2,
      summary: 'Khiếu nại và tố cáo',
      petitioners: [
        { kind: 'foreigner', fullName: 'John Smith', idNumber: 'N1234567', nationality: 'Hoa Kỳ', idIssuedOn: '2020-05-01', idIssuedPlace: 'Washington' },
        { kind: 'organisation', fullName: 'Công ty TNHH An Phú', orgRegNo: '4300123456', representative: 'Giám đốc Lê Văn Hải' },
      ],
    });
    const content = (await c.petitions.get({ id: p.id })).contents[0]!;
    await c.petitions.splitContent({
      contentId: content.id,
      parts: [
        { kind: 'complaint', field: 'land', summary: 'Khiếu nại thu hồi đất' },
        { kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ', matterId: m3 },
      ],
    });
    const text1 = serialiseInterchange(await exportRegister(first.register));
    const file = JSON.parse(text1) as V2File;
    expect(file.format).toBe('petition-register/v2');
    expect(file.matters.some((m) => m.merged_into !== null)).toBe(true);
    const last = file.petitions.at(-1)!;
    expect(last.petitioners.map((x) => x.kind)).toEqual(['foreigner', 'organisation']);
    expect(last.contents.map((x) => [x.kind, x.summary])).toEqual([
      ['complaint', 'Khiếu nại thu hồi đất'],
      ['denunciation', 'Tố cáo cán bộ'],
    ]);
    expect(last.summary).toBe('Khiếu nại và tố cáo');

    const second = await newRegister();
    await importFile(second.register, JSON.parse(text1), ACTOR);
    const text2 = serialiseInterchange(await exportRegister(second.register));
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));
  });

  it.each<[string, (f: V2File) => void, string, string]>([
    ['an unknown matter ref', (f) => void (f.visits[0]!.matter_ref = 'M99'), 'visits[ref=V1].matter_ref', 'Không có vụ việc ref “M99”'],
    ['a content on a merged matter', (f) => {
      f.matters.push({ ...f.matters[0]!, ref: 'MX', merged_into: f.matters[0]!.ref });
      f.petitions[0]!.contents[0]!.matter_ref = 'MX';
    }, 'petitions[ref=P1].contents[0].matter_ref', 'đã được gộp'],
    ['a first content of another kind', (f) => void (f.petitions[0]!.contents[0]!.kind = 'denunciation'), 'petitions[ref=P1].contents[0].kind', 'cùng loại và lĩnh vực'],
    ['a petition without contents', (f) => void (f.petitions[0]!.contents = []), 'petitions[ref=P1].contents', 'ít nhất một nội dung'],
    ['a foreigner without nationality', (f) => void Object.assign(f.petitions[0]!.petitioners[0]!, { kind: 'foreigner', id_number: 'N1234567', nationality: null }), 'petitions[ref=P1].petitioners[0].nationality', 'quốc tịch'],
    ['an organisation with a CCCD', (f) => void Object.assign(f.petitions[0]!.petitioners[0]!, { kind: 'organisation', id_number: '051065001234' }), 'petitions[ref=P1].petitioners[0].id_number', 'không ghi số CCCD'],
    ['a bad arrival state', (f) => void ((f.matters[0] as unknown as Record<string, unknown>).arrival_state = 'done'), 'matters[0].arrival_state', 'Tình trạng khi đến Ban'],
  ])('refuses %s, naming the record and field, and writes nothing', async (_label, mutate, where, message) => {
    const file = await exportedSample();
    // Into an empty register: the file's register numbers are free there.
    const r = await newRegister();
    mutate(file);
    const check = checkInterchangeV2(file);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues).toContainEqual({ path: where, message: expect.stringContaining(message) });
    const before = await registerSnapshot(r.register);
    const error = await importFile(r.register, file, ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(where);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });
});
