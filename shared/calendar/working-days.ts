// Working-day arithmetic for statutory deadlines ("within 10 working days of receipt"). A working day
// is Monday to Friday and not a day off, or a weekend day the government made a working day in exchange
// for a day off (ngày làm bù, e.g. Saturday 10 January 2026 for Friday 2 January).
import { addDays, dayOfWeek, diffDays } from './dates.ts';
import type { IsoDate } from './dates.ts';

/** The holidays to skip; a ReadonlySet<string> of ISO dates is one. */
export interface HolidayCalendar {
  has(date: IsoDate): boolean;
  /** A weekend day that is worked (ngày làm bù); absent: none. */
  worksOn?(date: IsoDate): boolean;
}

/**
 * A run this long with no working day means the calendar is wrong (e.g. every date marked a holiday);
 * failing beats looping forever. Real runs are at most about ten days (Tết plus two weekends).
 */
const MAX_DAYS_OFF_IN_A_ROW = 366;

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** Monday to Friday and not in `holidays`, or a worked weekend day of the calendar. */
export function isWorkingDay(date: IsoDate, holidays: HolidayCalendar): boolean {
  if (holidays.has(date)) return false;
  return !isWeekend(date) || (holidays.worksOn?.(date) ?? false);
}

/**
 * The n-th working day after `start`; `start` itself is never counted, whether or not it is a working
 * day, so a petition received on a Saturday with a 10-working-day limit is due on the 10th working day
 * after that Saturday. n = 0 returns `start` unchanged. n must be a whole number ≥ 0.
 */
export function addWorkingDays(start: IsoDate, n: number, holidays: HolidayCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days to add must be a whole number ≥ 0: ${n}`);
  let date = addDays(start, 0); // validates start even when n = 0
  let remaining = n;
  let daysOff = 0;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) {
      remaining -= 1;
      daysOff = 0;
    } else if (++daysOff > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError(`No working day in ${MAX_DAYS_OFF_IN_A_ROW} days up to ${date}: check the holiday list`);
    }
  }
  return date;
}

/**
 * Working days in the half-open range (from, to]: `from` is not counted, `to` is. So it is the inverse
 * of addWorkingDays: workingDaysBetween(s, addWorkingDays(s, n, h), h) === n. When `to` is before
 * `from` the result is minus the count for (to, from]; used as "working days past the deadline" with
 * from = deadline and to = today, a negative value is the working days still left, the deadline
 * itself included. Equal dates give 0.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: HolidayCalendar): number {
  const span = diffDays(from, to);
  if (span < 0) {
    const back = workingDaysBetween(to, from, holidays);
    return back === 0 ? 0 : -back; // never -0, which Object.is and test matchers tell apart from 0
  }
  let count = 0;
  for (let i = 1; i <= span; i += 1) {
    if (isWorkingDay(addDays(from, i), holidays)) count += 1;
  }
  return count;
}
