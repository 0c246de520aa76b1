// The legal texts behind each printed document, as data: which form of which text a document
// follows, and the grounds a written refusal of reception rests on with the words the notice cites.
// The next decree is a change here, not in the templates.
import type { PetitionKind } from '../domain/petition.ts';
import type { Matter } from '../domain/reception.ts';

/** The form a document is laid out after, printed nowhere but named in the code and the README. */
export interface FormSource {
  /** "Mẫu số 01/TCD". */
  form: string;
  /** "Nghị định số 154/2026/NĐ-CP". */
  text: string;
}

export const DECREE_154 = {
  number: '154/2026/NĐ-CP',
  /** As a "Căn cứ" line names it: number, date and full title (Decree 154/2026, preamble). */
  citation:
    'Nghị định số 154/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tiếp công dân',
} as const;

export const CIRCULAR_05 = '05/2021/TT-TTCP';

/**
 * The layout each document follows. Decree 154/2026/NĐ-CP (in force 1 July 2026), Appendix: forms
 * 01/TCD (refusal notice), 02/TCD (receipt), 03/TCD (register). Circular 05/2021/TT-TTCP, Appendix:
 * form 01 (proposal to accept), form 03 (forwarding slip for a denunciation); the forwarding slip for
 * complaints and recommendations, the guidance and the return follow the same circular's structure.
 * The reminder is a công văn of Decree 30/2020/NĐ-CP, Appendix I (no form of its own).
 */
export const FORM_SOURCES = {
  refusal: { form: 'Mẫu số 01/TCD', text: `Nghị định số ${DECREE_154.number}` },
  receipt: { form: 'Mẫu số 02/TCD', text: `Nghị định số ${DECREE_154.number}` },
  register: { form: 'Mẫu số 03/TCD', text: `Nghị định số ${DECREE_154.number}` },
  accept: { form: 'Mẫu số 01', text: `Thông tư số ${CIRCULAR_05}` },
  forwardDenunciation: { form: 'Mẫu số 03', text: `Thông tư số ${CIRCULAR_05}` },
} as const satisfies Record<string, FormSource>;

/**
 * Until the matters branch is merged a denunciation is a petition of kind 'denunciation'; afterwards it
 * is a petition with a denunciation content. This is the one place that decides it for the documents.
 */
export function isDenunciation(p: { kind: PetitionKind }): boolean {
  return p.kind === 'denunciation';
}

/**
 * The grounds on which the head of the Board issues a written refusal notice (form 01/TCD): Decree
 * 154/2026/NĐ-CP art. 4(3) — within 3 working days of having the grounds of Law on Citizen Reception
 * art. 9(3) or of art. 4(1)(h) of the decree. Every other ground is explained to the citizen orally
 * (art. 4(2)) and has no written notice.
 */
export const REFUSAL_NOTICE_GROUNDS = ['law-9-3', 'decree-154-4-1-h'] as const;
export type RefusalNoticeGround = (typeof REFUSAL_NOTICE_GROUNDS)[number];

export interface RefusalGroundText {
  /** How the ground reads in a pick list. */
  label: string;
  /** The "Căn cứ …" the notice opens its decision with. */
  basis: string;
}

export const REFUSAL_GROUND_TEXTS: Record<RefusalNoticeGround, RefusalGroundText> = {
  // Law on Citizen Reception 42/2013/QH13, art. 9(3).
  'law-9-3': {
    label: 'Khoản 3 Điều 9 Luật Tiếp công dân: vụ việc đã giải quyết đúng pháp luật, đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài',
    basis: 'khoản 3 Điều 9 Luật Tiếp công dân',
  },
  // Decree 154/2026/NĐ-CP, art. 4(1)(h).
  'decree-154-4-1-h': {
    label: 'Điểm h khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP: kiến nghị, phản ánh vụ việc đã được tiếp, hướng dẫn hoặc trả lời bằng văn bản, không có nội dung, tình tiết mới',
    basis: `điểm h khoản 1 Điều 4 ${DECREE_154.citation}`,
  },
};

/**
 * The ground of a refusal when the record does not name one: art. 9(3) of the Law concerns complaints
 * and denunciations, art. 4(1)(h) of the decree recommendations and reflections. The law branch records
 * the ground on the visit; the loader passes it here and this default then only serves old records.
 */
export function refusalGroundFor(recorded: RefusalNoticeGround | null, matter: Matter): RefusalNoticeGround {
  if (recorded) return recorded;
  return matter === 'recommendation' ? 'decree-154-4-1-h' : 'law-9-3';
}

/** The state of a document handed in (Decree 154/2026, form 02/TCD, note 5). */
export const RECEIPT_ITEM_STATES = ['original', 'copy', 'certified_copy'] as const;
export type ReceiptItemState = (typeof RECEIPT_ITEM_STATES)[number];
export const RECEIPT_ITEM_STATE_LABELS: Record<ReceiptItemState, string> = {
  original: 'Bản chính',
  copy: 'Bản phô tô',
  certified_copy: 'Bản sao có chứng thực',
};
