// The documents the Board prints, what each needs, where its number comes from, and the API's
// request and answer shapes. Light on purpose (zod only): the contract, and so the preload and
// the renderer, import this file; the HTML builders live in the other files of this folder.
import { z, optionalText } from '../validation.ts';
import { optionalIsoDate } from '../domain/dates.ts';
import type { DocumentKind } from '../domain/settings.ts';
import type { DecisionAction } from '../domain/workflow.ts';
import { REFUSAL_NOTICE_GROUNDS } from './legal.ts';

export const PRINT_KINDS = ['forward', 'guide', 'accept', 'return', 'reminder', 'receipt', 'refusal', 'register', 'urge', 'notice'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** The record a document is printed from. */
export type DocumentSource = 'petition' | 'reminder' | 'visit' | 'period' | 'notice';

/**
 * Where the "Số: 05/PC-BTCD" line comes from:
 * - `decision`: the documentNo issued with the active decision of that action (workflow.decide);
 * - `reminder`: the documentNo issued with the reminder (workflow.remind), a given one or the latest;
 * - `blank`: printed unnumbered, "Số:      /TB-BTCD" with the settings prefix (settings.docPrefixes),
 *   for the clerk to number by hand in the outgoing-document book when it is signed. Refusal notices
 *   are made at the desk, not through a workflow step, so the register issues no number for them and
 *   printing one twice must not burn two numbers;
 * - `none`: no number line (the receipt, form 02/TCD, and the reception register book).
 */
export type NumberSource =
  | { from: 'decision'; action: DecisionAction }
  | { from: 'reminder' }
  | { from: 'notice' }
  | { from: 'blank'; prefix: DocumentKind }
  | { from: 'none' };

export interface DocumentType {
  /** The document's name, as the Board calls it. */
  title: string;
  needs: DocumentSource;
  number: NumberSource;
  /** ASCII stem of the file name offered when saving. */
  slug: string;
  /** Printed on landscape A4 (the register book); every other document is portrait. */
  landscape: boolean;
}

export const DOCUMENT_TYPES: Record<PrintKind, DocumentType> = {
  forward: { title: 'Phiếu chuyển đơn', needs: 'petition', number: { from: 'decision', action: 'forward' }, slug: 'phieu-chuyen-don', landscape: false },
  guide: { title: 'Phiếu hướng dẫn', needs: 'petition', number: { from: 'decision', action: 'guide' }, slug: 'phieu-huong-dan', landscape: false },
  accept: { title: 'Phiếu đề xuất thụ lý đơn', needs: 'petition', number: { from: 'decision', action: 'accept' }, slug: 'phieu-de-xuat-thu-ly', landscape: false },
  return: { title: 'Công văn trả lại đơn', needs: 'petition', number: { from: 'decision', action: 'return' }, slug: 'cong-van-tra-lai-don', landscape: false },
  reminder: { title: 'Công văn đôn đốc', needs: 'reminder', number: { from: 'reminder' }, slug: 'cong-van-don-doc', landscape: false },
  receipt: {
    title: 'Giấy biên nhận thông tin, tài liệu (mẫu 02/TCD)',
    needs: 'petition',
    // Form 02/TCD of Decree 154/2026/NĐ-CP has no number line.
    number: { from: 'none' },
    slug: 'giay-bien-nhan',
    landscape: false,
  },
  refusal: {
    title: 'Thông báo về việc từ chối tiếp công dân (mẫu 01/TCD)',
    needs: 'visit',
    number: { from: 'blank', prefix: 'refusal' },
    slug: 'thong-bao-tu-choi-tiep',
    landscape: false,
  },
  register: { title: 'Sổ tiếp công dân (mẫu 03/TCD)', needs: 'period', number: { from: 'none' }, slug: 'so-tiep-cong-dan', landscape: true },
  urge: { title: 'Văn bản đôn đốc giải quyết', needs: 'petition', number: { from: 'decision', action: 'urge' }, slug: 'van-ban-don-doc-giai-quyet', landscape: false },
  // A notice to a citizen (shared/documents/notices.ts), numbered when issued (notices.issue).
  notice: { title: 'Thông báo', needs: 'notice', number: { from: 'notice' }, slug: 'thong-bao', landscape: false },
};

const positiveId = (label: string) =>
  z
    .number({ error: `${label} phải là số nguyên dương` })
    .int({ error: `${label} phải là số nguyên dương` })
    .positive({ error: `${label} phải là số nguyên dương` })
    .nullish()
    .transform((v) => v ?? null);

/** The documents printed from a decision (a content of the letter may be named). */
const DECISION_PRINT_KINDS: readonly PrintKind[] = ['forward', 'guide', 'accept', 'return', 'urge'];

/** What to print: the kind, and the record it is printed from (checked against DOCUMENT_TYPES). */
export const documentRequestSchema = z
  .strictObject({
    kind: z.enum(PRINT_KINDS, { error: `Loại văn bản không hợp lệ (${PRINT_KINDS.join(', ')})` }),
    petitionId: positiveId('Mã đơn'),
    reminderId: positiveId('Mã lần đôn đốc'),
    visitId: positiveId('Mã lượt tiếp'),
    noticeId: positiveId('Mã thông báo'),
    /** A decision's document: the content of the letter it decided (absent: the first of that kind). */
    contentId: positiveId('Mã nội dung'),
    from: optionalIsoDate('Từ ngày'),
    to: optionalIsoDate('Đến ngày'),
    /** Refusal notice: the officer's own words added after the legal ground; none when absent. */
    reason: optionalText('Lý do từ chối', 1000),
    /** Refusal notice: the legal ground (Decree 154/2026 art. 4(3)); derived from the visit when absent. */
    ground: z
      .enum(REFUSAL_NOTICE_GROUNDS, { error: `Căn cứ từ chối tiếp không hợp lệ (${REFUSAL_NOTICE_GROUNDS.join(', ')})` })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((r, ctx) => {
    const needs = DOCUMENT_TYPES[r.kind].needs;
    const title = DOCUMENT_TYPES[r.kind].title;
    const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((needs === 'petition' || needs === 'reminder') && r.petitionId === null) refuse('petitionId', `${title} cần chọn đơn`);
    if (needs !== 'reminder' && r.reminderId !== null) refuse('reminderId', 'Chỉ văn bản đôn đốc mới chọn lần đôn đốc');
    if (needs === 'visit' && r.visitId === null) refuse('visitId', `${title} cần chọn lượt tiếp`);
    if (needs !== 'visit' && r.visitId !== null) refuse('visitId', 'Chỉ thông báo từ chối tiếp mới chọn lượt tiếp');
    if (needs !== 'petition' && needs !== 'reminder' && r.petitionId !== null) refuse('petitionId', `${title} không in theo đơn`);
    if (needs === 'notice' && r.noticeId === null) refuse('noticeId', 'Thông báo cần chọn thông báo');
    if (needs !== 'notice' && r.noticeId !== null) refuse('noticeId', 'Chỉ thông báo gửi công dân mới chọn thông báo');
    if (needs === 'period') {
      if (r.from === null) refuse('from', 'Sổ tiếp công dân cần ngày bắt đầu');
      if (r.to === null) refuse('to', 'Sổ tiếp công dân cần ngày kết thúc');
      if (r.from !== null && r.to !== null && r.from > r.to) refuse('to', 'Từ ngày phải trước hoặc bằng đến ngày');
    } else if (r.from !== null || r.to !== null) {
      refuse('from', 'Chỉ sổ tiếp công dân mới in theo khoảng ngày');
    }
    if (r.contentId !== null && !DECISION_PRINT_KINDS.includes(r.kind)) refuse('contentId', 'Chỉ văn bản theo quyết định xử lý mới chọn nội dung của đơn');
    if (r.kind !== 'refusal' && r.reason !== null) refuse('reason', 'Chỉ thông báo từ chối tiếp mới ghi lý do');
    if (r.kind !== 'refusal' && r.ground !== null) refuse('ground', 'Chỉ thông báo từ chối tiếp mới ghi căn cứ từ chối');
  });
export type DocumentRequest = z.input<typeof documentRequestSchema>;
export type DocumentRequestData = z.output<typeof documentRequestSchema>;

/** documents.render: the complete HTML page, and the file name offered when saving it. */
export interface RenderedDocument {
  kind: PrintKind;
  title: string;
  /** The document's number ("05/PC-BTCD"), or null when printed unnumbered. */
  number: string | null;
  fileName: string;
  html: string;
}

/** documents.pdf: the PDF, base64 (it crosses IPC and the preview's JSON bridge). */
export interface DocumentPdf {
  fileName: string;
  base64: string;
}
