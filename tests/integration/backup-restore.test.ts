// Backup and restore give an identical register (export and attachment hashes); restore verifies
// first, keeps the replaced register aside, and refuses while the register is open elsewhere.
// Automatic backups: rotation, the journal, the scheduler and backups.status.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsToKeep, backupFileName, isBackupStale } from '../../shared/domain/backup.ts';
import { applyPendingRestore, backupStatus, rotateBackups, startBackupScheduler } from '../../db/backups.ts';
import { restoreRegister } from '../../db/maintenance.ts';
import { ApiError } from '../../shared/errors.ts';
import type { PetitionCreateInput } from '../../shared/domain/petition.ts';
import { tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { petreg, STACK_LINE } from '../helpers/petreg.ts';
import { registerSearchFunctions } from '../../db/search-index.ts';

const dirs: TempDir[] = [];
const registers: TempRegister[] = [];
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
  for (const d of dirs.splice(0)) d.cleanup();
});

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PETITION: PetitionCreateInput = { receivedOn: '2026-03-10', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại thu hồi đất' };

async function registerWithAttachments(): Promise<TempRegister> {
  const t = await tempRegister();
  registers.push(t);
  const p = await t.client.petitions.create(PETITION);
  await t.client.petitions.create({ ...PETITION, summary: 'Tố cáo cán bộ', kind: 'denunciation' });
  await t.client.attachments.add({ petitionId: p.id, fileName: 'don.png', mime: 'image/png', base64: PNG });
  await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-11' });
  return t;
}

function attachmentHashes(registerFile: string): string[] {
  const dir = path.join(path.dirname(registerFile), 'attachments');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
}

const withoutExportedAt = (text: string) => text.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');

describe('petreg backup and restore', () => {
  it('round-trips a register with attachments: identical export and attachment hashes; the replaced register is kept aside', async () => {
    const t = await registerWithAttachments();
    await t.close();
    const out = tempDir();
    dirs.push(out);
    const backup = path.join(out.dir, 'b.sqlite');
    const before = path.join(out.dir, 'before.json');
    expect(petreg(['export', before, '--db', t.path]).status).toBe(0);
    const hashes = attachmentHashes(t.path);
    expect(hashes).toHaveLength(1);
    const b = petreg(['backup', backup, '--db', t.path]);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);

    // The register moves on after the backup; restore brings back the backed-up state.
    const later = await tempRegister({ path: t.path });
    await later.client.petitions.create({ ...PETITION, summary: 'Sau khi sao lưu' });
    await later.close();

    const r = petreg(['restore', backup, '--db', t.path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/chuỗi nhật ký đạt/);
    expect(r.stdout).toMatch(/Sổ cũ được giữ lại: .*register\.sqlite\.replaced-/);
    const after = path.join(out.dir, 'after.json');
    expect(petreg(['export', after, '--db', t.path]).status).toBe(0);
    expect(withoutExportedAt(fs.readFileSync(after, 'utf8'))).toBe(withoutExportedAt(fs.readFileSync(before, 'utf8')));
    expect(attachmentHashes(t.path)).toEqual(hashes);
    expect(petreg(['check', '--db', t.path]).status).toBe(0);
    const aside = fs.readdirSync(t.dir).find((f) => f.startsWith('register.sqlite.replaced-'))!;
    const kept = new Database(path.join(t.dir, aside), { readonly: true });
    expect(kept.prepare('select count(*) as n from petitions').get()).toEqual({ n: 3 });
    kept.close();
  }, 180_000);

  it('refuses while the register is open elsewhere (even an idle reader), and changes nothing', async () => {
    const t = await registerWithAttachments();
    await t.close();
    const out = tempDir();
    dirs.push(out);
    const backup = path.join(out.dir, 'b.sqlite');
    expect(petreg(['backup', backup, '--db', t.path]).status).toBe(0);
    const reader = new Database(t.path, { readonly: true });
    reader.prepare('select count(*) from petitions').get();
    try {
      const r = petreg(['restore', backup, '--db', t.path]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/đang được mở ở nơi khác/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    } finally {
      reader.close();
    }
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('replaced') || f.includes('restoring'))).toEqual([]);
  }, 60_000);

  it.each([
    ['a tampered audit row', (sqlite: Database.Database) => {
      sqlite.exec('drop trigger audit_log_no_update');
      sqlite.exec("update audit_log set actor_name = 'X' where id = 2");
    }, /chuỗi nhật ký đứt tại mục 2/],
    ['a petition edited behind the audit', (sqlite: Database.Database) => sqlite.exec("update petitions set summary = 'Sửa lén' where id = 1"), /khác nhật ký ở trường summary/],
    ['a newer schema', (sqlite: Database.Database) => sqlite.pragma('user_version = 999'), /phiên bản mới hơn/],
  ])('refuses a backup with %s before replacing anything', async (_label, spoil, message) => {
    const t = await registerWithAttachments();
    await t.close();
    const out = tempDir();
    dirs.push(out);
    const backup = path.join(out.dir, 'b.sqlite');
    expect(petreg(['backup', backup, '--db', t.path]).status).toBe(0);
    const raw = new Database(backup);
    // The index triggers call the register's SQL functions (an edit on any connection fires them).
    registerSearchFunctions(raw);
    spoil(raw);
    raw.close();
    const before = fs.readFileSync(t.path);
    expect(() => restoreRegister(backup, t.path)).toThrow(message);
    expect(fs.readFileSync(t.path).equals(before)).toBe(true);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('replaced') || f.includes('restoring'))).toEqual([]);
  }, 60_000);

  it('refuses a backup whose attachment is missing or damaged', async () => {
    const t = await registerWithAttachments();
    await t.close();
    const out = tempDir();
    dirs.push(out);
    const backup = path.join(out.dir, 'b.sqlite');
    expect(petreg(['backup', backup, '--db', t.path]).status).toBe(0);
    const stored = fs.readdirSync(`${backup}.attachments`, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    fs.writeFileSync(path.join(stored.parentPath, stored.name), 'hỏng');
    let error: unknown;
    try {
      restoreRegister(backup, t.path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/don\.png không khớp mã SHA-256/);
  });
});

