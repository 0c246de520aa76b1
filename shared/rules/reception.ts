// The rules of reception in force since 1 July 2026, as data: who hosts the head's sessions, and the
// legal grounds for refusing to receive a citizen (and which of them need a written notice).
import type { SessionKind } from '../domain/reception.ts';

/** How the head's periodic or ad hoc session was held: in person, or delegated (ủy quyền tiếp). */
export const HOST_MODES = ['in_person', 'delegated'] as const;
export type HostMode = (typeof HOST_MODES)[number];
export const HOST_MODE_LABELS: Record<HostMode, string> = {
  in_person: 'Thủ trưởng trực tiếp tiếp',
  delegated: 'Ủy quyền tiếp',
};

/** The groups a session is counted in (form 01/TCD): the Board's regular reception, or the head's. */
export type ReceptionGroup = Exclude<SessionKind, 'online'>;

/**
 * Whether the head may delegate a session of this kind. The Chairperson of the provincial People's
 * Committee receives citizens in person at the provincial reception office at least one day a
 * month, and ad hoc in the cases of art. 18(3): Law on Citizen Reception 42/2013/QH13 art. 12(5)
 * (read in the public text of the law; art. 13, cited before, is the district office, which no
 * longer exists). Decree 154/2026 art. 25(1) repeats that the head receives "trực tiếp", periodically
 * or ad hoc "theo quy định của Luật Tiếp công dân". So a periodic session is the Chairperson's in
 * person. That an ad hoc session may be delegated (ủy quyền tiếp) is NOT in either text read: it
 * rests on the official statistics form 01/TCD of the inspection sector (columns of sessions
 * "ủy quyền tiếp"), not on Decree 154 (whose form 01/TCD is the refusal notice, art. 4(3)); whether
 * Law 136/2025/QH15 allows it could not be checked, its amendment of art. 12 not being readable in
 * the sources available. Kept as the register allowed it; each entry says what it rests on.
 */
export const DELEGATION_RULES: Record<ReceptionGroup, { hostMode: 'none' | 'required'; mayDelegate: boolean; article: string }> = {
  regular: { hostMode: 'none', mayDelegate: false, article: 'Luật Tiếp công dân, Điều 12 khoản 2, khoản 3 (tiếp công dân thường xuyên tại Trụ sở tiếp công dân cấp tỉnh)' },
  periodic: { hostMode: 'required', mayDelegate: false, article: 'Luật Tiếp công dân, Điều 12 khoản 5; Nghị định 154/2026/NĐ-CP, Điều 25 khoản 1' },
  adhoc: { hostMode: 'required', mayDelegate: true, article: 'Luật Tiếp công dân, Điều 12 khoản 5 và Điều 18 khoản 3 (tiếp đột xuất); ủy quyền tiếp: biểu mẫu thống kê 01/TCD của ngành thanh tra' },
};

/** The group a session counts in: its own kind, or for an online session the reception it was. */
export function receptionGroup(kind: SessionKind, onlineOf: ReceptionGroup | null): ReceptionGroup {
  return kind === 'online' ? (onlineOf ?? 'regular') : kind;
}

export interface RefusalGround {
  /** The ground as the law words it, shortened for a select list. */
  label: string;
  /** Law and article. */
  article: string;
  /** A written notice (form 01/TCD) is issued within 3 working days (Decree 154/2026 art. 4(3)). */
  writtenNotice: boolean;
}

/**
 * Grounds for refusing reception: Law on Citizen Reception art. 9(1)–(3) and Decree 154/2026/NĐ-CP
 * art. 4(1)(a)–(k). Decree 154 art. 4(2): for art. 9(1), 9(2) and points a–g, i, k the officer
 * explains the reason in person; art. 4(3): for art. 9(3) and point h, the head issues a written
 * notice (form 01/TCD) within 3 working days of having the grounds.
 */
export const REFUSAL_GROUNDS = {
  law_9_1: {
    label: 'Người say do dùng chất kích thích, mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi',
    article: 'Luật Tiếp công dân, Điều 9 khoản 1',
    writtenNotice: false,
  },
  law_9_2: {
    label: 'Người có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân, người thi hành công vụ hoặc vi phạm nội quy nơi tiếp công dân',
    article: 'Luật Tiếp công dân, Điều 9 khoản 2',
    writtenNotice: false,
  },
  law_9_3: {
    label: 'Vụ việc đã giải quyết đúng pháp luật, đã được kiểm tra, rà soát, thông báo bằng văn bản, đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài',
    article: 'Luật Tiếp công dân, Điều 9 khoản 3',
    writtenNotice: true,
  },
  decree_4_a: {
    label: 'Mang theo vũ khí, vật liệu nổ, công cụ hỗ trợ, vật dụng nguy hiểm mà không chấp hành yêu cầu gửi, giao nộp',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm a',
    writtenNotice: false,
  },
  decree_4_b: { label: 'Không chấp hành việc kiểm tra an ninh', article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm b', writtenNotice: false },
  decree_4_c: {
    label: 'Tự ý ghi âm, ghi hình, phát trực tiếp khi người chủ trì đã yêu cầu không ghi, hoặc gây ảnh hưởng an ninh, trật tự',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm c',
    writtenNotice: false,
  },
  decree_4_d: { label: 'Kích động, lôi kéo, gây rối trật tự công cộng tại nơi tiếp công dân', article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm d', writtenNotice: false },
  decree_4_dd: {
    label: 'Không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm đ',
    writtenNotice: false,
  },
  decree_4_e: {
    label: 'Người đại diện, người được ủy quyền không xuất trình được giấy tờ chứng minh tư cách đại diện hợp pháp',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm e',
    writtenNotice: false,
  },
  decree_4_g: {
    label: 'Nội dung trình bày không thuộc phạm vi khiếu nại, tố cáo, kiến nghị, phản ánh',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm g',
    writtenNotice: false,
  },
  decree_4_h: {
    label: 'Kiến nghị, phản ánh về vụ việc đã được tiếp, hướng dẫn hoặc trả lời bằng văn bản đúng quy định và không có nội dung, tình tiết mới',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm h',
    writtenNotice: true,
  },
  decree_4_i: {
    label: 'Vụ việc đã có bản án, quyết định của Tòa án có hiệu lực pháp luật và không thuộc trường hợp được xem xét lại',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm i',
    writtenNotice: false,
  },
  decree_4_k: {
    label: 'Vụ việc đang được cơ quan, tổ chức, đơn vị có thẩm quyền khác thụ lý, giải quyết',
    article: 'Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1 điểm k',
    writtenNotice: false,
  },
} as const satisfies Record<string, RefusalGround>;

export type RefusalGroundCode = keyof typeof REFUSAL_GROUNDS;
export const REFUSAL_GROUND_CODES = Object.keys(REFUSAL_GROUNDS) as [RefusalGroundCode, ...RefusalGroundCode[]];

export function refusalNeedsNotice(ground: RefusalGroundCode | null): boolean {
  return ground !== null && REFUSAL_GROUNDS[ground].writtenNotice;
}
