// The leader's approval of drafted outgoing documents (issue 14 item 3; shared/domain/approval.ts):
// approve (the drafted step runs for real: the number is issued, dated the day signed), send back
// with a reason, withdraw; a record's drafts; the to-do lists "Chờ duyệt" and "Bị trả lại". Each
// write is one transaction with its audit row naming the signed-in officer.
import type { Kysely } from 'kysely';
import { formatDateVN } from '../../shared/calendar/dates.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { APPROVAL_STATUS_LABELS, type Approval, type ApprovalTodo, type approvalApproveSchema, type approvalListSchema, type approvalSendBackSchema, type approvalWithdrawSchema } from '../../shared/domain/approval.ts';
import type { DecisionAction } from '../../shared/domain/workflow.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB } from '../schema.ts';
import { approvalQuery, getApproval, toApproval } from './approval-drafts.ts';
import { issueNoticeIn } from './notices.ts';
import { decideIn, getWorkflow, remindIn, summariseWorkflow } from './workflow.ts';

const TODO_LIMIT = 200;
type Row = Parameters<typeof toApproval>[0];

/** A petition's or a visit's drafts, oldest first, whatever became of them. */
export async function listApprovals(db: Kysely<DB>, where: z.output<typeof approvalListSchema>): Promise<Approval[]> {
  let q = approvalQuery(db);
  q = where.petitionId !== null ? q.where('a.petition_id', '=', where.petitionId) : q.where('a.visit_id', '=', where.visitId!);
  return (await q.orderBy('a.id').execute()).map((r) => toApproval(r as Row));
}

/**
 * Việc cần làm: "Chờ duyệt" (every pending draft, for an officer who may approve) and "Bị trả lại"
 * (the officer's own drafts sent back).
 */
export async function approvalTodo(db: Kysely<DB>, officerId: number | null, mayApprove: boolean): Promise<ApprovalTodo> {
  const pendingQ = approvalQuery(db).where('a.status', '=', 'pending');
  const returnedQ = approvalQuery(db).where('a.status', '=', 'returned').where('a.drafted_by_id', '=', officerId ?? -1);
  const count = async (q: typeof pendingQ) => Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).c);
  const pending = mayApprove ? (await pendingQ.orderBy('a.id').limit(TODO_LIMIT).execute()).map((r) => toApproval(r as Row)) : [];
  const returned = (await returnedQ.orderBy('a.id').limit(TODO_LIMIT).execute()).map((r) => toApproval(r as Row));
  return { pending, returned, counts: { pending: mayApprove ? await count(pendingQ) : 0, returned: await count(returnedQ) } };
}

function refuseStatus(draft: Approval, wanted: Approval['status'][], what: string): void {
  if (wanted.includes(draft.status)) return;
  throw new ApiError('CONFLICT', `Dự thảo “${draft.title}” đang ở trạng thái “${APPROVAL_STATUS_LABELS[draft.status]}”: không ${what} được.`);
}

function auditTarget(draft: Approval): { entity: string; entityId: number | null } {
  return draft.petitionId !== null ? { entity: 'petition', entityId: draft.petitionId } : { entity: 'visit', entityId: draft.visitId };
}

/**
 * Approves a pending draft: the drafted step runs now, in this transaction, as the approving
 * leader, dated the day signed (`on`), and takes its number (Decree 30/2020 art. 15(2)); every
 * check of the step runs again (the petition may have moved since it was drafted).
 */
export function approveDraft(ctx: OpContext, input: z.output<typeof approvalApproveSchema>): Promise<Approval> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const draft = await getApproval(trx, input.id);
    refuseStatus(draft, ['pending'], 'duyệt');
    const today = vietnamDate(ctx.register.now());
    const workflowBefore = draft.petitionId === null ? null : summariseWorkflow(await getWorkflow(trx, draft.petitionId, today));
    let documentNo: string | null;
    if (draft.kind === 'decision') {
      const p = draft.proposal;
      const workflow = await decideIn(
        trx,
        ctx,
        { petitionId: draft.petitionId!, contentId: p.contentId ?? null, action: p.action as DecisionAction, on: input.on, agencyId: p.agencyId ?? null, note: p.note ?? null, toInspection: p.toInspection ?? false },
        'approve',
      );
      documentNo = workflow.decisions.filter((d) => d.reversed === null).at(-1)?.documentNo ?? null;
    } else if (draft.kind === 'reminder') {
      const workflow = await remindIn(trx, ctx, { petitionId: draft.petitionId!, contentId: draft.proposal.contentId ?? null, on: input.on }, 'approve');
      documentNo = workflow.reminders.at(-1)?.documentNo ?? null;
    } else {
      documentNo = (await issueNoticeIn(trx, ctx, { id: draft.noticeId!, on: input.on }, 'approve')).documentNo;
    }
    const now = ctx.register.now().toISOString();
    await trx
      .updateTable('approvals')
      .set({ status: 'approved', decided_by_id: ctx.actor.id, decided_by: ctx.actor.name, decided_at: now, signed_on: input.on, document_no: documentNo, updated_at: now })
      .where('id', '=', draft.id)
      .execute();
    const after = await getApproval(trx, draft.id);
    // One audit row for the approval and the step it ran (the decision, reminder or notice numbered).
    const workflowAfter = draft.petitionId === null ? null : summariseWorkflow(await getWorkflow(trx, draft.petitionId, today));
    await writeAudit(trx, ctx, { action: 'approve', ...auditTarget(draft), before: { draft, workflow: workflowBefore }, after: { draft: after, workflow: workflowAfter, documentNo } });
    return after;
  });
}

/** Sends a pending draft back to its drafter with the leader's reason (Decree 30/2020 art. 10(3)). */
export function sendBackDraft(ctx: OpContext, input: z.output<typeof approvalSendBackSchema>): Promise<Approval> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const draft = await getApproval(trx, input.id);
    refuseStatus(draft, ['pending'], 'trả lại');
    const now = ctx.register.now().toISOString();
    await trx
      .updateTable('approvals')
      .set({ status: 'returned', decided_by_id: ctx.actor.id, decided_by: ctx.actor.name, decided_at: now, return_reason: input.reason, updated_at: now })
      .where('id', '=', draft.id)
      .execute();
    const after = await getApproval(trx, draft.id);
    await writeAudit(trx, ctx, { action: 'send_back', ...auditTarget(draft), before: draft, after });
    return after;
  });
}

/** The drafter withdraws a draft, pending or sent back: the step was not taken, nothing is numbered. */
export function withdrawDraft(ctx: OpContext, input: z.output<typeof approvalWithdrawSchema>): Promise<Approval> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const draft = await getApproval(trx, input.id);
    refuseStatus(draft, ['pending', 'returned'], 'rút');
    if (draft.draftedById !== ctx.actor.id) {
      throw new ApiError('FORBIDDEN', `Dự thảo “${draft.title}” do ${draft.draftedBy} soạn ngày ${formatDateVN(vietnamDate(new Date(draft.draftedAt)))}: chỉ người soạn mới rút được; không có gì được ghi.`);
    }
    const now = ctx.register.now().toISOString();
    await trx.updateTable('approvals').set({ status: 'withdrawn', updated_at: now }).where('id', '=', draft.id).execute();
    const after = await getApproval(trx, draft.id);
    await writeAudit(trx, ctx, { action: 'withdraw_draft', ...auditTarget(draft), before: draft, after });
    return after;
  });
}
