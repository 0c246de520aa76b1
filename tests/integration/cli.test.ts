// petreg as a user runs it: a child process on real files, checking exit statuses, messages and
// that a refused command changes nothing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { cliRegister, countIn, dropCliRegisters, queryRegister, writeRegister } from '../helpers/cli-register.ts';
import { onPostgres } from '../helpers/register.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-cli-'));
  dirs.push(dir);
  return dir;
}

function petreg(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PETREG_DB: '', PETREG_DATA_DIR: path.join(tempDir(), 'default'), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  await dropCliRegisters();
});

describe('petreg', () => {
  it('ends quietly when its output is closed early (petreg … | head): the import is kept, no stack trace', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'register.sqlite');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), 'import', path.join(ROOT, 'tests', 'fixtures', 'interchange-sample.json'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, PETREG_DB: '' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first line, then close the pipe, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    try {
      expect((sqlite.prepare('select count(*) as n from petitions').get() as { n: number }).n).toBe(6);
    } finally {
      sqlite.close();
    }
  });

  it('--help lists the commands', () => {
    const { status, stdout } = petreg(['--help']);
    expect(status).toBe(0);
    for (const name of ['init', 'check', 'backup']) expect(stdout).toContain(`petreg ${name}`);
  });

  // check and backup read and copy a SQLite file (integrity check, the file's bytes).
  it.skipIf(onPostgres)('init creates a register, check reports it sound, backup copies it', () => {
    const db = path.join(tempDir(), 'sub', 'register.sqlite');
    const init = petreg(['init', '--db', db]);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain(`lược đồ ${LATEST_SCHEMA_VERSION}/${LATEST_SCHEMA_VERSION}`);
    const check = petreg(['check', '--db', db]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('Kiểm tra toàn vẹn: đạt');
    expect(check.stdout).toMatch(/agencies: 125/);
    const copy = path.join(path.dirname(db), 'copy.sqlite');
    expect(petreg(['backup', copy, '--db', db]).status).toBe(0);
    const sqlite = new Database(copy, { readonly: true });
    expect((sqlite.prepare('select count(*) as n from agencies').get() as { n: number }).n).toBe(125);
    sqlite.close();
  });

  // The desktop app's own file is a SQLite file; $PETREG_DB as a postgres:// URL is tested below.
  it.skipIf(onPostgres)('uses $PETREG_DB, then the desktop app data folder, when --db is not given', () => {
    const dir = tempDir();
    expect(petreg(['init'], { PETREG_DB: path.join(dir, 'env.sqlite') }).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'env.sqlite'))).toBe(true);
    expect(petreg(['init'], { PETREG_DATA_DIR: path.join(dir, 'data') }).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'data', 'register.sqlite'))).toBe(true);
  });

  it.each([
    [['frobnicate'], /Lệnh không có: “frobnicate”/],
    [['init', '--bogus'], /Tùy chọn không có: --bogus/],
    [['init', '--db'], /--db cần một giá trị/],
    [['init', 'extra'], /Tham số thừa: extra/],
    [['backup'], /Thiếu tên tệp sao lưu/],
  ])('refuses bad arguments %j with exit 1 and a clear message', (args, message) => {
    const { status, stderr } = petreg(args);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
  });

  it.skipIf(onPostgres)('check of a missing file is a user error and creates nothing', () => {
    const db = path.join(tempDir(), 'missing.sqlite');
    const { status, stderr } = petreg(['check', '--db', db]);
    expect(status).toBe(1);
    expect(stderr).toContain(`Không có tệp sổ ${db}`);
    expect(fs.existsSync(db)).toBe(false);
  });

  // A file's bytes that are no SQLite database; PostgreSQL's foreign database is tested below.
  it.skipIf(onPostgres)('a file that is not a register is refused by init and check, and left as it was', () => {
    const db = path.join(tempDir(), 'junk.sqlite');
    const junk = Buffer.from('Đây không phải cơ sở dữ liệu. '.repeat(200));
    fs.writeFileSync(db, junk);
    for (const command of ['init', 'check']) {
      const { status, stderr } = petreg([command, '--db', db]);
      expect(status).toBe(1);
      expect(stderr).toContain('không phải là cơ sở dữ liệu SQLite hợp lệ');
    }
    expect(fs.readFileSync(db).equals(junk)).toBe(true);
  });

  it.skipIf(onPostgres)('a register from a newer version is refused and left untouched', () => {
    const db = path.join(tempDir(), 'newer.sqlite');
    expect(petreg(['init', '--db', db]).status).toBe(0);
    const sqlite = new Database(db);
    sqlite.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')").run();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    const before = fs.readFileSync(db);
    const { status, stderr } = petreg(['init', '--db', db]);
    expect(status).toBe(1);
    expect(stderr).toContain('phiên bản mới hơn');
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it.skipIf(onPostgres)('backup refuses to overwrite an existing file', () => {
    const dir = tempDir();
    const db = path.join(dir, 'r.sqlite');
    petreg(['init', '--db', db]);
    const target = path.join(dir, 'exists.bak');
    fs.writeFileSync(target, 'keep me');
    const { status, stderr } = petreg(['backup', target, '--db', db]);
    expect(status).toBe(1);
    expect(stderr).toContain('đã có');
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
  });

  describe.runIf(onPostgres)('on a PostgreSQL server', () => {
    it('init makes an empty database a register at the latest schema, and a second init changes nothing', async () => {
      const db = await cliRegister(tempDir(), 'unused');
      const init = petreg(['init', '--db', db]);
      expect(init.status, init.stderr).toBe(0);
      expect(init.stdout).toContain(`Sổ đã sẵn sàng: ${db}`);
      expect(init.stdout).toContain(`lược đồ ${LATEST_SCHEMA_VERSION}/${LATEST_SCHEMA_VERSION}`);
      expect(await countIn(db, 'select count(*) from agencies')).toBe(125);
      const audit = await countIn(db, 'select count(*) from audit_log');
      const again = petreg(['init', '--db', db]);
      expect(again.status, again.stderr).toBe(0);
      expect(await countIn(db, 'select count(*) from audit_log')).toBe(audit);
    });

    it('uses $PETREG_DB holding a postgres:// URL when --db is not given', async () => {
      const db = await cliRegister(tempDir(), 'unused');
      expect(petreg(['init'], { PETREG_DB: db }).status).toBe(0);
      expect(await countIn(db, 'select count(*) from agencies')).toBe(125);
    });

    it('a database the server does not have is a user error, and is not created', async () => {
      const db = new URL(await cliRegister(tempDir(), 'unused'));
      db.pathname = `${db.pathname}_none`;
      const { status, stderr } = petreg(['init', '--db', db.toString()]);
      expect(status).toBe(1);
      expect(stderr).toContain('Máy chủ không có cơ sở dữ liệu');
      const server = new URL(db);
      server.pathname = '/postgres';
      expect(await countIn(server.toString(), 'select count(*) from pg_database where datname = ?', db.pathname.slice(1))).toBe(0);
    });

    it('a database holding other tables is refused by init and left as it was', async () => {
      const db = await cliRegister(tempDir(), 'unused');
      await writeRegister(db, 'create table notes (id integer primary key, body text)');
      await writeRegister(db, "insert into notes values (1, 'giữ nguyên')");
      const { status, stderr } = petreg(['init', '--db', db]);
      expect(status).toBe(1);
      expect(stderr).toContain('không phải là sổ');
      expect(await queryRegister(db, "select table_name as name from information_schema.tables where table_schema = 'public'")).toEqual([{ name: 'notes' }]);
      expect(await queryRegister(db, 'select * from notes')).toEqual([{ id: 1, body: 'giữ nguyên' }]);
    });

    it('a register from a newer version is refused and left untouched', async () => {
      const db = await cliRegister(tempDir(), 'unused');
      expect(petreg(['init', '--db', db]).status).toBe(0);
      await writeRegister(db, "insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')");
      const before = await queryRegister(db, 'select name from kysely_migration order by name');
      const audit = await countIn(db, 'select count(*) from audit_log');
      const { status, stderr } = petreg(['init', '--db', db]);
      expect(status).toBe(1);
      expect(stderr).toContain('phiên bản mới hơn');
      expect(await queryRegister(db, 'select name from kysely_migration order by name')).toEqual(before);
      expect(await countIn(db, 'select count(*) from audit_log')).toBe(audit);
    });
  });
});
