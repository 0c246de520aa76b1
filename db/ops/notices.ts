// Notices to citizens (thông báo) and the per-kind step deadlines of petitions: created by the step
// that requires them (a refusal on a ground that needs a written notice, a handling decision, a
// denunciation forwarded, the competent body's result), listed in "Việc cần làm" until issued, and
// issued with a number of their own series (Số: 05/TB-BTCD).
import type { Kysely, Transaction } from 'kysely';
import { addDays, dayOfWeek, formatDateVN } from '../../shared/calendar/dates.ts';
import { yearOf } from '../../shared/domain/dates.ts';
import { NOTICE_DEADLINE, NOTICE_KIND_LABELS, type LawTodo, type Notice, type NoticeKind, type noticeIssueSchema, type noticeListSchema } from '../../shared/domain/notices.ts';
import type { PetitionKind } from '../../shared/domain/petition.ts';
import { PROCESSING_WORKING_DAYS } from '../../shared/domain/workflow.ts';
import { DEADLINES, KIND_STEP, type DeadlineCode } from '../../shared/rules/deadlines.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, NoticeTable } from '../schema.ts';
import { deadlineSpan, holidaysFor, workingDaysAfter, type DeadlineCalendar } from './holidays.ts';
import { petitionerNames, todayOf } from './petitions.ts';
import { getSettings } from './settings.ts';
import { approvalRequired, refuseBesideOpenDraft, saveDraft } from './approval-drafts.ts';

type Trx = Transaction<DB>;
type NoticeRow = Omit<NoticeTable, 'id'> & { id: number; register_no: string | null };

const LIST_LIMIT = 200;

function toNotice(r: NoticeRow): Notice {
  return {
    id: r.id,
    kind: r.kind as NoticeKind,
    petitionId: r.petition_id,
    registerNo: r.register_no,
    visitId: r.visit_id,
    recipient: r.recipient,
    dueOn: r.due_on,
    issuedOn: r.issued_on,
    documentNo: r.document_no,
    issuedBy: r.issued_by,
    cancelledAt: r.cancelled_at,
  };
}

function noticeQuery(db: Kysely<DB>) {
  return db.selectFrom('notices as n').leftJoin('petitions as p', 'p.id', 'n.petition_id').selectAll('n').select('p.register_no');
}

