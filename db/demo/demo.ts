// Filling an empty register with a demo year (training, screenshots, trying the statistics).
// The demo is written as an interchange file and goes through the importer, so it obeys every
// rule an imported file does; one transaction, one audit row. Its document numbers are the
// register's own series, so they are entered in the register of outgoing documents too: the
// desk's next forwarding slip continues the demo's numbering instead of starting again at 01.
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { ApiError } from '../../shared/errors.ts';
import { checkInterchange, describeIssues } from '../../shared/interchange/v1.ts';
import { writeAudit } from '../audit.ts';
import { textPosition } from '../engine/sql.ts';
import { insertMatter, refreshMatter } from '../ops/matters.ts';
import type { Field } from '../../shared/domain/petition.ts';
import { SYSTEM_ACTOR, type Actor, type OpContext } from '../context.ts';
import { writeInterchange } from '../interchange/import.ts';
import { getSettings } from '../ops/settings.ts';
import type { Register } from '../register.ts';
import type { DB } from '../schema.ts';
import { communesOf, provinceByCode } from '../units.ts';
import { demoPeriod, generateDemo } from './generate.ts';

export interface DemoCounts {
  from: string;
  to: string;
  sessions: { regular: number; periodic: number; adhoc: number; online: number };
  visits: number;
  delegations: number;
  petitions: number;
  /** Handling records: classifications, decisions, agencies' replies and reminders. */
  classifications: number;
  decisions: number;
  replies: number;
  reminders: number;
  firstRegisterNo: string | null;
  lastRegisterNo: string | null;
}

export interface DemoOptions {
  seed?: number;
  actor?: Actor;
}

export async function fillDemo(register: Register, options: DemoOptions = {}): Promise<DemoCounts> {
  const seed = options.seed ?? 1;
  const ctx: OpContext = { register, actor: options.actor ?? SYSTEM_ACTOR };
  const settings = await getSettings(register.db);
  const province = provinceByCode(settings.provinceCode);
  if (!province) throw new ApiError('INTERNAL', `Cài đặt của sổ ghi mã tỉnh ${settings.provinceCode} không có trong danh mục đơn vị hành chính`);
  const today = vietnamDate(register.now());
  const agencyCodes = new Set((await register.db.selectFrom('agencies').select('code').where('active', '=', 1).execute()).map((a) => a.code));
  const file = generateDemo({
    seed,
    today,
    provinceCode: province.code,
    provinceName: province.fullName,
    communes: communesOf(province.code),
    replyDays: settings.replyDays,
    docPrefixes: settings.docPrefixes,
    agencyCodes,
  });
  const checked = checkInterchange(file);
  // The generator is ours: a file it makes that the importer refuses is a bug, not a user error.
  if (!checked.ok) throw new ApiError('INTERNAL', `Dữ liệu mẫu sinh ra không hợp lệ — ${describeIssues(checked.issues)}`);

  return register.db.transaction().execute(async (trx) => {
    const count = async (table: 'petitions' | 'reception_sessions') =>
      Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [sessions, petitions] = [await count('reception_sessions'), await count('petitions')];
    if (sessions > 0 || petitions > 0) {
      throw new ApiError(
        'CONFLICT',
        `Sổ đã có dữ liệu (${sessions} kỳ tiếp, ${petitions} đơn): chỉ tạo dữ liệu mẫu trên sổ trống, để dữ liệu mẫu không lẫn vào sổ thật. Hãy dùng một tệp sổ mới (--db).`,
      );
    }
    const written = await writeInterchange(trx, ctx, checked.value);
    await joinReturningMatters(trx);
    await splitSeveralContents(trx, ctx);
    await recordCaseCommunes(trx);
    await enterDocuments(trx, register.now().toISOString());
    const { from, to } = demoPeriod(today);
    const kinds = { regular: 0, periodic: 0, adhoc: 0, online: 0 };
    for (const s of file.sessions) kinds[s.kind] += 1;
    const counts: DemoCounts = {
      from,
      to,
      sessions: kinds,
      visits: written.visits,
      delegations: file.visits.filter((v) => v.delegation !== null).length,
      petitions: written.petitions,
      classifications: written.classifications,
      decisions: written.decisions,
      replies: written.replies,
      reminders: written.reminders,
      firstRegisterNo: written.firstRegisterNo,
      lastRegisterNo: written.lastRegisterNo,
    };
    await writeAudit(trx, ctx, { action: 'demo', entity: 'register', entityId: null, after: { seed, ...counts } });
    return counts;
  });
}

