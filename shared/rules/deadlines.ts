// Deadlines by kind of petition and step, as data: each with its count (working or calendar days),
// the date it counts from, and the article it comes from. The next decree is a change here.
import type { PetitionKind } from '../domain/petition.ts';

export type DayCount = 'working' | 'calendar';

export interface DeadlineRule {
  /** What must be done, as the to-do list and the petition's panel say it. */
  label: string;
  days: number;
  count: DayCount;
  /** The event the period counts from. */
  from: string;
  article: string;
}

/** The steps of the Board and of the competent body whose deadlines the register computes. */
export const DEADLINES = {
  /** The Board handles (classifies and decides on) a petition received: Law on Citizen Reception art. 28. */
  board_handling: {
    label: 'Xử lý đơn',
    days: 10,
    count: 'working',
    from: 'ngày nhận đơn',
    article: 'Luật Tiếp công dân, Điều 28 khoản 1',
  },
  /** A denunciation outside the Board's competence is forwarded, and the denouncer told. */
  denunciation_forward: {
    label: 'Chuyển đơn tố cáo và thông báo cho người tố cáo',
    days: 5,
    count: 'working',
    from: 'ngày nhận đơn tố cáo',
    article: 'Luật Tố cáo, Điều 24 khoản 1',
  },
  /** A complaint within competence is accepted (thụ lý) or refused, with a written notice. */
  complaint_acceptance: {
    label: 'Thụ lý hoặc không thụ lý khiếu nại thuộc thẩm quyền',
    days: 7,
    count: 'working',
    from: 'ngày nhận được khiếu nại thuộc thẩm quyền',
    // 07 working days from receipt: Decree 124/2020 art. 16(1) as replaced by Decree 155/2026 art. 10
    // (read in the decree's public text). The Law on Complaints art. 27 sets the acceptance itself.
    article: 'Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1 (sửa đổi bởi Nghị định 155/2026/NĐ-CP, Điều 10); Luật Khiếu nại, Điều 27',
  },
  /** The citizen is told the outcome of the Board's handling. */
  handling_notice: {
    label: 'Thông báo kết quả xử lý đơn cho công dân',
    days: 10,
    count: 'working',
    from: 'ngày nhận đơn',
    article: 'Luật Tiếp công dân, Điều 28 khoản 1',
  },
  /** The citizen is told the competent body's result once it reaches the Board. */
  result_notice: {
    label: 'Thông báo kết quả giải quyết cho công dân',
    days: 5,
    count: 'working',
    from: 'ngày nhận kết quả của cơ quan có thẩm quyền',
    article: 'Luật Tiếp công dân, Điều 28 khoản 2',
  },
  /** The written refusal notice (form 01/TCD), only for the grounds that need one. */
  refusal_notice: {
    label: 'Ban hành thông báo từ chối tiếp công dân (mẫu 01/TCD)',
    days: 3,
    count: 'working',
    from: 'ngày có đủ căn cứ từ chối tiếp',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3',
  },
} as const satisfies Record<string, DeadlineRule>;
export type DeadlineCode = keyof typeof DEADLINES;

/** The step with its own deadline, by kind, while the Board has not decided (none for recommendations). */
export const KIND_STEP: Record<PetitionKind, 'denunciation_forward' | 'complaint_acceptance' | null> = {
  complaint: 'complaint_acceptance',
  denunciation: 'denunciation_forward',
  recommendation: null,
  multiple: null,
};

/**
 * Resolution periods of the competent body, in calendar days (informative: the competent body
 * resolves, the Board follows up). The reply period the Board waits for after a forward stays an
 * editable setting (settings.replyDays).
 */
export const RESOLUTION_PERIODS = {
  complaint: {
    label: 'Giải quyết khiếu nại lần đầu',
    days: 30,
    complex: 45,
    remote: 45,
    remoteComplex: 60,
    count: 'calendar',
    from: 'ngày thụ lý',
    article: 'Luật Khiếu nại, Điều 28',
  },
  denunciation: {
    label: 'Giải quyết tố cáo',
    days: 30,
    extension: 30,
    extensions: 1,
    extensionsIfEspeciallyComplex: 2,
    count: 'calendar',
    from: 'ngày thụ lý tố cáo',
    article: 'Luật Tố cáo, Điều 30',
  },
} as const;

/**
 * "A denunciation": until petitions carry contents (branch `matters`), the petition's kind. The one
 * place to change when a petition may hold a denunciation among several contents.
 */
export function isDenunciation(petition: { kind: string }): boolean {
  return petition.kind === 'denunciation';
}
