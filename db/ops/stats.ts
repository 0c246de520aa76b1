// The statistics of a period, computed in SQLite from the records (never typed by hand), in a few
// scans over the denormalised petition columns so a year of a million petitions stays fast.
// Definitions and identities: shared/stats/definitions.ts.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { FIELDS, PETITION_KINDS } from '../../shared/domain/petition.ts';
import { DECISION_ACTIONS, INELIGIBLE_REASONS } from '../../shared/domain/workflow.ts';
import { RECEPTION_GROUPS, type AgencyFigures, type ReceptionFigures, type Statistics } from '../../shared/stats/definitions.ts';
import type { DB } from '../schema.ts';
import { petitionListSchema, type PetitionPage } from '../../shared/domain/petition.ts';
import type { MonthlyKinds, statsDrillSchema, statsMonthlySchema } from '../../shared/stats/definitions.ts';
import type { z } from '../../shared/validation.ts';
import { listPetitions, type PetitionQuery } from './petitions.ts';
import { changedCommuneCodes, codesCountedUnder, statisticsCommune, UNIT_CHANGES } from '../units.ts';
import type { UnitChange } from '../../shared/domain/units.ts';
import type { CommuneBreakdown } from '../../shared/stats/definitions.ts';

// Column names come from the closed enum lists above, never from input.
// FILTER is cheaper per row than sum(case …) over a million rows (measured in npm run bench).
const count = (alias: string, condition: string) => `count(*) filter (where ${condition}) as "${alias}"`;
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

const PETITION_COLUMNS = [
  'count(*) as "received"',
  count('multi_signatory', 'signatories >= 2'),
  count('eligible', 'cls_eligible = 1'),
  ...PETITION_KINDS.map((k) => count(`eligible:${k}`, `cls_eligible = 1 and kind = ${quote(k)}`)),
  count('ineligible', 'cls_eligible = 0'),
  ...INELIGIBLE_REASONS.map((r) => count(`reason:${r}`, `cls_eligible = 0 and cls_reason = ${quote(r)}`)),
  count('unclassified', 'cls_eligible is null'),
  ...FIELDS.map((f) => count(`field:${f}`, `field = ${quote(f)}`)),
  ...DECISION_ACTIONS.map((a) => count(`decision:${a}`, `dec_action = ${quote(a)}`)),
  count('undecided', 'dec_action is null'),
].join(',\n  ');

function emptyReception(): ReceptionFigures {
  return { sessions: 0, visits: 0, persons: 0, delegations: 0, delegation_persons: 0 };
}

/**
 * The old codes that count under another unit today, as a table for SQL (`old`, `new`); empty when
 * no commune changed its code.
 */
function communeMap(today: string, changes: readonly UnitChange[]) {
  const rows = changedCommuneCodes(today, changes);
  return rows.length === 0
    ? sql`select null as old, null as new where 1 = 0`
    : sql.join(
        rows.map((r) => sql`select ${r.from} as old, ${r.to} as new`),
        sql` union all `,
      );
}

/**
 * Petitions received in the period by the commune where the case arose (their contents' matters),
 * each code mapped to today's unit: exact distinct counts even when two old codes became one unit.
 */
export async function communeBreakdown(db: Kysely<DB>, from: string, to: string, today: string, changes: readonly UnitChange[] = UNIT_CHANGES): Promise<CommuneBreakdown> {
  // One pass over the period's contents and their matters: a row per commune, then one row without
  // a code holding the period's petitions that name no commune (the period's count less those that do).
  const result = await sql<{ code: string | null; petitions: number; matters: number }>`
    with map(old, new) as (${communeMap(today, changes)}),
    x as materialized (
      select p.id as pid, m.id as mid, coalesce(map.new, m.case_commune_code) as code
      from petitions p
      join petition_contents pc on pc.petition_id = p.id
      join matters m on m.id = pc.matter_id
      left join map on map.old = m.case_commune_code
      where p.received_on between ${from} and ${to} and m.case_commune_code is not null)
    select code, count(distinct pid) as petitions, count(distinct mid) as matters from x group by code
    union all
    select null as code, (select count(*) from petitions where received_on between ${from} and ${to}) - count(distinct pid) as petitions, 0 as matters
    from x`.execute(db);
  const byCommune = result.rows.filter((r): r is typeof r & { code: string } => r.code !== null);
  const unrecorded = Number(result.rows.find((r) => r.code === null)?.petitions ?? 0);
  const communes = byCommune.map((r) => {
    const unit = statisticsCommune(r.code, today, changes);
    return { commune: r.code, name: unit.fullName, province: unit.provinceCode, province_name: unit.provinceName, petitions: r.petitions, matters: r.matters };
  });
  communes.sort((a, b) => b.petitions - a.petitions || (a.name ?? '').localeCompare(b.name ?? '', 'vi') || a.commune.localeCompare(b.commune));
  return { units_on: today, communes, unrecorded };
}

