// Migration 0002: reception and intake — citizens, person snapshots, sessions, visits with
// delegations, petitions with their petitioners and per-year register numbers.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const ISO_DATE_CHECK = (column: string) => sql.raw(`${column} glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('citizens')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('full_name_folded', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male','female','other')`))
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index citizens_id_number on citizens (id_number) where id_number is not null`.execute(db);
  await db.schema.createIndex('citizens_name').on('citizens').column('full_name_folded').execute();

  // A person as written on one visit or petition (the address as the citizen gave it then).
  await db.schema
    .createTable('persons')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('full_name_folded', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male','female','other')`))
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('commune_code', 'text')
    .execute();
  await db.schema.createIndex('persons_citizen').on('persons').column('citizen_id').execute();

  await db.schema
    .createTable('reception_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('regular','periodic','adhoc','online')`))
    .addColumn('date', 'text', (c) => c.notNull().check(ISO_DATE_CHECK('date')))
    .addColumn('host', 'text')
    .addColumn('host_name', 'text')
    .addColumn('location', 'text')
    .addColumn('officers_json', 'text', (c) => c.notNull().defaultTo('[]').check(sql`json_valid(officers_json)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reception_sessions_date').on('reception_sessions').columns(['date', 'kind']).execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('reception_sessions.id'))
    .addColumn('persons', 'integer', (c) => c.notNull().check(sql`persons >= 1`))
    .addColumn('delegation_members', 'integer', (c) => c.check(sql`delegation_members is null or delegation_members >= 5`))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('matter', 'text', (c) => c.notNull().check(sql`matter in ('complaint','denunciation','recommendation','multiple','other')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('repeat', 'integer', (c) => c.notNull().defaultTo(0).check(sql`repeat in (0, 1)`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('explained','guided','petition_received','refused','other')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_session').on('visits').column('session_id').execute();

  await db.schema
    .createTable('visit_representatives')
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('visit_representatives_pk', ['visit_id', 'position'])
    .execute();

  await db.schema
    .createTable('petitions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('register_no', 'text', (c) => c.notNull().unique())
    .addColumn('received_on', 'text', (c) => c.notNull().check(ISO_DATE_CHECK('received_on')))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('in_person','post','mailbox','forwarded','online','other')`))
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('fwd_agency', 'text')
    .addColumn('fwd_letter_no', 'text')
    .addColumn('fwd_letter_date', 'text')
    .addColumn('written_on', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint','denunciation','recommendation','multiple')`))
    .addColumn('field', 'text', (c) =>
      c.notNull().check(sql`field in ('land','housing','compensation','policy','justice','corruption','administration','other')`),
    )
    .addColumn('signatories', 'integer', (c) => c.notNull().check(sql`signatories >= 1`))
    .addColumn('subject', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('search_folded', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('petitions_year_seq', ['year', 'seq'])
    .addCheckConstraint('petitions_year_matches', sql`year = cast(substr(received_on, 1, 4) as integer)`)
    .execute();
  await db.schema.createIndex('petitions_received').on('petitions').columns(['received_on', 'id']).execute();
  await db.schema.createIndex('petitions_visit').on('petitions').column('visit_id').execute();

  await db.schema
    .createTable('petition_petitioners')
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('petition_petitioners_pk', ['petition_id', 'position'])
    .execute();
  await db.schema.createIndex('petition_petitioners_person').on('petition_petitioners').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['petition_petitioners', 'petitions', 'visit_representatives', 'visits', 'reception_sessions', 'persons', 'citizens']) {
    await db.schema.dropTable(table).execute();
  }
}
