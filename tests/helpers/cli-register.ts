// Registers for tests that run petreg as a child process (issue 14): a file in the test's folder,
// or, when the suite runs on PostgreSQL (PETREG_TEST_POSTGRES), a fresh database on the test
// server, made a register with `petreg init` as an administrator would. Read back with raw SQL.
import path from 'node:path';
import Database from 'better-sqlite3';
import { isPostgresLocation } from '../../db/engine/location.ts';
import { onPostgres, tempPostgresDatabase } from './register.ts';

const made: { drop(): Promise<void> }[] = [];

/**
 * Where a CLI test's register lives: `dir/name` on SQLite; on PostgreSQL the URL of a fresh, empty
 * database (dropped by dropCliRegisters). `petreg init` makes either a register.
 */
export async function cliRegister(dir: string, name: string): Promise<string> {
  if (!onPostgres) return path.join(dir, name);
  const database = await tempPostgresDatabase();
  made.push(database);
  return database.url;
}

/** Drops the databases cliRegister made (nothing on SQLite). */
export async function dropCliRegisters(): Promise<void> {
  for (const database of made.splice(0)) await database.drop();
}

/** Rows of a raw query (`?` for parameters) on a register file or database, opened read-only. */
export async function queryRegister<T = Record<string, unknown>>(location: string, text: string, ...params: unknown[]): Promise<T[]> {
  return onRegister<T>(location, true, text, params);
}

/** A raw write (`?` for parameters) on a register file or database (a test's own change). */
export async function writeRegister(location: string, text: string, ...params: unknown[]): Promise<void> {
  await onRegister(location, false, text, params);
}

/**
 * A copy of a register: on SQLite an online backup to `file`; on PostgreSQL a new database made
 * from the register as a template (nobody may be connected to it: the CLI runs have ended).
 */
export async function copyCliRegister(location: string, file: string): Promise<string> {
  if (!isPostgresLocation(location)) {
    const source = new Database(location, { readonly: true, fileMustExist: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    return file;
  }
  const copy = await tempPostgresDatabase();
  made.push(copy);
  const name = new URL(copy.url).pathname.slice(1);
  const admin = await pgClient(new URL('/postgres', location).toString());
  try {
    await admin.query(`drop database ${name}`);
    await admin.query(`create database ${name} template ${new URL(location).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  return copy.url;
}

async function pgClient(url: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function onRegister<T>(location: string, readonly: boolean, text: string, params: unknown[]): Promise<T[]> {
  if (!isPostgresLocation(location)) {
    const sqlite = new Database(location, { readonly, fileMustExist: true });
    try {
      const statement = sqlite.prepare(text);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    } finally {
      sqlite.close();
    }
  }
  const client = await pgClient(location);
  try {
    let n = 0;
    const numbered = text.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
    return (await client.query(numbered, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The first column of the first row, as a number (a count). */
export async function countIn(location: string, text: string, ...params: unknown[]): Promise<number> {
  const row = (await queryRegister(location, text, ...params))[0];
  return Number(Object.values(row ?? {})[0]);
}
