// Read-only inspection (petreg check), safe online backup and verified restore of a register file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../shared/errors.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { BUSY_TIMEOUT_MS, openRegisterReadOnly, removeRegisterFiles } from './register.ts';
import { attachmentsDir, copyAttachments, sha256Of, storedFilePath, type AttachmentCopyReport } from './ops/attachments.ts';
import { describeStorageFault, logFault } from './faults.ts';
import { verifyAuditChain, verifyAuditChainOf, verifyPetitionStates, verifyPetitionStatesOf, type ChainReport, type PetitionStateReport } from './integrity.ts';

export interface InspectionReport {
  schemaVersion: number;
  latestSchemaVersion: number;
  /** Problems reported by PRAGMA integrity_check; empty when the file is sound. */
  integrity: string[];
  foreignKeyViolations: number;
  counts: Record<string, number>;
  /** The audit hash chain (schema 0008 on). */
  chain: ChainReport;
  /** Petitions against their latest audited state. */
  petitions: PetitionStateReport;
}

const COUNTED_TABLES = ['agencies', 'users', 'settings', 'audit_log', 'petitions'];

/** Opens a register file read-only for inspection; a damaged or foreign file is said plainly. */
function openForInspection(file: string): Database.Database {
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    sqlite.prepare('select count(*) from sqlite_master').get();
    return sqlite;
  } catch (error) {
    throw describeStorageFault(error, file) ?? error;
  }
}

/** Whether a report shows anything wrong. */
export function inspectionFailed(report: InspectionReport): boolean {
  return report.integrity.length > 0 || report.foreignKeyViolations > 0 || report.chain.firstBroken !== null || report.petitions.mismatches.length > 0;
}

export function inspectRegister(file: string): InspectionReport {
  const sqlite = openForInspection(file);
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok');
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const empty: InspectionReport = {
      schemaVersion,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      integrity,
      foreignKeyViolations: 0,
      counts: {},
      chain: { entries: 0, firstBroken: null },
      petitions: { checked: 0, withoutSnapshot: 0, mismatches: [] },
    };
    // A damaged file is not read further: its pages may answer anything.
    if (integrity.length > 0) return empty;
    const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      if (tables.has(table)) counts[table] = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    const chain = tables.has('audit_log') ? verifyAuditChain(sqlite) : empty.chain;
    const petitions = tables.has('audit_log') ? verifyPetitionStates(sqlite) : empty.petitions;
    return { ...empty, foreignKeyViolations, counts, chain, petitions };
  } catch (error) {
    throw describeStorageFault(error, file) ?? error;
  } finally {
    sqlite.close();
  }
}

/**
 * inspectRegister for a register on a PostgreSQL server, read-only: the audit chain and the
 * petitions against their audit as on a file; the pages and foreign keys are the server's own
 * (nothing like a file's integrity_check to run), so those parts report nothing found.
 */
