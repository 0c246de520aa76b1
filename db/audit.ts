// The audit log (nhật ký): every write records who, when, what, and the record before and after.
// The log is a hash chain: each row carries the SHA-256 of its own content and of the row before
// it (`prev_hash`), so an edited, removed or re-ordered row breaks the chain from that row on
// (`petreg check` names it). Triggers (migration 0008) refuse UPDATE and DELETE: rows are only
// ever appended. The hash covers every column whatever the action, so new actions need nothing.
import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import type { OpContext } from './context.ts';
import { runCompiled } from './compiled-queries.ts';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** The columns of an audit row that its hash covers. */
export interface AuditContent {
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

/** The hash before the first row. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** SHA-256 (hex) of the previous row's hash and this row's columns, in a fixed order. */
export function auditHash(prevHash: string, row: AuditContent): string {
  const content = JSON.stringify([
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
  ]);
  return crypto.createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

// Registers below schema 0008 (tests that build old versions, seeding before the migration)
// have no chain columns yet: their rows are linked by the migration.
const chained = new WeakSet<object>();
function hasChain(ctx: OpContext): boolean {
  // A PostgreSQL register is made at the latest schema (db/engine/postgres-schema.ts).
  if (ctx.register.engine === 'postgres') return true;
  const sqlite = ctx.register.sqlite;
  if (chained.has(sqlite)) return true;
  const yes = (sqlite.pragma('table_info(audit_log)') as { name: string }[]).some((c) => c.name === 'hash');
  if (yes) chained.add(sqlite);
  return yes;
}

export async function writeAudit(trx: Transaction<DB>, ctx: OpContext, record: AuditRecord): Promise<void> {
  if (!hasChain(ctx)) {
    const { id: _id, ...unchained } = contentOf(ctx, record, 0);
    await trx.insertInto('audit_log').values(unchained).execute();
    return;
  }
  // Inside the write transaction (BEGIN IMMEDIATE): nobody else appends between this read and the insert.
  // The limit is written into the SQL: SQLite ran this read in 10–20 µs with `limit ?`, 4 µs with `limit 1`.
  const [last] = await runCompiled(trx, 'audit_log.last', {}, (db) => db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(sql.lit(1)));
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const row = contentOf(ctx, record, (last?.id ?? 0) + 1);
  await runCompiled(trx, 'audit_log.insert', { ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) }, (db, v) => db.insertInto('audit_log').values(v));
}

function contentOf(ctx: OpContext, record: AuditRecord, id: number): AuditContent {
  return {
    id,
    at: ctx.register.now().toISOString(),
    actor_id: ctx.actor.id,
    actor_name: ctx.actor.name,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId === null ? null : String(record.entityId),
    before_json: record.before === undefined ? null : JSON.stringify(record.before),
    after_json: record.after === undefined ? null : JSON.stringify(record.after),
  };
}
