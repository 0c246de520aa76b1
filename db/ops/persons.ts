// Person snapshots and the citizen registry behind them. Saving a person links it to a citizen:
// the one chosen in the lookup, else the one with the same ID number, else a new one. The
// citizen keeps the latest details given; the snapshot keeps what was written on that occasion.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import { citizensByWordPrefixes } from '../engine/sql.ts';
import { ApiError } from '../../shared/errors.ts';
import type { CitizenMatch, Gender, Person, PersonExtra, PersonKind, personSchema } from '../../shared/domain/person.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import type { DB, PersonTable } from '../schema.ts';
import { likeWordPrefix } from './search.ts';
import { knownOnlyAsDenouncerSql, protectedPetitionSql, protectedVisitSql } from '../protection.ts';
import { runCompiled } from '../compiled-queries.ts';

export type PersonData = z.output<typeof personSchema>;

export function personColumns(p: PersonData) {
  return columns(p);
}

function columns(p: PersonData) {
  return {
    full_name: p.fullName,
    full_name_folded: fold(p.fullName),
    id_number: p.idNumber,
    birth_year: p.birthYear,
    gender: p.gender,
    phone: p.phone,
    address: p.address,
    commune_code: p.communeCode,
    person_kind: p.kind ?? 'citizen',
    nationality: p.nationality ?? null,
    id_issued_on: p.idIssuedOn ?? null,
    id_issued_place: p.idIssuedPlace ?? null,
    org_reg_no: p.orgRegNo ?? null,
    org_representative: p.representative ?? null,
  };
}

/** The details beyond a citizen's, only those that carry something (see PersonExtra). */
export function personExtra(row: {
  person_kind: string;
  nationality: string | null;
  id_issued_on: string | null;
  id_issued_place: string | null;
  org_reg_no: string | null;
  org_representative: string | null;
}): PersonExtra {
  const extra: PersonExtra = {};
  if (row.person_kind !== 'citizen') extra.kind = row.person_kind as PersonKind;
  if (row.nationality) extra.nationality = row.nationality;
  if (row.id_issued_on) extra.idIssuedOn = row.id_issued_on;
  if (row.id_issued_place) extra.idIssuedPlace = row.id_issued_place;
  if (row.org_reg_no) extra.orgRegNo = row.org_reg_no;
  if (row.org_representative) extra.representative = row.org_representative;
  return extra;
}

/** Finds or creates the citizen for a person and refreshes its details; returns its id. */
async function linkCitizen(trx: Transaction<DB>, p: PersonData, now: string, field: string): Promise<number> {
  let citizenId = p.citizenId;
  if (citizenId !== null) {
    const exists = await trx.selectFrom('citizens').select('id').where('id', '=', citizenId).executeTakeFirst();
    if (!exists) throw new ApiError('NOT_FOUND', `Không tìm thấy công dân có mã số ${citizenId}`);
  } else if (p.idNumber) {
    citizenId = (await trx.selectFrom('citizens').select('id').where('id_number', '=', p.idNumber).executeTakeFirst())?.id ?? null;
  } else if (p.kind === 'organisation' && p.orgRegNo) {
    citizenId =
      (await trx.selectFrom('citizens').select('id').where('person_kind', '=', 'organisation').where('org_reg_no', '=', p.orgRegNo).executeTakeFirst())?.id ?? null;
  }
  if (citizenId === null) {
    const [row] = await runCompiled(trx, 'citizens.insert', { ...columns(p), created_at: now, updated_at: now }, (db, v) => db.insertInto('citizens').values(v).returning('id'));
    return row!.id;
  }
  if (p.idNumber) {
    const clash = await trx.selectFrom('citizens').select(['id', 'full_name']).where('id_number', '=', p.idNumber).where('id', '!=', citizenId).executeTakeFirst();
    if (clash) {
      throw new ApiError('CONFLICT', `Số CCCD ${p.idNumber} đã thuộc về công dân ${clash.full_name}`, [
        { path: field ? `${field}.idNumber` : 'idNumber', message: `Số CCCD ${p.idNumber} đã thuộc về công dân ${clash.full_name}` },
      ]);
    }
  }
  // Keep known details when this occasion left them blank.
  const c = columns(p);
  await trx
    .updateTable('citizens')
    .set({
      full_name: c.full_name,
      full_name_folded: c.full_name_folded,
      id_number: sql`coalesce(${c.id_number}, id_number)`,
      birth_year: sql`coalesce(${c.birth_year}, birth_year)`,
      gender: sql`coalesce(${c.gender}, gender)`,
      phone: sql`coalesce(${c.phone}, phone)`,
      address: sql`coalesce(${c.address}, address)`,
      commune_code: sql`coalesce(${c.commune_code}, commune_code)`,
      person_kind: c.person_kind,
      nationality: sql`coalesce(${c.nationality}, nationality)`,
      id_issued_on: sql`coalesce(${c.id_issued_on}, id_issued_on)`,
      id_issued_place: sql`coalesce(${c.id_issued_place}, id_issued_place)`,
      org_reg_no: sql`coalesce(${c.org_reg_no}, org_reg_no)`,
      org_representative: sql`coalesce(${c.org_representative}, org_representative)`,
      updated_at: now,
    })
    .where('id', '=', citizenId)
    .execute();
  return citizenId;
}

