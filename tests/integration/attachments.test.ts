// Attachments over a real register and real files: content-addressed storage next to the
// register, type and size checks, hash checks on read, soft removal, and backup of the files.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsDir, listAttachmentFiles, readContentFromDatabase, storedFilePath } from '../../db/ops/attachments.ts';
import { MAX_ATTACHMENT_BYTES, formatFileSize, type Attachment, type AttachmentAddInput } from '../../shared/domain/attachment.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import { expectError } from '../helpers/envelope.ts';
import { petitionInput } from '../helpers/intake.ts';
import { onPostgres, rawAll, rawRun, tempDir, tempRegister, TEST_NOW, type TempDir, type TempRegister } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Tiny but genuine files: a one-page PDF, a 1×1 JPEG and a 1×1 PNG.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const sha = (data: Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');

let t: TempRegister;
let petition: Petition;
let other: Petition;
const dirs: TempDir[] = [];

beforeEach(async () => {
  t = await tempRegister();
  petition = await t.client.petitions.create(petitionInput());
  other = await t.client.petitions.create(petitionInput({ summary: 'Đề nghị cấp giấy chứng nhận quyền sử dụng đất' }));
});
afterEach(async () => {
  await t.cleanup();
  for (const d of dirs.splice(0)) d.cleanup();
});

function input(patch: Partial<AttachmentAddInput> = {}, data: Buffer = PDF): AttachmentAddInput {
  return { petitionId: petition.id, fileName: 'don-khieu-nai.pdf', mime: 'application/pdf', base64: data.toString('base64'), ...patch };
}

/** Every file under a folder (relative path -> SHA-256), temp files included. */
function folderSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = sha(fs.readFileSync(full));
  }
  return out;
}

function stored(data: Buffer): string {
  return path.join(t.dir, 'attachments', sha(data).slice(0, 2), sha(data));
}

/**
 * The stored copy of `data`: the file under the folder beside a register file, or the row of
 * attachment_contents of a register on PostgreSQL (every desk reads it there); null when absent.
 */
async function storedContent(data: Buffer): Promise<Buffer | null> {
  if (onPostgres) return readContentFromDatabase(t.register.db, sha(data));
  return fs.existsSync(stored(data)) ? fs.readFileSync(stored(data)) : null;
}

/** Every stored copy (key -> SHA-256 of what is stored): the folder's files, temp files included, or the content rows. */
async function storeSnapshot(): Promise<Record<string, string>> {
  if (!onPostgres) return folderSnapshot(attachmentsDir(t.register));
  const rows = await rawAll<{ sha256: string; data: Buffer }>(t.register, 'select sha256, data from attachment_contents');
  return Object.fromEntries(rows.map((row) => [row.sha256, sha(row.data)]));
}

/** The key of `data` in storeSnapshot(). */
const storeKey = (data: Buffer) => (onPostgres ? sha(data) : path.join(sha(data).slice(0, 2), sha(data)));

/** A refused add/remove: the typed error, and neither the register nor the stored copies changed. */
async function refused(method: string, value: unknown, code: Parameters<typeof expectError>[1]) {
  const db = await registerSnapshot(t.register);
  const files = await storeSnapshot();
  const error = expectError(await t.api.call(method, value), code);
  expect(await registerSnapshot(t.register)).toEqual(db);
  expect(await storeSnapshot()).toEqual(files);
  return error;
}

