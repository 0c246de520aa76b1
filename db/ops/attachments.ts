// Attachments: files stored by content hash next to the register file,
//   <folder of the register>/attachments/<first two hex digits>/<sha256>
// and one row per attachment in the `attachments` table.
//
// Order of writes: the file first (temp file, fsync, rename), then the row and its audit entry
// in one transaction. A crash or a failed transaction can therefore leave a stored file that no
// row points at. That is harmless: nothing lists it, identical content added later reuses it,
// and a future `petreg check` can report such orphans. The reverse (a row whose file is
// missing) cannot happen through this module.
//
// Files are never deleted here: a removal only marks the row (removed_at), the audit keeps the
// reason, and other rows (even of other petitions) may share the same content.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import {
  ATTACHMENT_MIME_LABELS,
  MAX_ATTACHMENT_BYTES,
  detectAttachmentMime,
  formatFileSize,
  type Attachment,
  type AttachmentContent,
  type AttachmentMime,
  type attachmentAddSchema,
  type attachmentRemoveSchema,
} from '../../shared/domain/attachment.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { Register } from '../register.ts';
import type { AttachmentTable, DB } from '../schema.ts';

export const ATTACHMENTS_FOLDER = 'attachments';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The attachments folder of a register file (or of its path). */
export function attachmentsDir(register: Pick<Register, 'path'> | string): string {
  const file = typeof register === 'string' ? register : register.path;
  return path.join(path.dirname(path.resolve(file)), ATTACHMENTS_FOLDER);
}

