// Printing over a real register: each document from the records that support it, the refusals
// for records that do not, PDFs through the machine's Chromium read back with pdftotext, the audit
// row of every print, and `petreg document` as a user runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBridge, unwrapBridge, type ApiClient } from '../../shared/api/client.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import type { DocumentPdf, RenderedDocument } from '../../shared/documents/kinds.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { PersonInput } from '../../shared/domain/person.ts';
import type { Visit } from '../../shared/domain/reception.ts';
import { createApiServer, type ApiServer } from '../../db/api/server.ts';
import { findChromium, htmlToPdf } from '../../print/chromium-pdf.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { rawAll, rawGet, tempDir, tempRegister, TEST_APP_VERSION, type TempDir, type TempRegister, adminSession } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HAS_CHROMIUM = findChromium() !== null;
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;

const TUYET: PersonInput = {
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '051180001234',
  birthYear: 1980,
  gender: 'female',
  address: 'Thôn An Phú, xã Tịnh Khê, tỉnh Quảng Ngãi',
};

interface World {
  t: TempRegister;
  /** The API with the Chromium PDF engine, as the browser preview wires it. */
  api: ApiServer;
  client: ApiClient;
  agency: Agency;
  commune: Agency;
  /** 2026/000001: forwarded to Sở Nông nghiệp và Môi trường (01/PC-BTCD), reminded once (01/ĐĐ-BTCD). */
  forwarded: Petition;
  /** 2026/000002: guided to a commune (01/HD-BTCD). */
  guided: Petition;
  /** 2026/000003: proposed for acceptance (01/ĐX-BTCD). */
  accepted: Petition;
  /** 2026/000004: ineligible, returned (01/TL-BTCD). */
  returned: Petition;
  /** 2026/000005: received, not yet classified. */
  fresh: Petition;
  refused: Visit;
  explained: Visit;
  replyDueOn: string;
  /** April: visits whose petitions were forwarded (02/PC-BTCD), guided (02/HD-BTCD), accepted (02/TTr-BTCD). */
  aprilForwarded: Petition;
  aprilGuided: Petition;
  aprilAccepted: Petition;
  /** 2026/000009: a denunciation by Tuyết, forwarded with the denunciation slip (03/PC-BTCD). */
  denunciation: Petition;
}

let w: World;
const dirs: TempDir[] = [];

function work(): string {
  const d = tempDir('petreg-docs-');
  dirs.push(d);
  return d.dir;
}

/** The register's clock: mid-March for the first records, then late April for the April visits. */
let clock = new Date('2026-03-15T09:00:00+07:00');