/**
 * Stores a snapshot of a person (linked to its citizen) and returns the snapshot's id and the
 * citizen's. `field` is where the person sits in the input (e.g. `petitioners.1`), so an error
 * lands next to the right field.
 */
export async function savePerson(trx: Transaction<DB>, p: PersonData, now: string, field = ''): Promise<{ personId: number; citizenId: number; person: Person }> {
  const citizenId = await linkCitizen(trx, p, now, field);
  // The snapshot as stored, so a caller answering with it need not read it back.
  const [row] = await runCompiled(trx, 'persons.insert', { ...columns(p), citizen_id: citizenId }, (db, v) => db.insertInto('persons').values(v).returningAll());
  return { personId: row!.id, citizenId, person: toPerson(row!) };
}

/** The same person written twice in one input (a visitor who is also the first representative). */
export function sameWrittenPerson(a: PersonData, b: PersonData): boolean {
  if (a.citizenId !== null && b.citizenId !== null) return a.citizenId === b.citizenId;
  if (a.idNumber && b.idNumber) return a.idNumber === b.idNumber;
  return !a.idNumber && !b.idNumber && fold(a.fullName) === fold(b.fullName);
}

export function toPerson(row: Selectable<PersonTable>): Person {
  return {
    citizenId: row.citizen_id,
    fullName: row.full_name,
    idNumber: row.id_number,
    birthYear: row.birth_year,
    gender: row.gender as Gender | null,
    phone: row.phone,
    address: row.address,
    communeCode: row.commune_code,
    ...personExtra(row),
  };
}

export async function readPersons(db: Kysely<DB>, ids: number[]): Promise<Map<number, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toPerson(r)]));
}

/** How many candidates the indexes may give before the lookup walks the citizens newest first instead. */
const CANDIDATES = 1000;

/** The first string after every string that begins with `prefix` (prefix of digits or letters). */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Citizens whose folded name has a word beginning with each typed word (in any order), or whose
 * ID number begins with the typed digits, most recently seen first. Per keystroke at intake, so
 * on indexes: the words through citizens_words (FTS5, migration 0010), the ID number through its
 * unique index. A rare prefix gives a few candidates, sorted here; a common one (more than
 * CANDIDATES) is answered by walking citizens newest first (citizens_updated), where the first
 * matches come at once. Both ways apply the same condition, so they give the same answer.
 */
