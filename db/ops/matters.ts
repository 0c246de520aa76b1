// Matters (vụ việc): every petition content and every visit belongs to one. Intake picks an
// existing matter or starts one; officers merge matters and move a content or a visit to another
// one; a duplicate petition joins its original's matter. Each write is one transaction with its
// audit row. First or repeat: a content repeats its matter when the matter was seen before it.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import { petitionsContaining } from '../engine/sql.ts';
import {
  matterKindOf,
  matterTitle,
  type ArrivalState,
  type ComplaintLevel,
  type Matter,
  type MatterCandidate,
  type MatterDetail,
  type MatterItem,
  type MatterKind,
  type MatterPage,
  type PetitionContent,
  type matterListSchema,
  type matterMergeSchema,
  type matterMoveSchema,
  type matterSuggestSchema,
  type matterUpdateSchema,
  type splitContentSchema,
} from '../../shared/domain/matter.ts';
import type { Field, PetitionKind, petitionCreateSchema } from '../../shared/domain/petition.ts';
import { ApiError } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, MatterTable } from '../schema.ts';
import { likeContains } from './search.ts';
import { refreshContentSteps, stepColumns, type StepColumns } from './notices.ts';
import { runCompiled } from '../compiled-queries.ts';

type Db = Kysely<DB>;
type Trx = Transaction<DB>;
type PetitionData = z.output<typeof petitionCreateSchema>;

// ---------------------------------------------------------------------------------------------
// Reading

function countsQuery(db: Db) {
  return db
    .selectFrom('matters as m')
    .selectAll('m')
    .select([
      sql<number>`(select count(distinct c.petition_id) from petition_contents c where c.matter_id = m.id)`.as('petition_count'),
      sql<number>`(select count(*) from visits v where v.matter_id = m.id)`.as('visit_count'),
    ]);
}

type MatterRow = Selectable<MatterTable> & { petition_count: number; visit_count: number };

