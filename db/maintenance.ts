// Read-only inspection (petreg check) and safe online backup of a register file.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '../shared/errors.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { BUSY_TIMEOUT_MS } from './register.ts';
import { attachmentsDir, copyAttachments, type AttachmentCopyReport } from './ops/attachments.ts';

export interface InspectionReport {
  schemaVersion: number;
  latestSchemaVersion: number;
  /** Problems reported by PRAGMA integrity_check; empty when the file is sound. */
  integrity: string[];
  foreignKeyViolations: number;
  counts: Record<string, number>;
}

const COUNTED_TABLES = ['agencies', 'users', 'settings', 'audit_log'];

export function inspectRegister(file: string): InspectionReport {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok');
    const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      if (tables.has(table)) counts[table] = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    return { schemaVersion, latestSchemaVersion: LATEST_SCHEMA_VERSION, integrity, foreignKeyViolations, counts };
  } catch (error) {
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new ApiError('BAD_DATABASE', `Tệp ${file} không phải là cơ sở dữ liệu SQLite hợp lệ của Sổ tiếp công dân.`);
    }
    throw error;
  } finally {
    sqlite.close();
  }
}

export interface BackupReport extends InspectionReport {
  attachments: AttachmentCopyReport;
}

/** Where a backup's attachments go: `FILE.attachments/`, same layout as the live folder. */
export function backupAttachmentsDir(target: string): string {
  return `${target}.attachments`;
}

/**
 * Copies a live register with SQLite's online backup, then checks the copy; then copies the
 * attachments that copy refers to (removed ones included: they are history) and checks each
 * copied file's hash. Files are written before their rows, so every file the snapshot refers to
 * exists by the time it was taken; stored files nothing refers to are left out.
 */
export async function backupRegister(source: string, target: string): Promise<BackupReport> {
  const attachmentsTarget = backupAttachmentsDir(target);
  if (fs.existsSync(attachmentsTarget)) throw new ApiError('CONFLICT', `Thư mục ${attachmentsTarget} đã có; chọn tên tệp sao lưu khác để không ghi đè.`);
  const sqlite = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    await sqlite.backup(target);
  } catch (error) {
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new ApiError('BAD_DATABASE', `Tệp ${source} không phải là cơ sở dữ liệu SQLite hợp lệ của Sổ tiếp công dân.`);
    }
    throw error;
  } finally {
    sqlite.close();
  }
  const report = inspectRegister(target);
  if (report.integrity.length > 0) throw new ApiError('INTERNAL', `Bản sao lưu ${target} không đạt kiểm tra toàn vẹn: ${report.integrity.join('; ')}`);
  return { ...report, attachments: copyAttachments(attachmentsDir(source), attachmentsTarget, referencedContents(target)) };
}

/** Distinct stored contents a register file refers to, with the names they were added under. */
function referencedContents(file: string): { sha256: string; fileNames: string[] }[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'attachments'").get();
    if (!table) return [];
    const rows = sqlite.prepare('select sha256, file_name from attachments order by sha256, id').all() as { sha256: string; file_name: string }[];
    const byHash = new Map<string, string[]>();
    for (const row of rows) {
      const names = byHash.get(row.sha256) ?? [];
      if (!names.includes(row.file_name)) names.push(row.file_name);
      byHash.set(row.sha256, names);
    }
    return [...byHash].map(([sha256, fileNames]) => ({ sha256, fileNames }));
  } finally {
    sqlite.close();
  }
}
