// Automatic backups: where they go, how many are kept, and what the overview says about them.
import { z } from '../validation.ts';
import { optionalText } from '../validation.ts';

/** Rotation: the newest backup of each of the last 7 days, 4 ISO weeks and 12 months is kept. */
export const BACKUP_ROTATION = { daily: 7, weekly: 4, monthly: 12 } as const;

/** A backup is due when the last good one is older than this (and at every close of the app). */
export const BACKUP_INTERVAL_HOURS = 24;

/** The overview warns when the last good backup is older than this, or there is none. */
export const BACKUP_WARN_AFTER_HOURS = 48;

export interface BackupEntry {
  /** File name inside the backup folder. */
  file: string;
  at: string;
  ok: boolean;
  /** Why it failed, in Vietnamese (null when ok). */
  error: string | null;
  bytes: number | null;
}

export interface BackupStatus {
  folder: string | null;
  lastGood: BackupEntry | null;
  lastAttempt: BackupEntry | null;
  /** Backups kept in the folder, newest first. */
  kept: string[];
  /** True when there is no good backup, or the last good one is older than BACKUP_WARN_AFTER_HOURS. */
  stale: boolean;
  warnAfterHours: number;
  /**
   * The register is on a PostgreSQL server (its address, without a password): the server's
   * administrator backs it up there (pg_dump), a desk has no file to copy. Absent for a file.
   */
  onServer?: string;
}

export const backupConfigureSchema = z.strictObject({
  folder: optionalText('Thư mục sao lưu', 1000).refine((v) => v === null || /^([a-zA-Z]:[\\/]|[\\/])/.test(v), {
    error: 'Thư mục sao lưu phải là đường dẫn đầy đủ, ví dụ D:\\SaoLuu hoặc /media/usb/saoluu',
  }),
});

/** A backup's file name carries its time: so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite */
export const BACKUP_FILE_PATTERN = /^so-tiep-cong-dan-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.sqlite$/;

export function backupFileName(at: Date): string {
  return `so-tiep-cong-dan-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.sqlite`;
}

export function backupFileTime(file: string): Date | null {
  const m = BACKUP_FILE_PATTERN.exec(file);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function isoWeekKey(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${week}`;
}

/**
 * Which backups rotation keeps (7 daily, 4 weekly, 12 monthly): the newest of each of the most
 * recent days, ISO weeks and months that have a backup. Days are counted in Vietnam's time (UTC+7).
 */
export function backupsToKeep(times: Date[], rotation: { daily: number; weekly: number; monthly: number } = BACKUP_ROTATION): Set<number> {
  const local = (t: Date) => new Date(t.getTime() + 7 * 3_600_000);
  const sorted = times.map((t, i) => ({ t: t.getTime(), i })).sort((a, b) => b.t - a.t);
  const keep = new Set<number>();
  const pick = (keyOf: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const { t, i } of sorted) {
      const key = keyOf(local(new Date(t)));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(i);
    }
  };
  pick((d) => d.toISOString().slice(0, 10), rotation.daily);
  pick(isoWeekKey, rotation.weekly);
  pick((d) => d.toISOString().slice(0, 7), rotation.monthly);
  return keep;
}

/** Whether a status should warn (no good backup, or too old). */
export function isBackupStale(lastGoodAt: string | null, now: Date, warnAfterHours = BACKUP_WARN_AFTER_HOURS): boolean {
  if (!lastGoodAt) return true;
  return now.getTime() - new Date(lastGoodAt).getTime() > warnAfterHours * 3_600_000;
}

/** Restore from the app: a backup of the folder, by file name; verified now, done at the next start. */
export const backupRestoreSchema = z.strictObject({
  file: z.string({ error: 'Chọn một bản sao lưu' }).regex(BACKUP_FILE_PATTERN, { error: 'Tên bản sao lưu không hợp lệ' }),
});

export interface RestorePlan {
  file: string;
  /** When the backup was made. */
  at: string;
  petitions: number;
  auditEntries: number;
  attachmentFiles: number;
}
