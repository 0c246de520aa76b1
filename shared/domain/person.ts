// Persons (công dân): visitors, delegation representatives and petitioners. Each visit or
// petition keeps the person as written then (snapshot); the citizen registry links them.
import { z, optionalText, requiredText } from '../validation.ts';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };

export interface Person {
  /** The citizen this snapshot belongs to (registry id), when known. */
  citizenId: number | null;
  fullName: string;
  idNumber: string | null;
  birthYear: number | null;
  gender: Gender | null;
  phone: string | null;
  address: string | null;
  communeCode: string | null;
}

/**
 * CCCD: 12 digits; old CMND: 9 digits; passport: a letter and 7–8 digits (or 6–12 letters/digits,
 * at least one a letter: an all-digit number of another length is a mistyped CCCD/CMND).
 */
const ID_NUMBER = /^(\d{9}|\d{12}|(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12})$/;

export const personSchema = z.strictObject({
  citizenId: z.number({ error: 'Mã công dân phải là số' }).int().positive().nullish().transform((v) => v ?? null),
  fullName: requiredText('Họ và tên', 100),
  idNumber: optionalText('Số CCCD/hộ chiếu', 20)
    .transform((v) => (v === null ? null : v.replace(/\s+/g, '').toUpperCase()))
    .refine((v) => v === null || ID_NUMBER.test(v), { error: 'Số CCCD gồm 12 chữ số (CMND 9 chữ số); hộ chiếu 6–12 chữ hoặc số' }),
  birthYear: z
    .number({ error: 'Năm sinh phải là số' })
    .int({ error: 'Năm sinh phải là số nguyên' })
    .min(1900, { error: 'Năm sinh không trước 1900' })
    .max(2100, { error: 'Năm sinh không hợp lệ' })
    .nullish()
    .transform((v) => v ?? null),
  gender: z.enum(GENDERS, { error: 'Giới tính không hợp lệ' }).nullish().transform((v) => v ?? null),
  phone: optionalText('Số điện thoại', 20).refine((v) => v === null || /^[0-9 +().-]{6,20}$/.test(v), {
    error: 'Số điện thoại chỉ gồm chữ số, dấu cách, + - ( ) .',
  }),
  address: optionalText('Địa chỉ', 300),
  communeCode: z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{5}$/.test(v), { error: 'Mã xã, phường gồm 5 chữ số' }),
});
export type PersonInput = z.input<typeof personSchema>;

/** A citizen of the registry, as the lookup shows one. */
export interface CitizenMatch {
  id: number;
  fullName: string;
  idNumber: string | null;
  birthYear: number | null;
  address: string | null;
  phone: string | null;
  gender: Gender | null;
  communeCode: string | null;
  visits: number;
  petitions: number;
}

export const citizenSearchSchema = z.strictObject({
  query: z.string().max(100),
  limit: z.number().int().min(1).max(50).default(10),
});