describe('attachments.add', () => {
  it('stores PDF, JPEG and PNG by content hash next to the register, with a row and an audit entry each', async () => {
    const from = await registerLastAuditId(t.register);
    const cases: [Buffer, string, Attachment['mime']][] = [
      [PDF, 'Đơn khiếu nại.pdf', 'application/pdf'],
      [JPEG, 'ảnh chụp giấy tờ.JPG', 'image/jpeg'],
      [PNG, 'so-do-thua-dat.png', 'image/png'],
    ];
    const added: Attachment[] = [];
    for (const [data, fileName, mime] of cases) {
      const a = await t.client.attachments.add({ petitionId: petition.id, fileName, mime, base64: data.toString('base64') });
      expect(a).toEqual({
        id: expect.any(Number),
        petitionId: petition.id,
        sha256: sha(data),
        fileName,
        mime,
        size: data.length,
        addedBy: 'Quản trị viên',
        createdAt: TEST_NOW.toISOString(),
        removedAt: null,
      });
      expect((await storedContent(data))?.equals(data)).toBe(true);
      added.push(a);
    }
    // Only the three stored files: no temp file survives a write.
    expect(Object.keys(await storeSnapshot()).sort()).toEqual(cases.map(([data]) => storeKey(data)).sort());
    const audit = await registerAuditRowsSince(t.register, from);
    expect(audit.map((r) => [r.action, r.entity, r.entity_id])).toEqual(added.map((a) => ['create', 'attachment', String(a.id)]));
    expect(JSON.parse(audit[0]!.after_json!)).toEqual(added[0]);
  });

  it('stores identical content once, however many petitions and names refer to it', async () => {
    const a = await t.client.attachments.add(input());
    const file = stored(PDF);
    const mtime = onPostgres ? 0 : fs.statSync(file).mtimeMs;
    const b = await t.client.attachments.add(input({ fileName: 'bản sao.pdf' }));
    const c = await t.client.attachments.add(input({ petitionId: other.id }));
    expect(new Set([a.sha256, b.sha256, c.sha256])).toEqual(new Set([sha(PDF)]));
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(Object.keys(await storeSnapshot())).toHaveLength(1);
    // The file is not written again (a content row cannot be: its key is the hash).
    if (!onPostgres) expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('keeps file names in NFC, trimmed', async () => {
    const nfd = '  Đơn đề nghị.pdf '.normalize('NFD');
    const a = await t.client.attachments.add(input({ fileName: nfd }));
    expect(a.fileName).toBe('Đơn đề nghị.pdf'.normalize('NFC'));
    expect((await t.client.attachments.list({ petitionId: petition.id }))[0]!.fileName).toBe('Đơn đề nghị.pdf'.normalize('NFC'));
  });

  it('accepts a file of exactly 20 MB', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES);
    PDF.copy(big);
    const a = await t.client.attachments.add(input({ base64: big.toString('base64') }));
    expect(a.size).toBe(MAX_ATTACHMENT_BYTES);
    expect((await storedContent(big))?.length).toBe(MAX_ATTACHMENT_BYTES);
  });

  const tooBig = (bytes: number) => {
    const data = Buffer.alloc(bytes);
    PDF.copy(data);
    return data.toString('base64');
  };
  const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

  it.each<[string, () => unknown, 'VALIDATION' | 'NOT_FOUND', RegExp]>([
    ['an unknown petition', () => input({ petitionId: 987_654 }), 'NOT_FOUND', /Không tìm thấy đơn/],
    ['no petition', () => ({ ...input(), petitionId: undefined }), 'VALIDATION', /mã đơn/i],
    ['empty content', () => input({ base64: '' }), 'VALIDATION', /rỗng/],
    ['content that is not base64', () => input({ base64: '%%%%' }), 'VALIDATION', /base64/],
    ['base64 of a wrong length', () => input({ base64: PDF.toString('base64').slice(0, -1) }), 'VALIDATION', /base64/],
    ['a data: URL instead of bare base64', () => input({ base64: `data:application/pdf;base64,${PDF.toString('base64')}` }), 'VALIDATION', /base64/],
    ['a file over 20 MB (refused before decoding)', () => input({ base64: tooBig(MAX_ATTACHMENT_BYTES + 4) }), 'VALIDATION', /quá lớn/],
    ['a file one byte over 20 MB', () => input({ base64: tooBig(MAX_ATTACHMENT_BYTES + 1) }), 'VALIDATION', /quá lớn .*20 MB/],
    ['plain text declared as PDF', () => input({ base64: Buffer.from('Xin chào').toString('base64') }), 'VALIDATION', /không phải tệp PDF, JPEG hoặc PNG/],
    ['a GIF named .png', () => input({ fileName: 'anh.png', mime: 'image/png', base64: GIF.toString('base64') }), 'VALIDATION', /không phải tệp PDF, JPEG hoặc PNG/],
    ['PNG content declared as PDF', () => input({}, PNG), 'VALIDATION', /là Ảnh PNG nhưng được khai là PDF/],
    ['JPEG content declared as PNG', () => input({ fileName: 'anh.png', mime: 'image/png' }, JPEG), 'VALIDATION', /là Ảnh JPEG nhưng được khai là Ảnh PNG/],
    ['an extension that does not match the type', () => input({ fileName: 'scan.png' }), 'VALIDATION', /phần mở rộng phải là \.pdf/],
    ['a name without extension', () => input({ fileName: 'scan' }), 'VALIDATION', /phần mở rộng/],
    ['an unaccepted type', () => input({ fileName: 'anh.gif', mime: 'image/gif' as never, base64: GIF.toString('base64') }), 'VALIDATION', /PDF, JPEG hoặc PNG/],
    ['a name with a slash', () => input({ fileName: '../../etc/passwd.pdf' }), 'VALIDATION', /dấu \//],
    ['a name with a backslash', () => input({ fileName: 'C:\\Windows\\a.pdf' }), 'VALIDATION', /dấu \//],
    ['a blank name', () => input({ fileName: '   ' }), 'VALIDATION', /Tên tệp không được để trống/],
    ['a name over 200 characters', () => input({ fileName: `${'đ'.repeat(197)}.pdf` }), 'VALIDATION', /dài quá 200/],
    ['a name with a control character', () => input({ fileName: 'a\u0000b.pdf' }), 'VALIDATION', /ký tự điều khiển/],
    ['an unknown field', () => ({ ...input(), note: 'x' }), 'VALIDATION', /.+/],
  ])('refuses %s, writing nothing', async (_label, make, code, message) => {
    const error = await refused('attachments.add', make(), code);
    expect(error.message).toMatch(message);
  });

  it('refuses identical content for an unknown petition without touching the stored copy', async () => {
    await t.client.attachments.add(input());
    await refused('attachments.add', input({ petitionId: 987_654 }), 'NOT_FOUND');
  });

  it('a failed transaction leaves at most an unreferenced file, which a later add reuses', async () => {
    if (onPostgres) {
      await rawRun(t.register, `create function refuse_attachment() returns trigger language plpgsql as $$ begin raise exception 'refused' using errcode = '23000'; end $$`);
      await rawRun(t.register, 'create trigger refuse_attachment before insert on attachments for each row execute function refuse_attachment()');
    } else {
      await rawRun(t.register, "create temp trigger refuse_attachment before insert on attachments begin select raise(abort, 'refused'); end");
    }
    const before = await registerSnapshot(t.register);
    expectError(await t.api.call('attachments.add', input()), ['CONFLICT', 'INTERNAL']);
    expect(await registerSnapshot(t.register)).toEqual(before);
    // A file: the orphan, harmless, listed nowhere. On PostgreSQL the content is written in the
    // transaction that failed: nothing at all.
    expect((await storedContent(PDF)) !== null).toBe(!onPostgres);
    expect(await t.client.attachments.list({ petitionId: petition.id })).toEqual([]);
    expect(await listAttachmentFiles(t.register)).toEqual([]);
    await rawRun(t.register, onPostgres ? 'drop trigger refuse_attachment on attachments' : 'drop trigger refuse_attachment');
    const a = await t.client.attachments.add(input());
    expect((await t.client.attachments.get({ id: a.id })).base64).toBe(PDF.toString('base64'));
  });
});

describe('attachments.list and attachments.get', () => {
  it('round-trips content, checking it against the recorded hash', async () => {
    const pdf = await t.client.attachments.add(input());
    const png = await t.client.attachments.add(input({ fileName: 'so-do.png', mime: 'image/png' }, PNG));
    await t.client.attachments.add(input({ petitionId: other.id, fileName: 'anh.jpeg', mime: 'image/jpeg' }, JPEG));
    expect(await t.client.attachments.list({ petitionId: petition.id })).toEqual([pdf, png]);
    for (const [a, data] of [[pdf, PDF], [png, PNG]] as const) {
      const got = await t.client.attachments.get({ id: a.id });
      expect(got.attachment).toEqual(a);
      expect(Buffer.from(got.base64, 'base64').equals(data)).toBe(true);
      expect(sha(Buffer.from(got.base64, 'base64'))).toBe(a.sha256);
    }
  });

  it('reading writes nothing', async () => {
    const a = await t.client.attachments.add(input());
    const db = await registerSnapshot(t.register);
    const files = await storeSnapshot();
    await t.client.attachments.list({ petitionId: petition.id });
    await t.client.attachments.get({ id: a.id });
    expect(await registerSnapshot(t.register)).toEqual(db);
    expect(await storeSnapshot()).toEqual(files);
  });

  /** Writes `data` over the stored copy of `original` (the file, or the content row on PostgreSQL), or removes it (null). */
  async function spoilStored(original: Buffer, data: Buffer | null): Promise<void> {
    if (onPostgres) {
      if (data === null) await rawRun(t.register, 'delete from attachment_contents where sha256 = ?', sha(original));
      else await rawRun(t.register, 'update attachment_contents set data = ? where sha256 = ?', data, sha(original));
    } else if (data === null) fs.rmSync(stored(original));
    else fs.writeFileSync(stored(original), data);
  }
  const changedByte = (d: Buffer) => {
    const copy = Buffer.from(d);
    copy.writeUInt8(copy.readUInt8(copy.length - 2) ^ 0xff, copy.length - 2);
    return copy;
  };

  it.each<[string, (data: Buffer) => Buffer | null, RegExp, RegExp]>([
    ['a changed byte', changedByte, /bị hỏng: nội dung trong kho không khớp mã băm SHA-256/, /bị hỏng: nội dung không khớp mã băm SHA-256/],
    ['a truncated file', (d) => d.subarray(0, 10), /bị hỏng: kích thước trong kho là 10 byte/, /bị hỏng: kích thước là 10 byte/],
    ['a missing file', () => null, /Không tìm thấy tệp đính kèm “don-khieu-nai.pdf” trong kho/, /Không tìm thấy nội dung tệp đính kèm “don-khieu-nai.pdf” trong cơ sở dữ liệu/],
  ])('reports %s as damage, and adding the same content again repairs it', async (_label, spoil, fileMessage, databaseMessage) => {
    const message = onPostgres ? databaseMessage : fileMessage;
    const a = await t.client.attachments.add(input());
    await spoilStored(PDF, spoil(PDF));
    const error = expectError(await t.api.call('attachments.get', { id: a.id }), 'BAD_DATABASE');
    expect(error.message).toMatch(message);
    await t.client.attachments.add(input({ fileName: 'ban-goc.pdf' }));
    expect((await t.client.attachments.get({ id: a.id })).base64).toBe(PDF.toString('base64'));
  });

  it('refuses unknown ids and petitions', async () => {
    expect(expectError(await t.api.call('attachments.get', { id: 987_654 }), 'NOT_FOUND').message).toMatch(/Không tìm thấy tệp đính kèm/);
    expectError(await t.api.call('attachments.list', { petitionId: 987_654 }), 'NOT_FOUND');
    expectError(await t.api.call('attachments.get', { id: -1 }), 'VALIDATION');
    expectError(await t.api.call('attachments.list', {}), 'VALIDATION');
  });
});

describe('attachments.remove', () => {
  it('hides the attachment from the list, keeps its file, row and history, and records the reason', async () => {
    const a = await t.client.attachments.add(input());
    const shared = await t.client.attachments.add(input({ petitionId: other.id }));
    const from = await registerLastAuditId(t.register);
    const removed = await t.client.attachments.remove({ id: a.id, note: '  Đính kèm nhầm đơn  ' });
    expect(removed).toEqual({ ...a, removedAt: TEST_NOW.toISOString() });
    expect(await t.client.attachments.list({ petitionId: petition.id })).toEqual([]);
    // Still readable for the record, and the other petition's row sharing the content is untouched.
    expect((await t.client.attachments.get({ id: a.id })).attachment).toEqual(removed);
    expect(await t.client.attachments.list({ petitionId: other.id })).toEqual([shared]);
    expect((await storedContent(PDF))?.equals(PDF)).toBe(true);
    const [row, ...rest] = await registerAuditRowsSince(t.register, from);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ action: 'delete', entity: 'attachment', entity_id: String(a.id), actor_name: 'Quản trị viên' });
    expect(JSON.parse(row!.before_json!)).toEqual(a);
    expect(JSON.parse(row!.after_json!)).toEqual({ ...removed, note: 'Đính kèm nhầm đơn' });
  });

  it('refuses a second removal, an unknown id and a missing reason, writing nothing', async () => {
    const a = await t.client.attachments.add(input());
    await refused('attachments.remove', { id: a.id }, 'VALIDATION');
    await refused('attachments.remove', { id: a.id, note: ' x ' }, 'VALIDATION');
    await refused('attachments.remove', { id: 987_654, note: 'Không cần nữa' }, 'NOT_FOUND');
    await t.client.attachments.remove({ id: a.id, note: 'Không cần nữa' });
    expect((await refused('attachments.remove', { id: a.id, note: 'Lần nữa' }, 'CONFLICT')).message).toMatch(/đã được gỡ/);
  });
});

