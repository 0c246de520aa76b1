// The statistics of a register built by hand through the API, with every figure worked out here
// from the records typed (not from the code under test); then the same figures read back from the
// XLSX (read-excel-file), the CSV (BOM, RFC 4180) and the PDF (pdftotext) of stats.export.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStatsMethods } from '../../db/api/handlers.ts';
import { HandlerTable } from '../../db/api/table.ts';
import { SYSTEM_ACTOR } from '../../db/context.ts';
import { findChromium, htmlToPdf } from '../../print/chromium-pdf.ts';
import { addDays } from '../../shared/calendar/dates.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Workflow } from '../../shared/domain/workflow.ts';
import { checkIdentities, type Statistics } from '../../shared/stats/definitions.ts';
import { buildStatisticsReport, reportFigures, type StatisticsReport } from '../../shared/stats/export-table.ts';
import { statsExportSchema } from '../../shared/stats/export-request.ts';
import { expectError } from '../helpers/envelope.ts';
import { BINH, DUC, HUNG, delegationInput, petitionInput, visitInput } from '../helpers/intake.ts';
import { tempDir } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { agencyByCode, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

// The official second quarter of 2026: 15 March to 14 June. Today is after it, so the figures are
// judged as of its last day.
const FROM = '2026-03-15';
const TO = '2026-06-14';
const TODAY = '2026-06-30';
const OTHER_REASON = 'Lý do khác (ghi rõ trong sổ)';

let t: WorkflowRegister;
let nnmt: Agency;
let tp: Agency;
let xd: Agency;
let stats: Statistics;
/** Reply deadlines as the register set them, so the test can place replies around them. */
const due = { p1: '', p2: '', p3: '', p4: '' };

function activeDecision(w: Workflow) {
  const d = w.decisions.filter((x) => x.reversed === null).at(-1);
  if (!d) throw new Error('no active decision');
  return d;
}

async function petition(patch: Parameters<typeof petitionInput>[0]) {
  return t.client.petitions.create(petitionInput(patch));
}

async function eligible(id: number, on: string) {
  return t.client.workflow.classify({ petitionId: id, eligible: true, on });
}

async function forward(id: number, agency: Agency, on: string): Promise<string> {
  const w = await t.client.workflow.decide({ petitionId: id, action: 'forward', agencyId: agency.id, on });
  return activeDecision(w).replyDueOn!;
}

beforeAll(async () => {
  t = await workflowRegister(TODAY);
  [nnmt, tp, xd] = [await agencyByCode(t, 'SO-NNMT'), await agencyByCode(t, 'SO-TP'), await agencyByCode(t, 'SO-XD')];
  await t.client.settings.update({ reasonLabels: { other: OTHER_REASON } });

  // Reception. In the period: regular 16/3 (three visits, one a delegation of 6) and 1/4 (none);
  // periodic 15/4 (a visit, and a delegation of 12); ad hoc 20/5 (3 people); online 10/6.
  // Outside: regular 14/3 and 15/6.
  const session = (kind: 'regular' | 'periodic' | 'adhoc' | 'online', date: string) => t.client.sessions.upsert({ kind, date, host: null, officers: [] });
  const s0 = await session('regular', '2026-03-14');
  await t.client.visits.save(visitInput(s0.id, { persons: 4 }));
  const s1 = await session('regular', '2026-03-16');
  const v1 = await t.client.visits.save(visitInput(s1.id, { persons: 1 }));
  await t.client.visits.save(visitInput(s1.id, { persons: 2, citizen: HUNG, matter: 'recommendation', outcome: 'explained' }));
  await t.client.visits.save(delegationInput(s1.id, 6, [BINH, HUNG]));
  await session('regular', '2026-04-01');
  const s3 = await session('periodic', '2026-04-15');
  await t.client.visits.save(visitInput(s3.id, { persons: 1, citizen: HUNG }));
  const v5 = await t.client.visits.save(delegationInput(s3.id, 12, [BINH], { outcome: 'petition_received' }));
  const s4 = await session('adhoc', '2026-05-20');
  await t.client.visits.save(visitInput(s4.id, { persons: 3, outcome: 'guided' }));
  const s5 = await session('online', '2026-06-10');
  await t.client.visits.save(visitInput(s5.id, { persons: 1, outcome: 'explained' }));
  const s6 = await session('periodic', '2026-06-15');
  await t.client.visits.save(delegationInput(s6.id, 7, [BINH]));

  // Petitions received before the period.
  const p13 = await petition({ receivedOn: '2026-03-02', channel: 'post', summary: 'Đơn trước kỳ, đã chuyển trước kỳ' });
  await eligible(p13.id, '2026-03-03');
  await forward(p13.id, nnmt, '2026-03-10'); // decided before the period: not carried over
  await petition({ receivedOn: '2026-03-05', channel: 'post', summary: 'Đơn trước kỳ, chưa xử lý' }); // carried over
  const p15 = await petition({ receivedOn: '2026-03-06', channel: 'post', kind: 'recommendation', summary: 'Đơn trước kỳ, xử lý trong kỳ' });
  await eligible(p15.id, '2026-03-09');
  await t.client.workflow.decide({ petitionId: p15.id, action: 'accept', on: '2026-03-20' }); // decided in the period: carried over

  // Petitions received in the period.
  const p1 = await petition({ receivedOn: '2026-03-16', channel: 'in_person', visitId: v1.id, kind: 'complaint', field: 'land', summary: 'P1 khiếu nại thu hồi đất' });
  await eligible(p1.id, '2026-03-17');
  due.p1 = await forward(p1.id, nnmt, '2026-03-20');
  await t.client.workflow.reply({ petitionId: p1.id, on: '2026-04-20', outcome: 'resolved' }); // on time

  const p2 = await petition({ receivedOn: '2026-03-18', channel: 'post', kind: 'complaint', field: 'compensation', signatories: 3, summary: 'P2 khiếu nại bồi thường' });
  await eligible(p2.id, '2026-03-18');
  due.p2 = await forward(p2.id, nnmt, '2026-03-20');
  await t.client.workflow.reply({ petitionId: p2.id, on: addDays(due.p2, 5), outcome: 'partial' }); // late

  const p3 = await petition({ receivedOn: '2026-03-19', channel: 'mailbox', kind: 'denunciation', field: 'corruption', subject: 'Ông Trần Văn K', summary: 'P3 tố cáo' });
  await eligible(p3.id, '2026-03-20');
  due.p3 = await forward(p3.id, tp, '2026-03-23'); // no reply, deadline passed by 14/6: overdue
  await t.client.workflow.remind({ petitionId: p3.id, on: addDays(due.p3, 2) });

  const p4 = await petition({ receivedOn: '2026-06-01', channel: 'online', kind: 'recommendation', field: 'policy', summary: 'P4 kiến nghị chế độ' });
  await eligible(p4.id, '2026-06-02');
  due.p4 = await forward(p4.id, tp, '2026-06-03'); // no reply, deadline after 14/6: pending

  const p5 = await petition({
    receivedOn: '2026-04-02',
    channel: 'forwarded',
    forwardedBy: { agency: 'Đoàn đại biểu Quốc hội tỉnh', letterNo: '45/ĐĐBQH', letterDate: '2026-03-30' },
    kind: 'multiple',
    field: 'housing',
    signatories: 2,
    summary: 'P5 nhiều nội dung về nhà ở',
  });
  await eligible(p5.id, '2026-04-03');
  await t.client.workflow.decide({ petitionId: p5.id, action: 'accept', on: '2026-04-05' });

  const p6 = await petition({ receivedOn: '2026-04-15', channel: 'in_person', visitId: v5.id, petitioners: [BINH], signatories: 12, kind: 'complaint', field: 'land', summary: 'P6 đoàn khiếu nại' });
  await eligible(p6.id, '2026-04-16');
  await t.client.workflow.decide({ petitionId: p6.id, action: 'guide', agencyId: xd.id, on: '2026-04-20' });

  const p7 = await petition({ receivedOn: '2026-04-10', channel: 'post', petitioners: [], kind: 'recommendation', field: 'administration', summary: 'P7 đơn nặc danh' });
  await t.client.workflow.classify({ petitionId: p7.id, eligible: false, reason: 'anonymous', on: '2026-04-11' });
  await t.client.workflow.decide({ petitionId: p7.id, action: 'file', on: '2026-04-12' });

  const p8 = await petition({ receivedOn: '2026-04-11', channel: 'post', kind: 'complaint', field: 'land', summary: 'P8 trùng P1' });
  await t.client.workflow.classify({ petitionId: p8.id, eligible: false, reason: 'duplicate', duplicateOf: p1.id, on: '2026-04-12' });
  await t.client.workflow.decide({ petitionId: p8.id, action: 'return', on: '2026-04-13' });

  const p9 = await petition({ receivedOn: '2026-05-02', channel: 'post', kind: 'denunciation', field: 'justice', petitioners: [HUNG], summary: 'P9 tố cáo không rõ' });
  await t.client.workflow.classify({ petitionId: p9.id, eligible: false, reason: 'other', note: 'Viết bằng tiếng nước ngoài', on: '2026-05-04' });

  await petition({ receivedOn: '2026-05-05', channel: 'post', kind: 'complaint', field: 'other', summary: 'P10 chưa phân loại' });

  // A forward reversed and replaced by an acceptance: the forward must not count anywhere.
  const p11 = await petition({ receivedOn: '2026-05-06', channel: 'post', kind: 'complaint', field: 'land', signatories: 1, petitioners: [DUC], summary: 'P11 chuyển nhầm' });
  await eligible(p11.id, '2026-05-06');
  await forward(p11.id, xd, '2026-05-07');
  await t.client.workflow.reverse({ petitionId: p11.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });
  await t.client.workflow.decide({ petitionId: p11.id, action: 'accept', on: '2026-05-10' });

  // An ineligible classification reversed, then eligible.
  const p12 = await petition({ receivedOn: '2026-05-08', channel: 'mailbox', kind: 'complaint', field: 'housing', summary: 'P12 phân loại lại' });
  await t.client.workflow.classify({ petitionId: p12.id, eligible: false, reason: 'awaiting_result', on: '2026-05-08' });
  await t.client.workflow.reverse({ petitionId: p12.id, what: 'classification', note: 'Phân loại nhầm' });
  await eligible(p12.id, '2026-05-09');

  // After the period.
  const p17 = await petition({ receivedOn: '2026-06-15', channel: 'post', summary: 'P17 sau kỳ' });
  await eligible(p17.id, '2026-06-16');
  await forward(p17.id, nnmt, '2026-06-17');

  stats = await t.client.stats.get({ from: FROM, to: TO });
});

afterAll(async () => {
  await t?.cleanup();
});

describe('statistics of a hand-built register', () => {
  it('places the reply deadlines where the cases need them', () => {
    expect(due.p1 > '2026-04-20').toBe(true); // P1 replied on time
    expect(addDays(due.p2, 5) <= TODAY).toBe(true); // P2 replied late, before today
    expect(due.p3 < TO).toBe(true); // P3 overdue on 14/6
    expect(due.p4 >= TO).toBe(true); // P4 still pending on 14/6
  });

  it('counts every figure as worked out by hand', () => {
    const zeroReasons = { anonymous: 0, no_signature_or_address: 0, duplicate: 0, awaiting_result: 0, finally_decided: 0, insufficient_content: 0, already_guided: 0, other: 0 };
    const expected: Statistics = {
      period: { from: FROM, to: TO },
      as_of: TO,
      reception: {
        // s1 (16/3: 1 + 2 + delegation 6) and s2 (1/4: no visits)
        regular: { sessions: 2, visits: 3, persons: 9, delegations: 1, delegation_persons: 6 },
        // s3 periodic (1 + delegation 12) and s4 ad hoc (3)
        leaders: { sessions: 2, visits: 3, persons: 16, delegations: 1, delegation_persons: 12 },
        online: { sessions: 1, visits: 1, persons: 1, delegations: 0, delegation_persons: 0 },
      },
      petitions: {
        received: 12, // P1–P12
        carried_over: 2, // P14 (no decision), P15 (decided 20/3, in the period); not P13 (decided 10/3)
        multi_signatory: 3, // P2 (3), P5 (2), P6 (12)
        // P1, P2, P6, P11, P12 complaints; P3; P4; P5
        eligible: { total: 8, complaint: 5, denunciation: 1, recommendation: 1, multiple: 1 },
        // P7 anonymous, P8 duplicate, P9 other (P12's reversed awaiting_result does not count)
        ineligible: { total: 3, by_reason: { ...zeroReasons, anonymous: 1, duplicate: 1, other: 1 } },
        unclassified: 1, // P10
        // land P1 P6 P8 P11; housing P5 P12; compensation P2; corruption P3; policy P4; administration P7; justice P9; other P10
        by_field: { land: 4, housing: 2, compensation: 1, policy: 1, justice: 1, corruption: 1, administration: 1, other: 1 },
        // forward P1–P4 (P11's reversed forward not counted); accept P5, P11; guide P6; file P7; return P8
        decisions: { accept: 2, forward: 4, guide: 1, return: 1, file: 1, urge: 0, total: 9, undecided: 3 },
        forwarded_by_agency: [
          // P1 on time, P2 late (P13 before and P17 after the period are not counted)
          { agency: 'SO-NNMT', name: nnmt.name, forwarded: 2, replied: 2, replied_on_time: 1, replied_late: 1, overdue: 0, pending: 0 },
          // P3 overdue, P4 pending
          { agency: 'SO-TP', name: tp.name, forwarded: 2, replied: 0, replied_on_time: 0, replied_late: 0, overdue: 1, pending: 1 },
        ],
      },
      // No matter of this register records the commune where its case arose.
      by_commune: { units_on: TODAY, communes: [], unrecorded: 12 },
    };
    expect(stats).toEqual(expected);
    expect(checkIdentities(stats)).toEqual([]);
  });

  it('judges overdue replies on today when the period has not ended', async () => {
    // Up to 30/6 (today): P17 (received 15/6) joins; as of today P4 is still pending.
    const later = await t.client.stats.get({ from: FROM, to: '2026-12-31' });
    expect(later.as_of).toBe(TODAY);
    expect(later.petitions.received).toBe(13);
    expect(checkIdentities(later)).toEqual([]);
  });
});

/** The value a figure's key names, resolved here from the JSON independently of export-table.ts. */
function resolve(s: Statistics, key: string): number {
  const json = JSON.parse(JSON.stringify(s)) as Statistics;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let m = /^reception\.total\.(\w+)$/.exec(key);
  if (m) return sum(Object.values(json.reception).map((g) => (g as unknown as Record<string, number>)[m![1]!]!));
  if (key === 'petitions.to_handle') return json.petitions.received + json.petitions.carried_over;
  m = /^petitions\.forwarded_by_agency\[(.+)\]\.(\w+)$/.exec(key);
  if (m) {
    const rows = json.petitions.forwarded_by_agency.filter((a) => m![1] === '*' || a.agency === m![1]);
    if (rows.length === 0) throw new Error(`no agency in ${key}`);
    return sum(rows.map((a) => (a as unknown as Record<string, number>)[m![2]!]!));
  }
  const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], json);
  if (typeof value !== 'number') throw new Error(`${key} is not a figure`);
  return value;
}

