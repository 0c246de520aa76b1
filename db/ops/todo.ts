// "Việc cần làm": what is overdue, due today and due this week, and the agencies late to reply.
import type { Kysely } from 'kysely';
import { addDays, dayOfWeek } from '../../shared/calendar/dates.ts';
import type { TodoItem, TodoSummary } from '../../shared/domain/workflow.ts';
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

export async function todoSummary(db: Kysely<DB>, today: string): Promise<TodoSummary> {
  // This week runs to Sunday.
  const endOfWeek = addDays(today, (7 - dayOfWeek(today)) % 7);
  async function section(where: (q: ReturnType<typeof base>) => ReturnType<typeof base>, deadline: 'due_on' | 'reply_due_on'): Promise<[TodoItem[], number]> {
    const count = Number((await where(base(db)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
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
    return [await scrubPetitionRows(db, items), count];
  }

  const [overdue, nOverdue] = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '<', today), 'due_on');
  const [dueToday, nToday] = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '=', today), 'due_on');
  const [dueThisWeek, nWeek] = await section((q) => q.where('p.stage', 'in', PRE_DECISION).where('p.due_on', '>', today).where('p.due_on', '<=', endOfWeek), 'due_on');
  const [replyOverdue, nReply] = await section((q) => q.where('p.stage', '=', 'forwarded').where('p.reply_due_on', '<', today), 'reply_due_on');
  return {
    today,
    overdue,
    dueToday,
    dueThisWeek,
    replyOverdue,
    counts: { overdue: nOverdue, dueToday: nToday, dueThisWeek: nWeek, replyOverdue: nReply, total: nOverdue + nToday + nWeek + nReply },
  };
}
