// The PostgreSQL engine (issue 14): a pool of connections to one database shared by every desk,
// Kysely's PostgreSQL dialect with the register's transactions, the schema's migrations and the
// faults of a server said in Vietnamese. Everything specific to PostgreSQL is here, in
// postgres-schema.ts (the schema) and in sql.ts (the few SQL expressions that differ).
//
// Transactions: every transaction first takes one advisory lock (pg_advisory_xact_lock), held
// until it ends. Writers queue on it as they queue on SQLite's BEGIN IMMEDIATE, so everything
// numbered in a series (register numbers per year, document and notice numbers, the audit chain)
// is read and written by one desk at a time: gap-free and never twice, whichever desk saves.
// Readers outside a transaction never wait.
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, PostgresDriver, sql, type DatabaseConnection, type Driver, type PostgresDialectConfig, type TransactionSettings } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { ApiError } from '../../shared/errors.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../migrations/index.ts';
import type { DB } from '../schema.ts';
import { createPostgresSchema } from './postgres-schema.ts';
export { describePostgresFault } from './postgres-faults.ts';

/** The advisory lock every transaction takes (any fixed number; "petreg" in ASCII). */
export const WRITE_LOCK_KEY = 0x706574726567;
/** Connections per process: a desk's screen, its background jobs and a print at once. */
const POOL_SIZE = 4;
/** How long a desk waits for the server before saying it cannot be reached. */
const CONNECT_TIMEOUT_MS = 5000;
/** How long a transaction waits for another desk's before saying the register is busy. */
export const LOCK_TIMEOUT_MS = 15000;

/** The last migration whose schema postgres-schema.ts makes at once; the ones before it do nothing here. */
export const POSTGRES_BASELINE = '0015-search-newest-first';

class RegisterPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`set local lock_timeout = ${LOCK_TIMEOUT_MS}`));
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
  }
}

class RegisterPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new RegisterPostgresDriver(this.#config);
  }
}

// Numbers come back as numbers, as SQLite gives them: bigint (count, sum) and numeric as Number,
// booleans (exists, comparisons) as 1 and 0.
const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => (value === null ? null : Number(value));
    if (oid === BOOL) return (value: string) => (value === null ? null : value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface PostgresHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
}

/**
 * A connection that gives up reaching the server after CONNECT_TIMEOUT_MS. The timeout is the
 * client's, not the pool's: pg-pool applies its own connectionTimeoutMillis to a call waiting for
 * a free connection too, and a desk's calls queued behind transactions that wait for another
 * desk's lock (as SQLite's writers wait on its busy timeout) must not fail as "unreachable".
 */
class RegisterClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/** A pool and a Kysely instance on `location`; `readOnly` makes every transaction of the pool read-only. */
export function connectPostgres(location: string, readOnly = false): PostgresHandle {
  const pool = new pg.Pool({
    connectionString: location,
    max: POOL_SIZE,
    Client: RegisterClient,
    idleTimeoutMillis: 30000,
    application_name: 'petreg',
    types,
    ...(readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // A connection lost while idle (the server restarted): the pool drops it and makes a new one
  // at the next query; nothing to do but not crash.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new RegisterPostgresDialect({ pool }) });
  return { db, pool };
}

class PostgresMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const baseline = MIGRATIONS.findIndex(([name]) => name === POSTGRES_BASELINE);
    const entries = MIGRATIONS.map(([name, migration], i): [string, Migration] => {
      if (i < baseline) return [name, { up: async () => undefined }];
      if (i === baseline) return [name, { up: (db) => createPostgresSchema(db) }];
      return [name, migration];
    });
    return Object.fromEntries(entries);
  }
}

/** Names of the migrations applied to a PostgreSQL register (none: a new, empty database). */
export async function appliedPostgresMigrations(db: Kysely<DB>): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
}

/** Whether the database holds tables that are not a register's (a database used for something else). */
export async function foreignTables(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const names = rows.rows.map((r) => r.name);
  return names.includes('kysely_migration') ? [] : names;
}

/** Migrates a PostgreSQL register to the latest schema; returns how many migrations ran. */
export async function migratePostgres(db: Kysely<DB>): Promise<number> {
  const migrator = new Migrator({ db, provider: new PostgresMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw error instanceof ApiError ? error : new ApiError('INTERNAL', `Không nâng cấp được cơ sở dữ liệu (bước ${failed}): ${String((error as Error).message ?? error)}`);
  }
  return results?.filter((r) => r.status === 'Success').length ?? 0;
}

/** The schema version of a PostgreSQL register: how many migrations it has. */
export function postgresSchemaVersion(applied: string[]): number {
  return Math.min(applied.length, LATEST_SCHEMA_VERSION + applied.filter((n) => !MIGRATIONS.some(([m]) => m === n)).length);
}

/**
 * Moves every identity sequence past the largest id of its table: after a write that gave ids of
 * its own (an import, a copy between engines), the next row a desk saves gets the next id.
 */
export async function syncSequences(db: Kysely<DB> | Kysely<any>): Promise<void> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES' order by table_name`.execute(db);
  for (const r of rows.rows) {
    await sql
      .raw(`select setval(pg_get_serial_sequence('${r.table_name}', '${r.column_name}'), coalesce((select max(${r.column_name}) from ${r.table_name}), 0) + 1, false)`)
      .execute(db);
  }
}
