// 0016: two indexes for reads that walked far more than they needed.
// - A petition's subject (the body or person complained of or denounced), folded, with an index.
//   The "same matter?" candidates of a petition are the earlier petitions of its petitioners and
//   those about the same subject; the subject was looked for as a phrase in the word index, which
//   for a subject made of common syllables ("Ông Nguyễn Văn Tú, cán bộ địa chính xã …") walks the
//   doclists of "nguyen" and "van" to find the newest 200, then kept only those received before
//   the petition: an old petition found none. Equality on this column is one index range, newest
//   first, bounded by the date, exact.
// - The replies received in a report's period to the Board's forwards (the forms' "văn bản phúc
//   đáp" columns, by kind or through reception): one range of (dec_action, reply_on) holding the
//   columns those counts filter on. Before, the count by kind walked every petition of the kind
//   (0.9 s at a million petitions).
// Runs on both engines (SQLite and PostgreSQL each have petreg_fold; db/register.ts and
// db/engine/postgres-schema.ts). Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petitions').addColumn('subject_folded', 'text').execute();
  await sql`update petitions set subject_folded = petreg_fold(subject) where subject is not null`.execute(db);
  await db.schema
    .createIndex('petitions_subject')
    .on('petitions')
    .columns(['subject_folded', 'received_on'])
    .where(sql.ref('subject_folded'), 'is not', null)
    .execute();
  await db.schema.createIndex('petitions_replied').on('petitions').columns(['dec_action', 'reply_on', 'kind', 'visit_id']).execute();
}