export async function inspectPostgresRegister(location: string): Promise<InspectionReport> {
  const register = await openRegisterReadOnly({ path: location });
  try {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const row = await register.db
        .selectFrom(table as 'petitions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return {
      schemaVersion: register.schemaVersion(),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      integrity: [],
      foreignKeyViolations: 0,
      counts,
      chain: await verifyAuditChainOf(register.db),
      petitions: await verifyPetitionStatesOf(register.db),
    };
  } finally {
    await register.close();
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
  const sqlite = openForInspection(source);
  // Written beside the target and renamed when verified: a failed backup never leaves a file
  // that looks like one.
  const temp = `${target}.${process.pid}.partial`;
  try {
    await copyWithBackupApi(sqlite, temp);
  } catch (error) {
    removeRegisterFiles(temp);
    logFault(source, 'backup', error);
    const fault = describeStorageFault(error, target);
    throw fault ?? error;
  } finally {
    sqlite.close();
  }
  try {
    const report = inspectRegister(temp);
    if (inspectionFailed(report)) throw new ApiError('BAD_DATABASE', `Bản sao lưu không đạt kiểm tra: ${describeProblems(report).join('; ')}. Sổ gốc cần được kiểm tra ("petreg check").`);
    const attachments = copyAttachments(attachmentsDir(source), attachmentsTarget, referencedContents(temp));
    fs.renameSync(temp, target);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${temp}${suffix}`, { force: true });
    return { ...report, attachments };
  } catch (error) {
    removeRegisterFiles(temp);
    fs.rmSync(attachmentsTarget, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    logFault(source, 'backup', error);
    throw describeStorageFault(error, target) ?? error;
  }
}

/**
 * SQLite's online backup, in steps of 256 pages. A step that finds the source busy waits a
 * little and tries again, at most for the busy timeout: never a busy loop (a read-only
 * register with read-only -wal/-shm files once spun here forever).
 */
async function copyWithBackupApi(sqlite: Database.Database, target: string): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS * 2;
  let lastRemaining = -1;
  await sqlite.backup(target, {
    progress: ({ remainingPages }) => {
      if (remainingPages === lastRemaining && Date.now() > deadline) {
        throw new ApiError('BUSY', 'Sổ đang bận quá lâu (một chương trình khác đang ghi liên tục); không sao lưu được. Vui lòng thử lại sau.');
      }
      if (remainingPages !== lastRemaining) lastRemaining = remainingPages;
      return 256;
    },
  });
}

/** What an inspection found wrong, one phrase each, naming the first entry or record. */
export function describeProblems(report: InspectionReport): string[] {
  const problems: string[] = [];
  if (report.integrity.length > 0) problems.push(`tệp bị hỏng: ${report.integrity.slice(0, 5).join('; ')}`);
  if (report.foreignKeyViolations > 0) problems.push(`${report.foreignKeyViolations} tham chiếu hỏng (khóa ngoại)`);
  if (report.chain.firstBroken) problems.push(`chuỗi nhật ký đứt tại mục ${report.chain.firstBroken.id}: ${report.chain.firstBroken.reason}`);
  for (const m of report.petitions.mismatches.slice(0, 5)) {
    problems.push(`đơn ${m.registerNo} (mã ${m.id}) khác nhật ký ở trường ${m.field}: nhật ký ghi ${JSON.stringify(m.audited)}, sổ đang là ${JSON.stringify(m.current)}`);
  }
  return problems;
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

export interface BackupVerification {
  report: InspectionReport;
  /** Stored attachment files checked by SHA-256. */
  attachmentFiles: number;
}

/**
 * Everything a backup must pass before it may replace a register: SQLite's integrity check, a
 * schema this version knows (an older one is migrated when the app or `petreg init` next opens
 * it), the audit chain, petitions against their audit, and every attachment it refers to, by hash.
 */
export function verifyBackup(file: string): BackupVerification {
  if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `Không có tệp sao lưu ${file}.`);
  const report = inspectRegister(file);
  if (report.counts.audit_log === undefined) throw new ApiError('BAD_DATABASE', `Tệp ${file} không phải là bản sao lưu của Sổ tiếp công dân.`);
  if (report.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new ApiError('SCHEMA_TOO_NEW', `Bản sao lưu ${file} được tạo bởi phiên bản mới hơn (lược đồ ${report.schemaVersion}, phiên bản này hiểu đến ${LATEST_SCHEMA_VERSION}); không khôi phục.`);
  }
  if (inspectionFailed(report)) throw new ApiError('BAD_DATABASE', `Bản sao lưu ${file} không dùng được: ${describeProblems(report).join('; ')}. Sổ hiện tại không bị thay đổi.`);
  const dir = backupAttachmentsDir(file);
  const problems: string[] = [];
  let attachmentFiles = 0;
  for (const { sha256, fileNames } of referencedContents(file)) {
    const stored = storedFilePath(dir, sha256);
    const bytes = fs.existsSync(stored) ? fs.readFileSync(stored) : null;
    if (bytes === null) problems.push(`thiếu tệp đính kèm ${fileNames.join(', ')}`);
    else if (sha256Of(bytes) !== sha256) problems.push(`tệp đính kèm ${fileNames.join(', ')} không khớp mã SHA-256`);
    else attachmentFiles++;
  }
  if (problems.length > 0) {
    throw new ApiError('BAD_DATABASE', `Bản sao lưu ${file} không đủ tệp đính kèm (thư mục ${dir}): ${problems.slice(0, 5).join('; ')}. Sổ hiện tại không bị thay đổi.`);
  }
  return { report, attachmentFiles };
}

/**
 * Takes SQLite's exclusive lock on a register, proving no other connection (another desk, the
 * app, a CLI command, even an idle reader) has it open; the returned handle keeps the lock until
 * it is closed. Refuses with BUSY when anyone has the file open.
 */
export function lockExclusively(file: string): Database.Database {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('begin exclusive');
    sqlite.exec('commit');
    // Everything in the WAL goes into the file, so the file alone is the register.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    if (/SQLITE_BUSY|locked/i.test(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`)) {
      throw new ApiError('BUSY', `Sổ ${file} đang được mở ở nơi khác (ứng dụng, bản xem trước hoặc một lệnh petreg). Hãy đóng mọi nơi đang dùng sổ rồi khôi phục lại; sổ không bị thay đổi.`);
    }
    throw describeStorageFault(error, file) ?? error;
  }
}

