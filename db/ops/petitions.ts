// Petitions (đơn): registration with a gap-free number per year, edits with an audit trail,
// the paged and folded-search list, and a citizen's history.
import type { Kysely, Selectable, SelectQueryBuilder, Transaction } from 'kysely';
import { sql } from 'kysely';
import { vietnamDate, yearOf } from '../../shared/domain/dates.ts';
import { formatDateVN } from '../../shared/calendar/dates.ts';
import { deriveStatus, type PetitionStatus, type Stage } from '../../shared/domain/workflow.ts';
import { petitionDeadlineColumns } from './notices.ts';
import {
  formatRegisterNo,
  parseRegisterNo,
  type Channel,
  type Field,
  type Petition,
  type PetitionKind,
  type PetitionListItem,
  type PetitionPage,
  type petitionCreateSchema,
  type petitionListSchema,
  type PetitionFilters,
  type petitionUpdateSchema,
} from '../../shared/domain/petition.ts';
import type { Person } from '../../shared/domain/person.ts';
import { ApiError } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB, PetitionTable } from '../schema.ts';
import { readPersons, savePerson, type PersonData } from './persons.ts';
import { parseSearch } from '../search-index.ts';
import { integerParam, petitionWordsMatch } from '../engine/sql.ts';
import { writePetitionContents } from './matters.ts';
import { runCompiled } from '../compiled-queries.ts';
import { canSeeProtected, fillFromProtectedVisit, isProtectedPetition, isRedactedPerson, protectedAmong, protectedNamesSql, protectedPetitionSql, scrubPetitionRows } from '../protection.ts';
import { hasLaterDenunciation, scrubIdentity } from '../../shared/domain/protection.ts';

export type PetitionData = z.output<typeof petitionCreateSchema>;

