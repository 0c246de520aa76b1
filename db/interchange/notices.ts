// Notices to citizens in the interchange file v2 (shared/interchange/notices.ts): read for the
// export, written by the import in its transaction. Numbers are kept as the file states them and
// take their place in the register's series (year and sequence), so the desk's next notice
// continues after them; a number the register already holds is refused.
import type { Kysely, Transaction } from 'kysely';
import { ApiError, type FieldIssue } from '../../shared/errors.ts';
import type { NoticeKind } from '../../shared/domain/notices.ts';
import { describeIssues } from '../../shared/interchange/v1.ts';
import type { CheckedNotice, NoticeStep, V2Notice } from '../../shared/interchange/notices.ts';
import type { OpContext } from '../context.ts';
import type { DB } from '../schema.ts';

/**
 * Every notice of the register in id order, in the file's shape, except those cancelled with
 * their step (never issued: the file does not carry the reversed step either). The step is named
 * when it is still the petition's active decision or reply.
 */
export async function readNoticesForExport(db: Kysely<DB>): Promise<V2Notice[]> {
  const rows = await db
    .selectFrom('notices as n')
    .leftJoin('decisions as d', (j) => j.onRef('d.id', '=', 'n.decision_id').on('d.reversed_at', 'is', null))
    .leftJoin('replies as r', (j) => j.onRef('r.id', '=', 'n.reply_id').on('r.reversed_at', 'is', null))
    .leftJoin('decisions as rd', 'rd.id', 'r.decision_id')
    .leftJoin('petition_contents as c', (j) => j.on((eb) => eb('c.id', '=', eb.fn.coalesce('d.content_id', 'rd.content_id'))))
    .select(['n.id', 'n.kind', 'n.petition_id', 'n.visit_id', 'n.recipient', 'n.due_on', 'n.issued_on', 'n.document_no', 'n.issued_by', 'd.id as active_decision', 'r.id as active_reply', 'c.position'])
    .where('n.cancelled_at', 'is', null)
    .orderBy('n.id')
    .execute();
  return rows.map((n, i): V2Notice => {
    const step: NoticeStep | null = n.active_decision !== null ? 'decision' : n.active_reply !== null ? 'reply' : null;
    return {
      ref: `N${i + 1}`,
      kind: n.kind as NoticeKind,
      petition: n.petition_id === null ? null : `P${n.petition_id}`,
      visit: n.visit_id === null ? null : `V${n.visit_id}`,
      step,
      ...(step !== null && n.position !== null && n.position > 0 ? { content: n.position } : {}),
      recipient: n.recipient,
      due_on: n.due_on,
      issued_on: n.issued_on,
      document_no: n.document_no,
      issued_by: n.issued_by,
    };
  });
}

/**
 * Writes the file's notices once its petitions (with their handling) and visits are written.
 * A notice's step is the petition's active decision or reply just imported.
 */
export async function writeNotices(
  trx: Transaction<DB>,
  ctx: OpContext,
  notices: CheckedNotice[],
  petitionIds: Map<string, number>,
  visitIds: Map<string, number>,
): Promise<number> {
  if (notices.length === 0) return 0;
  const issues: FieldIssue[] = [];
  for (const n of notices) {
    if (n.number === null) continue;
    const taken = await trx.selectFrom('notices').select('document_no').where('doc_year', '=', n.number.year).where('doc_seq', '=', n.number.seq).executeTakeFirst();
    if (taken) issues.push({ path: `${n.label}.document_no`, message: `Số thông báo ${n.data.document_no} năm ${n.number.year} đã có trong sổ (${taken.document_no})` });
  }
  if (issues.length > 0) throw new ApiError('VALIDATION', `Tệp trao đổi không hợp lệ — ${describeIssues(issues)}`, issues);
  const now = ctx.register.now().toISOString();
  for (const n of notices) {
    const petitionId = n.data.petition === null ? null : petitionIds.get(n.data.petition)!;
    let decisionId: number | null = null;
    let replyId: number | null = null;
    if (petitionId !== null && n.data.step !== null) {
      const decision = await trx
        .selectFrom('decisions as d')
        .innerJoin('petition_contents as c', 'c.id', 'd.content_id')
        .select('d.id')
        .where('d.petition_id', '=', petitionId)
        .where('c.position', '=', n.data.content ?? 0)
        .where('d.reversed_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (n.data.step === 'decision') decisionId = decision.id;
      else replyId = (await trx.selectFrom('replies').select('id').where('decision_id', '=', decision.id).where('reversed_at', 'is', null).executeTakeFirstOrThrow()).id;
    }
    await trx
      .insertInto('notices')
      .values({
        kind: n.data.kind,
        petition_id: petitionId,
        visit_id: n.data.visit === null ? null : visitIds.get(n.data.visit)!,
        decision_id: decisionId,
        reply_id: replyId,
        recipient: n.data.recipient,
        due_on: n.data.due_on,
        issued_on: n.data.issued_on,
        doc_year: n.number?.year ?? null,
        doc_seq: n.number?.seq ?? null,
        document_no: n.data.document_no,
        issued_by: n.data.issued_by,
        created_at: now,
      })
      .execute();
  }
  return notices.length;
}
