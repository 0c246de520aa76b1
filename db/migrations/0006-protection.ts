// Migration 0006: protection of denouncers. Users get a permission to see a denouncer's
// identity (Law on Denunciations art. 56; Decree 31/2019 art. 22(2)(b) as amended by Decree
// 156/2026); nobody has it until an administrator grants it.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('can_see_protected', 'integer', (c) => c.notNull().defaultTo(0).check(sql`can_see_protected in (0, 1)`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('can_see_protected').execute();
}
