// Migration 0014: handling decided per CONTENT of a petition. A letter with a complaint and a
// denunciation gets one decision per content, each with the deadline step and the notices of its
// own kind (before, every decision was the petition's and read the first content's kind).
// - decisions.content_id: the content decided; every existing decision was the petition's, which
//   read its first content, so it becomes the first content's.
// - petition_contents.step, step_due_on: each content's own PENDING step (denunciation forward,
//   complaint acceptance) while it has no decision, with its deadline; the first content takes the
//   petition's date; a further content of another step gets its date from the calendar after the
//   migration (fillMissingDeadlines). Việc cần làm reads them from a partial index.
// - classifications.moved_from_matter_id: the matter a duplicate classification took the
//   petition from, so reversing it puts the petition back.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Set when the classification moved the petition's first content from this matter onto its
  // original's; null when nothing moved (the petition was already on the original's matter).
  await sql`alter table classifications add column moved_from_matter_id integer references matters (id)`.execute(db);

  await sql`alter table decisions add column content_id integer references petition_contents (id)`.execute(db);
  await sql`update decisions set content_id = (select c.id from petition_contents c where c.petition_id = decisions.petition_id and c.position = 0)`.execute(db);
  await sql`create index decisions_content on decisions (content_id, reversed_at)`.execute(db);
  // One active decision per content (was: per petition).
  await sql`drop index decisions_active`.execute(db);
  await sql`create unique index decisions_active on decisions (content_id) where reversed_at is null`.execute(db);
  // The reads of a petition's decisions keep an index by petition.
  await sql`create index decisions_petition_active on decisions (petition_id) where reversed_at is null`.execute(db);

  await sql`alter table petition_contents add column step text check (step is null or step in ('denunciation_forward','complaint_acceptance'))`.execute(db);
  await sql`alter table petition_contents add column step_due_on text`.execute(db);
  // The step still pending: the kind's step while the content has no active decision.
  await sql`update petition_contents set step = case kind when 'denunciation' then 'denunciation_forward' when 'complaint' then 'complaint_acceptance' end
    where not exists (select 1 from decisions d where d.content_id = petition_contents.id and d.reversed_at is null)`.execute(db);
  await sql`update petition_contents set step_due_on = (select p.step_due_on from petitions p where p.id = petition_contents.petition_id and p.step = petition_contents.step) where step is not null`.execute(db);
  await sql`create index petition_contents_step_due on petition_contents (step_due_on) where step is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index petition_contents_step_due`.execute(db);
  for (const column of ['step_due_on', 'step']) await db.schema.alterTable('petition_contents').dropColumn(column).execute();
  await sql`drop index decisions_petition_active`.execute(db);
  await sql`drop index decisions_active`.execute(db);
  await sql`create unique index decisions_active on decisions (petition_id) where reversed_at is null`.execute(db);
  await sql`drop index decisions_content`.execute(db);
  await db.schema.alterTable('decisions').dropColumn('content_id').execute();
  await db.schema.alterTable('classifications').dropColumn('moved_from_matter_id').execute();
}
