// Single values and single columns of raw SQL on a register of either engine (better-sqlite3's
// pluck() for tests that run on SQLite and PostgreSQL alike, issue 14).
import type { Register } from '../../db/register.ts';
import { rawAll } from './register.ts';

/** The first column of the first row (undefined: no row). */
export async function rawValue<T = unknown>(register: Register, text: string, ...params: unknown[]): Promise<T | undefined> {
  const row = (await rawAll(register, text, ...params))[0];
  return row === undefined ? undefined : (Object.values(row)[0] as T);
}

/** The first column of every row. */
export async function rawColumn<T = unknown>(register: Register, text: string, ...params: unknown[]): Promise<T[]> {
  return (await rawAll(register, text, ...params)).map((row) => Object.values(row)[0] as T);
}