beforeAll(async () => {
  const t = await tempRegister({ now: () => clock });
  const api = createApiServer(t.register, { appVersion: TEST_APP_VERSION, pdf: htmlToPdf }, await adminSession(t.register));
  const client = unwrapBridge(buildBridge((method: MethodName, input: unknown) => api.call(method, input)));
  await client.settings.update({ signerName: 'Phạm Văn Ký' });
  const agency = (await client.agencies.list({ search: 'SO-NNMT' })).find((a) => a.code === 'SO-NNMT')!;
  const commune = (await client.agencies.list({ search: 'Tịnh Khê', kind: 'commune' }))[0]!;
  const create = (summary: string, patch: Record<string, unknown> = {}) =>
    client.petitions.create({ receivedOn: '2026-03-02', channel: 'in_person', kind: 'complaint', field: 'land', petitioners: [TUYET], summary, ...patch });

  const forwarded = await create('Khiếu nại Quyết định thu hồi 250 m² đất nông nghiệp của gia đình tại thôn An Phú, đề nghị bồi thường theo giá thị trường.', {
    writtenOn: '2026-02-27',
    subject: 'UBND xã Tịnh Khê',
  });
  await client.workflow.classify({ petitionId: forwarded.id, eligible: true, on: '2026-03-03' });
  const decided = await client.workflow.decide({ petitionId: forwarded.id, action: 'forward', on: '2026-03-05', agencyId: agency.id });
  await client.workflow.remind({ petitionId: forwarded.id, on: '2026-03-13' });

  const guided = await create('Đề nghị cấp giấy chứng nhận quyền sử dụng đất', { kind: 'recommendation' });
  await client.workflow.classify({ petitionId: guided.id, eligible: true, on: '2026-03-03' });
  await client.workflow.decide({ petitionId: guided.id, action: 'guide', on: '2026-03-04', agencyId: commune.id });

  const accepted = await create('Khiếu nại Quyết định của Chủ tịch UBND tỉnh về bồi thường');
  await client.workflow.classify({ petitionId: accepted.id, eligible: true, on: '2026-03-03' });
  await client.workflow.decide({ petitionId: accepted.id, action: 'accept', on: '2026-03-06' });

  const returned = await create('Nội dung không rõ');
  await client.workflow.classify({ petitionId: returned.id, eligible: false, reason: 'insufficient_content', on: '2026-03-03' });
  await client.workflow.decide({ petitionId: returned.id, action: 'return', on: '2026-03-06' });

  const fresh = await create('Kiến nghị sửa đường liên thôn', { kind: 'recommendation' });

  const session = await client.sessions.upsert({ kind: 'regular', date: '2026-03-10', location: 'Trụ sở Tiếp công dân tỉnh Quảng Ngãi' });
  const refused = await client.visits.save({
    sessionId: session.id,
    persons: 1,
    citizen: { fullName: 'Trần Văn Bảo', gender: 'male', address: 'Thôn Trường Thọ, xã Tịnh Khê' },
    matter: 'complaint',
    content: 'Khiếu nại việc đã được giải quyết đúng pháp luật',
    outcome: 'refused',
    refusalGround: 'law_9_3',
  });
  const explained = await client.visits.save({ sessionId: session.id, persons: 1, citizen: TUYET, matter: 'recommendation', content: 'Hỏi về thủ tục', outcome: 'explained' });

  clock = new Date('2026-04-20T09:00:00+07:00');
  // The agency answers the first petition: on Tuyết's next visit it is the body that already handled the case.
  await client.workflow.reply({ petitionId: forwarded.id, on: '2026-03-25', documentNo: '88/SNNMT-TTr', outcome: 'rejected' });
  const april = await client.sessions.upsert({ kind: 'regular', date: '2026-04-06', location: 'Trụ sở Tiếp công dân tỉnh Quảng Ngãi' });
  const visitWith = async (citizen: PersonInput, matter: 'complaint' | 'recommendation', content: string, repeat = false) =>
    client.visits.save({ sessionId: april.id, persons: 1, citizen, matter, content, repeat, outcome: 'petition_received' });
  const handedIn = (visit: Visit, kind: 'complaint' | 'recommendation', summary: string) =>
    client.petitions.create({ receivedOn: '2026-04-06', channel: 'in_person', visitId: visit.id, kind, field: 'land', petitioners: [visit.citizen], summary });
  const v1 = await visitWith(TUYET, 'complaint', 'Tiếp tục khiếu nại việc thu hồi đất', true);
  const aprilForwarded = await handedIn(v1, 'complaint', 'Khiếu nại tiếp việc thu hồi đất tại thôn An Phú');
  await client.workflow.classify({ petitionId: aprilForwarded.id, eligible: true, on: '2026-04-07' });
  await client.workflow.decide({ petitionId: aprilForwarded.id, action: 'forward', on: '2026-04-08', agencyId: agency.id });
  const v2 = await visitWith({ fullName: 'Lê Văn Hùng', gender: 'male', address: 'Thôn 3', communeCode: '21211' }, 'recommendation', 'Kiến nghị sửa cầu tràn');
  const aprilGuided = await handedIn(v2, 'recommendation', 'Kiến nghị sửa cầu tràn thôn 3');
  await client.workflow.classify({ petitionId: aprilGuided.id, eligible: true, on: '2026-04-07' });
  await client.workflow.decide({ petitionId: aprilGuided.id, action: 'guide', on: '2026-04-08', agencyId: commune.id });
  const v3 = await visitWith({ fullName: 'Phạm Thị Lan', gender: 'female', address: 'Tổ 5, phường Trà Câu' }, 'complaint', 'Khiếu nại quyết định bồi thường');
  const aprilAccepted = await handedIn(v3, 'complaint', 'Khiếu nại Quyết định bồi thường của Chủ tịch UBND tỉnh');
  await client.workflow.classify({ petitionId: aprilAccepted.id, eligible: true, on: '2026-04-07' });
  await client.workflow.decide({ petitionId: aprilAccepted.id, action: 'accept', on: '2026-04-08' });

  const denunciation = await create('Tố cáo cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm.', {
    kind: 'denunciation',
    receivedOn: '2026-04-06',
    writtenOn: '2026-04-01',
    subject: 'Ông Trần Văn Bị, công chức địa chính xã Tịnh Khê',
  });
  await client.workflow.classify({ petitionId: denunciation.id, eligible: true, on: '2026-04-07' });
  await client.workflow.decide({ petitionId: denunciation.id, action: 'forward', on: '2026-04-08', agencyId: agency.id });

  w = {
    t,
    api,
    client,
    agency,
    commune,
    forwarded,
    guided,
    accepted,
    returned,
    fresh,
    refused,
    explained,
    replyDueOn: decided.replyDueOn!,
    aprilForwarded,
    aprilGuided,
    aprilAccepted,
    denunciation,
  };
});

