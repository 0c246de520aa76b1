// Where a register lives (issue 14): a file path is a SQLite register, a postgres:// URL a
// register on a PostgreSQL server. The CLI's --db, the app's settings and PETREG_DB take either.

export type Engine = 'sqlite' | 'postgres';

/** Whether a register location names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

export function engineOf(location: string): Engine {
  return isPostgresLocation(location) ? 'postgres' : 'sqlite';
}

/** A location as it may be shown or logged: a URL without its password. */
export function displayLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
