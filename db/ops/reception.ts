// Reception sessions (kỳ tiếp) and visits (lượt tiếp), with delegations and their representatives.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import { vietnamDate } from '../../shared/domain/dates.ts';
import type {
  Matter,
  Outcome,
  ReceptionSession,
  SessionKind,
  Visit,
  openTodaySchema,
  sessionListSchema,
  sessionUpsertSchema,
  visitSaveSchema,
} from '../../shared/domain/reception.ts';
import { SESSION_KIND_LABELS } from '../../shared/domain/reception.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, ReceptionSessionTable } from '../schema.ts';
import { readPersons, sameWrittenPerson, savePerson } from './persons.ts';
import { writeVisitMatter } from './matters.ts';

type SessionRow = Selectable<ReceptionSessionTable> & { visit_count: number; person_count: number };

function toSession(row: SessionRow): ReceptionSession {
  return {
    id: row.id,
    kind: row.kind as SessionKind,
    date: row.date,
    host: row.host,
    hostName: row.host_name,
    location: row.location,
    officers: JSON.parse(row.officers_json) as string[],
    visitCount: Number(row.visit_count),
    personCount: Number(row.person_count),
  };
}

function sessionQuery(db: Kysely<DB>) {
  return db
    .selectFrom('reception_sessions as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('visits').select((e) => e.fn.countAll<number>().as('n')).whereRef('visits.session_id', '=', 's.id').as('visit_count'),
      eb.selectFrom('visits').select(sql<number>`coalesce(sum(persons), 0)`.as('n')).whereRef('visits.session_id', '=', 's.id').as('person_count'),
    ]);
}