afterAll(async () => {
  await w?.t.cleanup();
  for (const d of dirs.splice(0)) d.cleanup();
});

async function printRows(): Promise<{ action: string; entity: string; entity_id: string; actor_name: string; after: Record<string, unknown> }[]> {
  return ((await rawAll(w.t.register, "select action, entity, entity_id, actor_name, after_json from audit_log where action = 'print' order by id")) as {
    action: string;
    entity: string;
    entity_id: string;
    actor_name: string;
    after_json: string;
  }[]).map(({ after_json, ...r }) => ({ ...r, after: JSON.parse(after_json) as Record<string, unknown> }));
}

function pdfText(pdf: Uint8Array, layout = true): string {
  const file = path.join(work(), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.normalize('NFC');
}

function pdfPageSize(pdf: Uint8Array): string {
  const file = path.join(work(), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  return /Page size:\s+([\d.]+ x [\d.]+ pts)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1] ?? '';
}

async function render(input: Record<string, unknown>): Promise<RenderedDocument> {
  return expectOk<RenderedDocument>(await w.api.call('documents.render', input));
}

describe('documents.render', () => {
  it('prints the forwarding slip from the forward decision and records the print', async () => {
    const before = (await printRows()).length;
    const doc = await render({ kind: 'forward', petitionId: w.forwarded.id });
    expect(doc).toMatchObject({ kind: 'forward', title: 'Phiếu chuyển đơn', number: '01/PC-BTCD', fileName: 'phieu-chuyen-don_2026-000001.html' });
    expect(doc.html).toContain('Số: 01/PC-BTCD');
    expect(doc.html).toContain('Quảng Ngãi, ngày 05 tháng 3 năm 2026');
    expect(doc.html).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(doc.html).toContain('bà Nguyễn Thị Ánh Tuyết, địa chỉ: Thôn An Phú, xã Tịnh Khê, tỉnh Quảng Ngãi');
    expect(doc.html).toContain('Người (cơ quan) bị khiếu nại: UBND xã Tịnh Khê.');
    const rows = await printRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      action: 'print',
      entity: 'petition',
      entity_id: String(w.forwarded.id),
      actor_name: 'Quản trị viên',
      after: { kind: 'forward', number: '01/PC-BTCD', registerNo: '2026/000001', format: 'html' },
    });
  });

  it('prints every other kind from the record that supports it', async () => {
    const guide = await render({ kind: 'guide', petitionId: w.guided.id });
    expect(guide.number).toBe('01/HD-BTCD');
    expect(guide.html).toContain('Kính gửi: Bà Nguyễn Thị Ánh Tuyết');
    expect(guide.html).toContain(`thuộc thẩm quyền giải quyết của ${w.commune.name}`);

    const accept = await render({ kind: 'accept', petitionId: w.accepted.id });
    expect(accept.number).toBe('01/TTr-BTCD');
    expect(accept.html).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi');

    const ret = await render({ kind: 'return', petitionId: w.returned.id });
    expect(ret.number).toBe('02/BTCD');
    expect(ret.html).toContain('V/v trả lại đơn');
    expect(ret.html).toContain('lý do: Nội dung không rõ ràng, không đủ thông tin.');

    const reminder = await render({ kind: 'reminder', petitionId: w.forwarded.id });
    // Reminder and return are công văn of one series: the reminder (recorded first) took 01, the return 02.
    expect(reminder.number).toBe('01/BTCD');
    expect(reminder.html).toContain('Quảng Ngãi, ngày 13 tháng 3 năm 2026');
    expect(reminder.html).toContain('có Phiếu chuyển đơn số 01/PC-BTCD');
    expect(reminder.html).toContain('V/v đôn đốc giải quyết đơn của bà Nguyễn Thị Ánh Tuyết');

    const receipt = await render({ kind: 'receipt', petitionId: w.forwarded.id });
    expect(receipt.number).toBeNull();
    expect(receipt.html).not.toContain('Số:');
    expect(receipt.html).toContain('<td>Đơn khiếu nại đề ngày 27/02/2026 (đơn vào sổ số 2026/000001)</td><td class="c"></td><td>Bản chính</td>');

    const refusal = await render({ kind: 'refusal', visitId: w.refused.id, reason: 'Vụ việc đã được giải quyết đúng chính sách, pháp luật' });
    expect(refusal.fileName).toBe(`thong-bao-tu-choi-tiep_luot-${w.refused.id}.html`);
    expect(refusal.html).toContain('Kính gửi: Ông Trần Văn Bảo');
    expect(refusal.html).toContain('đến Trụ sở Tiếp công dân tỉnh Quảng Ngãi để khiếu nại về việc');
    expect(refusal.html).toContain('Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ban Tiếp công dân tỉnh Quảng Ngãi từ chối tiếp nhận nội dung khiếu nại của ông Trần Văn Bảo');
    expect(refusal.html).toContain('Vụ việc đã được giải quyết đúng chính sách, pháp luật.');

    const register = await render({ kind: 'register', from: '2026-03-01', to: '2026-03-31' });
    expect(register.html).toContain('SỔ TIẾP CÔNG DÂN');
    expect(register.html).toContain('Trần Văn Bảo');
    expect(register.html).toContain('Tổng cộng: 2 lượt tiếp, 2 người.');

    const rows = (await printRows()).slice(-7);
    expect(rows.map((r) => [r.entity, r.after.kind])).toEqual([
      ['petition', 'guide'],
      ['petition', 'accept'],
      ['petition', 'return'],
      ['petition', 'reminder'],
      ['petition', 'receipt'],
      ['visit', 'refusal'],
      ['register', 'register'],
    ]);
    expect(rows.at(-1)!.entity_id).toBe('2026-03-01..2026-03-31');
  });

  it('names the officer at the desk as the receiver of a receipt', async () => {
    // A server of its own: the officer at the desk is part of a server's session.
    const desk = createApiServer(w.t.register, { appVersion: TEST_APP_VERSION }, await adminSession(w.t.register));
    expectOk(await desk.call('session.get', undefined));
    const receipt = expectOk<RenderedDocument>(await desk.call('documents.render', { kind: 'receipt', petitionId: w.guided.id }));
    expect(receipt.html).toContain('<div class="sign-name">Quản trị viên</div>');
    expect(receipt.html).toContain('Tôi là: <b>Quản trị viên</b>');
    expect((await printRows()).at(-1)!.actor_name).toBe('Quản trị viên');
  });

  it.each([
    ['a forwarding slip for a petition with no decision', () => ({ kind: 'forward', petitionId: w.fresh.id }), 'CONFLICT', 'Đơn 2026/000005 chưa có quyết định chuyển đơn: không in được phiếu chuyển đơn.'],
    [
      'a forwarding slip for a guided petition',
      () => ({ kind: 'forward', petitionId: w.guided.id }),
      'CONFLICT',
      'Đơn 2026/000002 có quyết định “Hướng dẫn công dân” (số 01/HD-BTCD), không phải quyết định chuyển đơn: không in được phiếu chuyển đơn.',
    ],
    ['a reminder for a petition never reminded', () => ({ kind: 'reminder', petitionId: w.guided.id }), 'CONFLICT', 'Đơn 2026/000002 chưa có lần đôn đốc nào'],
    ['a reminder that is not the petition’s', () => ({ kind: 'reminder', petitionId: w.forwarded.id, reminderId: 999 }), 'NOT_FOUND', 'không có lần đôn đốc mã số 999'],
    ['a refusal notice for a visit that was not refused', () => ({ kind: 'refusal', visitId: w.explained.id }), 'CONFLICT', 'không có kết quả “Từ chối tiếp”'],
    ['an unknown petition', () => ({ kind: 'receipt', petitionId: 987_654 }), 'NOT_FOUND', 'Không tìm thấy đơn'],
    ['an unknown visit', () => ({ kind: 'refusal', visitId: 987_654 }), 'NOT_FOUND', 'Không tìm thấy lượt tiếp'],
    ['an unknown kind', () => ({ kind: 'memo', petitionId: 1 }), 'VALIDATION', 'Loại văn bản không hợp lệ'],
    ['a petition document without a petition', () => ({ kind: 'forward' }), 'VALIDATION', 'Phiếu chuyển đơn cần chọn đơn'],
    ['a register with the dates reversed', () => ({ kind: 'register', from: '2026-03-31', to: '2026-03-01' }), 'VALIDATION', 'Từ ngày phải trước'],
  ] as const)('refuses %s, and records nothing', async (_label, input, code, message) => {
    const before = await registerSnapshot(w.t.register);
    const error = expectError(await w.api.call('documents.render', input()), code);
    expect(error.message).toContain(message);
    expect(await registerSnapshot(w.t.register)).toEqual(before);
  });
});