export async function computeStatistics(
  db: Kysely<DB>,
  from: string,
  to: string,
  today: string,
  changes: readonly UnitChange[] = UNIT_CHANGES,
  /** Without the breakdown by commune (the screen reads it through stats.communes when asked). */
  options: { communes?: boolean } = {},
): Promise<Statistics> {
  const asOf = today < to ? today : to;

  const reception = Object.fromEntries(RECEPTION_GROUPS.map((g) => [g, emptyReception()])) as Statistics['reception'];
  const receptionRows = await sql<{ grp: keyof typeof reception } & ReceptionFigures>`
    select case s.kind when 'regular' then 'regular' when 'online' then 'online' else 'leaders' end as grp,
      count(distinct s.id) as sessions,
      count(v.id) as visits,
      coalesce(sum(v.persons), 0) as persons,
      count(v.delegation_members) as delegations,
      coalesce(sum(v.delegation_members), 0) as delegation_persons
    from reception_sessions s left join visits v on v.session_id = s.id
    where s.date between ${from} and ${to}
    group by grp`.execute(db);
  for (const r of receptionRows.rows) {
    reception[r.grp] = { sessions: r.sessions, visits: r.visits, persons: r.persons, delegations: r.delegations, delegation_persons: r.delegation_persons };
  }

  const row = (await sql<Record<string, number>>`select ${sql.raw(PETITION_COLUMNS)} from petitions where received_on between ${from} and ${to}`.execute(db))
    .rows[0]!;
  // Undecided, or decided in the period or later: two ranges of petitions_decided (dec_on, received_on).
  const carried = await sql<{ n: number }>`
    select (select count(*) from petitions where dec_on is null and received_on < ${from})
      + (select count(*) from petitions where dec_on >= ${from} and received_on < ${from}) as n`.execute(db);

  const agencies = await sql<AgencyFigures & { agency_id: number }>`
    select a.code as agency, a.name as name, count(*) as forwarded,
      coalesce(sum(case when p.reply_on is not null then 1 else 0 end), 0) as replied,
      coalesce(sum(case when p.reply_on is not null and p.reply_on <= coalesce(p.reply_due_on, p.reply_on) then 1 else 0 end), 0) as replied_on_time,
      coalesce(sum(case when p.reply_on is not null and p.reply_on > p.reply_due_on then 1 else 0 end), 0) as replied_late,
      coalesce(sum(case when p.reply_on is null and p.reply_due_on < ${asOf} then 1 else 0 end), 0) as overdue,
      coalesce(sum(case when p.reply_on is null and (p.reply_due_on is null or p.reply_due_on >= ${asOf}) then 1 else 0 end), 0) as pending
    from petitions p join agencies a on a.id = p.dec_agency_id
    where p.received_on between ${from} and ${to} and p.dec_action = 'forward'
    group by a.id
    order by forwarded desc, a.name`.execute(db);

  const pick = <K extends string>(keys: readonly K[], prefix: string) => Object.fromEntries(keys.map((k) => [k, row[`${prefix}:${k}`] ?? 0])) as Record<K, number>;
  const decisions = pick(DECISION_ACTIONS, 'decision');
  return {
    period: { from, to },
    as_of: asOf,
    reception,
    petitions: {
      received: row.received ?? 0,
      carried_over: carried.rows[0]?.n ?? 0,
      multi_signatory: row.multi_signatory ?? 0,
      eligible: { total: row.eligible ?? 0, ...pick(PETITION_KINDS, 'eligible') },
      ineligible: { total: row.ineligible ?? 0, by_reason: pick(INELIGIBLE_REASONS, 'reason') },
      unclassified: row.unclassified ?? 0,
      by_field: pick(FIELDS, 'field'),
      decisions: { ...decisions, total: DECISION_ACTIONS.reduce((n, a) => n + decisions[a], 0), undecided: row.undecided ?? 0 },
      forwarded_by_agency: agencies.rows.map((a) => ({
        agency: a.agency,
        name: a.name,
        forwarded: a.forwarded,
        replied: a.replied,
        replied_on_time: a.replied_on_time,
        replied_late: a.replied_late,
        overdue: a.overdue,
        pending: a.pending,
      })),
    },
    ...(options.communes === false ? {} : { by_commune: await communeBreakdown(db, from, to, today, changes) }),
  };
}

/**
 * The petitions behind one figure, with the very conditions that counted it. Reception figures
 * count sessions and visits, not petitions, so they have no drill.
 */
