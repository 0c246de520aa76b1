// Notices to citizens (thông báo): the written notices the law requires, each a numbered outgoing
// document with a deadline, shown in "Việc cần làm" until issued.
import { z } from '../validation.ts';
import { isoDate } from './dates.ts';
import type { DeadlineCode } from '../rules/deadlines.ts';

export const NOTICE_KINDS = ['refusal', 'handling', 'denunciation_forward', 'result'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  refusal: 'Thông báo từ chối tiếp công dân (mẫu 01/TCD)',
  handling: 'Thông báo kết quả xử lý đơn',
  denunciation_forward: 'Thông báo việc chuyển đơn tố cáo',
  result: 'Thông báo kết quả giải quyết',
};

/** The deadline rule each notice follows (shared/rules/deadlines.ts). */
export const NOTICE_DEADLINE: Record<NoticeKind, DeadlineCode> = {
  refusal: 'refusal_notice',
  handling: 'handling_notice',
  denunciation_forward: 'denunciation_forward',
  result: 'result_notice',
};

export interface Notice {
  id: number;
  kind: NoticeKind;
  petitionId: number | null;
  registerNo: string | null;
  visitId: number | null;
  /** Who it is addressed to: the petitioner (a denouncer only, for a denunciation), or the visitor. */
  recipient: string;
  dueOn: string;
  issuedOn: string | null;
  documentNo: string | null;
  issuedBy: string | null;
  /** Set when the step that required it was reversed before the notice was issued. */
  cancelledAt: string | null;
}

export interface NoticeTodoItem extends Notice {
  overdue: boolean;
}

/** Việc cần làm: what the law requires besides the Board's handling deadline. */
export interface LawTodo {
  today: string;
  /** Notices due and not issued (refusal notices first), oldest deadline first. */
  notices: NoticeTodoItem[];
  /** Undecided contents whose kind has its own shorter step (denunciation forward, complaint acceptance), due this week or overdue; each content of a letter on its own (`contentPosition`, 0 = first). */
  steps: { id: number; registerNo: string; kind: string; step: DeadlineCode; dueOn: string; overdue: boolean; summary: string; petitionerNames: string; contentPosition: number }[];
  counts: { notices: number; noticesOverdue: number; steps: number; stepsOverdue: number };
}

const noticeId = z.number({ error: 'Thiếu mã thông báo' }).int().positive();

export const noticeIssueSchema = z.strictObject({ id: noticeId, on: isoDate('Ngày ban hành') });
export type NoticeIssueInput = z.input<typeof noticeIssueSchema>;

export const noticeListSchema = z
  .strictObject({
    petitionId: z.number().int().positive().nullish().transform((v) => v ?? null),
    visitId: z.number().int().positive().nullish().transform((v) => v ?? null),
  })
  .refine((v) => (v.petitionId === null) !== (v.visitId === null), { error: 'Chọn một đơn hoặc một lượt tiếp' });