describe('documents.pdf', () => {
  it('refuses with a clear message when the machine has no PDF engine', async () => {
    const noEngine = createApiServer(w.t.register, { appVersion: TEST_APP_VERSION }, await adminSession(w.t.register));
    const before = await registerSnapshot(w.t.register);
    const error = expectError(await noEngine.call('documents.pdf', { kind: 'forward', petitionId: w.forwarded.id }), 'INTERNAL');
    expect(error.message).toBe('Máy này không có Chromium để tạo PDF');
    expect(await registerSnapshot(w.t.register)).toEqual(before);
  });

  it('passes the document HTML to the injected engine and returns base64', async () => {
    const seen: string[] = [];
    const fake = createApiServer(w.t.register, { appVersion: TEST_APP_VERSION, pdf: async (html) => (seen.push(html), new TextEncoder().encode('%PDF-fake')) }, await adminSession(w.t.register));
    const pdf = expectOk<DocumentPdf>(await fake.call('documents.pdf', { kind: 'accept', petitionId: w.accepted.id }));
    expect(pdf).toEqual({ fileName: 'phieu-de-xuat-thu-ly_2026-000003.pdf', base64: Buffer.from('%PDF-fake').toString('base64') });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('Số: 01/TTr-BTCD');
    expect((await printRows()).at(-1)).toMatchObject({ entity: 'petition', after: { kind: 'accept', number: '01/TTr-BTCD', format: 'pdf' } });
  });

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOTEXT)('makes a forwarding slip PDF whose text reads as written, with every diacritic', async () => {
    const pdf = expectOk<DocumentPdf>(await w.api.call('documents.pdf', { kind: 'forward', petitionId: w.forwarded.id }));
    expect(pdf.fileName).toBe('phieu-chuyen-don_2026-000001.pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageSize(bytes)).toBe('594.96 x 841.92 pts');
    const text = pdfText(bytes);
    for (const expected of [
      'UBND TỈNH QUẢNG NGÃI',
      'BAN TIẾP CÔNG DÂN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 01/PC-BTCD',
      'Quảng Ngãi, ngày 05 tháng 3 năm 2026',
      'PHIẾU CHUYỂN ĐƠN',
      'Kính gửi: Sở Nông nghiệp và Môi trường',
      'Nguyễn Thị Ánh Tuyết',
      'Nơi nhận:',
      '- Lưu: VT, hồ sơ.',
      'TRƯỞNG BAN',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect((await printRows()).at(-1)).toMatchObject({ entity: 'petition', entity_id: String(w.forwarded.id), after: { kind: 'forward', number: '01/PC-BTCD', format: 'pdf' } });
  });

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOTEXT)('prints the register book on landscape A4 and the forms on portrait', async () => {
    const book = expectOk<DocumentPdf>(await w.api.call('documents.pdf', { kind: 'register', from: '2026-03-01', to: '2026-03-31' }));
    const bytes = Buffer.from(book.base64, 'base64');
    expect(pdfPageSize(bytes)).toBe('841.92 x 594.96 pts');
    const text = pdfText(bytes);
    expect(text).toContain('SỔ TIẾP CÔNG DÂN');
    expect(text).toContain('Hướng xử lý');
    expect(text).toContain('Trần Văn Bảo');

    const receipt = Buffer.from(expectOk<DocumentPdf>(await w.api.call('documents.pdf', { kind: 'receipt', petitionId: w.forwarded.id })).base64, 'base64');
    const receiptText = pdfText(receipt);
    expect(receiptText).toContain('GIẤY BIÊN NHẬN');
    expect(receiptText).toContain('Thông tin, tài liệu');
    expect(receiptText).toContain('NGƯỜI NHẬN');
    expect(receiptText).toContain('Nguyễn Thị Ánh Tuyết');
  });
});

describe('htmlToPdf', () => {
  it('says so when the browser cannot be run, and leaves no temporary folder behind', async () => {
    const temps = () => new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('petreg-pdf-')));
    const before = temps();
    await expect(htmlToPdf('<p>x</p>', { executable: path.join(work(), 'no-such-chromium') })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('Không chạy được Chromium') as unknown as string,
    });
    expect([...temps()].filter((n) => !before.has(n))).toEqual([]);
  });
});

