// Agencies (cơ quan): the bodies petitions are forwarded to, or that forwarded them to the Board.
import { z, requiredText } from '../validation.ts';

export const AGENCY_KINDS = [
  'provincial_department',
  'commune',
  'provincial_leadership',
  'central',
  'court_procuracy',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  provincial_department: 'Sở, ngành tỉnh',
  commune: 'UBND cấp xã',
  provincial_leadership: 'Lãnh đạo tỉnh',
  central: 'Cơ quan Trung ương',
  court_procuracy: 'Tòa án, Viện kiểm sát',
  other: 'Khác',
};

export interface Agency {
  id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  active: boolean;
  updatedAt: string;
}

export const agencyCodeSchema = requiredText('Mã cơ quan', 32)
  .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, { error: 'Mã cơ quan chỉ gồm chữ, số, dấu chấm, gạch ngang hoặc gạch dưới, không có khoảng trắng' }))
  .transform((v) => v.toUpperCase());

export const agencyKindSchema = z.enum(AGENCY_KINDS, { error: 'Loại cơ quan không hợp lệ' });

/** Create (no id) or update (id) an agency. */
export const agencyUpsertSchema = z.strictObject({
  id: z.number({ error: 'Mã số nội bộ phải là số' }).int().positive().optional(),
  code: agencyCodeSchema,
  name: requiredText('Tên cơ quan', 300),
  kind: agencyKindSchema,
  active: z.boolean({ error: 'Trạng thái phải là đúng/sai' }).default(true),
});
export type AgencyUpsertInput = z.input<typeof agencyUpsertSchema>;

export const agencyListSchema = z
  .strictObject({
    search: z.string().max(200).optional(),
    kind: agencyKindSchema.optional(),
    includeInactive: z.boolean().default(false),
  })
  .default({ includeInactive: false });
export type AgencyListInput = z.input<typeof agencyListSchema>;

export const agencySetActiveSchema = z.strictObject({
  id: z.number().int().positive(),
  active: z.boolean(),
});
