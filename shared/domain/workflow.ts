// A petition's life after intake: classification (phân loại), handling decisions (hướng xử lý),
// the agency's reply, reminders (đôn đốc), deadlines and the statuses derived from these facts.
import { z, optionalText } from '../validation.ts';
import { isoDate } from './dates.ts';
import type { PetitionKind } from './petition.ts';

export const INELIGIBLE_REASONS = [
  'anonymous',
  'no_signature_or_address',
  'duplicate',
  'awaiting_result',
  'finally_decided',
  'insufficient_content',
  'already_guided',
  'other',
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];
/** Default labels; an administrator may rename them (settings.reasonLabels). */
export const DEFAULT_REASON_LABELS: Record<IneligibleReason, string> = {
  anonymous: 'Đơn nặc danh, mạo danh',
  no_signature_or_address: 'Không có chữ ký, địa chỉ người viết đơn',
  duplicate: 'Đơn trùng lặp với đơn đã xử lý',
  awaiting_result: 'Đã xử lý, đang chờ kết quả giải quyết',
  finally_decided: 'Đã giải quyết cuối cùng, không có tình tiết mới',
  insufficient_content: 'Nội dung không rõ ràng, không đủ thông tin',
  already_guided: 'Không thuộc thẩm quyền, đã hướng dẫn một lần',
  other: 'Lý do khác',
};

