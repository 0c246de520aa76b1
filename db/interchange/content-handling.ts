// The handling of a letter's further contents in the interchange file v2: each content after the
// first carries its own decision, reply and reminders (the first content's are the petition's own
// v1 fields). Read for the export, written by the import after the petitions' own handling.
import type { Kysely, Transaction } from 'kysely';
import type { PetitionKind } from '../../shared/domain/petition.ts';
import type { CheckedInterchangeV2 } from '../../shared/interchange/v2.ts';
import { type DecisionAction, type ReplyOutcome, type V1Decision, type V1Reminder, type V1Reply } from '../../shared/interchange/v1.ts';
import { decisionLawOut } from '../../shared/interchange/law.ts';
import type { OpContext } from '../context.ts';
import { workingDaysAfter } from '../ops/holidays.ts';
import { getSettings } from '../ops/settings.ts';
import type { DB } from '../schema.ts';

export interface ContentHandling {
  decision: V1Decision;
  reply: V1Reply | null;
  reminders: V1Reminder[];
}

/** The active handling of the further contents (position > 0) of some petitions, by content id. */
export async function readContentHandling(db: Kysely<DB>, petitionIds: number[]): Promise<Map<number, ContentHandling>> {
  const result = new Map<number, ContentHandling>();
  const decisions = await db
    .selectFrom('decisions as d')
    .innerJoin('petition_contents as c', 'c.id', 'd.content_id')
    .leftJoin('agencies as a', 'a.id', 'd.agency_id')
    .select(['d.id', 'd.content_id', 'd.action', 'd.decided_on', 'a.code', 'd.document_no', 'd.note', 'd.to_inspection'])
    .where('d.petition_id', 'in', petitionIds)
    .where('d.reversed_at', 'is', null)
    .where('c.position', '>', 0)
    .orderBy('d.id')
    .execute();
  if (decisions.length === 0) return result;
  const byDecision = new Map<number, ContentHandling>();
  for (const d of decisions) {
    const entry: ContentHandling = {
      decision: { action: d.action as DecisionAction, on: d.decided_on, agency: d.code, document_no: d.document_no, note: d.note, ...decisionLawOut(d.to_inspection === 1) },
      reply: null,
      reminders: [],
    };
    result.set(d.content_id!, entry);
    byDecision.set(d.id, entry);
  }
  const ids = [...byDecision.keys()];
  const replies = await db.selectFrom('replies').select(['decision_id', 'received_on', 'document_no', 'summary', 'outcome']).where('decision_id', 'in', ids).where('reversed_at', 'is', null).execute();
  for (const r of replies) byDecision.get(r.decision_id)!.reply = { on: r.received_on, document_no: r.document_no, summary: r.summary, outcome: r.outcome as ReplyOutcome };
  const reminders = await db.selectFrom('reminders').select(['decision_id', 'sent_on', 'document_no']).where('decision_id', 'in', ids).orderBy('id').execute();
  for (const r of reminders) byDecision.get(r.decision_id)!.reminders.push({ on: r.sent_on, document_no: r.document_no });
  return result;
}

/** The file's keys for a further content's handling: nothing for an undecided content. */
export function contentHandlingOut(h: ContentHandling | undefined): Partial<ContentHandling> {
  if (!h) return {};
  return { decision: h.decision, reply: h.reply, reminders: h.reminders };
}

/**
 * Writes the further contents' handling of the imported petitions (`ids`: petition ref → row id),
 * as the file states it (dates, document numbers: none is issued), by the importing actor.
 * Returns how many decisions were written.
 */
export async function writeContentHandling(trx: Transaction<DB>, ctx: OpContext, file: CheckedInterchangeV2, ids: Map<string, number>): Promise<number> {
  const now = ctx.register.now().toISOString();
  const by = ctx.actor.name;
  let written = 0;
  let replyDays: Record<PetitionKind, number> | null = null;
  for (const [i, contents] of file.petitionContents.entries()) {
    for (const [k, c] of contents.entries()) {
      if (k === 0 || c.decision === null) continue;
      const d = c.decision;
      const petitionId = ids.get(file.petitions[i]!.ref)!;
      const content = await trx.selectFrom('petition_contents').select('id').where('petition_id', '=', petitionId).where('position', '=', k).executeTakeFirstOrThrow();
      const agency = d.agency === null ? null : (await trx.selectFrom('agencies').select('id').where('code', '=', d.agency).executeTakeFirstOrThrow()).id;
      replyDays ??= (await getSettings(trx)).replyDays;
      const decision = await trx
        .insertInto('decisions')
        .values({
          petition_id: petitionId,
          content_id: content.id,
          action: d.action,
          decided_on: d.on,
          agency_id: agency,
          document_id: null,
          document_no: d.document_no,
          note: d.note,
          reply_due_on: d.action === 'forward' ? await workingDaysAfter(trx, d.on, replyDays[c.kind as PetitionKind]) : null,
          decided_by: by,
          created_at: now,
          to_inspection: d.to_inspection ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      written += 1;
      if (c.reply) {
        await trx
          .insertInto('replies')
          .values({ decision_id: decision.id, received_on: c.reply.on, document_no: c.reply.document_no, outcome: c.reply.outcome, summary: c.reply.summary, recorded_by: by, created_at: now })
          .execute();
      }
      for (const r of c.reminders) {
        await trx.insertInto('reminders').values({ decision_id: decision.id, sent_on: r.on, document_id: null, document_no: r.document_no, recorded_by: by, created_at: now }).execute();
      }
    }
  }
  return written;
}