// The files beside a register file (what petreg backup copies); PostgreSQL keeps contents in the database.
describe.skipIf(onPostgres)('listAttachmentFiles', () => {
  it('lists each attachment with the path of its stored content', async () => {
    const a = await t.client.attachments.add(input());
    const b = await t.client.attachments.add(input({ petitionId: other.id, fileName: 'anh.png', mime: 'image/png' }, PNG));
    const c = await t.client.attachments.add(input({ fileName: 'anh.jpg', mime: 'image/jpeg' }, JPEG));
    await t.client.attachments.remove({ id: c.id, note: 'Đính kèm nhầm' });
    const files = await listAttachmentFiles(t.register);
    expect(files).toEqual([
      { id: a.id, petitionId: petition.id, sha256: sha(PDF), fileName: a.fileName, mime: 'application/pdf', size: PDF.length, path: stored(PDF) },
      { id: b.id, petitionId: other.id, sha256: sha(PNG), fileName: 'anh.png', mime: 'image/png', size: PNG.length, path: stored(PNG) },
    ]);
    expect((await listAttachmentFiles(t.register, { includeRemoved: true })).map((f) => f.id)).toEqual([a.id, c.id, b.id]);
    for (const f of files) expect(sha(fs.readFileSync(f.path))).toBe(f.sha256);
    expect(storedFilePath(attachmentsDir(t.path), sha(PDF))).toBe(stored(PDF));
  });
});

