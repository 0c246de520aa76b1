// Migration 0014: a duplicate classification remembers the matter it took the petition from, so
// reversing it puts the petition back on its own matter (classifications.moved_from_matter_id).
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Set when the classification moved the petition's first content from this matter onto its
  // original's; null when nothing moved (the petition was already on the original's matter).
  await sql`alter table classifications add column moved_from_matter_id integer references matters (id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('classifications').dropColumn('moved_from_matter_id').execute();
}
