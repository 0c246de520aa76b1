// The official report forms, counted from the records: each column's `Count` (shared/reports)
// becomes one `count(*) filter (where …)` over a period's facts — one query for the petitions,
// one for the visits, one for the sessions, one for the replies — in SQL that SQLite and
// PostgreSQL both run. Conditions are built from the definitions' closed vocabularies, never
// from input; dates are bound parameters.
import type { Kysely } from 'kysely';
import { sql, type RawBuilder } from 'kysely';
import { FIELDS } from '../../shared/domain/petition.ts';
import { fieldGroupMapping } from '../../shared/reports/field-groups.ts';
import { checkRow, type Count, type IdentityResult, type PetitionWhere, type ReportDefinition, type VisitWhere } from '../../shared/reports/model.ts';
import type { OfficialReport } from '../../shared/reports/report.ts';
import { ApiError } from '../../shared/errors.ts';
import type { DB } from '../schema.ts';

const q = (value: string) => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]) => `(${values.map(q).join(', ')})`;
const HANDLED_ACTIONS = ['accept', 'guide', 'return', 'forward', 'urge'] as const;

/**
 * Who received at a session: the Board's desk, the head in person, or on the head's delegation
 * (reports.md: online reception counts in the group of whoever received; shared/rules/reception.ts
 * receptionGroup gives an online session's group).
 */
export const RECEPTION_BY_SQL = `case when (case when s.kind = 'online' then coalesce(s.online_of, 'regular') else s.kind end) in ('periodic', 'adhoc')
  then (case when s.host_mode = 'delegated' then 'delegated' else 'head' end) else 'regular' end`;

function fieldGroupCase(mapping: Record<string, string>): string {
  return `case p.field ${FIELDS.map((f) => `when ${q(f)} then ${q(mapping[f]!)}`).join(' ')} else 'other' end`;
}

/** A petition filter's conjuncts over the facts (`f.*` columns); none for an empty filter. */
function petitionParts(where: PetitionWhere): string[] {
  const parts: string[] = [];
  if (where.scope === 'carried') parts.push('f.carried = 1');
  if (where.scope === 'received') parts.push('f.carried = 0');
  if (where.processed === true) parts.push('f.processed = 1');
  if (where.processed === false) parts.push('f.processed = 0');
  if (where.eligibleHandled) parts.push(`f.cls_eligible = 1 and f.processed = 1 and f.dec_action in ${list(HANDLED_ACTIONS)}`);
  if (where.receptionHandled) parts.push(`f.visit_id is not null and f.cls_eligible = 1 and f.handled_in_period = 1 and f.dec_action in ${list(HANDLED_ACTIONS)}`);
  if (where.kind) parts.push(`f.kind = ${q(where.kind)}`);
  if (where.action) parts.push(`f.dec_action in ${list(where.action)}`);
  if (where.fieldGroup) parts.push(`f.field_group in ${list(where.fieldGroup)}`);
  if (where.state) parts.push(`f.arrival_state in ${list(where.state)}`);
  if (where.complaintLevel === 'second') parts.push(`f.complaint_level = 'second'`);
  if (where.complaintLevel === 'first') parts.push(`(f.complaint_level is null or f.complaint_level <> 'second')`);
  if (where.viaReception === true) parts.push('f.visit_id is not null');
  if (where.viaReception === false) parts.push('f.visit_id is null');
  return parts;
}

const conjunction = (parts: readonly string[]) => (parts.length === 0 ? '1 = 1' : parts.join(' and '));

/** The SQL condition of a petition filter over the facts (`f.*` columns). */
export function petitionCondition(where: PetitionWhere): string {
  return conjunction(petitionParts(where));
}

/** The SQL condition of a visit filter over the reception facts (`f.*`). */
export function visitCondition(where: VisitWhere): string {
  const parts: string[] = [];
  if (where.by) parts.push(`f.by = ${q(where.by)}`);
  if (where.delegation === true) parts.push('f.delegation = 1');
  if (where.delegation === false) parts.push('f.delegation = 0');
  return parts.length === 0 ? '1 = 1' : parts.join(' and ');
}

/**
 * The period's petitions: received by its end and not processed before it began (carried over)
 * or received in it. A petition stands for its matter through its first content; a merged matter
 * counts as the matter it was merged into. Without `matters` the matter's columns (matter_id,
 * arrival_state, complaint_level) are left out, and with them two lookups per petition.
 */