function toMatter(r: MatterRow): Matter {
  const petitions = Number(r.petition_count);
  const visits = Number(r.visit_count);
  return {
    id: r.id,
    kind: r.kind as MatterKind,
    field: r.field as Field | null,
    title: r.title,
    caseCommuneCode: r.case_commune_code,
    arrivalState: r.arrival_state as ArrivalState,
    complaintLevel: r.complaint_level as ComplaintLevel | null,
    decidedBy: r.decided_by,
    firstSeenOn: r.first_seen_on,
    seenBefore: r.seen_before === 1,
    mergedInto: r.merged_into,
    petitions,
    visits,
    repeated: r.seen_before === 1 || petitions + visits > 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getMatter(db: Db, id: number): Promise<Matter> {
  const row = await countsQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy vụ việc có mã số ${id}`, [{ path: 'id', message: 'Vụ việc không tồn tại' }]);
  return toMatter(row as MatterRow);
}

/** The matter with every petition content and visit on it, oldest first, with first/repeat marks. */
export async function matterDetail(db: Db, id: number): Promise<MatterDetail> {
  const matter = await getMatter(db, id);
  const contents = await db
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .select(['c.id', 'c.position', 'c.kind', 'c.field', 'c.summary', 'c.needs_split', 'c.repeat', 'p.id as petition_id', 'p.register_no', 'p.received_on', 'p.created_at'])
    .select(sql<string>`(select string_agg(x.full_name, ', ' order by pp.position) from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = p.id)`.as('names'))
    .where('c.matter_id', '=', id)
    .execute();
  const visits = await db
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .innerJoin('persons as x', 'x.id', 'v.person_id')
    .select(['v.id', 'v.session_id', 's.date', 'x.full_name', 'v.persons', 'v.content', 'v.created_at'])
    .where('v.matter_id', '=', id)
    .execute();
  const items: MatterItem[] = [
    ...visits.map(
      (v): MatterItem => ({ type: 'visit', date: v.date, visitId: v.id, sessionId: v.session_id, citizenName: v.full_name, persons: v.persons, content: v.content, first: false }),
    ),
    ...contents.map(
      (c): MatterItem => ({
        type: 'petition',
        date: c.received_on,
        petitionId: c.petition_id,
        registerNo: c.register_no,
        contentId: c.id,
        position: c.position,
        kind: c.kind as PetitionKind,
        field: c.field as Field,
        summary: c.summary,
        petitionerNames: c.names ?? '',
        needsSplit: c.needs_split === 1,
        first: c.repeat === 0,
      }),
    ),
  ];
  // Oldest first: by date, then by when it was recorded (a visit before the petition handed in at it).
  const recorded = new Map<MatterItem, string>();
  visits.forEach((v, i) => recorded.set(items[i]!, v.created_at));
  contents.forEach((c, i) => recorded.set(items[visits.length + i]!, c.created_at));
  const key = (i: MatterItem) => (i.type === 'visit' ? [i.date, recorded.get(i)!, 0, i.visitId] : [i.date, recorded.get(i)!, 1, i.petitionId]) as [string, string, number, number];
  items.sort((a, b) => {
    const [da, ca, ta, ia] = key(a);
    const [db2, cb, tb, ib] = key(b);
    return da.localeCompare(db2) || ca.localeCompare(cb) || ta - tb || ia - ib;
  });
  // A visit is the first arrival when nothing came before it and the matter was not seen before.
  items.forEach((item, index) => {
    if (item.type === 'visit') item.first = index === 0 && !matter.seenBefore;
  });
  const merged = await db.selectFrom('matters').select(['id', 'title']).where('merged_into', '=', id).orderBy('id').execute();
  return { matter, items, merged };
}

export async function listMatters(db: Db, input: z.output<typeof matterListSchema>): Promise<MatterPage> {
  let q = countsQuery(db).where('m.merged_into', 'is', null);
  for (const token of fold(input.search ?? '').split(' ').filter(Boolean)) {
    q = q.where((eb) =>
      eb.or([
        eb('m.title_folded', 'like', sql<string>`${likeContains(token)} escape '\\'`),
        eb.exists(
          eb
            .selectFrom('petition_contents as c')
            .innerJoin('petitions as p', 'p.id', 'c.petition_id')
            .select(sql`1`.as('one'))
            .whereRef('c.matter_id', '=', 'm.id')
            .where('p.search_folded', 'like', sql<string>`${likeContains(token)} escape '\\'`),
        ),
      ]),
    );
  }
  if (input.kind) q = q.where('m.kind', '=', input.kind);
  // Empty matters (everything moved away) are not listed.
  const live = sql<boolean>`(exists (select 1 from petition_contents c where c.matter_id = m.id) or exists (select 1 from visits v where v.matter_id = m.id))`;
  q = q.where(live);
  if (input.repeatedOnly) {
    q = q.where(
      sql<boolean>`(m.seen_before = 1 or (select count(distinct c.petition_id) from petition_contents c where c.matter_id = m.id) + (select count(*) from visits v where v.matter_id = m.id) > 1)`,
    );
  }
  const total = Number(
    (await db.selectFrom(q.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q.orderBy('m.first_seen_on', 'desc').orderBy('m.id', 'desc').limit(input.limit).offset(input.offset).execute();
  return { total, offset: input.offset, rows: rows.map((r) => toMatter(r as MatterRow)) };
}

/** A petition's contents, in order, each with its matter's title. */
export async function petitionContents(db: Db, petitionId: number): Promise<(PetitionContent & { matterTitle: string })[]> {
  const rows = await db
    .selectFrom('petition_contents as c')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .select(['c.id', 'c.position', 'c.matter_id', 'c.kind', 'c.field', 'c.summary', 'c.needs_split', 'c.repeat', 'm.title'])
    .where('c.petition_id', '=', petitionId)
    .orderBy('c.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    matterId: r.matter_id,
    kind: r.kind as PetitionKind,
    field: r.field as Field,
    summary: r.summary,
    needsSplit: r.needs_split === 1,
    repeat: r.repeat === 1,
    matterTitle: r.title,
  }));
}

// ---------------------------------------------------------------------------------------------
// Writing: the pieces intake, the workflow and the import share.

/** A matter that can take petitions and visits: it exists and was not merged away. */
async function liveMatter(trx: Db, id: number, path: string): Promise<Selectable<MatterTable>> {
  return refuseUnliveMatter(await trx.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst(), id, path);
}

/** liveMatter's rule on a row already read (undefined: no such matter). */
export function refuseUnliveMatter<R extends { merged_into: number | null }>(row: R | undefined, id: number, path: string): R {
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy vụ việc có mã số ${id}`, [{ path, message: 'Vụ việc không tồn tại' }]);
  if (row.merged_into !== null) {
    throw new ApiError('CONFLICT', `Vụ việc số ${id} đã được gộp vào vụ việc số ${row.merged_into}; hãy chọn vụ việc số ${row.merged_into}`, [
      { path, message: `Vụ việc đã gộp vào vụ việc số ${row.merged_into}` },
    ]);
  }
  return row;
}

/** A matter as an interchange file states it (import), inserted as is. */
export async function insertMatterRecord(
  trx: Trx,
  ctx: OpContext,
  m: {
    kind: MatterKind;
    field: Field | null;
    title: string;
    case_commune_code: string | null;
    arrival_state: ArrivalState;
    complaint_level: ComplaintLevel | null;
    decided_by: string | null;
    first_seen_on: string;
    seen_before: boolean;
  },
): Promise<number> {
  const now = ctx.register.now().toISOString();
  const row = await trx
    .insertInto('matters')
    .values({
      kind: m.kind,
      field: m.field,
      title: m.title,
      title_folded: fold(m.title),
      case_commune_code: m.case_commune_code,
      arrival_state: m.arrival_state,
      complaint_level: m.complaint_level,
      decided_by: m.decided_by,
      first_seen_on: m.first_seen_on,
      seen_before: m.seen_before ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a matter as merged into another (import of a merged matter). */
export async function setMatterMerged(trx: Trx, id: number, into: number): Promise<void> {
  await trx.updateTable('matters').set({ merged_into: into }).where('id', '=', id).execute();
}

export interface NewMatter {
  kind: string;
  field: string | null;
  summary: string;
  firstSeenOn: string;
  seenBefore?: boolean;
}

export async function insertMatter(trx: Trx, ctx: OpContext, m: NewMatter): Promise<number> {
  const now = ctx.register.now().toISOString();
  const title = matterTitle(m.summary);
  const values = { kind: matterKindOf(m.kind), field: m.field, title, title_folded: fold(title), first_seen_on: m.firstSeenOn, seen_before: m.seenBefore ? 1 : 0, created_at: now, updated_at: now };
  const [row] = await runCompiled(trx, 'matters.insert', values, (db, v) => db.insertInto('matters').values(v).returning('id'));
  return row!.id;
}

/**
 * Recomputes what depends on a matter's arrivals: each content's repeat mark (an earlier
 * petition, or a visit other than the one it was handed in at, or the matter seen before) and
 * the first date seen.
 */
export async function refreshMatter(trx: Trx, matterId: number): Promise<void> {
  const matter = await trx.selectFrom('matters').select(['seen_before', 'first_seen_on']).where('id', '=', matterId).executeTakeFirst();
  if (!matter) return;
  const contents = await trx
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .select(['c.id', 'c.repeat', 'p.id as petition_id', 'p.received_on', 'p.visit_id', 'p.created_at'])
    .where('c.matter_id', '=', matterId)
    .execute();
  const visits = await trx
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .select(['v.id', 's.date', 'v.created_at'])
    .where('v.matter_id', '=', matterId)
    .execute();
  const change = matterRefreshOf(matter, contents, visits);
  for (const c of change.repeats) await trx.updateTable('petition_contents').set({ repeat: c.repeat }).where('id', '=', c.id).execute();
  if (change.firstSeenOn !== null) await trx.updateTable('matters').set({ first_seen_on: change.firstSeenOn }).where('id', '=', matterId).execute();
}

/** What refreshMatter changes, from the matter's arrivals as read: repeat marks that differ, and a new first date (or null). */
export function matterRefreshOf(
  matter: { seen_before: number; first_seen_on: string },
  contents: { id: number; repeat: number; petition_id: number; received_on: string; visit_id: number | null; created_at: string }[],
  visits: { id: number; date: string; created_at: string }[],
): { repeats: { id: number; repeat: number }[]; firstSeenOn: string | null } {
  const repeats: { id: number; repeat: number }[] = [];
  for (const c of contents) {
    const earlierPetition = contents.some((o) => o.petition_id !== c.petition_id && (o.received_on < c.received_on || (o.received_on === c.received_on && o.petition_id < c.petition_id)));
    // A visit the same day counts when recorded before the petition (its own visit never does).
    const earlierVisit = visits.some((v) => v.id !== c.visit_id && (v.date < c.received_on || (v.date === c.received_on && v.created_at < c.created_at)));
    const repeat = matter.seen_before === 1 || earlierPetition || earlierVisit ? 1 : 0;
    if (repeat !== c.repeat) repeats.push({ id: c.id, repeat });
  }
  const dates = [...contents.map((c) => c.received_on), ...visits.map((v) => v.date)].sort();
  return { repeats, firstSeenOn: dates[0] && dates[0] !== matter.first_seen_on ? dates[0] : null };
}

async function touch(trx: Trx, ctx: OpContext, matterId: number): Promise<void> {
  await trx.updateTable('matters').set({ updated_at: ctx.register.now().toISOString() }).where('id', '=', matterId).execute();
}

/**
 * Writes a petition's contents inside the transaction that saves the petition. On create the
 * first content takes `matterId`, else the matter of the visit it was handed in at, else a new
 * matter; further contents take theirs or new ones. On update an absent `matterId` or
 * `contents` keeps what is stored. The petition's kind and field stay those of its first content.
 */
export async function writePetitionContents(
  trx: Trx,
  ctx: OpContext,
  petitionId: number,
  p: PetitionData,
  mode: 'create' | 'update',
  createdStep?: StepColumns,
): Promise<void> {
  const touched = new Set<number>();
  // On create every content is new, so none has a decision: its pending step is its kind's, due
  // from receipt. It is written with the row (what refreshContentSteps would set, without reading
  // the rows back); the first content's kind is the petition's, whose step the caller has counted.
  const stepOf = async (kind: string): Promise<StepColumns | Record<string, never>> => {
    if (mode !== 'create') return {};
    if (kind === p.kind && createdStep) return createdStep;
    return stepColumns(trx, kind, p.receivedOn);
  };
  // A matter made here holds only this content: nothing to recompute.
  const fresh = new Set<number>();
  const matterFor = async (matterId: number | null | undefined, path: string, kind: string, field: string, summary: string): Promise<number> => {
    if (typeof matterId === 'number') return (await liveMatter(trx, matterId, path)).id;
    const id = await insertMatter(trx, ctx, { kind, field, summary, firstSeenOn: p.receivedOn });
    fresh.add(id);
    return id;
  };
  // A petition created in this transaction has no contents yet.
  const first = mode === 'create' ? undefined : await trx.selectFrom('petition_contents').selectAll().where('petition_id', '=', petitionId).where('position', '=', 0).executeTakeFirst();
  let firstMatter: number;
  if (!first) {
    let chosen = p.matterId;
    if ((chosen === undefined || chosen === null) && p.visitId !== null) {
      chosen = (await trx.selectFrom('visits').select('matter_id').where('id', '=', p.visitId).executeTakeFirst())?.matter_id ?? null;
    }
    firstMatter = await matterFor(chosen, 'matterId', p.kind, p.field, p.summary);
    const values = { petition_id: petitionId, position: 0, matter_id: firstMatter, kind: p.kind, field: p.field, summary: p.summary, needs_split: p.kind === 'multiple' ? 1 : 0, ...(await stepOf(p.kind)) };
    await runCompiled(trx, 'petition_contents.insert', values, (db, v) => db.insertInto('petition_contents').values(v));
  } else {
    firstMatter = typeof p.matterId === 'number' ? (await liveMatter(trx, p.matterId, 'matterId')).id : first.matter_id;
    if (first.matter_id !== firstMatter) touched.add(first.matter_id);
    await trx
      .updateTable('petition_contents')
      .set({ matter_id: firstMatter, kind: p.kind, field: p.field, summary: p.summary, needs_split: p.kind === 'multiple' ? 1 : 0 })
      .where('id', '=', first.id)
      .execute();
  }
  touched.add(firstMatter);
  const contents = p.contents;
  if (contents !== undefined) {
    // On update a further content keeps its row (its decisions point at it, migration 0014): the
    // row at each place is updated, rows past the new list are removed unless decided, new ones added.
    const old =
      mode === 'update'
        ? await trx.selectFrom('petition_contents').select(['id', 'position', 'matter_id']).where('petition_id', '=', petitionId).where('position', '>', 0).orderBy('position').execute()
        : [];
    for (const o of old) touched.add(o.matter_id);
    const surplus = old.filter((o) => o.position > contents.length);
    if (surplus.length > 0) {
      const decided = await trx
        .selectFrom('decisions as d')
        .innerJoin('petition_contents as c', 'c.id', 'd.content_id')
        .select('c.position')
        .where('d.content_id', 'in', surplus.map((o) => o.id))
        .orderBy('c.position')
        .executeTakeFirst();
      if (decided) {
        const n = decided.position + 1;
        throw new ApiError('CONFLICT', `Nội dung ${n} của đơn đã có quyết định xử lý (kể cả quyết định đã hủy vẫn được lưu): không bỏ được nội dung này, chỉ sửa được.`, [
          { path: 'contents', message: `Nội dung ${n} đã có quyết định xử lý` },
        ]);
      }
      await trx.deleteFrom('petition_contents').where('id', 'in', surplus.map((o) => o.id)).execute();
    }
    for (const [i, c] of contents.entries()) {
      const existing = old.find((o) => o.position === i + 1);
      const matterId = existing && typeof c.matterId !== 'number' ? existing.matter_id : await matterFor(c.matterId, `contents.${i}.matterId`, c.kind, c.field, c.summary);
      touched.add(matterId);
      if (existing) {
        await trx.updateTable('petition_contents').set({ matter_id: matterId, kind: c.kind, field: c.field, summary: c.summary }).where('id', '=', existing.id).execute();
      } else {
        await trx
          .insertInto('petition_contents')
          .values({ petition_id: petitionId, position: i + 1, matter_id: matterId, kind: c.kind, field: c.field, summary: c.summary, ...(await stepOf(c.kind)) })
          .execute();
      }
    }
  }
  // On update, each content's pending step and its deadline, by its own kind and decisions.
  if (mode === 'update') await refreshContentSteps(trx, { petitionId });
  const deferred = deferredRefreshes.get(trx);
  for (const id of touched) {
    if (fresh.has(id)) continue;
    if (deferred) deferred.add(id);
    else await refreshMatter(trx, id);
  }
}

/** Matters whose refresh a bulk write (an import) runs once at its end, by transaction. */
const deferredRefreshes = new WeakMap<Trx, Set<number>>();

/**
 * Runs `write` with the matter refreshes of writePetitionContents collected instead of run, then
 * refreshes each touched matter once. refreshMatter recomputes from the matter's stored arrivals,
 * so once at the end gives what once per petition gave; an import of many petitions of one matter
 * no longer reads the matter's whole history for each of them.
 */
export async function withDeferredMatterRefresh<T>(
  trx: Trx,
  write: (touched: Set<number>) => Promise<T>,
  /** How the touched matters are refreshed (the bulk import's own statements, db/interchange/bulk.ts). */
  refresh: (matterIds: Set<number>) => Promise<void> | void = async (ids) => {
    for (const id of ids) await refreshMatter(trx, id);
  },
): Promise<T> {
  const touched = new Set<number>();
  deferredRefreshes.set(trx, touched);
  try {
    const result = await write(touched);
    deferredRefreshes.delete(trx);
    await refresh(touched);
    return result;
  } finally {
    deferredRefreshes.delete(trx);
  }
}

/**
 * A visit's matter, inside the transaction that saves the visit: on a new visit, `matterId` or a
 * new matter (seen before when the visit says it is a repeat); on an edit, `matterId` moves it,
 * absent keeps it. Returns whether the chosen matter already had arrivals (the visit repeats it).
 */
export async function writeVisitMatter(
  trx: Trx,
  ctx: OpContext,
  visitId: number,
  v: { matterId?: number | null; matter: string; content: string; repeat: boolean },
  options: { keepRepeat?: boolean } = {},
): Promise<void> {
  const row = await trx
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .select(['v.matter_id', 's.date'])
    .where('v.id', '=', visitId)
    .executeTakeFirstOrThrow();
  let target: number;
  if (typeof v.matterId === 'number') target = (await liveMatter(trx, v.matterId, 'matterId')).id;
  else if (row.matter_id !== null) target = row.matter_id;
  else {
    // A new matter holds only this visit: nothing to recompute.
    target = await insertMatter(trx, ctx, { kind: v.matter, field: null, summary: v.content, firstSeenOn: row.date, seenBefore: v.repeat });
    await trx.updateTable('visits').set({ matter_id: target }).where('id', '=', visitId).execute();
    return;
  }
  if (target === row.matter_id) return;
  const arrivals = await trx
    .selectFrom('visits')
    .select('id')
    .where('matter_id', '=', target)
    .where('id', '!=', visitId)
    .unionAll(trx.selectFrom('petition_contents').select('petition_id as id').where('matter_id', '=', target))
    .executeTakeFirst();
  await trx
    .updateTable('visits')
    .set({ matter_id: target, ...(arrivals && !options.keepRepeat ? { repeat: 1 } : {}) })
    .where('id', '=', visitId)
    .execute();
  if (row.matter_id !== null) await refreshMatter(trx, row.matter_id);
  await refreshMatter(trx, target);
}

/**
 * A duplicate (workflow.classify with reason duplicate) is a repeat on its original's matter: the
 * petition's first content, and the visit it was handed in at when on the same matter, join the
 * matter of the original's first content. Runs inside the classification's transaction.
 */
export async function joinOriginalMatter(trx: Trx, petitionId: number, originalId: number): Promise<number | null> {
  const original = await trx.selectFrom('petition_contents').select('matter_id').where('petition_id', '=', originalId).where('position', '=', 0).executeTakeFirst();
  const mine = await trx.selectFrom('petition_contents').select(['id', 'matter_id']).where('petition_id', '=', petitionId).where('position', '=', 0).executeTakeFirst();
  if (!original || !mine || original.matter_id === mine.matter_id) return null;
  const target = await followMerges(trx, original.matter_id);
  if (target === mine.matter_id) return null;
  await trx.updateTable('petition_contents').set({ matter_id: target }).where('id', '=', mine.id).execute();
  const petition = await trx.selectFrom('petitions').select('visit_id').where('id', '=', petitionId).executeTakeFirstOrThrow();
  if (petition.visit_id !== null) {
    await trx.updateTable('visits').set({ matter_id: target }).where('id', '=', petition.visit_id).where('matter_id', '=', mine.matter_id).execute();
  }
  await refreshMatter(trx, mine.matter_id);
  await refreshMatter(trx, target);
  return mine.matter_id;
}

/**
 * The reverse of joinOriginalMatter, inside the transaction that reverses a duplicate
 * classification: the petition's first content (and the visit it was handed in at, when it went
 * with it) leaves its original's matter for the matter the classification took it from, or for a
 * new matter when that one was merged away since. Nothing moves when the classification moved
 * nothing (the petition was on its original's matter from intake, or the classification predates
 * migration 0014) or when an officer has moved the content since. Returns the move, or null.
 */
export async function leaveOriginalMatter(
  trx: Trx,
  ctx: OpContext,
  petitionId: number,
  classification: { duplicate_of: number | null; moved_from_matter_id: number | null },
): Promise<{ from: number; to: number; newMatter: boolean } | null> {
  if (classification.duplicate_of === null || classification.moved_from_matter_id === null) return null;
  const original = await trx.selectFrom('petition_contents').select('matter_id').where('petition_id', '=', classification.duplicate_of).where('position', '=', 0).executeTakeFirst();
  const mine = await trx
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .select(['c.id', 'c.matter_id', 'c.kind', 'c.field', 'c.summary', 'p.received_on', 'p.visit_id'])
    .where('c.petition_id', '=', petitionId)
    .where('c.position', '=', 0)
    .executeTakeFirst();
  if (!original || !mine) return null;
  const current = mine.matter_id;
  if ((await followMerges(trx, original.matter_id)) !== current) return null;
  const former = await trx.selectFrom('matters').select(['id', 'merged_into']).where('id', '=', classification.moved_from_matter_id).executeTakeFirst();
  const reusable = former !== undefined && former.merged_into === null && former.id !== current;
  const to = reusable ? former.id : await insertMatter(trx, ctx, { kind: mine.kind, field: mine.field, summary: mine.summary, firstSeenOn: mine.received_on });
  await trx.updateTable('petition_contents').set({ matter_id: to }).where('id', '=', mine.id).execute();
  if (mine.visit_id !== null) {
    await trx.updateTable('visits').set({ matter_id: to }).where('id', '=', mine.visit_id).where('matter_id', '=', current).execute();
  }
  await refreshMatter(trx, current);
  await refreshMatter(trx, to);
  await touch(trx, ctx, current);
  await touch(trx, ctx, to);
  return { from: current, to, newMatter: !reusable };
}

async function followMerges(trx: Db, id: number): Promise<number> {
  let at = id;
  for (let hops = 0; hops < 1000; hops++) {
    const row = await trx.selectFrom('matters').select('merged_into').where('id', '=', at).executeTakeFirst();
    if (!row || row.merged_into === null) return at;
    at = row.merged_into;
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// The officer's actions on matters.

export function updateMatter(ctx: OpContext, input: z.output<typeof matterUpdateSchema>): Promise<Matter> {
  return ctx.register.db.transaction().execute(async (trx) => {
    await liveMatter(trx, input.id, 'id');
    const before = await getMatter(trx, input.id);
    await trx
      .updateTable('matters')
      .set({
        title: input.title,
        title_folded: fold(input.title),
        kind: input.kind,
        field: input.field,
        case_commune_code: input.caseCommuneCode,
        arrival_state: input.arrivalState,
        complaint_level: input.complaintLevel,
        decided_by: input.decidedBy,
        updated_at: ctx.register.now().toISOString(),
      })
      .where('id', '=', input.id)
      .execute();
    const after = await getMatter(trx, input.id);
    await writeAudit(trx, ctx, { action: 'update', entity: 'matter', entityId: input.id, before, after });
    return after;
  });
}

/** Two matters become one: every content and visit of `from` moves to `into`; `from` points at `into`, never deleted. */
export function mergeMatters(ctx: OpContext, input: z.output<typeof matterMergeSchema>): Promise<MatterDetail> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const from = await liveMatter(trx, input.fromId, 'fromId');
    await liveMatter(trx, input.intoId, 'intoId');
    const before = { from: await getMatter(trx, input.fromId), into: await getMatter(trx, input.intoId) };
    await trx.updateTable('petition_contents').set({ matter_id: input.intoId }).where('matter_id', '=', input.fromId).execute();
    await trx.updateTable('visits').set({ matter_id: input.intoId }).where('matter_id', '=', input.fromId).execute();
    // Matters merged into `from` earlier now point at the survivor too, so a chain is one hop.
    await trx.updateTable('matters').set({ merged_into: input.intoId }).where('merged_into', '=', input.fromId).execute();
    await trx.updateTable('matters').set({ merged_into: input.intoId, updated_at: ctx.register.now().toISOString() }).where('id', '=', input.fromId).execute();
    if (from.seen_before === 1) await trx.updateTable('matters').set({ seen_before: 1 }).where('id', '=', input.intoId).execute();
    await touch(trx, ctx, input.intoId);
    await refreshMatter(trx, input.intoId);
    const after = await matterDetail(trx, input.intoId);
    await writeAudit(trx, ctx, { action: 'merge', entity: 'matter', entityId: input.intoId, before, after: { merged: input.fromId, into: after.matter } });
    return after;
  });
}

/** Moves one petition content or one visit to another matter (or to a new one). */
export function moveToMatter(ctx: OpContext, input: z.output<typeof matterMoveSchema>): Promise<MatterDetail> {
  return ctx.register.db.transaction().execute(async (trx) => {
    let fromId: number;
    let what: { contentId: number; petitionId: number; registerNo: string } | { visitId: number };
    let target: number;
    if (input.contentId !== null) {
      const c = await trx
        .selectFrom('petition_contents as c')
        .innerJoin('petitions as p', 'p.id', 'c.petition_id')
        .select(['c.id', 'c.matter_id', 'c.kind', 'c.field', 'c.summary', 'p.id as petition_id', 'p.register_no', 'p.received_on'])
        .where('c.id', '=', input.contentId)
        .executeTakeFirst();
      if (!c) throw new ApiError('NOT_FOUND', `Không tìm thấy nội dung đơn có mã số ${input.contentId}`, [{ path: 'contentId', message: 'Nội dung đơn không tồn tại' }]);
      fromId = c.matter_id;
      what = { contentId: c.id, petitionId: c.petition_id, registerNo: c.register_no };
      target =
        input.toMatterId === null
          ? await insertMatter(trx, ctx, { kind: c.kind, field: c.field, summary: c.summary, firstSeenOn: c.received_on })
          : (await liveMatter(trx, input.toMatterId, 'toMatterId')).id;
      if (target === fromId) throw new ApiError('CONFLICT', `Nội dung của đơn ${c.register_no} đã thuộc vụ việc số ${target}`, [{ path: 'toMatterId', message: 'Đã thuộc vụ việc này' }]);
      await trx.updateTable('petition_contents').set({ matter_id: target }).where('id', '=', c.id).execute();
    } else {
      const v = await trx
        .selectFrom('visits as v')
        .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
        .select(['v.id', 'v.matter_id', 'v.matter', 'v.content', 's.date'])
        .where('v.id', '=', input.visitId!)
        .executeTakeFirst();
      if (!v) throw new ApiError('NOT_FOUND', `Không tìm thấy lượt tiếp có mã số ${input.visitId}`, [{ path: 'visitId', message: 'Lượt tiếp không tồn tại' }]);
      fromId = v.matter_id ?? 0;
      what = { visitId: v.id };
      target =
        input.toMatterId === null
          ? await insertMatter(trx, ctx, { kind: v.matter, field: null, summary: v.content, firstSeenOn: v.date })
          : (await liveMatter(trx, input.toMatterId, 'toMatterId')).id;
      if (target === fromId) throw new ApiError('CONFLICT', `Lượt tiếp số ${v.id} đã thuộc vụ việc số ${target}`, [{ path: 'toMatterId', message: 'Đã thuộc vụ việc này' }]);
      await trx.updateTable('visits').set({ matter_id: target }).where('id', '=', v.id).execute();
    }
    if (fromId) {
      await refreshMatter(trx, fromId);
      await touch(trx, ctx, fromId);
    }
    await refreshMatter(trx, target);
    await touch(trx, ctx, target);
    const after = await matterDetail(trx, target);
    await writeAudit(trx, ctx, { action: 'move', entity: 'matter', entityId: target, before: { matterId: fromId || null, ...what }, after: { matterId: target, ...what } });
    return after;
  });
}

/**
 * An officer splits a content marked for splitting (an imported `multiple`) into several, each
 * with its own kind, field and matter. The first part stays on the content's matter unless it
 * names another; the petition's kind and field follow its first content.
 */
export function splitContent(ctx: OpContext, input: z.output<typeof splitContentSchema>): Promise<PetitionContent[]> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('petition_contents').selectAll().where('id', '=', input.contentId).executeTakeFirst();
    if (!c) throw new ApiError('NOT_FOUND', `Không tìm thấy nội dung đơn có mã số ${input.contentId}`, [{ path: 'contentId', message: 'Nội dung đơn không tồn tại' }]);
    const petition = await trx.selectFrom('petitions').select(['id', 'register_no', 'received_on']).where('id', '=', c.petition_id).executeTakeFirstOrThrow();
    if (c.needs_split !== 1) {
      throw new ApiError('CONFLICT', `Nội dung này của đơn ${petition.register_no} không cần tách; muốn thêm nội dung, hãy sửa đơn`, [{ path: 'contentId', message: 'Nội dung không cần tách' }]);
    }
    const before = await petitionContents(trx, petition.id);
    const touched = new Set<number>([c.matter_id]);
    const maxPosition = Number((await trx.selectFrom('petition_contents').select((eb) => eb.fn.max('position').as('n')).where('petition_id', '=', petition.id).executeTakeFirstOrThrow()).n);
    for (const [i, part] of input.parts.entries()) {
      let matterId: number;
      if (part.matterId !== null) matterId = (await liveMatter(trx, part.matterId, `parts.${i}.matterId`)).id;
      else if (i === 0) matterId = c.matter_id;
      else matterId = await insertMatter(trx, ctx, { kind: part.kind, field: part.field, summary: part.summary, firstSeenOn: petition.received_on });
      touched.add(matterId);
      if (i === 0) {
        await trx.updateTable('petition_contents').set({ matter_id: matterId, kind: part.kind, field: part.field, summary: part.summary, needs_split: 0 }).where('id', '=', c.id).execute();
      } else {
        await trx
          .insertInto('petition_contents')
          .values({ petition_id: petition.id, position: maxPosition + i, matter_id: matterId, kind: part.kind, field: part.field, summary: part.summary })
          .execute();
      }
    }
    // The content's own matter, when it was made for the unsplit letter, takes the first part's kind.
    const own = await trx.selectFrom('matters').select(['id', 'kind']).where('id', '=', c.matter_id).executeTakeFirstOrThrow();
    if (own.kind === 'other') await trx.updateTable('matters').set({ kind: input.parts[0]!.kind, field: input.parts[0]!.field }).where('id', '=', own.id).execute();
    const firstContent = await trx.selectFrom('petition_contents').select(['kind', 'field']).where('petition_id', '=', petition.id).where('position', '=', 0).executeTakeFirstOrThrow();
    await trx.updateTable('petitions').set({ kind: firstContent.kind, field: firstContent.field, updated_at: ctx.register.now().toISOString() }).where('id', '=', petition.id).execute();
    for (const id of touched) await refreshMatter(trx, id);
    await refreshContentSteps(trx, { petitionId: petition.id });
    const after = await petitionContents(trx, petition.id);
    await writeAudit(trx, ctx, { action: 'split', entity: 'petition', entityId: petition.id, before: { contents: before }, after: { contents: after } });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// "Same matter?": candidates at intake, by indexed lookups only.

export async function suggestMatters(db: Db, input: z.output<typeof matterSuggestSchema>): Promise<MatterCandidate[]> {
  const citizenIds = input.petitioners.flatMap((p) => (p.citizenId ? [p.citizenId] : []));
  const idNumbers = input.petitioners.flatMap((p) => (p.idNumber ? [p.idNumber.replace(/\s+/g, '').toUpperCase()] : []));
  const names = input.petitioners.map((p) => fold(p.fullName)).filter((n) => n.length >= 5);
  const reasons = new Map<number, Set<'person' | 'subject' | 'summary'>>();
  const note = (matterId: number, why: 'person' | 'subject' | 'summary') => {
    let set = reasons.get(matterId);
    if (!set) reasons.set(matterId, (set = new Set()));
    set.add(why);
  };
  const exclude = input.excludePetitionId ?? -1;

  // The same person: their citizen record, ID number, or (with neither) the same name.
  if (citizenIds.length + idNumbers.length + names.length > 0) {
    const persons = db
      .selectFrom('persons')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(citizenIds.length ? [eb('citizen_id', 'in', citizenIds)] : []),
          ...(idNumbers.length ? [eb('id_number', 'in', idNumbers)] : []),
          ...(names.length ? [eb('full_name_folded', 'in', names)] : []),
        ]),
      )
      .limit(500);
    const viaPetitions = await db
      .selectFrom('petition_petitioners as pp')
      .innerJoin('petition_contents as c', 'c.petition_id', 'pp.petition_id')
      .select('c.matter_id')
      .distinct()
      .where('pp.person_id', 'in', persons)
      .where('pp.petition_id', '!=', exclude)
      .limit(200)
      .execute();
    const viaVisits = await db.selectFrom('visits').select('matter_id').distinct().where('person_id', 'in', persons).where('matter_id', 'is not', null).limit(200).execute();
    for (const r of [...viaPetitions, ...viaVisits]) if (r.matter_id !== null) note(r.matter_id, 'person');
  }

  // The same subject, or a summary sharing its longest words: through the trigram index.
  const ftsMatters = async (words: string[], why: 'subject' | 'summary') => {
    const usable = words.filter((w) => [...w].length >= 3);
    if (usable.length === 0) return;
    const rows = await db
      .selectFrom('petition_contents as c')
      .select('c.matter_id')
      .distinct()
      .where('c.petition_id', 'in', petitionsContaining(db, usable))
      .where('c.petition_id', '!=', exclude)
      .limit(100)
      .execute();
    for (const r of rows) note(r.matter_id, why);
  };
  if (input.subject) await ftsMatters(fold(input.subject).split(' ').filter(Boolean), 'subject');
  const summaryWords = [...new Set(fold(input.summary).split(' ').filter((w) => [...w].length >= 4))].sort((a, b) => b.length - a.length).slice(0, 3);
  if (summaryWords.length >= 2) await ftsMatters(summaryWords, 'summary');

  if (reasons.size === 0) return [];
  // Merged matters answer with their survivor.
  const ids = [...reasons.keys()];
  const merged = await db.selectFrom('matters').select(['id', 'merged_into']).where('id', 'in', ids).where('merged_into', 'is not', null).execute();
  for (const m of merged) {
    const into = await followMerges(db, m.id);
    for (const why of reasons.get(m.id) ?? []) note(into, why);
    reasons.delete(m.id);
  }
  const rows = await countsQuery(db)
    .select([
      sql<string | null>`(select max(p.received_on) from petition_contents c join petitions p on p.id = c.petition_id where c.matter_id = m.id)`.as('last_petition_on'),
      sql<string | null>`(select max(s.date) from visits v join reception_sessions s on s.id = v.session_id where v.matter_id = m.id)`.as('last_visit_on'),
      sql<string | null>`(select p.register_no from petition_contents c join petitions p on p.id = c.petition_id where c.matter_id = m.id order by p.received_on desc, p.id desc limit 1)`.as('last_register_no'),
    ])
    .where('m.id', 'in', [...reasons.keys()])
    .execute();
  const words = new Set(fold(input.summary).split(' ').filter((w) => w.length >= 3));
  return rows
    .filter((r) => Number(r.petition_count) + Number(r.visit_count) > 0)
    .map((r): MatterCandidate => {
      const why = reasons.get(r.id)!;
      const theirs = r.title_folded.split(' ').filter((w) => w.length >= 3);
      const shared = theirs.filter((w) => words.has(w)).length;
      const similarity = words.size && theirs.length ? shared / Math.max(words.size, theirs.length) : 0;
      const score = (why.has('person') ? 1 : 0) + (why.has('subject') ? 0.5 : 0) + (why.has('summary') ? 0.25 : 0) + similarity;
      return {
        matterId: r.id,
        title: r.title,
        kind: r.kind as MatterKind,
        field: r.field as Field | null,
        firstSeenOn: r.first_seen_on,
        lastSeenOn: [r.last_petition_on, r.last_visit_on, r.first_seen_on].filter((d): d is string => d !== null).sort().at(-1)!,
        petitions: Number(r.petition_count),
        visits: Number(r.visit_count),
        lastRegisterNo: r.last_register_no,
        reasons: (['person', 'subject', 'summary'] as const).filter((x) => why.has(x)),
        score: Math.round(score * 100) / 100,
      };
    })
    .sort((a, b) => b.score - a.score || b.lastSeenOn.localeCompare(a.lastSeenOn) || b.matterId - a.matterId)
    .slice(0, input.limit);
}
