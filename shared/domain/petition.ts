// Petitions (đơn): complaints, denunciations, recommendations, registered with a number per year.
import { z, optionalText, requiredText } from '../validation.ts';
import { isoDate, optionalIsoDate } from './dates.ts';
import { personSchema, type Person } from './person.ts';

export const CHANNELS = ['in_person', 'post', 'mailbox', 'forwarded', 'online', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: 'Trực tiếp tại trụ sở',
  post: 'Qua bưu điện',
  mailbox: 'Hòm thư',
  forwarded: 'Cơ quan khác chuyển đến',
  online: 'Trực tuyến, thư điện tử',
  other: 'Khác',
};

export const PETITION_KINDS = ['complaint', 'denunciation', 'recommendation', 'multiple'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];
export const PETITION_KIND_LABELS: Record<PetitionKind, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  recommendation: 'Kiến nghị, phản ánh',
  multiple: 'Nhiều nội dung',
};

export const FIELDS = ['land', 'housing', 'compensation', 'policy', 'justice', 'corruption', 'administration', 'other'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_LABELS: Record<Field, string> = {
  land: 'Đất đai',
  housing: 'Nhà ở',
  compensation: 'Bồi thường, hỗ trợ, tái định cư',
  policy: 'Chế độ, chính sách',
  justice: 'Tư pháp',
  corruption: 'Tham nhũng',
  administration: 'Hành chính',
  other: 'Khác',
};

// Statuses are derived from the workflow (classification, decision, reply) and the deadlines.
export { PETITION_STATUSES, PETITION_STATUS_LABELS, type PetitionStatus } from './workflow.ts';
import { PETITION_STATUSES, type PetitionStatus, type Stage } from './workflow.ts';

export interface ForwardedBy {
  agency: string;
  letterNo: string | null;
  letterDate: string | null;
}

export interface Petition {
  id: number;
  registerNo: string;
  receivedOn: string;
  channel: Channel;
  visitId: number | null;
  forwardedBy: ForwardedBy | null;
  writtenOn: string | null;
  kind: PetitionKind;
  field: Field;
  signatories: number;
  petitioners: Person[];
  subject: string | null;
  summary: string;
  status: PetitionStatus;
  stage: Stage;
  /** The Board's processing deadline: 10 working days after receipt. */
  dueOn: string | null;
  /** The agency's reply deadline, while the petition is forwarded. */
  replyDueOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when a content after the first is a denunciation: the petitioners are denouncers too. */
  hasDenunciation?: boolean;
}

export interface PetitionListItem {
  id: number;
  registerNo: string;
  receivedOn: string;
  channel: Channel;
  kind: PetitionKind;
  field: Field;
  signatories: number;
  petitionerNames: string;
  subject: string | null;
  summary: string;
  status: PetitionStatus;
  dueOn: string | null;
}

/** Register numbers read `2026/000123`: the year received, then a gap-free sequence. */
export function formatRegisterNo(year: number, seq: number): string {
  return `${year}/${String(seq).padStart(6, '0')}`;
}

export function parseRegisterNo(value: string): { year: number; seq: number } | null {
  const m = /^(\d{4})\/(\d{1,9})$/.exec(value.trim());
  if (!m) return null;
  const seq = Number(m[2]);
  return seq >= 1 ? { year: Number(m[1]), seq } : null;
}

/** The kinds a new content may take: several contents are several contents, not `multiple`. */
export const CONTENT_KINDS = ['complaint', 'denunciation', 'recommendation'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** An existing matter (vụ việc), or null / absent: a new matter. */
export const matterRef = z
  .number({ error: 'Mã vụ việc phải là số' })
  .int({ error: 'Mã vụ việc phải là số nguyên dương' })
  .positive({ error: 'Mã vụ việc phải là số nguyên dương' })
  .nullish()
  .transform((v) => v ?? null);

/** A further content of a petition, after the first (which the petition's own kind and field describe). */
export const contentInputSchema = z.strictObject({
  kind: z.enum(CONTENT_KINDS, { error: 'Loại nội dung phải là khiếu nại, tố cáo hoặc kiến nghị, phản ánh' }),
  field: z.enum(FIELDS, { error: 'Lĩnh vực không hợp lệ' }),
  summary: requiredText('Tóm tắt nội dung', 4000),
  matterId: matterRef,
});
export type ContentInput = z.input<typeof contentInputSchema>;

const forwardedBySchema = z.strictObject({
  agency: requiredText('Cơ quan chuyển đơn', 300),
  letterNo: optionalText('Số văn bản chuyển', 50),
  letterDate: optionalIsoDate('Ngày văn bản chuyển'),
});

const petitionFields = {
  receivedOn: isoDate('Ngày nhận đơn'),
  channel: z.enum(CHANNELS, { error: 'Nguồn đơn không hợp lệ' }),
  visitId: z.number().int().positive().nullish().transform((v) => v ?? null),
  forwardedBy: forwardedBySchema.nullish().transform((v) => v ?? null),
  writtenOn: optionalIsoDate('Ngày viết đơn'),
  kind: z.enum(PETITION_KINDS, { error: 'Loại đơn không hợp lệ' }),
  field: z.enum(FIELDS, { error: 'Lĩnh vực không hợp lệ' }),
  signatories: z.number({ error: 'Số người đứng tên phải là số' }).int().min(1, { error: 'Số người đứng tên ít nhất là 1' }).max(100_000).default(1),
  petitioners: z.array(personSchema).max(50, { error: 'Tối đa 50 người đứng đơn' }).default([]),
  subject: optionalText('Người, cơ quan bị khiếu nại, tố cáo', 300),
  summary: requiredText('Tóm tắt nội dung', 4000),
  /** The matter of the first content: an existing one, or absent/null for a new one (on update: absent keeps it). */
  matterId: matterRef.optional(),
  /** Contents after the first, each on its own matter (on update: absent keeps them). */
  contents: z.array(contentInputSchema).max(20, { error: 'Tối đa 21 nội dung trong một đơn' }).optional(),
};

type PetitionFields = z.output<z.ZodObject<typeof petitionFields>>;

/** Rules between fields, shared by the form and the core. */
function petitionRules(p: PetitionFields, ctx: z.RefinementCtx): void {
  if (p.channel === 'forwarded' && !p.forwardedBy) {
    ctx.addIssue({ code: 'custom', path: ['forwardedBy'], message: 'Đơn do cơ quan khác chuyển đến phải ghi cơ quan chuyển' });
  }
  if (p.channel !== 'forwarded' && p.forwardedBy) {
    ctx.addIssue({ code: 'custom', path: ['forwardedBy'], message: 'Chỉ ghi cơ quan chuyển khi nguồn đơn là “Cơ quan khác chuyển đến”' });
  }
  if (p.writtenOn && p.writtenOn > p.receivedOn) {
    ctx.addIssue({ code: 'custom', path: ['writtenOn'], message: 'Ngày viết đơn không được sau ngày nhận đơn' });
  }
  if (p.forwardedBy?.letterDate && p.forwardedBy.letterDate > p.receivedOn) {
    ctx.addIssue({ code: 'custom', path: ['forwardedBy', 'letterDate'], message: 'Ngày văn bản chuyển không được sau ngày nhận đơn' });
  }
  if (p.signatories < p.petitioners.length) {
    ctx.addIssue({ code: 'custom', path: ['signatories'], message: `Số người đứng tên không được ít hơn số người đứng đơn đã ghi (${p.petitioners.length})` });
  }
}

export const petitionCreateSchema = z.strictObject(petitionFields).superRefine(petitionRules);
export type PetitionCreateInput = z.input<typeof petitionCreateSchema>;

export const petitionUpdateSchema = z
  .strictObject({ id: z.number({ error: 'Thiếu mã đơn' }).int().positive(), ...petitionFields })
  .superRefine(petitionRules);
export type PetitionUpdateInput = z.input<typeof petitionUpdateSchema>;

export const PETITION_SORTS = ['registerNo', 'receivedOn'] as const;

/** The list's filters: period received, kind, field, channel, status. */
const petitionFilterShape = {
  from: optionalIsoDate('Từ ngày'),
  to: optionalIsoDate('Đến ngày'),
  kind: z.enum(PETITION_KINDS).nullish(),
  field: z.enum(FIELDS).nullish(),
  channel: z.enum(CHANNELS).nullish(),
  status: z.enum(PETITION_STATUSES).nullish(),
};

/**
 * What `petitions.count` counts exactly: the list's filters, without its search and paging. The
 * list itself counts no further than its cap ("hơn 1.000"); the screen asks for the exact total
 * after showing the first page.
 */
export const petitionCountSchema = z.strictObject(petitionFilterShape).default({ from: null, to: null });
export type PetitionFilters = z.output<typeof petitionCountSchema>;

export const petitionListSchema = z
  .strictObject({
    ...petitionFilterShape,
    search: z.string().max(200).nullish(),
    sort: z.enum(PETITION_SORTS).default('registerNo'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .default({ from: null, to: null, sort: 'registerNo', direction: 'desc', offset: 0, limit: 200 });
export type PetitionListInput = z.input<typeof petitionListSchema>;

export interface PetitionPage {
  /**
   * How many match; with totalCapped, at least this many (counting stops there: "hơn 1.000";
   * without a search, `petitions.count` gives the exact total).
   */
  total: number;
  offset: number;
  rows: PetitionListItem[];
  /** More than `total` match; a page further down counts further. */
  totalCapped?: true;
  /** A search matching many petitions: ordered by entry in the register (newest first with `desc`), not by the sort column. */
  orderedByEntry?: true;
}

/**
 * The columns of the reception register, form 03/TCD of Decree 154/2026/NĐ-CP (Appendix), in the
 * form's order; columns 9–11 sit under "Hướng xử lý". Notes of the form: (8) the body that already
 * handled the case to the end of its competence; (9) x when within competence; (10) the body the
 * citizen was guided to and the guidance document's number; (11) the competent body it was
 * forwarded to and the forwarding document's number; (12) the follow-up of the result; (13) notes.
 */
export const RECEPTION_REGISTER_COLUMNS = [
  'STT',
  'Ngày tiếp',
  'Họ tên, địa chỉ',
  'CCCD/Hộ chiếu',
  'Nội dung vụ việc',
  'Phân loại đơn/vụ việc',
  'Số người',
  'Cơ quan đã giải quyết',
  'Thuộc thẩm quyền (x)',
  'Hướng dẫn đến cơ quan có thẩm quyền (số văn bản)',
  'Chuyển đến cơ quan, đơn vị thụ lý (số văn bản)',
  'Theo dõi kết quả giải quyết',
  'Ghi chú',
] as const;

/** One row of the reception register, form 03/TCD (Decree 154/2026/NĐ-CP): 13 columns. */
export interface ReceptionRegisterRow {
  no: number;
  date: string;
  nameAndAddress: string;
  idNumber: string | null;
  content: string;
  classification: string;
  persons: number;
  /** (8) the body that already handled the case. */
  handledBefore: string | null;
  /** (9) accepted within competence. */
  accepted: boolean;
  /** (10) the body the citizen was guided to, with the guidance document's number. */
  guided: string | null;
  /** (11) the competent body forwarded to, with the forwarding slip's number. */
  forwarded: string | null;
  followUp: string | null;
  /** (13) notes (a delegation, a repeat visit). */
  note: string | null;
  visitId: number;
}
