// Interchange v1: import all or nothing, export in the contract's shape, and the round trip
// import(export(register)) → export giving the same file apart from exported_at.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor, OpContext } from '../../db/context.ts';
import { fillDemo } from '../../db/demo/demo.ts';
import { exportRegister as exportRegisterV2 } from '../../db/interchange/export.ts';
import { downgradeToV1 } from '../../shared/interchange/v2.ts';
import { importFile } from '../../db/interchange/import.ts';
import { workingDaysAfter } from '../../db/ops/holidays.ts';
import { decidePetition, reverseStep } from '../../db/ops/workflow.ts';
import { defaultHolidays, holidaySet } from '../../shared/calendar/holidays.ts';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { ApiError } from '../../shared/errors.ts';
import { jsonErrorOffset, lineColumn } from '../../shared/interchange/json-syntax.ts';
import { checkInterchange, serialiseInterchange, type V1File, type V1Person } from '../../shared/interchange/v1.ts';
import { isVietnamese } from '../helpers/envelope.ts';
import { rawAll, rawGet, tempRegister, type TempRegister } from '../helpers/register.ts';
import { rawColumn, rawValue } from '../helpers/raw-value.ts';
import { registerSnapshot, type RawAuditRow } from '../helpers/snapshot.ts';

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

/**
 * The registers' clock: after every date of the sample (handling dates after the register's today
 * are refused). 03:00 UTC is 10:00 in Vietnam.
 */
const AUGUST = new Date('2026-08-20T03:00:00Z');

const registers: TempRegister[] = [];
async function newRegister(now: Date = AUGUST): Promise<TempRegister> {
  const r = await tempRegister({ now });
  registers.push(r);
  return r;
}

type Petition = V1File['petitions'][number];
/** A petition of a file by its ref. */
const byRef = (f: V1File, ref: string): Petition => f.petitions.find((p) => p.ref === ref)!;

