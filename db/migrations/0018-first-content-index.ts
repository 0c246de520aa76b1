// 0018: a petition's contents with their position and matter from one index.
// The official reports stand each petition of a period for its matter through its first content
// (position 0): with only the unique (petition_id, position) index, each of a year's 100,000
// petitions also read its content's row for the matter, about 40 ms of a report at 1,000,000.
// petition_contents_first (petition_id, position, matter_id) holds all three, and replaces 0015's
// (petition_id, matter_id), whose readers (a period's contents with their matters, for the
// statistics by commune; a petition's contents) it serves as well: no index more to write at intake.
// Runs on both engines. Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index petition_contents_first on petition_contents (petition_id, position, matter_id)`.execute(db);
  await sql`drop index petition_contents_petition_matter`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index petition_contents_petition_matter on petition_contents (petition_id, matter_id)`.execute(db);
  await sql`drop index petition_contents_first`.execute(db);
}