export async function getNotice(db: Kysely<DB>, id: number): Promise<Notice> {
  const row = await noticeQuery(db).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy thông báo có mã số ${id}`, [{ path: 'id', message: 'Thông báo không tồn tại' }]);
  return toNotice(row as NoticeRow);
}

export async function listNotices(db: Kysely<DB>, where: z.output<typeof noticeListSchema>): Promise<Notice[]> {
  let q = noticeQuery(db);
  if (where.petitionId !== null) q = q.where('n.petition_id', '=', where.petitionId);
  if (where.visitId !== null) q = q.where('n.visit_id', '=', where.visitId);
  return (await q.orderBy('n.id').execute()).map((r) => toNotice(r as NoticeRow));
}

/** The latest notice (not cancelled) of each of some visits: their refusal notices, in one query. */
export async function refusalNoticesOf(db: Kysely<DB>, visitIds: number[]): Promise<Map<number, Notice>> {
  const rows = visitIds.length ? await noticeQuery(db).where('n.visit_id', 'in', visitIds).where('n.cancelled_at', 'is', null).orderBy('n.id').execute() : [];
  return new Map(rows.map((r) => [r.visit_id!, toNotice(r as NoticeRow)]));
}

/** The date a notice's period counts from (a stored fact, so the calendar can recompute it). */
async function noticeBase(db: Kysely<DB>, n: { kind: string; petition_id: number | null; visit_id: number | null; reply_id: number | null }): Promise<string> {
  if (n.kind === 'refusal') {
    const v = await db.selectFrom('visits as v').innerJoin('reception_sessions as s', 's.id', 'v.session_id').select('s.date').where('v.id', '=', n.visit_id!).executeTakeFirstOrThrow();
    return v.date;
  }
  if (n.kind === 'result') {
    return (await db.selectFrom('replies').select('received_on').where('id', '=', n.reply_id!).executeTakeFirstOrThrow()).received_on;
  }
  return (await db.selectFrom('petitions').select('received_on').where('id', '=', n.petition_id!).executeTakeFirstOrThrow()).received_on;
}

export async function noticeDue(db: Kysely<DB>, kind: NoticeKind, base: string): Promise<string> {
  const rule = DEADLINES[NOTICE_DEADLINE[kind]];
  return rule.count === 'working' ? workingDaysAfter(db, base, rule.days) : addDays(base, rule.days);
}

/** The petitioners, by name: a notice on a petition goes to them (for a denunciation, the denouncers only). */
async function petitionRecipients(db: Kysely<DB>, petitionId: number): Promise<string> {
  const row = await db.selectFrom('petitions as p').select(petitionerNames('p.id').as('names')).where('p.id', '=', petitionId).executeTakeFirst();
  return row?.names || 'Người gửi đơn';
}

export interface NoticeSource {
  kind: NoticeKind;
  petitionId?: number;
  visitId?: number;
  decisionId?: number;
  replyId?: number;
  recipient?: string;
}

/** Records a notice the law requires (inside the caller's transaction); returns its id. */
export async function createNotice(trx: Trx, ctx: OpContext, source: NoticeSource): Promise<number> {
  const row = { kind: source.kind, petition_id: source.petitionId ?? null, visit_id: source.visitId ?? null, reply_id: source.replyId ?? null };
  const dueOn = await noticeDue(trx, source.kind, await noticeBase(trx, row));
  const recipient = source.recipient ?? (source.petitionId !== undefined ? await petitionRecipients(trx, source.petitionId) : 'Công dân');
  const inserted = await trx
    .insertInto('notices')
    .values({ ...row, decision_id: source.decisionId ?? null, recipient, due_on: dueOn, created_at: ctx.register.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Cancels the notices not yet issued that a reversed step had required; issued ones stay (they were sent). */
export async function cancelOpenNotices(trx: Trx, ctx: OpContext, where: { decisionId?: number; replyId?: number; visitId?: number }): Promise<number> {
  let q = trx.updateTable('notices').set({ cancelled_at: ctx.register.now().toISOString() }).where('issued_on', 'is', null).where('cancelled_at', 'is', null);
  if (where.decisionId !== undefined) q = q.where('decision_id', '=', where.decisionId);
  if (where.replyId !== undefined) q = q.where('reply_id', '=', where.replyId);
  if (where.visitId !== undefined) q = q.where('visit_id', '=', where.visitId);
  const cancelled = await q.returning('id').execute();
  // A draft of a cancelled notice has nothing left to approve (shared/domain/approval.ts).
  if (cancelled.length > 0) {
    await trx
      .updateTable('approvals')
      .set({ status: 'withdrawn', updated_at: ctx.register.now().toISOString() })
      .where('notice_id', 'in', cancelled.map((r) => r.id))
      .where('status', 'in', ['pending', 'returned'])
      .execute();
  }
  return cancelled.length;
}

/** Issues a notice: the next number of the notices' series for the year, once, with its audit row. */
export function issueNotice(ctx: OpContext, input: z.output<typeof noticeIssueSchema>): Promise<Notice> {
  return ctx.register.db.transaction().execute(async (trx) => issueNoticeIn(trx, ctx, input, (await approvalRequired(trx)) ? 'draft' : 'direct'));
}

/**
 * Issues a notice inside the caller's transaction: `direct` numbers it now; `draft` (the leader's
 * approval is required) checks it, then saves a draft without a number; `approve` numbers it on
 * the day the leader signed (shared/domain/approval.ts).
 */
export async function issueNoticeIn(trx: Trx, ctx: OpContext, input: z.output<typeof noticeIssueSchema>, mode: 'direct' | 'draft' | 'approve'): Promise<Notice> {
  const before = await getNotice(trx, input.id);
  const label = NOTICE_KIND_LABELS[before.kind];
  if (before.issuedOn !== null) {
    throw new ApiError('CONFLICT', `${label} đã được ban hành ngày ${formatDateVN(before.issuedOn)}, số ${before.documentNo}: không ban hành lần hai.`);
  }
  if (before.cancelledAt !== null) throw new ApiError('CONFLICT', `${label} đã được hủy cùng bước xử lý cần đến nó: không ban hành được.`);
  const row = await trx.selectFrom('notices').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  const base = await noticeBase(trx, row);
  const today = todayOf(ctx);
  const refuse = (message: string) => {
    throw new ApiError('VALIDATION', message, [{ path: 'on', message }]);
  };
  if (input.on < base) refuse(`Ngày ban hành (${formatDateVN(input.on)}) không được trước ngày ${formatDateVN(base)}`);
  if (input.on > today) refuse(`Ngày ban hành (${formatDateVN(input.on)}) không được sau ngày hôm nay (${formatDateVN(today)})`);
  if (mode !== 'approve') await refuseBesideOpenDraft(trx, { kind: 'notice', noticeId: before.id }, 'ban hành', mode === 'draft');
  if (mode === 'draft') {
    const { approval, edited } = await saveDraft(trx, ctx, {
      kind: 'notice',
      documentKind: 'notice',
      petitionId: before.petitionId,
      visitId: before.visitId,
      noticeId: before.id,
      proposal: { noticeKind: before.kind, on: input.on },
    });
    await writeAudit(trx, ctx, { action: 'draft', entity: before.petitionId !== null ? 'petition' : 'visit', entityId: before.petitionId ?? before.visitId, before: null, after: { notice: before, draft: approval, edited } });
    return before;
  }
  const year = yearOf(input.on);
  const prefix = (await getSettings(trx)).docPrefixes.notice;
  const last = await trx.selectFrom('notices').select((eb) => eb.fn.max('doc_seq').as('seq')).where('doc_year', '=', year).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const number = `${String(seq).padStart(2, '0')}/${prefix}`;
  await trx
    .updateTable('notices')
    .set({ issued_on: input.on, doc_year: year, doc_seq: seq, document_no: number, issued_by: ctx.actor.name })
    .where('id', '=', input.id)
    .execute();
  const after = await getNotice(trx, input.id);
  // On approval, the approval's own audit row records the number issued.
  if (mode === 'approve') return after;
  await writeAudit(trx, ctx, {
    action: 'issue_notice',
    entity: after.petitionId !== null ? 'petition' : 'visit',
    entityId: after.petitionId ?? after.visitId,
    before,
    after,
  });
  return after;
}

/** The step deadline a petition's kind adds (null when its kind has none). */
export async function stepDeadline(db: Kysely<DB>, kind: string, receivedOn: string): Promise<{ step: DeadlineCode | null; dueOn: string | null }> {
  const step = KIND_STEP[kind as PetitionKind] ?? null;
  if (step === null) return { step: null, dueOn: null };
  return { step, dueOn: await workingDaysAfter(db, receivedOn, DEADLINES[step].days) };
}

/** A petition's or a content's pending step and its deadline, as stored. */
export interface StepColumns {
  step: string | null;
  step_due_on: string | null;
}

/** The step columns of a petition row, for its insert or update. */
export async function stepColumns(db: Kysely<DB>, kind: string, receivedOn: string): Promise<StepColumns> {
  const { step, dueOn } = await stepDeadline(db, kind, receivedOn);
  return { step, step_due_on: dueOn };
}

/**
 * The deadlines a petition row stores (processing due_on, and its kind's step), counted on one
 * calendar: a save reads the calendar once, not once per deadline.
 */
export function petitionDeadlineColumns(db: Kysely<DB>, kind: string, receivedOn: string): Promise<{ due_on: string; step: string | null; step_due_on: string | null }> {
  return deadlineColumnsOn((from, to) => holidaysFor(db, from, to), kind, receivedOn);
}

/**
 * The spans of years a petition's deadlines are counted over, each read as one calendar: the
 * processing deadline's, then its kind's step's when that one runs into a later year.
 */
export function petitionDeadlineSpans(kind: string, receivedOn: string): [number, number][] {
  const step = KIND_STEP[kind as PetitionKind] ?? null;
  const processing = deadlineSpan(receivedOn, PROCESSING_WORKING_DAYS);
  if (step === null) return [processing];
  const stepSpan = deadlineSpan(receivedOn, DEADLINES[step].days);
  return stepSpan[1] === processing[1] ? [processing] : [processing, stepSpan];
}

/** The deadline columns of a petition row, counted on the calendars of its petitionDeadlineSpans (same order). */
export function petitionDeadlinesOn(kind: string, receivedOn: string, calendars: readonly DeadlineCalendar[]): { due_on: string; step: DeadlineCode | null; step_due_on: string | null } {
  const step = KIND_STEP[kind as PetitionKind] ?? null;
  const processing = calendars[0]!;
  return {
    due_on: processing.due(receivedOn, PROCESSING_WORKING_DAYS),
    step,
    step_due_on: step === null ? null : (calendars[1] ?? processing).due(receivedOn, DEADLINES[step].days),
  };
}

/**
 * petitionDeadlineColumns on a given calendar source: the calendar of a span of years (an import
 * reads each span once for all its petitions, db/interchange/bulk.ts).
 */
export async function deadlineColumnsOn(
  calendarOf: (fromYear: number, toYear: number) => DeadlineCalendar | Promise<DeadlineCalendar>,
  kind: string,
  receivedOn: string,
): Promise<{ due_on: string; step: string | null; step_due_on: string | null }> {
  const calendars: DeadlineCalendar[] = [];
  for (const [from, to] of petitionDeadlineSpans(kind, receivedOn)) calendars.push(await calendarOf(from, to));
  return petitionDeadlinesOn(kind, receivedOn, calendars);
}

/** Sets every petition's step deadline (or only the missing ones) from its kind and receipt date. */
export async function recomputeStepDeadlines(trx: Trx, all: boolean): Promise<number> {
  let q = trx.selectFrom('petitions').select(['id', 'kind', 'received_on', 'step', 'step_due_on']);
  const stepKinds = Object.entries(KIND_STEP).filter(([, step]) => step !== null).map(([kind]) => kind);
  if (!all) q = q.where('step_due_on', 'is', null).where('kind', 'in', stepKinds);
  const rows = await q.execute();
  if (rows.length === 0) return refreshContentSteps(trx, { missingOnly: !all });
  const years = rows.map((r) => yearOf(r.received_on));
  const holidays = await holidaysFor(trx, Math.min(...years), Math.max(...years) + 1);
  let changed = 0;
  for (const r of rows) {
    const step = KIND_STEP[r.kind as PetitionKind] ?? null;
    const due = step === null ? null : holidays.due(r.received_on, DEADLINES[step].days);
    if (step === r.step && due === r.step_due_on) continue;
    await trx.updateTable('petitions').set({ step, step_due_on: due }).where('id', '=', r.id).execute();
    changed++;
  }
  return changed + (await refreshContentSteps(trx, { missingOnly: !all }));
}

/**
 * Each content's pending step (its kind's step while it has no active decision) and the step's
 * deadline from receipt: for one petition (after its contents or handling change), for every
 * content (the calendar changed), or only where the date is missing (after a migration).
 */
export async function refreshContentSteps(trx: Trx, filter: { petitionId: number } | { missingOnly: boolean }): Promise<number> {
  let q = trx
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .select(['c.id', 'c.kind', 'c.step', 'c.step_due_on', 'p.received_on'])
    .select((eb) => eb.exists(eb.selectFrom('decisions as d').select('d.id').whereRef('d.content_id', '=', 'c.id').where('d.reversed_at', 'is', null)).as('decided'));
  if ('petitionId' in filter) q = q.where('c.petition_id', '=', filter.petitionId);
  else if (filter.missingOnly) q = q.where('c.step', 'is not', null).where('c.step_due_on', 'is', null);
  const rows = await q.execute();
  if (rows.length === 0) return 0;
  const years = rows.map((r) => yearOf(r.received_on));
  const holidays = await holidaysFor(trx, Math.min(...years), Math.max(...years) + 1);
  let changed = 0;
  for (const r of rows) {
    const step = r.decided ? null : (KIND_STEP[r.kind as PetitionKind] ?? null);
    const due = step === null ? null : holidays.due(r.received_on, DEADLINES[step].days);
    if (step === r.step && due === r.step_due_on) continue;
    await trx.updateTable('petition_contents').set({ step, step_due_on: due }).where('id', '=', r.id).execute();
    changed++;
  }
  return changed;
}

/** Recomputes the deadlines of the notices not yet issued (the calendar changed). */
export async function recomputeNoticeDeadlines(trx: Trx): Promise<number> {
  const rows = await trx.selectFrom('notices').selectAll().where('issued_on', 'is', null).where('cancelled_at', 'is', null).execute();
  let changed = 0;
  for (const r of rows) {
    const due = await noticeDue(trx, r.kind as NoticeKind, await noticeBase(trx, r));
    if (due === r.due_on) continue;
    await trx.updateTable('notices').set({ due_on: due }).where('id', '=', r.id).execute();
    changed++;
  }
  return changed;
}

/** Việc cần làm: notices due (refusal notices and notices to citizens) and the per-kind step deadlines. */
export async function lawTodo(db: Kysely<DB>, today: string): Promise<LawTodo> {
  const endOfWeek = addDays(today, (7 - dayOfWeek(today)) % 7);
  const open = noticeQuery(db).where('n.issued_on', 'is', null).where('n.cancelled_at', 'is', null);
  const count = async (q: typeof open) => Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).c);
  const noticeRows = await open.orderBy('n.due_on').orderBy('n.id').limit(LIST_LIMIT).execute();
  const nNotices = await count(open);
  const nNoticesOverdue = await count(open.where('n.due_on', '<', today));

  // Each content's own pending step (a letter with a complaint and a denunciation has two).
  const steps = db
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .where('c.step', 'is not', null)
    .where('c.step_due_on', '<=', endOfWeek);
  const stepRows = await steps
    .select(['p.id', 'p.register_no', 'c.kind', 'c.step', 'c.step_due_on', 'c.summary', 'c.position'])
    .select(petitionerNames('p.id').as('petitioner_names'))
    .orderBy('c.step_due_on')
    .orderBy('p.id')
    .orderBy('c.position')
    .limit(LIST_LIMIT)
    .execute();
  const countSteps = async (q: typeof steps) => Number((await q.select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).c);
  const nSteps = await countSteps(steps);
  const nStepsOverdue = await countSteps(steps.where('c.step_due_on', '<', today));
  return {
    today,
    notices: noticeRows.map((r) => ({ ...toNotice(r as NoticeRow), overdue: r.due_on < today })),
    steps: stepRows.map((r) => ({
      id: r.id,
      registerNo: r.register_no,
      kind: r.kind,
      step: r.step as DeadlineCode,
      dueOn: r.step_due_on!,
      overdue: r.step_due_on! < today,
      summary: r.summary,
      petitionerNames: r.petitioner_names ?? '',
      contentPosition: r.position,
    })),
    counts: { notices: nNotices, noticesOverdue: nNoticesOverdue, steps: nSteps, stepsOverdue: nStepsOverdue },
  };
}
