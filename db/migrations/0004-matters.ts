// Migration 0004: matters (vụ việc). Every petition and every visit belongs to a matter; a
// petition has one or more contents, each on its own matter; petitioners may be citizens,
// foreigners or organisations, with the ID's date and place of issue.
// Today's registers become the new model: each petition its own matter with one content, a
// duplicate joins its original's matter (as a repeat), a visit that led to a petition shares the
// petition's matter, any other visit gets a matter of its own, and a visit marked as a repeat
// marks its matter as seen before. A petition of kind `multiple` becomes one content flagged
// for an officer to split.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema or code.
import { sql, type Kysely } from 'kysely';

const ISO = (column: string) => sql.raw(`${column} glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`);
const FIELDS_CHECK = `('land','housing','compensation','policy','justice','corruption','administration','other')`;
const PERSON_TABLES = ['persons', 'citizens'] as const;

/** The folding of 2026 (lower case, no tone marks, đ → d, single spaces), frozen here. */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function titleOf(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  return flat.length <= 200 ? flat : `${flat.slice(0, 199)}…`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('matters')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint','denunciation','recommendation','other')`))
    .addColumn('field', 'text', (c) => c.check(sql.raw(`field is null or field in ${FIELDS_CHECK}`)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('case_commune_code', 'text', (c) => c.check(sql`case_commune_code is null or case_commune_code glob '[0-9][0-9][0-9][0-9][0-9]'`))
    .addColumn('arrival_state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unresolved')
        .check(sql`arrival_state in ('unresolved','resolved_once','resolved_twice','court_judgment','denunciation_concluded','denunciation_overdue')`),
    )
    .addColumn('complaint_level', 'text', (c) => c.check(sql`complaint_level is null or complaint_level in ('first','second')`))
    .addColumn('decided_by', 'text')
    .addColumn('first_seen_on', 'text', (c) => c.notNull().check(ISO('first_seen_on')))
    // The matter was received before the register knew it (a visit marked as a repeat).
    .addColumn('seen_before', 'integer', (c) => c.notNull().defaultTo(0).check(sql`seen_before in (0, 1)`))
    .addColumn('merged_into', 'integer', (c) => c.references('matters.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('matters_not_self_merged', sql`merged_into is null or merged_into <> id`)
    .execute();
  await db.schema.createIndex('matters_first_seen').on('matters').columns(['first_seen_on', 'id']).execute();
  await db.schema.createIndex('matters_merged_into').on('matters').column('merged_into').execute();

  await db.schema
    .createTable('petition_contents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('matter_id', 'integer', (c) => c.notNull().references('matters.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint','denunciation','recommendation','multiple')`))
    .addColumn('field', 'text', (c) => c.notNull().check(sql.raw(`field in ${FIELDS_CHECK}`)))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('needs_split', 'integer', (c) => c.notNull().defaultTo(0).check(sql`needs_split in (0, 1)`))
    .addColumn('repeat', 'integer', (c) => c.notNull().defaultTo(0).check(sql`repeat in (0, 1)`))
    .addUniqueConstraint('petition_contents_position', ['petition_id', 'position'])
    // Several contents are several contents: only an unsplit (imported) one keeps `multiple`.
    .addCheckConstraint('petition_contents_multiple', sql`kind <> 'multiple' or needs_split = 1`)
    .execute();
  await db.schema.createIndex('petition_contents_matter').on('petition_contents').columns(['matter_id', 'petition_id']).execute();

  await db.schema.alterTable('visits').addColumn('matter_id', 'integer', (c) => c.references('matters.id')).execute();
  await db.schema.createIndex('visits_matter').on('visits').column('matter_id').execute();
  // "Same matter?" looks up earlier visits and petitions by person: indexed.
  await db.schema.createIndex('visits_person').on('visits').column('person_id').execute();
  await db.schema.createIndex('persons_id_number').on('persons').column('id_number').execute();
  await db.schema.createIndex('persons_name').on('persons').column('full_name_folded').execute();

  for (const table of PERSON_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('person_kind', 'text', (c) => c.notNull().defaultTo('citizen').check(sql`person_kind in ('citizen','foreigner','organisation')`))
      .execute();
    for (const column of ['nationality', 'id_issued_on', 'id_issued_place', 'org_reg_no', 'org_representative']) {
      await db.schema.alterTable(table).addColumn(column, 'text').execute();
    }
  }

  await convertRegister(db);
}

interface PetitionRow {
  id: number;
  kind: string;
  field: string;
  summary: string;
  received_on: string;
  visit_id: number | null;
  created_at: string;
}

interface VisitRow {
  id: number;
  matter: string;
  content: string;
  repeat: number;
  date: string;
  created_at: string;
}

/** Today's petitions and visits as matters and contents (see the file's head). */
async function convertRegister(db: Kysely<any>): Promise<void> {
  const petitions = (await db
    .selectFrom('petitions')
    .select(['id', 'kind', 'field', 'summary', 'received_on', 'visit_id', 'created_at'])
    .orderBy('id')
    .execute()) as PetitionRow[];
  const visits = (await db
    .selectFrom('visits as v')
    .innerJoin('reception_sessions as s', 's.id', 'v.session_id')
    .select(['v.id', 'v.matter', 'v.content', 'v.repeat', 's.date', 'v.created_at'])
    .orderBy('v.id')
    .execute()) as VisitRow[];
  if (petitions.length === 0 && visits.length === 0) return;

  // A duplicate (active classification) joins its original's matter, following chains.
  const duplicateOf = new Map<number, number>();
  for (const c of (await db
    .selectFrom('classifications')
    .select(['petition_id', 'duplicate_of'])
    .where('reversed_at', 'is', null)
    .where('reason', '=', 'duplicate')
    .where('duplicate_of', 'is not', null)
    .execute()) as { petition_id: number; duplicate_of: number }[]) {
    duplicateOf.set(c.petition_id, c.duplicate_of);
  }
  const rootOf = (id: number): number => {
    let at = id;
    for (let hops = 0; duplicateOf.has(at) && hops < 10_000; hops++) at = duplicateOf.get(at)!;
    return at;
  };

  // Matter ids: a petition's own matter takes the petition's id; a visit's own matter comes after.
  const maxPetition = petitions.reduce((m, p) => Math.max(m, p.id), 0);
  const petitionMatter = new Map(petitions.map((p) => [p.id, rootOf(p.id)]));
  const firstPetitionOfVisit = new Map<number, number>();
  for (const p of petitions) if (p.visit_id !== null && !firstPetitionOfVisit.has(p.visit_id)) firstPetitionOfVisit.set(p.visit_id, p.id);
  const visitMatter = new Map(visits.map((v) => [v.id, firstPetitionOfVisit.has(v.id) ? petitionMatter.get(firstPetitionOfVisit.get(v.id)!)! : maxPetition + v.id]));

  interface MatterRow {
    id: number;
    kind: string;
    field: string | null;
    title: string;
    title_folded: string;
    first_seen_on: string;
    seen_before: number;
    created_at: string;
    updated_at: string;
  }
  const matters = new Map<number, MatterRow>();
  for (const p of petitions) {
    if (petitionMatter.get(p.id) !== p.id) continue;
    const title = titleOf(p.summary);
    const kind = p.kind === 'multiple' ? 'other' : p.kind;
    matters.set(p.id, { id: p.id, kind, field: p.field, title, title_folded: foldText(title), first_seen_on: p.received_on, seen_before: 0, created_at: p.created_at, updated_at: p.created_at });
  }
  const visitKind = (m: string) => (m === 'complaint' || m === 'denunciation' || m === 'recommendation' ? m : 'other');
  for (const v of visits) {
    const id = visitMatter.get(v.id)!;
    let m = matters.get(id);
    if (!m) {
      const title = titleOf(v.content);
      m = { id, kind: visitKind(v.matter), field: null, title, title_folded: foldText(title), first_seen_on: v.date, seen_before: 0, created_at: v.created_at, updated_at: v.created_at };
      matters.set(id, m);
    }
    if (v.date < m.first_seen_on) m.first_seen_on = v.date;
    if (v.repeat === 1) m.seen_before = 1;
  }
  for (const p of petitions) {
    const m = matters.get(petitionMatter.get(p.id)!)!;
    if (p.received_on < m.first_seen_on) m.first_seen_on = p.received_on;
  }
  for (const batch of chunks([...matters.values()].sort((a, b) => a.id - b.id), 80)) {
    await db.insertInto('matters').values(batch).execute();
  }

  // A content repeats its matter when the matter was seen before it: an earlier petition, or a
  // visit other than the one it was handed in at (by date, then by record order).
  const visitsOfMatter = new Map<number, VisitRow[]>();
  for (const v of visits) {
    const id = visitMatter.get(v.id)!;
    visitsOfMatter.set(id, [...(visitsOfMatter.get(id) ?? []), v]);
  }
  const petitionsOfMatter = new Map<number, PetitionRow[]>();
  for (const p of petitions) {
    const id = petitionMatter.get(p.id)!;
    petitionsOfMatter.set(id, [...(petitionsOfMatter.get(id) ?? []), p]);
  }
  const contents = petitions.map((p) => {
    const matterId = petitionMatter.get(p.id)!;
    const m = matters.get(matterId)!;
    const earlierPetition = (petitionsOfMatter.get(matterId) ?? []).some((o) => o.id !== p.id && (o.received_on < p.received_on || (o.received_on === p.received_on && o.id < p.id)));
    // Another visit on the same day counts as earlier unless it came after the petition's own visit.
    const earlierVisit = (visitsOfMatter.get(matterId) ?? []).some(
      (v) => v.id !== p.visit_id && (v.date < p.received_on || (v.date === p.received_on && (p.visit_id === null || v.id < p.visit_id))),
    );
    return {
      petition_id: p.id,
      position: 0,
      matter_id: matterId,
      kind: p.kind,
      field: p.field,
      summary: p.summary,
      needs_split: p.kind === 'multiple' ? 1 : 0,
      repeat: m.seen_before === 1 || earlierPetition || earlierVisit ? 1 : 0,
    };
  });
  for (const batch of chunks(contents, 100)) await db.insertInto('petition_contents').values(batch).execute();
  for (const v of visits) await db.updateTable('visits').set({ matter_id: visitMatter.get(v.id)! }).where('id', '=', v.id).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of PERSON_TABLES) {
    for (const column of ['org_representative', 'org_reg_no', 'id_issued_place', 'id_issued_on', 'nationality', 'person_kind']) {
      await db.schema.alterTable(table).dropColumn(column).execute();
    }
  }
  for (const index of ['persons_name', 'persons_id_number', 'visits_person', 'visits_matter']) await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('visits').dropColumn('matter_id').execute();
  await db.schema.dropTable('petition_contents').execute();
  await db.schema.dropTable('matters').execute();
}
