// Writing the handling records of imported petitions: classification, decision, reply and
// reminders, and the petition's stage and reply deadline that follow from them.
//
// The desk's operations (db/ops/workflow.ts) are not used: each opens its own transaction, writes
// an audit row per step and issues new document numbers, where an import is one transaction with
// one audit row and keeps the numbers the documents already bear. The rules are the same: the
// file was checked by checkInterchange (consistency, dates, refs) and writeInterchange (dates
// against the register's today, agency codes, same-day duplicates); the petition's stage, reply
// deadline and the copies statistics read are then derived by the desk's own refreshStage.
import type { Transaction } from 'kysely';
import type { PetitionKind } from '../../shared/domain/petition.ts';
import { ApiError } from '../../shared/errors.ts';
import type { CheckedInterchange } from '../../shared/interchange/v1.ts';
import type { OpContext } from '../context.ts';
import { workingDaysAfter } from '../ops/holidays.ts';
import { getSettings } from '../ops/settings.ts';
import { refreshStage } from '../ops/workflow.ts';
import type { DB } from '../schema.ts';

export interface WorkflowCounts {
  classifications: number;
  decisions: number;
  replies: number;
  reminders: number;
}

/** Agency ids by code, for the codes the decisions name (in the file or already in the register). */
export async function agencyIds(trx: Transaction<DB>, petitions: CheckedInterchange['petitions']): Promise<Map<string, number>> {
  const codes = [...new Set(petitions.flatMap((p) => (p.workflow.decision?.agency ? [p.workflow.decision.agency] : [])))];
  const ids = new Map<string, number>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await trx.selectFrom('agencies').select(['id', 'code']).where('code', 'in', codes.slice(i, i + 500)).execute();
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

/**
 * Writes the handling records of the petitions just inserted (`ids`: petition ref → row id), in
 * the caller's transaction. Records are written as the file states them: dates, document numbers
 * (no number is issued: document_id stays null), agencies even if since made inactive (history).
 * Who decided and recorded is the importing actor. Returns how many records were written.
 */
export async function writeWorkflow(
  trx: Transaction<DB>,
  ctx: OpContext,
  petitions: CheckedInterchange['petitions'],
  ids: Map<string, number>,
): Promise<WorkflowCounts> {
  const counts: WorkflowCounts = { classifications: 0, decisions: 0, replies: 0, reminders: 0 };
  const withWorkflow = petitions.filter((p) => p.workflow.classification !== null || p.workflow.decision !== null);
  if (withWorkflow.length === 0) return counts;
  const now = ctx.register.now().toISOString();
  const by = ctx.actor.name;
  const { replyDays } = await getSettings(trx);
  const agencies = await agencyIds(trx, withWorkflow);

  for (const p of withWorkflow) {
    const petitionId = ids.get(p.ref)!;
    const { classification: c, decision: d, reply: r, reminders } = p.workflow;
    if (c) {
      await trx
        .insertInto('classifications')
        .values({
          petition_id: petitionId,
          eligible: c.eligible ? 1 : 0,
          reason: c.eligible ? null : c.reason,
          duplicate_of: c.eligible || c.duplicate_of === null ? null : ids.get(c.duplicate_of)!,
          note: c.eligible ? null : c.note,
          decided_on: c.on,
          decided_by: by,
          created_at: now,
        })
        .execute();
      counts.classifications += 1;
    }
    if (d) {
      const agencyId = d.agency === null ? null : agencies.get(d.agency);
      // writeInterchange has checked every code; a miss here is a bug, not a user error.
      if (agencyId === undefined) throw new ApiError('INTERNAL', `${p.label}.decision.agency: không tìm thấy cơ quan mã ${d.agency}`);
      const due = d.action === 'forward' ? await workingDaysAfter(trx, d.on, replyDays[p.data.kind as PetitionKind]) : null;
      const decision = await trx
        .insertInto('decisions')
        .values({
          petition_id: petitionId,
          // The petition's decision is its first content's (further contents: ./content-handling.ts).
          content_id: (await trx.selectFrom('petition_contents').select('id').where('petition_id', '=', petitionId).where('position', '=', 0).executeTakeFirstOrThrow()).id,
          action: d.action,
          decided_on: d.on,
          agency_id: agencyId,
          document_id: null,
          document_no: d.document_no,
          note: d.note,
          reply_due_on: due,
          decided_by: by,
          created_at: now,
          to_inspection: d.to_inspection ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      counts.decisions += 1;
      if (r) {
        await trx
          .insertInto('replies')
          .values({ decision_id: decision.id, received_on: r.on, document_no: r.document_no, outcome: r.outcome, summary: r.summary, recorded_by: by, created_at: now })
          .execute();
        counts.replies += 1;
      }
      for (const reminder of reminders) {
        await trx
          .insertInto('reminders')
          .values({ decision_id: decision.id, sent_on: reminder.on, document_id: null, document_no: reminder.document_no, recorded_by: by, created_at: now })
          .execute();
        counts.reminders += 1;
      }
    }
    await refreshStage(trx, petitionId);
  }
  return counts;
}