export const DECISION_ACTIONS = ['accept', 'forward', 'guide', 'return', 'file', 'urge'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export const DECISION_ACTION_LABELS: Record<DecisionAction, string> = {
  accept: 'Đề xuất thụ lý',
  forward: 'Chuyển đơn đến cơ quan có thẩm quyền',
  guide: 'Hướng dẫn công dân',
  return: 'Trả lại đơn',
  file: 'Lưu đơn',
  // The competent body already has the case: the Board asks it to resolve (Decree 154/2026 art. 15(3);
  // form 02/TCD column 15 "đôn đốc giải quyết").
  urge: 'Đôn đốc giải quyết (cơ quan có thẩm quyền đã thụ lý)',
};
/** The numbered document each decision issues (settings.docPrefixes keys); `file` issues none. */
export const DECISION_DOCUMENT: Record<DecisionAction, 'accept' | 'forward' | 'guide' | 'return' | 'urge' | null> = {
  accept: 'accept',
  forward: 'forward',
  guide: 'guide',
  return: 'return',
  file: null,
  urge: 'urge',
};
/** Decisions that name the agency they go to. */
export const DECISIONS_WITH_AGENCY: readonly DecisionAction[] = ['forward', 'guide', 'urge'];

export const REPLY_OUTCOMES = ['resolved', 'rejected', 'partial', 'other'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];
export const REPLY_OUTCOME_LABELS: Record<ReplyOutcome, string> = {
  resolved: 'Đã giải quyết',
  rejected: 'Không chấp nhận',
  partial: 'Giải quyết một phần',
  other: 'Khác',
};

/** The Board processes a petition within this many working days of receipt. */
export const PROCESSING_WORKING_DAYS = 10;
/** "Due soon": the deadline falls within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * Working days an agency has to report back after a forward, per petition kind: the resolution
 * period (complaint 30 days, denunciation 30 days, recommendation 15 days), plus 7 working days
 * to report the result. Editable in settings.
 */
export const DEFAULT_REPLY_DAYS: Record<PetitionKind, number> = {
  complaint: 37,
  denunciation: 37,
  recommendation: 22,
  multiple: 37,
};

export const STAGES = ['awaiting_classification', 'awaiting_decision', 'forwarded', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** Statuses shown and filtered on: derived from the stage, the deadlines and today's date. */
export const PETITION_STATUSES = [
  'awaiting_classification',
  'awaiting_decision',
  'overdue',
  'forwarded',
  'reply_overdue',
  'closed',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export const PETITION_STATUS_LABELS: Record<PetitionStatus, string> = {
  awaiting_classification: 'Chờ phân loại',
  awaiting_decision: 'Chờ quyết định xử lý',
  overdue: 'Quá hạn xử lý',
  forwarded: 'Đã chuyển, chờ trả lời',
  reply_overdue: 'Quá hạn trả lời',
  closed: 'Đã xong',
};

export function deriveStatus(stage: Stage, dueOn: string | null, replyDueOn: string | null, today: string): PetitionStatus {
  if (stage === 'closed') return 'closed';
  if (stage === 'forwarded') return replyDueOn !== null && replyDueOn < today ? 'reply_overdue' : 'forwarded';
  if (dueOn !== null && dueOn < today) return 'overdue';
  return stage;
}

export interface Classification {
  id: number;
  eligible: boolean;
  reason: IneligibleReason | null;
  duplicateOf: { id: number; registerNo: string } | null;
  note: string | null;
  decidedOn: string;
  decidedBy: string;
  reversed: { at: string; by: string; note: string } | null;
}

export interface Decision {
  id: number;
  action: DecisionAction;
  decidedOn: string;
  agency: { id: number; code: string; name: string } | null;
  documentNo: string | null;
  note: string | null;
  replyDueOn: string | null;
  decidedBy: string;
  reversed: { at: string; by: string; note: string } | null;
  /** An anonymous denunciation with concrete evidence passed to the inspection body (Law on Denunciations art. 25(2)). */
  toInspection: boolean;
  /** The content decided (each content of a letter has its own decision) and its place in the letter (0 = first). */
  contentId: number | null;
  contentPosition: number;
}

export interface Reply {
  id: number;
  decisionId: number;
  receivedOn: string;
  documentNo: string | null;
  outcome: ReplyOutcome;
  summary: string | null;
  recordedBy: string;
  reversed: { at: string; by: string; note: string } | null;
}

export interface Reminder {
  id: number;
  decisionId: number;
  sentOn: string;
  documentNo: string | null;
  recordedBy: string;
}

/** Everything that happened to a petition after intake, oldest first, reversed records included. */
export interface Workflow {
  status: PetitionStatus;
  stage: Stage;
  dueOn: string | null;
  replyDueOn: string | null;
  classifications: Classification[];
  decisions: Decision[];
  replies: Reply[];
  reminders: Reminder[];
  /** Earlier petitions that look like the same matter (same citizen, similar summary or subject). */
  duplicateCandidates: { id: number; registerNo: string; receivedOn: string; summary: string; score: number }[];
}

const petitionId = z.number({ error: 'Thiếu mã đơn' }).int().positive();
/** The content of the letter a step is about (each content has its own decision); absent: the first. */
const contentId = z.number({ error: 'Mã nội dung đơn không hợp lệ' }).int().positive().nullish().transform((v) => v ?? null);
const reversalNote = z
  .string({ error: 'Phải ghi lý do hủy' })
  .transform((v) => v.normalize('NFC').trim())
  .pipe(z.string().min(3, { error: 'Lý do hủy phải ghi rõ (ít nhất 3 ký tự)' }).max(1000));

export const classifySchema = z
  .strictObject({
    petitionId,
    eligible: z.boolean({ error: 'Chọn đủ hoặc không đủ điều kiện xử lý' }),
    reason: z.enum(INELIGIBLE_REASONS, { error: 'Lý do không đủ điều kiện không hợp lệ' }).nullish().transform((v) => v ?? null),
    duplicateOf: z.number().int().positive().nullish().transform((v) => v ?? null),
    note: optionalText('Ghi chú', 2000),
    on: isoDate('Ngày phân loại'),
  })
  .superRefine((c, ctx) => {
    if (!c.eligible && c.reason === null) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Đơn không đủ điều kiện phải có lý do' });
    if (c.eligible && c.reason !== null) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Đơn đủ điều kiện không ghi lý do' });
    if (c.reason === 'duplicate' && c.duplicateOf === null) ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'Đơn trùng phải chỉ rõ đơn gốc' });
    if (c.reason !== 'duplicate' && c.duplicateOf !== null) ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'Chỉ ghi đơn gốc khi lý do là đơn trùng' });
    if (c.reason === 'other' && c.note === null) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Lý do khác phải ghi rõ trong ghi chú' });
  });
