// Exporting the whole register as a petition-register/v1 file. Refs come from row ids (S12, V40,
// P7), records go in id order and keys in the contract's order, so exporting the same register
// twice, or re-importing an export into an empty register, gives the same file.
// A petition's handling is its active records (reversed ones are history v1 does not carry), and
// due_on is the deadline the register stores, counted on its own holiday calendar.
import { sql, type Kysely } from 'kysely';
import type { AgencyKind } from '../../shared/domain/agency.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import {
  INTERCHANGE_FORMAT,
  personToV1,
  vietnamTimestamp,
  type ClassificationReason,
  type DecisionAction,
  type ReplyOutcome,
  type V1Agency,
  type V1Classification,
  type V1Decision,
  type V1File,
  type V1Petition,
  type V1Reminder,
  type V1Reply,
  type V1Session,
  type V1Visit,
} from '../../shared/interchange/v1.ts';
import { processingDeadline } from '../ops/holidays.ts';
import { getPetitions } from '../ops/petitions.ts';
import { getVisits } from '../ops/reception.ts';
import type { Register } from '../register.ts';
import type { DB } from '../schema.ts';
import { decisionLawOut, sessionLawOut, visitLawOut } from '../../shared/interchange/law.ts';

/** Rows read per query: far below SQLite's limit on bound parameters. */
const BATCH = 400;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The whole register as a v1 file. Read inside one deferred read transaction: a consistent
 * snapshot even while the desk keeps writing (WAL), without taking the write lock.
 */
export function exportRegister(register: Register, now: Date = register.now()): Promise<V1File> {
  return register.db.connection().execute(async (db) => {
    await sql`begin deferred`.execute(db);
    try {
      return await readRegister(db, now);
    } finally {
      await sql`commit`.execute(db);
    }
  });
}

async function readRegister(db: Kysely<DB>, now: Date): Promise<V1File> {
  const agencies = (await db.selectFrom('agencies').selectAll().orderBy('code').execute()).map(
    (a): V1Agency => ({ code: a.code, name: a.name, kind: a.kind as AgencyKind, active: a.active === 1 }),
  );

  const sessions = (await db.selectFrom('reception_sessions').selectAll().orderBy('id').execute()).map(
    (s): V1Session => ({
      ref: `S${s.id}`,
      kind: s.kind as V1Session['kind'],
      date: s.date,
      host: s.host,
      host_name: s.host_name,
      location: s.location,
      officers: JSON.parse(s.officers_json) as string[],
      ...sessionLawOut({ hostMode: s.host_mode, delegateName: s.delegate_name, delegateTitle: s.delegate_title, onlineOf: s.online_of }),
    }),
  );

  const visits: V1Visit[] = [];
  const visitIds = (await db.selectFrom('visits').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const ids of chunks(visitIds, BATCH)) {
    for (const v of await getVisits(db, { ids })) {
      visits.push({
        ref: `V${v.id}`,
        session: `S${v.sessionId}`,
        persons: v.persons,
        delegation: v.delegation && { members: v.delegation.members, representatives: v.delegation.representatives.map(personToV1) },
        citizen: personToV1(v.citizen),
        matter: v.matter,
        content: v.content,
        repeat: v.repeat,
        outcome: v.outcome,
        ...visitLawOut(v),
      });
    }
  }

  const petitions: V1Petition[] = [];
  const petitionIds = (await db.selectFrom('petitions').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const ids of chunks(petitionIds, BATCH)) {
    const workflow = await readWorkflow(db, ids);
    for (const p of await getPetitions(db, ids, vietnamDate(now))) {
      const w = workflow.get(p.id);
      petitions.push({
        ref: `P${p.id}`,
        register_no: p.registerNo,
        received_on: p.receivedOn,
        channel: p.channel,
        visit: p.visitId === null ? null : `V${p.visitId}`,
        forwarded_by: p.forwardedBy && { agency: p.forwardedBy.agency, letter_no: p.forwardedBy.letterNo, letter_date: p.forwardedBy.letterDate },
        written_on: p.writtenOn,
        kind: p.kind,
        field: p.field,
        signatories: p.signatories,
        petitioners: p.petitioners.map(personToV1),
        subject: p.subject,
        summary: p.summary,
        classification: w?.classification ?? null,
        decision: w?.decision ?? null,
        reply: w?.reply ?? null,
        reminders: w?.reminders ?? [],
        // Stored on every petition since schema 3; computed the same way should one lack it.
        due_on: p.dueOn ?? (await processingDeadline(db, p.receivedOn)),
      });
    }
  }

  return { format: INTERCHANGE_FORMAT, exported_at: vietnamTimestamp(now), agencies, sessions, visits, petitions };
}

interface PetitionWorkflow {
  classification: V1Classification | null;
  decision: V1Decision | null;
  reply: V1Reply | null;
  reminders: V1Reminder[];
}

/** The active handling records of some petitions, in the file's shape, by petition id. */
async function readWorkflow(db: Kysely<DB>, petitionIds: number[]): Promise<Map<number, PetitionWorkflow>> {
  const result = new Map<number, PetitionWorkflow>();
  const entry = (id: number): PetitionWorkflow => {
    let w = result.get(id);
    if (!w) result.set(id, (w = { classification: null, decision: null, reply: null, reminders: [] }));
    return w;
  };
  const classifications = await db
    .selectFrom('classifications')
    .select(['petition_id', 'eligible', 'reason', 'duplicate_of', 'note', 'decided_on'])
    .where('petition_id', 'in', petitionIds)
    .where('reversed_at', 'is', null)
    .execute();
  for (const c of classifications) {
    entry(c.petition_id).classification =
      c.eligible === 1
        ? { eligible: true, on: c.decided_on }
        : {
            eligible: false,
            reason: c.reason as ClassificationReason,
            duplicate_of: c.duplicate_of === null ? null : `P${c.duplicate_of}`,
            note: c.note,
            on: c.decided_on,
          };
  }
  const decisions = await db
    .selectFrom('decisions as d')
    .leftJoin('agencies as a', 'a.id', 'd.agency_id')
    .select(['d.id', 'd.petition_id', 'd.action', 'd.decided_on', 'a.code', 'd.document_no', 'd.note', 'd.to_inspection'])
    .where('d.petition_id', 'in', petitionIds)
    .where('d.reversed_at', 'is', null)
    .execute();
  const petitionOf = new Map<number, number>();
  for (const d of decisions) {
    petitionOf.set(d.id, d.petition_id);
    entry(d.petition_id).decision = { action: d.action as DecisionAction, on: d.decided_on, agency: d.code, document_no: d.document_no, note: d.note, ...decisionLawOut(d.to_inspection === 1) };
  }
  const decisionIds = [...petitionOf.keys()];
  if (decisionIds.length === 0) return result;
  const replies = await db
    .selectFrom('replies')
    .select(['decision_id', 'received_on', 'document_no', 'summary', 'outcome'])
    .where('decision_id', 'in', decisionIds)
    .where('reversed_at', 'is', null)
    .execute();
  for (const r of replies) {
    entry(petitionOf.get(r.decision_id)!).reply = { on: r.received_on, document_no: r.document_no, summary: r.summary, outcome: r.outcome as ReplyOutcome };
  }
  const reminders = await db.selectFrom('reminders').select(['decision_id', 'sent_on', 'document_no']).where('decision_id', 'in', decisionIds).orderBy('id').execute();
  for (const r of reminders) entry(petitionOf.get(r.decision_id)!).reminders.push({ on: r.sent_on, document_no: r.document_no });
  return result;
}