/** The next number of a year's register; called inside the transaction that saves the petition. */
async function nextSeq(trx: Transaction<DB>, year: number): Promise<number> {
  const [row] = await runCompiled(trx, 'petitions.nextSeq', { year }, (db, v) => db.selectFrom('petitions').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', v.year));
  return Number(row?.seq ?? 0) + 1;
}

export function searchText(p: PetitionData, registerNo: string): string {
  return fold(
    [registerNo, ...p.petitioners.flatMap((x) => [x.fullName, x.idNumber ?? '']), p.subject ?? '', p.summary, p.forwardedBy?.agency ?? ''].join(' '),
  );
}

export function samePerson(a: PersonData | Person, b: PersonData | Person): boolean {
  if (a.citizenId !== null && a.citizenId === b.citizenId) return true;
  if (a.idNumber && b.idNumber) return a.idNumber === b.idNumber;
  return fold(a.fullName) === fold(b.fullName);
}

/** Checks that refer to other records: the visit exists, and a delegation's representatives sign. */
async function checkReferences(trx: Transaction<DB>, p: PetitionData): Promise<void> {
  if (p.visitId === null) return;
  const visit = await trx.selectFrom('visits').select(['id', 'delegation_members']).where('id', '=', p.visitId).executeTakeFirst();
  if (!visit) throw new ApiError('NOT_FOUND', `Không tìm thấy lượt tiếp có mã số ${p.visitId}`, [{ path: 'visitId', message: 'Lượt tiếp không tồn tại' }]);
  if (visit.delegation_members === null) return;
  const reps = await trx
    .selectFrom('visit_representatives as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select(['p.citizen_id', 'p.full_name', 'p.id_number'])
    .where('r.visit_id', '=', visit.id)
    .execute();
  for (const rep of reps) {
    const asPerson = { citizenId: rep.citizen_id, fullName: rep.full_name, idNumber: rep.id_number } as Person;
    if (!p.petitioners.some((x) => samePerson(x, asPerson))) {
      throw new ApiError('VALIDATION', `Người đại diện của đoàn (${rep.full_name}) phải là người đứng đơn`, [
        { path: 'petitioners', message: `Thiếu người đại diện ${rep.full_name} trong danh sách người đứng đơn` },
      ]);
    }
  }
}

/** Writes the petitioners in order and returns them as stored (what a read of them would give). */
async function writePetitioners(trx: Transaction<DB>, petitionId: number, petitioners: PersonData[], now: string, created = false): Promise<Person[]> {
  // A petition inserted in this transaction has no petitioners to replace.
  if (!created) await trx.deleteFrom('petition_petitioners').where('petition_id', '=', petitionId).execute();
  const stored: Person[] = [];
  for (const [position, person] of petitioners.entries()) {
    const saved = await savePerson(trx, person, now, `petitioners.${position}`);
    await runCompiled(trx, 'petition_petitioners.insert', { petition_id: petitionId, position, person_id: saved.personId }, (db, v) => db.insertInto('petition_petitioners').values(v));
    stored.push(saved.person);
  }
  return stored;
}

/** The petition's own columns from its input (the desk's save and the import's bulk writer). */
export function petitionColumns(p: PetitionData) {
  return {
    received_on: p.receivedOn,
    channel: p.channel,
    visit_id: p.visitId,
    fwd_agency: p.forwardedBy?.agency ?? null,
    fwd_letter_no: p.forwardedBy?.letterNo ?? null,
    fwd_letter_date: p.forwardedBy?.letterDate ?? null,
    written_on: p.writtenOn ?? null,
    kind: p.kind,
    field: p.field,
    signatories: p.signatories,
    subject: p.subject ?? null,
    subject_folded: p.subject === undefined || p.subject === null ? null : fold(p.subject),
    summary: p.summary,
  };
}

/**
 * Inserts a petition. Without a register number the next one of the year received is assigned,
 * inside this same transaction (BEGIN IMMEDIATE), so no two petitions share a number and none is
 * skipped. A given number (import) must be of that year and free.
 */
export async function insertPetition(trx: Transaction<DB>, ctx: OpContext, p: PetitionData, registerNo: string | null = null): Promise<number> {
  return (await insertPetitionAsStored(trx, ctx, p, registerNo)).id;
}

/**
 * insertPetition, answering with the petition as stored: its row as inserted (no statement of the
 * save changes it afterwards) and its petitioners as written. It is what getPetition would read
 * back in the same transaction (tests/integration/petition-create-answer.test.ts holds them equal),
 * without the four statements of that read on every intake save.
 */
async function insertPetitionAsStored(trx: Transaction<DB>, ctx: OpContext, p: PetitionData, registerNo: string | null): Promise<Petition> {
  await checkReferences(trx, p);
  const year = yearOf(p.receivedOn);
  let seq: number;
  if (registerNo === null) {
    seq = await nextSeq(trx, year);
  } else {
    const parsed = parseRegisterNo(registerNo);
    if (!parsed) throw new ApiError('VALIDATION', `Số vào sổ “${registerNo}” không đúng dạng NĂM/SỐ (ví dụ 2026/000123)`, [{ path: 'registerNo', message: 'Sai dạng số vào sổ' }]);
    if (parsed.year !== year) throw new ApiError('VALIDATION', `Số vào sổ ${registerNo} không thuộc năm nhận đơn ${year}`, [{ path: 'registerNo', message: 'Năm của số vào sổ khác năm nhận đơn' }]);
    seq = parsed.seq;
    const taken = await trx.selectFrom('petitions').select('id').where('year', '=', year).where('seq', '=', seq).executeTakeFirst();
    if (taken) throw new ApiError('CONFLICT', `Số vào sổ ${formatRegisterNo(year, seq)} đã được dùng`, [{ path: 'registerNo', message: 'Số vào sổ đã được dùng' }]);
  }
  const number = formatRegisterNo(year, seq);
  const now = ctx.register.now().toISOString();
  const deadlines = await petitionDeadlineColumns(trx, p.kind, p.receivedOn);
  const values = { ...petitionColumns(p), year, seq, register_no: number, search_folded: searchText(p, number), ...deadlines, created_at: now, updated_at: now };
  const [row] = await runCompiled(trx, 'petitions.insert', values, (db, v) => db.insertInto('petitions').values(v).returningAll());
  if (!row) throw new Error('petitions.insert returned no row');
  const petitioners = await writePetitioners(trx, row.id, p.petitioners, now, true);
  await writePetitionContents(trx, ctx, row.id, p, 'create', { step: deadlines.step, step_due_on: deadlines.step_due_on });
  const petition = toPetition(row, petitioners, todayOf(ctx));
  // As getPetitions marks it: a denunciation in a content after the first protects the petitioners.
  return hasLaterDenunciation(p.contents) ? { ...petition, hasDenunciation: true } : petition;
}

/**
 * A petition cannot be received after today: the date of receipt is a fact already past when it is
 * recorded, it starts the Board's processing period and the petition takes a permanent register
 * number, so a mistyped future date is refused before a number is used.
 */
function refuseFutureReceipt(ctx: OpContext, receivedOn: string): void {
  const today = todayOf(ctx);
  if (receivedOn > today) {
    const message = `Ngày nhận đơn (${formatDateVN(receivedOn)}) không được sau ngày hôm nay (${formatDateVN(today)})`;
    throw new ApiError('VALIDATION', message, [{ path: 'receivedOn', message }]);
  }
}

export function createPetition(ctx: OpContext, rawInput: PetitionData): Promise<Petition> {
  return ctx.register.db.transaction().execute(async (trx) => {
    refuseFutureReceipt(ctx, rawInput.receivedOn);
    // Pre-filled from a denouncer's visit, the form holds them redacted (db/protection.ts).
    const input = await fillFromProtectedVisit({ ...ctx, register: { ...ctx.register, db: trx } }, rawInput);
    const created = await insertPetitionAsStored(trx, ctx, input, null);
    await writeAudit(trx, ctx, { action: 'create', entity: 'petition', entityId: created.id, after: created });
    return created;
  });
}

/**
 * A denunciation's edit form holds its petitioners redacted (db/protection.ts): a redacted
 * petitioner sent back keeps the stored one at that position. Turning a denunciation into another
 * kind would show its denouncer to everyone, so only an officer permitted to see denouncers may.
 */
async function keepProtectedPetitioners(ctx: OpContext, before: Petition, input: z.output<typeof petitionUpdateSchema>): Promise<z.output<typeof petitionUpdateSchema>> {
  if (!isProtectedPetition(before)) return input;
  // The edit stays a denunciation when its first kind is one, or a content is (further contents
  // left out keep the stored ones).
  const stillProtected =
    isProtectedPetition(input) || hasLaterDenunciation(input.contents) || (input.contents === undefined && before.hasDenunciation === true);
  if (!stillProtected && !(await canSeeProtected(ctx))) {
    const message = 'Chỉ cán bộ được quyền xem danh tính người tố cáo mới được đổi loại của đơn tố cáo';
    throw new ApiError('FORBIDDEN', `${message} (đơn ${before.registerNo}).`, [{ path: 'kind', message }]);
  }
  const petitioners = input.petitioners.map((p, i) => {
    if (!isRedactedPerson(p)) return p;
    const stored = before.petitioners[i];
    if (!stored) {
      const message = 'Người đứng đơn được bảo vệ không còn ở vị trí này; hãy tải lại đơn rồi sửa';
      throw new ApiError('CONFLICT', message, [{ path: `petitioners.${i}`, message }]);
    }
    return { ...p, ...stored };
  });
  // The form showed the summary and subject with the identity taken out: unchanged, they keep the stored words.
  const kept = (sent: string | null, stored: string | null) => (sent !== null && stored !== null && sent === scrubIdentity(stored, before.petitioners) ? stored : sent);
  return { ...input, petitioners, summary: kept(input.summary, before.summary) ?? input.summary, subject: kept(input.subject, before.subject) };
}

export function updatePetition(ctx: OpContext, rawInput: z.output<typeof petitionUpdateSchema>): Promise<Petition> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const today = todayOf(ctx);
    const before = await getPetition(trx, rawInput.id, today);
    const input = await keepProtectedPetitioners({ ...ctx, register: { ...ctx.register, db: trx } }, before, rawInput);
    refuseFutureReceipt(ctx, input.receivedOn);
    if (yearOf(input.receivedOn) !== yearOf(before.receivedOn)) {
      throw new ApiError('VALIDATION', `Không thể đổi ngày nhận sang năm khác: đơn đã vào sổ năm ${yearOf(before.receivedOn)} với số ${before.registerNo}`, [
        { path: 'receivedOn', message: `Ngày nhận phải thuộc năm ${yearOf(before.receivedOn)}` },
      ]);
    }
    await checkReferences(trx, input);
    if (input.kind === 'multiple' && before.kind !== 'multiple') {
      const message = 'Loại “Nhiều nội dung” không còn dùng cho đơn mới: mỗi nội dung ghi riêng (Thêm nội dung)';
      throw new ApiError('VALIDATION', message, [{ path: 'kind', message }]);
    }
    // No step of the petition's handling may precede its receipt (workflow dates are checked
    // against it when recorded; an edit of the receipt date must not undo that).
    const classified = await trx.selectFrom('classifications').select('decided_on').where('petition_id', '=', input.id).where('reversed_at', 'is', null).executeTakeFirst();
    if (classified && input.receivedOn > classified.decided_on) {
      const message = `Ngày nhận đơn (${formatDateVN(input.receivedOn)}) không được sau ngày phân loại đơn (${formatDateVN(classified.decided_on)})`;
      throw new ApiError('VALIDATION', message, [{ path: 'receivedOn', message }]);
    }
    const now = ctx.register.now().toISOString();
    await trx
      .updateTable('petitions')
      .set({ ...petitionColumns(input), search_folded: searchText(input, before.registerNo), ...(await petitionDeadlineColumns(trx, input.kind, input.receivedOn)), updated_at: now })
      .where('id', '=', input.id)
      .execute();
    await writePetitioners(trx, input.id, input.petitioners, now);
    await writePetitionContents(trx, ctx, input.id, input, 'update');
    const after = await getPetition(trx, input.id, today);
    await writeAudit(trx, ctx, { action: 'update', entity: 'petition', entityId: input.id, before, after });
    return after;
  });
}