export interface RestoreReport {
  verification: BackupVerification;
  /** Where the replaced register was kept (null when there was none). */
  keptAside: string | null;
  keptAttachmentsAside: string | null;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Replaces a register with a verified backup (and its attachments). Nothing is replaced unless
 * the backup passes verifyBackup and nobody has the register open; the replaced register and its
 * attachments are kept aside as `<file>.replaced-<time>` and `attachments.replaced-<time>`.
 */
export function restoreRegister(backup: string, target: string, now = new Date()): RestoreReport {
  const source = path.resolve(backup);
  const file = path.resolve(target);
  if (source === file) throw new ApiError('VALIDATION', 'Tệp sao lưu phải khác tệp sổ.');
  const verification = verifyBackup(source);
  const stamp = timestamp(now);
  const liveAttachments = attachmentsDir(file);
  const stagedFile = `${file}.restoring-${process.pid}`;
  const stagedAttachments = `${liveAttachments}.restoring-${process.pid}`;
  const lock = fs.existsSync(file) ? lockExclusively(file) : null;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.copyFileSync(source, stagedFile);
      const copied = copyAttachments(backupAttachmentsDir(source), stagedAttachments, referencedContents(stagedFile));
      if (copied.problems.length > 0) throw new ApiError('BAD_DATABASE', 'Tệp đính kèm của bản sao lưu đổi trong lúc khôi phục; sổ không bị thay đổi.');
      const again = inspectRegister(stagedFile);
      if (inspectionFailed(again)) throw new ApiError('BAD_DATABASE', `Bản chép để khôi phục không đạt kiểm tra: ${describeProblems(again).join('; ')}`);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${stagedFile}${suffix}`, { force: true });
    } catch (error) {
      removeRegisterFiles(stagedFile);
      fs.rmSync(stagedAttachments, { recursive: true, force: true });
      if (error instanceof ApiError) throw error;
      logFault(file, 'restore', error);
      throw describeStorageFault(error, file) ?? error;
    }
    let keptAside: string | null = null;
    let keptAttachmentsAside: string | null = null;
    if (lock) {
      keptAside = `${file}.replaced-${stamp}`;
      fs.renameSync(file, keptAside);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    }
    if (fs.existsSync(liveAttachments)) {
      keptAttachmentsAside = `${liveAttachments}.replaced-${stamp}`;
      fs.renameSync(liveAttachments, keptAttachmentsAside);
    }
    if (fs.existsSync(stagedAttachments)) fs.renameSync(stagedAttachments, liveAttachments);
    fs.renameSync(stagedFile, file);
    return { verification, keptAside, keptAttachmentsAside };
  } finally {
    lock?.close();
  }
}
