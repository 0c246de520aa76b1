// "Việc cần làm": what is overdue, due today and due this week, and the agencies late to reply.
import type { Kysely } from 'kysely';
import { addDays, dayOfWeek } from '../../shared/calendar/dates.ts';
import type { TodoCounts, TodoItem, TodoSummary } from '../../shared/domain/workflow.ts';
import { sql } from 'kysely';
import { deriveStatus, type Stage } from '../../shared/domain/workflow.ts';
import type { DB } from '../schema.ts';
import { petitionerNames } from './petitions.ts';
import { scrubPetitionRows } from '../protection.ts';

const LIST_LIMIT = 200;
const PRE_DECISION = ['awaiting_classification', 'awaiting_decision'];

function base(db: Kysely<DB>) {
  return db
    .selectFrom('petitions as p')
    .leftJoin('decisions as d', (j) => j.onRef('d.petition_id', '=', 'p.id').on('d.reversed_at', 'is', null))
    .leftJoin('agencies as a', 'a.id', 'd.agency_id');
}

/** This week runs to Sunday. */
function endOfWeekOf(today: string): string {
  return addDays(today, (7 - dayOfWeek(today)) % 7);
}

/**
 * The four counts in one statement, each a range of an index: petitions_stage_due (stage, due_on)
 * for the Board's own deadlines, petitions_stage_reply_due (stage, reply_due_on) for the agencies'
 * replies. The conditions are those of the sections of todoSummary (tests/integration/todo-counts.test.ts
 * checks them against a full recount).
 */
export async function todoCounts(db: Kysely<DB>, today: string): Promise<TodoCounts> {
  const endOfWeek = endOfWeekOf(today);
  const pre = (condition: ReturnType<typeof sql>) =>
    sql<number>`(select count(*) from petitions where stage in ('awaiting_classification', 'awaiting_decision') and ${condition})`;
  const row = (
    await sql<{ overdue: number; due_today: number; due_this_week: number; reply_overdue: number }>`select
      ${pre(sql`due_on < ${today}`)} as overdue,
      ${pre(sql`due_on = ${today}`)} as due_today,
      ${pre(sql`due_on > ${today} and due_on <= ${endOfWeek}`)} as due_this_week,
      (select count(*) from petitions where stage = 'forwarded' and reply_due_on < ${today}) as reply_overdue`.execute(db)
  ).rows[0]!;
  const counts = { overdue: row.overdue, dueToday: row.due_today, dueThisWeek: row.due_this_week, replyOverdue: row.reply_overdue };
  return { today, counts: { ...counts, total: counts.overdue + counts.dueToday + counts.dueThisWeek + counts.replyOverdue } };
}

export async function todoSummary(db: Kysely<DB>, today: string): Promise<TodoSummary> {
  const endOfWeek = endOfWeekOf(today);
  async function section(where: (q: ReturnType<typeof base>) => ReturnType<typeof base>, deadline: 'due_on' | 'reply_due_on'): Promise<TodoItem[]> {
    const rows = await where(base(db))
      .select(['p.id', 'p.register_no', 'p.received_on', 'p.summary', 'p.stage', 'p.due_on', 'p.reply_due_on', 'a.name as agency_name'])
      .select(petitionerNames('p.id').as('petitioner_names'))
      .orderBy(`p.${deadline}`)
      .orderBy('p.id')
      .limit(LIST_LIMIT)
      .execute();
    const items = rows.map(
      (r): TodoItem => ({
        id: r.id,
        registerNo: r.register_no,
        receivedOn: r.received_on,
        petitionerNames: r.petitioner_names ?? '',
        summary: r.summary,
        status: deriveStatus(r.stage as Stage, r.due_on, r.reply_due_on, today),
        deadline: deadline === 'due_on' ? r.due_on : r.reply_due_on,
        agencyName: r.agency_name,
      }),
    );
    return scrubPetitionRows(db, items);
  }

  const overdue = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '<', today), 'due_on');
  const dueToday = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '=', today), 'due_on');
  const dueThisWeek = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '>', today).where('p.due_on', '<=', endOfWeek), 'due_on');
  const replyOverdue = await section((q) => q.where('p.stage', '=', 'forwarded').where('p.reply_due_on', '<', today), 'reply_due_on');
  const { counts } = await todoCounts(db, today);
  return { today, overdue, dueToday, dueThisWeek, replyOverdue, counts };
}
