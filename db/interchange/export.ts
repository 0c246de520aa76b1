// Exporting the whole register as a petition-register/v2 file (v1 plus matters, contents and
// petitioners of every kind; docs/interchange-v2.md). Matter refs are ordinal (M1, M2... in id
// order), so an import into an empty register and a second export give the same refs. Refs come from row ids (S12, V40,
// P7), records go in id order and keys in the contract's order, so exporting the same register
// twice, or re-importing an export into an empty register, gives the same file.
// A petition's handling is its active records (reversed ones are history v1 does not carry), and
// due_on is the deadline the register stores, counted on its own holiday calendar.
import { sql, type Kysely } from 'kysely';
import type { AgencyKind } from '../../shared/domain/agency.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { INTERCHANGE_FORMAT_V2, personToV2, type V2Content, type V2File, type V2Matter, type V2Petition, type V2Visit } from '../../shared/interchange/v2.ts';
import type { ArrivalState, ComplaintLevel, MatterKind } from '../../shared/domain/matter.ts';
import type { Field, PetitionKind } from '../../shared/domain/petition.ts';
import type { Selectable } from 'kysely';
import type { MatterTable } from '../schema.ts';
import {
  vietnamTimestamp,
  type ClassificationReason,
  type DecisionAction,
  type ReplyOutcome,
  type V1Agency,
  type V1Classification,
  type V1Decision,
  type V1Reminder,
  type V1Reply,
  type V1Session,
} from '../../shared/interchange/v1.ts';
import { processingDeadline } from '../ops/holidays.ts';
import { getPetitions } from '../ops/petitions.ts';
import { getVisits } from '../ops/reception.ts';
import type { Visit } from '../../shared/domain/reception.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { Register } from '../register.ts';
import type { DB } from '../schema.ts';
import { decisionLawOut, sessionLawOut, visitLawOut } from '../../shared/interchange/law.ts';
import { readNoticesForExport } from './notices.ts';
import { beginReadSnapshot } from '../engine/sql.ts';
import { contentHandlingOut, readContentHandling } from './content-handling.ts';

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
export function exportRegister(register: Register, now: Date = register.now()): Promise<V2File> {
  return register.db.connection().execute(async (db) => {
    await beginReadSnapshot(db).execute(db);
    try {
      return await readRegister(db, now);
    } finally {
      await sql`commit`.execute(db);
    }
  });
}

async function readRegister(db: Kysely<DB>, now: Date): Promise<V2File> {
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

  const matterRows = await db.selectFrom('matters').selectAll().orderBy('id').execute();
  const matterRef = new Map(matterRows.map((m, i) => [m.id, `M${i + 1}`]));
  const refOf = (id: number | null) => (id === null ? '' : matterRef.get(id)!);
  const matters = matterRows.map((m) => matterToV2(m, refOf));

  const visits: V2Visit[] = [];
  const visitIds = (await db.selectFrom('visits').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const ids of chunks(visitIds, BATCH)) {
    for (const v of await getVisits(db, { ids })) visits.push({ ...visitToV2(v, refOf), ...visitLawOut(v) });
  }

  const petitions: V2Petition[] = [];
  const petitionIds = (await db.selectFrom('petitions').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const ids of chunks(petitionIds, BATCH)) {
    const workflow = await readWorkflow(db, ids);
    const contents = await readContents(db, ids, refOf);
    for (const p of await getPetitions(db, ids, vietnamDate(now))) {
      // Stored on every petition since schema 3; computed the same way should one lack it.
      const dueOn = p.dueOn ?? (await processingDeadline(db, p.receivedOn));
      petitions.push(petitionToV2(p, workflow.get(p.id), contents.get(p.id) ?? [], dueOn));
    }
  }

  const notices = await readNoticesForExport(db);
  return { format: INTERCHANGE_FORMAT_V2, exported_at: vietnamTimestamp(now), agencies, sessions, matters, visits, petitions, notices };
}

function matterToV2(m: Selectable<MatterTable>, refOf: (id: number | null) => string): V2Matter {
  return {
    ref: refOf(m.id),
    kind: m.kind as MatterKind,
    field: m.field as Field | null,
    title: m.title,
    case_commune_code: m.case_commune_code,
    arrival_state: m.arrival_state as ArrivalState,
    complaint_level: m.complaint_level as ComplaintLevel | null,
    decided_by: m.decided_by,
    first_seen_on: m.first_seen_on,
    seen_before: m.seen_before === 1,
    merged_into: m.merged_into === null ? null : refOf(m.merged_into),
  };
}

function visitToV2(v: Visit, refOf: (id: number | null) => string): V2Visit {
  return {
    ref: `V${v.id}`,
    session: `S${v.sessionId}`,
    persons: v.persons,
    delegation: v.delegation && { members: v.delegation.members, representatives: v.delegation.representatives.map(personToV2) },
    citizen: personToV2(v.citizen),
    matter: v.matter,
    content: v.content,
    repeat: v.repeat,
    outcome: v.outcome,
    matter_ref: refOf(v.matterId),
  };
}

function petitionToV2(p: Petition, w: PetitionWorkflow | undefined, contents: V2Content[], dueOn: string): V2Petition {
  return {
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
    petitioners: p.petitioners.map(personToV2),
    subject: p.subject,
    summary: p.summary,
    classification: w?.classification ?? null,
    decision: w?.decision ?? null,
    reply: w?.reply ?? null,
    reminders: w?.reminders ?? [],
    due_on: dueOn,
    contents,
  };
}

/** Each petition's contents in order, in the file's shape. */
async function readContents(db: Kysely<DB>, petitionIds: number[], refOf: (id: number | null) => string): Promise<Map<number, V2Content[]>> {
  const rows = await db.selectFrom('petition_contents').selectAll().where('petition_id', 'in', petitionIds).orderBy('petition_id').orderBy('position').execute();
  const handling = await readContentHandling(db, petitionIds);
  const result = new Map<number, V2Content[]>();
  for (const c of rows) {
    const list = result.get(c.petition_id) ?? [];
    list.push({
      matter_ref: refOf(c.matter_id),
      kind: c.kind as PetitionKind,
      field: c.field as Field,
      summary: c.summary,
      needs_split: c.needs_split === 1,
      repeat: c.repeat === 1,
      ...contentHandlingOut(handling.get(c.id)),
    });
    result.set(c.petition_id, list);
  }
  return result;
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
    .leftJoin('petition_contents as c', 'c.id', 'd.content_id')
    .select(['d.id', 'd.petition_id', 'd.action', 'd.decided_on', 'a.code', 'd.document_no', 'd.note', 'd.to_inspection'])
    .where('d.petition_id', 'in', petitionIds)
    .where('d.reversed_at', 'is', null)
    // The petition's own fields carry its first content's handling; further contents carry theirs.
    .where((eb) => eb.or([eb('c.position', '=', 0), eb('d.content_id', 'is', null)]))
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
