// The rules of a petition's life after intake, held in the core (not only in forms):
// classify -> decide (accept / forward / guide / return / file) -> reply and reminders.
// Nothing is deleted: a mistake is corrected by a recorded reversal, then a new record.
import { formatDateVN } from '../../shared/calendar/dates.ts';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { yearOf } from '../../shared/domain/dates.ts';
import type { PetitionKind } from '../../shared/domain/petition.ts';
import type { DocumentKind } from '../../shared/domain/settings.ts';
import {
  DECISION_ACTION_LABELS,
  DECISION_DOCUMENT,
  deriveStatus,
  type Classification,
  type Decision,
  type DecisionAction,
  type IneligibleReason,
  type Reminder,
  type Reply,
  type ReplyOutcome,
  type Stage,
  type Workflow,
  type classifySchema,
  type decideSchema,
  type reminderSchema,
  type replySchema,
  type reverseSchema,
} from '../../shared/domain/workflow.ts';
import { ApiError } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, PetitionTable } from '../schema.ts';
import { workingDaysAfter } from './holidays.ts';
import { todayOf } from './petitions.ts';
import { getSettings } from './settings.ts';
import { joinOriginalMatter, leaveOriginalMatter } from './matters.ts';
import { cancelOpenNotices, createNotice, refreshContentSteps } from './notices.ts';
import { isDenunciation } from '../../shared/rules/deadlines.ts';
import { isProtectedPetition, protectedPetitionSql } from '../protection.ts';
import { decisionNeedsApproval } from '../../shared/domain/approval.ts';
import { approvalRequired, refuseBesideOpenDraft, saveDraft } from './approval-drafts.ts';

type Trx = Transaction<DB>;

function reversal(row: { reversed_at: string | null; reversed_by: string | null; reversal_note: string | null }) {
  return row.reversed_at === null ? null : { at: row.reversed_at, by: row.reversed_by ?? '', note: row.reversal_note ?? '' };
}

