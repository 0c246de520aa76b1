// Local calendar dates as ISO `YYYY-MM-DD` strings, meaning a day in Vietnam (UTC+7).
// A calendar date has no time of day, so all arithmetic runs on the UTC midnight of the date:
// local-time Date methods would shift the day on a machine whose zone is not UTC.

/** A calendar day in Vietnam written `YYYY-MM-DD`. Validate untrusted strings with isIsoDate. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of the date in ms, or NaN when the parts are not a real date in years 1–9999. */
function utcMidnight(year: number, month: number, day: number): number {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return Number.NaN;
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls 30 February over to 2 March; a real date survives the round trip unchanged.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  return date.getTime();
}

function splitIso(value: string): DateParts | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return Number.isNaN(utcMidnight(parts.year, parts.month, parts.day)) ? null : parts;
}

/** True for a real calendar date written exactly `YYYY-MM-DD`, years 0001–9999 (2026-02-30 is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && splitIso(value) !== null;
}

/** The year, month (1–12) and day of an ISO date; throws RangeError for anything else. */
export function parseIsoDate(value: string): DateParts {
  const parts = splitIso(value);
  if (!parts) throw new RangeError(`Not a valid date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return parts;
}

/** The ISO date of year, month (1–12), day; throws RangeError when they are not a real date. */
export function isoFromParts(year: number, month: number, day: number): IsoDate {
  const ms = utcMidnight(year, month, day);
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid date: ${year}-${month}-${day}`);
  return fromEpochDay(ms / MS_PER_DAY);
}

/** Days since 1970-01-01 (negative before it): a plain integer to count and compare with. */
export function toEpochDay(iso: IsoDate): number {
  const { year, month, day } = parseIsoDate(iso);
  return utcMidnight(year, month, day) / MS_PER_DAY;
}

/** The date `epochDay` days after 1970-01-01; throws RangeError outside years 0001–9999. */
export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Not a whole day number: ${epochDay}`);
  const date = new Date(epochDay * MS_PER_DAY);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) throw new RangeError(`Date out of range (years 0001–9999): day ${epochDay}`);
  return `${String(year).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** The date n days later (earlier for negative n). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromEpochDay(toEpochDay(iso) + n);
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 non-negative.
  return (((toEpochDay(iso) + 4) % 7) + 7) % 7;
}

/** Negative, zero or positive as a is before, the same as or after b (a sort comparator). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = toEpochDay(a) - toEpochDay(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Days from `from` to `to`: positive when `to` is later (diffDays('2026-01-01', '2026-01-03') = 2). */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The calendar date in Vietnam (UTC+7) at an instant, whatever zone this machine is set to. */
export function todayInVietnam(now: Date): IsoDate {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return fromEpochDay(Math.floor((ms + VIETNAM_UTC_OFFSET_HOURS * 3_600_000) / MS_PER_DAY));
}

/**
 * The date as administrative documents write it (Decree 30/2020/NĐ-CP, Appendix I): days under 10
 * and the months January and February take a leading zero, other months do not, so a month can never
 * be misread by adding a digit: 'ngày 05 tháng 02 năm 2026', 'ngày 15 tháng 3 năm 2026'.
 */
export function formatVietnameseDate(iso: IsoDate): string {
  const { year, month, day } = parseIsoDate(iso);
  const monthText = month < 3 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
}

/** The short form used in tables and forms: '05/03/2026'. */
export function formatDateVN(iso: IsoDate): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
