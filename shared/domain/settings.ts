// Board settings: who the Board is, where it is, how its outgoing documents are numbered and signed.
import { z, requiredText } from '../validation.ts';
import { FIELDS, PETITION_KINDS, type Field, type PetitionKind } from './petition.ts';
import { FIELD_GROUPS, type FieldGroup } from '../reports/model.ts';
import { DEFAULT_FIELD_GROUPS } from '../reports/field-groups.ts';
import { DEFAULT_REASON_LABELS, DEFAULT_REPLY_DAYS, INELIGIBLE_REASONS, type IneligibleReason } from './workflow.ts';

/** Outgoing document kinds that carry a number (Số: 12/PC-BTCD). */
export const DOCUMENT_KINDS = ['forward', 'guide', 'accept', 'reminder', 'receipt', 'refusal', 'return', 'urge', 'notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  forward: 'Phiếu chuyển đơn (PC)',
  guide: 'Phiếu hướng dẫn (HD)',
  accept: 'Phiếu đề xuất thụ lý (TTr)',
  reminder: 'Công văn đôn đốc (không có mã loại)',
  receipt: 'Giấy biên nhận (mẫu 02/TCD, không đánh số)',
  refusal: 'Thông báo từ chối tiếp (mẫu 01/TCD, TB)',
  return: 'Công văn trả lại đơn (không có mã loại)',
  urge: 'Công văn đôn đốc giải quyết (không có mã loại)',
  notice: 'Thông báo gửi công dân (TB)',
};

/**
 * The issuer's abbreviation the defaults use ("BTCD", Ban Tiếp công dân). A công văn (letter without a
 * type name) is numbered "Số: 12/BTCD": Decree 30/2020/NĐ-CP, Appendix I, section II.3(b) — the type
 * code goes between the number and the issuer only for a document with a type name.
 */
export const DEFAULT_ISSUER_CODE = 'BTCD';

/**
 * Number prefixes: the type codes of Decree 30/2020/NĐ-CP, Appendix III (PC phiếu chuyển, HD hướng
 * dẫn, TB thông báo, TTr tờ trình), then the issuer. Appendix III has no code for a "phiếu đề xuất";
 * the proposal submitted to the Chairperson for decision is a tờ trình (TTr). The reminder (đôn đốc)
 * and the return of a petition are công văn: no type code, and they share one series.
 * The receipt (form 02/TCD of Decree 154/2026/NĐ-CP) carries no number line; its prefix is kept for
 * a Board that numbers receipts in its own book.
 */
export const DEFAULT_DOC_PREFIXES: Record<DocumentKind, string> = {
  forward: 'PC-BTCD',
  guide: 'HD-BTCD',
  accept: 'TTr-BTCD',
  reminder: DEFAULT_ISSUER_CODE,
  receipt: 'BN-BTCD',
  refusal: 'TB-BTCD',
  return: DEFAULT_ISSUER_CODE,
  // Đôn đốc giải quyết is a công văn too: no type code, the công văn series.
  urge: DEFAULT_ISSUER_CODE,
  // Thông báo (type code TB, Decree 30/2020 appendix III): the notices to citizens the register
  // issues, refusal notices included, share one series.
  notice: 'TB-BTCD',
};

export interface Settings {
  boardName: string;
  parentBody: string;
  provinceCode: string;
  placeName: string;
  signerName: string;
  signerTitle: string;
  docPrefixes: Record<DocumentKind, string>;
  /** Working days an agency has to report back after a forward, per petition kind. */
  replyDays: Record<PetitionKind, number>;
  /** The labels of the ineligibility reasons, as the Board words them. */
  reasonLabels: Record<IneligibleReason, string>;
  /**
   * Reasons an administrator adds. The interchange contract's reason codes are a closed set, so an
   * added reason is recorded as `other` with its wording as the note.
   */
  customReasons: string[];
  /** The official group (reports' "lĩnh vực") of each field the register keeps. */
  fieldGroups: Record<Field, FieldGroup>;
  /** Minutes without activity after which the session locks and asks the password again (issue 14). */
  idleLockMinutes: number;
  /**
   * Outgoing documents (forward, guide, return, urge, reminder, notices) are drafts until a leader
   * approves them (issue 14 item 3; Decree 30/2020 art. 11, 15(2); shared/domain/approval.ts).
   */
  approvalRequired: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  boardName: 'Ban Tiếp công dân tỉnh Quảng Ngãi',
  parentBody: 'UBND TỈNH QUẢNG NGÃI',
  provinceCode: '51',
  placeName: 'Quảng Ngãi',
  signerName: '',
  signerTitle: 'TRƯỞNG BAN',
  docPrefixes: DEFAULT_DOC_PREFIXES,
  replyDays: DEFAULT_REPLY_DAYS,
  reasonLabels: DEFAULT_REASON_LABELS,
  customReasons: [],
  fieldGroups: DEFAULT_FIELD_GROUPS,
  idleLockMinutes: 15,
  approvalRequired: false,
};

