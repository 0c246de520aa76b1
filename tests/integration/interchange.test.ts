// Interchange v1: import all or nothing, export in the contract's shape, and the round trip
// import(export(register)) → export giving the same file apart from exported_at.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../db/context.ts';
import { fillDemo } from '../../db/demo/demo.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { ApiError } from '../../shared/errors.ts';
import { jsonErrorOffset, lineColumn } from '../../shared/interchange/json-syntax.ts';
import { checkInterchange, serialiseInterchange, type V1File, type V1Person } from '../../shared/interchange/v1.ts';
import { isVietnamese } from '../helpers/envelope.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { auditRowsSince, lastAuditId, snapshot } from '../helpers/snapshot.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/interchange-sample.json');
const ACTOR: Actor = { id: null, name: 'Kiểm thử nhập tệp' };

/** A fresh, mutable copy of the sample file. */
function sample(): V1File {
  return JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as V1File;
}

/** The sample with every register number left to the register: importable on top of the sample. */
function unnumbered(): V1File {
  const file = sample();
  for (const p of file.petitions) p.register_no = null;
  return file;
}

function withoutExportedAt(text: string): string {
  return text.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');
}

const registers: TempRegister[] = [];
async function newRegister(now?: Date): Promise<TempRegister> {
  const r = await tempRegister(now ? { now } : {});
  registers.push(r);
  return r;
}

afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