function population(from: string, to: string, mapping: Record<string, string>, matters = true): RawBuilder<unknown> {
  const matterColumns = matters
    ? sql`, coalesce(m.merged_into, m.id, -p.id) as matter_id, coalesce(m.arrival_state, 'unresolved') as arrival_state, m.complaint_level`
    : sql``;
  // The first content from petition_contents_first alone (migration 0018): `+ 0` keeps SQLite off
  // the unique (petition_id, position) index, which would then read each content's row for its matter.
  const matterJoins = matters ? sql`left join petition_contents c on c.petition_id = p.id and c.position + 0 = 0 left join matters m on m.id = c.matter_id` : sql``;
  return sql`
      select p.id, p.kind, p.received_on, p.dec_on, p.dec_action, p.cls_eligible, p.visit_id,
        ${sql.raw(fieldGroupCase(mapping))} as field_group,
        case when p.received_on < ${from} then 1 else 0 end as carried,
        case when p.dec_on is not null and p.dec_on <= ${to} then 1 else 0 end as processed,
        case when p.dec_on is not null and p.dec_on >= ${from} and p.dec_on <= ${to} then 1 else 0 end as handled_in_period
        ${matterColumns}
      -- Received in the period, or before it and not decided before it began: three index ranges,
      -- never a walk over every earlier petition. The period's own petitions, nearly all of them,
      -- come from petitions_period_figures alone (it holds every column read here, migration 0017);
      -- the carried-over ones, a few thousand, from petitions_decided and then their rows.
      from (
        select ${sql.raw(POPULATION_COLUMNS)} from petitions where received_on >= ${from} and received_on <= ${to}
        union all select ${sql.raw(POPULATION_COLUMNS)} from petitions where dec_on is null and received_on < ${from}
        union all select ${sql.raw(CARRIED_COLUMNS)}
          from (select id from petitions where dec_on >= ${from} and received_on < ${from}) as since join petitions x on x.id = since.id) as p
      ${matterJoins}`;
}

/** The columns of a petition a report reads (all in petitions_period_figures, with the rowid). */
const POPULATION_COLUMNS = 'id, kind, field, received_on, dec_on, dec_action, cls_eligible, visit_id';
/** The same columns of the carried-over petitions' rows (`x`). */
const CARRIED_COLUMNS = POPULATION_COLUMNS.replace(/\w+/g, 'x.$&');

/** The facts `f` of the period's petitions, each marked in or out of the matter base and ranked within its matter (a column's drill). */
function petitionFacts(from: string, to: string, mapping: Record<string, string>, matterBase: string): RawBuilder<unknown> {
  return sql`
    with pop as (${population(from, to, mapping)}),
    f0 as (
      select pop.*, case when ${sql.raw(matterBase.replace(/\bf\./g, 'pop.'))} then 1 else 0 end as in_base from pop
    ),
    f as (select f0.*, row_number() over (partition by f0.in_base, f0.matter_id order by f0.received_on desc, f0.id desc) as matter_rank from f0)`;
}

/** Whether conditions over the facts read a matter's columns. */
const readsMatters = (conditions: readonly string[]) => conditions.some((c) => /\bf\.(matter_id|arrival_state|complaint_level)\b/.test(c));

/**
 * The facts `f` of the period's petitions that meet `conditions`, read with their matters only when
 * `matters`; `ranked` numbers each petition within its matter, latest first (`matter_rank`): a matter
 * counts once, in the columns its latest petition falls in. The rank is taken among the rows that
 * meet the conditions, so these are the matter base's when it is asked for. Ranked, the facts carry
 * only the columns that `reads` (the aggregates over them) refer to: the window sorts every row
 * with what it carries, and a form's base is tens of thousands of petitions (02/XLD's base at
 * 1,000,000: 336 ms with every column, 292 ms with those read).
 */
function restrictedFacts(
  from: string,
  to: string,
  mapping: Record<string, string>,
  conditions: readonly string[],
  matters: boolean,
  ranked: boolean,
  reads: readonly string[],
): RawBuilder<unknown> {
  const where = conjunction(conditions).replace(/\bf\./g, 'pop.');
  const rank = ranked ? sql`, row_number() over (partition by f0.matter_id order by f0.received_on desc, f0.id desc) as matter_rank` : sql``;
  // The window's own column is made here; the matter is what it partitions by.
  const columns = ranked ? factColumns(['f.matter_id', ...reads]).filter((c) => c !== 'matter_rank').map((c) => `f0.${c}`).join(', ') : 'f0.*';
  return sql`
    with pop as (${population(from, to, mapping, matters)}),
    -- Behind a case, so that no index on these columns is preferred to the period's ranges.
    f0 as (select pop.* from pop where case when ${sql.raw(where)} then 1 else 0 end = 1),
    f as (select ${sql.raw(columns)}${rank} from f0)`;
}

