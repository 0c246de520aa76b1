// Opening the register: the SQLite file, its pragmas, the schema version check and migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ApiError } from '../shared/errors.ts';
import { fold } from '../shared/text.ts';
import { registerSearchFunctions } from './search-index.ts';
import { RegisterDialect } from './dialect.ts';
import { InCodeMigrationProvider, LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { seedDefaults } from './seed.ts';
import { fillMissingDeadlines } from './ops/deadlines.ts';
import { describeStorageFault, logFault } from './faults.ts';
import { displayLocation as displayName, isPostgresLocation, type Engine } from './engine/location.ts';
import { appliedPostgresMigrations, connectPostgres, describePostgresFault, foreignTables, migratePostgres, postgresSchemaVersion, type PostgresHandle } from './engine/postgres.ts';

/**
 * The register's own SQL functions, on a connection to it: the register's, or a raw handle that
 * writes to it or to a copy of its schema (the bench).
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  // Folded text in SQL: searching a denunciation's own words without its denouncer's (db/protection.ts).
  sqlite.function('petreg_fold', { deterministic: true }, (value: unknown) => (value === null || value === undefined ? null : fold(String(value))));
  // The words of the petition search index, computed by its triggers (db/search-index.ts, migration 0009).
  registerSearchFunctions(sqlite);
}

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /**
   * Where the register is: the path of a SQLite file (created with its folder when missing), or a
   * postgres:// URL of a PostgreSQL database (db/engine/postgres.ts; made a register when empty).
   */
  path: string;
  /** The clock every operation reads; tests pass their own. */
  now?: () => Date;
  /** Migrate up to this many migrations (tests). Default: all. */
  migrateTo?: number;
  /** Insert the default agency directory, settings and administrator into a new register. Default true. */
  seed?: boolean;
}

export interface Register {
  /** The register's location: a file path, or a postgres:// URL. */
  readonly path: string;
  readonly engine: Engine;
  /** The SQLite handle (SQLite registers only: a PostgreSQL register throws here). */
  readonly sqlite: Database.Database;
  readonly db: Kysely<DB>;
  /** Opened read-only: no write, no write lock (openRegisterReadOnly). */
  readonly readOnly: boolean;
  now(): Date;
  schemaVersion(): number;
  close(): Promise<void>;
}

/** Names of migrations already applied, from Kysely's own bookkeeping table. */
function appliedMigrations(sqlite: Database.Database): string[] {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) return [];
  return (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

function refuseNewerSchema(sqlite: Database.Database, file: string): void {
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const unknown = appliedMigrations(sqlite).filter((name) => !known.has(name));
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  if (unknown.length > 0 || userVersion > LATEST_SCHEMA_VERSION) {
    throw new ApiError(
      'SCHEMA_TOO_NEW',
      `Tệp dữ liệu ${file} được tạo bởi phiên bản mới hơn của Sổ tiếp công dân (lược đồ ${Math.max(userVersion, LATEST_SCHEMA_VERSION + unknown.length)}, phiên bản này chỉ hiểu đến ${LATEST_SCHEMA_VERSION}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.`,
    );
  }
}

/** Whether `file` is missing or empty (a new register is made there). */
function isNew(file: string): boolean {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return !stat || stat.size === 0;
}

function openSqlite(file: string, readOnly: boolean): Database.Database {
  if (!readOnly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS, readonly: readOnly, fileMustExist: readOnly });
  } catch (error) {
    logFault(file, 'open', error);
    throw describeStorageFault(error, file) ?? error;
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Read the header before anything may write to the file: a damaged or foreign file is never
    // touched (setting WAL mode writes two header bytes).
    sqlite.prepare('select count(*) from sqlite_master').get();
    if (!readOnly) {
      const mode = sqlite.pragma('journal_mode', { simple: true }) as string;
      if (mode !== 'wal') sqlite.pragma('journal_mode = WAL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    registerSqlFunctions(sqlite);
    return sqlite;
  } catch (error) {
    sqlite.close();
    const fault = describeStorageFault(error, file);
    // A foreign file is said as such; only real faults go to the log (never beside a foreign file).
    if (fault?.code !== 'BAD_DATABASE') logFault(file, 'open', error);
    throw fault ?? error;
  }
}

function makeRegister(file: string, sqlite: Database.Database, now: (() => Date) | undefined, readOnly: boolean): Register {
  const db = new Kysely<DB>({ dialect: new RegisterDialect(sqlite) });
  return {
    path: file,
    engine: 'sqlite',
    sqlite,
    db,
    readOnly,
    now: now ?? (() => new Date()),
    schemaVersion: () => sqlite.pragma('user_version', { simple: true }) as number,
    close: () => db.destroy(),
  };
}

function refuseOlderSchema(sqlite: Database.Database, file: string): void {
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version === 0 && !sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get()) {
    throw new ApiError('BAD_DATABASE', `Tệp ${file} không phải là sổ của Sổ tiếp công dân (chưa có lược đồ). Dùng "petreg init --db ${file}" để tạo sổ mới.`);
  }
  if (version < LATEST_SCHEMA_VERSION) {
    throw new ApiError(
      'SCHEMA_TOO_OLD',
      `Sổ ${file} dùng lược đồ ${version}, cũ hơn phiên bản này (${LATEST_SCHEMA_VERSION}). Hãy chạy "petreg init --db ${file}" (hoặc mở ứng dụng) để nâng cấp; dữ liệu không bị thay đổi.`,
    );
  }
}