async function importError(r: TempRegister, data: unknown): Promise<ApiError> {
  try {
    await importFile(r.register, data, ACTOR);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('import succeeded; expected a refusal');
}

describe('import', () => {
  it('imports the sample in one transaction: agencies by code, numbering, one audit row', async () => {
    const r = await newRegister();
    const auditBefore = lastAuditId(r.register.sqlite);
    const counts = await importFile(r.register, sample(), ACTOR, { source: 'interchange-sample.json' });
    expect(counts).toEqual({
      agenciesAdded: 1,
      agenciesUpdated: 1,
      sessions: 2,
      visits: 2,
      petitions: 4,
      firstRegisterNo: '2025/000123',
      lastRegisterNo: '2026/000007',
    });
    const numbers = r.register.sqlite.prepare('select register_no from petitions order by id').pluck().all();
    // Null numbers of 2026 come after the imported 2026/000005.
    expect(numbers).toEqual(['2026/000005', '2026/000006', '2026/000007', '2025/000123']);
    const audit = auditRowsSince(r.register.sqlite, auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', entity: 'register', actor_name: ACTOR.name });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ source: 'interchange-sample.json', petitions: 4, exportedAt: '2026-05-20T16:45:00+07:00' });
    const agency = (code: string) => r.register.sqlite.prepare('select name, kind, active from agencies where code = ?').get(code);
    expect(agency('SO-KHDT-CU')).toEqual({ name: 'Sở Kế hoạch và Đầu tư (trước hợp nhất)', kind: 'provincial_department', active: 0 });
    expect(agency('TU-UBKT')).toEqual({ name: 'Ủy ban Kiểm tra Tỉnh ủy', kind: 'provincial_leadership', active: 1 });
  });

  it('numbers null register numbers after everything the register already holds', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const counts = await importFile(r.register, unnumbered(), ACTOR);
    expect([counts.firstRegisterNo, counts.lastRegisterNo]).toEqual(['2025/000124', '2026/000010']);
  });

  it('keeps text as NFC, trimmed', async () => {
    const r = await newRegister();
    const file = sample();
    file.petitions[2]!.summary = `  ${'Đề nghị giải quyết chế độ'.normalize('NFD')}  `;
    file.petitions[2]!.petitioners[0]!.full_name = ' Võ Thị Hoa '.normalize('NFD');
    await importFile(r.register, file, ACTOR);
    const exported = await exportRegister(r.register);
    expect(exported.petitions[2]!.summary).toBe('Đề nghị giải quyết chế độ'.normalize('NFC'));
    expect(exported.petitions[2]!.petitioners[0]!.full_name).toBe('Võ Thị Hoa'.normalize('NFC'));
  });

  const sixReps = (f: V1File) => {
    const rep = f.visits[1]!.delegation!.representatives[0]!;
    f.visits[1]!.delegation!.representatives = Array.from({ length: 6 }, (_, i): V1Person => ({ ...rep, full_name: `Người đại diện ${i + 1}`, id_number: null }));
  };

  it.each<[string, (f: V1File) => unknown, string, string]>([
    ['not a JSON object', () => 'đây không phải JSON', '', 'đối tượng JSON'],
    ['wrong format string', (f) => ({ ...f, format: 'petition-register/v2' }), 'format', 'petition-register/v2'],
    ['a duplicate ref', (f) => void (f.petitions[1]!.ref = 'P1'), 'petitions[ref=P1].ref', 'đã dùng cho một đơn khác'],
    ['an unresolved visit ref', (f) => void (f.petitions[0]!.visit = 'V9'), 'petitions[ref=P1].visit', 'Không có lượt tiếp ref “V9”'],
    ['an unresolved session ref', (f) => void (f.visits[0]!.session = 'S7'), 'visits[ref=V1].session', 'Không có kỳ tiếp ref “S7”'],
    ['an invalid received_on', (f) => void (f.petitions[2]!.received_on = '2026-02-30'), 'petitions[ref=P3].received_on', 'Ngày nhận đơn không phải ngày hợp lệ'],
    ['written_on after received_on', (f) => void (f.petitions[2]!.written_on = '2026-05-19'), 'petitions[ref=P3].written_on', 'Ngày viết đơn không được sau ngày nhận đơn'],
    ['a register number of another year', (f) => void (f.petitions[2]!.register_no = '2025/000777'), 'petitions[ref=P3].register_no', 'không thuộc năm nhận đơn 2026'],
    ['a register number already used', (f) => void (f.petitions[0]!.register_no = '2026/000005'), 'petitions[ref=P1].register_no', 'Số vào sổ 2026/000005 đã được dùng'],
    ['a badly written register number', (f) => void (f.petitions[0]!.register_no = '26-5'), 'petitions[ref=P1].register_no', 'không đúng dạng NĂM/SỐ'],
    ['a classification', (f) => void (f.petitions[2]!.classification = { eligible: true, on: '2026-05-19' }), 'petitions[ref=P3].classification', 'phiên bản này chưa lưu phân loại'],
    ['reminders', (f) => void (f.petitions[0]!.reminders = [{ on: '2026-06-01', document_no: null }]), 'petitions[ref=P1].reminders', 'phiên bản này chưa lưu'],
    ['a delegation with 6 representatives', sixReps, 'visits[ref=V2].delegation.representatives', 'tối đa 5 người đại diện'],
    ['a delegation of 4', (f) => void (f.visits[1]!.delegation!.members = 4), 'visits[ref=V2].delegation.members', 'từ 5 người trở lên'],
    ['a petitioner with a bad CCCD', (f) => void (f.petitions[2]!.petitioners[0]!.id_number = '0511500022334'), 'petitions[ref=P3].petitioners[0].id_number', 'CCCD'],
    ['a representative who does not sign', (f) => void f.petitions[1]!.petitioners.splice(1, 1), 'petitions[ref=P2].petitioners', 'Lê Văn Hùng'],
    ['a field v1 does not have', (f) => void ((f.petitions[0] as unknown as Record<string, unknown>).note = 'x'), 'petitions[ref=P1]', 'không có trong định dạng petition-register/v1: note'],
    ['a missing summary', (f) => void delete (f.petitions[3] as Partial<V1File['petitions'][number]>).summary, 'petitions[ref=P4].summary', 'Tóm tắt nội dung là bắt buộc'],
  ])('refuses %s, naming the record and field, and writes nothing', async (_name, mutate, where, message) => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const file = unnumbered();
    const returned = mutate(file);
    const data = returned === undefined ? file : returned;
    const before = snapshot(r.register.sqlite);
    const error = await importError(r, data);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(where ? `${where}` : 'Tệp');
    expect(error.message).toContain(message);
    expect(error.issues?.some((i) => i.path.startsWith(where) && i.message.includes(message))).toBe(true);
    for (const issue of error.issues ?? []) expect(isVietnamese(issue.message), issue.message).toBe(true);
    expect(snapshot(r.register.sqlite)).toEqual(before);
  });

  it('accepts the unnumbered sample on top of the sample (the baseline of the refusals above)', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    await expect(importFile(r.register, unnumbered(), ACTOR)).resolves.toMatchObject({ petitions: 4 });
  });

  it('names a record without a usable ref by its index', () => {
    const file = sample() as unknown as { petitions: Record<string, unknown>[] };
    file.petitions[3]!.ref = 17;
    const result = checkInterchange(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.path).toBe('petitions[ref=17].ref');
    delete file.petitions[3]!.ref;
    const missing = checkInterchange(file);
    if (!missing.ok) expect(missing.issues[0]!.path).toBe('petitions[3].ref');
  });
});

