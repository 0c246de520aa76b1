// 0017: the official reports read a period's petitions from an index alone.
// A report counts the petitions received in its period (and those carried over into it) by their
// kind, field, classification, handling action, dates and whether they came through a visit. The
// index petitions_period_figures (0003) held all of these but the visit, so every petition of the
// period was also read from the table, whose rows carry the summary and the folded search text:
// at a million petitions, a year's 100,000 rows. With visit_id appended the index holds every
// column a report reads of a petition (db/ops/reports.ts population), and the statistics that
// used it (received_on first) are served as before.
// Runs on both engines. Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const BEFORE = ['received_on', 'kind', 'field', 'signatories', 'cls_eligible', 'cls_reason', 'dec_action', 'dec_on'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index petitions_period_figures`.execute(db);
  await db.schema.createIndex('petitions_period_figures').on('petitions').columns([...BEFORE, 'visit_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index petitions_period_figures`.execute(db);
  await db.schema.createIndex('petitions_period_figures').on('petitions').columns(BEFORE).execute();
}
