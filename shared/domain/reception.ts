// Reception (tiếp công dân): sessions (kỳ / buổi tiếp) and the visits (lượt tiếp) received in them.
import { z, optionalText, requiredText } from '../validation.ts';
import { isoDate, optionalIsoDate } from './dates.ts';
import { personSchema, type Person } from './person.ts';

/** thường xuyên / định kỳ / đột xuất / trực tuyến (from 1 July 2026, Law 136/2025/QH15). */
export const SESSION_KINDS = ['regular', 'periodic', 'adhoc', 'online'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  regular: 'Thường xuyên',
  periodic: 'Định kỳ',
  adhoc: 'Đột xuất',
  online: 'Trực tuyến',
};

export const MATTERS = ['complaint', 'denunciation', 'recommendation', 'multiple', 'other'] as const;
export type Matter = (typeof MATTERS)[number];
export const MATTER_LABELS: Record<Matter, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  recommendation: 'Kiến nghị, phản ánh',
  multiple: 'Nhiều nội dung',
  other: 'Khác',
};

export const OUTCOMES = ['explained', 'guided', 'petition_received', 'refused', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  explained: 'Giải thích, trả lời',
  guided: 'Hướng dẫn đến cơ quan có thẩm quyền',
  petition_received: 'Tiếp nhận đơn',
  refused: 'Từ chối tiếp (có thông báo)',
  other: 'Khác',
};

/** A delegation (đoàn đông người) is a group of at least this many with one matter. */
export const DELEGATION_MIN_MEMBERS = 5;

export interface ReceptionSession {
  id: number;
  kind: SessionKind;
  date: string;
  host: string | null;
  hostName: string | null;
  location: string | null;
  officers: string[];
  visitCount: number;
  personCount: number;
}

export interface Delegation {
  members: number;
  representatives: Person[];
}

export interface Visit {
  id: number;
  sessionId: number;
  sessionDate: string;
  sessionKind: SessionKind;
  persons: number;
  delegation: Delegation | null;
  citizen: Person;
  matter: Matter;
  content: string;
  repeat: boolean;
  outcome: Outcome;
  /** The matter (vụ việc) the visit is about. */
  matterId: number | null;
  /** Petitions handed in at this visit. */
  petitions: { id: number; registerNo: string }[];
}

export const sessionUpsertSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  kind: z.enum(SESSION_KINDS, { error: 'Loại kỳ tiếp không hợp lệ' }),
  date: isoDate('Ngày tiếp'),
  host: optionalText('Chức vụ người chủ trì', 200),
  hostName: optionalText('Họ tên người chủ trì', 100),
  location: optionalText('Địa điểm', 200),
  officers: z.array(requiredText('Cán bộ tiếp', 100)).max(20, { error: 'Tối đa 20 cán bộ' }).default([]),
});
export type SessionUpsertInput = z.input<typeof sessionUpsertSchema>;

export const openTodaySchema = z
  .strictObject({ kind: z.enum(SESSION_KINDS).default('regular') })
  .default({ kind: 'regular' });

export const sessionListSchema = z
  .strictObject({
    from: optionalIsoDate('Từ ngày'),
    to: optionalIsoDate('Đến ngày'),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .default({ from: null, to: null, limit: 100 });

/** Representatives allowed for a delegation of `members` people (Decree 124/2020 art. 8). */
export function maxRepresentatives(members: number): number {
  return members <= 10 ? 2 : 5;
}

export const delegationSchema = z
  .strictObject({
    members: z
      .number({ error: 'Số người trong đoàn phải là số' })
      .int()
      .min(DELEGATION_MIN_MEMBERS, { error: `Đoàn đông người có từ ${DELEGATION_MIN_MEMBERS} người trở lên` })
      .max(100_000),
    representatives: z
      .array(personSchema)
      .min(1, { error: 'Đoàn phải cử ít nhất 1 người đại diện' })
      .max(5, { error: 'Đoàn cử tối đa 5 người đại diện' }),
  })
  .superRefine((d, ctx) => {
    const max = maxRepresentatives(d.members);
    if (d.representatives.length > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['representatives'],
        message: `Đoàn ${d.members} người cử tối đa ${max} người đại diện`,
      });
    }
  });

export const visitSaveSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  sessionId: z.number({ error: 'Chưa chọn kỳ tiếp' }).int().positive(),
  persons: z.number({ error: 'Số người phải là số' }).int().min(1, { error: 'Số người ít nhất là 1' }).max(100_000),
  delegation: delegationSchema.nullish().transform((v) => v ?? null),
  /** The visitor, or the delegation's first representative. */
  citizen: personSchema,
  matter: z.enum(MATTERS, { error: 'Loại vụ việc không hợp lệ' }),
  content: requiredText('Nội dung', 4000),
  repeat: z.boolean().default(false),
  outcome: z.enum(OUTCOMES, { error: 'Kết quả tiếp không hợp lệ' }),
  /** The matter: an existing one, or absent/null for a new one (on an edit, absent keeps it). */
  matterId: z
    .number({ error: 'Mã vụ việc phải là số' })
    .int({ error: 'Mã vụ việc phải là số nguyên dương' })
    .positive({ error: 'Mã vụ việc phải là số nguyên dương' })
    .nullish(),
});
export type VisitSaveInput = z.input<typeof visitSaveSchema>;