async function petitionersOf(db: Kysely<DB>, petitionIds: number[]): Promise<Map<number, Person[]>> {
  const links = petitionIds.length
    ? await db.selectFrom('petition_petitioners').selectAll().where('petition_id', 'in', petitionIds).orderBy('petition_id').orderBy('position').execute()
    : [];
  const persons = await readPersons(db, links.map((l) => l.person_id));
  const result = new Map<number, Person[]>(petitionIds.map((id) => [id, []]));
  for (const link of links) result.get(link.petition_id)!.push(persons.get(link.person_id)!);
  return result;
}

/** Today's date in Vietnam by the register's clock: statuses and deadlines are judged against it. */
export function todayOf(ctx: OpContext): string {
  return vietnamDate(ctx.register.now());
}

function statusOf(row: { stage: string; due_on: string | null; reply_due_on: string | null }, today: string): PetitionStatus {
  return deriveStatus(row.stage as Stage, row.due_on, row.reply_due_on, today);
}

export function toPetition(row: Selectable<PetitionTable>, petitioners: Person[], today: string): Petition {
  return {
    id: row.id,
    registerNo: row.register_no,
    receivedOn: row.received_on,
    channel: row.channel as Channel,
    visitId: row.visit_id,
    forwardedBy: row.fwd_agency === null ? null : { agency: row.fwd_agency, letterNo: row.fwd_letter_no, letterDate: row.fwd_letter_date },
    writtenOn: row.written_on,
    kind: row.kind as PetitionKind,
    field: row.field as Field,
    signatories: row.signatories,
    petitioners,
    subject: row.subject,
    summary: row.summary,
    status: statusOf(row, today),
    stage: row.stage as Stage,
    dueOn: row.due_on,
    replyDueOn: row.reply_due_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getPetitions(db: Kysely<DB>, ids: number[], today: string): Promise<Petition[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('petitions').selectAll().where('id', 'in', ids).orderBy('id').execute();
  // None found: no `in ()` below (PostgreSQL refuses an empty list).
  if (rows.length === 0) return [];
  const petitioners = await petitionersOf(db, rows.map((r) => r.id));
  // A denunciation in a content after the first protects the petitioners too (db/protection.ts).
  const laterDenunciations = new Set(
    (
      await db
        .selectFrom('petition_contents')
        .select('petition_id')
        .where('petition_id', 'in', rows.map((r) => r.id))
        .where('kind', '=', 'denunciation')
        .where('position', '>', 0)
        .execute()
    ).map((r) => r.petition_id),
  );
  return rows.map((r) => {
    const petition = toPetition(r, petitioners.get(r.id) ?? [], today);
    return laterDenunciations.has(r.id) ? { ...petition, hasDenunciation: true } : petition;
  });
}

export async function getPetition(db: Kysely<DB>, id: number, today: string): Promise<Petition> {
  const [petition] = await getPetitions(db, [id], today);
  if (!petition) throw new ApiError('NOT_FOUND', `Không tìm thấy đơn có mã số ${id}`);
  return petition;
}

export type PetitionQuery = SelectQueryBuilder<DB, 'petitions', object>;

/** The SQL form of deriveStatus, so a status filter runs in the database. */
export function whereStatus<Q extends PetitionQuery>(q: Q, status: PetitionStatus, today: string): Q {
  switch (status) {
    case 'closed':
      return q.where('stage', '=', 'closed') as Q;
    case 'forwarded':
      return q.where('stage', '=', 'forwarded').where((eb) => eb.or([eb('reply_due_on', 'is', null), eb('reply_due_on', '>=', today)])) as Q;
    case 'reply_overdue':
      return q.where('stage', '=', 'forwarded').where('reply_due_on', '<', today) as Q;
    case 'overdue':
      return q.where('stage', 'in', ['awaiting_classification', 'awaiting_decision']).where('due_on', '<', today) as Q;
    case 'awaiting_classification':
    case 'awaiting_decision':
      return q.where('stage', '=', status).where((eb) => eb.or([eb('due_on', 'is', null), eb('due_on', '>=', today)])) as Q;
  }
}

/** A petition's petitioners' names in order, "A, B", as one subquery on the row's id column. */
export function petitionerNames(idColumn: 'petitions.id' | 'p.id') {
  return protectedNamesSql(idColumn === 'p.id' ? 'p.kind' : 'petitions.kind', petitionerNamesUnprotected(idColumn));
}

/** The names themselves, for a caller that has checked the permission (none in the API). */
function petitionerNamesUnprotected(idColumn: 'petitions.id' | 'p.id') {
  return sql<string>`(select string_agg(x.full_name, ', ' order by pp.position) from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = ${sql.ref(idColumn)})`;
}

/** The list counts matches up to this many past the page's offset, then says "more than". */
export const LIST_COUNT_CAP = 1000;
/** A search matching at most this many petitions is sorted by the chosen column; more, by entry. */
export const SEARCH_EXACT_SORT = 2000;

const LIST_COLUMNS = ['id', 'register_no', 'received_on', 'channel', 'kind', 'field', 'signatories', 'subject', 'summary', 'stage', 'due_on', 'reply_due_on'] as const;

/** The filters of the list (period, kind, field, channel, status) on a query over petitions. */
function whereFilters(q: PetitionQuery, input: PetitionFilters, today: string): PetitionQuery {
  if (input.from) q = q.where('received_on', '>=', input.from);
  if (input.to) q = q.where('received_on', '<=', input.to);
  if (input.kind) q = q.where('kind', '=', input.kind);
  if (input.field) q = q.where('field', '=', input.field);
  if (input.channel) q = q.where('channel', '=', input.channel);
  if (input.status) q = whereStatus(q, input.status, today);
  return q;
}

/** How many rows a query gives, counting no further than `upTo + 1` (never every match). */
async function countUpTo(db: Kysely<DB>, q: PetitionQuery, upTo: number): Promise<number> {
  const sub = q.select(sql<number>`1`.as('one')).limit(upTo + 1);
  return Number((await db.selectFrom(sub.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

const noNarrowing = (q: PetitionQuery) => q;

async function countAll(q: PetitionQuery): Promise<number> {
  return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/** The exact number of petitions under the list's filters (petitions.count). */
export async function countPetitions(db: Kysely<DB>, input: PetitionFilters, today: string): Promise<{ total: number }> {
  return { total: await countAll(whereFilters(db.selectFrom('petitions'), input, today)) };
}

/**
 * One page of the petition list, filtered and searched in SQLite (never loaded whole).
 * `narrow` adds conditions of its own (the statistics screen opens the records behind a figure
 * this way, with the same definitions as the figure).
 *
 * With a search, the total is counted up to LIST_COUNT_CAP rows past the offset: beyond that the page
 * says `totalCapped` ("hơn 1.000"), and a page further down counts further. A search (db/search-index.ts)
 * puts the petitions of a petitioner named exactly as typed first, then the others by the chosen
 * sort; when more than SEARCH_EXACT_SORT petitions match, they come by order of entry in the register
 * (newest first, or oldest with `asc`) straight from the index, and the page says `orderedByEntry`.
 */
export async function listPetitions(
  db: Kysely<DB>,
  input: z.output<typeof petitionListSchema>,
  today: string,
  narrow: (q: PetitionQuery) => PetitionQuery = noNarrowing,
  /** Whether a denunciation may be found by its denouncer's name or ID (db/protection.ts canSeeProtected). */
  seeProtected = false,
): Promise<PetitionPage> {
  const search = parseSearch(input.search);
  if (search === 'nothing') return { total: 0, offset: input.offset, rows: [] };
  const base = (from: PetitionQuery) => whereFilters(narrow(from), input, today);
  const cap = input.offset + Math.max(LIST_COUNT_CAP, input.limit);
  const order = input.direction;
  const sorted = (q: PetitionQuery) => (input.sort === 'receivedOn' ? q.orderBy('received_on', order).orderBy('id', order) : q.orderBy('year', order).orderBy('seq', order));

  if (search === null) {
    const q = base(db.selectFrom('petitions'));
    const rows = await rowsByIds(db, await idsOf(sorted(q).limit(input.limit).offset(input.offset)), today);
    // A drill-down's total is a figure of the statistics: exact. The list's own total is counted
    // up to the cap, so the page never waits for a count of a large filter (a channel over a
    // million petitions); the screen asks countPetitions for the exact total once it shows the page.
    if (narrow !== noNarrowing) return { total: await countAll(q), offset: input.offset, rows };
    return page(input.offset, await countUpTo(db, q, cap), cap, rows);
  }

  const match = petitionWordsMatch(db, search, seeProtected);
  // A period bounds the index by the ids entered in it (ids follow entry, dates mostly too).
  const bounds = input.from || input.to ? await idBounds(db, input.from ?? null, input.to ?? null) : null;
  if (bounds === 'none') return { total: 0, offset: input.offset, rows: [] };
  // The index is keyed by -id (migration 0015): its rowid order is newest first, read forwards.
  // The bounds are cast to integers: the driver binds a number as REAL, and FTS5 uses a rowid
  // bound only when it is an INTEGER (otherwise it walks the index from its start).
  const asInteger = integerParam;
  const inBounds = (q: SelectQueryBuilder<DB, never, object>, rowid: string) =>
    bounds ? q.where(sql.ref(rowid), '>=', asInteger(-bounds.hi)).where(sql.ref(rowid), '<=', asInteger(-bounds.lo)) : q;
  const ids = (
    await inBounds(db.selectFrom(sql`petitions_words`.as('w')) as unknown as SelectQueryBuilder<DB, never, object>, 'w.rowid')
      .select(sql<number>`-w.rowid`.as('id'))
      .where(match)
      .orderBy(sql`w.rowid`, 'asc')
      .limit(SEARCH_EXACT_SORT + 1)
      .execute()
  ).map((r) => Number(r.id));
  // The exact name's petitions, not yet checked for protection: each use below checks those it takes.
  const exact = await exactNameCandidates(db, search.exactName);
  const shown = (candidates: number[]) => (seeProtected ? Promise.resolve(candidates) : unprotectedOf(db, candidates));

  if (ids.length <= SEARCH_EXACT_SORT) {
    // Few matches: all of them sorted by the chosen column, an exact name first.
    const q = base(db.selectFrom('petitions')).where('id', 'in', ids.length ? ids : [0]);
    const matched = new Set(ids);
    const first = await shown(exact.filter((id) => matched.has(id)));
    const ranked = first.length ? q.orderBy(sql`case when id in (${sql.join(first)}) then 0 else 1 end`) : q;
    // Sorting ids alone (the names are read for the page's rows only): every match, exactly counted.
    const all = await idsOf(sorted(ranked));
    return { total: all.length, offset: input.offset, rows: await rowsByIds(db, all.slice(input.offset, input.offset + input.limit), today) };
  }

  // Many matches: straight from the index in order of entry, the index outside (CROSS JOIN keeps
  // SQLite from reading petitions first), stopping at the page; the exact name's petitions first.
  const fromIndex = () =>
    base(
      inBounds(db.selectFrom(sql`petitions_words`.as('w')).crossJoin('petitions') as unknown as SelectQueryBuilder<DB, never, object>, 'w.rowid')
        .where(match)
        .where(sql<boolean>`petitions.id = -w.rowid`) as unknown as PetitionQuery,
    );
  // Without a filter every match of the index is a petition of the list, and so is every exact
  // name's petition: what was read above is the answer, checked as far as the page needs.
  const unfiltered = !input.from && !input.to && !input.kind && !input.field && !input.channel && !input.status && narrow === noNarrowing;
  const inList = base(db.selectFrom('petitions')).where('id', 'in', exact);
  const firstIds = !exact.length
    ? []
    : unfiltered
      ? await firstShown(
          [...exact].sort((a, b) => (order === 'desc' ? b - a : a - b)),
          Math.min(LIST_COUNT_CAP, input.offset + input.limit),
          shown,
        )
      : (
          await (seeProtected ? inList : inList.where(protectedPetitionSql('kind'), '=', 0))
            .select('id')
            .orderBy('id', order)
            .limit(LIST_COUNT_CAP)
            .execute()
        ).map((r) => r.id);
  const rest = firstIds.length ? fromIndex().where('petitions.id', 'not in', firstIds) : fromIndex();
  // The ids read above tell when there are more than the cap; counting them again would walk the index.
  const restCount = unfiltered && ids.length > cap ? ids.length - firstIds.length : await countUpTo(db, rest, Math.max(0, cap - firstIds.length));
  const pageFirst = firstIds.slice(input.offset, input.offset + input.limit);
  const restOffset = Math.max(0, input.offset - firstIds.length);
  const restWanted = input.limit - pageFirst.length;
  const pageRest =
    restWanted <= 0
      ? []
      : (unfiltered && order === 'desc' ? pageFromRead(ids, firstIds, restOffset, restWanted) : null) ??
        (await idsOf(rest.orderBy(sql`w.rowid`, order === 'desc' ? 'asc' : 'desc').limit(restWanted).offset(restOffset)));
  const rows = await rowsByIds(db, [...pageFirst, ...pageRest], today);
  return { ...page(input.offset, firstIds.length + restCount, cap, rows), orderedByEntry: true };
}

/**
 * The rest of a page newest first, without a filter, from the index's ids already read (in that
 * order): the exact name's petitions left out, or null when the read did not reach that far.
 */
function pageFromRead(read: number[], first: number[], offset: number, wanted: number): number[] | null {
  const skip = new Set(first);
  const rest = skip.size ? read.filter((id) => !skip.has(id)) : read;
  return rest.length >= offset + wanted ? rest.slice(offset, offset + wanted) : null;
}

function page(offset: number, counted: number, cap: number, rows: PetitionListItem[]): PetitionPage {
  return counted > cap ? { total: cap, offset, rows, totalCapped: true } : { total: counted, offset, rows };
}

/** The first and last id entered with a received date in the period, or 'none'. */
async function idBounds(db: Kysely<DB>, from: string | null, to: string | null): Promise<{ lo: number; hi: number } | 'none'> {
  let q = db.selectFrom('petitions').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')]);
  if (from) q = q.where('received_on', '>=', from);
  if (to) q = q.where('received_on', '<=', to);
  const row = await q.executeTakeFirst();
  return row?.lo == null || row.hi == null ? 'none' : { lo: Number(row.lo), hi: Number(row.hi) };
}

/** At most this many petitions of an exact petitioner name are put first (a very common full name). */
const EXACT_NAME_CANDIDATES = 5 * LIST_COUNT_CAP;

/**
 * Petitions with a petitioner named exactly as typed (folded), a denouncer's among them: the caller
 * keeps those the officer may see (unprotectedOf) once it knows which it needs, since the check
 * reads each petition and its contents (a common full name has thousands of petitions).
 */
async function exactNameCandidates(db: Kysely<DB>, name: string): Promise<number[]> {
  if (!name.includes(' ')) return [];
  const rows = await db
    .selectFrom('persons as x')
    .innerJoin('petition_petitioners as pp', 'pp.person_id', 'x.id')
    .select('pp.petition_id')
    .distinct()
    .where('x.full_name_folded', '=', name)
    .limit(EXACT_NAME_CANDIDATES)
    .execute();
  return rows.map((r) => r.petition_id);
}

/** Of these petitions, those that carry no denunciation, in the order given. */
async function unprotectedOf(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  const hidden = new Set(await protectedAmong(db, ids));
  return hidden.size ? ids.filter((id) => !hidden.has(id)) : ids;
}

/** The first `wanted` of the ordered candidates that may be shown, checked a page's worth at a time. */
async function firstShown(ordered: number[], wanted: number, shown: (ids: number[]) => Promise<number[]>): Promise<number[]> {
  const out: number[] = [];
  for (let from = 0; from < ordered.length && out.length < wanted; from += wanted) out.push(...(await shown(ordered.slice(from, from + wanted))));
  return out.slice(0, wanted);
}

async function idsOf(q: PetitionQuery): Promise<number[]> {
  return (await q.select('petitions.id').execute()).map((r) => r.id);
}

/** The list rows of petitions in the given order: columns, petitioners' names (a denouncer's label), scrubbed. */
async function rowsByIds(db: Kysely<DB>, ids: number[], today: string): Promise<PetitionListItem[]> {
  if (ids.length === 0) return [];
  const position = new Map(ids.map((id, i) => [id, i]));
  const rows = await db
    .selectFrom('petitions')
    .where('id', 'in', ids)
    .select(LIST_COLUMNS.map((c) => `petitions.${c}` as const))
    .select(petitionerNames('petitions.id').as('petitioner_names'))
    .select(protectedPetitionSql('petitions.kind').as('protected'))
    .execute();
  const protectedIds = rows.filter((r) => Number(r.protected) === 1).map((r) => r.id);
  return scrubPetitionRows(
    db,
    rows.map(
      (r): PetitionListItem => ({
        id: r.id,
        registerNo: r.register_no,
        receivedOn: r.received_on,
        channel: r.channel as Channel,
        kind: r.kind as PetitionKind,
        field: r.field as Field,
        signatories: r.signatories,
        petitionerNames: r.petitioner_names ?? '',
        subject: r.subject,
        summary: r.summary,
        status: statusOf(r, today),
        dueOn: r.due_on,
      }),
    ).sort((a, b) => position.get(a.id)! - position.get(b.id)!),
    protectedIds,
  );
}

/** Petitions a citizen signed, newest first; never a denunciation (its denouncer is protected). */
export async function petitionsOfCitizen(db: Kysely<DB>, citizenId: number, today: string): Promise<Petition[]> {
  const ids = await db
    .selectFrom('petition_petitioners as pp')
    .innerJoin('persons as p', 'p.id', 'pp.person_id')
    .select('pp.petition_id')
    .distinct()
    .innerJoin('petitions as x', 'x.id', 'pp.petition_id')
    .where('p.citizen_id', '=', citizenId)
    .where(protectedPetitionSql('x.kind'), '=', 0)
    .execute();
  return (await getPetitions(db, ids.map((r) => r.petition_id), today)).sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.id - a.id);
}
