// One test per migration: from an empty file, migrate step by step and check what each step built.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openRegister } from '../../db/register.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { ApiError } from '../../shared/errors.ts';
import { tempDir, tempRegister, type TempDir } from '../helpers/register.ts';
import { snapshot } from '../helpers/snapshot.ts';

type Sqlite = Database.Database;

interface ColumnInfo {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Columns in declaration order, each with its type, NOT NULL, default and primary-key flag. */
function columns(sqlite: Sqlite, table: string): Record<string, Omit<ColumnInfo, 'name' | 'cid'>> {
  const rows = sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
  return Object.fromEntries(rows.map(({ name, cid: _cid, ...rest }) => [name, rest]));
}

function objects(sqlite: Sqlite, type: 'table' | 'index'): string[] {
  return (sqlite.prepare("select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name").all(type) as { name: string }[]).map(
    (r) => r.name,
  );
}

function createSql(sqlite: Sqlite, table: string): string {
  return (sqlite.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(table) as { sql: string }).sql;
}

function indexColumns(sqlite: Sqlite, index: string): string[] {
  return (sqlite.pragma(`index_info(${index})`) as { name: string }[]).map((r) => r.name);
}

function uniqueColumns(sqlite: Sqlite, table: string): string[][] {
  const list = sqlite.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[];
  return list.filter((i) => i.unique === 1 && i.origin === 'u').map((i) => indexColumns(sqlite, i.name));
}

function rejects(sqlite: Sqlite, statement: string, pattern: RegExp): void {
  expect(() => sqlite.prepare(statement).run()).toThrow(pattern);
}

const T = "'2026-01-01T00:00:00.000Z'";

/** What each migration must leave behind, keyed by its name. Add one entry per new migration. */
const EXPECTATIONS: Record<string, (sqlite: Sqlite) => void> = {
  '0001-reference-tables': (sqlite) => {
    expect(objects(sqlite, 'table')).toEqual(
      expect.arrayContaining(['agencies', 'audit_log', 'kysely_migration', 'kysely_migration_lock', 'settings', 'users']),
    );

    expect(columns(sqlite, 'agencies')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      code: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      name_folded: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      kind: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      active: { type: 'INTEGER', notnull: 1, dflt_value: '1', pk: 0 },
      created_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      updated_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'users')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      username: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      full_name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      title: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      role: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      active: { type: 'INTEGER', notnull: 1, dflt_value: '1', pk: 0 },
      created_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'settings')).toEqual({
      key: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 1 },
      value: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      updated_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'audit_log')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      actor_id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 0 },
      actor_name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      action: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      entity: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      entity_id: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      before_json: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      after_json: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
    });

    // Indexes: the two named ones, and the UNIQUE constraints on the natural keys.
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['agencies_kind_name', 'audit_log_entity']));
    expect(indexColumns(sqlite, 'agencies_kind_name')).toEqual(['kind', 'name_folded']);
    expect(indexColumns(sqlite, 'audit_log_entity')).toEqual(['entity', 'entity_id', 'id']);
    expect(uniqueColumns(sqlite, 'agencies')).toEqual([['code']]);
    expect(uniqueColumns(sqlite, 'users')).toEqual([['username']]);

    // Foreign key audit_log.actor_id -> users.id.
    expect(sqlite.pragma('foreign_key_list(audit_log)')).toEqual([expect.objectContaining({ table: 'users', from: 'actor_id', to: 'id' })]);

    // CHECK constraints are declared...
    expect(createSql(sqlite, 'agencies')).toMatch(/check\s*\(\s*kind in \('provincial_department','commune'/i);
    expect(createSql(sqlite, 'agencies')).toMatch(/check\s*\(\s*active in \(0, 1\)\)/i);
    expect(createSql(sqlite, 'users')).toMatch(/check\s*\(\s*role in \('admin','officer'\)\)/i);
    expect(createSql(sqlite, 'settings')).toMatch(/check\s*\(\s*json_valid\(value\)\)/i);
    expect(createSql(sqlite, 'audit_log')).toMatch(/before_json is null or json_valid\(before_json\)/i);
    expect(createSql(sqlite, 'audit_log')).toMatch(/after_json is null or json_valid\(after_json\)/i);

    // ...and enforced.
    const agency = (code: string, kind: string, active: number) =>
      `insert into agencies (code, name, name_folded, kind, active, created_at, updated_at) values ('${code}', 'n', 'n', '${kind}', ${active}, ${T}, ${T})`;
    sqlite.prepare(agency('OK-1', 'commune', 1)).run();
    rejects(sqlite, agency('BAD-KIND', 'ministry', 1), /CHECK constraint failed/);
    rejects(sqlite, agency('BAD-ACTIVE', 'commune', 2), /CHECK constraint failed/);
    rejects(sqlite, agency('OK-1', 'commune', 1), /UNIQUE constraint failed: agencies\.code/);
    rejects(sqlite, `insert into agencies (code, name, kind, created_at, updated_at) values ('NF', 'n', 'other', ${T}, ${T})`, /NOT NULL/);
    rejects(sqlite, `insert into users (username, full_name, role, created_at) values ('u', 'U', 'root', ${T})`, /CHECK constraint failed/);
    sqlite.prepare(`insert into users (username, full_name, role, created_at) values ('u', 'U', 'officer', ${T})`).run();
    rejects(sqlite, `insert into users (username, full_name, role, created_at) values ('u', 'U2', 'officer', ${T})`, /UNIQUE constraint failed: users\.username/);
    rejects(sqlite, `insert into settings (key, value, updated_at) values ('k', 'not json', ${T})`, /CHECK constraint failed/);
    const audit = (actor: string, before: string) =>
      `insert into audit_log (at, actor_id, actor_name, action, entity, before_json) values (${T}, ${actor}, 'A', 'x', 'y', ${before})`;
    sqlite.prepare(audit('null', 'null')).run();
    rejects(sqlite, audit('null', "'{oops'"), /CHECK constraint failed/);
    rejects(sqlite, audit('999', 'null'), /FOREIGN KEY constraint failed/);
  },
};

