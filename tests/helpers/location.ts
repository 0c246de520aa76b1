// A fresh register location for tests that open it more than once (several desks on one
// register): a file in a fresh folder on SQLite, a fresh database on the test server on PostgreSQL.
import path from 'node:path';
import { onPostgres, tempDir, tempPostgresDatabase } from './register.ts';

export interface TempLocation {
  /** What openRegister, tempRegister({ path }) and `petreg --db` take. */
  path: string;
  /** Removes the folder or drops the database (every register on it closed first). */
  cleanup(): Promise<void>;
}

export async function tempLocation(): Promise<TempLocation> {
  if (onPostgres) {
    const database = await tempPostgresDatabase();
    return { path: database.url, cleanup: () => database.drop() };
  }
  const d = tempDir();
  return {
    path: path.join(d.dir, 'register.sqlite'),
    cleanup: async () => d.cleanup(),
  };
}
