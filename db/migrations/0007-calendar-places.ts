// Migration 0007: the calendar as the government announces it, and the records behind the 2026 forms.
// - holidays carry a kind (statutory holiday, substitute day off, announced day off) and the
//   announcing document; worked days (a Saturday worked in exchange for a day off) are their own table;
// - the receipt of form 02/TCD (Decree 154/2026/NĐ-CP): time, receiver and title, and its items with
//   name, pages and state;
// - document number prefixes still at the old defaults take the abbreviations of Decree 30/2020
//   Appendix III (a công văn has no type code).
// Frozen in time: takes Kysely<any>, imports nothing of today's schema; the old and new defaults are
// written out here as they were on the day of the migration.
import { sql, type Kysely } from 'kysely';

const ISO = (column: string) => sql.raw(`${column} glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`);

/** The defaults before this migration, and what each becomes. Keys not listed are unchanged. */
const PREFIX_MIGRATION: Record<string, [old: string, next: string]> = {
  accept: ['ĐX-BTCD', 'TTr-BTCD'],
  reminder: ['ĐĐ-BTCD', 'BTCD'],
  return: ['TL-BTCD', 'BTCD'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('holidays')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('holiday').check(sql`kind in ('holiday', 'substitute', 'announced')`))
    .execute();
  await db.schema.alterTable('holidays').addColumn('source', 'text').execute();

  await db.schema
    .createTable('worked_days')
    .addColumn('date', 'text', (c) => c.primaryKey().check(ISO('date')))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('receipts')
    .addColumn('petition_id', 'integer', (c) => c.primaryKey().references('petitions.id'))
    .addColumn('time', 'text', (c) => c.check(sql`time is null or time glob '[0-2][0-9]:[0-5][0-9]'`))
    .addColumn('receiver_name', 'text', (c) => c.notNull())
    .addColumn('receiver_title', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('receipt_items')
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('receipts.petition_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.check(sql`pages is null or pages >= 1`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('original', 'copy', 'certified_copy')`))
    .addPrimaryKeyConstraint('receipt_items_pk', ['petition_id', 'position'])
    .execute();

  const row = await db.selectFrom('settings').select(['value']).where('key', '=', 'docPrefixes').executeTakeFirst();
  if (row) {
    const prefixes = JSON.parse(row.value as string) as Record<string, string>;
    let changed = false;
    for (const [kind, [old, next]] of Object.entries(PREFIX_MIGRATION)) {
      if (prefixes[kind] === old) {
        prefixes[kind] = next;
        changed = true;
      }
    }
    if (changed) {
      await db
        .updateTable('settings')
        .set({ value: JSON.stringify(prefixes), updated_at: new Date().toISOString() })
        .where('key', '=', 'docPrefixes')
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('receipt_items').execute();
  await db.schema.dropTable('receipts').execute();
  await db.schema.dropTable('worked_days').execute();
  await db.schema.alterTable('holidays').dropColumn('source').execute();
  await db.schema.alterTable('holidays').dropColumn('kind').execute();
}
