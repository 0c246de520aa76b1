// 0008: the audit log becomes a tamper-evident, append-only hash chain.
// - audit_log gains prev_hash and hash; every existing row gets its link, in id order;
// - triggers refuse UPDATE and DELETE on audit_log, and an INSERT without its hash.
// Frozen in time: the hash function is copied here, not imported (db/audit.ts may change).
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';

const GENESIS = '0'.repeat(64);

interface Row {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

function hashOf(prev: string, r: Row): string {
  const content = JSON.stringify([r.id, r.at, r.actor_id, r.actor_name, r.action, r.entity, r.entity_id, r.before_json, r.after_json]);
  return crypto.createHash('sha256').update(`${prev}\n${content}`, 'utf8').digest('hex');
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  let prev = GENESIS;
  let lastId = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'before_json', 'after_json'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000)
      .execute()) as Row[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const hash = hashOf(prev, row);
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
      lastId = row.id;
    }
  }
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only: rows cannot be changed'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only: rows cannot be deleted'); end`.execute(db);
  await sql`create trigger audit_log_hashed before insert on audit_log when new.hash is null or new.prev_hash is null
    begin select raise(abort, 'audit_log rows carry their hash chain (db/audit.ts writeAudit)'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_hashed']) await sql.raw(`drop trigger if exists ${t}`).execute(db);
  await db.schema.alterTable('audit_log').dropColumn('hash').execute();
  await db.schema.alterTable('audit_log').dropColumn('prev_hash').execute();
}
