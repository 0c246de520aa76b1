// Kysely's SQLite dialect, with two changes the register needs:
// - one connection shared by the whole process, handed out under a mutex, so that an async
//   transaction never interleaves with another query on the same better-sqlite3 handle;
// - transactions begin IMMEDIATE, taking the write lock at once, so two processes that number
//   petitions at the same time queue on the busy timeout instead of failing to upgrade a read lock.
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

class RegisterDriver extends SqliteDriver {
  readonly #mutex = new Mutex();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class RegisterDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new RegisterDriver({ database: this.#database });
  }
}