describe('consistency rules of the workflow fields (checked even though this release refuses them)', () => {
  function issuesOf(mutate: (p: V1File['petitions'][number], f: V1File) => void) {
    const file = sample();
    mutate(file.petitions[0]!, file);
    const result = checkInterchange(file);
    return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
  }

  it('accepts a complete, consistent workflow', () => {
    expect(
      issuesOf((p) => {
        p.classification = { eligible: true, on: '2026-04-28' };
        p.decision = { action: 'forward', on: '2026-04-29', agency: 'so-nnmt', document_no: '12/PC-BTCD', note: null };
        p.reply = { on: '2026-06-10', document_no: '88/SNNMT', summary: 'Đã giải quyết', outcome: 'resolved' };
        p.reminders = [{ on: '2026-05-30', document_no: '5/ĐĐ-BTCD' }];
      }),
    ).toEqual([]);
  });

  it.each<[string, (p: V1File['petitions'][number], f: V1File) => void, string]>([
    ['a decision without a classification', (p) => void (p.decision = { action: 'file', on: '2026-04-28', agency: null, document_no: null, note: null }), 'petitions[ref=P1].decision: Đơn chưa phân loại'],
    [
      'accepting an ineligible petition',
      (p) => {
        p.classification = { eligible: false, reason: 'anonymous', duplicate_of: null, note: null, on: '2026-04-28' };
        p.decision = { action: 'accept', on: '2026-04-28', agency: null, document_no: null, note: null };
      },
      'petitions[ref=P1].decision.action: Đơn không đủ điều kiện xử lý chỉ có thể lưu đơn (file) hoặc trả lại (return)',
    ],
    [
      'forwarding without an agency',
      (p) => {
        p.classification = { eligible: true, on: '2026-04-28' };
        p.decision = { action: 'forward', on: '2026-04-28', agency: null, document_no: null, note: null };
      },
      'petitions[ref=P1].decision.agency: Hướng xử lý forward phải ghi mã cơ quan nhận',
    ],
    [
      'a reply without forwarding',
      (p) => {
        p.classification = { eligible: true, on: '2026-04-28' };
        p.decision = { action: 'guide', on: '2026-04-28', agency: 'SO-NNMT', document_no: null, note: null };
        p.reply = { on: '2026-05-28', document_no: null, summary: null, outcome: 'other' };
      },
      'petitions[ref=P1].reply: Chỉ có kết quả trả lời (reply) khi đơn đã được chuyển',
    ],
    ['a classification before receipt', (p) => void (p.classification = { eligible: true, on: '2026-04-26' }), 'petitions[ref=P1].classification.on: Ngày phân loại 2026-04-26 trước ngày nhận đơn 2026-04-27'],
    ['a reminder before receipt', (p) => void (p.reminders = [{ on: '2026-01-02', document_no: null }]), 'petitions[ref=P1].reminders[0].on: Ngày đôn đốc 2026-01-02 trước ngày nhận đơn'],
    [
      'a duplicate without the original',
      (p) => void (p.classification = { eligible: false, reason: 'duplicate', duplicate_of: null, note: null, on: '2026-04-28' }),
      'petitions[ref=P1].classification.duplicate_of: Đơn trùng (reason = duplicate) phải ghi ref',
    ],
    [
      'a duplicate of a petition not in the file',
      (p) => void (p.classification = { eligible: false, reason: 'duplicate', duplicate_of: 'P99', note: null, on: '2026-04-28' }),
      'petitions[ref=P1].classification.duplicate_of: Không có đơn ref “P99” trong tệp',
    ],
    ['a register number twice in the file', (_p, f) => void (f.petitions[1]!.register_no = '2026/5'), 'petitions[ref=P2].register_no: Số vào sổ 2026/000005 đã dùng cho petitions[ref=P1]'],
  ])('refuses %s', (_name, mutate, expected) => {
    expect(issuesOf(mutate).some((i) => i.startsWith(expected))).toBe(true);
  });
});