/**
 * The generator writes a letter of several contents as a v1 `multiple` petition ("Khiếu nại … và
 * đề nghị …"); an officer would register it as two contents, each on its own matter: the
 * complaint first, then the recommendation. Done here as splitContent would, so the demo register
 * has no content left to split and its official reports add up.
 */
async function splitSeveralContents(trx: Transaction<DB>, ctx: OpContext): Promise<void> {
  const unsplit = await trx
    .selectFrom('petition_contents as c')
    .innerJoin('petitions as p', 'p.id', 'c.petition_id')
    .select(['c.id', 'c.petition_id', 'c.matter_id', 'c.field', 'c.summary', 'p.received_on'])
    .where('c.needs_split', '=', 1)
    .execute();
  for (const c of unsplit) {
    const at = c.summary.search(/ và (đề nghị|kiến nghị)/u);
    const complaint = at > 0 ? c.summary.slice(0, at) : c.summary;
    const rest = at > 0 ? c.summary.slice(at + 4) : `Đề nghị giải quyết dứt điểm: ${c.summary}`;
    const recommendation = rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
    await trx.updateTable('petition_contents').set({ kind: 'complaint', summary: complaint, needs_split: 0 }).where('id', '=', c.id).execute();
    await trx.updateTable('matters').set({ kind: 'complaint' }).where('id', '=', c.matter_id).where('kind', '=', 'other').execute();
    const matterId = await insertMatter(trx, ctx, { kind: 'recommendation', field: c.field as Field, summary: recommendation, firstSeenOn: c.received_on });
    await trx
      .insertInto('petition_contents')
      .values({ petition_id: c.petition_id, position: 1, matter_id: matterId, kind: 'recommendation', field: c.field, summary: recommendation, needs_split: 0 })
      .execute();
    await trx.updateTable('petitions').set({ kind: 'complaint' }).where('id', '=', c.petition_id).execute();
  }
}

/**
 * The generator places each case in the commune its citizens come from (a delegation of "công dân
 * xã …", a petitioner of that commune): the officer records it on the matter as the commune where
 * the case arose, so the statistics by commune (Thống kê → Theo địa bàn) have figures. Taken from the
 * first petitioner of the matter's earliest petition, else from its earliest visitor.
 */
async function recordCaseCommunes(trx: Transaction<DB>): Promise<void> {
  await sql`
    update matters set case_commune_code = coalesce(
      (select x.commune_code from petition_contents c
        join petition_petitioners pp on pp.petition_id = c.petition_id and pp.position = 0
        join persons x on x.id = pp.person_id
        where c.matter_id = matters.id and x.commune_code is not null
        order by c.petition_id limit 1),
      (select x.commune_code from visits v join persons x on x.id = v.person_id
        where v.matter_id = matters.id and x.commune_code is not null
        order by v.id limit 1))
    where case_commune_code is null`.execute(trx);
}

/**
 * Enters the numbers the demo's decisions and reminders bear ("05/PC-BTCD") in the register of
 * outgoing documents and links them, as decidePetition and addReminder would have. The decision
 * actions that issue a document are named as their document kinds (accept, forward, guide, return).
 */
