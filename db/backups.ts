// Automatic backups: to the folder set in the register (a second disk, a USB stick), on a
// schedule and when the app closes; each one verified (integrity, audit chain, attachments by
// hash) and rotated (7 daily, 4 weekly, 12 monthly). What happened is kept in a small journal in
// the backup folder (`petreg-backups.json`), so the register itself is not written by a backup.
// The desktop app and the browser preview run the same scheduler (startBackupScheduler).
import fs from 'node:fs';
import path from 'node:path';
import {
  BACKUP_INTERVAL_HOURS,
  BACKUP_WARN_AFTER_HOURS,
  backupFileName,
  backupFileTime,
  backupsToKeep,
  isBackupStale,
  type BackupEntry,
  type BackupStatus,
} from '../shared/domain/backup.ts';
import { ApiError } from '../shared/errors.ts';
import { writeAudit } from './audit.ts';
import type { OpContext } from './context.ts';
import { logFault } from './faults.ts';
import { backupAttachmentsDir, backupRegister, restoreRegister, verifyBackup } from './maintenance.ts';
import { displayLocation } from './engine/location.ts';
import type { Register } from './register.ts';

const FOLDER_KEY = 'backup_folder';
const JOURNAL = 'petreg-backups.json';
const JOURNAL_LIMIT = 200;

export async function getBackupFolder(register: Register): Promise<string | null> {
  const row = await register.db.selectFrom('settings').select('value').where('key', '=', FOLDER_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string | null) : null;
}

/** Sets (or clears) the backup folder: one write with its audit row. The folder must be writable. */
export async function setBackupFolder(ctx: OpContext, folder: string | null): Promise<BackupStatus> {
  if (folder !== null) {
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new ApiError('VALIDATION', `Không ghi được vào thư mục ${folder}; hãy chọn thư mục khác (ổ đĩa thứ hai hoặc USB).`, [
        { path: 'folder', message: 'Không ghi được vào thư mục này' },
      ]);
    }
    if (path.resolve(folder) === path.dirname(path.resolve(ctx.register.path))) {
      throw new ApiError('VALIDATION', 'Thư mục sao lưu phải khác thư mục chứa sổ.', [{ path: 'folder', message: 'Phải khác thư mục chứa sổ' }]);
    }
  }
  const before = await getBackupFolder(ctx.register);
  await ctx.register.db.transaction().execute(async (trx) => {
    const now = ctx.register.now().toISOString();
    await trx
      .insertInto('settings')
      .values({ key: FOLDER_KEY, value: JSON.stringify(folder), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(folder), updated_at: now }))
      .execute();
    await writeAudit(trx, ctx, { action: 'update', entity: 'backup_settings', entityId: null, before: { folder: before }, after: { folder } });
  });
  return backupStatus(ctx.register);
}

function readJournal(folder: string): BackupEntry[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(folder, JOURNAL), 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as BackupEntry[]) : [];
  } catch {
    return [];
  }
}

function writeJournal(folder: string, entries: BackupEntry[]): void {
  const file = path.join(folder, JOURNAL);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(entries.slice(-JOURNAL_LIMIT), null, 2), 'utf8');
  fs.renameSync(temp, file);
}

function keptBackups(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((n) => backupFileTime(n) !== null).sort().reverse();
}

export async function backupStatus(register: Register): Promise<BackupStatus> {
  if (register.engine === 'postgres') {
    return { folder: null, lastGood: null, lastAttempt: null, kept: [], stale: false, warnAfterHours: BACKUP_WARN_AFTER_HOURS, onServer: displayLocation(register.path) };
  }
  const folder = await getBackupFolder(register);
  const journal = folder ? readJournal(folder) : [];
  const kept = folder ? keptBackups(folder) : [];
  const lastGood = [...journal].reverse().find((e) => e.ok && kept.includes(e.file)) ?? null;
  return {
    folder,
    lastGood,
    lastAttempt: journal.at(-1) ?? null,
    kept,
    stale: isBackupStale(lastGood?.at ?? null, register.now()),
    warnAfterHours: BACKUP_WARN_AFTER_HOURS,
  };
}

