// Kysely's SQLite dialect, with two changes the register needs:
// - one connection shared by the whole process, handed out under a mutex, so that an async
//   transaction never interleaves with another query on the same better-sqlite3 handle;
// - transactions begin IMMEDIATE, taking the write lock at once, so two processes that number
//   petitions at the same time queue on the busy timeout instead of failing to upgrade a read lock.
// - a bounded cache of prepared statements, one per SQL text (see StatementCache below).
// The mutex is shared by every handle this process opens on the same file: better-sqlite3's busy
// wait blocks the event loop, so a second in-process handle waiting for the write lock would stop
// the first from ever committing (a deadlock until the busy timeout). Processes still queue on it.
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, SelectQueryNode, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
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

/** How many statements a register keeps prepared: every query the app runs, with room to spare. */
export const STATEMENT_CACHE_SIZE = 512;

/** DDL changes what a statement reads (`select *` after ALTER TABLE): never cached, and it empties the cache. */
const DDL = /^\s*(create|alter|drop|vacuum|reindex|analyze|attach|detach)\b/i;

/**
 * Prepared statements by SQL text, least recently used first. Kysely's SqliteDriver prepares every
 * query afresh, which costs about a quarter of a bulk write's time, and better-sqlite3 finalizes a
 * statement only when the garbage collector frees it, so a long import held millions of them. Here
 * each SQL text is prepared once and reused; the cache holds at most `capacity` statements (an
 * evicted one is left to the garbage collector, as before) and is emptied when the register closes
 * (better-sqlite3 finalizes every statement on close) or a DDL statement runs.
 */
export class StatementCache {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly capacity: number;
  /** Statements prepared and statements reused, since the register opened. */
  prepared = 0;
  reused = 0;

  constructor(database: BetterSqlite3.Database, capacity = STATEMENT_CACHE_SIZE) {
    this.#database = database;
    this.capacity = capacity;
  }

  get size(): number {
    return this.#statements.size;
  }

  get(sql: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      this.reused++;
      return cached;
    }
    const statement = this.#database.prepare(sql);
    this.prepared++;
    if (DDL.test(sql)) {
      this.clear();
      return statement;
    }
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.capacity) this.#statements.delete(this.#statements.keys().next().value!);
    return statement;
  }

  clear(): void {
    this.#statements.clear();
  }
}

/** A connection that runs each query on the cached statement of its SQL text. */
class CachedConnection implements DatabaseConnection {
  readonly #database: BetterSqlite3.Database;
  readonly cache: StatementCache;

  constructor(database: BetterSqlite3.Database) {
    this.#database = database;
    this.cache = new StatementCache(database);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const statement = this.cache.get(sql);
    // `reader` is fixed by the SQL text (a select, or a write with RETURNING), so a reused
    // statement answers the same way as a fresh one.
    if (statement.reader) return { rows: statement.all(parameters as unknown[]) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters as unknown[]);
    return {
      insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
      numAffectedRows: changes != null ? BigInt(changes) : undefined,
      rows: [],
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery;
    if (!SelectQueryNode.is(query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // An iterating statement is busy until the loop ends: a stream gets a statement of its own.
    const statement = this.#database.prepare(sql);
    for (const row of statement.iterate(parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** The statement cache of a register's Kysely instance (tests and the bench count reuse with it). */
const caches = new WeakMap<BetterSqlite3.Database, StatementCache>();
export function statementCacheOf(database: BetterSqlite3.Database): StatementCache | undefined {
  return caches.get(database);
}

class RegisterDriver extends SqliteDriver {
  readonly #key: string | null;
  readonly #mutex: Mutex;
  readonly #database: BetterSqlite3.Database;
  readonly #connection: CachedConnection;
  #destroyed = false;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
    this.#key = fileKey(database);
    this.#mutex = takeMutex(this.#key);
    this.#connection = new CachedConnection(database);
    caches.set(database, this.#connection.cache);
  }

  override async destroy(): Promise<void> {
    if (!this.#destroyed) {
      this.#destroyed = true;
      dropMutex(this.#key);
      this.#connection.cache.clear();
      caches.delete(this.#database);
    }
    await super.destroy();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
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
