// Migration 0005: the law in force since 1 July 2026 (Law 136/2025/QH15, Decrees 154–156/2026):
// how the head's sessions were hosted (in person or delegated), the online session's group, the
// legal ground of a refusal, the body that already handled a visit's case, the decision "urge"
// (đôn đốc giải quyết) and the inspection flag of an anonymous denunciation, the step deadline of
// a petition by kind, and the notices to citizens with their numbers and deadlines.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const ISO = (column: string) => `${column} glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`;
const GROUNDS = ['law_9_1', 'law_9_2', 'law_9_3', 'decree_4_a', 'decree_4_b', 'decree_4_c', 'decree_4_d', 'decree_4_dd', 'decree_4_e', 'decree_4_g', 'decree_4_h', 'decree_4_i', 'decree_4_k'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');

export async function up(db: Kysely<any>): Promise<void> {
  // The decisions table is rebuilt to widen its CHECK constraints (SQLite cannot alter them): with
  // foreign keys off and inside one transaction, as SQLite's "other kinds of table schema changes"
  // procedure prescribes. Migrations here run outside a transaction (no transactional DDL).
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin immediate`.execute(db);
  try {
    await sql.raw(`create table "decisions_0005" (
      "id" integer primary key,
      "petition_id" integer not null references "petitions" ("id"),
      "action" text not null check (action in ('accept','forward','guide','return','file','urge')),
      "decided_on" text not null check (decided_on glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      "agency_id" integer references "agencies" ("id"),
      "document_id" integer references "outgoing_documents" ("id"),
      "document_no" text, "note" text, "reply_due_on" text,
      "decided_by" text not null, "created_at" text not null,
      "reversed_at" text, "reversed_by" text, "reversal_note" text,
      "to_inspection" integer not null default 0 check (to_inspection in (0, 1)),
      constraint "decisions_agency" check (action not in ('forward','guide','urge') or agency_id is not null),
      constraint "decisions_inspection" check (to_inspection = 0 or action = 'forward'))`).execute(db);
    await sql.raw(`insert into decisions_0005 (id, petition_id, action, decided_on, agency_id, document_id, document_no, note, reply_due_on, decided_by, created_at, reversed_at, reversed_by, reversal_note)
      select id, petition_id, action, decided_on, agency_id, document_id, document_no, note, reply_due_on, decided_by, created_at, reversed_at, reversed_by, reversal_note from decisions`).execute(db);
    await sql`drop table decisions`.execute(db);
    await sql`alter table decisions_0005 rename to decisions`.execute(db);
    await sql`create unique index decisions_active on decisions (petition_id) where reversed_at is null`.execute(db);
    await sql`create index "decisions_agency" on "decisions" ("agency_id", "action")`.execute(db);

    await sql`alter table reception_sessions add column host_mode text check (host_mode is null or host_mode in ('in_person','delegated'))`.execute(db);
    await sql`alter table reception_sessions add column delegate_name text`.execute(db);
    await sql`alter table reception_sessions add column delegate_title text`.execute(db);
    await sql`alter table reception_sessions add column online_of text check (online_of is null or online_of in ('regular','periodic','adhoc'))`.execute(db);
    // The head's sessions recorded before this version were received by the head in person.
    await sql`update reception_sessions set host_mode = 'in_person' where kind in ('periodic','adhoc')`.execute(db);

    await sql.raw(`alter table visits add column refusal_ground text check (refusal_ground is null or refusal_ground in (${list(GROUNDS)}))`).execute(db);
    await sql`alter table visits add column handled_by text`.execute(db);

    // The deadline of the step a petition's kind adds (denunciation forward, complaint acceptance).
    await sql`alter table petitions add column step text check (step is null or step in ('denunciation_forward','complaint_acceptance'))`.execute(db);
    await sql`alter table petitions add column step_due_on text`.execute(db);
    await sql`create index petitions_step_due on petitions (stage, step_due_on)`.execute(db);

    await sql.raw(`create table notices (
      id integer primary key,
      kind text not null check (kind in ('refusal','handling','denunciation_forward','result')),
      petition_id integer references petitions (id),
      visit_id integer references visits (id),
      decision_id integer references decisions (id),
      reply_id integer references replies (id),
      recipient text not null,
      due_on text not null check (${ISO('due_on')}),
      issued_on text check (issued_on is null or ${ISO('issued_on')}),
      doc_year integer,
      doc_seq integer check (doc_seq is null or doc_seq >= 1),
      document_no text,
      issued_by text,
      created_at text not null,
      cancelled_at text,
      check ((petition_id is null) <> (visit_id is null)),
      check ((issued_on is null) = (document_no is null)),
      check (issued_on is null or cancelled_at is null))`).execute(db);
    await sql`create unique index notices_number on notices (doc_year, doc_seq) where doc_seq is not null`.execute(db);
    await sql`create index notices_open on notices (issued_on, cancelled_at, due_on)`.execute(db);
    await sql`create index notices_petition on notices (petition_id)`.execute(db);
    await sql`create index notices_visit on notices (visit_id)`.execute(db);

    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`Migration 0005: ${broken.rows.length} foreign key violations after rebuilding decisions`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table notices`.execute(db);
  await sql`drop index petitions_step_due`.execute(db);
  for (const column of ['step_due_on', 'step']) await db.schema.alterTable('petitions').dropColumn(column).execute();
  for (const column of ['handled_by', 'refusal_ground']) await db.schema.alterTable('visits').dropColumn(column).execute();
  for (const column of ['online_of', 'delegate_title', 'delegate_name', 'host_mode']) await db.schema.alterTable('reception_sessions').dropColumn(column).execute();
}
