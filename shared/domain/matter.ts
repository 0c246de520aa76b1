// Matters (vụ việc): one case, however many petitions and visits it arrives through. Official
// statistics count matters besides petitions and visits, first time or repeatedly (reports.md:
// 01/TCD cols 6–7, 02/XLD col 8, 03/XLD col 8). A petition has one or more contents, each on its
// own matter with its own kind and field (domain.md, "Several contents").
import { z, optionalText, requiredText } from '../validation.ts';
import { contentInputSchema, FIELDS, matterRef, type Field, type PetitionKind } from './petition.ts';

export const MATTER_KINDS = ['complaint', 'denunciation', 'recommendation', 'other'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];
export const MATTER_KIND_LABELS: Record<MatterKind, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  recommendation: 'Kiến nghị, phản ánh',
  other: 'Chưa xác định',
};

export { CONTENT_KINDS, type ContentKind, contentInputSchema, type ContentInput, matterRef } from './petition.ts';

/**
 * The state of a matter when it reaches the Board, as the reporting forms sort matters
 * (02/XLD cols 16–19 for complaints: resolved the first time, the second time, a court judgment
 * exists, not yet resolved; 03/XLD cols 18–20 for denunciations: overdue at the competent body,
 * with a conclusion, not yet resolved; 04/XLD cols 13–14 for recommendations).
 */
export const ARRIVAL_STATES = ['unresolved', 'resolved_once', 'resolved_twice', 'court_judgment', 'denunciation_concluded', 'denunciation_overdue'] as const;
export type ArrivalState = (typeof ARRIVAL_STATES)[number];
export const ARRIVAL_STATE_LABELS: Record<ArrivalState, string> = {
  unresolved: 'Chưa được giải quyết',
  resolved_once: 'Đã được giải quyết lần đầu',
  resolved_twice: 'Đã được giải quyết lần 2',
  court_judgment: 'Đã có bản án của Tòa',
  denunciation_concluded: 'Tố cáo đã có kết luận giải quyết',
  denunciation_overdue: 'Tố cáo quá thời hạn chưa được giải quyết',
};
/** States that only a complaint or only a denunciation can be in. */
export const COMPLAINT_ONLY_STATES: readonly ArrivalState[] = ['resolved_once', 'resolved_twice', 'court_judgment'];
export const DENUNCIATION_ONLY_STATES: readonly ArrivalState[] = ['denunciation_concluded', 'denunciation_overdue'];

/** Complaint level (Law on Complaints art. 7): first-time or second-time complaint. */
export const COMPLAINT_LEVELS = ['first', 'second'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];
export const COMPLAINT_LEVEL_LABELS: Record<ComplaintLevel, string> = { first: 'Khiếu nại lần đầu', second: 'Khiếu nại lần hai' };

