// Migration 0012: the petition list filtered by channel, kind, field or status in its default order
// (register number, newest first) reads the filter's index in that order and stops at the page.
// With 0010's (channel, received_on) alone, SQLite fetched every petition of the channel to sort
// them by number: 120 ms at 100,000 petitions, growing with the register (bench: "petition list,
// filter by channel"); a status filter sorted every petition of the stage (200 ms for "closed" at
// 100,000). The period filters keep 0010's indexes.
// Frozen in time: takes Kysely<any>, imports nothing of today's schema.
import { sql, type Kysely } from 'kysely';

const INDEXES: ReadonlyArray<readonly [name: string, columns: string]> = [
  ['petitions_channel_no', 'channel, year, seq'],
  ['petitions_kind_no', 'kind, year, seq'],
  ['petitions_field_no', 'field, year, seq'],
  ['petitions_stage_no', 'stage, year, seq'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES) await sql.raw(`create index ${name} on petitions (${columns})`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
