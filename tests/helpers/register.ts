// Test registers: real SQLite files in fresh temporary folders, a fixed clock, and cleanup.
import fs from 'node:fs';
import { CompiledQuery } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { buildBridge, unwrapBridge, type ApiClient } from '../../shared/api/client.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import { createApiServer, type ApiServer, type ApiServerOptions } from '../../db/api/server.ts';
import { hashPassword } from '../../db/passwords.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { openRegister, type Register } from '../../db/register.ts';

/** The instant every test register's clock reads unless told otherwise. */
export const TEST_NOW = new Date('2026-03-15T08:30:00.000Z');
export const TEST_APP_VERSION = '0.0.0-test';

/** A clock stuck at `at`; each call returns a fresh Date. */
export function fixedClock(at: Date = TEST_NOW): () => Date {
  const ms = at.getTime();
  return () => new Date(ms);
}

export interface TempDir {
  dir: string;
  cleanup(): void;
}

/** A fresh, empty folder under the OS temp folder. */
export function tempDir(prefix = 'petreg-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface TempRegisterOptions {
  /** A fixed instant or a clock; default TEST_NOW. */
  now?: Date | (() => Date);
  migrateTo?: number;
  seed?: boolean;
  /** Open an existing file instead of a new one in a fresh folder (the caller cleans its folder). */
  path?: string;
  appVersion?: string;
  /**
   * The API server starts signed in as the seeded administrator (default), or as nobody (false):
   * the tests of sign-in itself start signed out.
   */
  signedIn?: boolean;
}

export interface TempRegister {
  register: Register;
  api: ApiServer;
  /** Typed client over `api`, resolving values and throwing ApiError. */
  client: ApiClient;
  dir: string;
  path: string;
  /** Closes the register (once), keeping the file. */
  close(): Promise<void>;
  /** Closes the register (once) and, when the folder was made here, removes it. */
  cleanup(): Promise<void>;
}

/**
 * The PostgreSQL server the suite runs on a second time (issue 14): a URL of a database the tests
 * may create databases from (`.ci/run` starts a throw-away cluster and sets it). Unset: SQLite only.
 */
export const TEST_POSTGRES = process.env.PETREG_TEST_POSTGRES ?? '';
/** Whether this run's registers are on PostgreSQL (tests of SQLite files themselves skip then). */
export const onPostgres = TEST_POSTGRES !== '';

let databases = 0;

/** A fresh, empty PostgreSQL database on the test server; its URL and how to drop it. */
export async function tempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `petreg_t_${process.pid}_${Date.now().toString(36)}_${++databases}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_POSTGRES });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** `?` placeholders as PostgreSQL's $1, $2… (outside quoted text). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

/**
 * Raw SQL on a register of either engine, `?` for parameters: the rows as the engine gives them
 * (numbers as numbers, flags as 1/0 on both). Tests read what the operations wrote with it.
 */
export async function rawAll<T = Record<string, unknown>>(register: Register, text: string, ...params: unknown[]): Promise<T[]> {
  if (register.engine === 'sqlite') {
    const statement = register.sqlite.prepare(text);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as T[];
  }
  const result = await register.db.executeQuery(CompiledQuery.raw(numbered(text), params));
  return result.rows as T[];
}

export async function rawGet<T = Record<string, unknown>>(register: Register, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await rawAll<T>(register, text, ...params))[0];
}

export async function rawRun(register: Register, text: string, ...params: unknown[]): Promise<void> {
  await rawAll(register, text, ...params);
}

export async function tempRegister(options: TempRegisterOptions = {}): Promise<TempRegister> {
  // On PostgreSQL (a run with PETREG_TEST_POSTGRES) a new register is a new database; a test that
  // opens a file of its own (options.path) keeps that file.
  const server = onPostgres && options.path === undefined ? await tempPostgresDatabase() : null;
  const owned = options.path === undefined ? tempDir() : null;
  const file = server?.url ?? options.path ?? path.join(owned!.dir, 'register.sqlite');
  const now = options.now instanceof Date ? fixedClock(options.now) : (options.now ?? fixedClock());
  let register: Register;
  try {
    register = await openRegister({
      path: file,
      now,
      ...(options.migrateTo !== undefined ? { migrateTo: options.migrateTo } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
  } catch (error) {
    owned?.cleanup();
    await server?.drop();
    throw error;
  }
  const api = createApiServer(register, { appVersion: options.appVersion ?? TEST_APP_VERSION }, options.signedIn === false ? {} : await adminSession(register));
  const client = unwrapBridge(buildBridge((method: MethodName, input: unknown) => api.call(method, input)));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await register.close();
  };
  return {
    register,
    api,
    client,
    dir: server ? owned!.dir : path.dirname(file),
    path: file,
    close,
    async cleanup() {
      await close();
      owned?.cleanup();
      await server?.drop();
    },
  };
}

/**
 * Server options signed in as the register's first active administrator, without the idle lock
 * (test clocks jump by days). A register at an older schema (no passwords yet) or without an
 * administrator is called as the system actor, as before sign-in existed.
 */
export async function adminSession(register: Register): Promise<ApiServerOptions> {
  if (register.schemaVersion() < LATEST_SCHEMA_VERSION) return { systemActor: true };
  const admin = await register.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).orderBy('id').executeTakeFirst();
  return admin ? { signedInAs: admin.id, idleLock: false } : { systemActor: true };
}

/** Cheap scrypt parameters for test passwords (the hash carries them; sign-in reads them back). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'mat-khau-thu-1';

/** Gives the user a test password (written straight to the file) and signs them in through the API. */
export async function signInAs(t: { register: Register; client: ApiClient }, userId: number, password = TEST_PASSWORD): Promise<void> {
  const row = await t.register.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password, TEST_SCRYPT), must_change_password: 0, failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .returning('username')
    .executeTakeFirstOrThrow();
  await t.client.auth.signIn({ username: row.username, password });
}
