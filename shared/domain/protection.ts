// Protection of denouncers (bảo vệ người tố cáo): what is hidden, from whom, and why. Pure data
// and pure functions; db/protection.ts applies them to the register's records.
//
// The law:
// - Law on Denunciations 25/2018/QH14 art. 56(1): the bodies that receive, forward or resolve a
//   denunciation keep the denouncer's name, address, handwriting and other personal information
//   secret; art. 56(2): they strip them from the denunciation and its documents when handing the
//   case to whoever verifies it; art. 49(2): the receiving body is responsible for that secrecy.
// - Decree 31/2019/NĐ-CP art. 22(2)(b) as amended by Decree 156/2026/NĐ-CP art. 6: disclosing the
//   name, address, handwriting or any other information that reveals a denouncer's identity is a
//   disciplinary offence (warning) of whoever receives, verifies or resolves the denunciation,
//   unless the denouncer declined the protection of secrecy.
// - Circular 05/2021/TT-TTCP form 03 "Phiếu chuyển đơn tố cáo": the slip that forwards a
//   denunciation to the competent body does not name the denouncer among its recipients.
import { z } from '../validation.ts';
import type { Person } from './person.ts';

/** What every screen, list and API answer shows in place of a protected person. */
export const PROTECTED_LABEL = 'Người tố cáo (được bảo vệ)';

/** What a document sent to another body says in place of the denouncer (Law art. 56(2)). */
export const AGENCY_DOCUMENT_DENOUNCER = 'Người tố cáo: được giữ bí mật theo quy định';

/** How a document sent to another body names the denouncer in running text. */
export const AGENCY_DOCUMENT_DENOUNCER_PHRASE = 'người tố cáo (họ tên, địa chỉ và thông tin cá nhân được giữ bí mật theo quy định)';

/** What replaces a denouncer's name, ID number, phone or address found inside the petition's own text. */
export const SCRUBBED_IDENTITY = '[thông tin người tố cáo được giữ bí mật]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The petition's own words (summary, subject) with every name, ID number, phone and address of
 * the given persons taken out (Law on Denunciations art. 56(2): stripped before it is handed on).
 */
export function scrubIdentity(text: string, persons: readonly Person[]): string {
  const needles = persons
    .flatMap((p) => [p.fullName, p.idNumber, p.phone, p.address])
    .filter((x): x is string => typeof x === 'string' && x.trim().length >= 3)
    .map((x) => x.normalize('NFC').trim())
    .sort((a, b) => b.length - a.length);
  let out = text.normalize('NFC');
  for (const needle of needles) out = out.replace(new RegExp(escapeRegExp(needle), 'giu'), SCRUBBED_IDENTITY);
  return out;
}

/** The audit action of every view of a protected identity. */
export const VIEW_PROTECTED_ACTION = 'view_protected';

/** The permission's label in Cài đặt. */
export const PROTECTION_PERMISSION_LABEL = 'Được xem danh tính người tố cáo';

/** The legal basis, shown next to the permission and cited in documents. */
export const PROTECTION_LEGAL_BASIS = [
  { law: 'Luật Tố cáo 2018', article: 'Điều 56 khoản 1, 2; Điều 49 khoản 2', rule: 'Giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo; lược bỏ khi chuyển, giao xác minh' },
  { law: 'Nghị định 31/2019/NĐ-CP (sửa đổi bởi Nghị định 156/2026/NĐ-CP, Điều 6)', article: 'Điều 22 khoản 2 điểm b', rule: 'Tiết lộ thông tin làm lộ danh tính người tố cáo bị xử lý kỷ luật' },
  { law: 'Thông tư 05/2021/TT-TTCP', article: 'Mẫu số 03 (Phiếu chuyển đơn tố cáo)', rule: 'Người tố cáo không có trong nơi nhận phiếu chuyển đơn' },
] as const;

/**
 * The document kinds sent to another body (or to a leader outside the Board), which never carry
 * a denouncer's identity: the forwarding slip (form 03), the reminder to the body handling the
 * case, and the proposal to accept addressed to the Chairperson. Documents addressed to the
 * denouncer (guidance, return, receipt) carry it, and only a permitted officer prints them.
 */
export const AGENCY_ADDRESSED_KINDS = ['forward', 'reminder', 'accept'] as const;
export type AgencyAddressedKind = (typeof AGENCY_ADDRESSED_KINDS)[number];
export function isAgencyAddressed(kind: string): kind is AgencyAddressedKind {
  return (AGENCY_ADDRESSED_KINDS as readonly string[]).includes(kind);
}

/**
 * THE test of "a denunciation" for protection. Until the `matters` branch merges it is the
 * petition's kind; after it, "the petition has a denunciation content": change it here only.
 */
export function isProtectedPetition(p: { kind: string; hasDenunciation?: boolean | undefined }): boolean {
  return p.kind === 'denunciation' || p.hasDenunciation === true;
}

/**
 * Whether a petition's further contents (after the first, which is the petition's own kind) hold a
 * denunciation: what `hasDenunciation` says of a stored petition, read from the contents given.
 */
export function hasLaterDenunciation(contents: readonly { kind: string }[] | undefined): boolean {
  return (contents ?? []).some((c) => c.kind === 'denunciation');
}

/** A visit whose matter is a denunciation: the visitor (and any representative) is a denouncer. */
export function isProtectedVisit(v: { matter: string }): boolean {
  return v.matter === 'denunciation';
}

/** A person with nothing left that identifies them. */
export function redactedPerson(): Person {
  return { citizenId: null, fullName: PROTECTED_LABEL, idNumber: null, birthYear: null, gender: null, phone: null, address: null, communeCode: null };
}

/** Reveal a protected identity: the petition (every petitioner) or the visit (visitor and representatives). */
export const revealSchema = z.strictObject({
  id: z.number({ error: 'Mã phải là số nguyên dương' }).int({ error: 'Mã phải là số nguyên dương' }).positive({ error: 'Mã phải là số nguyên dương' }),
});

export interface RevealedPetition {
  petitionId: number;
  registerNo: string;
  petitioners: Person[];
}

export interface RevealedVisit {
  visitId: number;
  citizen: Person;
  representatives: Person[];
}
