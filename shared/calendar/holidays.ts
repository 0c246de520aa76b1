// Default public holidays (Labour Code 2019, Article 112), computed for any year so that deadlines can
// be counted before anyone has typed in the year's holidays, with the substitute day off when a
// holiday falls on the weekly rest (Labour Code 2019, Article 111(3)).
//
// These are defaults, not the law of a given year: the Government announces the exact days off each
// year (how the five Tết days sit around New Year, which day joins 2/9, days swapped for a worked
// Saturday). The announced schedules ship as data (schedules.ts) and replace the defaults of their year;
// an administrator imports later ones from a file.
import { addDays, compareDates, dayOfWeek, isoFromParts } from './dates.ts';
import type { IsoDate } from './dates.ts';
import { lunarToSolar, solarToLunar } from './lunar.ts';

/** 'holiday' (Article 112), 'substitute' (Article 111(3)), 'announced' (a day off the government gave). */
export const HOLIDAY_KINDS = ['holiday', 'substitute', 'announced'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const HOLIDAY_KIND_LABELS: Record<HolidayKind, string> = {
  holiday: 'Ngày lễ, Tết',
  substitute: 'Nghỉ bù',
  announced: 'Nghỉ theo thông báo',
};

export interface Holiday {
  date: IsoDate;
  name: string;
  kind?: HolidayKind;
}

/** A weekend day made a working day in exchange for a day off (ngày làm bù). */
export interface WorkedDay {
  date: IsoDate;
  name: string;
}

function isWeekendDay(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * Labour Code 2019 (45/2019/QH14), Article 111(3): when a holiday of Article 112(1) falls on the weekly
 * rest, the worker takes the rest on the next working day. For public offices the weekly rest is
 * Saturday and Sunday, so each holiday on a weekend gives the first following weekday that is not
 * itself a holiday or already a substitute.
 */
export function substituteDays(holidays: readonly Holiday[]): Holiday[] {
  const taken = new Set(holidays.map((h) => h.date));
  const out: Holiday[] = [];
  for (const h of [...holidays].sort((a, b) => compareDates(a.date, b.date))) {
    if (!isWeekendDay(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekendDay(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, name: `Nghỉ bù ${h.name.split(';')[0]!.trim()} (trùng ngày nghỉ hằng tuần ${formatShort(h.date)})`, kind: 'substitute' });
  }
  return out;
}

function formatShort(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
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
  const statutory: Holiday[] = [...byDate].map(([date, name]) => ({ date, name, kind: 'holiday' as const }));
  return [...statutory, ...substituteDays(statutory)].sort((a, b) => compareDates(a.date, b.date));
}

/** A calendar of days off and worked weekend days, for the working-day arithmetic. */
export function workCalendar(daysOff: Iterable<Pick<Holiday, 'date'>>, worked: Iterable<Pick<WorkedDay, 'date'>> = []): ReadonlySet<IsoDate> & { worksOn(date: IsoDate): boolean } {
  const off = new Set<IsoDate>();
  for (const h of daysOff) off.add(h.date);
  const on = new Set<IsoDate>();
  for (const w of worked) on.add(w.date);
  return Object.assign(off, { worksOn: (date: IsoDate) => on.has(date) });
}

/** The dates of a holiday list, as the set working-day arithmetic takes. */
export function holidaySet(holidays: Iterable<Pick<Holiday, 'date'>>): ReadonlySet<IsoDate> {
  const set = new Set<IsoDate>();
  for (const h of holidays) set.add(h.date);
  return set;
}