/** Deletes the backups rotation does not keep (only files named as this module names them). */
export function rotateBackups(folder: string): string[] {
  const names = keptBackups(folder);
  const keep = backupsToKeep(names.map((n) => backupFileTime(n)!));
  const removed: string[] = [];
  names.forEach((name, i) => {
    if (keep.has(i)) return;
    const file = path.join(folder, name);
    fs.rmSync(file, { force: true });
    fs.rmSync(backupAttachmentsDir(file), { recursive: true, force: true });
    removed.push(name);
  });
  return removed;
}

/**
 * One backup now, into the configured folder: copied, verified, journaled, rotated. Never throws:
 * the outcome is in the journal (and the original error in the register's log).
 */
export async function runBackup(register: Register, reason: 'schedule' | 'close' | 'manual'): Promise<BackupEntry | null> {
  // A register on a PostgreSQL server has no file here: the server is backed up where it runs.
  if (register.engine === 'postgres') return null;
  const folder = await getBackupFolder(register);
  if (!folder) return null;
  const at = register.now();
  const file = backupFileName(at);
  const target = path.join(folder, file);
  let entry: BackupEntry;
  try {
    fs.mkdirSync(folder, { recursive: true });
    if (fs.existsSync(target)) throw new ApiError('CONFLICT', `Đã có bản sao lưu ${file}.`);
    await backupRegister(register.path, target);
    verifyBackup(target);
    entry = { file, at: at.toISOString(), ok: true, error: null, bytes: fs.statSync(target).size };
  } catch (error) {
    logFault(register.path, `automatic backup (${reason}) to ${target}`, error);
    const message = error instanceof ApiError ? error.message : `Không sao lưu được vào ${folder}: ${(error as Error).message}`;
    entry = { file, at: at.toISOString(), ok: false, error: message, bytes: null };
  }
  try {
    writeJournal(folder, [...readJournal(folder), entry]);
    if (entry.ok) rotateBackups(folder);
  } catch (error) {
    logFault(register.path, 'backup journal', error);
  }
  return entry;
}

/** Whether a scheduled backup is due: a folder is set and the last good backup is older than the interval. */
export async function backupDue(register: Register): Promise<boolean> {
  const status = await backupStatus(register);
  if (!status.folder) return false;
  if (!status.lastGood) return true;
  return register.now().getTime() - new Date(status.lastGood.at).getTime() >= BACKUP_INTERVAL_HOURS * 3_600_000;
}

export interface BackupScheduler {
  /** Runs one check now (tests, and the app's close). */
  tick(): Promise<BackupEntry | null>;
  stop(): void;
}

/**
 * Checks every `everyMs` (default 15 minutes) whether a backup is due, and makes it. One run at
 * a time; the timer never keeps the process alive.
 */
export function startBackupScheduler(register: Register, options: { everyMs?: number } = {}): BackupScheduler {
  let running: Promise<BackupEntry | null> | null = null;
  const tick = async () => {
    if (running) return running;
    running = (async () => {
      try {
        return (await backupDue(register)) ? await runBackup(register, 'schedule') : null;
      } catch (error) {
        logFault(register.path, 'backup scheduler', error);
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? 15 * 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

/** The file asking the next start to restore a backup (JSON: { backup }). */
export function restoreRequestPath(registerPath: string): string {
  return `${registerPath}.restore-request.json`;
}

/**
 * At start, before the register is opened: carries out a restore asked for from the app
 * (backups.restore). The request is removed whatever happens; a refusal is returned as a
 * message for the officer and the register is left as it was.
 */
export function applyPendingRestore(registerPath: string): { restored: string | null; error: string | null } {
  const requestFile = restoreRequestPath(registerPath);
  if (!fs.existsSync(requestFile)) return { restored: null, error: null };
  try {
    const backup = (JSON.parse(fs.readFileSync(requestFile, 'utf8')) as { backup?: unknown }).backup as string;
    if (typeof backup !== 'string') throw new ApiError('VALIDATION', 'Yêu cầu khôi phục không hợp lệ.');
    restoreRegister(backup, registerPath);
    return { restored: backup, error: null };
  } catch (error) {
    logFault(registerPath, 'restore at start', error);
    return { restored: null, error: error instanceof ApiError ? error.message : `Không khôi phục được: ${(error as Error).message}` };
  } finally {
    fs.rmSync(requestFile, { force: true });
  }
}
