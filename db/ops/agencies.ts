// Agency directory operations (cơ quan, đơn vị).
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Agency, AgencyKind, agencyListSchema, agencySetActiveSchema, agencyUpsertSchema } from '../../shared/domain/agency.ts';
import { ApiError } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { AgencyTable, DB } from '../schema.ts';
import { likeContains } from './search.ts';

/** Directory order: the province's leadership first, then departments, courts, communes, central bodies. */
const KIND_ORDER = sql<number>`case kind when 'provincial_leadership' then 1 when 'provincial_department' then 2 when 'court_procuracy' then 3 when 'commune' then 4 when 'central' then 5 else 6 end`;

export function toAgency(row: Selectable<AgencyTable>): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as AgencyKind,
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

export async function listAgencies(db: Kysely<DB>, input: z.output<typeof agencyListSchema>): Promise<Agency[]> {
  let query = db.selectFrom('agencies').selectAll();
  if (!input.includeInactive) query = query.where('active', '=', 1);
  if (input.kind) query = query.where('kind', '=', input.kind);
  const term = input.search ? fold(input.search) : '';
  if (term) {
    const pattern = likeContains(term);
    query = query.where((eb) =>
      eb.or([
        eb('name_folded', 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql<string>`lower(code)`, 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const rows = await query.orderBy(KIND_ORDER).orderBy('name_folded').orderBy('id').execute();
  return rows.map(toAgency);
}

export async function getAgency(db: Kysely<DB>, id: number): Promise<Agency> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy cơ quan có mã số ${id}`);
  return toAgency(row);
}

async function ensureCodeFree(trx: Transaction<DB>, code: string, exceptId: number | null): Promise<void> {
  const clash = await trx.selectFrom('agencies').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
  if (clash && clash.id !== exceptId) {
    throw new ApiError('CONFLICT', `Mã cơ quan ${code} đã được dùng cho “${clash.name}”`, [
      { path: 'code', message: `Mã ${code} đã được dùng cho “${clash.name}”` },
    ]);
  }
}

export function upsertAgency(ctx: OpContext, input: z.output<typeof agencyUpsertSchema>): Promise<Agency> {
  return ctx.register.db.transaction().execute((trx) => saveAgency(trx, ctx, input));
}

async function saveAgency(trx: Transaction<DB>, ctx: OpContext, input: z.output<typeof agencyUpsertSchema>): Promise<Agency> {
    const now = ctx.register.now().toISOString();
    const values = { code: input.code, name: input.name, name_folded: fold(input.name), kind: input.kind, active: input.active ? 1 : 0 };
    if (input.id === undefined) {
      await ensureCodeFree(trx, input.code, null);
      const row = await trx
        .insertInto('agencies')
        .values({ ...values, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      const agency = toAgency(row);
      await writeAudit(trx, ctx, { action: 'create', entity: 'agency', entityId: agency.id, after: agency });
      return agency;
    }
    const beforeRow = await trx.selectFrom('agencies').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!beforeRow) throw new ApiError('NOT_FOUND', `Không tìm thấy cơ quan có mã số ${input.id}`);
    await ensureCodeFree(trx, input.code, input.id);
    const row = await trx
      .updateTable('agencies')
      .set({ ...values, updated_at: now })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const agency = toAgency(row);
    await writeAudit(trx, ctx, { action: 'update', entity: 'agency', entityId: agency.id, before: toAgency(beforeRow), after: agency });
    return agency;
}

export function setAgencyActive(ctx: OpContext, input: z.output<typeof agencySetActiveSchema>): Promise<Agency> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const current = await getAgency(trx, input.id);
    return saveAgency(trx, ctx, { id: current.id, code: current.code, name: current.name, kind: current.kind, active: input.active });
  });
}

/** Adds directory entries whose code is not present yet; returns how many were added. */
export async function insertMissingAgencies(
  trx: Transaction<DB>,
  agencies: { code: string; name: string; kind: AgencyKind }[],
  now: string,
): Promise<number> {
  let added = 0;
  for (const a of agencies) {
    const result = await trx
      .insertInto('agencies')
      .values({ code: a.code, name: a.name, name_folded: fold(a.name), kind: a.kind, active: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}
