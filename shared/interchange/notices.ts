// Notices to citizens (thông báo) in the interchange file v2 (docs/interchange-v2.md, "Notice"):
// the notices the law requires, issued (with their number) or still due. A notice hangs on a
// petition (the outcome of handling, the forward of a denunciation, the competent body's result)
// or on a visit (the refusal notice 01/TCD), and on the step that required it: the petition's
// decision or reply as the file states them. A notice cancelled with its step is not carried (the
// file carries no reversed step either); an issued one stays, its step null once reversed.
import { isoDate } from '../domain/dates.ts';
import { NOTICE_KINDS, type NoticeKind } from '../domain/notices.ts';
import type { FieldIssue } from '../errors.ts';
import { z, optionalText, requiredText } from '../validation.ts';
import { repeatedRefIssue, type CheckedInterchange } from './v1.ts';

export const NOTICE_STEPS = ['decision', 'reply'] as const;
export type NoticeStep = (typeof NOTICE_STEPS)[number];

/** A notice as the file writes it, keys in the document's order. */
export interface V2Notice {
  ref: string;
  kind: NoticeKind;
  petition: string | null;
  visit: string | null;
  step: NoticeStep | null;
  /** The content whose step it follows, by its index in the petition's `contents`; written only for a further content (1, 2…). */
  content?: number;
  recipient: string;
  due_on: string;
  issued_on: string | null;
  document_no: string | null;
  issued_by: string | null;
}

/** The step each kind of notice follows from (a refusal follows from the visit itself). */
export const NOTICE_KIND_STEP: Record<NoticeKind, NoticeStep | null> = {
  refusal: null,
  handling: 'decision',
  denunciation_forward: 'decision',
  result: 'reply',
};

const refText = (label: string) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { error: `${label} không được để trống` }).max(64, { error: `${label} dài quá 64 ký tự` }));

export const noticeFileSchema = z.strictObject({
  ref: refText('Mã tham chiếu ref'),
  kind: z.enum(NOTICE_KINDS, { error: `Loại thông báo phải là một trong: ${NOTICE_KINDS.join(', ')}` }),
  petition: refText('Đơn (petition)').nullish().transform((v) => v ?? null),
  visit: refText('Lượt tiếp (visit)').nullish().transform((v) => v ?? null),
  step: z.enum(NOTICE_STEPS, { error: 'step phải là decision, reply hoặc null' }).nullish().transform((v) => v ?? null),
  content: z.number({ error: 'content phải là số thứ tự nội dung (1, 2…)' }).int().min(1, { error: 'content phải là số thứ tự nội dung (1, 2…)' }).max(20).optional(),
  recipient: requiredText('Người nhận thông báo', 500),
  due_on: isoDate('Hạn thông báo'),
  issued_on: isoDate('Ngày ban hành').nullish().transform((v) => v ?? null),
  document_no: optionalText('Số thông báo', 64),
  issued_by: optionalText('Người ban hành', 200),
});

export type NoticeFileRecord = z.output<typeof noticeFileSchema>;

export interface CheckedNotice {
  label: string;
  ref: string;
  data: NoticeFileRecord;
  /** The number's year and sequence (`05/TB-BTCD` issued in 2026: 2026, 5); null when not issued or not numbered so. */
  number: { year: number; seq: number } | null;
}

/** What a notice is called in the repeated-ref issue. */
export const NOTICE_WHAT = 'một thông báo';

/** The issue of a notice number given twice in a year of a file. */
export function repeatedNoticeNoIssue(label: string, documentNo: string, year: number, other: string): FieldIssue {
  return { path: `${label}.document_no`, message: `Số thông báo ${documentNo} năm ${year} đã dùng cho thông báo ${other} trong tệp` };
}

/** The sequence a notice number begins with (`05/TB-BTCD` → 5), or null. */
export function noticeSeq(documentNo: string): number | null {
  const m = /^0*(\d+)\//.exec(documentNo);
  return m ? Number(m[1]) : null;
}

/**
 * Checks the notices of a file against its checked records (refs, kinds, steps, numbers, dates).
 * Returns the checked notices and the issues found (empty when all is well).
 */