export interface Matter {
  id: number;
  kind: MatterKind;
  field: Field | null;
  title: string;
  /** Where the case arose (commune code after 1 July 2025). */
  caseCommuneCode: string | null;
  arrivalState: ArrivalState;
  complaintLevel: ComplaintLevel | null;
  /** The body that already decided on the case (03/TCD col 8). */
  decidedBy: string | null;
  firstSeenOn: string;
  /** Received before the register knew it (a visit marked as a repeat). */
  seenBefore: boolean;
  /** A merged matter points at the one it was merged into. */
  mergedInto: number | null;
  petitions: number;
  visits: number;
  /** Seen more than once: more than one petition or visit, or seen before. */
  repeated: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A petition's content: one matter, with its own kind, field and summary. */
export interface PetitionContent {
  id: number;
  position: number;
  matterId: number;
  kind: PetitionKind;
  field: Field;
  summary: string;
  /** An imported content of several kinds, waiting for an officer to split it. */
  needsSplit: boolean;
  /** The matter had earlier petitions or visits when this one arrived. */
  repeat: boolean;
}

/** One arrival of a matter, oldest first, on the matter screen. */
export type MatterItem =
  | {
      type: 'petition';
      date: string;
      petitionId: number;
      registerNo: string;
      contentId: number;
      position: number;
      kind: PetitionKind;
      field: Field;
      summary: string;
      petitionerNames: string;
      needsSplit: boolean;
      /** First or repeat, by the order of arrival on this matter. */
      first: boolean;
    }
  | {
      type: 'visit';
      date: string;
      visitId: number;
      sessionId: number;
      citizenName: string;
      persons: number;
      content: string;
      first: boolean;
    };

export interface MatterDetail {
  matter: Matter;
  items: MatterItem[];
  /** Matters merged into this one. */
  merged: { id: number; title: string }[];
}

export interface MatterCandidate {
  matterId: number;
  title: string;
  kind: MatterKind;
  field: Field | null;
  firstSeenOn: string;
  lastSeenOn: string;
  petitions: number;
  visits: number;
  /** The latest petition's register number, to recognise it. */
  lastRegisterNo: string | null;
  reasons: ('person' | 'subject' | 'summary')[];
  score: number;
}

export interface MatterPage {
  total: number;
  offset: number;
  rows: Matter[];
}

const id = (label: string) =>
  z.number({ error: `Thiếu ${label}` }).int({ error: `${label} phải là số nguyên dương` }).positive({ error: `${label} phải là số nguyên dương` });
export const matterSuggestSchema = z.strictObject({
  /** The petition being edited, left out of its own suggestions. */
  excludePetitionId: z.number().int().positive().nullish().transform((v) => v ?? null),
  petitioners: z
    .array(
      z.object({
        citizenId: z.number().int().positive().nullish(),
        fullName: z.string().max(100).default(''),
        idNumber: z.string().max(20).nullish(),
      }),
    )
    .max(50)
    .default([]),
  subject: z.string().max(300).nullish().transform((v) => v?.trim() || null),
  summary: z.string().max(4000).default(''),
  limit: z.number().int().min(1).max(10).default(10),
});
export type MatterSuggestInput = z.input<typeof matterSuggestSchema>;

export const matterListSchema = z
  .strictObject({
    search: z.string().max(200).nullish(),
    kind: z.enum(MATTER_KINDS).nullish(),
    repeatedOnly: z.boolean().default(false),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ repeatedOnly: false, offset: 0, limit: 100 });

export const matterUpdateSchema = z
  .strictObject({
    id: id('mã vụ việc'),
    title: requiredText('Tên vụ việc', 200),
    kind: z.enum(MATTER_KINDS, { error: 'Loại vụ việc không hợp lệ' }),
    field: z.enum(FIELDS, { error: 'Lĩnh vực không hợp lệ' }).nullish().transform((v) => v ?? null),
    caseCommuneCode: z
      .string()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^\d{5}$/.test(v), { error: 'Mã xã, phường nơi phát sinh vụ việc gồm 5 chữ số' }),
    arrivalState: z.enum(ARRIVAL_STATES, { error: 'Tình trạng vụ việc khi đến Ban không hợp lệ' }),
    complaintLevel: z.enum(COMPLAINT_LEVELS, { error: 'Cấp khiếu nại phải là lần đầu hoặc lần hai' }).nullish().transform((v) => v ?? null),
    decidedBy: optionalText('Cơ quan đã giải quyết', 300),
  })
  .superRefine((m, ctx) => {
    if (m.complaintLevel !== null && m.kind !== 'complaint') {
      ctx.addIssue({ code: 'custom', path: ['complaintLevel'], message: 'Chỉ vụ việc khiếu nại mới có cấp khiếu nại (lần đầu, lần hai)' });
    }
    if (m.kind !== 'complaint' && COMPLAINT_ONLY_STATES.includes(m.arrivalState)) {
      ctx.addIssue({ code: 'custom', path: ['arrivalState'], message: `“${ARRIVAL_STATE_LABELS[m.arrivalState]}” chỉ dùng cho vụ việc khiếu nại` });
    }
    if (m.kind !== 'denunciation' && DENUNCIATION_ONLY_STATES.includes(m.arrivalState)) {
      ctx.addIssue({ code: 'custom', path: ['arrivalState'], message: `“${ARRIVAL_STATE_LABELS[m.arrivalState]}” chỉ dùng cho vụ việc tố cáo` });
    }
    if (m.arrivalState !== 'unresolved' && m.arrivalState !== 'denunciation_overdue' && !m.decidedBy) {
      ctx.addIssue({ code: 'custom', path: ['decidedBy'], message: 'Vụ việc đã được giải quyết phải ghi cơ quan đã giải quyết' });
    }
  });
export type MatterUpdateInput = z.input<typeof matterUpdateSchema>;

export const matterMergeSchema = z
  .strictObject({ fromId: id('vụ việc cần gộp'), intoId: id('vụ việc giữ lại') })
  .refine((m) => m.fromId !== m.intoId, { error: 'Không thể gộp một vụ việc vào chính nó', path: ['intoId'] });

export const matterMoveSchema = z
  .strictObject({
    contentId: z.number().int().positive().nullish().transform((v) => v ?? null),
    visitId: z.number().int().positive().nullish().transform((v) => v ?? null),
    /** The target matter; null: a new matter. */
    toMatterId: matterRef,
  })
  .refine((m) => (m.contentId === null) !== (m.visitId === null), { error: 'Chọn đúng một nội dung đơn hoặc một lượt tiếp để chuyển', path: ['contentId'] });

export const splitContentSchema = z.strictObject({
  contentId: id('mã nội dung'),
  parts: z.array(contentInputSchema).min(2, { error: 'Tách thành ít nhất 2 nội dung' }).max(20, { error: 'Tối đa 20 nội dung' }),
});
export type SplitContentInput = z.input<typeof splitContentSchema>;

/** A matter's short title from a summary: its first 200 characters on one line. */
export function matterTitle(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  return flat.length <= 200 ? flat : `${flat.slice(0, 199)}…`;
}

/** The matter kind a petition or visit kind starts: `multiple` and `other` are not yet known. */
export function matterKindOf(kind: string): MatterKind {
  return kind === 'complaint' || kind === 'denunciation' || kind === 'recommendation' ? kind : 'other';
}
