// The ordered list of migrations, served by an in-code provider (a folder read at run time
// breaks inside a packed app). Append only: never rename, reorder or edit a shipped migration.
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-reference-tables.ts';
import * as m0002 from './0002-intake.ts';
import * as m0003 from './0003-workflow.ts';
import * as m0004 from './0004-matters.ts';
import * as m0005 from './0005-law-2026.ts';
import * as m0006 from './0006-protection.ts';
import * as m0007 from './0007-calendar-places.ts';
import * as m0008 from './0008-audit-chain.ts';
import * as m0009 from './0009-search-tokens.ts';
import * as m0010 from './0010-query-indexes.ts';
import * as m0011 from './0011-sign-in.ts';
import * as m0012 from './0012-list-order.ts';
import * as m0013 from './0013-approval.ts';
import * as m0014 from './0014-content-decisions.ts';
import * as m0015 from './0015-search-newest-first.ts';
import * as m0016 from './0016-subject-reply-indexes.ts';
import * as m0017 from './0017-report-period-index.ts';
import * as m0018 from './0018-first-content-index.ts';

export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['0001-reference-tables', m0001],
  ['0002-intake', m0002],
  ['0003-workflow', m0003],
  ['0004-matters', m0004],
  ['0005-law-2026', m0005],
  ['0006-protection', m0006],
  ['0007-calendar-places', m0007],
  ['0008-audit-chain', m0008],
  ['0009-search-tokens', m0009],
  ['0010-query-indexes', m0010],
  ['0011-sign-in', m0011],
  ['0012-list-order', m0012],
  ['0013-approval', m0013],
  ['0014-content-decisions', m0014],
  ['0015-search-newest-first', m0015],
  ['0016-subject-reply-indexes', m0016],
  ['0017-report-period-index', m0017],
  ['0018-first-content-index', m0018],
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export class InCodeMigrationProvider implements MigrationProvider {
  readonly #upTo: number;

  /** upTo: how many migrations to offer (tests migrate step by step). */
  constructor(upTo = MIGRATIONS.length) {
    this.#upTo = upTo;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(MIGRATIONS.slice(0, this.#upTo));
  }
}
