// The drafts of outgoing documents (issue 14 item 3; shared/domain/approval.ts): saving a draft
// instead of numbering, finding a record's open draft, and refusing what a draft may not have
// (a second draft, a number, a print). The steps themselves (db/ops/workflow.ts, notices.ts) call
// these; approving runs the step for real (db/ops/approvals.ts).
import type { Kysely, Transaction } from 'kysely';
import { formatDateVN } from '../../shared/calendar/dates.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { APPROVAL_DOCUMENT_TITLES, type Approval, type ApprovalKind, type ApprovalProposal, type ApprovalStatus } from '../../shared/domain/approval.ts';
import { NOTICE_KIND_LABELS, type NoticeKind } from '../../shared/domain/notices.ts';
import type { DocumentKind } from '../../shared/domain/settings.ts';
import { ApiError } from '../../shared/errors.ts';
import type { OpContext } from '../context.ts';
import type { ApprovalTable, DB } from '../schema.ts';
import { getSettings } from './settings.ts';

type Trx = Transaction<DB>;
type ApprovalRow = Omit<ApprovalTable, 'id' | 'status'> & { id: number; status: string; register_no: string | null };

/** The Board's setting: outgoing documents wait for a leader's approval. */
export async function approvalRequired(db: Kysely<DB>): Promise<boolean> {
  return (await getSettings(db)).approvalRequired === true;
}

export function approvalTitle(documentKind: DocumentKind, proposal: ApprovalProposal & { noticeKind?: NoticeKind }): string {
  if (documentKind === 'notice' && proposal.noticeKind) return NOTICE_KIND_LABELS[proposal.noticeKind];
  const title = APPROVAL_DOCUMENT_TITLES[documentKind] ?? documentKind;
  return proposal.agencyName ? `${title} đến ${proposal.agencyName}` : title;
}

export function toApproval(r: ApprovalRow): Approval {
  const proposal = JSON.parse(r.proposal_json) as ApprovalProposal & { noticeKind?: NoticeKind };
  return {
    id: r.id,
    kind: r.kind as ApprovalKind,
    status: r.status as ApprovalStatus,
    documentKind: r.document_kind as DocumentKind,
    title: approvalTitle(r.document_kind as DocumentKind, proposal),
    petitionId: r.petition_id,
    registerNo: r.register_no,
    visitId: r.visit_id,
    noticeId: r.notice_id,
    proposal,
    draftedById: r.drafted_by_id,
    draftedBy: r.drafted_by,
    draftedAt: r.drafted_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    signedOn: r.signed_on,
    returnReason: r.return_reason,
    documentNo: r.document_no,
  };
}

export function approvalQuery(db: Kysely<DB>) {
  return db.selectFrom('approvals as a').leftJoin('petitions as p', 'p.id', 'a.petition_id').selectAll('a').select('p.register_no');
}

export async function getApproval(db: Kysely<DB>, id: number): Promise<Approval> {
  const row = await approvalQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy dự thảo có mã số ${id}`, [{ path: 'id', message: 'Dự thảo không tồn tại' }]);
  return toApproval(row as ApprovalRow);
}

export interface DraftTarget {
  kind: ApprovalKind;
  petitionId?: number | null;
  noticeId?: number | null;
}

/** The open draft (pending or sent back) of a step on a record: a petition's decision or reminder, or a notice. */
export async function openDraft(db: Kysely<DB>, target: DraftTarget): Promise<Approval | null> {
  let q = approvalQuery(db).where('a.kind', '=', target.kind).where('a.status', 'in', ['pending', 'returned']);
  q = target.kind === 'notice' ? q.where('a.notice_id', '=', target.noticeId ?? -1) : q.where('a.petition_id', '=', target.petitionId ?? -1);
  const row = await q.orderBy('a.id', 'desc').executeTakeFirst();
  return row ? toApproval(row as ApprovalRow) : null;
}

function draftMessage(draft: Approval): string {
  const when = formatDateVN(vietnamDate(new Date(draft.draftedAt)));
  return draft.status === 'pending'
    ? `${draft.title} đang là dự thảo chờ lãnh đạo duyệt (${draft.draftedBy} soạn ngày ${when})`
    : `${draft.title} là dự thảo bị trả lại (lý do: ${draft.returnReason ?? ''})`;
}

/**
 * A step may not be taken twice: while its draft waits for approval, the same step is refused
 * (CONFLICT). A draft sent back may be edited by drafting again (`asDraft`); taking the step
 * directly beside it is refused until it is withdrawn.
 */
export async function refuseBesideOpenDraft(db: Kysely<DB>, target: DraftTarget, what: string, asDraft: boolean): Promise<void> {
  const draft = await openDraft(db, target);
  if (!draft || (asDraft && draft.status === 'returned')) return;
  const remedy = draft.status === 'pending' ? 'hãy chờ lãnh đạo duyệt hoặc rút dự thảo' : 'hãy sửa và gửi lại, hoặc rút dự thảo trước';
  throw new ApiError('CONFLICT', `${draftMessage(draft)}: không ${what} thêm; ${remedy}.`);
}

/** Printing is refused while the document is only a draft: it has no number and no signature yet (Decree 30/2020 art. 15(2)). */
export async function refuseDraftPrint(db: Kysely<DB>, target: DraftTarget): Promise<void> {
  const draft = await openDraft(db, target);
  if (draft) throw new ApiError('CONFLICT', `${draftMessage(draft)}: chưa có số, chưa in được. Văn bản chỉ in sau khi lãnh đạo duyệt.`);
}

/**
 * Saves the step as a draft instead of numbering it (inside the step's transaction). A draft sent
 * back is edited in place: the drafter's new proposal, pending again (art. 11(2): a changed draft
 * goes back to the signer). Returns the draft.
 */
export async function saveDraft(
  trx: Trx,
  ctx: OpContext,
  draft: { kind: ApprovalKind; documentKind: DocumentKind; petitionId: number | null; visitId: number | null; noticeId: number | null; proposal: ApprovalProposal & { noticeKind?: NoticeKind } },
): Promise<{ approval: Approval; edited: boolean }> {
  const now = ctx.register.now().toISOString();
  const open = await openDraft(trx, { kind: draft.kind, petitionId: draft.petitionId, noticeId: draft.noticeId });
  if (open?.status === 'pending') throw new ApiError('CONFLICT', `${draftMessage(open)}: không gửi thêm dự thảo.`);
  const values = {
    document_kind: draft.documentKind,
    proposal_json: JSON.stringify(draft.proposal),
    drafted_by_id: ctx.actor.id,
    drafted_by: ctx.actor.name,
    drafted_at: now,
    updated_at: now,
  };
  if (open) {
    await trx.updateTable('approvals').set({ ...values, status: 'pending', decided_by_id: null, decided_by: null, decided_at: null }).where('id', '=', open.id).execute();
    return { approval: await getApproval(trx, open.id), edited: true };
  }
  const row = await trx
    .insertInto('approvals')
    .values({ ...values, kind: draft.kind, status: 'pending', petition_id: draft.petitionId, visit_id: draft.visitId, notice_id: draft.noticeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { approval: await getApproval(trx, row.id), edited: false };
}