export function checkNotices(
  raw: NoticeFileRecord[],
  file: CheckedInterchange,
  options: {
    today?: string;
    /** A petition's content by its place in the letter: its kind and whether it has a decision and a reply (null: no such content). */
    handlingOf: (petitionRef: string, position: number) => { kind: string; decision: boolean; reply: boolean } | null;
    /** The whole file's petitions and visits, when `file` is a slice of it (db/interchange/import-file.ts). */
    known?: { petitions: { has(ref: string): boolean }; visits: { has(ref: string): boolean } };
  },
): { notices: CheckedNotice[]; issues: FieldIssue[] } {
  const today = options.today;
  const issues: FieldIssue[] = [];
  const petitions = options.known?.petitions ?? new Set(file.petitions.map((p) => p.ref));
  const visits = options.known?.visits ?? new Set(file.visits.map((v) => v.ref));
  const refs = new Set<string>();
  const numbers = new Map<string, string>();
  const notices = raw.map((n): CheckedNotice => {
    const label = `notices[ref=${n.ref}]`;
    const issue = (field: string, message: string) => issues.push({ path: `${label}.${field}`, message });
    if (refs.has(n.ref)) issues.push(repeatedRefIssue(label, n.ref, NOTICE_WHAT));
    refs.add(n.ref);
    if (n.kind === 'refusal') {
      if (n.visit === null) issue('visit', 'Thông báo từ chối tiếp (01/TCD) phải ghi lượt tiếp (visit)');
      else if (!visits.has(n.visit)) issue('visit', `Không có lượt tiếp ref “${n.visit}” trong tệp`);
      if (n.petition !== null) issue('petition', 'Thông báo từ chối tiếp gắn với lượt tiếp, không gắn với đơn');
      if (n.step !== null) issue('step', 'Thông báo từ chối tiếp không gắn với bước xử lý đơn: step phải là null');
    } else {
      if (n.visit !== null) issue('visit', 'Thông báo này gắn với đơn, không gắn với lượt tiếp');
      const petition = n.petition !== null && petitions.has(n.petition) ? { ref: n.petition } : undefined;
      if (n.petition === null) issue('petition', 'Thông báo này phải ghi đơn (petition)');
      else if (!petition) issue('petition', `Không có đơn ref “${n.petition}” trong tệp`);
      const step = NOTICE_KIND_STEP[n.kind];
      if (n.step !== null && n.step !== step) issue('step', `Thông báo loại ${n.kind} gắn với bước ${step}, không phải ${n.step}`);
      if (n.step === null && n.issued_on === null) issue('step', 'Thông báo chưa ban hành phải gắn với bước xử lý còn hiệu lực (step)');
      const handling = petition ? options.handlingOf(petition.ref, n.content ?? 0) : null;
      const what = n.content ? `Nội dung contents[${n.content}] của đơn ${n.petition}` : `Đơn ${n.petition}`;
      if (petition && n.content !== undefined && handling === null) issue('content', `Đơn ${n.petition} không có nội dung contents[${n.content}]`);
      else if (petition && n.step === 'decision' && !handling?.decision) issue('step', `${what} không có quyết định xử lý (decision) để thông báo`);
      else if (petition && n.step === 'reply' && !handling?.reply) issue('step', `${what} không có báo cáo kết quả (reply) để thông báo`);
      if (petition && n.kind === 'denunciation_forward' && handling !== null && handling.kind !== 'denunciation') {
        issue('kind', `${what} không phải nội dung tố cáo: không có thông báo chuyển đơn tố cáo`);
      }
    }
    if ((n.issued_on === null) !== (n.document_no === null)) issue('document_no', 'Thông báo đã ban hành có cả ngày ban hành (issued_on) và số (document_no); chưa ban hành thì không có cả hai');
    if (n.issued_on === null && n.issued_by !== null) issue('issued_by', 'Thông báo chưa ban hành không có người ban hành');
    if (n.issued_on !== null && today !== undefined && n.issued_on > today) issue('issued_on', `Ngày ban hành ${n.issued_on} sau ngày hôm nay của sổ (${today})`);
    let number: CheckedNotice['number'] = null;
    if (n.issued_on !== null && n.document_no !== null) {
      const seq = noticeSeq(n.document_no);
      if (seq !== null) {
        number = { year: Number(n.issued_on.slice(0, 4)), seq };
        const key = `${number.year}/${seq}`;
        const other = numbers.get(key);
        if (other !== undefined) issues.push(repeatedNoticeNoIssue(label, n.document_no, number.year, other));
        numbers.set(key, n.ref);
      }
    }
    return { label, ref: n.ref, data: n, number };
  });
  return { notices, issues };
}