/** Where content with this hash lives under an attachments folder. */
export function storedFilePath(dir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new ApiError('BAD_DATABASE', `Mã băm tệp đính kèm không hợp lệ: “${sha256.slice(0, 80)}”`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

export function sha256Of(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Makes a rename or a new entry durable. Windows cannot open a folder for fsync; NTFS journals it. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function readIfExists(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Stores `data` as `file` so that `file` is either absent or complete: a temp file in the same
 * folder (same file system, so rename is atomic), fsync, rename, fsync of the folder. When the
 * file is already there with this content, nothing is written (content is stored once).
 * Returns whether a file was written.
 */
export function storeContent(file: string, data: Uint8Array, sha256: string): boolean {
  const existing = readIfExists(file);
  if (existing && sha256Of(existing) === sha256) return false;
  // Missing, or damaged on disk: (re)write it. Renaming over a damaged copy repairs it.
  const dir = path.dirname(file);
  const created = fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    // Another process may have stored the same content meanwhile (Windows refuses to replace
    // a file another process has open); that copy is as good as ours.
    const now = readIfExists(file);
    if (!now || sha256Of(now) !== sha256) throw error;
    return false;
  }
  fsyncDir(dir);
  if (created !== undefined) {
    // New folders are entries of their parents: make those durable too, up to the first one made.
    const top = path.dirname(path.resolve(created));
    for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
      fsyncDir(d);
      if (d === top || d === path.dirname(d)) break;
    }
  }
  return true;
}

function damaged(attachment: Pick<Attachment, 'fileName'>, why: string): ApiError {
  return new ApiError(
    'BAD_DATABASE',
    `Tệp đính kèm “${attachment.fileName}” bị hỏng: ${why}. Hãy khôi phục thư mục ${ATTACHMENTS_FOLDER} từ bản sao lưu gần nhất.`,
  );
}

/** Reads a stored file and checks it against its recorded hash (and size, when known). */
export function readVerified(file: string, sha256: string, attachment: Pick<Attachment, 'fileName'> & { size?: number }): Buffer {
  const data = readIfExists(file);
  if (data === null) {
    throw new ApiError(
      'BAD_DATABASE',
      `Không tìm thấy tệp đính kèm “${attachment.fileName}” trong kho (${file}). Hãy khôi phục thư mục ${ATTACHMENTS_FOLDER} từ bản sao lưu gần nhất.`,
    );
  }
  if (attachment.size !== undefined && data.length !== attachment.size) {
    throw damaged(attachment, `kích thước trong kho là ${data.length} byte, sổ ghi ${attachment.size} byte`);
  }
  if (sha256Of(data) !== sha256) throw damaged(attachment, 'nội dung trong kho không khớp mã băm SHA-256 đã ghi');
  return data;
}

function toAttachment(row: Selectable<AttachmentTable>): Attachment {
  return {
    id: row.id,
    petitionId: row.petition_id,
    sha256: row.sha256,
    fileName: row.file_name,
    mime: row.mime as AttachmentMime,
    size: row.size,
    addedBy: row.added_by,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

async function attachmentRow(db: Kysely<DB>, id: number): Promise<Selectable<AttachmentTable>> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy tệp đính kèm có mã số ${id}`, [{ path: 'id', message: 'Tệp đính kèm không tồn tại' }]);
  return row;
}

async function requirePetition(db: Kysely<DB>, petitionId: number): Promise<{ id: number; register_no: string }> {
  const row = await db.selectFrom('petitions').select(['id', 'register_no']).where('id', '=', petitionId).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không tìm thấy đơn có mã số ${petitionId}`, [{ path: 'petitionId', message: 'Đơn không tồn tại' }]);
  return row;
}

function refuse(field: string, message: string): never {
  throw new ApiError('VALIDATION', message, [{ path: field, message }]);
}

export async function addAttachment(ctx: OpContext, input: z.output<typeof attachmentAddSchema>): Promise<Attachment> {
  const { register } = ctx;
  // Every refusal comes before the file is written, so a refused call stores nothing.
  await requirePetition(register.db, input.petitionId);
  const data = Buffer.from(input.base64, 'base64');
  if (data.length === 0) refuse('base64', 'Tệp rỗng, không có nội dung để đính kèm');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    refuse('base64', `Tệp “${input.fileName}” quá lớn (${formatFileSize(data.length)}); mỗi tệp đính kèm tối đa ${formatFileSize(MAX_ATTACHMENT_BYTES)}`);
  }
  const detected = detectAttachmentMime(data);
  if (detected === null) refuse('base64', `Tệp “${input.fileName}” không phải tệp PDF, JPEG hoặc PNG hợp lệ (nội dung không khớp định dạng nào)`);
  if (detected !== input.mime) {
    refuse('mime', `Nội dung tệp “${input.fileName}” là ${ATTACHMENT_MIME_LABELS[detected]} nhưng được khai là ${ATTACHMENT_MIME_LABELS[input.mime]}; hãy kiểm tra lại tệp`);
  }

  const sha256 = sha256Of(data);
  // A register file keeps contents in a folder beside it; a register on a server, in the database
  // (every desk reads it there), in the transaction that records the attachment.
  if (register.engine === 'sqlite') storeContent(storedFilePath(attachmentsDir(register), sha256), data, sha256);

  return register.db.transaction().execute(async (trx) => {
    if (register.engine === 'postgres') await storeContentInDatabase(trx, sha256, data);
    const row = await trx
      .insertInto('attachments')
      .values({
        petition_id: input.petitionId,
        sha256,
        file_name: input.fileName,
        mime: input.mime,
        size: data.length,
        added_by: ctx.actor.name,
        created_at: register.now().toISOString(),
        removed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const attachment = toAttachment(row);
    await writeAudit(trx, ctx, { action: 'create', entity: 'attachment', entityId: attachment.id, after: attachment });
    return attachment;
  });
}

/** A petition's attachments that have not been removed, oldest first. */
export async function listAttachments(db: Kysely<DB>, petitionId: number): Promise<Attachment[]> {
  await requirePetition(db, petitionId);
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('petition_id', '=', petitionId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

/** One attachment with its content, checked against the recorded hash. Removed ones stay readable (history). */
export async function getAttachment(register: Register, id: number): Promise<AttachmentContent> {
  const attachment = toAttachment(await attachmentRow(register.db, id));
  const data =
    register.engine === 'postgres'
      ? verifiedContent(await readContentFromDatabase(register.db, attachment.sha256), attachment.sha256, attachment, 'cơ sở dữ liệu')
      : readVerified(storedFilePath(attachmentsDir(register), attachment.sha256), attachment.sha256, attachment);
  return { attachment, base64: data.toString('base64') };
}

/**
 * Stores a content once in a PostgreSQL register's attachment_contents (db/engine/postgres-schema.ts).
 * A stored copy that no longer matches its hash (damaged) is written again, as a damaged file is.
 */
export async function storeContentInDatabase(db: Kysely<DB>, sha256: string, data: Uint8Array): Promise<void> {
  await sql`insert into attachment_contents (sha256, data) values (${sha256}, ${Buffer.from(data)})
    on conflict (sha256) do update set data = excluded.data where attachment_contents.data <> excluded.data`.execute(db);
}

/** A content of a PostgreSQL register, or null when it is not there. */
export async function readContentFromDatabase(db: Kysely<DB>, sha256: string): Promise<Buffer | null> {
  const row = await sql<{ data: Buffer }>`select data from attachment_contents where sha256 = ${sha256}`.execute(db);
  return row.rows[0]?.data ?? null;
}

/** Checks a content read from the database against its recorded hash and size. */
export function verifiedContent(data: Buffer | null, sha256: string, attachment: Pick<Attachment, 'fileName'> & { size?: number }, where: string): Buffer {
  if (data === null) throw new ApiError('BAD_DATABASE', `Không tìm thấy nội dung tệp đính kèm “${attachment.fileName}” trong ${where}.`);
  if (attachment.size !== undefined && data.length !== attachment.size) throw damaged(attachment, `kích thước là ${data.length} byte, sổ ghi ${attachment.size} byte`);
  if (sha256Of(data) !== sha256) throw damaged(attachment, 'nội dung không khớp mã băm SHA-256 đã ghi');
  return data;
}

export async function removeAttachment(ctx: OpContext, input: z.output<typeof attachmentRemoveSchema>): Promise<Attachment> {
  return ctx.register.db.transaction().execute(async (trx) => {
    const before = toAttachment(await attachmentRow(trx, input.id));
    if (before.removedAt !== null) throw new ApiError('CONFLICT', `Tệp đính kèm “${before.fileName}” đã được gỡ trước đó`);
    const removedAt = ctx.register.now().toISOString();
    await trx.updateTable('attachments').set({ removed_at: removedAt }).where('id', '=', input.id).execute();
    const after: Attachment = { ...before, removedAt };
    await writeAudit(trx, ctx, { action: 'delete', entity: 'attachment', entityId: input.id, before, after: { ...after, note: input.note } });
    return after;
  });
}

export interface AttachmentFile {
  id: number;
  petitionId: number;
  sha256: string;
  fileName: string;
  mime: AttachmentMime;
  size: number;
  /** Absolute path of the stored content; read it with readVerified to check the hash. */
  path: string;
}

/** Every stored attachment of the register (removed ones only when asked), by petition then id. */
export async function listAttachmentFiles(register: Register, options: { includeRemoved?: boolean } = {}): Promise<AttachmentFile[]> {
  let query = register.db.selectFrom('attachments').selectAll();
  if (!options.includeRemoved) query = query.where('removed_at', 'is', null);
  const rows = await query.orderBy('petition_id').orderBy('id').execute();
  const dir = attachmentsDir(register);
  return rows.map((r) => ({
    id: r.id,
    petitionId: r.petition_id,
    sha256: r.sha256,
    fileName: r.file_name,
    mime: r.mime as AttachmentMime,
    size: r.size,
    path: storedFilePath(dir, r.sha256),
  }));
}

export interface AttachmentCopyProblem {
  sha256: string;
  fileNames: string[];
  problem: 'missing' | 'damaged';
}

export interface AttachmentCopyReport {
  /** The folder the files were copied to (absent when there was nothing to copy). */
  folder: string;
  files: number;
  bytes: number;
  /** Source files that could not be copied because they are missing or fail their hash. */
  problems: AttachmentCopyProblem[];
}

/**
 * Copies the given stored contents from one attachments folder to another (same layout),
 * checking each source against its hash and reading each copy back to check it too.
 * A copy that does not read back identical is an internal error (the backup medium is failing).
 */
export function copyAttachments(sourceDir: string, targetDir: string, contents: { sha256: string; fileNames: string[] }[]): AttachmentCopyReport {
  const report: AttachmentCopyReport = { folder: targetDir, files: 0, bytes: 0, problems: [] };
  for (const { sha256, fileNames } of contents) {
    const source = readIfExists(storedFilePath(sourceDir, sha256));
    if (source === null || sha256Of(source) !== sha256) {
      report.problems.push({ sha256, fileNames, problem: source === null ? 'missing' : 'damaged' });
      continue;
    }
    const target = storedFilePath(targetDir, sha256);
    storeContent(target, source, sha256);
    const copy = readIfExists(target);
    if (copy === null || sha256Of(copy) !== sha256) {
      throw new ApiError('INTERNAL', `Bản chép của tệp đính kèm “${fileNames[0] ?? sha256}” (${target}) không khớp mã băm SHA-256 khi đọc lại; bản sao lưu không dùng được.`);
    }
    report.files += 1;
    report.bytes += source.length;
  }
  return report;
}