/** The register numbers the sample's petitions get, in file order (P1 … P6). */
const SAMPLE_NUMBERS = ['2026/000005', '2026/000006', '2026/000007', '2025/000123', '2026/000008', '2026/000009'];

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
  it('imports the sample in one transaction: agencies by code, numbering, handling, one audit row', async () => {
    const r = await newRegister();
    const auditBefore = (await rawValue<number>(r.register, 'select coalesce(max(id), 0) from audit_log'))!;
    const counts = await importFile(r.register, sample(), ACTOR, { source: 'interchange-sample.json' });
    expect(counts).toEqual({
      agenciesAdded: 1,
      agenciesUpdated: 1,
      sessions: 2,
      visits: 2,
      petitions: 6,
      classifications: 5,
      decisions: 4,
      replies: 1,
      reminders: 2,
      notices: 0,
      firstRegisterNo: '2025/000123',
      lastRegisterNo: '2026/000009',
    });
    const numbers = await rawColumn(r.register, 'select register_no from petitions order by id');
    // Null numbers of 2026 come after the imported 2026/000005.
    expect(numbers).toEqual(SAMPLE_NUMBERS);
    const audit = await rawAll<RawAuditRow>(r.register, 'select * from audit_log where id > ? order by id', auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', entity: 'register', actor_name: ACTOR.name });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      source: 'interchange-sample.json',
      petitions: 6,
      classifications: 5,
      decisions: 4,
      replies: 1,
      reminders: 2,
      exportedAt: '2026-05-20T16:45:00+07:00',
    });
    const agency = (code: string) => rawGet(r.register, 'select name, kind, active from agencies where code = ?', code);
    expect(await agency('SO-KHDT-CU')).toEqual({ name: 'Sở Kế hoạch và Đầu tư (trước hợp nhất)', kind: 'provincial_department', active: 0 });
    expect(await agency('TU-UBKT')).toEqual({ name: 'Ủy ban Kiểm tra Tỉnh ủy', kind: 'provincial_leadership', active: 1 });
  });

  it('numbers null register numbers after everything the register already holds', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const counts = await importFile(r.register, unnumbered(), ACTOR);
    expect([counts.firstRegisterNo, counts.lastRegisterNo]).toEqual(['2025/000124', '2026/000014']);
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
    ['wrong format string', (f) => ({ ...f, format: 'petition-register/v3' }), 'format', 'petition-register/v3'],
    ['a duplicate ref', (f) => void (f.petitions[1]!.ref = 'P1'), 'petitions[ref=P1].ref', 'đã dùng cho một đơn khác'],
    ['an unresolved visit ref', (f) => void (f.petitions[0]!.visit = 'V9'), 'petitions[ref=P1].visit', 'Không có lượt tiếp ref “V9”'],
    ['an unresolved session ref', (f) => void (f.visits[0]!.session = 'S7'), 'visits[ref=V1].session', 'Không có kỳ tiếp ref “S7”'],
    ['an invalid received_on', (f) => void (f.petitions[2]!.received_on = '2026-02-30'), 'petitions[ref=P3].received_on', 'Ngày nhận đơn không phải ngày hợp lệ'],
    ['written_on after received_on', (f) => void (f.petitions[2]!.written_on = '2026-05-19'), 'petitions[ref=P3].written_on', 'Ngày viết đơn không được sau ngày nhận đơn'],
    ['a register number of another year', (f) => void (f.petitions[2]!.register_no = '2025/000777'), 'petitions[ref=P3].register_no', 'không thuộc năm nhận đơn 2026'],
    ['a register number already used', (f) => void (f.petitions[0]!.register_no = '2026/000005'), 'petitions[ref=P1].register_no', 'Số vào sổ 2026/000005 đã được dùng'],
    ['a badly written register number', (f) => void (f.petitions[0]!.register_no = '26-5'), 'petitions[ref=P1].register_no', 'không đúng dạng NĂM/SỐ'],
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
    const before = await registerSnapshot(r.register);
    const error = await importError(r, data);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(where ? `${where}` : 'Tệp');
    expect(error.message).toContain(message);
    expect(error.issues?.some((i) => i.path.startsWith(where) && i.message.includes(message))).toBe(true);
    for (const issue of error.issues ?? []) expect(isVietnamese(issue.message), issue.message).toBe(true);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });

  it('accepts the unnumbered sample on top of the sample (the baseline of the refusals above)', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    await expect(importFile(r.register, unnumbered(), ACTOR)).resolves.toMatchObject({ petitions: 6, decisions: 4 });
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

describe('handling records (classification, decision, reply, reminders)', () => {
  const rows = (r: TempRegister, query: string, ...params: unknown[]) => rawAll(r.register, query, ...params);

  it('are written as the file states them: dates, document numbers, agencies by code, duplicates by ref', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    expect(await rows(r, 'select petition_id, eligible, reason, duplicate_of, decided_on, decided_by from classifications order by petition_id')).toEqual([
      { petition_id: 1, eligible: 1, reason: null, duplicate_of: null, decided_on: '2026-04-28', decided_by: ACTOR.name },
      { petition_id: 2, eligible: 1, reason: null, duplicate_of: null, decided_on: '2026-05-18', decided_by: ACTOR.name },
      { petition_id: 4, eligible: 0, reason: 'anonymous', duplicate_of: null, decided_on: '2026-01-05', decided_by: ACTOR.name },
      { petition_id: 5, eligible: 0, reason: 'duplicate', duplicate_of: 1, decided_on: '2026-06-10', decided_by: ACTOR.name },
      { petition_id: 6, eligible: 1, reason: null, duplicate_of: null, decided_on: '2026-06-03', decided_by: ACTOR.name },
    ]);
    // The file's numbers are kept, and no number is issued: the documents are not the register's own.
    expect(
      await rows(r, 'select d.petition_id, d.action, d.decided_on, a.code, d.document_id, d.document_no, d.reply_due_on, d.decided_by from decisions d left join agencies a on a.id = d.agency_id order by d.id'),
    ).toEqual([
      // XA-21034 is in the register's directory only; SO-NNMT is in the file. Complaint: 37 working days.
      { petition_id: 1, action: 'forward', decided_on: '2026-05-04', code: 'XA-21034', document_id: null, document_no: '15/PC-BTCD', reply_due_on: '2026-06-24', decided_by: ACTOR.name },
      { petition_id: 2, action: 'accept', decided_on: '2026-05-20', code: null, document_id: null, document_no: '07/ĐX-BTCD', reply_due_on: null, decided_by: ACTOR.name },
      { petition_id: 5, action: 'file', decided_on: '2026-06-10', code: null, document_id: null, document_no: null, reply_due_on: null, decided_by: ACTOR.name },
      { petition_id: 6, action: 'guide', decided_on: '2026-06-05', code: 'SO-NNMT', document_id: null, document_no: '21/HD-BTCD', reply_due_on: null, decided_by: ACTOR.name },
    ]);
    expect(await rows(r, 'select decision_id, received_on, document_no, outcome, recorded_by from replies')).toEqual([
      { decision_id: 1, received_on: '2026-07-21', document_no: '318/UBND', outcome: 'partial', recorded_by: ACTOR.name },
    ]);
    expect(await rows(r, 'select decision_id, sent_on, document_id, document_no, recorded_by from reminders order by id')).toEqual([
      { decision_id: 1, sent_on: '2026-06-29', document_id: null, document_no: '09/ĐĐ-BTCD', recorded_by: ACTOR.name },
      { decision_id: 1, sent_on: '2026-07-13', document_id: null, document_no: '12/ĐĐ-BTCD', recorded_by: ACTOR.name },
    ]);
    expect(await rows(r, 'select count(*) as n from outgoing_documents')).toEqual([{ n: 0 }]);
    // Stages, deadlines and the copies statistics read, as the desk's operations leave them:
    // replied, accepted, guided and filed are closed; a forward keeps its reply deadline.
    expect(await rows(r, 'select register_no, stage, reply_due_on, cls_eligible, cls_reason, dec_action, dec_on, dec_agency_id is not null as agency, reply_on from petitions order by id')).toEqual([
      { register_no: '2026/000005', stage: 'closed', reply_due_on: '2026-06-24', cls_eligible: 1, cls_reason: null, dec_action: 'forward', dec_on: '2026-05-04', agency: 1, reply_on: '2026-07-21' },
      { register_no: '2026/000006', stage: 'closed', reply_due_on: null, cls_eligible: 1, cls_reason: null, dec_action: 'accept', dec_on: '2026-05-20', agency: 0, reply_on: null },
      { register_no: '2026/000007', stage: 'awaiting_classification', reply_due_on: null, cls_eligible: null, cls_reason: null, dec_action: null, dec_on: null, agency: 0, reply_on: null },
      { register_no: '2025/000123', stage: 'awaiting_decision', reply_due_on: null, cls_eligible: 0, cls_reason: 'anonymous', dec_action: null, dec_on: null, agency: 0, reply_on: null },
      { register_no: '2026/000008', stage: 'closed', reply_due_on: null, cls_eligible: 0, cls_reason: 'duplicate', dec_action: 'file', dec_on: '2026-06-10', agency: 0, reply_on: null },
      { register_no: '2026/000009', stage: 'closed', reply_due_on: null, cls_eligible: 1, cls_reason: null, dec_action: 'guide', dec_on: '2026-06-05', agency: 1, reply_on: null },
    ]);
  });

  it('a forward awaiting its reply is at stage forwarded, due after the kind’s reply period on the register’s calendar', async () => {
    const r = await newRegister();
    // A recommendation has 22 working days; a holiday the Board added moves the deadline one day.
    await r.client.holidays.upsert({ date: '2026-06-15', name: 'Nghỉ bù (thử nghiệm)' });
    const file = sample();
    const p6 = byRef(file, 'P6');
    p6.decision = { action: 'forward', on: '2026-06-05', agency: 'SO-NNMT', document_no: '31/PC-BTCD', note: null };
    p6.reminders = [{ on: '2026-07-20', document_no: null }];
    await importFile(r.register, file, ACTOR);
    const expected = await workingDaysAfter(r.register.db, '2026-06-05', 22);
    expect(expected).toBe(addWorkingDays('2026-06-05', 23, holidaySet(defaultHolidays(2026))));
    expect(await rows(r, "select stage, reply_due_on from petitions where register_no = '2026/000009'")).toEqual([{ stage: 'forwarded', reply_due_on: expected }]);
    expect(await rows(r, "select reply_due_on from decisions where action = 'forward' and document_no = '31/PC-BTCD'")).toEqual([{ reply_due_on: expected }]);
    const exported = await exportRegister(r.register);
    expect(byRef(exported, 'P6')).toMatchObject({ decision: p6.decision, reply: null, reminders: [{ on: '2026-07-20', document_no: null }] });
  });

  it('accepts return after an ineligible classification, a decision the day of classification, a reply the day of the forward, a same-day original', async () => {
    const r = await newRegister();
    const file = sample();
    // P6 is numbered after P5 (file order): P5, received the same day, may be its original.
    byRef(file, 'P5').received_on = '2026-06-02';
    byRef(file, 'P6').classification = { eligible: false, reason: 'duplicate', duplicate_of: 'P5', note: null, on: '2026-06-03' };
    byRef(file, 'P6').decision = { action: 'file', on: '2026-06-05', agency: null, document_no: null, note: null };
    byRef(file, 'P5').decision = { action: 'return', on: '2026-06-10', agency: null, document_no: '02/TL-BTCD', note: 'Trả lại đơn và tài liệu' };
    const p1 = byRef(file, 'P1');
    p1.decision!.on = '2026-04-28';
    p1.reminders = [];
    p1.reply!.on = '2026-04-28';
    await expect(importFile(r.register, file, ACTOR)).resolves.toMatchObject({ decisions: 4, replies: 1, reminders: 0 });
  });

  it.each<[string, (f: V1File) => void, string, string]>([
    ['a decision without a classification', (f) => void (byRef(f, 'P2').classification = null), 'petitions[ref=P2].decision', 'Đơn chưa phân loại'],
    ['accepting an ineligible petition', (f) => void (byRef(f, 'P5').decision!.action = 'accept'), 'petitions[ref=P5].decision.action', 'chỉ có thể lưu đơn (file) hoặc trả lại (return)'],
    [
      'forwarding an ineligible petition',
      (f) => void (byRef(f, 'P5').decision = { action: 'forward', on: '2026-06-10', agency: 'SO-NNMT', document_no: null, note: null }),
      'petitions[ref=P5].decision.action',
      'không thể forward',
    ],
    ['guiding without an agency', (f) => void (byRef(f, 'P6').decision!.agency = null), 'petitions[ref=P6].decision.agency', 'phải ghi mã cơ quan nhận'],
    ['an agency neither in the file nor in the register', (f) => void (byRef(f, 'P1').decision!.agency = 'XA-99999'), 'petitions[ref=P1].decision.agency', 'Không có cơ quan mã XA-99999'],
    [
      'a reply without a forward',
      (f) => void (byRef(f, 'P2').reply = { on: '2026-06-10', document_no: null, summary: null, outcome: 'other' }),
      'petitions[ref=P2].reply',
      'Chỉ có kết quả trả lời (reply) khi đơn đã được chuyển',
    ],
    ['reminders without a forward', (f) => void (byRef(f, 'P6').reminders = [{ on: '2026-07-01', document_no: null }]), 'petitions[ref=P6].reminders', 'Chỉ có đôn đốc'],
    ['a classification before receipt', (f) => void (byRef(f, 'P6').classification!.on = '2026-06-01'), 'petitions[ref=P6].classification.on', 'trước ngày nhận đơn 2026-06-02'],
    ['a decision before receipt', (f) => void (byRef(f, 'P6').decision!.on = '2026-05-29'), 'petitions[ref=P6].decision.on', 'trước ngày nhận đơn'],
    ['a decision before the classification', (f) => void (byRef(f, 'P1').decision!.on = '2026-04-27'), 'petitions[ref=P1].decision.on', 'trước ngày phân loại 2026-04-28'],
    ['a reply before the forward', (f) => void (byRef(f, 'P1').reply!.on = '2026-05-01'), 'petitions[ref=P1].reply.on', 'trước ngày chuyển đơn 2026-05-04'],
    ['a reminder before receipt', (f) => void (byRef(f, 'P1').reminders[0]!.on = '2026-01-02'), 'petitions[ref=P1].reminders[0].on', 'trước ngày nhận đơn'],
    ['a reminder before the forward', (f) => void (byRef(f, 'P1').reminders[0]!.on = '2026-04-30'), 'petitions[ref=P1].reminders[0].on', 'trước ngày chuyển đơn'],
    ['a reminder after the reply', (f) => void (byRef(f, 'P1').reminders[1]!.on = '2026-07-22'), 'petitions[ref=P1].reminders[1].on', 'sau ngày nhận trả lời 2026-07-21'],
    ['a reply after the register’s today', (f) => void (byRef(f, 'P1').reply!.on = '2026-08-21'), 'petitions[ref=P1].reply.on', 'sau ngày hôm nay (2026-08-20)'],
    ['a classification after the register’s today', (f) => void (byRef(f, 'P3').classification = { eligible: true, on: '2026-09-01' }), 'petitions[ref=P3].classification.on', 'sau ngày hôm nay'],
    [
      'a duplicate without the original',
      (f) => void ((byRef(f, 'P5').classification as { duplicate_of: string | null }).duplicate_of = null),
      'petitions[ref=P5].classification.duplicate_of',
      'phải ghi ref của đơn đã có',
    ],
    [
      'a duplicate of a petition not in the file',
      (f) => void ((byRef(f, 'P5').classification as { duplicate_of: string | null }).duplicate_of = 'P99'),
      'petitions[ref=P5].classification.duplicate_of',
      'Không có đơn ref “P99” trong tệp',
    ],
    [
      'a duplicate of a later petition',
      (f) => {
        byRef(f, 'P6').classification = { eligible: false, reason: 'duplicate', duplicate_of: 'P5', note: null, on: '2026-06-03' };
        byRef(f, 'P6').decision = { action: 'file', on: '2026-06-05', agency: null, document_no: null, note: null };
      },
      'petitions[ref=P6].classification.duplicate_of',
      'Đơn gốc P5 nhận ngày 2026-06-08, sau đơn này (2026-06-02)',
    ],
    [
      'a duplicate of a petition received the same day but registered after it',
      (f) => {
        const p5 = byRef(f, 'P5');
        p5.received_on = '2026-06-02';
        (p5.classification as { duplicate_of: string | null }).duplicate_of = 'P6';
      },
      'petitions[ref=P5].classification.duplicate_of',
      'nhận cùng ngày nhưng vào sổ sau đơn này',
    ],
    [
      'an original named for another reason',
      (f) => void ((byRef(f, 'P4').classification as { duplicate_of: string | null }).duplicate_of = 'P1'),
      'petitions[ref=P4].classification.duplicate_of',
      'Chỉ ghi đơn gốc (duplicate_of) khi lý do là đơn trùng',
    ],
    [
      'reason other without a note',
      (f) => void (byRef(f, 'P4').classification = { eligible: false, reason: 'other', duplicate_of: null, note: null, on: '2026-01-05' }),
      'petitions[ref=P4].classification.note',
      'Lý do khác (reason = other) phải ghi rõ',
    ],
    ['an unknown decision action', (f) => void ((byRef(f, 'P2').decision as { action: string }).action = 'approve'), 'petitions[ref=P2].decision.action', 'accept, forward, guide, return, file'],
  ])('refuses %s, naming the petition and field, and writes nothing', async (_name, mutate, where, message) => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const file = unnumbered();
    mutate(file);
    const before = await registerSnapshot(r.register);
    const error = await importError(r, file);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(where);
    expect(error.issues?.some((i) => i.path === where && i.message.includes(message)), JSON.stringify(error.issues)).toBe(true);
    for (const issue of error.issues ?? []) expect(isVietnamese(issue.message), issue.message).toBe(true);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });

  it('checks handling dates against the register’s today only when asked, so a file is checked without a register', () => {
    const file = sample();
    byRef(file, 'P1').reply!.on = '2026-12-01';
    expect(checkInterchange(file).ok).toBe(true);
    const checked = checkInterchange(file, { today: '2026-11-30' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((i) => i.path)).toEqual(['petitions[ref=P1].reply.on']);
  });

  it('refuses a register number twice in the file', () => {
    const file = sample();
    file.petitions[1]!.register_no = '2026/5';
    const result = checkInterchange(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toContain('petitions[ref=P2].register_no: Số vào sổ 2026/000005 đã dùng cho petitions[ref=P1] trong tệp');
  });
});

/** The export as v1 states it (v2 adds matters and contents, checked in interchange-v2.test.ts). */
const exportRegister = async (register: Parameters<typeof exportRegisterV2>[0]) => downgradeToV1(await exportRegisterV2(register));

describe('export', () => {
  it('writes the sample back in the contract’s shape, with due dates in working days', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const exported = await exportRegister(r.register);
    const original = sample();
    expect(exported.format).toBe('petition-register/v1');
    expect(exported.exported_at).toBe('2026-08-20T10:00:00+07:00');
    expect(Object.keys(exported)).toEqual(['format', 'exported_at', 'agencies', 'sessions', 'visits', 'petitions']);
    const v2 = await exportRegisterV2(r.register);
    expect(Object.keys(v2)).toEqual(['format', 'exported_at', 'agencies', 'sessions', 'matters', 'visits', 'petitions', 'notices']);
    expect(v2.format).toBe('petition-register/v2');
    expect(exported.sessions).toEqual(original.sessions);
    expect(exported.visits).toEqual(original.visits);
    // 27/4 → 13/5 skips 30/4 and 1/5; 30/12/2025 → 14/1/2026 skips New Year's Day.
    const due = ['2026-05-13', '2026-05-29', '2026-06-01', '2026-01-14', '2026-06-22', '2026-06-16'];
    // P3 leaves out its handling fields: they are written as "not yet".
    expect(exported.petitions).toEqual(
      original.petitions.map((p, i) => ({
        ...p,
        register_no: SAMPLE_NUMBERS[i],
        classification: p.classification ?? null,
        decision: p.decision ?? null,
        reply: p.reply ?? null,
        reminders: p.reminders ?? [],
        due_on: due[i],
      })),
    );
    expect(Object.keys(exported.petitions[0]!)).toEqual([
      'ref', 'register_no', 'received_on', 'channel', 'visit', 'forwarded_by', 'written_on', 'kind', 'field', 'signatories',
      'petitioners', 'subject', 'summary', 'classification', 'decision', 'reply', 'reminders', 'due_on',
    ]);
    const p1 = byRef(exported, 'P1');
    expect(Object.keys(p1.classification!)).toEqual(['eligible', 'on']);
    expect(Object.keys(byRef(exported, 'P5').classification!)).toEqual(['eligible', 'reason', 'duplicate_of', 'note', 'on']);
    expect(Object.keys(p1.decision!)).toEqual(['action', 'on', 'agency', 'document_no', 'note']);
    expect(Object.keys(p1.reply!)).toEqual(['on', 'document_no', 'summary', 'outcome']);
    expect(Object.keys(p1.reminders[0]!)).toEqual(['on', 'document_no']);
    expect(Object.keys(exported.visits[0]!)).toEqual(['ref', 'session', 'persons', 'delegation', 'citizen', 'matter', 'content', 'repeat', 'outcome']);
    expect(Object.keys(exported.visits[0]!.citizen)).toEqual(['full_name', 'id_number', 'birth_year', 'gender', 'phone', 'address', 'commune_code']);
    for (const agency of original.agencies) expect(exported.agencies).toContainEqual(agency);
    const codes = exported.agencies.map((a) => a.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('round trip of the sample: import of the export into an empty register exports the same bytes', async () => {
    const first = await newRegister();
    await importFile(first.register, sample(), ACTOR);
    const text1 = serialiseInterchange(await exportRegisterV2(first.register));
    expect(text1).toContain('"duplicate_of": "P1"');
    expect(text1).toContain('"document_no": "12/ĐĐ-BTCD"');
    const second = await newRegister(new Date('2026-11-21T03:00:00Z'));
    await importFile(second.register, JSON.parse(text1), ACTOR);
    const text2 = serialiseInterchange(await exportRegisterV2(second.register));
    expect(text2).not.toBe(text1);
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));
  });

  it('writes the active records only: reversed ones are history; the round trip still gives the same bytes', async () => {
    const first = await newRegister();
    await importFile(first.register, sample(), ACTOR);
    const ctx: OpContext = { register: first.register, actor: { id: null, name: 'Cán bộ thử' } };
    // P1 (id 1): the reply was recorded by mistake. P2 (id 2): accepted, then guided instead.
    await reverseStep(ctx, { petitionId: 1, contentId: null, what: 'reply', note: 'Ghi nhầm báo cáo của đơn khác' });
    await reverseStep(ctx, { petitionId: 2, contentId: null, what: 'decision', note: 'Không thuộc thẩm quyền của Chủ tịch UBND tỉnh' });
    const soNnmt = (await rawValue<number>(first.register, "select id from agencies where code = 'SO-NNMT'"))!;
    await decidePetition(ctx, { petitionId: 2, contentId: null, action: 'guide', on: '2026-08-19', agencyId: soNnmt, note: null, toInspection: false });
    const exported = await exportRegister(first.register);
    expect(byRef(exported, 'P1')).toMatchObject({ reply: null, reminders: sample().petitions[0]!.reminders });
    expect(byRef(exported, 'P2').decision).toEqual({ action: 'guide', on: '2026-08-19', agency: 'SO-NNMT', document_no: '22/HD-BTCD' /* continues the imported 21/HD-BTCD */, note: null });
    const text1 = serialiseInterchange(exported);
    const second = await newRegister();
    await importFile(second.register, JSON.parse(text1), ACTOR);
    expect(await rawValue(second.register, "select stage from petitions where register_no = '2026/000005'")).toBe('forwarded');
    expect(withoutExportedAt(serialiseInterchange(await exportRegister(second.register)))).toBe(withoutExportedAt(text1));
  });

  it('writes due_on as the register stores it, on its own holiday calendar', async () => {
    const r = await newRegister();
    await importFile(r.register, sample(), ACTOR);
    const before = await exportRegister(r.register);
    expect(byRef(before, 'P1').due_on).toBe('2026-05-13');
    // The Board adds a day off (Wednesday 6 May): P1's deadline moves, P2's (received 15/5) does not.
    await r.client.holidays.upsert({ date: '2026-05-06', name: 'Nghỉ bù' });
    const after = await exportRegister(r.register);
    expect(byRef(after, 'P1').due_on).toBe('2026-05-14');
    expect(byRef(after, 'P2').due_on).toBe(byRef(before, 'P2').due_on);
    // Removing a default holiday (1 May) brings it back a day: counted on the calendar as edited.
    await r.client.holidays.remove({ date: '2026-05-01' });
    expect(byRef(await exportRegister(r.register), 'P1').due_on).toBe('2026-05-13');
    expect(await rawValue(r.register, "select due_on from petitions where register_no = '2026/000005'")).toBe('2026-05-13');
  });

  it('round trip of a demo register gives the same bytes', async () => {
    const now = new Date('2026-11-21T03:00:00Z');
    const first = await newRegister(now);
    await fillDemo(first.register, { seed: 3 });
    const text1 = serialiseInterchange(await exportRegisterV2(first.register));
    const second = await newRegister(now);
    const counts = await importFile(second.register, JSON.parse(text1), ACTOR);
    expect(counts.petitions).toBeGreaterThan(800);
    const text2 = serialiseInterchange(await exportRegisterV2(second.register));
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));
  }, 180_000);
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
