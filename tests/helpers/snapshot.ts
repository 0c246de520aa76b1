// Snapshots of a register's contents, to prove that a refused call wrote nothing.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Register } from '../../db/register.ts';

export interface DbSnapshot {
  /** Row count of every table (SQLite's internal tables excluded). */
  counts: Record<string, number>;
  auditCount: number;
  /** SHA-256 over every row of every table, in rowid order. */
  digest: string;
  userVersion: number;
}

export function tableNames(sqlite: Database.Database): string[] {
  return (
    // Ordinary tables only: a full-text index (virtual table and its shadow tables) mirrors them.
    sqlite.prepare("select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/**
 * Every row of every table, by table: its row count and a digest of its rows in rowid order. Kysely's
 * migration bookkeeping is left out (real-clock timestamps; a migration adds its row).
 */
export function tableDigests(sqlite: Database.Database): Record<string, string> {
  return Object.fromEntries(
    tableNames(sqlite)
      .filter((name) => !name.startsWith('kysely_migration'))
      .map((name) => [name, `${(sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n} ${crypto.createHash('sha256').update(JSON.stringify(sqlite.prepare(`select * from "${name}" order by rowid`).all())).digest('hex')}`]),
  );
}

export function snapshot(sqlite: Database.Database): DbSnapshot {
  const counts: Record<string, number> = {};
  const hash = crypto.createHash('sha256');
  for (const name of tableNames(sqlite)) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    counts[name] = (sqlite.prepare(`select count(*) as n from ${quoted}`).get() as { n: number }).n;
    hash.update(`\u0000${name}\u0000`);
    for (const row of sqlite.prepare(`select * from ${quoted} order by rowid`).all()) hash.update(JSON.stringify(row));
  }
  return {
    counts,
    auditCount: counts.audit_log ?? 0,
    digest: hash.digest('hex'),
    userVersion: sqlite.pragma('user_version', { simple: true }) as number,
  };
}

export function auditCount(sqlite: Database.Database): number {
  return (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
}

export interface RawAuditRow {
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

/** Audit rows written after `afterId`, oldest first. */
export function auditRowsSince(sqlite: Database.Database, afterId: number): RawAuditRow[] {
  return sqlite.prepare('select * from audit_log where id > ? order by id').all(afterId) as RawAuditRow[];
}

export function lastAuditId(sqlite: Database.Database): number {
  return (sqlite.prepare('select coalesce(max(id), 0) as id from audit_log').get() as { id: number }).id;
}

/**
 * The snapshot of a register of either engine (issue 14): on SQLite `snapshot(register.sqlite)`;
 * on PostgreSQL the same counts, a digest over every row of every table (rows sorted, PostgreSQL
 * has no rowid) and the schema version.
 */
export async function registerSnapshot(register: Register): Promise<DbSnapshot> {
  if (register.engine === 'sqlite') return snapshot(register.sqlite);
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(register.db);
  const counts: Record<string, number> = {};
  const hash = crypto.createHash('sha256');
  for (const { name } of tables.rows) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(register.db)).rows.map((row) => JSON.stringify(row)).sort();
    counts[name] = rows.length;
    hash.update(`\u0000${name}\u0000`);
    for (const row of rows) hash.update(row);
  }
  return { counts, auditCount: counts.audit_log ?? 0, digest: hash.digest('hex'), userVersion: register.schemaVersion() };
}

/** `lastAuditId` on a register of either engine. */
export async function registerLastAuditId(register: Register): Promise<number> {
  const row = await register.db.selectFrom('audit_log').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('id')).executeTakeFirstOrThrow();
  return Number(row.id);
}

/** `auditRowsSince` on a register of either engine. */
export async function registerAuditRowsSince(register: Register, afterId: number): Promise<RawAuditRow[]> {
  const rows = await register.db.selectFrom('audit_log').select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'before_json', 'after_json']).where('id', '>', afterId).orderBy('id').execute();
  return rows as RawAuditRow[];
}
