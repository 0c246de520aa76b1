// Opening the register: the SQLite file, its pragmas, the schema version check and migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ApiError } from '../shared/errors.ts';
import { fold } from '../shared/text.ts';
import { RegisterDialect } from './dialect.ts';
import { InCodeMigrationProvider, LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { seedDefaults } from './seed.ts';
import { recomputeProcessingDeadlines } from './ops/deadlines.ts';

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Path of the register file; created with its folder when missing. */
  path: string;
  /** The clock every operation reads; tests pass their own. */
  now?: () => Date;
  /** Migrate up to this many migrations (tests). Default: all. */
  migrateTo?: number;
  /** Insert the default agency directory, settings and administrator into a new register. Default true. */
  seed?: boolean;
}

export interface Register {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly db: Kysely<DB>;
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

function openSqlite(file: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    // Folded text in SQL: searching a denunciation's own words without its denouncer's (db/protection.ts).
    sqlite.function('petreg_fold', { deterministic: true }, (value: unknown) => (value === null || value === undefined ? null : fold(String(value))));
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new ApiError('BAD_DATABASE', `Tệp ${file} không phải là cơ sở dữ liệu SQLite hợp lệ của Sổ tiếp công dân.`);
    }
    throw error;
  }
}

export async function openRegister(options: OpenOptions): Promise<Register> {
  const sqlite = openSqlite(options.path);
  try {
    refuseNewerSchema(sqlite, options.path);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new RegisterDialect(sqlite) });
  const now = options.now ?? (() => new Date());
  const register: Register = {
    path: options.path,
    sqlite,
    db,
    now,
    schemaVersion: () => sqlite.pragma('user_version', { simple: true }) as number,
    close: () => db.destroy(),
  };
  try {
    await migrate(register, options.migrateTo ?? LATEST_SCHEMA_VERSION);
    if (options.seed !== false && (options.migrateTo ?? LATEST_SCHEMA_VERSION) === LATEST_SCHEMA_VERSION) {
      await seedDefaults(register);
      // Petitions registered before deadlines were stored (schema < 3) get theirs now.
      await db.transaction().execute((trx) => recomputeProcessingDeadlines(trx, false));
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return register;
}

async function migrate(register: Register, upTo: number): Promise<void> {
  const migrator = new Migrator({ db: register.db, provider: new InCodeMigrationProvider(upTo) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new ApiError('INTERNAL', `Không nâng cấp được cơ sở dữ liệu (bước ${failed}): ${String((error as Error).message ?? error)}`);
  }
  // Through Kysely, under the per-file lock: a direct write on the handle would block the whole
  // process while another register on the same file holds the write lock.
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).length;
  await sql.raw(`pragma user_version = ${applied}`).execute(register.db);
}