// File backups of a register file; a register on PostgreSQL is backed up by the server (pg_dump).
describe.skipIf(onPostgres)('petreg backup', () => {
  function petreg(args: string[]) {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PETREG_DB: '', PETREG_DATA_DIR: path.join(t.dir, 'default') },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  function backupTarget(): string {
    const d = tempDir('petreg-backup-');
    dirs.push(d);
    return path.join(d.dir, 'sao-luu.sqlite');
  }

  it('copies the attachments the register refers to as FILE.attachments/ and verifies each one', async () => {
    await t.client.attachments.add(input());
    await t.client.attachments.add(input({ petitionId: other.id })); // same content: one file
    await t.client.attachments.add(input({ fileName: 'anh.png', mime: 'image/png' }, PNG));
    const removed = await t.client.attachments.add(input({ fileName: 'anh.jpg', mime: 'image/jpeg' }, JPEG));
    await t.client.attachments.remove({ id: removed.id, note: 'Đính kèm nhầm' }); // history: still backed up
    // An orphan (a file no row refers to) and a crash's leftover temp file are not copied.
    const orphan = Buffer.concat([PDF, Buffer.from('orphan')]);
    fs.mkdirSync(path.dirname(stored(orphan)), { recursive: true });
    fs.writeFileSync(stored(orphan), orphan);
    fs.writeFileSync(`${stored(PNG)}.123.abc.tmp`, 'half');

    const target = backupTarget();
    const { status, stdout, stderr } = petreg(['backup', target, '--db', t.path]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const bytes = PDF.length + PNG.length + JPEG.length;
    expect(stdout).toContain(`Tệp đính kèm: đã chép 3 tệp (${formatFileSize(bytes)}) → ${target}.attachments${path.sep}`);
    expect(stdout).toContain('kiểm tra mã SHA-256 từng tệp: đạt');

    const copied = folderSnapshot(`${target}.attachments`);
    expect(copied).toEqual(Object.fromEntries([PDF, PNG, JPEG].map((d) => [path.join(sha(d).slice(0, 2), sha(d)), sha(d)])));
    const sqlite = new Database(target, { readonly: true });
    const rows = sqlite.prepare('select sha256 from attachments').all() as { sha256: string }[];
    sqlite.close();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(Object.values(copied)).toContain(r.sha256);
  });

  it('says so when the register has no attachments, and creates no folder', () => {
    const target = backupTarget();
    const { status, stdout } = petreg(['backup', target, '--db', t.path]);
    expect(status).toBe(0);
    expect(stdout).toContain('Tệp đính kèm: sổ không có tệp đính kèm nào.');
    expect(fs.existsSync(`${target}.attachments`)).toBe(false);
  });

  it('does not copy a damaged or missing file, names it, and exits 1', async () => {
    await t.client.attachments.add(input());
    await t.client.attachments.add(input({ fileName: 'anh.png', mime: 'image/png' }, PNG));
    await t.client.attachments.add(input({ fileName: 'anh.jpg', mime: 'image/jpeg' }, JPEG));
    fs.writeFileSync(stored(PNG), Buffer.concat([PNG.subarray(0, 20), Buffer.alloc(PNG.length - 20)]));
    fs.rmSync(stored(JPEG));
    const target = backupTarget();
    const { status, stdout, stderr } = petreg(['backup', target, '--db', t.path]);
    expect(status).toBe(1);
    expect(stdout).toContain('đã chép 1 tệp');
    expect(stderr).toContain('Bản sao lưu thiếu 2 tệp đính kèm');
    expect(stderr).toContain(`hỏng: anh.png (SHA-256 ${sha(PNG)})`);
    expect(stderr).toContain(`mất: anh.jpg (SHA-256 ${sha(JPEG)})`);
    expect(Object.keys(folderSnapshot(`${target}.attachments`))).toEqual([path.join(sha(PDF).slice(0, 2), sha(PDF))]);
  });

  it('refuses to overwrite an existing FILE.attachments folder', async () => {
    await t.client.attachments.add(input());
    const target = backupTarget();
    fs.mkdirSync(`${target}.attachments`);
    fs.writeFileSync(path.join(`${target}.attachments`, 'keep'), 'keep me');
    const { status, stderr } = petreg(['backup', target, '--db', t.path]);
    expect(status).toBe(1);
    expect(stderr).toContain('đã có');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readFileSync(path.join(`${target}.attachments`, 'keep'), 'utf8')).toBe('keep me');
  });
});