export async function searchCitizens(db: Kysely<DB>, query: string, limit: number): Promise<CitizenMatch[]> {
  const term = fold(query);
  if (term.length < 2) return [];
  const tokens = term.split(' ').filter(Boolean);
  const digits = query.replace(/\s+/g, '');
  const byIdNumber = /^\d{3,}$/.test(digits);
  // The index's words are runs of letters and digits; a typed word's runs each begin one of them.
  const runs = term.match(/[\p{L}\p{N}]+/gu) ?? [];
  const byName = runs.length > 0;
  if (!byName && !byIdNumber) return [];
  const nameIds = byName
    ? (await citizensByWordPrefixes(db, runs, CANDIDATES + 1).execute(db)).rows.map((r) => r.id)
    : [];
  const idNumberIds = byIdNumber
    ? (await db.selectFrom('citizens').select('id').where('id_number', '>=', digits).where('id_number', '<', afterPrefix(digits)).limit(CANDIDATES + 1).execute()).map((r) => r.id)
    : [];
  const walk = nameIds.length > CANDIDATES || idNumberIds.length > CANDIDATES;
  const candidates = [...new Set([...nameIds, ...idNumberIds])];
  if (!walk && candidates.length === 0) return [];
  // Matches in order (cheap: the citizens' own columns), then the details and the protection check
  // of a batch at a time, until the limit is filled: the costly checks run on what is shown.
  const batchSize = Math.max(20, limit * 2);
  const ordered = (after: { updated_at: string; id: number } | null) =>
    db
      .selectFrom('citizens as c')
      .select(['c.id', 'c.updated_at'])
      .$if(!walk, (q) => q.where('c.id', 'in', candidates))
      .where((eb) =>
        eb.or([
          ...(byName ? [eb.and(tokens.map((t) => eb(sql<string>`' ' || c.full_name_folded`, 'like', sql<string>`${likeWordPrefix(t)} escape '\\'`)))] : []),
          ...(byIdNumber ? [eb.and([eb('c.id_number', '>=', digits), eb('c.id_number', '<', afterPrefix(digits))])] : []),
        ]),
      )
      .$if(after !== null, (q) => q.where(sql<boolean>`(c.updated_at, c.id) < (${after!.updated_at}, ${after!.id})`))
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(batchSize)
      .execute();
  const rows: Awaited<ReturnType<typeof citizenDetails>> = [];
  let after: { updated_at: string; id: number } | null = null;
  while (rows.length < limit) {
    const batch = await ordered(after);
    if (batch.length === 0) break;
    const details = new Map((await citizenDetails(db, batch.map((b) => b.id))).map((r) => [r.id, r]));
    for (const b of batch) {
      const r = details.get(b.id);
      if (r) rows.push(r);
    }
    if (batch.length < batchSize) break;
    after = batch.at(-1)!;
  }
  rows.splice(limit);
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    idNumber: r.id_number,
    birthYear: r.birth_year,
    address: r.address,
    phone: r.phone,
    gender: r.gender as Gender | null,
    communeCode: r.commune_code,
    visits: Number(r.visits ?? 0),
    petitions: Number(r.petitions ?? 0),
  }));
}

/** A citizen's row of the lookup with their visits and petitions counted; never one known only as a denouncer. */
function citizenDetails(db: Kysely<DB>, ids: number[]) {
  return db
    .selectFrom('citizens as c')
    .select((eb) => [
      'c.id',
      'c.full_name',
      'c.id_number',
      'c.birth_year',
      'c.address',
      'c.phone',
      'c.gender',
      'c.commune_code',
      // Visits as the visitor or as a delegation's representative, each once (as citizens.history counts them).
      // Neither count includes what protects a denouncer (db/protection.ts): a denunciation, or
      // a visit about one; citizens.history lists the same records.
      sql<number>`(select count(*) from (
        select v.id from visits v join persons p on p.id = v.person_id where p.citizen_id = c.id
        union
        select r.visit_id from visit_representatives r join persons p on p.id = r.person_id where p.citizen_id = c.id) u
        where not ${protectedVisitSql('u.id')})`.as('visits'),
      eb
        .selectFrom('petition_petitioners as pp')
        .innerJoin('persons as p', 'p.id', 'pp.person_id')
        .innerJoin('petitions as x', 'x.id', 'pp.petition_id')
        .select((e) => e.fn.count<number>('pp.petition_id').distinct().as('n'))
        .whereRef('p.citizen_id', '=', 'c.id')
        .where(protectedPetitionSql('x.kind'), '=', 0)
        .as('petitions'),
    ])
    .where('c.id', 'in', ids)
    // A citizen known to the register only as a denouncer is not found at all: finding them
    // would tell that they denounced.
    .where(sql<boolean>`not (${knownOnlyAsDenouncerSql('c.id')})`)
    .execute();
}