let dirs: TempDir[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});
function freshDir(): TempDir {
  const d = tempDir();
  dirs.push(d);
  return d;
}

function expectPragmas(sqlite: Sqlite): void {
  expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
}

describe('migrations', () => {
  it('has an expectation for every migration', () => {
    expect(MIGRATIONS.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const names = MIGRATIONS.map(([name]) => name);
    expect([...names].sort()).toEqual(names); // applied in name order by Kysely
  });

  MIGRATIONS.forEach(([name], index) => {
    const version = index + 1;
    it(`${name}: migrates an empty file from ${index} to ${version}`, async () => {
      const file = path.join(freshDir().dir, 'register.sqlite');
      if (index > 0) {
        const previous = await openRegister({ path: file, migrateTo: index, seed: false });
        expect(previous.schemaVersion()).toBe(index);
        await previous.close();
      }
      const register = await openRegister({ path: file, migrateTo: version, seed: false });
      try {
        expectPragmas(register.sqlite);
        expect(register.schemaVersion()).toBe(version);
        expect(register.sqlite.pragma('user_version', { simple: true })).toBe(version);
        const applied = (register.sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
        expect(applied).toEqual(MIGRATIONS.slice(0, version).map(([n]) => n));
        expect(register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        EXPECTATIONS[name]!(register.sqlite);
      } finally {
        await register.close();
      }
    });
  });
});

describe('opening a register', () => {
  it('sets WAL, foreign keys, synchronous FULL and the busy timeout on the handle', async () => {
    const t = await tempRegister();
    try {
      expectPragmas(t.register.sqlite);
      expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await t.cleanup();
    }
  });

  it('is idempotent: re-opening changes neither schema nor data', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const schemaOf = (sqlite: Sqlite) => sqlite.prepare('select type, name, sql from sqlite_master order by type, name').all();

    const first = await openRegister({ path: file, migrateTo: 1, seed: false });
    const schema = schemaOf(first.sqlite);
    const before = snapshot(first.sqlite);
    await first.close();

    for (let i = 0; i < 2; i++) {
      const again = await openRegister({ path: file, migrateTo: 1, seed: false });
      expect(schemaOf(again.sqlite)).toEqual(schema);
      expect(snapshot(again.sqlite)).toEqual(before);
      expect(again.schemaVersion()).toBe(1);
      await again.close();
    }
  });

  it('creates the folder of a new register', async () => {
    const file = path.join(freshDir().dir, 'nested', 'deeper', 'register.sqlite');
    const register = await openRegister({ path: file, seed: false });
    expect(fs.existsSync(file)).toBe(true);
    await register.close();
  });

  it('refuses a register written by a newer version (unknown migration) and leaves the file unchanged', async () => {
    const d = freshDir();
    const file = path.join(d.dir, 'register.sqlite');
    const created = await openRegister({ path: file });
    await created.close();

    const raw = new Database(file);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const rowsBefore = snapshot(raw);
    raw.close();

    const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const bytesBefore = hash(file);
    const mtimeBefore = fs.statSync(file).mtimeMs;
    const filesBefore = fs.readdirSync(d.dir).sort();

    const error = await openRegister({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    expect((error as ApiError).message).toMatch(/phiên bản mới hơn/);

    expect(hash(file)).toBe(bytesBefore);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeBefore);
    expect(fs.readdirSync(d.dir).sort()).toEqual(filesBefore);
    const check = new Database(file, { readonly: true });
    expect(snapshot(check)).toEqual(rowsBefore);
    check.close();
  });

  it('refuses a register whose user_version is newer than this build knows', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const created = await openRegister({ path: file, seed: false });
    await created.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    await expect(openRegister({ path: file })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a file of random bytes with BAD_DATABASE and leaves it alone', async () => {
    const d = freshDir();
    const file = path.join(d.dir, 'not-a-register.sqlite');
    const bytes = crypto.randomBytes(16 * 1024);
    fs.writeFileSync(file, bytes);

    const error = await openRegister({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BAD_DATABASE' });
    expect((error as ApiError).message).toMatch(/không phải là cơ sở dữ liệu SQLite/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(d.dir)).toEqual(['not-a-register.sqlite']);
  });
});