/** Settings fields that are records of sub-values, merged key by key on update. */
export const NESTED_SETTINGS = ['docPrefixes', 'replyDays', 'reasonLabels', 'fieldGroups'] as const;

const docPrefix = requiredText('Ký hiệu văn bản', 30).pipe(
  z.string().regex(/^[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*$/u, {
    error: 'Ký hiệu văn bản chỉ gồm chữ, số và dấu gạch ngang, ví dụ PC-BTCD',
  }),
);

const replyDays = z
  .number({ error: 'Số ngày làm việc phải là số' })
  .int({ error: 'Số ngày làm việc phải là số nguyên' })
  .min(1, { error: 'Ít nhất 1 ngày làm việc' })
  .max(365, { error: 'Tối đa 365 ngày làm việc' });
const reasonLabel = requiredText('Tên lý do', 200);
const fieldGroup = z.enum(FIELD_GROUPS, { error: 'Nhóm lĩnh vực trong biểu mẫu không hợp lệ' });

export const settingsSchema = z.strictObject({
  boardName: requiredText('Tên Ban', 200),
  parentBody: requiredText('Cơ quan chủ quản', 200),
  provinceCode: z.string({ error: 'Tỉnh là bắt buộc' }).regex(/^\d{2}$/, { error: 'Mã tỉnh gồm 2 chữ số' }),
  placeName: requiredText('Địa danh', 100),
  signerName: z.string().max(100, { error: 'Họ tên người ký dài quá 100 ký tự' }).transform((v) => v.normalize('NFC').trim()),
  signerTitle: requiredText('Chức vụ người ký', 100),
  docPrefixes: z.strictObject(
    Object.fromEntries(DOCUMENT_KINDS.map((k) => [k, docPrefix])) as Record<DocumentKind, typeof docPrefix>,
  ),
  replyDays: z.strictObject(
    Object.fromEntries(PETITION_KINDS.map((k) => [k, replyDays])) as Record<PetitionKind, typeof replyDays>,
  ),
  reasonLabels: z.strictObject(
    Object.fromEntries(INELIGIBLE_REASONS.map((r) => [r, reasonLabel])) as Record<IneligibleReason, typeof reasonLabel>,
  ),
  customReasons: z
    .array(reasonLabel)
    .max(30, { error: 'Tối đa 30 lý do bổ sung' })
    .refine((xs) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length, { error: 'Các lý do bổ sung không được trùng nhau' }),
  fieldGroups: z.strictObject(Object.fromEntries(FIELDS.map((f) => [f, fieldGroup])) as Record<Field, typeof fieldGroup>),
  idleLockMinutes: z
    .number({ error: 'Thời gian khóa phải là số phút' })
    .int({ error: 'Thời gian khóa phải là số phút nguyên' })
    .min(1, { error: 'Khóa sau ít nhất 1 phút không dùng' })
    .max(240, { error: 'Khóa sau tối đa 240 phút không dùng' }),
  approvalRequired: z.boolean({ error: 'Duyệt văn bản đi phải là có hoặc không' }),
});

/** settings.update takes any subset of the fields; the nested records may also be partial. */
export const settingsUpdateSchema = settingsSchema
  .extend({
    docPrefixes: settingsSchema.shape.docPrefixes.partial(),
    replyDays: settingsSchema.shape.replyDays.partial(),
    reasonLabels: settingsSchema.shape.reasonLabels.partial(),
    fieldGroups: settingsSchema.shape.fieldGroups.partial(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'Không có thay đổi nào để lưu' });
export type SettingsUpdateInput = z.input<typeof settingsUpdateSchema>;
