// Faults of the file system and of SQLite, said in plain Vietnamese; the original error is kept
// in a log file next to the register (`<register>.errors.log`, one entry per fault), or, when that
// folder cannot be written (a read-only or full disk), in `petreg-errors.log` in the system's
// temporary folder. Never on the officer's terminal or screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../shared/errors.ts';
import { isPostgresLocation } from './engine/location.ts';

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** The log file beside a register. */
export function faultLogPath(registerPath: string): string {
  return `${registerPath}.errors.log`;
}

/** Appends the original error to the register's log (never throws). */
export function logFault(registerPath: string | null, context: string, error: unknown): void {
  const detail = error instanceof Error ? `${codeOf(error) ? `[${codeOf(error)}] ` : ''}${error.stack ?? error.message}` : String(error);
  const line = `${new Date().toISOString()} ${context}: ${detail.replace(/\r?\n/g, '\n    ')}\n`;
  // A register on PostgreSQL has no folder of its own: its faults go to the fallback log.
  for (const file of [registerPath && !isPostgresLocation(registerPath) ? faultLogPath(registerPath) : null, FALLBACK_LOG]) {
    if (!file) continue;
    try {
      fs.appendFileSync(file, line, 'utf8');
      return;
    } catch {
      // the next place
    }
  }
}

/** Where faults are logged when the register's folder cannot be written. */
export const FALLBACK_LOG = path.join(os.tmpdir(), 'petreg-errors.log');

function folderWritable(file: string): boolean {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return !isReadOnlyMount(file);
  } catch {
    return false;
  }
}

/** Whether a file sits on a read-only mount (Linux; elsewhere false). */
function isReadOnlyMount(file: string): boolean {
  try {
    const probe = path.join(path.dirname(path.resolve(file)), `.petreg-write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EROFS' || (error as NodeJS.ErrnoException).code === 'EACCES';
  }
}

/**
 * The typed error a storage fault means to the officer, or null when the error is not one.
 * `file` names the register in the message.
 */
export function describeStorageFault(error: unknown, file: string): ApiError | null {
  if (error instanceof ApiError) return error;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const both = `${code} ${message}`;
  if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i.test(both)) {
    return new ApiError('BUSY', 'Sổ đang bận: một máy hoặc chương trình khác đang ghi vào sổ. Không có gì được ghi; vui lòng thử lại sau giây lát.');
  }
  if (/SQLITE_FULL|ENOSPC|database or disk is full/i.test(both)) {
    return new ApiError('STORAGE', `Ổ đĩa chứa sổ ${file} đã đầy. Không có gì được ghi; hãy giải phóng dung lượng rồi thử lại.`);
  }
  if (/SQLITE_READONLY|EROFS|EACCES|EPERM|readonly database|read-only/i.test(both)) {
    return new ApiError('STORAGE', `Không ghi được vào sổ ${file}: tệp hoặc thư mục chỉ cho đọc (không có quyền ghi). Không có gì được ghi; hãy kiểm tra quyền của tệp và thư mục.`);
  }
  if (/SQLITE_CORRUPT|malformed/i.test(both)) {
    return new ApiError('BAD_DATABASE', `Tệp sổ ${file} bị hỏng (${message}). Tệp không bị ghi thêm gì; hãy chạy "petreg check" để xem phần hỏng và khôi phục từ bản sao lưu ("petreg restore").`);
  }
  if (/SQLITE_NOTADB|not a database|file is encrypted/i.test(both)) {
    return new ApiError('BAD_DATABASE', `Tệp ${file} không phải là cơ sở dữ liệu SQLite hợp lệ của Sổ tiếp công dân.`);
  }
  if (/SQLITE_CANTOPEN|unable to open database/i.test(both)) {
    if (file && fs.existsSync(file) && !folderWritable(file)) {
      return new ApiError(
        'STORAGE',
        `Không mở được sổ ${file}: thư mục chứa sổ chỉ cho đọc (SQLite cần ghi tệp phụ -shm/-wal cạnh sổ, kể cả khi chỉ đọc). Không có gì được ghi; hãy chép sổ sang thư mục ghi được hoặc cấp quyền ghi.`,
      );
    }
    return new ApiError('STORAGE', `Không mở được tệp sổ ${file} (tệp không có, hoặc thư mục không cho phép). Không có gì được ghi.`);
  }
  if (/SQLITE_IOERR|disk I\/O error/i.test(both)) {
    return new ApiError('STORAGE', `Lỗi đọc ghi ổ đĩa khi dùng sổ ${file}. Không có gì được ghi; hãy kiểm tra ổ đĩa rồi chạy "petreg check".`);
  }
  return null;
}
