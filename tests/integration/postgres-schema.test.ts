// The PostgreSQL register's schema (db/engine/postgres-schema.ts) against SQLite's after all its
// migrations: the same tables, the same columns with the same nullability and defaults, the same
// named indexes; and the search words computed in SQL equal to db/search-index.ts's. A migration
// added for one engine only fails here. Runs in the PostgreSQL pass of the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openRegister, type Register } from '../../db/register.ts';
import { fold } from '../../shared/text.ts';
import { searchHidden, searchOpen, wordsOf } from '../../db/search-index.ts';
import { onPostgres, rawAll, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';

const FTS = /^(petitions_fts|petitions_words|citizens_words)/;

describe.skipIf(!onPostgres)('the PostgreSQL schema is the SQLite schema', () => {
  let pg: TempRegister;
  let dir: TempDir;
  let lite: Register;

  beforeAll(async () => {
    pg = await tempRegister();
    dir = tempDir();
    lite = await openRegister({ path: path.join(dir.dir, 'register.sqlite') });
  });
  afterAll(async () => {
    await lite.close();
    dir.cleanup();
    await pg.cleanup();
  });

  it('has the same schema version', () => {
    expect(pg.register.engine).toBe('postgres');
    expect(pg.register.schemaVersion()).toBe(lite.schemaVersion());
  });

  it('has the same tables, with the same columns, nullability and defaults', async () => {
    const liteTables = (lite.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !FTS.test(n));
    const pgTables = (await rawAll<{ name: string }>(pg.register, "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by 1"))
      .map((r) => r.name)
      .filter((n) => !FTS.test(n));
    expect(pgTables).toEqual(liteTables);
    for (const table of liteTables) {
      const liteColumns = (lite.sqlite.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[])
        .map((c) => ({ name: c.name, type: c.type.toLowerCase(), // A primary key is never null (SQLite's integer one is the rowid; PostgreSQL says not null).
        notNull: c.notnull === 1 || c.pk > 0, hasDefault: c.dflt_value !== null }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const pgColumns = (
        await rawAll<{ name: string; type: string; nullable: string; dflt: string | null; identity: string }>(
          pg.register,
          'select column_name as name, data_type as type, is_nullable as nullable, column_default as dflt, is_identity as identity from information_schema.columns where table_schema = current_schema() and table_name = ? order by column_name',
          table,
        )
      ).map((c) => ({
        name: c.name,
        type: c.type === 'integer' ? 'integer' : c.type === 'text' ? 'text' : c.type,
        notNull: c.nullable === 'NO',
        hasDefault: c.dflt !== null && c.identity !== 'YES',
      }));
      expect(pgColumns, table).toEqual(liteColumns);
    }
  });

  it('has every named index of SQLite', async () => {
    const liteIndexes = (lite.sqlite.prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%' order by name").all() as { name: string }[]).map((r) => r.name);
    const pgIndexes = new Set((await rawAll<{ name: string }>(pg.register, 'select indexname as name from pg_indexes where schemaname = current_schema()')).map((r) => r.name));
    expect(liteIndexes.filter((n) => !pgIndexes.has(n))).toEqual([]);
  });

  const TEXTS = [
    'Nguyễn Văn Đức',
    'ĐẶNG THỊ HỒNG  NHUNG ',
    'Trần Ngọc Ánh — 079123456789, số 12/3 đường Lê Lợi, P. Bến Nghé',
    "H'Hen Niê, Y’Blốc Êban",
    'Tranh chấp đất đai tại xã Ea Kao (huyện Buôn Ma Thuột cũ)',
    'Nguyê\u0303n Hoa\u0300ng', // decomposed tone marks
    'Ωμέγα Дмитрий Ñandú Straße',
    '2026/000012 UBND\ttỉnh\nĐồng Nai',
  ];

  it('folds text as shared/text.ts fold() does', async () => {
    for (const text of TEXTS) {
      const row = await rawAll<{ f: string }>(pg.register, 'select petreg_fold(cast(? as text)) as f', text);
      expect(row[0]!.f, text).toBe(fold(text));
    }
  });

  it('splits words and computes the open and hidden words as db/search-index.ts does', async () => {
    for (const text of TEXTS) {
      const row = await rawAll<{ w: string[] }>(pg.register, 'select petreg_words(cast(? as text)) as w', text);
      expect(row[0]!.w, text).toEqual(wordsOf(text));
    }
    const own = '2026/000001 Tố cáo ông Lê Văn Tám, 079123456789, chiếm đất';
    const names = 'Lê Văn Tám 079123456789';
    const identity = 'Lê Văn Tám 079123456789 0912345678 Thôn 3';
    for (const p of [0, 1]) {
      const rows = await rawAll<{ open: string; hidden: string; eo: string; eh: string }>(
        pg.register,
        `select petreg_search_open(cast(? as text), cast(? as text), cast(? as text), cast(? as integer))::text as open,
           petreg_search_hidden(cast(? as text), cast(? as text), cast(? as text), cast(? as integer))::text as hidden,
           to_tsvector('simple', cast(? as text))::text as eo, to_tsvector('simple', cast(? as text))::text as eh`,
        own, names, identity, p, own, names, identity, p, searchOpen(own, names, identity, p), searchHidden(own, names, identity, p),
      );
      expect(rows[0]!.open, `open, protected=${p}`).toBe(rows[0]!.eo);
      expect(rows[0]!.hidden, `hidden, protected=${p}`).toBe(rows[0]!.eh);
    }
  });
});