describe('automatic backups', () => {
  it('rotation keeps the newest of 7 days, 4 weeks and 12 months', () => {
    const times: Date[] = [];
    // Two backups a day for 400 days.
    for (let d = 0; d < 400; d++) for (const h of [2, 10]) times.push(new Date(Date.UTC(2025, 0, 1 + d, h)));
    const keep = [...backupsToKeep(times)].map((i) => times[i]!.toISOString()).sort();
    const newest = times.at(-1)!;
    expect(keep).toContain(newest.toISOString());
    expect(keep.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(keep.length).toBeGreaterThanOrEqual(12);
    const days = new Set(keep.map((k) => k.slice(0, 10)));
    expect(days.size).toBe(keep.length); // one per day at most
    // The last 7 days are all there.
    for (let d = 0; d < 7; d++) expect(days).toContain(new Date(newest.getTime() - d * 86_400_000).toISOString().slice(0, 10));
    // 12 distinct months.
    expect(new Set(keep.map((k) => k.slice(0, 7))).size).toBe(12);
  });

  it('the scheduler backs up when due, verifies, journals, rotates; the status warns when old', async () => {
    let now = new Date('2026-03-15T01:00:00Z');
    const t = await tempRegister({ now: () => new Date(now.getTime()) });
    registers.push(t);
    await t.client.petitions.create(PETITION);
    const folder = path.join(t.dir, 'sao-luu');
    expect((await t.client.backups.status()).stale).toBe(true);
    await t.client.backups.configure({ folder });
    const scheduler = startBackupScheduler(t.register, { everyMs: 3_600_000 });
    try {
      const first = await scheduler.tick();
      expect(first).toMatchObject({ ok: true, file: backupFileName(now) });
      expect(await scheduler.tick()).toBeNull(); // not due again yet
      // Old backups named by the module are rotated away.
      for (let d = 20; d < 60; d++) {
        const old = path.join(folder, backupFileName(new Date(now.getTime() - d * 86_400_000)));
        fs.copyFileSync(path.join(folder, first!.file), old);
      }
      now = new Date(now.getTime() + 25 * 3_600_000);
      const second = await scheduler.tick();
      expect(second).toMatchObject({ ok: true });
      const status = await backupStatus(t.register);
      expect(status.lastGood?.file).toBe(second!.file);
      expect(status.stale).toBe(false);
      expect(status.kept.length).toBeLessThan(42);
      expect(rotateBackups(folder)).toEqual([]);
      now = new Date(now.getTime() + 49 * 3_600_000);
      expect((await backupStatus(t.register)).stale).toBe(true);
      expect(isBackupStale(null, now)).toBe(true);
    } finally {
      scheduler.stop();
    }
  });

  it('a restore asked for from the app is verified at once and carried out at the next start', async () => {
    const t = await tempRegister();
    registers.push(t);
    await t.client.petitions.create(PETITION);
    await t.client.backups.configure({ folder: path.join(t.dir, 'sao-luu') });
    const status = await t.client.backups.run();
    await t.client.petitions.create({ ...PETITION, summary: 'Sau khi sao lưu' });
    const plan = await t.client.backups.restore({ file: status.lastGood!.file });
    expect(plan).toMatchObject({ petitions: 1 });
    await t.close();
    expect(applyPendingRestore(t.path)).toEqual({ restored: path.join(t.dir, 'sao-luu', status.lastGood!.file), error: null });
    const reopened = new Database(t.path, { readonly: true });
    expect(reopened.prepare('select count(*) as n from petitions').get()).toEqual({ n: 1 });
    reopened.close();
    expect(applyPendingRestore(t.path)).toEqual({ restored: null, error: null });
  });
});
