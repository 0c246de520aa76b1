// The integration suite a second time, on PostgreSQL (issue 14): `npm test` starts a throw-away
// cluster (scripts/postgres-cluster.ts) and sets PETREG_TEST_POSTGRES; each test register is then
// a fresh database on it (tests/helpers/register.ts). The files left out are about SQLite itself.
import { defineConfig } from 'vitest/config';

/** Files about SQLite files and their engine, with nothing to say about PostgreSQL. */
export const SQLITE_ONLY = [
  // Migrations from older SQLite schemas (a PostgreSQL register is made at schema 15 at once;
  // tests/integration/postgres-schema.test.ts compares the two schemas instead).
  'tests/integration/migrations.test.ts',
  'tests/integration/matters-migration.test.ts',
  'tests/integration/migration-protection.test.ts',
  // SQLite's query plans, prepared-statement cache, WAL readers, FTS5 index layout and bulk writer.
  'tests/integration/query-plans.test.ts',
  'tests/integration/statement-cache.test.ts',
  'tests/integration/readers-never-block.test.ts',
  'tests/integration/search-newest-first.test.ts',
  'tests/integration/search-bulk-fill.test.ts',
  'tests/integration/import-bulk.test.ts',
  // A register file's faults, crash recovery and file backups (the server's are its own: pg_dump).
  'tests/integration/faults.test.ts',
  'tests/integration/crash.test.ts',
  'tests/integration/backup-restore.test.ts',
];

export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    exclude: SQLITE_ONLY,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
