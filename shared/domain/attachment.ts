// Attachments (tệp đính kèm): scans and photos of a petition's papers, stored by content hash
// next to the register. Pure rules shared by the core and the renderer: accepted types, limits,
// file-name rules and the magic bytes that tell a PDF, JPEG or PNG apart.
import { z } from '../validation.ts';

export const ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

export const ATTACHMENT_MIME_LABELS: Record<AttachmentMime, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'Ảnh JPEG',
  'image/png': 'Ảnh PNG',
};

/** Extensions a file of each type may carry (lower case, with the dot). */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentMime, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/** For the file picker's accept attribute. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 200;
/** Base64 of the largest allowed file; anything longer is refused before it is decoded. */
export const MAX_ATTACHMENT_BASE64 = 4 * Math.ceil(MAX_ATTACHMENT_BYTES / 3);

export interface Attachment {
  id: number;
  petitionId: number;
  /** SHA-256 of the content, 64 lower-case hex digits; also the stored file's name. */
  sha256: string;
  fileName: string;
  mime: AttachmentMime;
  size: number;
  addedBy: string;
  createdAt: string;
  removedAt: string | null;
}

export interface AttachmentContent {
  attachment: Attachment;
  base64: string;
}

const MAGIC: [AttachmentMime, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The type the content's first bytes announce, or null when it is none of the accepted ones. */
export function detectAttachmentMime(bytes: Uint8Array): AttachmentMime | null {
  for (const [mime, magic] of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return mime;
  }
  return null;
}

/** The accepted type a file name's extension implies, or null. */
export function mimeFromFileName(fileName: string): AttachmentMime | null {
  const lower = fileName.toLowerCase();
  for (const mime of ATTACHMENT_MIMES) {
    if (ATTACHMENT_EXTENSIONS[mime].some((ext) => lower.endsWith(ext))) return mime;
  }
  return null;
}

const sizeFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "850 B", "12,3 KB", "1,5 MB" (binary units, Vietnamese decimal comma). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

const petitionId = z.number({ error: 'Thiếu mã đơn' }).int({ error: 'Mã đơn phải là số nguyên dương' }).positive({ error: 'Mã đơn phải là số nguyên dương' });
const attachmentId = z.number({ error: 'Thiếu mã tệp đính kèm' }).int({ error: 'Mã tệp đính kèm phải là số nguyên dương' }).positive({ error: 'Mã tệp đính kèm phải là số nguyên dương' });

/** The name shown to officers; never used as a path (files are stored under their hash). */
export const attachmentFileNameSchema = z
  .string({ error: 'Thiếu tên tệp' })
  .transform((v) => v.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'Tên tệp không được để trống' })
      .max(MAX_ATTACHMENT_NAME, { error: `Tên tệp dài quá ${MAX_ATTACHMENT_NAME} ký tự` })
      .refine((v) => !/[/\\]/.test(v), { error: 'Tên tệp không được chứa dấu / hoặc \\' })
      // eslint-disable-next-line no-control-regex
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { error: 'Tên tệp chứa ký tự điều khiển' }),
  );

const base64Schema = z
  .string({ error: 'Thiếu nội dung tệp' })
  .min(1, { error: 'Tệp rỗng, không có nội dung để đính kèm' })
  .max(MAX_ATTACHMENT_BASE64, { error: `Tệp quá lớn; mỗi tệp đính kèm tối đa ${formatFileSize(MAX_ATTACHMENT_BYTES)}` })
  .refine((v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v), { error: 'Nội dung tệp không đúng định dạng base64' });

export const attachmentAddSchema = z
  .strictObject({
    petitionId,
    fileName: attachmentFileNameSchema,
    mime: z.enum(ATTACHMENT_MIMES, { error: 'Chỉ nhận tệp PDF, JPEG hoặc PNG' }),
    base64: base64Schema,
  })
  .superRefine((a, ctx) => {
    const byName = mimeFromFileName(a.fileName);
    if (byName !== a.mime) {
      const wanted = ATTACHMENT_EXTENSIONS[a.mime].join(' hoặc ');
      ctx.addIssue({
        code: 'custom',
        path: ['fileName'],
        message: `Tên tệp “${a.fileName}” không khớp loại ${ATTACHMENT_MIME_LABELS[a.mime]}: phần mở rộng phải là ${wanted}`,
      });
    }
  });
export type AttachmentAddInput = z.input<typeof attachmentAddSchema>;

export const attachmentListSchema = z.strictObject({ petitionId });
export const attachmentGetSchema = z.strictObject({ id: attachmentId });

export const attachmentRemoveSchema = z.strictObject({
  id: attachmentId,
  note: z
    .string({ error: 'Phải ghi lý do gỡ tệp' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(3, { error: 'Lý do gỡ tệp phải ghi rõ (ít nhất 3 ký tự)' }).max(1000, { error: 'Lý do gỡ tệp dài quá 1000 ký tự' })),
});
export type AttachmentRemoveInput = z.input<typeof attachmentRemoveSchema>;
