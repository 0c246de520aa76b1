// Renders one page image of each document (PDF through Chromium, then pdftoppm) into docs/screenshots/,
// from sample records, for the README: `node scripts/document-pages.ts`. Needs Chromium and poppler-utils.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDocument, type DocumentData, type Letterhead, type PetitionFacts } from '../shared/documents/index.ts';
import type { Person } from '../shared/domain/person.ts';
import { htmlToPdf } from '../print/chromium-pdf.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');

const letterhead: Letterhead = {
  parentBody: 'UBND TỈNH QUẢNG NGÃI',
  boardName: 'Ban Tiếp công dân tỉnh Quảng Ngãi',
  placeName: 'Quảng Ngãi',
  signerName: 'Phạm Văn Ký',
  signerTitle: 'TRƯỞNG BAN',
};
const tuyet: Person = {
  citizenId: 1,
  fullName: 'Nguyễn Thị Ánh Tuyết',
  idNumber: '051180001234',
  birthYear: 1980,
  gender: 'female',
  phone: null,
  address: 'Thôn An Phú, xã Tịnh Khê, tỉnh Quảng Ngãi',
  communeCode: '21211',
};
const petition: PetitionFacts = {
  registerNo: '2026/000123',
  receivedOn: '2026-07-06',
  writtenOn: '2026-07-01',
  kind: 'complaint',
  signatories: 1,
  petitioners: [tuyet],
  subject: 'Chủ tịch UBND xã Tịnh Khê',
  summary: 'Khiếu nại Quyết định số 45/QĐ-UBND ngày 10/6/2026 của Chủ tịch UBND xã Tịnh Khê về việc thu hồi 250 m² đất nông nghiệp của gia đình tại thôn An Phú; đề nghị bồi thường theo giá thị trường.',
  forwardedBy: null,
};
const denunciation: PetitionFacts = { ...petition, registerNo: '2026/000124', kind: 'denunciation', subject: 'Ông Trần Văn Bị, công chức địa chính - xây dựng xã Tịnh Khê', summary: 'Tố cáo ông Trần Văn Bị nhận tiền của một số hộ dân để xác nhận nguồn gốc đất không đúng thực tế.' };

