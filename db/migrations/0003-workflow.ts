// Migration 0003: a petition's life after intake — the holiday calendar, classification,
// handling decisions with numbered outgoing documents, agency replies, reminders, attachments,
// and the denormalised stage and deadlines the lists filter on.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const ISO = (column: string) => sql.raw(`${column} glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`);
const REVERSAL_COLUMNS = ['reversed_at', 'reversed_by', 'reversal_note'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('date', 'text', (c) => c.primaryKey().check(ISO('date')))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Years whose default holidays were generated, so an administrator's deletions stay deleted.
  await db.schema
    .createTable('holiday_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outgoing_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull().check(ISO('issued_on')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('outgoing_documents_kind_year_seq', ['kind', 'year', 'seq'])
    .execute();

  let classifications = db.schema
    .createTable('classifications')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id'))
    .addColumn('eligible', 'integer', (c) => c.notNull().check(sql`eligible in (0, 1)`))
    .addColumn('reason', 'text', (c) =>
      c.check(sql`reason is null or reason in ('anonymous','no_signature_or_address','duplicate','awaiting_result','finally_decided','insufficient_content','already_guided','other')`),
    )
    .addColumn('duplicate_of', 'integer', (c) => c.references('petitions.id'))
    .addColumn('note', 'text')
    .addColumn('decided_on', 'text', (c) => c.notNull().check(ISO('decided_on')))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  for (const column of REVERSAL_COLUMNS) classifications = classifications.addColumn(column, 'text');
  await classifications
    .addCheckConstraint('classifications_reason', sql`(eligible = 1 and reason is null) or (eligible = 0 and reason is not null)`)
    .addCheckConstraint('classifications_duplicate', sql`reason is not 'duplicate' or duplicate_of is not null`)
    .execute();
  await sql`create unique index classifications_active on classifications (petition_id) where reversed_at is null`.execute(db);

  let decisions = db.schema
    .createTable('decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('accept','forward','guide','return','file')`))
    .addColumn('decided_on', 'text', (c) => c.notNull().check(ISO('decided_on')))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('document_id', 'integer', (c) => c.references('outgoing_documents.id'))
    .addColumn('document_no', 'text')
    .addColumn('note', 'text')
    .addColumn('reply_due_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  for (const column of REVERSAL_COLUMNS) decisions = decisions.addColumn(column, 'text');
  await decisions.addCheckConstraint('decisions_agency', sql`action not in ('forward','guide') or agency_id is not null`).execute();
  await sql`create unique index decisions_active on decisions (petition_id) where reversed_at is null`.execute(db);
  await db.schema.createIndex('decisions_agency').on('decisions').columns(['agency_id', 'action']).execute();

  let replies = db.schema
    .createTable('replies')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id'))
    .addColumn('received_on', 'text', (c) => c.notNull().check(ISO('received_on')))
    .addColumn('document_no', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('resolved','rejected','partial','other')`))
    .addColumn('summary', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  for (const column of REVERSAL_COLUMNS) replies = replies.addColumn(column, 'text');
  await replies.execute();
  await sql`create unique index replies_active on replies (decision_id) where reversed_at is null`.execute(db);

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id'))
    .addColumn('sent_on', 'text', (c) => c.notNull().check(ISO('sent_on')))
    .addColumn('document_id', 'integer', (c) => c.references('outgoing_documents.id'))
    .addColumn('document_no', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminders_decision').on('reminders').column('decision_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('application/pdf','image/jpeg','image/png')`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('attachments_petition').on('attachments').column('petition_id').execute();

  // Denormalised from the records above in the same transaction as each change, so lists of
  // 100,000 petitions filter by stage and deadline in SQL.
  await db.schema
    .alterTable('petitions')
    .addColumn('stage', 'text', (c) =>
      c.notNull().defaultTo('awaiting_classification').check(sql`stage in ('awaiting_classification','awaiting_decision','forwarded','closed')`),
    )
    .execute();
  await db.schema.alterTable('petitions').addColumn('due_on', 'text').execute();
  await db.schema.alterTable('petitions').addColumn('reply_due_on', 'text').execute();
  // The active classification, decision and reply, copied for statistics over a million rows.
  await db.schema.alterTable('petitions').addColumn('cls_eligible', 'integer', (c) => c.check(sql`cls_eligible in (0, 1)`)).execute();
  await db.schema.alterTable('petitions').addColumn('cls_reason', 'text').execute();
  await db.schema.alterTable('petitions').addColumn('dec_action', 'text').execute();
  await db.schema.alterTable('petitions').addColumn('dec_on', 'text').execute();
  await db.schema.alterTable('petitions').addColumn('dec_agency_id', 'integer').execute();
  await db.schema.alterTable('petitions').addColumn('reply_on', 'text').execute();
  await db.schema.createIndex('petitions_stage_due').on('petitions').columns(['stage', 'due_on']).execute();
  // Statistics of a period read these columns only: covering indexes keep a year over a million
  // petitions well under a second (figures in npm run bench).
  await db.schema
    .createIndex('petitions_period_figures')
    .on('petitions')
    .columns(['received_on', 'kind', 'field', 'signatories', 'cls_eligible', 'cls_reason', 'dec_action', 'dec_on'])
    .execute();
  await db.schema
    .createIndex('petitions_forwarded')
    .on('petitions')
    .columns(['dec_action', 'received_on', 'dec_agency_id', 'reply_on', 'reply_due_on'])
    .execute();

  // Instant search over 100,000+ petitions: a trigram index of the folded text (substring
  // matches of 3+ characters), kept in step with the table by triggers.
  await sql`create virtual table petitions_fts using fts5(search_folded, content='petitions', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`insert into petitions_fts(rowid, search_folded) select id, search_folded from petitions`.execute(db);
  await sql`create trigger petitions_fts_insert after insert on petitions begin
      insert into petitions_fts(rowid, search_folded) values (new.id, new.search_folded);
    end`.execute(db);
  await sql`create trigger petitions_fts_delete after delete on petitions begin
      insert into petitions_fts(petitions_fts, rowid, search_folded) values ('delete', old.id, old.search_folded);
    end`.execute(db);
  await sql`create trigger petitions_fts_update after update of search_folded on petitions begin
      insert into petitions_fts(petitions_fts, rowid, search_folded) values ('delete', old.id, old.search_folded);
      insert into petitions_fts(rowid, search_folded) values (new.id, new.search_folded);
    end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['petitions_fts_insert', 'petitions_fts_delete', 'petitions_fts_update']) await sql.raw(`drop trigger ${trigger}`).execute(db);
  await sql`drop table petitions_fts`.execute(db);
  await db.schema.dropIndex('petitions_stage_due').execute();
  await db.schema.dropIndex('petitions_period_figures').execute();
  await db.schema.dropIndex('petitions_forwarded').execute();
  for (const column of ['reply_on', 'dec_agency_id', 'dec_on', 'dec_action', 'cls_reason', 'cls_eligible', 'reply_due_on', 'due_on', 'stage']) {
    await db.schema.alterTable('petitions').dropColumn(column).execute();
  }
  for (const table of ['attachments', 'reminders', 'replies', 'decisions', 'classifications', 'outgoing_documents', 'holiday_years', 'holidays']) {
    await db.schema.dropTable(table).execute();
  }
}
