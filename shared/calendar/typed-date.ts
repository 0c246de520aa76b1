// Dates as an officer types them at a Vietnamese desk: day first, then month, then year
// (dd/mm/yyyy), with or without separators. The register keeps ISO `YYYY-MM-DD`; this module turns
// what was typed into that, or says in Vietnamese what is wrong with it.
import { formatDateVN, isoFromParts, isIsoDate, type IsoDate } from './dates.ts';

export type TypedDateResult =
  | { ok: true; iso: IsoDate }
  | { ok: false; reason: 'empty' | 'format' | 'not-a-day'; message: string };

/** The format said in every date message of the interface. */
export const DATE_FORMAT_HINT = 'dd/mm/yyyy';

const FORMAT_MESSAGE = `Nhập ngày dạng ${DATE_FORMAT_HINT}, ví dụ 20/11/2026 hoặc 20112026`;

/**
 * The four-digit year of a two-digit one: the century that puts it no more than 20 years after
 * `referenceYear` (with 2026: 26 → 2026, 46 → 2046, 47 → 1947, 99 → 1999).
 */
export function expandTwoDigitYear(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const candidate = century + yy;
  return candidate > referenceYear + 20 ? candidate - 100 : candidate;
}

/**
 * Parses a date typed day first: `20112026`, `201126`, `2011` (this year), `20/11/2026`,
 * `20-11-26`, `20.11.2026`, `1/2/2026`, `20/11` (this year); an ISO `2026-11-20` (pasted) is also
 * read. `referenceYear` (the current year) completes a missing year and places a two-digit one.
 */
export function parseTypedDate(text: string, referenceYear: number): TypedDateResult {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'empty', message: 'Chưa nhập ngày' };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return fromParts(d, m, y, value);
  }
  let day: string, month: string, year: string | undefined;
  if (/^\d+$/.test(value)) {
    if (value.length === 8) [day, month, year] = [value.slice(0, 2), value.slice(2, 4), value.slice(4)];
    else if (value.length === 6) [day, month, year] = [value.slice(0, 2), value.slice(2, 4), value.slice(4)];
    else if (value.length === 4) [day, month] = [value.slice(0, 2), value.slice(2, 4)];
    else return { ok: false, reason: 'format', message: FORMAT_MESSAGE };
  } else {
    const m = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?$/.exec(value);
    if (!m) return { ok: false, reason: 'format', message: FORMAT_MESSAGE };
    [day, month, year] = [m[1]!, m[2]!, m[3]];
  }
  const fullYear = year === undefined ? referenceYear : year.length === 2 ? expandTwoDigitYear(Number(year), referenceYear) : Number(year);
  return fromParts(Number(day), Number(month), fullYear, value);
}

function fromParts(day: number, month: number, year: number, typed: string): TypedDateResult {
  let iso: IsoDate | null;
  try {
    iso = isoFromParts(year, month, day);
  } catch {
    iso = null;
  }
  if (iso === null || !isIsoDate(iso) || year < 1900 || year > 2100) {
    const shown = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    return { ok: false, reason: 'not-a-day', message: `Không có ngày ${shown} (đã nhập “${typed}”); nhập dạng ${DATE_FORMAT_HINT}` };
  }
  return { ok: true, iso };
}

/** What a date field shows for a stored value: `20/11/2026`, or the text itself when not ISO. */
export function showTypedDate(value: string | null | undefined): string {
  if (!value) return '';
  return isIsoDate(value) ? formatDateVN(value) : value;
}
