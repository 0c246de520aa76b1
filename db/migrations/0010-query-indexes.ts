// Migration 0010: the indexes every screen's queries need at a million petitions (issue 13).
// - A petition's handling records are read by petition (detail, workflow, duplicate check): the
//   partial unique indexes "… where reversed_at is null" serve only reads of the active record,
//   so reading all of them (reversed ones included) scanned the whole table.
// - The petition list filters by channel, kind, field and status, newest first.
// - Statistics and reports of a period count what was carried over into it (received before, not
//   decided before): by decision date, not by walking every earlier petition (petitions_decided).
// - The citizen lookup at intake matches each typed word as the beginning of a word of the folded
//   name (citizens_words, an FTS5 index kept in step with citizens by triggers) or an ID number by
//   its prefix; citizens are shown most recently seen first (citizens_updated).
// - The protection checks look up a person's delegations and a petition's contents by petition.
// Every statement a screen runs is checked against these in tests/integration/query-plans.test.ts.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const INDEXES: ReadonlyArray<readonly [name: string, table: string, columns: string]> = [
  ['classifications_petition', 'classifications', 'petition_id'],
  ['classifications_duplicate_of', 'classifications', 'duplicate_of'],
  ['decisions_petition', 'decisions', 'petition_id'],
  ['replies_decision', 'replies', 'decision_id'],
  ['petition_contents_petition', 'petition_contents', 'petition_id, kind'],
  ['visit_representatives_person', 'visit_representatives', 'person_id'],
  ['outgoing_documents_petition', 'outgoing_documents', 'petition_id'],
  ['petitions_channel', 'petitions', 'channel, received_on'],
  ['petitions_kind', 'petitions', 'kind, received_on'],
  ['petitions_field', 'petitions', 'field, received_on'],
  ['petitions_stage_reply_due', 'petitions', 'stage, reply_due_on'],
  ['petitions_decided', 'petitions', 'dec_on, received_on'],
  ['citizens_updated', 'citizens', 'updated_at'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) await sql.raw(`create index ${name} on ${table} (${columns})`).execute(db);
  // Words of the folded names, for "each typed word begins a word of the name" (1- and 2-letter
  // prefixes precomputed: an officer's first keystrokes are the most common ones).
  await sql`create virtual table citizens_words using fts5(full_name_folded, content='citizens', content_rowid='id', tokenize='unicode61', prefix='1 2')`.execute(db);
  await sql`insert into citizens_words(rowid, full_name_folded) select id, full_name_folded from citizens`.execute(db);
  await sql`create trigger citizens_words_insert after insert on citizens begin
      insert into citizens_words(rowid, full_name_folded) values (new.id, new.full_name_folded);
    end`.execute(db);
  await sql`create trigger citizens_words_delete after delete on citizens begin
      insert into citizens_words(citizens_words, rowid, full_name_folded) values ('delete', old.id, old.full_name_folded);
    end`.execute(db);
  await sql`create trigger citizens_words_update after update of full_name_folded on citizens begin
      insert into citizens_words(citizens_words, rowid, full_name_folded) values ('delete', old.id, old.full_name_folded);
      insert into citizens_words(rowid, full_name_folded) values (new.id, new.full_name_folded);
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['citizens_words_insert', 'citizens_words_delete', 'citizens_words_update']) await sql.raw(`drop trigger ${trigger}`).execute(db);
  await sql`drop table citizens_words`.execute(db);
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
