// Default public holidays (Labour Code 2019, Article 112), computed for any year so that deadlines can
// be counted before anyone has typed in the year's holidays.
//
// These are defaults, not the law of a given year: the Government announces the exact days off each
// year: how the five Tết days sit around New Year, which day joins 2/9, compensatory days when a
// holiday falls on a weekend, working days swapped for bridge days. In the app the holiday list is
// editable data seeded from these defaults, and the Board corrects it from each year's announcement.
import { addDays, compareDates, isoFromParts } from './dates.ts';
import type { IsoDate } from './dates.ts';
import { lunarToSolar, solarToLunar } from './lunar.ts';

export interface Holiday {
  date: IsoDate;
  name: string;
}

/** Article 112 gives five Tết days; the usual split is the last day of the old year, then mùng 1–4. */
const TET_DAYS_AFTER_NEW_YEAR = 4;

/**
 * The statutory holidays of a Gregorian year, sorted by date with one entry per date (two holidays on
 * the same day share one entry, their names joined by '; '). Tết is always inside the Gregorian year:
 * lunar New Year falls between 21 January and 20 February.
 */
export function defaultHolidays(year: number): Holiday[] {
  const list: Holiday[] = [{ date: isoFromParts(year, 1, 1), name: 'Tết Dương lịch' }];

  const newYear = lunarToSolar(1, 1, year, false);
  // The eve is the 29th or the 30th of month 12, whichever ends the year; people call it by that number.
  const eve = addDays(newYear, -1);
  list.push({ date: eve, name: `Tết Nguyên đán (${solarToLunar(eve).day} Tết)` });
  for (let i = 0; i < TET_DAYS_AFTER_NEW_YEAR; i += 1) {
    list.push({ date: addDays(newYear, i), name: `Tết Nguyên đán (mùng ${i + 1})` });
  }

  list.push({ date: lunarToSolar(10, 3, year, false), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  list.push({ date: isoFromParts(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' });
  list.push({ date: isoFromParts(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)' });
  // Article 112 gives 2/9 plus one day immediately before or after it, which the Government picks each
  // year. The default is 1/9; the Board moves it to 3/9 when that year's announcement says so.
  list.push({ date: isoFromParts(year, 9, 1), name: 'Quốc khánh (ngày liền kề 1/9)' });
  list.push({ date: isoFromParts(year, 9, 2), name: 'Quốc khánh (2/9)' });

  // Giỗ Tổ can coincide with 30/4 (as in 1947): 10/3 lunar falls between 30 March and 30 April.
  const byDate = new Map<IsoDate, string>();
  for (const h of list) {
    const existing = byDate.get(h.date);
    byDate.set(h.date, existing === undefined ? h.name : `${existing}; ${h.name}`);
  }
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => compareDates(a.date, b.date));
}

/** The dates of a holiday list, as the set working-day arithmetic takes. */
export function holidaySet(holidays: Iterable<Pick<Holiday, 'date'>>): ReadonlySet<IsoDate> {
  const set = new Set<IsoDate>();
  for (const h of holidays) set.add(h.date);
  return set;
}