/** The columns of the facts (`f.x`) that SQL expressions refer to, each once. */
function factColumns(expressions: readonly string[]): string[] {
  return [...new Set(expressions.flatMap((e) => [...e.matchAll(/\bf\.(\w+)\b/g)].map((m) => m[1]!)))];
}

/** The period's visits (sessions dated in it), each with who received, its matter and whether a repeat. */
function visitFacts(from: string, to: string): RawBuilder<unknown> {
  return sql`with f as (
    select v.id, v.persons, case when v.delegation_members is not null then 1 else 0 end as delegation,
      coalesce(m.merged_into, v.matter_id, -v.id) as matter_id, v.repeat, ${sql.raw(RECEPTION_BY_SQL)} as by
    from visits v join reception_sessions s on s.id = v.session_id left join matters m on m.id = v.matter_id
    where s.date >= ${from} and s.date <= ${to})`;
}

export interface ComputedForm {
  /** Column number -> figure. */
  columns: Record<string, number>;
  identities: IdentityResult[];
}

type CountColumn = { ms: number; count: Count };

function countColumns(definition: ReportDefinition): CountColumn[] {
  return definition.columns.flatMap((c) => (c.value !== 'note' && 'unit' in c.value ? [{ ms: c.ms, count: c.value }] : []));
}

/**
 * Whether a matters column counts exactly the matter base (every matter of the base once, whatever
 * its latest petition): then it is a count of distinct matters, with no ranking.
 */
function countsWholeBase(count: Count, base: string): boolean {
  return count.unit === 'matters' && petitionCondition(count.where) === base;
}

/**
 * The petition columns of a form, counted in at most two queries:
 * - the columns whose filter holds the whole matter base (every matters column, and the petitions
 *   columns that count within the base) over the base's petitions only, ranked within their matter
 *   when a matters column needs it; each filter then says only what it adds to the base;
 * - the other petitions columns over the whole population, less what every one of them asks
 *   (02/XLD: complaints only), read with their matters only when a filter reads a matter.
 * Same counts as one `count(*) filter` per column over every petition of the period, without
 * evaluating the base's conditions for each column and row, or sorting petitions no matters
 * column counts.
 */
async function petitionColumns(db: Kysely<DB>, counts: CountColumn[], baseParts: string[], from: string, to: string, mapping: Record<string, string>): Promise<Record<string, number>> {
  const base = conjunction(baseParts);
  const inBase: [number, string][] = [];
  const whole: { ms: number; parts: string[] }[] = [];
  let ranked = false;
  for (const { ms, count } of counts) {
    if (count.unit !== 'petitions' && count.unit !== 'matters') continue;
    const parts = petitionParts(count.where);
    const beyond = parts.filter((p) => !baseParts.includes(p));
    if (count.unit === 'matters') {
      if (countsWholeBase(count, base)) {
        inBase.push([ms, 'count(distinct f.matter_id)']);
      } else {
        ranked = true;
        inBase.push([ms, `count(*) filter (where ${conjunction([...beyond, 'f.matter_rank = 1'])})`]);
      }
    } else if (baseParts.every((p) => parts.includes(p))) {
      inBase.push([ms, beyond.length === 0 ? 'count(*)' : `count(*) filter (where ${conjunction(beyond)})`]);
    } else {
      whole.push({ ms, parts });
    }
  }
  const values: Record<string, number> = {};
  if (inBase.length > 0) {
    const aggregates = inBase.map(([, agg]) => agg);
    const matters = ranked || readsMatters([...baseParts, ...aggregates]);
    Object.assign(values, await runAggregates(db, restrictedFacts(from, to, mapping, baseParts, matters, ranked, aggregates), inBase));
  }
  if (whole.length > 0) {
    const common = whole[0]!.parts.filter((p) => whole.every((w) => w.parts.includes(p)));
    const columns = whole.map(({ ms, parts }): [number, string] => {
      const rest = parts.filter((p) => !common.includes(p));
      return [ms, rest.length === 0 ? 'count(*)' : `count(*) filter (where ${conjunction(rest)})`];
    });
    const matters = readsMatters(whole.flatMap((w) => w.parts));
    Object.assign(values, await runAggregates(db, restrictedFacts(from, to, mapping, common, matters, false, []), columns));
  }
  return values;
}

