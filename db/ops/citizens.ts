// A citizen's history: every visit and petition linked to them through their snapshots.
import type { Kysely } from 'kysely';
import type { CitizenHistory } from '../../shared/api/contract.ts';
import type { Gender } from '../../shared/domain/person.ts';
import { ApiError } from '../../shared/errors.ts';
import type { DB } from '../schema.ts';
import { petitionsOfCitizen } from './petitions.ts';
import { getVisits } from './reception.ts';
import { knownOnlyAsDenouncerSql, protectedVisitIds } from '../protection.ts';
import { sql } from 'kysely';

export async function citizenHistory(db: Kysely<DB>, id: number, today: string): Promise<CitizenHistory> {
  const c = await db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new ApiError('NOT_FOUND', `Không tìm thấy công dân có mã số ${id}`);
  // Someone known only as a denouncer is not shown at all, as if unknown (db/protection.ts).
  const onlyDenouncer = await db.selectFrom('citizens').select(sql<number>`${knownOnlyAsDenouncerSql('citizens.id')}`.as('x')).where('id', '=', id).executeTakeFirstOrThrow();
  if (Number(onlyDenouncer.x) === 1) throw new ApiError('NOT_FOUND', `Không tìm thấy công dân có mã số ${id}`);
  const visitIds = new Set<number>();
  const asVisitor = await db.selectFrom('visits as v').innerJoin('persons as p', 'p.id', 'v.person_id').select('v.id').where('p.citizen_id', '=', id).execute();
  const asRepresentative = await db
    .selectFrom('visit_representatives as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select('r.visit_id as id')
    .where('p.citizen_id', '=', id)
    .execute();
  for (const r of [...asVisitor, ...asRepresentative]) visitIds.add(r.id);
  // A denouncer's visits about the denunciation are not part of their history (db/protection.ts).
  const hidden = await protectedVisitIds(db, [...visitIds]);
  for (const id of hidden) visitIds.delete(id);
  const visits = (await getVisits(db, { ids: [...visitIds] })).sort((a, b) => b.sessionDate.localeCompare(a.sessionDate) || b.id - a.id);
  const petitions = await petitionsOfCitizen(db, id, today);
  return {
    citizen: {
      id: c.id,
      fullName: c.full_name,
      idNumber: c.id_number,
      birthYear: c.birth_year,
      address: c.address,
      phone: c.phone,
      gender: c.gender as Gender | null,
      communeCode: c.commune_code,
      visits: visits.length,
      petitions: petitions.length,
    },
    visits,
    petitions,
  };
}