async function enterDocuments(trx: Transaction<DB>, now: string): Promise<void> {
  const seq = (column: string) => sql`cast(substr(${sql.raw(column)}, 1, ${textPosition(trx, sql.raw(column), '/')} - 1) as integer)`;
  await sql`
    insert into outgoing_documents (kind, year, seq, number, petition_id, issued_on, created_at)
    select action, cast(substr(decided_on, 1, 4) as integer), ${seq('document_no')}, document_no, petition_id, decided_on, ${now}
    from decisions where document_no is not null and document_id is null order by id`.execute(trx);
  await sql`
    update decisions set document_id = (
      select o.id from outgoing_documents o
      where o.kind = decisions.action and o.number = decisions.document_no and o.petition_id = decisions.petition_id)
    where document_no is not null and document_id is null`.execute(trx);
  await sql`
    insert into outgoing_documents (kind, year, seq, number, petition_id, issued_on, created_at)
    select 'reminder', cast(substr(r.sent_on, 1, 4) as integer), ${seq('r.document_no')}, r.document_no, d.petition_id, r.sent_on, ${now}
    from reminders r join decisions d on d.id = r.decision_id where r.document_no is not null and r.document_id is null order by r.id`.execute(trx);
  await sql`
    update reminders set document_id = (
      select o.id from outgoing_documents o join decisions d on d.petition_id = o.petition_id
      where d.id = reminders.decision_id and o.kind = 'reminder' and o.number = reminders.document_no)
    where document_no is not null and document_id is null`.execute(trx);
}

/**
 * Citizens who come back on the same case (the generator's returning citizens: same person, same
 * summary) are one matter, as an officer picks it at intake: their petitions and visits move to
 * the matter of their first arrival, and the matters made for the later arrivals, never seen by
 * anyone, are removed. Repeat marks and first dates are then recomputed.
 */
async function joinReturningMatters(trx: Transaction<DB>): Promise<void> {
  const contents = await trx
    .selectFrom('petition_contents as c')
    .innerJoin('petition_petitioners as pp', (j) => j.onRef('pp.petition_id', '=', 'c.petition_id').on('pp.position', '=', 0))
    .innerJoin('persons as x', 'x.id', 'pp.person_id')
    .select(['c.id', 'c.matter_id', 'c.summary', 'x.citizen_id'])
    .execute();
  const visits = await trx
    .selectFrom('visits as v')
    .innerJoin('persons as x', 'x.id', 'v.person_id')
    .select(['v.id', 'v.matter_id', 'v.content', 'x.citizen_id'])
    .execute();
  const groups = new Map<string, Set<number>>();
  const add = (citizenId: number | null, text: string, matterId: number | null) => {
    if (citizenId === null || matterId === null) return;
    const key = `${citizenId}\u0000${text}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(matterId));
  };
  for (const c of contents) add(c.citizen_id, c.summary, c.matter_id);
  for (const v of visits) add(v.citizen_id, v.content, v.matter_id);
  // Union-find: matters linked through any shared arrival end up with the smallest id.
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let at = id;
    while ((parent.get(at) ?? at) !== at) at = parent.get(at)!;
    return at;
  };
  for (const ids of groups.values()) {
    const roots = [...ids].map(root);
    const survivor = Math.min(...roots);
    for (const r of roots) parent.set(r, survivor);
  }
  const survivorOf = new Map([...parent.keys()].map((id) => [id, root(id)] as const));
  const touched = new Set<number>();
  for (const [from, into] of survivorOf) {
    if (from === into) continue;
    await trx.updateTable('petition_contents').set({ matter_id: into }).where('matter_id', '=', from).execute();
    await trx.updateTable('visits').set({ matter_id: into }).where('matter_id', '=', from).execute();
    await trx.updateTable('matters').set({ seen_before: sql<number>`(select case when m.seen_before > matters.seen_before then m.seen_before else matters.seen_before end from matters m where m.id = ${from})` }).where('id', '=', into).execute();
    await trx.deleteFrom('matters').where('id', '=', from).execute();
    touched.add(into);
  }
  for (const id of touched) await refreshMatter(trx, id);
}
