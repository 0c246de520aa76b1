import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Actor } from '../../db/context.ts';
import { checkAnyInterchange, importChecked } from '../../db/interchange/import.ts';
import { checkOutline, importInSlices, needsSlices, outlineFile, type OutlinedFile } from '../../db/interchange/import-file.ts';
import { isPostgresLocation } from '../../db/engine/location.ts';
import { describeJsonFile, readJsonObjectStreaming, type JsonFileFault } from '../../db/interchange/read.ts';
import { openRegisterForWrite, removeRegisterFiles } from '../../db/register.ts';
import { ApiError, type FieldIssue } from '../../shared/errors.ts';
import type { CheckedInterchange } from '../../shared/interchange/v1.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { UserError, type Command } from '../command.ts';

/** Who the audit log names for changes made from the command line. */
export const CLI_ACTOR: Actor = { id: null, name: 'Dòng lệnh petreg' };

/** Issues listed one per line under a heading; long lists are cut, the count is kept. */
export function issueLines(heading: string, issues: FieldIssue[], max = 20): string {
  const lines = issues.slice(0, max).map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`);
  if (issues.length > max) lines.push(`  … và ${issues.length - max} lỗi khác`);
  return [heading, ...lines].join('\n');
}

const directoryError = (file: string) => new UserError(`${file} là một thư mục, không phải tệp JSON.`);

function fileError(file: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`Không có tệp ${file}.`);
  if (code === 'EISDIR') return directoryError(file);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`Không có quyền đọc tệp ${file}.`);
  return new UserError(`Không đọc được tệp ${file}: ${(error as Error).message}`);
}

/**
 * Reads a UTF-8 JSON file; a missing file, bad UTF-8 or bad JSON is a UserError naming the file.
 * A JSON object is read record by record (db/interchange/read.ts), never as one text: a large
 * register's export does not fit in a string. Anything else is gone through in chunks as well, to say
 * what is wrong with it and where (describeJsonFile): a broken file of any size is named, line and
 * column. A valid JSON value that is not an object is returned (an array as []) for the check to refuse.
 */
export function readJsonFile(file: string, options: { chunkBytes?: number } = {}): unknown {
  let streamed: Record<string, unknown> | null;
  try {
    streamed = readJsonObjectStreaming(file, options);
  } catch (error) {
    throw fileError(file, error);
  }
  return streamed ?? explainJsonFile(file, options);
}

/**
 * For a file that is not a JSON object in UTF-8: throws the UserError that says what is wrong with
 * it and where, or returns its value when it is valid JSON of another shape (an array as []).
 */
export function explainJsonFile(file: string, options: { chunkBytes?: number } = {}): unknown {
  let fault: JsonFileFault | null;
  try {
    fault = describeJsonFile(file, options);
  } catch (error) {
    throw fileError(file, error);
  }
  // A JSON object after all: one written while it was read.
  if (fault === null) throw new UserError(`Tệp ${file} đã thay đổi trong khi đang đọc. Hãy nhập lại khi tệp đã ghi xong.`);
  switch (fault.fault) {
    case 'utf8':
      // The file's bytes are refused rather than imported with U+FFFD in people's names.
      throw new UserError(`Tệp ${file} không phải văn bản UTF-8 (có thể đã lưu bằng bảng mã khác, như Windows-1258 hay TCVN3). Hãy lưu lại tệp ở dạng UTF-8.`);
    case 'empty':
      throw new UserError(`Tệp ${file} rỗng, không có dữ liệu JSON.`);
    case 'shape':
      return fault.value;
    default: {
      const what = fault.fault === 'end' ? 'tệp kết thúc giữa chừng' : 'lỗi cú pháp';
      throw new UserError(`Tệp ${file} không phải JSON hợp lệ: ${what} ở dòng ${fault.line}, cột ${fault.column}.`);
    }
  }
}

/**
 * The JavaScript heap an import of a file read whole (no collection larger than a slice,
 * db/interchange/import-file.ts) of `bytes` needs: its records checked, then written.
 * Measured with the bench's files (README, Performance): at 100,000 petitions (159 MB) the import
 * completes with `--max-old-space-size=460` and not with 420; at 1,000,000 (1.6 GB) not with
 * Node's default heap (a limit of 4.5 GB here). About 2.9 times the file in the old space, plus
 * what V8 counts besides it (the young generation, the program): 3.2 and 256 MB leave room.
 */
export const IMPORT_HEAP_PER_FILE_BYTE = 3.2;
export const IMPORT_HEAP_BASE_BYTES = 256 * 1024 * 1024;

/**
 * Refuses, before reading anything, a file larger than this process's heap can import: Node would
 * stop with "JavaScript heap out of memory" part way through (nothing written, but minutes lost
 * and no word of why). Says how to run the same command with a heap large enough.
 */
export function refuseIfHeapTooSmall(file: string, bytes: number, args: string, heapLimit = v8.getHeapStatistics().heap_size_limit): void {
  const oldSpace = bytes * IMPORT_HEAP_PER_FILE_BYTE;
  if (IMPORT_HEAP_BASE_BYTES + oldSpace <= heapLimit) return;
  const mb = (n: number) => Math.ceil(n / 1024 / 1024);
  const flag = Math.ceil(mb(oldSpace) / 1024) * 1024;
  throw new UserError(
    `Không nhập tệp ${file}: tệp lớn (${mb(bytes).toLocaleString('vi-VN')} MB), cần khoảng ${mb(IMPORT_HEAP_BASE_BYTES + oldSpace).toLocaleString('vi-VN')} MB bộ nhớ cho Node.js, ` +
      `nhưng giới hạn hiện tại là ${mb(heapLimit).toLocaleString('vi-VN')} MB; sổ không thay đổi. ` +
      `Hãy chạy lại với giới hạn lớn hơn (máy cần đủ bộ nhớ trống): node --max-old-space-size=${flag} bin/petreg.js ${args}`,
  );
}

export const importCommand: Command = {
  name: 'import',
  usage: 'petreg import FILE.json [--db FILE]',
  maxPositionals: 1,
  summary: 'nhập tệp petition-register/v1 hoặc v2 trong một giao dịch: nhận tất cả hoặc không nhận gì',
  async run({ dbPath, positionals, io }) {
    const file = positionals[0];
    if (!file) throw new UserError('Thiếu tên tệp cần nhập: petreg import FILE.json');
    const refused = (issues: FieldIssue[]) =>
      new UserError(issueLines(`Không nhập tệp ${file}: ${issues.length} lỗi; sổ không thay đổi.`, issues));
    // The file's size: a file read whole must fit this process's heap (below).
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      throw fileError(file, error);
    }
    if (stat.isDirectory()) throw directoryError(file);
    // The file is read more than once (its outline, then its records): a pipe or a device gives its
    // bytes only once.
    if (!stat.isFile()) throw new UserError(`${file} không phải một tệp trên đĩa (có thể là đường ống hay thiết bị): petreg đọc tệp nhập hai lượt. Hãy lưu dữ liệu vào một tệp .json rồi nhập tệp đó.`);
    const bytes = stat.size;
    // The file is gone through once for its outline (db/interchange/import-file.ts); a file that is
    // not a JSON object in UTF-8 is then gone through again below, to say what is wrong with it.
    let outlined: OutlinedFile | null;
    try {
      outlined = outlineFile(file);
    } catch (error) {
      throw fileError(file, error);
    }
    // Check what needs no register first: a bad file then leaves no new register behind either.
    // Dates after today are refused too; today by the machine's clock in Vietnam, as the register reads it.
    const today = vietnamDate(new Date());
    let checked: CheckedInterchange | null = null;
    if (outlined !== null && needsSlices(outlined)) {
      // A large file: its top level and the rules across it now; each slice's records as they are written.
      const early = checkOutline(outlined, today);
      if (!early.ok) throw refused(early.issues);
    } else {
      // A file read whole: a file too large for this process's heap is refused before it is read.
      // One that is not a JSON object is never held (explainJsonFile), whatever its size.
      const quoted = (arg: string) => (/^[\w./:@=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
      if (outlined !== null) refuseIfHeapTooSmall(file, bytes, ['import', file, '--db', dbPath].map(quoted).join(' '));
      // The checked records are all the import needs: the parsed file is let go (it goes out of scope
      // here), and not checked a second time (the writer checks the dates against the register's today).
      // The file was read for this import alone: the check lets go of each record once read.
      const data = outlined === null ? explainJsonFile(file) : readJsonFile(file);
      const result = checkAnyInterchange(data, { today, consume: true });
      if (!result.ok) throw refused(result.issues);
      checked = result.value;
    }
    // A register this command makes is removed again when a slice of a large file is refused.
    const made = !isPostgresLocation(dbPath) && !fs.existsSync(dbPath);
    const register = await openRegisterForWrite({ path: dbPath });
    let removeMade = false;
    try {
      const source = { source: path.basename(file) };
      const counts = checked ? await importChecked(register, checked, CLI_ACTOR, source) : await importInSlices(register, outlined!, CLI_ACTOR, source);
      const numbers = counts.firstRegisterNo ? ` (số vào sổ ${counts.firstRegisterNo} … ${counts.lastRegisterNo})` : '';
      io.out(`Đã nhập ${file} vào sổ ${dbPath}:`);
      io.out(`  cơ quan: ${counts.agenciesAdded} thêm mới, ${counts.agenciesUpdated} cập nhật`);
      io.out(`  kỳ tiếp: ${counts.sessions}`);
      io.out(`  lượt tiếp: ${counts.visits}`);
      io.out(`  đơn: ${counts.petitions}${numbers}`);
      io.out(`  phân loại: ${counts.classifications}, quyết định xử lý: ${counts.decisions}, trả lời: ${counts.replies}, đôn đốc: ${counts.reminders}`);
      if (counts.notices > 0) io.out(`  thông báo cho công dân: ${counts.notices}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION') {
        removeMade = made;
        throw refused(error.issues ?? [{ path: '', message: error.message }]);
      }
      throw error;
    } finally {
      await register.close();
      if (removeMade) removeRegisterFiles(dbPath);
    }
  },
};
