// Deadlines stored on petitions and decisions (due_on, reply_due_on), so lists filter on them in
// SQL. They are recomputed whenever what they depend on changes: the holiday calendar, the reply
// periods in settings, a petition's receipt date.
import type { Kysely, Transaction } from 'kysely';
import type { PetitionKind } from '../../shared/domain/petition.ts';
import { PROCESSING_WORKING_DAYS } from '../../shared/domain/workflow.ts';
import { yearOf } from '../../shared/domain/dates.ts';
import type { DB } from '../schema.ts';
import { holidaysFor } from './holidays.ts';
import { recomputeStepDeadlines } from './notices.ts';

async function yearSpan(db: Kysely<DB>, column: 'received_on' | 'decided_on', table: 'petitions' | 'decisions'): Promise<[number, number] | null> {
  const row = await db
    .selectFrom(table as 'petitions')
    .select((eb) => [eb.fn.min(column as 'received_on').as('lo'), eb.fn.max(column as 'received_on').as('hi')])
    .executeTakeFirst();
  if (!row?.lo || !row.hi) return null;
  return [yearOf(String(row.lo)), yearOf(String(row.hi)) + 2];
}

/** Sets due_on (10 working days after receipt) where it is missing, or for every petition. */
export async function recomputeProcessingDeadlines(trx: Transaction<DB>, all: boolean): Promise<number> {
  // The per-kind step deadlines (shared/rules/deadlines.ts) count from receipt too.
  await recomputeStepDeadlines(trx, all);
  const span = await yearSpan(trx, 'received_on', 'petitions');
  if (!span) return 0;
  const holidays = await holidaysFor(trx, span[0], span[1]);
  let q = trx.selectFrom('petitions').select(['id', 'received_on', 'due_on']);
  if (!all) q = q.where('due_on', 'is', null);
  let changed = 0;
  for (const row of await q.execute()) {
    const due = holidays.due(row.received_on, PROCESSING_WORKING_DAYS);
    if (due === row.due_on) continue;
    await trx.updateTable('petitions').set({ due_on: due }).where('id', '=', row.id).execute();
    changed++;
  }
  return changed;
}

/** Recomputes the reply deadline of every active forward decision, and copies it to its petition. */
export async function recomputeReplyDeadlines(trx: Transaction<DB>, replyDays: Record<PetitionKind, number>): Promise<void> {
  const span = await yearSpan(trx, 'decided_on', 'decisions');
  if (!span) return;
  const holidays = await holidaysFor(trx, span[0], span[1] + 1);
  const rows = await trx
    .selectFrom('decisions as d')
    .innerJoin('petitions as p', 'p.id', 'd.petition_id')
    .leftJoin('petition_contents as c', 'c.id', 'd.content_id')
    // The period of the content's own kind; the petition copies its first content's deadline.
    .select(['d.id', 'd.petition_id', 'd.decided_on', 'd.reply_due_on as decision_due', 'p.reply_due_on as petition_due'])
    .select((eb) => [eb.fn.coalesce('c.kind', 'p.kind').as('kind'), eb.fn.coalesce('c.position', eb.val(0)).as('position')])
    .where('d.action', '=', 'forward')
    .where('d.reversed_at', 'is', null)
    .execute();
  // Only what moves is written: a holiday edit touches the deadlines around it, not every row.
  // A petition takes its last forward's deadline, as when every row was written in this order.
  const petitions = new Map<number, { before: string | null; due: string }>();
  for (const row of rows) {
    const due = holidays.due(row.decided_on, replyDays[row.kind as PetitionKind]);
    if (row.decision_due !== due) await trx.updateTable('decisions').set({ reply_due_on: due }).where('id', '=', row.id).execute();
    if (Number(row.position) === 0) petitions.set(row.petition_id, { before: row.petition_due, due });
  }
  for (const [id, { before, due }] of petitions) {
    if (before !== due) await trx.updateTable('petitions').set({ reply_due_on: due }).where('id', '=', id).execute();
  }
}

/**
 * An operation of its own (never part of opening): stores the processing deadline of petitions
 * that have none (those registered before deadlines were stored). Run after a migration.
 */
export async function fillMissingDeadlines(register: { db: Kysely<DB> }): Promise<number> {
  return register.db.transaction().execute((trx) => recomputeProcessingDeadlines(trx, false));
}
