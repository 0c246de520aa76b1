// Every fault a clear message and nothing written: full disk, read-only folder, damaged file,
// a file that is not a register, a locked register; control characters and invalid Unicode.
import crypto from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { petreg, ROOT, STACK_LINE } from '../helpers/petreg.ts';
import { expectError } from '../helpers/envelope.ts';
import type { PetitionCreateInput } from '../../shared/domain/petition.ts';
import { importFile } from '../../db/interchange/import.ts';
import { SYSTEM_ACTOR } from '../../db/context.ts';
import { registerSearchFunctions } from '../../db/search-index.ts';

const require = createRequire(import.meta.url);
const dirs: TempDir[] = [];
const registers: TempRegister[] = [];
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
  unmountAll();
  for (const d of dirs.splice(0)) d.cleanup();
});

function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d.dir;
}

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const PETITION: PetitionCreateInput = { receivedOn: '2026-03-10', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại' };

/** A small tmpfs, when this machine lets the tests mount one (root in a container); else null. */
const mounts: string[] = [];
function smallDisk(kb: number): string | null {
  const at = dir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', at], { stdio: 'ignore' });
    mounts.push(at);
    return at;
  } catch {
    return null;
  }
}
function unmountAll(): void {
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
afterAll(unmountAll);
const canMount = (() => {
  const probe = smallDisk(64);
  if (probe === null) console.warn('faults.test: cannot mount a tmpfs here; the full-disk and read-only-folder CLI cases are skipped');
  unmountAll();
  return probe !== null;
})();

describe('full disk', () => {
  it('a write that fills the disk says so, keeps the real error, and writes nothing (no "cannot rollback")', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create(PETITION);
    const pages = t.register.sqlite.pragma('page_count', { simple: true }) as number;
    const before = snapshot(t.register.sqlite);
    t.register.sqlite.pragma(`max_page_count = ${pages}`);
    const big = { ...PETITION, summary: 'Khiếu nại '.repeat(390) };
    let error;
    for (let i = 0; i < 40 && !error; i++) {
      const r = await t.api.call('petitions.create', big);
      if (!r.ok) error = r.error;
    }
    expect(error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/đã đầy. Không có gì được ghi/) });
    expect(error!.message).not.toMatch(/rollback/);
    t.register.sqlite.pragma('max_page_count = 1073741823');
    // Whatever went in before the disk filled is whole; the failed call left nothing.
    const after = snapshot(t.register.sqlite);
    expect(t.register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(fs.readFileSync(`${t.path}.errors.log`, 'utf8')).toMatch(/SQLITE_FULL/);
  });

  it.skipIf(!canMount)('petreg init on a full disk: a message, no stack trace, no broken file left', () => {
    const disk = smallDisk(200)!;
    const file = path.join(disk, 'register.sqlite');
    const r = petreg(['init', '--db', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/đã đầy/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    // Only the fault log (the documented place for the original error) is left.
    expect(fs.readdirSync(disk).filter((f) => f.startsWith('register.sqlite') && !f.endsWith('.errors.log'))).toEqual([]);
  });

  it.skipIf(!canMount)('petreg backup to a full disk: a message, no stack trace, no partial backup', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.close();
    const disk = smallDisk(128)!;
    const target = path.join(disk, 'backup.sqlite');
    const r = petreg(['backup', target, '--db', t.path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/đầy/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(fs.readdirSync(disk)).toEqual([]);
  });
});

describe('read-only folder', () => {
  it.skipIf(!canMount)('import says the folder is read-only; search and export say why they cannot read; nothing is written', async () => {
    const disk = smallDisk(8192)!;
    const file = path.join(disk, 'register.sqlite');
    expect(petreg(['init', '--db', file]).status).toBe(0);
    const before = hash(file);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    for (const args of [['import', path.join(ROOT, 'tests/fixtures/interchange-sample.json')], ['search', 'abc'], ['export', path.join(dir(), 'x.json')]]) {
      const r = petreg([...args, '--db', file]);
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr).toMatch(/chỉ cho đọc/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
    expect(hash(file)).toBe(before);
  });
});

describe('damaged and foreign files', () => {
  async function damaged(): Promise<string> {
    const t = await tempRegister();
    registers.push(t);
    for (let i = 0; i < 5; i++) await t.client.petitions.create(PETITION);
    await t.close();
    const file = t.path;
    const fd = fs.openSync(file, 'r+');
    const page = 4096;
    const size = fs.statSync(file).size;
    // Garbage over pages in the middle of the file (the header stays).
    for (let p = 3; p * page < size - page; p += 4) fs.writeSync(fd, crypto.randomBytes(page), 0, page, p * page);
    fs.closeSync(fd);
    return file;
  }

  it('export on a damaged register: a clear message, and the file is never written to', async () => {
    const file = await damaged();
    const before = hash(file);
    const r = petreg(['export', path.join(dir(), 'x.json'), '--db', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bị hỏng|không phải là cơ sở dữ liệu/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(hash(file)).toBe(before);
  });

  it('check on a damaged register says what is damaged and to restore a backup', async () => {
    const file = await damaged();
    const before = hash(file);
    const r = petreg(['check', '--db', file]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/HỎNG|bị hỏng/);
    expect(r.stderr).toMatch(/petreg restore/);
    expect(hash(file)).toBe(before);
  });

  it.each([['search', 'abc'], ['export', 'OUT'], ['import', path.join(ROOT, 'tests/fixtures/interchange-sample.json')], ['check'], ['backup', 'OUT']])(
    'petreg %s on a file that is not a register: exit 1, a plain message, the file untouched',
    (...args: string[]) => {
      const d = dir();
      const file = path.join(d, 'notes.sqlite');
      fs.writeFileSync(file, 'Ghi chú cuộc họp — không phải sổ\n'.repeat(200));
      const before = hash(file);
      const r = petreg([...args.map((a) => (a === 'OUT' ? path.join(d, 'out.x') : a)), '--db', file]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/không phải là cơ sở dữ liệu/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(hash(file)).toBe(before);
    },
  );
});

describe('a locked register', () => {
  it('a writer that cannot get the lock in time says the register is busy; a reader still reads', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create(PETITION);
    await t.close();
    // Another process holds the write lock (far longer than the 5 s busy timeout).
    const holder = spawn(process.execPath, [
      '-e',
      `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(t.path)});d.exec('begin immediate');process.stdout.write('locked\\n');setTimeout(()=>{d.exec('rollback');d.close()},45000)`,
    ]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const search = petreg(['search', 'Khiếu nại', '--db', t.path]);
      expect(search.status).toBe(0);
      expect(search.stdout).toContain('2026/000001');
      const file = path.join(dir(), 'one.json');
      fs.writeFileSync(file, JSON.stringify({ format: 'petition-register/v1', exported_at: '2026-03-10T00:00:00Z', agencies: [], sessions: [], visits: [], petitions: [] }));
      const r = petreg(['import', file, '--db', t.path]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Sổ đang bận.*thử lại/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    } finally {
      holder.kill();
    }
  }, 90_000);
});

describe('input hygiene', () => {
  it.each([
    ['a NUL in a name', { ...PETITION, petitioners: [{ fullName: 'Nguyễn\u0000Văn' }] }, /ký tự điều khiển/],
    ['an ESC in the summary', { ...PETITION, summary: 'Khiếu nại \u001b[2J' }, /ký tự điều khiển/],
    ['a BEL in the subject', { ...PETITION, subject: 'Ông \u0007X' }, /ký tự điều khiển/],
    ['a lone surrogate', { ...PETITION, summary: 'Khiếu nại \ud800' }, /Unicode không hợp lệ/],
  ])('refuses %s with a plain message and writes nothing', async (_label, input, message) => {
    const t = await tempRegister();
    registers.push(t);
    const before = snapshot(t.register.sqlite);
    const error = expectError(await t.api.call('petitions.create', input), 'VALIDATION');
    expect(error.message).toMatch(message);
    expect(snapshot(t.register.sqlite)).toEqual(before);
  });

  it('keeps tabs and newlines in text', async () => {
    const t = await tempRegister();
    registers.push(t);
    const p = await t.client.petitions.create({ ...PETITION, summary: 'Dòng 1\nDòng 2\tcột' });
    expect(p.summary).toBe('Dòng 1\nDòng 2\tcột');
  });

  it('a NUL in a list search is a VALIDATION error, not INTERNAL', async () => {
    const t = await tempRegister();
    registers.push(t);
    expectError(await t.api.call('petitions.list', { search: 'a\u0000b' }), 'VALIDATION');
    expectError(await t.api.call('agencies.list', { search: '\u0000' }), 'VALIDATION');
  });

  it('zod messages are plain Vietnamese (no "mong đợi object, nhận được undefined")', async () => {
    const t = await tempRegister();
    registers.push(t);
    const error = expectError(await t.api.call('petitions.create', undefined), 'VALIDATION');
    expect(error.message).not.toMatch(/mong đợi|nhận được|expected|received/i);
    const e2 = expectError(await t.api.call('agencies.get', { id: 'x' }), 'VALIDATION');
    expect(e2.message).not.toMatch(/mong đợi|nhận được|expected|received/i);
  });

  it('petreg search escapes control characters stored before this check existed', async () => {
    const t = await tempRegister();
    registers.push(t);
    const p = await t.client.petitions.create({ ...PETITION, summary: 'Khiếu nại đất đai' });
    await t.close();
    const raw = new Database(t.path);
    // The search index's triggers compute the petition's words with the register's functions.
    registerSearchFunctions(raw);
    raw.exec('drop trigger if exists audit_log_no_update');
    raw.prepare("update persons set full_name = 'Đức\u001b[31mĐỎ\u0007' where id in (select person_id from petition_petitioners where petition_id = ?)").run(p.id);
    raw.close();
    const r = petreg(['search', 'dat dai', '--db', t.path]);
    expect(r.status).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stdout).toContain('\\u{1b}[31mĐỎ\\u{7}');
  });
});

describe('a register read-only to the user, with read-only -wal/-shm left by a reader', () => {
  const asNobody = (() => {
    if (process.getuid?.() !== 0) return false;
    try {
      execFileSync('id', ['nobody'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!asNobody)('petreg backup finishes (no spinning) and the copy is good', () => {
    const d = dir();
    const t = path.join(d, 'src', 'register.sqlite');
    fs.mkdirSync(path.dirname(t));
    expect(petreg(['init', '--db', t]).status).toBe(0);
    const ro = path.join(d, 'ro');
    fs.mkdirSync(ro);
    const writer = new Database(t);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("insert into settings (key, value, updated_at) values ('probe', '1', 't')").run();
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(`${t}${suffix}`, path.join(ro, `register.sqlite${suffix}`));
    writer.close();
    for (const f of fs.readdirSync(ro)) fs.chmodSync(path.join(ro, f), 0o444);
    fs.chmodSync(ro, 0o555);
    fs.chmodSync(d, 0o777);
    const out = path.join(d, 'out.sqlite');
    const started = Date.now();
    const r = spawnSyncAs(['backup', out, '--db', path.join(ro, 'register.sqlite')]);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare("select value from settings where key = 'probe'").get()).toEqual({ value: '1' });
    copy.close();
    fs.chmodSync(ro, 0o755);
  }, 90_000);
});

function spawnSyncAs(args: string[]): { status: number | null; stderr: string } {
  const command = [process.execPath, path.join(ROOT, 'bin', 'petreg.js'), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `cd '${ROOT}' && ${command}`], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

describe('imports that would leave a gap in the numbering', () => {
  const petition = (ref: string, registerNo: string | null, receivedOn = '2026-03-10') => ({
    ref,
    register_no: registerNo,
    received_on: receivedOn,
    channel: 'post',
    visit: null,
    forwarded_by: null,
    written_on: null,
    kind: 'complaint',
    field: 'land',
    signatories: 1,
    petitioners: [],
    subject: null,
    summary: `Đơn ${ref}`,
    classification: null,
    decision: null,
    reply: null,
    reminders: [],
  });
  const file = (...petitions: unknown[]) => ({ format: 'petition-register/v1', exported_at: '2026-03-10T00:00:00Z', agencies: [], sessions: [], visits: [], petitions });

  it.each([
    ['a number after the register’s last, skipping one', [petition('P1', '2026/000003')], /2026\/000002 bị bỏ trống/],
    ['two numbers in the file with one missing between them', [petition('P1', '2026/000002'), petition('P2', '2026/000004')], /2026\/000003 bị bỏ trống/],
  ])('refuses %s, naming the missing number, and writes nothing', async (_label, petitions, message) => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create(PETITION); // 2026/000001
    const before = snapshot(t.register.sqlite);
    await expect(importFile(t.register, file(...petitions), SYSTEM_ACTOR)).rejects.toThrow(message);
    expect(snapshot(t.register.sqlite)).toEqual(before);
  });

  it('accepts numbers that continue the series, and a year that starts above 1 (a register continued from paper)', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create(PETITION);
    const counts = await importFile(t.register, file(petition('P1', '2026/000002'), petition('P2', null), petition('P3', '2025/000120', '2025-12-30')), SYSTEM_ACTOR);
    expect([counts.firstRegisterNo, counts.lastRegisterNo]).toEqual(['2025/000120', '2026/000003']);
  });
});