function visitAggregate(count: Count): string | null {
  switch (count.unit) {
    case 'visits':
      return `count(*) filter (where ${visitCondition(count.where)})`;
    case 'persons':
      return `coalesce(sum(f.persons) filter (where ${visitCondition(count.where)}), 0)`;
    case 'matters_first':
      return `count(distinct f.matter_id) filter (where ${visitCondition(count.where)} and f.repeat = 0)`;
    case 'matters_repeat':
      return `count(distinct f.matter_id) filter (where ${visitCondition(count.where)}) - count(distinct f.matter_id) filter (where ${visitCondition(count.where)} and f.repeat = 0)`;
    default:
      return null;
  }
}

const alias = (ms: number) => `"c${ms}"`;

/** The columns' aggregates over the facts `f` that `head` defines. */
async function runAggregates(db: Kysely<DB>, head: RawBuilder<unknown>, columns: [number, string][]): Promise<Record<string, number>> {
  if (columns.length === 0) return {};
  const select = columns.map(([ms, agg]) => `${agg} as ${alias(ms)}`).join(',\n  ');
  const row = ((await sql`${head} select ${sql.raw(select)} from f`.execute(db)).rows[0] ?? {}) as Record<string, number | string | null>;
  return Object.fromEntries(columns.map(([ms]) => [String(ms), Number(row[`c${ms}`] ?? 0)]));
}

export interface ReportOptions {
  /** The Board's mapping of its fields to the official groups (settings); defaults otherwise. */
  fieldGroups?: Partial<Record<string, string>>;
}

/** One form for a period, counted from the records, with its identities checked. */
export async function computeForm(db: Kysely<DB>, definition: ReportDefinition, from: string, to: string, options: ReportOptions = {}): Promise<ComputedForm> {
  const counts = countColumns(definition);
  const mapping = fieldGroupMapping(options.fieldGroups);
  const values: Record<string, number> = await petitionColumns(db, counts, petitionParts(definition.matterBase ?? {}), from, to, mapping);

  const visitCols = counts.flatMap(({ ms, count }) => {
    const agg = visitAggregate(count);
    return agg ? [[ms, agg] as [number, string]] : [];
  });
  if (visitCols.length > 0) {
    Object.assign(values, await runAggregates(db, visitFacts(from, to), visitCols));
  }

  for (const { ms, count } of counts) {
    if (count.unit === 'sessions') {
      const row = await sql<{ n: number }>`
        select count(*) as n from reception_sessions s
        where s.date >= ${from} and s.date <= ${to} and ${sql.raw(RECEPTION_BY_SQL)} = ${count.by}`.execute(db);
      values[String(ms)] = Number(row.rows[0]?.n ?? 0);
    }
    if (count.unit === 'replies') {
      // Replies received in the period to the Board's forwards (whenever the petition was received).
      const cond = petitionCondition(count.where);
      const row = await sql<{ n: number }>`
        select count(*) as n from petitions p
        where p.dec_action = 'forward' and p.reply_on >= ${from} and p.reply_on <= ${to}
          and ${sql.raw(cond.replace(/\bf\./g, 'p.'))}`.execute(db);
      values[String(ms)] = Number(row.rows[0]?.n ?? 0);
    }
  }

  for (const c of definition.columns) {
    if (c.value !== 'note' && 'sum' in c.value) values[String(c.ms)] = 0;
  }
  // Printed totals after every counted column (a total may add totals: resolve in order of need).
  const resolve = (ms: number, depth = 0): number => {
    const column = definition.columns.find((c) => c.ms === ms);
    if (!column || column.value === 'note') return 0;
    if ('sum' in column.value) {
      if (depth > definition.columns.length) throw new Error(`Cột ${ms} của mẫu ${definition.form} cộng vòng quanh`);
      return column.value.sum.reduce((n, part) => n + resolve(part, depth + 1), 0);
    }
    return values[String(ms)] ?? 0;
  };
  for (const c of definition.columns) if (c.value !== 'note' && 'sum' in c.value) values[String(c.ms)] = resolve(c.ms);
  return { columns: values, identities: checkRow(definition, values) };
}

// ---------------------------------------------------------------------------------------------
// The report of the register's own unit, and the records behind a cell.

/** Petitions whose kind is still "several contents" (imported, not split) in the period: the cause of a broken kind split. */
async function unsplitInPeriod(db: Kysely<DB>, from: string, to: string): Promise<string[]> {
  const rows = await sql<{ register_no: string }>`
    select register_no from petitions
    where kind = 'multiple' and received_on <= ${to} and (received_on >= ${from} or dec_on is null or dec_on >= ${from})
    order by year, seq limit 20`.execute(db);
  return rows.rows.map((r) => r.register_no);
}