/** RFC 4180: fields, quoted fields with doubled quotes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('stats.export', () => {
  let report: StatisticsReport;
  beforeAll(async () => {
    const settings = await t.client.settings.get();
    report = buildStatisticsReport(stats, settings);
  });

  it('writes an XLSX whose two sheets carry the Vietnamese headings and the JSON figures', async () => {
    const file = await t.client.stats.export({ from: FROM, to: TO, format: 'xlsx' });
    expect(file.fileName).toBe(`thong-ke_${FROM}_${TO}.xlsx`);
    const sheets = await readXlsxFile(Buffer.from(file.base64, 'base64'));
    expect(sheets.map((s) => s.sheet)).toEqual(['01-TCD', '02-XLD']);
    const texts = (i: number) => sheets[i]!.data.flat().filter((c): c is string => typeof c === 'string');
    for (const heading of ['UBND TỈNH QUẢNG NGÃI', 'BAN TIẾP CÔNG DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Biểu số 01/TCD', 'TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN', 'Kỳ báo cáo: từ 15/03/2026 đến 14/06/2026', 'Số liệu tính đến ngày 14/06/2026', 'Đoàn đông người', 'Số người được tiếp', 'Lãnh đạo tiếp (định kỳ, đột xuất)', 'Tiếp trực tuyến']) {
      expect(texts(0)).toContain(heading);
    }
    for (const heading of ['Biểu số 02/XLD', 'TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN', 'Số đơn kỳ trước chuyển sang', 'Đơn không đủ điều kiện xử lý', 'Đơn nặc danh, mạo danh', OTHER_REASON, 'Bồi thường, hỗ trợ, tái định cư', 'Chuyển đơn đến cơ quan có thẩm quyền', 'Đã có báo cáo kết quả', 'Chưa đến hạn', nnmt.name, tp.name]) {
      expect(texts(1)).toContain(heading);
    }
    // The rows read as the forms print them.
    const row = (i: number, label: string) => sheets[i]!.data.find((r) => r[1] === label)!;
    expect(row(0, 'Tiếp thường xuyên')).toEqual(['1', 'Tiếp thường xuyên', 2, 3, 9, 1, 6]);
    expect(row(0, 'Tổng cộng')).toEqual([null, 'Tổng cộng', 5, 7, 26, 2, 18]);
    expect(row(1, 'Số đơn tiếp nhận trong kỳ').slice(0, 3)).toEqual(['1', 'Số đơn tiếp nhận trong kỳ', 12]);
    expect(row(1, 'Tổng số đơn phải xử lý (3 = 1 + 2)')[2]).toBe(14);
    expect(row(1, nnmt.name)).toEqual(['1', nnmt.name, 2, 2, 1, 1, 0, 0]);
    expect(row(1, tp.name)).toEqual(['2', tp.name, 2, 0, 0, 0, 1, 1]);
    // Every number in each sheet, in reading order, is the report's figure, which is the JSON's.
    report.forms.forEach((form, i) => {
      const numbers = sheets[i]!.data.flat().filter((c): c is number => typeof c === 'number');
      const figures = reportFigures(report).filter((f) => f.section.startsWith(form.code));
      expect(numbers).toEqual(figures.map((f) => f.value));
      for (const f of figures) expect(f.value, f.key).toBe(resolve(stats, f.key));
    });
  });

  it('writes a UTF-8 CSV with a BOM, one row per figure, the same numbers as the JSON', async () => {
    const file = await t.client.stats.export({ from: FROM, to: TO, format: 'csv' });
    expect(file.fileName).toBe(`thong-ke_${FROM}_${TO}.csv`);
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['Phần', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị']);
    for (const r of rows) expect(r).toHaveLength(4);
    const byKey = new Map(rows.slice(1).map((r) => [r[1]!, r]));
    expect(byKey.get('period.from')![3]).toBe(FROM);
    expect(byKey.get('board_name')![3]).toBe('Ban Tiếp công dân tỉnh Quảng Ngãi');
    const figures = rows.slice(6);
    expect(figures).toHaveLength(reportFigures(report).length);
    for (const [section, key, label, value] of figures) {
      expect(section).toMatch(/^Biểu số 0[12]\/(TCD|XLD) – /);
      expect(label!.length).toBeGreaterThan(3);
      expect(Number(value), key).toBe(resolve(stats, key!));
    }
    // Labels with commas are quoted, and read back whole.
    expect(byKey.get('reception.regular.sessions')![2]).toBe('Tiếp thường xuyên: số kỳ, buổi tiếp');
    expect(byKey.get('petitions.ineligible.by_reason.other')![2]).toBe(`Đơn không đủ điều kiện xử lý: ${OTHER_REASON}`);
    expect(Number(byKey.get('petitions.forwarded_by_agency[SO-TP].overdue')![3])).toBe(1);
  });

  it('records each export in the audit log', async () => {
    const rows = await t.client.audit.list({ entity: 'statistics', entityId: `${FROM}..${TO}` });
    expect(rows.map((r) => r.action)).toEqual(['export', 'export']);
    expect(rows.map((r) => (r.after as { format: string }).format).sort()).toEqual(['csv', 'xlsx']);
  });

  it('refuses a PDF without an engine, and bad input, writing nothing', async () => {
    const before = await registerSnapshot(t.register);
    const noEngine = expectError(await t.api.call('stats.export', { from: FROM, to: TO, format: 'pdf' }), 'INTERNAL');
    expect(noEngine.message).toContain('Chromium');
    expectError(await t.api.call('stats.export', { from: TO, to: FROM, format: 'xlsx' }), 'VALIDATION');
    expectError(await t.api.call('stats.export', { from: FROM, to: TO, format: 'docx' }), 'VALIDATION');
    expectError(await t.api.call('stats.export', { from: '2026-02-30', to: TO, format: 'csv' }), 'VALIDATION');
    expect(await registerSnapshot(t.register)).toEqual(before);
  });

  const canPdf = findChromium() !== null && spawnSync('pdftotext', ['-v']).error === undefined;
  it.skipIf(!canPdf)('prints an A4 PDF through the injected engine, with the headings and figures', { timeout: 90_000 }, async () => {
    const table = new HandlerTable();
    registerStatsMethods(table, { pdf: htmlToPdf });
    const handler = table.get('stats.export')!;
    const file = (await handler(statsExportSchema.parse({ from: FROM, to: TO, format: 'pdf' }), { register: t.register, actor: SYSTEM_ACTOR, session: { officerId: null } })) as {
      fileName: string;
      base64: string;
    };
    expect(file.fileName).toBe(`thong-ke_${FROM}_${TO}.pdf`);
    const dir = tempDir();
    try {
      const pdf = path.join(dir.dir, file.fileName);
      fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
      if (!info.error) expect(info.stdout).toMatch(/Page size:.*\(A4\)/);
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.normalize('NFC');
      for (const heading of ['TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN', 'TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN', 'Biểu số 01/TCD', 'Biểu số 02/XLD', 'Kỳ báo cáo: từ 15/03/2026 đến 14/06/2026', 'Đơn không đủ điều kiện xử lý', 'Sở Nông nghiệp và Môi', 'NGƯỜI LẬP BIỂU']) {
        expect(text).toContain(heading);
      }
      expect(text).toMatch(/Tiếp thường xuyên\s+2\s+3\s+9\s+1\s+6/);
      expect(text).toMatch(/Tổng cộng\s+5\s+7\s+26\s+2\s+18/);
      expect(text).toMatch(/Số đơn tiếp nhận trong kỳ\s+12/);
      expect(text).toMatch(/Số đơn kỳ trước chuyển sang\s+2/);
      expect(text).toMatch(/Sở Tư pháp\s+2\s+0\s+0\s+0\s+1\s+1/);
    } finally {
      dir.cleanup();
    }
    const audit = await t.client.audit.list({ entity: 'statistics', entityId: `${FROM}..${TO}` });
    expect(audit.map((r) => (r.after as { format: string }).format)).toContain('pdf');
  });
});
