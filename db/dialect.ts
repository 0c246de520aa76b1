// Kysely's SQLite dialect, with two changes the register needs:
// - one connection shared by the whole process, handed out under a mutex, so that an async
//   transaction never interleaves with another query on the same better-sqlite3 handle;
// - transactions begin IMMEDIATE, taking the write lock at once, so two processes that number
//   petitions at the same time queue on the busy timeout instead of failing to upgrade a read lock.
// The mutex is shared by every handle this process opens on the same file: better-sqlite3's busy
// wait blocks the event loop, so a second in-process handle waiting for the write lock would stop
// the first from ever committing (a deadlock until the busy timeout). Processes still queue on it.
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
}

const fileMutexes = new Map<string, { mutex: Mutex; users: number }>();

function fileKey(database: BetterSqlite3.Database): string | null {
  if (database.memory) return null;
  try {
    return fs.realpathSync(database.name);
  } catch {
    return path.resolve(database.name);
  }
}

function takeMutex(key: string | null): Mutex {
  if (key === null) return new Mutex();
  const entry = fileMutexes.get(key) ?? { mutex: new Mutex(), users: 0 };
  entry.users += 1;
  fileMutexes.set(key, entry);
  return entry.mutex;
}

function dropMutex(key: string | null): void {
  const entry = key === null ? undefined : fileMutexes.get(key);
  if (!entry || key === null) return;
  entry.users -= 1;
  if (entry.users <= 0) fileMutexes.delete(key);
}

class RegisterDriver extends SqliteDriver {
  readonly #key: string | null;
  readonly #mutex: Mutex;
  readonly #database: BetterSqlite3.Database;
  #destroyed = false;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
    this.#key = fileKey(database);
    this.#mutex = takeMutex(this.#key);
  }

  override async destroy(): Promise<void> {
    if (!this.#destroyed) {
      this.#destroyed = true;
      dropMutex(this.#key);
    }
    await super.destroy();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // A read-only handle reads in a deferred transaction (one consistent snapshot, no write lock).
    await connection.executeQuery(CompiledQuery.raw(this.#database.readonly ? 'begin' : 'begin immediate'));
  }

  // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, ...):
  // a ROLLBACK then fails with "cannot rollback - no transaction is active", and Kysely would
  // throw that instead of the real error. Roll back only what is still open.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#database.inTransaction) return;
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (this.#database.inTransaction) throw error;
    }
  }
}

export class RegisterDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new RegisterDriver(this.#database);
  }
}