describe('petreg document', () => {
  function petreg(args: string[]) {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), ...args, '--db', w.t.path], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PETREG_DB: '', PETREG_DATA_DIR: path.join(work(), 'default') },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('prints a forwarding slip to HTML, and records the print', async () => {
    const out = path.join(work(), 'phieu.html');
    const before = (await printRows()).length;
    const run = petreg(['document', 'forward', '2026/000001', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Đã in Phiếu chuyển đơn số 01/PC-BTCD của đơn 2026/000001');
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('Số: 01/PC-BTCD');
    expect(html).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(await printRows()).toHaveLength(before + 1);
    expect((await printRows()).at(-1)).toMatchObject({ entity: 'petition', actor_name: 'Hệ thống', after: { kind: 'forward', format: 'html' } });
  });

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOTEXT)('prints to PDF through Chromium, the register book by dates, a chosen reminder', async () => {
    const dir = work();
    const run = petreg(['document', 'forward', '2026/1', '--out', path.join(dir, 'phieu.pdf')]);
    expect(run.status).toBe(0);
    const text = pdfText(fs.readFileSync(path.join(dir, 'phieu.pdf')));
    expect(text).toContain('Số: 01/PC-BTCD');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');

    expect(petreg(['document', 'register', '--from', '2026-03-01', '--to', '2026-03-31', '--out', path.join(dir, 'so.pdf')]).status).toBe(0);
    expect(pdfText(fs.readFileSync(path.join(dir, 'so.pdf')))).toContain('SỔ TIẾP CÔNG DÂN');

    const reminderId = ((await rawGet(w.t.register, 'select id from reminders')) as { id: number }).id;
    expect(petreg(['document', 'reminder', '2026/000001', '--reminder', String(reminderId), '--out', path.join(dir, 'dd.html')]).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dd.html'), 'utf8')).toContain('Số: 01/BTCD');
    expect(petreg(['document', 'refusal', String(w.refused.id), '--reason', 'Đã được tiếp, giải thích ba lần', '--out', path.join(dir, 'tb.html')]).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'tb.html'), 'utf8')).toContain('Đã được tiếp, giải thích ba lần.');
  }, 180_000);

  it.each([
    ['an unknown kind', ['memo', '2026/000001'], 'Loại văn bản không có: “memo”'],
    ['an unknown register number', ['forward', '2026/000099'], 'Không có đơn số 2026/000099 trong sổ'],
    ['a malformed register number', ['forward', 'abc'], 'không đúng dạng NĂM/SỐ'],
    ['a document the petition does not support', ['forward', '2026/000005'], 'chưa có quyết định chuyển đơn'],
    ['a missing register number', ['forward'], 'Thiếu số vào sổ'],
    ['a register without dates', ['register'], 'cần --from'],
    ['--reminder on another kind', ['forward', '2026/000001', '--reminder', '1'], '--reminder chỉ dùng cho văn bản đôn đốc'],
    ['a bad --reminder', ['reminder', '2026/000001', '--reminder', 'x'], '--reminder phải là số nguyên dương'],
  ])('refuses %s with exit status 1', async (_label, args, message) => {
    const out = path.join(work(), 'x.html');
    const before = (await printRows()).length;
    const run = petreg(['document', ...args, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(fs.existsSync(out)).toBe(false);
    expect(await printRows()).toHaveLength(before);
  });

  it('refuses a bad extension, a missing --out, and an existing file without --force', () => {
    const dir = work();
    const bad = petreg(['document', 'forward', '2026/000001', '--out', path.join(dir, 'phieu.txt')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('phải có đuôi .html hoặc .pdf');
    expect(petreg(['document', 'forward', '2026/000001']).stderr).toContain('Thiếu --out');
    const out = path.join(dir, 'phieu.html');
    fs.writeFileSync(out, 'cũ');
    const exists = petreg(['document', 'forward', '2026/000001', '--out', out]);
    expect(exists.status).toBe(1);
    expect(exists.stderr).toContain('đã có; dùng --force để ghi đè');
    expect(fs.readFileSync(out, 'utf8')).toBe('cũ');
    expect(petreg(['document', 'forward', '2026/000001', '--out', out, '--force']).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('PHIẾU CHUYỂN ĐƠN');
  });

  it('is listed in petreg --help', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain('petreg document KIND REGISTER_NO --out FILE.html|FILE.pdf');
  });
});

describe('the 2026 forms (Decree 154/2026 and Circular 05/2021)', () => {
  it('fills columns 8 to 11 of the register 03/TCD from the record, with the commune in the address', async () => {
    const rows = await w.client.register.reception({ from: '2026-04-01', to: '2026-04-30' });
    expect(rows).toHaveLength(3);
    const [tuyet, hung, lan] = rows;
    // (8) the body that answered Tuyết's earlier petition; (11) the body forwarded to, with the slip's number.
    expect(tuyet).toMatchObject({ handledBefore: w.agency.name, accepted: false, guided: null, forwarded: `${w.agency.name} (số 02/PC-BTCD)`, note: 'Tiếp nhiều lần' });
    // (10) the body the citizen was guided to, with the guidance's number; the coded commune is printed.
    expect(hung).toMatchObject({ handledBefore: null, accepted: false, guided: `${w.commune.name} (số 02/HD-BTCD)`, forwarded: null });
    expect(hung!.nameAndAddress).toBe('Lê Văn Hùng, Thôn 3, xã Tịnh Khê, tỉnh Quảng Ngãi');
    // (9) x: accepted within competence.
    expect(lan).toMatchObject({ accepted: true, guided: null, forwarded: null });
    const html = (await render({ kind: 'register', from: '2026-04-01', to: '2026-04-30' })).html;
    expect(html).toContain('<td class="c">x</td>');
    expect(html).toContain(`${w.agency.name} (số 02/PC-BTCD)`);
    expect(html).toContain('<th>(13)</th>');
  });

  it('forwards a denunciation with form 03, naming no denouncer: not in the text, not among the recipients', async () => {
    const doc = await render({ kind: 'forward', petitionId: w.denunciation.id });
    expect(doc).toMatchObject({ title: 'Phiếu chuyển đơn tố cáo', number: '03/PC-BTCD' });
    expect(doc.html).toContain('PHIẾU CHUYỂN ĐƠN TỐ CÁO');
    expect(doc.html).toContain('Người bị tố cáo: Ông Trần Văn Bị, công chức địa chính xã Tịnh Khê.');
    expect(doc.html).toContain('- Như trên;<br>- Lưu: VT, hồ sơ.');
    for (const secret of [TUYET.fullName, TUYET.idNumber!, 'Thôn An Phú']) expect(doc.html).not.toContain(secret);
  });

  it('refuses to print a signed document with no signer, saying what is missing and where to set it; nothing is written', async () => {
    await w.client.settings.update({ signerName: '' });
    try {
      const before = await registerSnapshot(w.t.register);
      const error = expectError(await w.api.call('documents.render', { kind: 'guide', petitionId: w.guided.id }), 'CONFLICT');
      expect(error.message).toBe('Chưa có họ và tên người ký: không in được phiếu hướng dẫn. Vào Cài đặt → Người ký văn bản để nhập, rồi in lại.');
      expect(await registerSnapshot(w.t.register)).toEqual(before);
      // The receipt and the register carry no Board signature: they still print.
      await render({ kind: 'receipt', petitionId: w.guided.id });
    } finally {
      await w.client.settings.update({ signerName: 'Phạm Văn Ký' });
    }
  });

  it('prints the receipt from the items recorded for the petition', async () => {
    await w.client.receipts.save({
      petitionId: w.aprilForwarded.id,
      time: '08:45',
      receiverName: 'Lê Thị Hoa',
      receiverTitle: 'Chuyên viên',
      items: [
        { name: 'Đơn khiếu nại đề ngày 06/4/2026', pages: 3, state: 'original' },
        { name: 'Quyết định số 123/QĐ-UBND ngày 10/01/2026', pages: 2, state: 'certified_copy' },
        { name: 'Sơ đồ thửa đất', pages: 1, state: 'copy' },
      ],
    });
    const html = (await render({ kind: 'receipt', petitionId: w.aprilForwarded.id })).html;
    expect(html).toContain('Vào hồi 08 giờ 45 phút, ngày 06 tháng 4 năm 2026, tại: Trụ sở Tiếp công dân tỉnh Quảng Ngãi.');
    expect(html).toContain('Chức vụ: Chuyên viên');
    expect(html).toContain('<td>Sơ đồ thửa đất</td><td class="c">01</td><td>Bản phô tô</td>');
    expect((await printRows()).at(-1)).toMatchObject({ entity: 'petition', after: { kind: 'receipt', number: null } });
  });

  const FORMS: [label: string, request: () => Record<string, unknown>, expected: string[]][] = [
    [
      'the refusal notice (01/TCD)',
      () => ({ kind: 'refusal', visitId: w.refused.id }),
      ['Số:', '/TB-BTCD', 'THÔNG BÁO', 'Về việc từ chối tiếp công dân', 'Kính gửi: Ông Trần Văn Bảo', 'Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân):', 'ngày cấp:', 'nơi cấp:', 'Căn cứ khoản 3 Điều 9 Luật Tiếp công dân', 'Nơi nhận:', '- Như trên;', 'Ủy ban nhân dân tỉnh Quảng Ngãi (để biết);', 'TRƯỞNG BAN', 'Phạm Văn Ký'],
    ],
    [
      'the receipt (02/TCD)',
      () => ({ kind: 'receipt', petitionId: w.aprilForwarded.id }),
      ['GIẤY BIÊN NHẬN', 'Thông tin, tài liệu', 'Vào hồi 08 giờ 45 phút', 'Tôi là: Lê Thị Hoa', 'Chức vụ: Chuyên viên', 'Đã nhận của: Bà Nguyễn Thị Ánh Tuyết', 'Tên thông tin, tài liệu', 'Số trang', 'Tình trạng', 'Bản sao có chứng thực', 'giao cho người cung cấp thông tin, tài liệu 01 bản', 'NGƯỜI CUNG CẤP', 'THÔNG TIN, TÀI LIỆU', '(Ký, ghi rõ họ tên)', 'NGƯỜI NHẬN', '(Ký, ghi rõ họ tên, đóng dấu nếu có)'],
    ],
    [
      'the register (03/TCD)',
      () => ({ kind: 'register', from: '2026-04-01', to: '2026-04-30' }),
      // Narrow cells wrap, so the checks are words that fit one line of their column.
      ['SỔ TIẾP CÔNG DÂN', '(Từ ngày 01/04/2026 đến ngày 30/04/2026)', 'Hướng xử lý', 'Cơ quan đã', 'Thuộc', '(x)', 'Ghi chú', '(8)', '(11)', '(13)', '06/04/2026', 'Lê Văn Hùng', 'Tịnh Khê', 'Sở Nông nghiệp và Môi trường', 'Tiếp nhiều lần', 'Tổng cộng: 3 lượt tiếp, 3 người.'],
    ],
    [
      'the proposal to accept (Circular 05, form 01)',
      () => ({ kind: 'accept', petitionId: w.aprilAccepted.id }),
      ['Số: 02/TTr-BTCD', 'PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN', 'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi', 'đủ điều kiện thụ lý', 'Nơi nhận:', 'TRƯỞNG BAN', 'Phạm Văn Ký'],
    ],
    [
      'the forwarding slip',
      () => ({ kind: 'forward', petitionId: w.aprilForwarded.id }),
      ['Số: 02/PC-BTCD', 'PHIẾU CHUYỂN ĐƠN', 'Kính gửi: Sở Nông nghiệp và Môi trường', 'để xem xét, giải quyết theo thẩm quyền', 'Bà Nguyễn Thị Ánh Tuyết (để biết);', '- Lưu: VT, hồ sơ.', 'TRƯỞNG BAN'],
    ],
    [
      'the denunciation forwarding slip (Circular 05, form 03)',
      () => ({ kind: 'forward', petitionId: w.denunciation.id }),
      ['Số: 03/PC-BTCD', 'PHIẾU CHUYỂN ĐƠN TỐ CÁO', 'Kính gửi: Sở Nông nghiệp và Môi trường', 'nhận được đơn tố cáo đề ngày 01/04/2026', 'giữ bí mật họ tên, địa chỉ', '- Như trên;', 'TRƯỞNG BAN'],
    ],
    [
      'the guidance slip',
      () => ({ kind: 'guide', petitionId: w.aprilGuided.id }),
      ['Số: 02/HD-BTCD', 'PHIẾU HƯỚNG DẪN', 'Kính gửi: Ông Lê Văn Hùng', 'Địa chỉ: Thôn 3, xã Tịnh Khê, tỉnh Quảng Ngãi', 'hướng dẫn ông Lê Văn Hùng gửi đơn', 'TRƯỞNG BAN'],
    ],
    [
      'the return letter (công văn)',
      () => ({ kind: 'return', petitionId: w.returned.id }),
      ['Số: 02/BTCD', 'V/v trả lại đơn', 'gửi trả lại đơn và các tài liệu kèm theo (nếu có) cho bà Nguyễn Thị Ánh Tuyết', 'TRƯỞNG BAN'],
    ],
    [
      'the reminder letter (công văn)',
      () => ({ kind: 'reminder', petitionId: w.forwarded.id }),
      ['Số: 01/BTCD', 'V/v đôn đốc giải quyết đơn của bà Nguyễn Thị Ánh Tuyết', 'Phiếu chuyển đơn số 01/PC-BTCD', 'TRƯỞNG BAN'],
    ],
  ];

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOTEXT).each(FORMS)('prints %s to a PDF whose text has the title, number, fields and signature labels', async (_label, request, expected) => {
    const pdf = expectOk<DocumentPdf>(await w.api.call('documents.pdf', request()));
    // Without -layout, so a wrapped line reads on; runs of white space are one space.
    const text = pdfText(Buffer.from(pdf.base64, 'base64'), false).replace(/\s+/g, ' ');
    fs.writeFileSync(path.join(os.tmpdir(), `petreg-form-${_label.replace(/\W+/g, '-')}.txt`), text);
    for (const e of expected) expect(text, e).toContain(e);
    if (request().petitionId === w.denunciation.id) for (const secret of [TUYET.fullName, TUYET.idNumber!, 'Thôn An Phú']) expect(text).not.toContain(secret);
  });

  it('petreg document register shows the body and the slip number in column 11 for every forwarded petition', async () => {
    const out = path.join(work(), 'so.html');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), 'document', 'register', '--from', '2026-03-01', '--to', '2026-04-30', '--out', out, '--db', w.t.path], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PETREG_DB: '', PETREG_DATA_DIR: path.join(work(), 'default') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    const forwarded = await rawAll<{ register_no: string; document_no: string; name: string }>(
      w.t.register,
      "select p.register_no, d.document_no, a.name from decisions d join petitions p on p.id = d.petition_id join agencies a on a.id = d.agency_id where d.action = 'forward' and d.reversed_at is null and p.visit_id is not null",
    );
    expect(forwarded.length).toBeGreaterThan(0);
    for (const f of forwarded) expect(html).toContain(`${f.name} (số ${f.document_no})`);
  });
});