/** The form for the period, checked: throws ReportInconsistentError when an identity fails. */
export async function officialReport(
  db: Kysely<DB>,
  definition: ReportDefinition,
  from: string,
  to: string,
  unit: string,
  options: ReportOptions = {},
): Promise<OfficialReport> {
  const computed = await computeForm(db, definition, from, to, options);
  const broken = computed.identities.filter((i) => !i.holds);
  if (broken.length > 0) {
    const unsplit = await unsplitInPeriod(db, from, to);
    const detail = unsplit.length > 0 ? `Có đơn nhiều nội dung chưa tách (${unsplit.join(', ')}): tách từng nội dung trước khi lập báo cáo.` : '';
    throw new ApiError(
      'CONFLICT',
      `Báo cáo mẫu ${definition.form} không khớp: ${broken.map((b) => `${b.rule} (${b.values.join(' ≠ ')})`).join('; ')}.${detail ? ` ${detail}` : ''} Báo cáo sai không được in; hãy sửa dữ liệu rồi lập lại.`,
    );
  }
  return {
    form: definition.form,
    title: definition.title,
    period: { from, to },
    rows: [{ unit, columns: computed.columns }],
    identities: computed.identities.map((i) => ({ rule: i.rule, holds: i.holds })),
  };
}

/** The condition that selects the records behind a column (a printed total: any of its parts). */
function drillCondition(definition: ReportDefinition, ms: number): { unit: 'petitions' | 'replies' | 'visits' | 'sessions'; condition: string } | null {
  const column = definition.columns.find((c) => c.ms === ms);
  if (!column || column.value === 'note') return null;
  const value = column.value;
  if ('sum' in value) {
    const parts = value.sum.map((part) => drillCondition(definition, part)).filter((p): p is NonNullable<typeof p> => p !== null);
    if (parts.length === 0) return null;
    return { unit: parts[0]!.unit, condition: parts.map((p) => `(${p.condition})`).join(' or ') };
  }
  switch (value.unit) {
    case 'petitions':
      return { unit: 'petitions', condition: petitionCondition(value.where) };
    case 'matters':
      return { unit: 'petitions', condition: `${petitionCondition(value.where)} and f.in_base = 1 and f.matter_rank = 1` };
    case 'replies':
      return { unit: 'replies', condition: petitionCondition(value.where) };
    case 'visits':
    case 'persons':
      return { unit: 'visits', condition: visitCondition(value.where) };
    case 'matters_first':
      return { unit: 'visits', condition: `${visitCondition(value.where)} and f.repeat = 0` };
    case 'matters_repeat':
      return { unit: 'visits', condition: `${visitCondition(value.where)} and f.matter_id not in (select g.matter_id from f g where ${visitCondition(value.where).replace(/\bf\./g, 'g.')} and g.repeat = 0)` };
    case 'sessions':
      return { unit: 'sessions', condition: `${RECEPTION_BY_SQL} = ${q(value.by)}` };
  }
}

/** Ids of the records behind a column, as SQL usable in `id in (…)`. */
export function drillIdsSql(definition: ReportDefinition, ms: number, from: string, to: string, options: ReportOptions = {}): { records: 'petitions' | 'visits' | 'sessions'; ids: RawBuilder<number> } | null {
  const drill = drillCondition(definition, ms);
  if (!drill) return null;
  const mapping = fieldGroupMapping(options.fieldGroups);
  switch (drill.unit) {
    case 'petitions':
      return { records: 'petitions', ids: sql<number>`(${petitionFacts(from, to, mapping, petitionCondition(definition.matterBase ?? {}))} select f.id from f where ${sql.raw(drill.condition)})` };
    case 'replies':
      return {
        records: 'petitions',
        ids: sql<number>`(select p.id from petitions p where p.dec_action = 'forward' and p.reply_on >= ${from} and p.reply_on <= ${to} and ${sql.raw(drill.condition.replace(/\bf\./g, 'p.'))})`,
      };
    case 'visits':
      return {
        records: 'visits',
        ids: sql<number>`(${visitFacts(from, to)} select f.id from f where ${sql.raw(drill.condition)})`,
      };
    case 'sessions':
      return { records: 'sessions', ids: sql<number>`(select s.id from reception_sessions s where s.date >= ${from} and s.date <= ${to} and ${sql.raw(drill.condition)})` };
  }
}
