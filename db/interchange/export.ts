// Exporting the whole register as a petition-register/v1 file. Refs come from row ids (S12, V40,
// P7), records go in id order and keys in the contract's order, so exporting the same register
// twice, or re-importing an export into an empty register, gives the same file.
import { vietnamDate } from '../../shared/domain/dates.ts';
import { sql, type Kysely } from 'kysely';
import { defaultHolidays, holidaySet } from '../../shared/calendar/holidays.ts';
import { addWorkingDays, type HolidayCalendar } from '../../shared/calendar/working-days.ts';
import type { AgencyKind } from '../../shared/domain/agency.ts';
import { yearOf } from '../../shared/domain/dates.ts';
import {
  INTERCHANGE_FORMAT,
  personToV1,
  vietnamTimestamp,
  type V1Agency,
  type V1File,
  type V1Petition,
  type V1Session,
  type V1Visit,
} from '../../shared/interchange/v1.ts';
import { getPetitions } from '../ops/petitions.ts';
import { getVisits } from '../ops/reception.ts';
import type { Register } from '../register.ts';
import type { DB } from '../schema.ts';

/** The Board's processing limit (domain: 10 working days from receipt). */
export const PROCESSING_WORKING_DAYS = 10;

/** Rows read per query: far below SQLite's limit on bound parameters. */
const BATCH = 400;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The default public holidays of each year a deadline touches, computed when first asked. */
function holidayCalendar(): HolidayCalendar {
  const years = new Set<number>();
  const dates = new Set<string>();
  return {
    has(date: string) {
      const year = yearOf(date);
      if (!years.has(year)) {
        years.add(year);
        for (const d of holidaySet(defaultHolidays(year))) dates.add(d);
      }
      return dates.has(date);
    },
  };
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
      });
    }
  }

  const holidays = holidayCalendar();
  const petitions: V1Petition[] = [];
  const petitionIds = (await db.selectFrom('petitions').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const ids of chunks(petitionIds, BATCH)) {
    for (const p of await getPetitions(db, ids, vietnamDate(now))) {
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
        // This release keeps no handling workflow yet: every petition awaits classification.
        classification: null,
        decision: null,
        reply: null,
        reminders: [],
        due_on: addWorkingDays(p.receivedOn, PROCESSING_WORKING_DAYS, holidays),
      });
    }
  }

  return { format: INTERCHANGE_FORMAT, exported_at: vietnamTimestamp(now), agencies, sessions, visits, petitions };
}
