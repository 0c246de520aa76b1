// How the documents name people and petitions in running Vietnamese text.
import { formatDateVN, formatVietnameseDate } from '../calendar/dates.ts';
import type { ForwardedBy, PetitionKind } from '../domain/petition.ts';
import type { Gender, Person } from '../domain/person.ts';
import { AGENCY_DOCUMENT_DENOUNCER_PHRASE } from '../domain/protection.ts';

/** What a petition-based document needs to know about the petition. */
export interface PetitionFacts {
  registerNo: string;
  receivedOn: string;
  writtenOn: string | null;
  kind: PetitionKind;
  signatories: number;
  petitioners: Person[];
  subject: string | null;
  summary: string;
  forwardedBy: ForwardedBy | null;
  /**
   * A denunciation sent to another body: `petitioners` is empty and the text names no one
   * (shared/domain/protection.ts; print/load.ts builds it so, whatever the layout).
   */
  protectedDenouncer?: boolean;
}

/** ông / bà, or "ông (bà)" when the gender was not recorded. */
export function honorific(gender: Gender | null): string {
  return gender === 'male' ? 'ông' : gender === 'female' ? 'bà' : 'ông (bà)';
}

/** "bà Nguyễn Thị Ánh Tuyết". */
export function personName(p: Pick<Person, 'fullName' | 'gender'>): string {
  return `${honorific(p.gender)} ${p.fullName}`;
}

/** "Bà Nguyễn Thị Ánh Tuyết": the form an addressee line takes. */
export function personTitle(p: Pick<Person, 'fullName' | 'gender'>): string {
  const name = personName(p);
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

/**
 * The petitioners in a sentence: "bà Nguyễn Thị Ánh Tuyết", "ông A và bà B",
 * "ông A và 11 người khác" (a petition with many signatories), or the anonymous case.
 */
export function petitionersPhrase(p: Pick<PetitionFacts, 'petitioners' | 'signatories' | 'protectedDenouncer'>): string {
  if (p.protectedDenouncer) return AGENCY_DOCUMENT_DENOUNCER_PHRASE;
  const named = p.petitioners.map(personName);
  if (named.length === 0) return 'người gửi đơn không ghi họ tên';
  const others = Math.max(p.signatories, named.length) - 1;
  if (named.length === 1) return others > 0 ? `${named[0]} và ${others} người khác` : named[0]!;
  if (named.length === 2 && others === 1) return `${named[0]} và ${named[1]}`;
  return `${named[0]} và ${others} người khác`;
}

/** The first petitioner, the one a reply or slip is addressed to (null when anonymous). */
export function leadPetitioner(p: Pick<PetitionFacts, 'petitioners'>): Person | null {
  return p.petitioners[0] ?? null;
}

/** ", địa chỉ: …" of the lead petitioner, or nothing. */
export function addressClause(person: Person | null): string {
  return person?.address ? `, địa chỉ: ${person.address}` : '';
}

/** ", số CCCD/Hộ chiếu: …" or nothing. */
export function idClause(person: Person | null): string {
  return person?.idNumber ? `, số CCCD/Hộ chiếu: ${person.idNumber}` : '';
}

const PETITION_NOUNS: Record<PetitionKind, string> = {
  complaint: 'đơn khiếu nại',
  denunciation: 'đơn tố cáo',
  recommendation: 'đơn kiến nghị, phản ánh',
  multiple: 'đơn có nhiều nội dung',
};

/** "đơn khiếu nại", "đơn tố cáo", … */
export function petitionNoun(kind: PetitionKind): string {
  return PETITION_NOUNS[kind];
}

const LAW_AREAS: Record<PetitionKind, string> = {
  complaint: 'pháp luật về khiếu nại',
  denunciation: 'pháp luật về tố cáo',
  recommendation: 'pháp luật về tiếp công dân, xử lý đơn kiến nghị, phản ánh',
  multiple: 'pháp luật về khiếu nại, tố cáo, tiếp công dân và xử lý đơn',
};

/** The body of law the handling rests on, for "căn cứ quy định của …". */
export function lawArea(kind: PetitionKind): string {
  return LAW_AREAS[kind];
}

/** "Người bị khiếu nại" / "Người bị tố cáo" / "Đối tượng kiến nghị, phản ánh". */
export function subjectLabel(kind: PetitionKind): string {
  if (kind === 'complaint') return 'Người (cơ quan) bị khiếu nại';
  if (kind === 'denunciation') return 'Người bị tố cáo';
  return 'Cơ quan, tổ chức, cá nhân liên quan';
}

/**
 * "đơn khiếu nại đề ngày 02/3/2026 của bà X" parts: the written date and, for a petition another
 * body sent on, that body and its letter.
 */
export function writtenClause(p: Pick<PetitionFacts, 'writtenOn'>): string {
  return p.writtenOn ? ` đề ngày ${formatDateVN(p.writtenOn)}` : '';
}

export function forwardedByClause(p: Pick<PetitionFacts, 'forwardedBy'>): string {
  const f = p.forwardedBy;
  if (!f) return '';
  const letter = f.letterNo ? ` theo văn bản số ${f.letterNo}${f.letterDate ? ` ngày ${formatDateVN(f.letterDate)}` : ''}` : '';
  return ` do ${f.agency} chuyển đến${letter}`;
}

/** "Ngày 05 tháng 3 năm 2026": a date opening a sentence. */
export function onDate(iso: string): string {
  const text = formatVietnameseDate(iso);
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** The summary as the end of a sentence: trimmed, and ending in a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/u.test(t) ? t : `${t}.`;
}
