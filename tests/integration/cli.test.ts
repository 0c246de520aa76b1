// petreg as a user runs it: a child process on real files, checking exit statuses, messages and
// that a refused command changes nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';

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

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('petreg', () => {
  it('--help lists the commands', () => {
    const { status, stdout } = petreg(['--help']);
    expect(status).toBe(0);
    for (const name of ['init', 'check', 'backup']) expect(stdout).toContain(`petreg ${name}`);
  });

  it('init creates a register, check reports it sound, backup copies it', () => {
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

  it('uses $PETREG_DB, then the desktop app data folder, when --db is not given', () => {
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

  it('check of a missing file is a user error and creates nothing', () => {
    const db = path.join(tempDir(), 'missing.sqlite');
    const { status, stderr } = petreg(['check', '--db', db]);
    expect(status).toBe(1);
    expect(stderr).toContain(`Không có tệp sổ ${db}`);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('a file that is not a register is refused by init and check, and left as it was', () => {
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

  it('a register from a newer version is refused and left untouched', () => {
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

  it('backup refuses to overwrite an existing file', () => {
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
});