export function drillPetitions(db: Kysely<DB>, input: z.output<typeof statsDrillSchema>, today: string, changes: readonly UnitChange[] = UNIT_CHANGES): Promise<PetitionPage> {
  const { from, to, drill, part } = input;
  const asOf = today < to ? today : to;
  const page = petitionListSchema.parse({ offset: input.offset, limit: input.limit, sort: 'registerNo', direction: 'asc' });
  const inPeriod = (q: PetitionQuery) => q.where('received_on', '>=', from).where('received_on', '<=', to);
  const forwardedTo = (q: PetitionQuery) => {
    const f = inPeriod(q).where('dec_action', '=', 'forward');
    return part ? f.where('dec_agency_id', 'in', db.selectFrom('agencies').select('id').where('code', '=', part)) : f;
  };
  const narrow = (q: PetitionQuery): PetitionQuery => {
    switch (drill) {
      case 'received':
        return inPeriod(q);
      case 'carried_over':
        return q.where('received_on', '<', from).where((eb) => eb.or([eb('dec_on', 'is', null), eb('dec_on', '>=', from)]));
      case 'multi_signatory':
        return inPeriod(q).where('signatories', '>=', 2);
      case 'eligible':
        return part ? inPeriod(q).where('cls_eligible', '=', 1).where('kind', '=', part) : inPeriod(q).where('cls_eligible', '=', 1);
      case 'ineligible':
        return part ? inPeriod(q).where('cls_eligible', '=', 0).where('cls_reason', '=', part) : inPeriod(q).where('cls_eligible', '=', 0);
      case 'unclassified':
        return inPeriod(q).where('cls_eligible', 'is', null);
      case 'field':
        return inPeriod(q).where('field', '=', part ?? '');
      case 'decision':
        return part ? inPeriod(q).where('dec_action', '=', part) : inPeriod(q).where('dec_action', 'is', null);
      case 'agency_forwarded':
        return forwardedTo(q);
      case 'agency_replied':
        return forwardedTo(q).where('reply_on', 'is not', null);
      case 'agency_replied_on_time':
        return forwardedTo(q).where('reply_on', 'is not', null).where((eb) => eb.or([eb('reply_due_on', 'is', null), eb('reply_on', '<=', eb.ref('reply_due_on'))]));
      case 'agency_replied_late':
        return forwardedTo(q).where('reply_on', 'is not', null).where('reply_on', '>', (eb) => eb.ref('reply_due_on'));
      case 'agency_overdue':
        return forwardedTo(q).where('reply_on', 'is', null).where('reply_due_on', '<', asOf);
      case 'agency_pending':
        return forwardedTo(q).where('reply_on', 'is', null).where((eb) => eb.or([eb('reply_due_on', 'is', null), eb('reply_due_on', '>=', asOf)]));
      case 'commune': {
        // Every code counted under today's unit `part` (itself, and the codes that became it).
        const codes = codesCountedUnder(part ?? '', today, changes);
        return inPeriod(q).where((eb) =>
          eb.exists(
            eb.selectFrom('petition_contents as pc').innerJoin('matters as m', 'm.id', 'pc.matter_id').select(sql.lit(1).as('one')).whereRef('pc.petition_id', '=', 'petitions.id').where('m.case_commune_code', 'in', codes.length ? codes : ['']),
          ),
        );
      }
      case 'commune_unrecorded':
        return inPeriod(q).where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('petition_contents as pc').innerJoin('matters as m', 'm.id', 'pc.matter_id').select(sql.lit(1).as('one')).whereRef('pc.petition_id', '=', 'petitions.id').where('m.case_commune_code', 'is not', null),
            ),
          ),
        );
    }
  };
  return listPetitions(db, page, today, narrow);
}

/**
 * Petitions received per month and kind, for the chart of the statistics screen: one query over
 * the received_on range of all the months (petitions_period_figures covers it), each row put in
 * its month by a CASE. Counts are those petitions.list gives for the same dates and kind.
 */
export async function monthlyByKind(db: Kysely<DB>, input: z.output<typeof statsMonthlySchema>): Promise<MonthlyKinds[]> {
  const { months } = input;
  const bucket = sql.join(
    months.map((m, i) => sql`when received_on between ${m.from} and ${m.to} then ${i}`),
    sql` `,
  );
  const rows = await sql<{ m: number | null; kind: string; n: number }>`
    select case ${bucket} end as m, kind, count(*) as n
    from petitions
    where received_on between ${months[0]!.from} and ${months.at(-1)!.to}
    group by m, kind`.execute(db);
  const result = months.map((m): MonthlyKinds => ({ from: m.from, to: m.to, counts: Object.fromEntries(PETITION_KINDS.map((k) => [k, 0])) as MonthlyKinds['counts'] }));
  for (const r of rows.rows) {
    if (r.m === null) continue;
    result[r.m]!.counts[r.kind as keyof MonthlyKinds['counts']] = r.n;
  }
  return result;
}