async function petitionRow(trx: Kysely<DB>, id: number) {
  const row = await trx.selectFrom('petitions').select(['id', 'register_no', 'received_on', 'seq', 'kind', 'subject', 'summary', 'stage', 'due_on', 'reply_due_on']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy đơn có mã số ${id}`, [{ path: 'petitionId', message: 'Đơn không tồn tại' }]);
  return row;
}

function activeClassification(db: Kysely<DB>, petitionId: number) {
  return db.selectFrom('classifications').selectAll().where('petition_id', '=', petitionId).where('reversed_at', 'is', null).executeTakeFirst();
}

/**
 * The petition's decision as the register has always read it: its first content's. The petition's
 * stage and the copies statistics read follow it; further contents have their own decisions.
 */
function activeDecision(db: Kysely<DB>, petitionId: number) {
  return db
    .selectFrom('decisions as d')
    .leftJoin('petition_contents as c', 'c.id', 'd.content_id')
    .selectAll('d')
    .where('d.petition_id', '=', petitionId)
    .where('d.reversed_at', 'is', null)
    .where((eb) => eb.or([eb('c.position', '=', 0), eb('d.content_id', 'is', null)]))
    .executeTakeFirst();
}

/** The active decision on one content of a letter. */
function activeDecisionOf(db: Kysely<DB>, contentId: number) {
  return db.selectFrom('decisions').selectAll().where('content_id', '=', contentId).where('reversed_at', 'is', null).executeTakeFirst();
}

/** "Nội dung 2 của đơn 2026/000123", or the petition alone for a letter of one content. */
function contentLabel(petition: { register_no: string }, content: { position: number }, many: boolean): string {
  return many ? `Nội dung ${content.position + 1} của đơn ${petition.register_no}` : `Đơn ${petition.register_no}`;
}

/**
 * The content a step is about: the one named (it must be the petition's), else the first. A
 * petition without content rows (written raw before contents existed) is its own single content
 * (`id` null: its decision is the petition's).
 */
async function contentOf(db: Kysely<DB>, petition: { id: number; register_no: string; kind: string; summary: string }, contentId: number | null) {
  const contents: { id: number | null; position: number; kind: string; summary: string }[] = await db
    .selectFrom('petition_contents')
    .select(['id', 'position', 'kind', 'summary'])
    .where('petition_id', '=', petition.id)
    .orderBy('position')
    .execute();
  if (contents.length === 0) contents.push({ id: null, position: 0, kind: petition.kind, summary: petition.summary });
  const content = contentId === null ? contents[0] : contents.find((c) => c.id === contentId);
  if (!content) {
    throw new ApiError('NOT_FOUND', `Nội dung mã số ${contentId} không thuộc đơn ${petition.register_no}`, [{ path: 'contentId', message: 'Nội dung không thuộc đơn này' }]);
  }
  return { ...content, label: contentLabel(petition, content, contents.length > 1) };
}

/** The active decision on a content (on the petition itself when it has no content rows). */
function decisionOfContent(db: Kysely<DB>, petitionId: number, content: { id: number | null }) {
  return content.id === null ? activeDecision(db, petitionId) : activeDecisionOf(db, content.id);
}

function activeReply(db: Kysely<DB>, decisionId: number) {
  return db.selectFrom('replies').selectAll().where('decision_id', '=', decisionId).where('reversed_at', 'is', null).executeTakeFirst();
}

function refuseDate(field: string, message: string): never {
  throw new ApiError('VALIDATION', message, [{ path: field, message }]);
}

/** Dates never precede receipt (or the step before), and are never in the future. */
function checkDate(ctx: OpContext, on: string, notBefore: string, what: string, before: string): void {
  if (on < notBefore) refuseDate('on', `${what} (${formatDateVN(on)}) không được trước ${before} (${formatDateVN(notBefore)})`);
  const today = todayOf(ctx);
  if (on > today) refuseDate('on', `${what} (${formatDateVN(on)}) không được sau ngày hôm nay (${formatDateVN(today)})`);
}

/**
 * Recomputes the petition's stage, reply deadline and the copies of its active classification,
 * decision and reply (statistics read those) from its records. Every workflow write calls it in
 * its own transaction; so does the importer.
 */
export async function refreshStage(trx: Trx, petitionId: number): Promise<void> {
  const classification = await activeClassification(trx, petitionId);
  const decision = await activeDecision(trx, petitionId);
  const reply = decision?.action === 'forward' ? await activeReply(trx, decision.id) : undefined;
  let stage: Stage = 'awaiting_classification';
  if (decision) stage = decision.action === 'forward' && !reply ? 'forwarded' : 'closed';
  else if (classification) stage = 'awaiting_decision';
  await trx
    .updateTable('petitions')
    .set({
      stage,
      // Kept after the reply arrives: statistics judge whether it came on time.
      reply_due_on: decision?.action === 'forward' ? decision.reply_due_on : null,
      cls_eligible: classification ? classification.eligible : null,
      cls_reason: classification?.reason ?? null,
      dec_action: decision?.action ?? null,
      dec_on: decision?.decided_on ?? null,
      dec_agency_id: decision?.agency_id ?? null,
      reply_on: reply?.received_on ?? null,
    })
    .where('id', '=', petitionId)
    .execute();
  // Each content's pending step follows its own decision.
  await refreshContentSteps(trx, { petitionId });
}

/**
 * The highest number of a kind already used in a year by numbers this register did not issue
 * itself (imported history keeps its `document_no` strings), so the desk continues the series.
 */
async function highestImportedSeq(trx: Trx, kind: DocumentKind, year: number, prefix: string): Promise<number> {
  const pattern = new RegExp(`^0*(\\d+)/${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const numbers =
    kind === 'reminder'
      ? await trx.selectFrom('reminders').select('document_no').where('document_id', 'is', null).where('sent_on', 'like', `${year}-%`).execute()
      : await trx
          .selectFrom('decisions')
          .select('document_no')
          .where('document_id', 'is', null)
          .where('action', '=', kind)
          .where('decided_on', 'like', `${year}-%`)
          .execute();
  return numbers.reduce((max, r) => Math.max(max, Number(pattern.exec(r.document_no ?? '')?.[1] ?? 0)), 0);
}

/** Issues the next number of a document kind for the year: `05/PC-BTCD` (under 10 padded). */
export async function issueDocument(trx: Trx, ctx: OpContext, kind: DocumentKind, petitionId: number, issuedOn: string): Promise<{ id: number; number: string }> {
  const year = yearOf(issuedOn);
  const prefixes = (await getSettings(trx)).docPrefixes;
  const prefix = prefixes[kind];
  // Kinds numbered under one prefix share its series: the công văn (reminder, return: "Số: 12/BTCD",
  // Decree 30/2020 Appendix I) are one series, so no two letters of a year carry the same number.
  const series = (Object.keys(prefixes) as DocumentKind[]).filter((k) => prefixes[k] === prefix);
  const last = await trx.selectFrom('outgoing_documents').select((eb) => eb.fn.max('seq').as('seq')).where('kind', 'in', series).where('year', '=', year).executeTakeFirst();
  let imported = 0;
  for (const k of series) if (k !== 'receipt' && k !== 'refusal') imported = Math.max(imported, await highestImportedSeq(trx, k, year, prefix));
  const seq = Math.max(Number(last?.seq ?? 0), imported) + 1;
  const number = `${String(seq).padStart(2, '0')}/${prefix}`;
  const row = await trx
    .insertInto('outgoing_documents')
    .values({ kind, year, seq, number, petition_id: petitionId, issued_on: issuedOn, created_at: ctx.register.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

async function audited<T>(ctx: OpContext, petitionId: number, action: string, work: (trx: Trx) => Promise<T>): Promise<Workflow> {
  return ctx.register.db.transaction().execute((trx) => auditedIn(trx, ctx, petitionId, action, work));
}

/**
 * A workflow step inside the caller's transaction: the work, the stage refreshed, one audit row.
 * `action` null: the caller writes the audit row (an approval logs the step it runs as its own).
 */
async function auditedIn<T>(trx: Trx, ctx: OpContext, petitionId: number, action: string | null, work: (trx: Trx) => Promise<T>): Promise<Workflow> {
  const before = await getWorkflow(trx, petitionId, todayOf(ctx));
  const detail = await work(trx);
  await refreshStage(trx, petitionId);
  const after = await getWorkflow(trx, petitionId, todayOf(ctx));
  if (action !== null) await writeAudit(trx, ctx, { action, entity: 'petition', entityId: petitionId, before: summarise(before), after: { ...summarise(after), detail } });
  return after;
}

/** The workflow as its audit rows summarise it: status and the active records. */
export function summariseWorkflow(w: Workflow) {
  return summarise(w);
}

/** The audit action of a step by its mode: an approval writes its own row. */
function stepAction(mode: StepMode, action: string): string | null {
  return mode === 'draft' ? 'draft' : mode === 'approve' ? null : action;
}

/**
 * How a step that issues an outgoing document runs (issue 14 item 3, shared/domain/approval.ts):
 * `direct` numbers it now (the setting is off, or the document needs no approval); `draft` checks
 * everything the step checks, then saves a draft without a number; `approve` is the leader's
 * approval running the drafted step, the document dated the day signed.
 */
export type StepMode = 'direct' | 'draft' | 'approve';

function summarise(w: Workflow) {
  const active = <T extends { reversed: unknown }>(xs: T[]) => xs.filter((x) => x.reversed === null).at(-1) ?? null;
  return { status: w.status, classification: active(w.classifications), decision: active(w.decisions), reply: active(w.replies), reminders: w.reminders.length };
}

export function classifyPetition(ctx: OpContext, input: z.output<typeof classifySchema>): Promise<Workflow> {
  return audited(ctx, input.petitionId, 'classify', async (trx) => {
    const petition = await petitionRow(trx, input.petitionId);
    if (await activeClassification(trx, petition.id)) {
      throw new ApiError('CONFLICT', `Đơn ${petition.register_no} đã được phân loại. Muốn phân loại lại, hãy hủy phân loại cũ (ghi rõ lý do).`);
    }
    checkDate(ctx, input.on, petition.received_on, 'Ngày phân loại', 'ngày nhận đơn');
    if (input.duplicateOf !== null) {
      const original = await trx.selectFrom('petitions').select(['id', 'register_no', 'received_on', 'seq']).where('id', '=', input.duplicateOf).executeTakeFirst();
      if (!original) throw new ApiError('NOT_FOUND', `Không tìm thấy đơn gốc có mã số ${input.duplicateOf}`, [{ path: 'duplicateOf', message: 'Đơn gốc không tồn tại' }]);
      if (original.id === petition.id) refuseDate('duplicateOf', 'Đơn không thể trùng với chính nó');
      // Earlier: received before, or the same day with an earlier register number (so two petitions never duplicate each other).
      if (original.received_on > petition.received_on || (original.received_on === petition.received_on && original.seq > petition.seq)) {
        refuseDate('duplicateOf', `Đơn gốc ${original.register_no} phải được nhận trước đơn này`);
      }
    }
    const inserted = await trx
      .insertInto('classifications')
      .values({
        petition_id: petition.id,
        eligible: input.eligible ? 1 : 0,
        reason: input.reason,
        duplicate_of: input.duplicateOf,
        note: input.note,
        decided_on: input.on,
        decided_by: ctx.actor.name,
        created_at: ctx.register.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A duplicate is a repeat on its original's matter; the matter it leaves is remembered, so a
    // reversal puts it back.
    if (input.duplicateOf !== null) {
      const movedFrom = await joinOriginalMatter(trx, petition.id, input.duplicateOf);
      if (movedFrom !== null) await trx.updateTable('classifications').set({ moved_from_matter_id: movedFrom }).where('id', '=', inserted.id).execute();
    }
    return { eligible: input.eligible, reason: input.reason };
  });
}

/** Petitioners' citizens, to recognise the same denouncer. */
async function citizenIds(trx: Kysely<DB>, petitionId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('petition_petitioners as pp')
    .innerJoin('persons as p', 'p.id', 'pp.person_id')
    .select('p.citizen_id')
    .where('pp.petition_id', '=', petitionId)
    .execute();
  return rows.map((r) => r.citizen_id).filter((id): id is number => id !== null);
}

/**
 * A denunciation is forwarded only once per content: same denouncer and same accused, or same
 * summary. The content decided is compared with the denunciation contents already forwarded.
 */
async function refuseSecondForward(trx: Trx, petition: { id: number; subject: string | null }, content: { kind: string; summary: string }): Promise<void> {
  if (content.kind !== 'denunciation') return;
  const forwarded = await trx
    .selectFrom('decisions as d')
    .innerJoin('petitions as p', 'p.id', 'd.petition_id')
    .innerJoin('petition_contents as c', 'c.id', 'd.content_id')
    .select(['p.id', 'p.register_no', 'p.subject', 'c.summary'])
    .where('d.action', '=', 'forward')
    .where('d.reversed_at', 'is', null)
    .where('c.kind', '=', 'denunciation')
    .where('p.id', '!=', petition.id)
    .execute();
  if (forwarded.length === 0) return;
  const mine = new Set(await citizenIds(trx, petition.id));
  for (const other of forwarded) {
    const sameSummary = fold(other.summary) === fold(content.summary);
    const sameSubject = petition.subject !== null && other.subject !== null && fold(other.subject) === fold(petition.subject);
    const sameDenouncer = (await citizenIds(trx, other.id)).some((id) => mine.has(id));
    if (sameSummary || (sameSubject && sameDenouncer)) {
      throw new ApiError('CONFLICT', `Đơn tố cáo cùng nội dung đã được chuyển một lần (đơn ${other.register_no}); đơn tố cáo chỉ được chuyển một lần.`, [
        { path: 'action', message: `Nội dung này đã được chuyển với đơn ${other.register_no}` },
      ]);
    }
  }
}

export function decidePetition(ctx: OpContext, input: z.output<typeof decideSchema>): Promise<Workflow> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const mode: StepMode = decisionNeedsApproval(input.action) && (await approvalRequired(trx)) ? 'draft' : 'direct';
    return decideIn(trx, ctx, input, mode);
  });
}

/** The handling decision inside the caller's transaction, directly, as a draft, or on approval. */
export function decideIn(trx: Trx, ctx: OpContext, input: z.output<typeof decideSchema>, mode: StepMode): Promise<Workflow> {
  return auditedIn(trx, ctx, input.petitionId, stepAction(mode, 'decide'), async (trx) => {
    const petition = await petitionRow(trx, input.petitionId);
    const classification = await activeClassification(trx, petition.id);
    if (!classification) throw new ApiError('CONFLICT', `Đơn ${petition.register_no} chưa được phân loại: phải phân loại trước khi quyết định hướng xử lý.`);
    // An anonymous denunciation naming a violation with concrete evidence goes to the inspection
    // body although it is ineligible as a denunciation (Law on Denunciations art. 25(2)).
    const content = await contentOf(trx, petition, input.contentId);
    if (input.toInspection && !(isDenunciation(content) && classification.eligible === 0 && classification.reason === 'anonymous')) {
      throw new ApiError('CONFLICT', `Đơn ${petition.register_no} không phải đơn tố cáo nặc danh: chỉ tố cáo nặc danh có nội dung rõ ràng, tài liệu, chứng cứ cụ thể mới chuyển cơ quan thanh tra (Luật Tố cáo, Điều 25 khoản 2).`, [
        { path: 'toInspection', message: 'Chỉ áp dụng cho đơn tố cáo nặc danh' },
      ]);
    }
    if (classification.eligible === 0 && input.action !== 'file' && input.action !== 'return' && !input.toInspection) {
      throw new ApiError('CONFLICT', `Đơn ${petition.register_no} không đủ điều kiện xử lý: chỉ có thể lưu đơn hoặc trả lại đơn, không thể ${DECISION_ACTION_LABELS[input.action].toLowerCase()}.`, [
        { path: 'action', message: 'Đơn không đủ điều kiện chỉ được lưu hoặc trả lại' },
      ]);
    }
    if (await decisionOfContent(trx, petition.id, content)) {
      throw new ApiError('CONFLICT', `${content.label} đã có quyết định xử lý. Muốn đổi, hãy hủy quyết định cũ (ghi rõ lý do).`, [{ path: 'contentId', message: 'Nội dung đã có quyết định' }]);
    }
    checkDate(ctx, input.on, classification.decided_on, 'Ngày quyết định', 'ngày phân loại');
    let agency: { id: number; name: string; active: number } | undefined;
    if (input.agencyId !== null) {
      agency = await trx.selectFrom('agencies').select(['id', 'name', 'active']).where('id', '=', input.agencyId).executeTakeFirst();
      if (!agency) throw new ApiError('NOT_FOUND', `Không tìm thấy cơ quan có mã số ${input.agencyId}`, [{ path: 'agencyId', message: 'Cơ quan không tồn tại' }]);
      if (agency.active !== 1) throw new ApiError('CONFLICT', `${agency.name} đã ngừng hoạt động trong danh bạ`, [{ path: 'agencyId', message: 'Cơ quan đã ngừng hoạt động' }]);
    }
    if (input.action === 'forward') await refuseSecondForward(trx, petition, content);
    if (mode !== 'approve') await refuseBesideOpenDraft(trx, { kind: 'decision', petitionId: petition.id }, 'quyết định xử lý', mode === 'draft');
    const documentKind = DECISION_DOCUMENT[input.action];
    if (mode === 'draft' && documentKind) {
      const { approval, edited } = await saveDraft(trx, ctx, {
        kind: 'decision',
        documentKind,
        petitionId: petition.id,
        visitId: null,
        noticeId: null,
        proposal: { action: input.action, agencyId: input.agencyId, agencyName: agency?.name ?? null, note: input.note, toInspection: input.toInspection, on: input.on, contentId: input.contentId },
      });
      return { draft: approval, edited };
    }
    const document = documentKind ? await issueDocument(trx, ctx, documentKind, petition.id, input.on) : null;
    const replyDays = (await getSettings(trx)).replyDays[content.kind as PetitionKind];
    const decisionId = await trx
      .insertInto('decisions')
      .values({
        petition_id: petition.id,
        content_id: content.id,
        action: input.action,
        decided_on: input.on,
        agency_id: input.agencyId,
        document_id: document?.id ?? null,
        document_no: document?.number ?? null,
        note: input.note,
        reply_due_on: input.action === 'forward' ? await workingDaysAfter(trx, input.on, replyDays) : null,
        decided_by: ctx.actor.name,
        created_at: ctx.register.now().toISOString(),
        to_inspection: input.toInspection ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
    const notice = await noticeForDecision(trx, ctx, { id: petition.id, kind: content.kind }, input.action, input.toInspection, decisionId);
    return { action: input.action, documentNo: document?.number ?? null, agency: agency?.name ?? null, toInspection: input.toInspection, notice };
  });
}

/**
 * The notice a decision requires: a denunciation forwarded is told to the denouncer (Law on
 * Denunciations art. 24(1)); acceptance, a forward, guidance and an urge are told to the
 * petitioner as the outcome of handling (Law on Citizen Reception art. 28). A return slip and a
 * filed petition need none (the slip is itself addressed to the citizen); an anonymous
 * denunciation has no one to tell.
 */
async function noticeForDecision(trx: Trx, ctx: OpContext, petition: { id: number; kind: string }, action: DecisionAction, toInspection: boolean, decisionId: number): Promise<number | null> {
  if (toInspection || action === 'return' || action === 'file') return null;
  const kind = action === 'forward' && isDenunciation(petition) ? 'denunciation_forward' : 'handling';
  return createNotice(trx, ctx, { kind, petitionId: petition.id, decisionId });
}

async function activeForward(trx: Trx, petition: { id: number; register_no: string; kind: string; summary: string }, contentId: number | null) {
  const content = await contentOf(trx, petition, contentId);
  const decision = await decisionOfContent(trx, petition.id, content);
  if (!decision || decision.action !== 'forward') {
    throw new ApiError('CONFLICT', `${content.label} chưa được chuyển đến cơ quan nào: chỉ ghi trả lời và đôn đốc cho đơn đã chuyển.`);
  }
  return decision;
}

export function recordReply(ctx: OpContext, input: z.output<typeof replySchema>): Promise<Workflow> {
  return audited(ctx, input.petitionId, 'reply', async (trx) => {
    const petition = await petitionRow(trx, input.petitionId);
    const decision = await activeForward(trx, petition, input.contentId);
    if (await activeReply(trx, decision.id)) throw new ApiError('CONFLICT', `Đơn ${petition.register_no} đã có báo cáo kết quả. Muốn sửa, hãy hủy báo cáo cũ (ghi rõ lý do).`);
    checkDate(ctx, input.on, decision.decided_on, 'Ngày nhận báo cáo', 'ngày chuyển đơn');
    const reply = await trx
      .insertInto('replies')
      .values({
        decision_id: decision.id,
        received_on: input.on,
        document_no: input.documentNo,
        outcome: input.outcome,
        summary: input.summary,
        recorded_by: ctx.actor.name,
        created_at: ctx.register.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The citizen is told the competent body's result (Law on Citizen Reception art. 28(2));
    // an anonymous denunciation has no one to tell.
    const notice = decision.to_inspection === 1 ? null : await createNotice(trx, ctx, { kind: 'result', petitionId: petition.id, replyId: reply.id });
    return { outcome: input.outcome, onTime: decision.reply_due_on === null || input.on <= decision.reply_due_on, notice };
  });
}

export function addReminder(ctx: OpContext, input: z.output<typeof reminderSchema>): Promise<Workflow> {
  return ctx.register.db.transaction().execute(async (trx) => remindIn(trx, ctx, input, (await approvalRequired(trx)) ? 'draft' : 'direct'));
}

/** A reminder inside the caller's transaction, directly, as a draft, or on approval. */
export function remindIn(trx: Trx, ctx: OpContext, input: z.output<typeof reminderSchema>, mode: StepMode): Promise<Workflow> {
  return auditedIn(trx, ctx, input.petitionId, stepAction(mode, 'remind'), async (trx) => {
    const petition = await petitionRow(trx, input.petitionId);
    const decision = await activeForward(trx, petition, input.contentId);
    if (await activeReply(trx, decision.id)) throw new ApiError('CONFLICT', `Cơ quan đã báo cáo kết quả đơn ${petition.register_no}: không cần đôn đốc.`);
    checkDate(ctx, input.on, decision.decided_on, 'Ngày đôn đốc', 'ngày chuyển đơn');
    if (mode !== 'approve') await refuseBesideOpenDraft(trx, { kind: 'reminder', petitionId: petition.id }, 'đôn đốc', mode === 'draft');
    if (mode === 'draft') {
      const agency = decision.agency_id === null ? null : await trx.selectFrom('agencies').select('name').where('id', '=', decision.agency_id).executeTakeFirst();
      const { approval, edited } = await saveDraft(trx, ctx, {
        kind: 'reminder',
        documentKind: 'reminder',
        petitionId: petition.id,
        visitId: null,
        noticeId: null,
        proposal: { agencyName: agency?.name ?? null, on: input.on, contentId: input.contentId },
      });
      return { draft: approval, edited };
    }
    const document = await issueDocument(trx, ctx, 'reminder', petition.id, input.on);
    await trx
      .insertInto('reminders')
      .values({ decision_id: decision.id, sent_on: input.on, document_id: document.id, document_no: document.number, recorded_by: ctx.actor.name, created_at: ctx.register.now().toISOString() })
      .execute();
    return { documentNo: document.number };
  });
}

export function reverseStep(ctx: OpContext, input: z.output<typeof reverseSchema>): Promise<Workflow> {
  return audited(ctx, input.petitionId, 'reverse', async (trx) => {
    const petition = await petitionRow(trx, input.petitionId);
    const stamp = { reversed_at: ctx.register.now().toISOString(), reversed_by: ctx.actor.name, reversal_note: input.note };
    const content = await contentOf(trx, petition, input.contentId);
    const decision = await decisionOfContent(trx, petition.id, content);
    if (input.what === 'classification') {
      const classification = await activeClassification(trx, petition.id);
      if (!classification) throw new ApiError('CONFLICT', `Đơn ${petition.register_no} chưa có phân loại để hủy.`);
      const anyDecision = await trx.selectFrom('decisions').select('id').where('petition_id', '=', petition.id).where('reversed_at', 'is', null).executeTakeFirst();
      if (anyDecision) throw new ApiError('CONFLICT', `Đơn ${petition.register_no} đã có quyết định xử lý: hủy quyết định trước, rồi mới hủy phân loại.`);
      await trx.updateTable('classifications').set(stamp).where('id', '=', classification.id).execute();
      // A duplicate no longer: the petition goes back to its own matter (the audit row says where).
      const matter = await leaveOriginalMatter(trx, ctx, petition.id, classification);
      if (matter) return { reversed: input.what, note: input.note, matter };
    } else if (input.what === 'decision') {
      if (!decision) throw new ApiError('CONFLICT', `${content.label} chưa có quyết định xử lý để hủy.`);
      if (await activeReply(trx, decision.id)) throw new ApiError('CONFLICT', `${content.label} đã có báo cáo kết quả: hủy báo cáo trước, rồi mới hủy quyết định.`);
      await trx.updateTable('decisions').set(stamp).where('id', '=', decision.id).execute();
      await cancelOpenNotices(trx, ctx, { decisionId: decision.id });
      // A reminder drafted under the reversed forward has nothing left to remind of.
      await trx
        .updateTable('approvals')
        .set({ status: 'withdrawn', updated_at: stamp.reversed_at })
        .where('petition_id', '=', petition.id)
        .where('kind', '=', 'reminder')
        .where('status', 'in', ['pending', 'returned'])
        .execute();
    } else {
      const reply = decision ? await activeReply(trx, decision.id) : undefined;
      if (!reply) throw new ApiError('CONFLICT', `${content.label} chưa có báo cáo kết quả để hủy.`);
      await trx.updateTable('replies').set(stamp).where('id', '=', reply.id).execute();
      await cancelOpenNotices(trx, ctx, { replyId: reply.id });
    }
    return { reversed: input.what, note: input.note };
  });
}

/** What a petition looks like for duplicate detection, saved or still being typed at intake. */
export interface MatterProbe {
  excludeId: number | null;
  receivedOn: string;
  citizenIds: number[];
  idNumbers: string[];
  names: string[];
  subject: string | null;
  summary: string;
  /** The probe is a denunciation: its petitioners are protected and match nothing by person. */
  protectedProbe?: boolean;
}

/**
 * Earlier petitions that may be the same matter: a petitioner with the same citizen record, ID
 * number or folded name, or the same subject; ranked by how much of the summary they share.
 */
export async function similarPetitions(db: Kysely<DB>, probe: MatterProbe): Promise<Workflow['duplicateCandidates']> {
  const folded = probe.names.map(fold).filter(Boolean);
  const words = new Set(fold(probe.summary).split(' ').filter((w) => w.length >= 3));
  const subject = probe.subject ? fold(probe.subject) : null;
  if (probe.citizenIds.length + probe.idNumbers.length + folded.length === 0 && subject === null) return [];
  if (probe.protectedProbe && subject === null) return [];
  // Matching by person never crosses a denouncer's protection (db/protection.ts): a denunciation
  // is not suggested because its denouncer signed this petition, and a denunciation's petitioners
  // suggest nothing; either would tell who denounced. Subjects still match.
  const samePerson = (eb: ExpressionBuilder<DB & { o: PetitionTable }, 'o'>) =>
    probe.protectedProbe
      ? eb(protectedPetitionSql('o.kind'), '!=', protectedPetitionSql('o.kind')) // always false: no match by person
      : eb.and([eb(protectedPetitionSql('o.kind'), '=', 0), eb.exists(
      eb
        .selectFrom('petition_petitioners as opp')
        .innerJoin('persons as ox', 'ox.id', 'opp.person_id')
        .select(sql`1`.as('one'))
        .whereRef('opp.petition_id', '=', 'o.id')
        .where((e) =>
          e.or([
            e('ox.citizen_id', 'in', probe.citizenIds.concat(-1)),
            e('ox.id_number', 'in', probe.idNumbers.concat('\u0001')),
            e('ox.full_name_folded', 'in', folded.concat('\u0001')),
          ]),
        ),
    )]);
  // Candidates come from indexes, never from a walk over every earlier petition: the persons by
  // citizen, ID number or folded name, then their petitions; the subject through the trigram index
  // of the petitions' folded text (a subject with LIKE's own characters, or too short for a
  // trigram, is looked for in the text itself).
  const byPersonIds = (eb: ExpressionBuilder<DB & { o: PetitionTable }, 'o'>) =>
    eb(
      'o.id',
      'in',
      eb
        .selectFrom('petition_petitioners as spp')
        .select('spp.petition_id')
        .where(
          'spp.person_id',
          'in',
          // A common name ("Nguyễn Thị Liên") is 3,000 persons in a million petitions. A person is
          // written with the petition or visit that names them, so the newest 200 persons are the
          // newest petitions by entry: only theirs are read (50 candidates are shown).
          eb
            .selectFrom('persons as sx')
            .select('sx.id')
            .where((e) => e.or([e('sx.citizen_id', 'in', probe.citizenIds.concat(-1)), e('sx.id_number', 'in', probe.idNumbers.concat('\u0001')), e('sx.full_name_folded', 'in', folded.concat('\u0001'))]))
            .orderBy('sx.id', 'desc')
            .limit(200),
        ),
    );
  // The subject by equality of its folded text (petitions_subject, 0016): the newest 50 about it
  // received by this petition's date, one index range read newest first, however common the
  // subject's syllables or the subject itself ("UBND xã …" names thousands). No more can be shown:
  // the candidates are the newest 50 of either kind.
  const bySubject = (eb: ExpressionBuilder<DB & { o: PetitionTable }, 'o'>, subject: string) =>
    eb(
      'o.id',
      'in',
      eb
        .selectFrom('petitions as so')
        .select('so.id')
        .where('so.subject_folded', '=', subject)
        .where('so.received_on', '<=', probe.receivedOn)
        .orderBy('so.received_on', 'desc')
        // One more than shown: this petition itself is about its subject too (excluded above).
        .limit(51),
    );
  const rows = await db
    .selectFrom('petitions as o')
    .select(['o.id', 'o.register_no', 'o.received_on', 'o.summary', 'o.subject_folded'])
    .select((eb) => samePerson(eb).as('by_person'))
    .where('o.id', '!=', probe.excludeId ?? -1)
    .where('o.received_on', '<=', probe.receivedOn)
    .where((eb) =>
      eb.or([
        ...(probe.protectedProbe ? [] : [eb.and([byPersonIds(eb), samePerson(eb)])]),
        ...(subject ? [bySubject(eb, subject)] : []),
      ]),
    )
    .orderBy('o.received_on', 'desc')
    .limit(50)
    .execute();
  const sameSubject = (r: { subject_folded: string | null }) => subject !== null && r.subject_folded === subject;
  return rows
    .filter((r) => Boolean(r.by_person) || sameSubject(r))
    .map((r) => {
      const theirs = fold(r.summary).split(' ').filter((w) => w.length >= 3);
      const shared = theirs.filter((w) => words.has(w)).length;
      const similarity = words.size && theirs.length ? shared / Math.max(words.size, theirs.length) : 0;
      return { id: r.id, registerNo: r.register_no, receivedOn: r.received_on, summary: r.summary, score: Math.round((similarity + (sameSubject(r) ? 0.5 : 0) + 0.25) * 100) / 100 };
    })
    .sort((a, b) => b.score - a.score || b.receivedOn.localeCompare(a.receivedOn))
    .slice(0, 10);
}

async function duplicateCandidates(db: Kysely<DB>, petitionId: number): Promise<Workflow['duplicateCandidates']> {
  const p = await petitionRow(db, petitionId);
  const mine = await db
    .selectFrom('petition_petitioners as pp')
    .innerJoin('persons as x', 'x.id', 'pp.person_id')
    .select(['x.citizen_id', 'x.full_name', 'x.id_number'])
    .where('pp.petition_id', '=', petitionId)
    .execute();
  return similarPetitions(db, {
    excludeId: petitionId,
    receivedOn: p.received_on,
    citizenIds: mine.map((m) => m.citizen_id).filter((id): id is number => id !== null),
    idNumbers: mine.map((m) => m.id_number).filter((n): n is string => n !== null),
    names: mine.map((m) => m.full_name),
    subject: p.subject,
    summary: p.summary,
    protectedProbe: isProtectedPetition(p),
  });
}

export async function getWorkflow(db: Kysely<DB>, petitionId: number, today: string): Promise<Workflow> {
  const p = await petitionRow(db, petitionId);
  const classifications = await db
    .selectFrom('classifications as c')
    .leftJoin('petitions as o', 'o.id', 'c.duplicate_of')
    .selectAll('c')
    .select(['o.register_no as duplicate_register_no'])
    .where('c.petition_id', '=', petitionId)
    .orderBy('c.id')
    .execute();
  const decisions = await db
    .selectFrom('decisions as d')
    .leftJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('petition_contents as dc', 'dc.id', 'd.content_id')
    .selectAll('d')
    .select(['a.code as agency_code', 'a.name as agency_name', 'dc.position as content_position'])
    .where('d.petition_id', '=', petitionId)
    .orderBy('d.id')
    .execute();
  const decisionIds = decisions.map((d) => d.id).concat(-1);
  const replies = await db.selectFrom('replies').selectAll().where('decision_id', 'in', decisionIds).orderBy('id').execute();
  const reminders = await db.selectFrom('reminders').selectAll().where('decision_id', 'in', decisionIds).orderBy('id').execute();
  return {
    status: deriveStatus(p.stage as Stage, p.due_on, p.reply_due_on, today),
    stage: p.stage as Stage,
    dueOn: p.due_on,
    replyDueOn: p.reply_due_on,
    classifications: classifications.map(
      (c): Classification => ({
        id: c.id,
        eligible: c.eligible === 1,
        reason: c.reason as IneligibleReason | null,
        duplicateOf: c.duplicate_of === null ? null : { id: c.duplicate_of, registerNo: c.duplicate_register_no ?? '' },
        note: c.note,
        decidedOn: c.decided_on,
        decidedBy: c.decided_by,
        reversed: reversal(c),
      }),
    ),
    decisions: decisions.map(
      (d): Decision => ({
        id: d.id,
        action: d.action as DecisionAction,
        decidedOn: d.decided_on,
        agency: d.agency_id === null ? null : { id: d.agency_id, code: d.agency_code ?? '', name: d.agency_name ?? '' },
        documentNo: d.document_no,
        note: d.note,
        replyDueOn: d.reply_due_on,
        decidedBy: d.decided_by,
        reversed: reversal(d),
        toInspection: d.to_inspection === 1,
        contentId: d.content_id,
        contentPosition: d.content_position ?? 0,
      }),
    ),
    replies: replies.map(
      (r): Reply => ({
        id: r.id,
        decisionId: r.decision_id,
        receivedOn: r.received_on,
        documentNo: r.document_no,
        outcome: r.outcome as ReplyOutcome,
        summary: r.summary,
        recordedBy: r.recorded_by,
        reversed: reversal(r),
      }),
    ),
    reminders: reminders.map((r): Reminder => ({ id: r.id, decisionId: r.decision_id, sentOn: r.sent_on, documentNo: r.document_no, recordedBy: r.recorded_by })),
    duplicateCandidates: await duplicateCandidates(db, petitionId),
  };
}