export async function getSession(db: Kysely<DB>, id: number): Promise<ReceptionSession> {
  const row = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy kỳ tiếp có mã số ${id}`);
  return toSession(row as SessionRow);
}

export async function listSessions(db: Kysely<DB>, input: z.output<typeof sessionListSchema>): Promise<ReceptionSession[]> {
  let q = sessionQuery(db);
  if (input.from) q = q.where('s.date', '>=', input.from);
  if (input.to) q = q.where('s.date', '<=', input.to);
  const rows = await q.orderBy('s.date', 'desc').orderBy('s.id', 'desc').limit(input.limit).execute();
  return rows.map((r) => toSession(r as SessionRow));
}

export async function insertSession(trx: Transaction<DB>, ctx: OpContext, s: z.output<typeof sessionUpsertSchema>): Promise<number> {
  const now = ctx.register.now().toISOString();
  const row = await trx
    .insertInto('reception_sessions')
    .values({ kind: s.kind, date: s.date, host: s.host, host_name: s.hostName, location: s.location, officers_json: JSON.stringify(s.officers), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function upsertSession(ctx: OpContext, input: z.output<typeof sessionUpsertSchema>): Promise<ReceptionSession> {
  return ctx.register.db.transaction().execute(async (trx) => {
    if (input.id === undefined) {
      const id = await insertSession(trx, ctx, input);
      const created = await getSession(trx, id);
      await writeAudit(trx, ctx, { action: 'create', entity: 'session', entityId: id, after: created });
      return created;
    }
    const before = await getSession(trx, input.id);
    await trx
      .updateTable('reception_sessions')
      .set({ kind: input.kind, date: input.date, host: input.host, host_name: input.hostName, location: input.location, officers_json: JSON.stringify(input.officers), updated_at: ctx.register.now().toISOString() })
      .where('id', '=', input.id)
      .execute();
    const after = await getSession(trx, input.id);
    await writeAudit(trx, ctx, { action: 'update', entity: 'session', entityId: input.id, before, after });
    return after;
  });
}

/** Today's session of a kind, opened if there is none yet: one keystroke at the desk. */
export function openTodaySession(ctx: OpContext, input: z.output<typeof openTodaySchema>): Promise<ReceptionSession> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const today = vietnamDate(ctx.register.now());
    const existing = await trx.selectFrom('reception_sessions').select('id').where('date', '=', today).where('kind', '=', input.kind).orderBy('id').executeTakeFirst();
    if (existing) return getSession(trx, existing.id);
    const officer = ctx.actor.id === null ? [] : [ctx.actor.name];
    const id = await insertSession(trx, ctx, {
      kind: input.kind,
      date: today,
      host: input.kind === 'regular' ? 'Ban Tiếp công dân tỉnh' : null,
      hostName: null,
      location: input.kind === 'online' ? 'Trực tuyến' : 'Trụ sở Tiếp công dân tỉnh',
      officers: officer,
    });
    const created = await getSession(trx, id);
    await writeAudit(trx, ctx, { action: 'create', entity: 'session', entityId: id, after: { ...created, note: `Mở kỳ tiếp ${SESSION_KIND_LABELS[input.kind].toLowerCase()} hôm nay` } });
    return created;
  });
}

export async function getVisits(db: Kysely<DB>, where: { sessionId?: number; ids?: number[] }): Promise<Visit[]> {
  let q = db
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .selectAll('v')
    .select(['s.date as session_date', 's.kind as session_kind']);
  if (where.sessionId !== undefined) q = q.where('v.session_id', '=', where.sessionId);
  if (where.ids !== undefined) q = q.where('v.id', 'in', where.ids.length ? where.ids : [-1]);
  const rows = await q.orderBy('v.id').execute();
  if (rows.length === 0) return [];
  const visitIds = rows.map((r) => r.id);
  const reps = await db.selectFrom('visit_representatives').selectAll().where('visit_id', 'in', visitIds).orderBy('visit_id').orderBy('position').execute();
  const petitions = await db.selectFrom('petitions').select(['id', 'register_no', 'visit_id']).where('visit_id', 'in', visitIds).orderBy('id').execute();
  const persons = await readPersons(db, [...rows.map((r) => r.person_id), ...reps.map((r) => r.person_id)]);
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    sessionDate: r.session_date,
    sessionKind: r.session_kind as SessionKind,
    persons: r.persons,
    delegation:
      r.delegation_members === null
        ? null
        : { members: r.delegation_members, representatives: reps.filter((x) => x.visit_id === r.id).map((x) => persons.get(x.person_id)!) },
    citizen: persons.get(r.person_id)!,
    matter: r.matter as Matter,
    content: r.content,
    repeat: r.repeat === 1,
    outcome: r.outcome as Outcome,
    matterId: r.matter_id,
    petitions: petitions.filter((p) => p.visit_id === r.id).map((p) => ({ id: p.id, registerNo: p.register_no })),
  }));
}

export async function getVisit(db: Kysely<DB>, id: number): Promise<Visit> {
  const [visit] = await getVisits(db, { ids: [id] });
  if (!visit) throw new ApiError('NOT_FOUND', `Không tìm thấy lượt tiếp có mã số ${id}`);
  return visit;
}

/** Writes a visit's rows (new or replacing an existing visit's people); returns its id. */
export async function writeVisit(
  trx: Transaction<DB>,
  ctx: OpContext,
  v: z.output<typeof visitSaveSchema>,
  options: { keepRepeat?: boolean } = {},
): Promise<number> {
  const session = await trx.selectFrom('reception_sessions').select('id').where('id', '=', v.sessionId).executeTakeFirst();
  if (!session) throw new ApiError('NOT_FOUND', `Không tìm thấy kỳ tiếp có mã số ${v.sessionId}`, [{ path: 'sessionId', message: 'Kỳ tiếp không tồn tại' }]);
  const now = ctx.register.now().toISOString();
  const visitor = await savePerson(trx, v.citizen, now, 'citizen');
  const personId = visitor.personId;
  const values = {
    session_id: v.sessionId,
    persons: v.persons,
    delegation_members: v.delegation?.members ?? null,
    person_id: personId,
    matter: v.matter,
    content: v.content,
    repeat: v.repeat ? 1 : 0,
    outcome: v.outcome,
    updated_at: now,
  };
  let id: number;
  if (v.id === undefined) {
    id = (await trx.insertInto('visits').values({ ...values, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    id = v.id;
    await trx.updateTable('visits').set(values).where('id', '=', id).execute();
    await trx.deleteFrom('visit_representatives').where('visit_id', '=', id).execute();
  }
  for (const [position, rep] of (v.delegation?.representatives ?? []).entries()) {
    // The visitor is usually the first representative: link both to one citizen, not two.
    const linked = sameWrittenPerson(rep, v.citizen) ? { ...rep, citizenId: visitor.citizenId } : rep;
    const { personId: repPersonId } = await savePerson(trx, linked, now, `delegation.representatives.${position}`);
    await trx.insertInto('visit_representatives').values({ visit_id: id, position, person_id: repPersonId }).execute();
  }
  await writeVisitMatter(trx, ctx, id, v, options);
  return id;
}

export function saveVisit(ctx: OpContext, input: z.output<typeof visitSaveSchema>): Promise<Visit> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const before = input.id === undefined ? undefined : await getVisit(trx, input.id);
    const id = await writeVisit(trx, ctx, input);
    const after = await getVisit(trx, id);
    await writeAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'visit', entityId: id, before, after });
    return after;
  });
}
