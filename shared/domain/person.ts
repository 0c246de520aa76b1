// Persons (công dân): visitors, delegation representatives and petitioners. Each visit or
// petition keeps the person as written then (snapshot); the citizen registry links them.
import { z, optionalText, requiredText } from '../validation.ts';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };

/** Who may petition (Law on Complaints art. 2; Law on Denunciations art. 2; Law on Citizen Reception art. 2): a Vietnamese citizen, a foreigner, or an agency/organisation. */
export const PERSON_KINDS = ['citizen', 'foreigner', 'organisation'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  citizen: 'Công dân',
  foreigner: 'Người nước ngoài',
  organisation: 'Cơ quan, tổ chức',
};

/**
 * The details beyond a citizen's: absent (undefined) on a plain citizen with none of them, so
 * records written before schema 4 read exactly as they did.
 */
export interface PersonExtra {
  kind?: PersonKind;
  nationality?: string | null;
  /** Date of issue of the CCCD/passport (YYYY-MM-DD). */
  idIssuedOn?: string | null;
  idIssuedPlace?: string | null;
  /** An organisation's registration or tax number. */
  orgRegNo?: string | null;
  /** An organisation's representative (name, title). */
  representative?: string | null;
}

export interface Person extends PersonExtra {
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

const personFields = z.strictObject({
  kind: z.enum(PERSON_KINDS, { error: 'Loại người đứng đơn không hợp lệ' }).optional(),
  citizenId: z.number({ error: 'Mã công dân phải là số' }).int().positive().nullish().transform((v) => v ?? null),
  fullName: requiredText('Họ và tên', 100),
  idNumber: optionalText('Số CCCD/hộ chiếu', 20).transform((v) => (v === null ? null : v.replace(/\s+/g, '').toUpperCase())),
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
  nationality: optionalText('Quốc tịch', 100).optional(),
  idIssuedOn: z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[12]\d{3}-[01]\d-[0-3]\d$/.test(v), { error: 'Ngày cấp phải có dạng năm-tháng-ngày' })
    .optional(),
  idIssuedPlace: optionalText('Nơi cấp', 200).optional(),
  orgRegNo: optionalText('Mã số thuế/số đăng ký', 30)
    .transform((v) => (v === null ? null : v.replace(/\s+/g, '').toUpperCase()))
    .refine((v) => v === null || /^[A-Z0-9][A-Z0-9./-]{2,29}$/.test(v), { error: 'Mã số thuế/số đăng ký chỉ gồm chữ, số và - . /' })
    .optional(),
  representative: optionalText('Người đại diện', 200).optional(),
});

/**
 * The fields one by one, with a citizen's ID rule on `idNumber` (the shape interchange v1 reads:
 * every v1 person is a citizen).
 */
export const personShape = {
  ...personFields.shape,
  idNumber: personFields.shape.idNumber.refine((v) => v === null || ID_NUMBER.test(v), {
    error: 'Số CCCD gồm 12 chữ số (CMND 9 chữ số); hộ chiếu 6–12 chữ hoặc số',
  }),
};

/** A CCCD (12 digits) or old CMND (9 digits): a citizen's own papers. */
const VN_ID = /^(\d{9}|\d{12})$/;
/** A passport: 6–12 letters or digits. */
const PASSPORT = /^[A-Z0-9]{6,12}$/;

/** The ID rules of each kind of petitioner, and the extra details dropped when empty. */
export const personSchema = personFields
  .superRefine((p, ctx) => {
    const kind = p.kind ?? 'citizen';
    if (kind === 'citizen' && p.idNumber !== null && !ID_NUMBER.test(p.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'Số CCCD gồm 12 chữ số (CMND 9 chữ số); hộ chiếu 6–12 chữ hoặc số' });
    }
    if (kind === 'foreigner') {
      if (p.idNumber !== null && (!PASSPORT.test(p.idNumber) || VN_ID.test(p.idNumber))) {
        ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'Người nước ngoài ghi số hộ chiếu (6–12 chữ hoặc số), không ghi số CCCD' });
      }
      if (!p.nationality) ctx.addIssue({ code: 'custom', path: ['nationality'], message: 'Người nước ngoài phải ghi quốc tịch' });
    }
    if (kind === 'organisation') {
      if (p.idNumber !== null) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'Cơ quan, tổ chức ghi mã số thuế/số đăng ký, không ghi số CCCD' });
      if (p.birthYear !== null || p.gender !== null) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Cơ quan, tổ chức không có năm sinh, giới tính' });
    } else if (p.orgRegNo || p.representative) {
      ctx.addIssue({ code: 'custom', path: ['orgRegNo'], message: 'Mã số thuế và người đại diện chỉ ghi cho cơ quan, tổ chức' });
    }
    if (p.idIssuedOn && !p.idNumber) ctx.addIssue({ code: 'custom', path: ['idIssuedOn'], message: 'Ghi ngày cấp khi có số CCCD/hộ chiếu' });
  })
  .transform(({ kind, nationality, idIssuedOn, idIssuedPlace, orgRegNo, representative, ...rest }) => {
    const extra: PersonExtra = {};
    if (kind && kind !== 'citizen') extra.kind = kind;
    if (nationality) extra.nationality = nationality;
    if (idIssuedOn) extra.idIssuedOn = idIssuedOn;
    if (idIssuedPlace) extra.idIssuedPlace = idIssuedPlace;
    if (orgRegNo) extra.orgRegNo = orgRegNo;
    if (representative) extra.representative = representative;
    return { ...rest, ...extra };
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

/** The kind of a person as stored (a person without one is a citizen). */
export function personKindOf(p: PersonExtra): PersonKind {
  return p.kind ?? 'citizen';
}