describe('export', () => {
  it('writes the sample back in the contract’s shape, with due dates in working days', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const exported = await exportRegister(r.register);
    const original = sample();
    expect(exported.format).toBe('petition-register/v1');
    // TEST_NOW is 08:30 UTC: 15:30 in Vietnam.
    expect(exported.exported_at).toBe('2026-03-15T15:30:00+07:00');
    expect(Object.keys(exported)).toEqual(['format', 'exported_at', 'agencies', 'sessions', 'visits', 'petitions']);
    expect(exported.sessions).toEqual(original.sessions);
    expect(exported.visits).toEqual(original.visits);
    const numbers = ['2026/000005', '2026/000006', '2026/000007', '2025/000123'];
    // 27/4 → 13/5 skips 30/4 and 1/5; 30/12/2025 → 14/1/2026 skips New Year's Day.
    const due = ['2026-05-13', '2026-05-29', '2026-06-01', '2026-01-14'];
    expect(exported.petitions).toEqual(
      original.petitions.map((p, i) => ({ ...p, register_no: numbers[i], classification: null, decision: null, reply: null, reminders: [], due_on: due[i] })),
    );
    expect(Object.keys(exported.petitions[0]!)).toEqual([
      'ref', 'register_no', 'received_on', 'channel', 'visit', 'forwarded_by', 'written_on', 'kind', 'field', 'signatories',
      'petitioners', 'subject', 'summary', 'classification', 'decision', 'reply', 'reminders', 'due_on',
    ]);
    expect(Object.keys(exported.visits[0]!)).toEqual(['ref', 'session', 'persons', 'delegation', 'citizen', 'matter', 'content', 'repeat', 'outcome']);
    expect(Object.keys(exported.visits[0]!.citizen)).toEqual(['full_name', 'id_number', 'birth_year', 'gender', 'phone', 'address', 'commune_code']);
    for (const agency of original.agencies) expect(exported.agencies).toContainEqual(agency);
    const codes = exported.agencies.map((a) => a.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('round trip of the sample: import of the export into an empty register exports the same bytes', async () => {
    const first = await newRegister();
    await importFile(first.register, sample(), ACTOR);
    const text1 = serialiseInterchange(await exportRegister(first.register));
    const second = await newRegister(new Date('2026-11-21T03:00:00Z'));
    await importFile(second.register, JSON.parse(text1), ACTOR);
    const text2 = serialiseInterchange(await exportRegister(second.register));
    expect(text2).not.toBe(text1);
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));
  });

  it('round trip of a demo register gives the same bytes', async () => {
    const now = new Date('2026-11-21T03:00:00Z');
    const first = await newRegister(now);
    await fillDemo(first.register, { seed: 3 });
    const text1 = serialiseInterchange(await exportRegister(first.register));
    const second = await newRegister(now);
    const counts = await importFile(second.register, JSON.parse(text1), ACTOR);
    expect(counts.petitions).toBeGreaterThan(800);
    const text2 = serialiseInterchange(await exportRegister(second.register));
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));
  });
});

describe('jsonErrorOffset (where a hand-edited file goes wrong)', () => {
  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonErrorOffset(JSON.stringify(value, null, 2))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', ' ', '1', '-', 'e', '.', 't', 'r', 'u', 'n', 'l', '\\', 'a') }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(text) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['{\n  "a": [,]\n}', 2, 9],
    ['{"a": 1,}', 1, 9],
    ['{"a": tru}', 1, 7],
    ['{"a" 1}', 1, 6],
    ['{"a": "x', 1, 9],
    ['{"a": 1}}', 1, 9],
  ])('%j goes wrong at line %i, column %i', (text, line, column) => {
    expect(lineColumn(text, jsonErrorOffset(text)!)).toEqual({ line, column });
  });
});