/**
 * Opens a register for reading only: no migration, no seed, no write, never the write lock
 * (WAL readers do not wait for a writer). An older schema is refused with "run petreg init".
 */
export async function openRegisterReadOnly(options: { path: string; now?: () => Date }): Promise<Register> {
  if (isPostgresLocation(options.path)) return openPostgresRegister(options, 'read');
  const sqlite = openSqlite(options.path, true);
  try {
    refuseNewerSchema(sqlite, options.path);
    refuseOlderSchema(sqlite, options.path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return makeRegister(options.path, sqlite, options.now, true);
}

/**
 * Opens a register to write without migrating it (CLI writers: import, demo, the print and export
 * records). A missing or empty file becomes a new register (as `petreg init` would make it); an
 * older schema is refused with "run petreg init".
 */
export async function openRegisterForWrite(options: { path: string; now?: () => Date }): Promise<Register> {
  if (isPostgresLocation(options.path)) return openPostgresRegister(options, 'write');
  if (isNew(options.path)) return openRegister(options);
  const sqlite = openSqlite(options.path, false);
  try {
    refuseNewerSchema(sqlite, options.path);
    refuseOlderSchema(sqlite, options.path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return makeRegister(options.path, sqlite, options.now, false);
}

/** Whether a register needs migrating or seeding (read without taking any lock). */
function needsPreparing(sqlite: Database.Database, upTo: number, seed: boolean): boolean {
  const applied = appliedMigrations(sqlite);
  if (applied.length < upTo) return true;
  if (!seed) return false;
  const settings = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'settings'").get();
  return !settings || !sqlite.prepare("select 1 from settings where key = 'seed_version'").get();
}

/**
 * Opens a register and migrates it (the app's start, `petreg init`, tests): creates the file when
 * missing, migrates, seeds a new register. A register already current is only opened (nothing is
 * written). After a migration, petitions from before stored deadlines get theirs.
 */
export async function openRegister(options: OpenOptions): Promise<Register> {
  if (isPostgresLocation(options.path)) {
    if (options.migrateTo !== undefined && options.migrateTo !== LATEST_SCHEMA_VERSION) {
      throw new ApiError('VALIDATION', 'Sổ trên PostgreSQL chỉ tạo được ở lược đồ mới nhất.');
    }
    return openPostgresRegister(options, 'migrate');
  }
  const created = isNew(options.path);
  const sqlite = openSqlite(options.path, false);
  try {
    refuseNewerSchema(sqlite, options.path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const register = makeRegister(options.path, sqlite, options.now, false);
  const upTo = options.migrateTo ?? LATEST_SCHEMA_VERSION;
  const seed = options.seed !== false && upTo === LATEST_SCHEMA_VERSION;
  try {
    if (needsPreparing(sqlite, upTo, seed)) {
      const migrated = await migrate(register, upTo);
      if (seed) {
        await seedDefaults(register);
        // Petitions registered before deadlines were stored (schema < 3) get theirs now.
        if (migrated > 0) await fillMissingDeadlines(register);
      }
    }
  } catch (error) {
    await register.close();
    // A register that could not even be made (e.g. a full disk) is not left behind half-built.
    if (created) removeRegisterFiles(options.path);
    logFault(options.path, 'migrate', error);
    throw describeStorageFault(error, options.path) ?? error;
  }
  return register;
}

function postgresRegister(location: string, handle: PostgresHandle, now: (() => Date) | undefined, readOnly: boolean, version: number): Register {
  let schemaVersion = version;
  const register = {
    path: location,
    engine: 'postgres',
    db: handle.db,
    readOnly,
    now: now ?? (() => new Date()),
    schemaVersion: () => schemaVersion,
    close: () => handle.db.destroy(),
    // Kept current by openPostgresRegister after it migrates.
    set version(value: number) {
      schemaVersion = value;
    },
  };
  // Not enumerable: a copy of the register ({ ...register, db: trx }) does not read it.
  Object.defineProperty(register, 'sqlite', {
    enumerable: false,
    get(): never {
      throw new Error('register.sqlite: this register is on PostgreSQL');
    },
  });
  return register as unknown as Register & { version: number };
}

/**
 * Opens a register on PostgreSQL: 'read' and 'write' refuse a database without the latest schema
 * (run petreg init), 'migrate' makes an empty database a register (schema and seed) and migrates
 * an older one. A database holding other tables is refused, never written.
 */
async function openPostgresRegister(options: { path: string; now?: () => Date; seed?: boolean }, mode: 'read' | 'write' | 'migrate'): Promise<Register> {
  const location = options.path;
  const handle = connectPostgres(location, mode === 'read');
  const fail = async (error: unknown): Promise<never> => {
    await handle.db.destroy().catch(() => undefined);
    throw describePostgresFault(error, location) ?? error;
  };
  let applied: string[];
  try {
    applied = await appliedPostgresMigrations(handle.db);
    const unknown = applied.filter((name) => !MIGRATIONS.some(([m]) => m === name));
    if (unknown.length > 0) {
      throw new ApiError('SCHEMA_TOO_NEW', `Sổ ${displayName(location)} được tạo bởi phiên bản mới hơn của Sổ tiếp công dân (lược đồ ${LATEST_SCHEMA_VERSION + unknown.length}, phiên bản này chỉ hiểu đến ${LATEST_SCHEMA_VERSION}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.`);
    }
    if (applied.length === 0) {
      const other = await foreignTables(handle.db);
      if (other.length > 0) throw new ApiError('BAD_DATABASE', `Cơ sở dữ liệu ${displayName(location)} đã có bảng khác (${other.slice(0, 5).join(', ')}) và không phải là sổ của Sổ tiếp công dân. Không có gì được ghi; hãy dùng một cơ sở dữ liệu riêng cho sổ.`);
    }
    if (mode !== 'migrate' && applied.length < LATEST_SCHEMA_VERSION) {
      throw new ApiError(
        applied.length === 0 ? 'BAD_DATABASE' : 'SCHEMA_TOO_OLD',
        applied.length === 0
          ? `Cơ sở dữ liệu ${displayName(location)} chưa phải là sổ (chưa có lược đồ). Dùng "petreg init --db ${displayName(location)}" để tạo sổ mới.`
          : `Sổ ${displayName(location)} dùng lược đồ ${applied.length}, cũ hơn phiên bản này (${LATEST_SCHEMA_VERSION}). Hãy chạy "petreg init --db ${displayName(location)}" để nâng cấp.`,
      );
    }
  } catch (error) {
    return fail(error);
  }
  const register = postgresRegister(location, handle, options.now, mode === 'read', postgresSchemaVersion(applied)) as Register & { version: number };
  if (mode !== 'migrate') return register;
  try {
    if (applied.length < LATEST_SCHEMA_VERSION) await migratePostgres(handle.db);
    register.version = postgresSchemaVersion(await appliedPostgresMigrations(handle.db));
    if (options.seed !== false) await seedDefaults(register);
  } catch (error) {
    logFault(null, `migrate ${displayName(location)}`, error);
    return fail(error);
  }
  return register;
}

/** Removes a register file and its -wal/-shm companions. */
export function removeRegisterFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Migrates up to `upTo`; returns how many migrations ran. */
async function migrate(register: Register, upTo: number): Promise<number> {
  const migrator = new Migrator({ db: register.db, provider: new InCodeMigrationProvider(upTo) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    const fault = describeStorageFault(error, register.path);
    if (fault) throw fault;
    throw new ApiError('INTERNAL', `Không nâng cấp được cơ sở dữ liệu (bước ${failed}): ${String((error as Error).message ?? error)}`);
  }
  // Through Kysely, under the per-file lock: a direct write on the handle would block the whole
  // process while another register on the same file holds the write lock.
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).length;
  await sql.raw(`pragma user_version = ${applied}`).execute(register.db);
  return results?.filter((r) => r.status === 'Success').length ?? 0;
}