export type ClassifyInput = z.input<typeof classifySchema>;

export const decideSchema = z
  .strictObject({
    petitionId,
    contentId,
    action: z.enum(DECISION_ACTIONS, { error: 'Hướng xử lý không hợp lệ' }),
    on: isoDate('Ngày quyết định'),
    agencyId: z.number().int().positive().nullish().transform((v) => v ?? null),
    note: optionalText('Ghi chú', 2000),
    toInspection: z.boolean({ error: 'Chuyển cơ quan thanh tra phải là có hoặc không' }).default(false),
  })
  .superRefine((d, ctx) => {
    if (d.action === 'urge' && d.agencyId === null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Đôn đốc giải quyết phải chọn cơ quan có thẩm quyền đang giải quyết vụ việc' });
    } else if ((d.action === 'forward' || d.action === 'guide') && d.agencyId === null) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Chuyển đơn hoặc hướng dẫn phải chọn cơ quan có thẩm quyền' });
    }
    if (d.toInspection && d.action !== 'forward') {
      ctx.addIssue({ code: 'custom', path: ['toInspection'], message: 'Chỉ chuyển đơn mới chuyển đến cơ quan thanh tra' });
    }
  });
export type DecideInput = z.input<typeof decideSchema>;

export const replySchema = z.strictObject({
  petitionId,
  contentId,
  on: isoDate('Ngày nhận báo cáo'),
  documentNo: optionalText('Số văn bản trả lời', 50),
  outcome: z.enum(REPLY_OUTCOMES, { error: 'Kết quả giải quyết không hợp lệ' }),
  summary: optionalText('Tóm tắt kết quả', 4000),
});
export type ReplyInput = z.input<typeof replySchema>;

export const reminderSchema = z.strictObject({ petitionId, contentId, on: isoDate('Ngày đôn đốc') });

export const reverseSchema = z.strictObject({
  petitionId,
  contentId,
  what: z.enum(['classification', 'decision', 'reply'], { error: 'Chỉ hủy được phân loại, quyết định hoặc trả lời' }),
  note: reversalNote,
});

export const todoSchema = z.strictObject({}).optional();

export interface TodoItem {
  id: number;
  registerNo: string;
  receivedOn: string;
  petitionerNames: string;
  summary: string;
  status: PetitionStatus;
  /** The deadline that matters now: processing (due_on) or the agency's reply (reply_due_on). */
  deadline: string | null;
  agencyName: string | null;
}

export interface TodoSummary {
  today: string;
  overdue: TodoItem[];
  dueToday: TodoItem[];
  dueThisWeek: TodoItem[];
  replyOverdue: TodoItem[];
  counts: { overdue: number; dueToday: number; dueThisWeek: number; replyOverdue: number; total: number };
}

/** The to-do counts alone (todo.counts): what the navigation shows on every screen change. */
export interface TodoCounts {
  today: string;
  counts: TodoSummary['counts'];
}

export const holidayYearSchema = z.strictObject({ year: z.number().int().min(1900).max(2100) });
export const holidayUpsertSchema = z.strictObject({
  date: isoDate('Ngày nghỉ'),
  name: z.string().transform((v) => v.normalize('NFC').trim()).pipe(z.string().min(1, { error: 'Tên ngày nghỉ không được để trống' }).max(200)),
});
export const holidayRemoveSchema = z.strictObject({ date: isoDate('Ngày nghỉ') });

/** Intake asks, before saving, whether the matter came before (same person, subject, summary). */
export const similarSchema = z.strictObject({
  excludeId: z.number().int().positive().nullish().transform((v) => v ?? null),
  receivedOn: isoDate('Ngày nhận đơn'),
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
});
