// Records every statement a piece of work runs on a register's better-sqlite3 handle (Kysely
// prepares each query on it), with its parameters: the query-plan test reads their plans, the
// bench replays them on a raw handle. The register's statement cache is emptied first, since a
// statement it already holds is not prepared again and would go unseen.
import type Database from 'better-sqlite3';
import { statementCacheOf } from '../../db/dialect.ts';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export async function captureStatements<T>(sqlite: Database.Database, work: () => Promise<T>): Promise<{ value: T; statements: CapturedStatement[] }> {
  statementCacheOf(sqlite)?.clear();
  const original = sqlite.prepare;
  const statements: CapturedStatement[] = [];
  // The statements prepared here stay in the register's cache after the work, for the calls
  // that follow (as a desk keeps them): those calls are not the work's and are not recorded.
  let recording = true;
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    const statement = original.call(this, source);
    return new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run') {
          return (...args: unknown[]) => {
            if (recording) statements.push({ sql: source, params: args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  } as typeof sqlite.prepare;
  try {
    return { value: await work(), statements };
  } finally {
    recording = false;
    sqlite.prepare = original;
  }
}