const docs: [string, DocumentData][] = [
  ['doc-01-tcd-refusal', { kind: 'refusal', letterhead, prefix: 'TB-BTCD', issuedOn: '2026-07-08', ground: 'law-9-3', reason: null, visit: { date: '2026-07-06', place: 'Trụ sở Tiếp công dân tỉnh Quảng Ngãi', citizen: { ...tuyet, fullName: 'Trần Văn Bảo', gender: 'male' }, delegationMembers: null, matter: 'complaint', content: 'Khiếu nại việc thu hồi đất đã được Chủ tịch UBND tỉnh giải quyết lần hai bằng Quyết định số 12/QĐ-UBND ngày 15/3/2025' } }],
  ['doc-02-tcd-receipt', { kind: 'receipt', letterhead, issuedOn: '2026-07-06', time: '09:30', place: 'Trụ sở Tiếp công dân tỉnh Quảng Ngãi', receiver: 'Lê Thị Hoa', receiverTitle: 'Chuyên viên', giver: { ...tuyet, idIssuedOn: '2021-05-12', idIssuedPlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' }, copies: 2, items: [{ name: 'Đơn khiếu nại đề ngày 01/7/2026', pages: 2, state: 'original' }, { name: 'Quyết định số 45/QĐ-UBND ngày 10/6/2026', pages: 3, state: 'certified_copy' }, { name: 'Sơ đồ thửa đất', pages: 1, state: 'copy' }] }],
  ['doc-03-tcd-register', { kind: 'register', letterhead, from: '2026-07-01', to: '2026-07-31', rows: [
    { no: 1, date: '2026-07-06', nameAndAddress: 'Nguyễn Thị Ánh Tuyết, Thôn An Phú, xã Tịnh Khê, tỉnh Quảng Ngãi', idNumber: '051180001234', content: 'Khiếu nại việc thu hồi đất nông nghiệp', classification: 'Khiếu nại', persons: 1, handledBefore: 'UBND xã Tịnh Khê', accepted: false, guided: null, forwarded: 'Sở Nông nghiệp và Môi trường (số 12/PC-BTCD)', followUp: 'Nhận đơn số 2026/000123', note: 'Tiếp nhiều lần', visitId: 1 },
    { no: 2, date: '2026-07-06', nameAndAddress: 'Lê Văn Hùng, Thôn 3, xã Tịnh Khê, tỉnh Quảng Ngãi', idNumber: '051075004321', content: 'Kiến nghị sửa cầu tràn thôn 3', classification: 'Kiến nghị, phản ánh', persons: 1, handledBefore: null, accepted: false, guided: 'UBND xã Tịnh Khê (số 05/HD-BTCD)', forwarded: null, followUp: 'Nhận đơn số 2026/000125', note: null, visitId: 2 },
    { no: 3, date: '2026-07-07', nameAndAddress: 'Phạm Thị Lan, Tổ 5, phường Trà Câu, tỉnh Quảng Ngãi', idNumber: null, content: 'Khiếu nại Quyết định bồi thường của Chủ tịch UBND tỉnh', classification: 'Khiếu nại', persons: 1, handledBefore: null, accepted: true, guided: null, forwarded: null, followUp: 'Nhận đơn số 2026/000126', note: null, visitId: 3 },
  ] }],
  ['doc-accept-proposal', { kind: 'accept', letterhead, number: '03/TTr-BTCD', prefix: 'TTr-BTCD', issuedOn: '2026-07-10', petition: { ...petition, subject: 'Chủ tịch UBND tỉnh Quảng Ngãi' } }],
  ['doc-forward-slip', { kind: 'forward', letterhead, number: '12/PC-BTCD', prefix: 'PC-BTCD', issuedOn: '2026-07-10', petition, agency: 'Chủ tịch UBND xã Tịnh Khê', replyDueOn: '2026-08-07' }],
  ['doc-forward-denunciation', { kind: 'forward', letterhead, number: '13/PC-BTCD', prefix: 'PC-BTCD', issuedOn: '2026-07-10', petition: denunciation, agency: 'Chủ tịch UBND xã Tịnh Khê', replyDueOn: '2026-08-07' }],
  ['doc-guide-slip', { kind: 'guide', letterhead, number: '05/HD-BTCD', prefix: 'HD-BTCD', issuedOn: '2026-07-10', petition: { ...petition, kind: 'recommendation', subject: null, summary: 'Kiến nghị sửa chữa cầu tràn thôn 3 bị hư hỏng sau mưa lũ.' }, agency: 'UBND xã Tịnh Khê' }],
  ['doc-return-letter', { kind: 'return', letterhead, number: '07/BTCD', prefix: 'BTCD', issuedOn: '2026-07-10', petition, reason: 'Đơn khiếu nại đã quá thời hiệu khiếu nại theo Điều 9 Luật Khiếu nại' }],
  ['doc-reminder-letter', { kind: 'reminder', letterhead, number: '08/BTCD', prefix: 'BTCD', issuedOn: '2026-08-17', petition, agency: 'Chủ tịch UBND xã Tịnh Khê', forward: { number: '12/PC-BTCD', decidedOn: '2026-07-10' }, replyDueOn: '2026-08-07', ordinal: 1 }],
];

fs.mkdirSync(OUT, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-pages-'));
try {
  for (const [name, data] of docs) {
    const pdf = path.join(work, `${name}.pdf`);
    fs.writeFileSync(pdf, await htmlToPdf(buildDocument(data).html));
    const r = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, name)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdftoppm failed for ${name}: ${r.stderr}`);
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
