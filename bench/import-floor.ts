// The import's floor: how long SQLite alone takes to write the rows an import wrote, on this
// machine, in the same run. The bench's import row is `petreg import` of a generated file: reading,
// checking every record, and writing it with its handling and audit. Its "raw" is the least any
// import of the same register could take: the built register's rows copied into an empty file of
// the same schema by SQLite itself (`insert … select`, one statement per table, no JavaScript per
// row, no checks, foreign keys off), the secondary indexes built after the rows, the three search
// indexes filled by the very statements the import fills them with, one transaction, FULL sync.
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerSqlFunctions, removeRegisterFiles } from '../db/register.ts';
import { fillSearchIndexes } from '../db/search-index.ts';

export interface ImportFloor {
  ms: number;
  /** Of which: the rows, the secondary indexes, the three search indexes (and the commit). */
  rowsMs: number;
  indexesMs: number;
  searchMs: number;
  /** Rows copied, over every ordinary table. */
  rows: number;
}

interface SchemaObject {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  sql: string;
}

/** FTS5's own tables behind a virtual table, made by the virtual table's CREATE. */
const SHADOW_SUFFIXES = ['_data', '_idx', '_content', '_docsize', '_config'];

export function measureImportFloor(registerPath: string, dir: string): ImportFloor {
  const target = path.join(dir, 'import-floor.sqlite');
  removeRegisterFiles(target);
  const source = new Database(registerPath, { readonly: true });
  let objects: SchemaObject[];
  try {
    objects = source.prepare("select type, name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by rowid").all() as SchemaObject[];
  } finally {
    source.close();
  }
  const virtual = objects.filter((o) => o.type === 'table' && /^\s*create\s+virtual\s+table/i.test(o.sql));
  const shadows = new Set(virtual.flatMap((v) => SHADOW_SUFFIXES.map((s) => v.name + s)));
  const tables = objects.filter((o) => o.type === 'table' && !shadows.has(o.name) && !virtual.includes(o));
  const db = new Database(target);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = OFF');
    // The functions the search index's fill calls, as on the register's connection.
    registerSqlFunctions(db);
    // The schema without its triggers (an import sets the search indexes' aside too) and without
    // its indexes, which are built after the rows.
    for (const o of tables) db.exec(o.sql);
    for (const o of virtual) db.exec(o.sql);
    for (const o of objects.filter((x) => x.type === 'view')) db.exec(o.sql);
    db.prepare('attach ? as built').run(registerPath);
    const started = process.hrtime.bigint();
    let rows = 0;
    db.exec('begin immediate');
    for (const t of tables) rows += db.prepare(`insert into main."${t.name}" select * from built."${t.name}"`).run().changes;
    const copied = process.hrtime.bigint();
    for (const o of objects.filter((x) => x.type === 'index')) db.exec(o.sql);
    const indexed = process.hrtime.bigint();
    // The three search indexes, filled as the import fills them.
    fillSearchIndexes(db);
    db.exec('commit');
    const done = process.hrtime.bigint();
    const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
    return { ms: ms(started, done), rowsMs: ms(started, copied), indexesMs: ms(copied, indexed), searchMs: ms(indexed, done), rows };
  } finally {
    db.close();
    removeRegisterFiles(target);
  }
}
