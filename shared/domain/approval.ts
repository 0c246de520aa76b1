// The leader's approval of outgoing documents (duyệt văn bản đi, issue 14 item 3), a setting of
// the Board (Cài đặt → "Văn bản đi phải được lãnh đạo duyệt"). When it is on, a handler's
// forwarding slip, guidance slip, return and urge letters, reminders and notices to citizens are
// saved as drafts (dự thảo): no number, nothing printed. A leader approves (the number and the date
// are then issued) or sends the draft back with a reason; the drafter edits it (the same form again)
// or withdraws it.
//
// The rules, from Decree 30/2020/NĐ-CP on clerical work (công tác văn thư):
// - art. 11(1): "Bản thảo văn bản phải do người có thẩm quyền ký văn bản duyệt" — the draft is
//   approved by whoever has the authority to sign it (here: a user holding `approve`);
// - art. 10(3): where the draft must be changed, the person with authority comments on it and sends
//   it back to the drafter — a send-back carries its reason;
// - art. 11(2): a draft changed after approval goes back to the signer — an edited draft is pending
//   again, never approved by its edit;
// - art. 15(2): for a paper document, the number and the date of issue are given after the
//   signature of the person with authority — the number is taken at approval, dated the day signed.
import { z } from '../validation.ts';
import { isoDate } from './dates.ts';
import type { DocumentKind } from './settings.ts';
import type { DecisionAction } from './workflow.ts';

/** What a draft stands for: a handling decision's document, a reminder, or a notice to a citizen. */
export const APPROVAL_KINDS = ['decision', 'reminder', 'notice'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** pending: waits for a leader; returned: sent back with a reason; approved: numbered; withdrawn by the drafter. */
export const APPROVAL_STATUSES = ['pending', 'returned', 'approved', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: 'Chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
  withdrawn: 'Đã rút',
};

/**
 * The documents that need approval when the setting is on: the ones the issue names (forward,
 * guide, return, urge, reminder, notices). The proposal to accept (TTr, form 01 of Circular
 * 05/2021) is itself addressed to the head for decision, and filing issues nothing: both stay direct.
 */
export const APPROVED_DOCUMENTS: readonly DocumentKind[] = ['forward', 'guide', 'return', 'urge', 'reminder', 'notice'];

/** A decision whose document waits for approval when the setting is on. */
export function decisionNeedsApproval(action: DecisionAction): boolean {
  return (APPROVED_DOCUMENTS as readonly string[]).includes(action);
}

/** What the drafter proposed (the input of the step that will run on approval). */
export interface ApprovalProposal {
  /** Decision drafts: the action, agency, note and inspection flag. */
  action?: DecisionAction;
  agencyId?: number | null;
  agencyName?: string | null;
  note?: string | null;
  toInspection?: boolean;
  /** The date the drafter proposed; the document is dated the day it is approved (art. 15(2)). */
  on: string;
  /** Decision and reminder drafts: the content of the letter they are for (absent: the first). */
  contentId?: number | null;
}

export interface Approval {
  id: number;
  kind: ApprovalKind;
  status: ApprovalStatus;
  documentKind: DocumentKind;
  /** "Phiếu chuyển đơn đến Sở Tư pháp", "Thông báo kết quả xử lý đơn". */
  title: string;
  petitionId: number | null;
  registerNo: string | null;
  visitId: number | null;
  noticeId: number | null;
  proposal: ApprovalProposal;
  draftedById: number | null;
  draftedBy: string;
  draftedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The day the leader signed: the document's date (approved drafts only). */
  signedOn: string | null;
  returnReason: string | null;
  /** The number issued on approval. */
  documentNo: string | null;
}

/** Việc cần làm: drafts waiting for the signed-in leader, and the signed-in drafter's drafts sent back. */
export interface ApprovalTodo {
  pending: Approval[];
  returned: Approval[];
  counts: { pending: number; returned: number };
}

const approvalId = z.number({ error: 'Mã dự thảo phải là số' }).int({ error: 'Mã dự thảo phải là số nguyên' }).positive({ error: 'Mã dự thảo không hợp lệ' });

export const approvalApproveSchema = z.strictObject({ id: approvalId, on: isoDate('Ngày ký duyệt') });
export type ApprovalApproveInput = z.input<typeof approvalApproveSchema>;

export const approvalSendBackSchema = z.strictObject({
  id: approvalId,
  reason: z
    .string({ error: 'Lý do trả lại là bắt buộc' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(5, { error: 'Lý do trả lại phải có ít nhất 5 ký tự' }).max(1000, { error: 'Lý do trả lại dài quá 1000 ký tự' })),
});
export type ApprovalSendBackInput = z.input<typeof approvalSendBackSchema>;

export const approvalWithdrawSchema = z.strictObject({ id: approvalId });

export const approvalListSchema = z
  .strictObject({
    petitionId: z.number().int().positive().nullish().transform((v) => v ?? null),
    visitId: z.number().int().positive().nullish().transform((v) => v ?? null),
  })
  .refine((v) => (v.petitionId === null) !== (v.visitId === null), { error: 'Chọn một đơn hoặc một lượt tiếp' });
export type ApprovalListInput = z.input<typeof approvalListSchema>;

/** The document a draft will become, as the to-do list and the petition page name it. */
export const APPROVAL_DOCUMENT_TITLES: Partial<Record<DocumentKind, string>> = {
  forward: 'Phiếu chuyển đơn',
  guide: 'Phiếu hướng dẫn',
  return: 'Công văn trả lại đơn',
  urge: 'Công văn đôn đốc giải quyết',
  reminder: 'Công văn đôn đốc',
  notice: 'Thông báo',
};
