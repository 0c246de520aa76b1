import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  dayOfWeek,
  diffDays,
  formatDateVN,
  formatVietnameseDate,
  fromEpochDay,
  isIsoDate,
  isoFromParts,
  parseIsoDate,
  toEpochDay,
  todayInVietnam,
} from '../../shared/calendar/dates.ts';
import { defaultHolidays, holidaySet } from '../../shared/calendar/holidays.ts';
import { leapMonthOf, lunarToSolar, solarToLunar } from '../../shared/calendar/lunar.ts';
import { addWorkingDays, isWeekend, isWorkingDay, workingDaysBetween } from '../../shared/calendar/working-days.ts';

describe('ISO dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '0001-01-01', '9999-12-31']) {
      expect(isIsoDate(ok), ok).toBe(true);
    }
    const bad: unknown[] = [
      '2026-02-29', '2026-02-30', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01',
      '2026-1-5', '26-01-05', '05/01/2026', '2026-01-05T00:00', ' 2026-01-05', '2026-01-05 ', '２０２６-01-05', '',
      20260105, null, undefined, new Date('2026-01-05'),
    ];
    for (const value of bad) expect(isIsoDate(value), String(value)).toBe(false);
  });

  it('rejects invalid strings with a RangeError wherever a date is taken', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => dayOfWeek('2026-13-01')).toThrow(RangeError);
    expect(() => compareDates('2026-01-01', '2026/01/02')).toThrow(RangeError);
    expect(() => diffDays('', '2026-01-01')).toThrow(RangeError);
    expect(() => formatVietnameseDate('2026-02-29')).toThrow(RangeError);
    expect(() => formatDateVN('5/3/2026')).toThrow(RangeError);
    expect(() => isoFromParts(2026, 2, 29)).toThrow(RangeError);
    expect(() => solarToLunar('2026-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 0, new Set())).toThrow(RangeError);
  });

  it('parses and builds dates', () => {
    expect(parseIsoDate('2026-03-05')).toEqual({ year: 2026, month: 3, day: 5 });
    expect(isoFromParts(2026, 3, 5)).toBe('2026-03-05');
    expect(isoFromParts(45, 7, 1)).toBe('0045-07-01'); // not 1945: Date.UTC's two-digit-year trap
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(toEpochDay('2026-02-17'))).toBe('2026-02-17');
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2026-03-05', 0)).toBe('2026-03-05');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('gives the day of the week with 0 = Sunday', () => {
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-02-17')).toBe(2); // Tuesday, Tết
    expect(dayOfWeek('2026-05-03')).toBe(0); // Sunday
    expect(dayOfWeek('2026-05-02')).toBe(6); // Saturday
    expect(dayOfWeek('1969-12-28')).toBe(0); // before the epoch too
  });

  it('compares and subtracts dates', () => {
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(['2026-03-01', '2025-12-31', '2026-01-15'].sort(compareDates)).toEqual(['2025-12-31', '2026-01-15', '2026-03-01']);
    expect(diffDays('2026-01-01', '2026-03-01')).toBe(59);
    expect(diffDays('2026-03-01', '2026-01-01')).toBe(-59);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('takes today at UTC+7 whatever the instant', () => {
    expect(todayInVietnam(new Date('2026-02-16T16:59:59.999Z'))).toBe('2026-02-16');
    expect(todayInVietnam(new Date('2026-02-16T17:00:00.000Z'))).toBe('2026-02-17'); // midnight in Hà Nội
    expect(todayInVietnam(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2026-01-01T00:30:00+07:00'))).toBe('2026-01-01');
    expect(() => todayInVietnam(new Date('not a date'))).toThrow(RangeError);
  });

  it('formats dates as Decree 30/2020 requires: leading zero for days under 10 and months 1–2 only', () => {
    expect(formatVietnameseDate('2026-03-05')).toBe('ngày 05 tháng 3 năm 2026');
    expect(formatVietnameseDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatVietnameseDate('2026-01-15')).toBe('ngày 15 tháng 01 năm 2026');
    expect(formatVietnameseDate('2026-03-15')).toBe('ngày 15 tháng 3 năm 2026');
    expect(formatVietnameseDate('2026-09-09')).toBe('ngày 09 tháng 9 năm 2026');
    expect(formatVietnameseDate('2026-10-01')).toBe('ngày 01 tháng 10 năm 2026');
    expect(formatVietnameseDate('2026-12-31')).toBe('ngày 31 tháng 12 năm 2026');
  });

  it('formats the short dd/mm/yyyy form', () => {
    expect(formatDateVN('2026-03-05')).toBe('05/03/2026');
    expect(formatDateVN('2026-12-31')).toBe('31/12/2026');
  });
});

describe('lunar calendar', () => {
  it('finds Tết at UTC+7 (Vietnam)', () => {
    const tet: Record<number, string> = {
      1985: '1985-01-21',
      2007: '2007-02-17',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2030: '2030-02-02',
    };
    for (const [year, date] of Object.entries(tet)) {
      expect(lunarToSolar(1, 1, Number(year), false), year).toBe(date);
      expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
    }
  });

  it('finds Tết at UTC+8 (China), which differs in 1985, 2007 and 2030', () => {
    expect(lunarToSolar(1, 1, 1985, false, 8)).toBe('1985-02-20');
    expect(lunarToSolar(1, 1, 2007, false, 8)).toBe('2007-02-18');
    expect(lunarToSolar(1, 1, 2030, false, 8)).toBe('2030-02-03');
    expect(lunarToSolar(1, 1, 2026, false, 8)).toBe('2026-02-17');
    // In Vietnam 21 January 1985 was already Tết; in China it was still month 12 of 1984.
    expect(solarToLunar('1985-01-21', 8)).toMatchObject({ month: 12, year: 1984 });
  });

  it('finds Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    expect(lunarToSolar(10, 3, 2024, false)).toBe('2024-04-18');
    expect(lunarToSolar(10, 3, 2025, false)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2026, false)).toBe('2026-04-26');
    expect(solarToLunar('2026-04-26')).toEqual({ day: 10, month: 3, year: 2026, leap: false });
  });

  it('places leap months', () => {
    expect(leapMonthOf(2012)).toBe(4);
    expect(leapMonthOf(2014)).toBe(9);
    expect(leapMonthOf(2017)).toBe(6);
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(solarToLunar('2025-07-24')).toEqual({ day: 30, month: 6, year: 2025, leap: false });
  });

  it('ends lunar 2025 on the 29th: month 12 has 29 days, so 16 February 2026 is "29 Tết"', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(() => lunarToSolar(30, 12, 2025, false)).toThrow(RangeError);
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar(1, 5, 2026, true)).toThrow(RangeError); // 2026 has no leap month
    expect(() => lunarToSolar(1, 13, 2026, false)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2026, false)).toThrow(RangeError);
    expect(() => lunarToSolar(31, 1, 2026, false)).toThrow(RangeError);
    expect(() => lunarToSolar(1.5, 1, 2026, false)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 1799, false)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2026, false, 99)).toThrow(RangeError);
    expect(() => solarToLunar('2200-01-01')).toThrow(RangeError);
  });

  for (const timeZone of [7, 8]) {
    it(`round-trips every day 1900–2100 at UTC+${timeZone}, month by month`, () => {
      const first = toEpochDay('1900-01-01');
      const last = toEpochDay('2100-12-31');
      let prev = solarToLunar(fromEpochDay(first - 1), timeZone);
      let monthLength = 0;
      const mismatches: string[] = [];
      for (let day = first; day <= last; day += 1) {
        const iso = fromEpochDay(day);
        const lunar = solarToLunar(iso, timeZone);
        const back = lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap, timeZone);
        if (back !== iso) mismatches.push(`${iso} -> ${JSON.stringify(lunar)} -> ${back}`);
        if (lunar.day === 1) {
          // A new month follows a 29- or 30-day month, and is the next number unless it is the leap repeat.
          if (day !== first) expect([29, 30], iso).toContain(monthLength);
          const expected = lunar.leap ? prev.month : (prev.month % 12) + 1;
          expect(lunar.month, iso).toBe(expected);
          expect(lunar.year, iso).toBe(lunar.month === 1 && !lunar.leap ? prev.year + 1 : prev.year);
          monthLength = 1;
        } else {
          expect(lunar, iso).toEqual({ ...prev, day: prev.day + 1 });
          monthLength += 1;
        }
        prev = lunar;
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('default holidays', () => {
  it('lists the 2026 statutory days, Tết from 29 Tết (16 Feb) to mùng 4 (20 Feb), and Monday 27 April in lieu of Sunday 26 April', () => {
    const h = (date: string, name: string) => ({ date, name, kind: 'holiday' });
    expect(defaultHolidays(2026)).toEqual([
      h('2026-01-01', 'Tết Dương lịch'),
      h('2026-02-16', 'Tết Nguyên đán (29 Tết)'),
      h('2026-02-17', 'Tết Nguyên đán (mùng 1)'),
      h('2026-02-18', 'Tết Nguyên đán (mùng 2)'),
      h('2026-02-19', 'Tết Nguyên đán (mùng 3)'),
      h('2026-02-20', 'Tết Nguyên đán (mùng 4)'),
      h('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (trùng ngày nghỉ hằng tuần 26/04/2026)', kind: 'substitute' },
      h('2026-04-30', 'Ngày Chiến thắng (30/4)'),
      h('2026-05-01', 'Ngày Quốc tế Lao động (1/5)'),
      h('2026-09-01', 'Quốc khánh (ngày liền kề 1/9)'),
      h('2026-09-02', 'Quốc khánh (2/9)'),
    ]);
  });

  it('names the eve "30 Tết" when month 12 has 30 days', () => {
    // Month 12 of lunar 2023 ran from 11 January to 9 February 2024 (30 days); 2025 and 2026 lack a 30th.
    const tet2024 = defaultHolidays(2024).filter((h) => h.name.startsWith('Tết Nguyên đán'));
    expect(tet2024.map((h) => h.date)).toEqual(['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13']);
    expect(tet2024[0]?.name).toBe('Tết Nguyên đán (30 Tết)');
    expect(defaultHolidays(2025).find((h) => h.date === '2025-01-28')?.name).toBe('Tết Nguyên đán (29 Tết)');
  });

  it('is sorted with unique dates every year, merging a Giỗ Tổ that falls on 30/4', () => {
    for (let year = 1900; year <= 2100; year += 1) {
      // A substitute day of 31 December (Tết eve never falls there) would leave the year: none does.
      const dates = defaultHolidays(year).map((h) => h.date);
      expect([...dates].sort(compareDates), String(year)).toEqual(dates);
      expect(new Set(dates).size, String(year)).toBe(dates.length);
      expect(dates.every((d) => d.startsWith(`${year}-`)), String(year)).toBe(true);
    }
    const merged = defaultHolidays(1947).find((h) => h.date === '1947-04-30');
    expect(merged?.name).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch); Ngày Chiến thắng (30/4)');
    expect(defaultHolidays(1947).filter((h) => h.kind === 'holiday')).toHaveLength(10);
  });
});

describe('working days', () => {
  const holidays = holidaySet([2025, 2026, 2027].flatMap(defaultHolidays));

  it('is Monday to Friday and not a holiday', () => {
    expect(isWorkingDay('2026-02-13', holidays)).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14', holidays)).toBe(false); // Saturday
    expect(isWeekend('2026-02-15')).toBe(true); // Sunday
    expect(isWorkingDay('2026-02-16', holidays)).toBe(false); // Monday, 29 Tết
    expect(isWorkingDay('2026-02-23', holidays)).toBe(true); // Monday after Tết
    expect(isWorkingDay('2026-02-16', new Set())).toBe(true); // with no holidays it is a plain Monday
  });

  it('counts across Tết 2026 (holidays Mon 16 – Fri 20 Feb, between two weekends)', () => {
    // Friday 13 Feb + 1: Sat 14, Sun 15, Tết 16–20, Sat 21, Sun 22 are all off -> Monday 23 Feb.
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    // Tue 10 Feb + 10: Wed 11 (1), Thu 12 (2), Fri 13 (3), [14–22 off], Mon 23 (4), Tue 24 (5),
    // Wed 25 (6), Thu 26 (7), Fri 27 (8), Mon 2 Mar (9), Tue 3 Mar (10).
    expect(addWorkingDays('2026-02-10', 10, holidays)).toBe('2026-03-03');
    expect(workingDaysBetween('2026-02-10', '2026-03-03', holidays)).toBe(10);
    expect(workingDaysBetween('2026-02-13', '2026-02-22', holidays)).toBe(0);
  });

  it('counts across 30/4–1/5 (Thursday–Friday) and the weekend after', () => {
    // Tue 28 Apr + 10: Wed 29 (1), [Thu 30/4, Fri 1/5, Sat 2, Sun 3 off], Mon 4 (2), Tue 5 (3),
    // Wed 6 (4), Thu 7 (5), Fri 8 (6), Mon 11 (7), Tue 12 (8), Wed 13 (9), Thu 14 May (10).
    expect(addWorkingDays('2026-04-28', 10, holidays)).toBe('2026-05-14');
    expect(workingDaysBetween('2026-04-28', '2026-05-14', holidays)).toBe(10);
    // Giỗ Tổ 2026 is Sunday 26 April; Monday 27 April is its substitute day (Labour Code art. 111(3)).
    expect(addWorkingDays('2026-04-24', 1, holidays)).toBe('2026-04-28');
  });

  it('counts across the year end', () => {
    // Mon 29 Dec 2025 + 5: Tue 30 (1), Wed 31 (2), [Thu 1 Jan holiday], Fri 2 (3), [Sat 3, Sun 4],
    // Mon 5 (4), Tue 6 Jan (5).
    expect(addWorkingDays('2025-12-29', 5, holidays)).toBe('2026-01-06');
    expect(workingDaysBetween('2025-12-29', '2026-01-06', holidays)).toBe(5);
  });

  it('returns the start unchanged when adding 0, even on a day off', () => {
    expect(addWorkingDays('2026-03-05', 0, holidays)).toBe('2026-03-05');
    expect(addWorkingDays('2026-04-30', 0, holidays)).toBe('2026-04-30'); // holiday
    expect(addWorkingDays('2026-05-02', 0, holidays)).toBe('2026-05-02'); // Saturday
  });

  it('never counts the start, whether it is a working day, a holiday or a weekend', () => {
    expect(addWorkingDays('2026-04-29', 1, holidays)).toBe('2026-05-04'); // Wednesday
    expect(addWorkingDays('2026-04-30', 1, holidays)).toBe('2026-05-04'); // holiday
    expect(addWorkingDays('2026-05-02', 1, holidays)).toBe('2026-05-04'); // Saturday
    expect(addWorkingDays('2026-02-17', 3, holidays)).toBe('2026-02-25'); // mùng 1 Tết
  });

  it('rejects a negative or fractional count, and a calendar with no working days', () => {
    expect(() => addWorkingDays('2026-03-05', -1, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-05', 1.5, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-05', 1, { has: () => true })).toThrow(RangeError);
  });

  it('counts (from, to], negative when to is before from, 0 for the same day', () => {
    expect(workingDaysBetween('2026-03-05', '2026-03-05', holidays)).toBe(0);
    expect(workingDaysBetween('2026-03-05', '2026-03-06', holidays)).toBe(1); // Thu -> Fri
    expect(workingDaysBetween('2026-03-06', '2026-03-08', holidays)).toBe(0); // Fri -> Sun
    expect(workingDaysBetween('2026-03-06', '2026-03-09', holidays)).toBe(1); // Fri -> Mon
    // Deadline Thu 14 May: on Mon 18 it is 2 working days past (Fri 15, Mon 18); on Tue 12 the
    // result is -2, i.e. two working days left (Wed 13 and the deadline itself).
    expect(workingDaysBetween('2026-05-14', '2026-05-18', holidays)).toBe(2);
    expect(workingDaysBetween('2026-05-12', '2026-05-14', holidays)).toBe(2);
    expect(workingDaysBetween('2026-05-14', '2026-05-12', holidays)).toBe(-2);
    expect(workingDaysBetween('2026-05-03', '2026-05-02', holidays)).toBe(0); // Sun -> Sat: 0, not -0
  });

  it('is the inverse of addWorkingDays for every start in 2026 and n up to 30', () => {
    for (let start = '2026-01-01'; start <= '2026-12-31'; start = addDays(start, 1)) {
      for (let n = 0; n <= 30; n += 1) {
        const due = addWorkingDays(start, n, holidays);
        expect(workingDaysBetween(start, due, holidays)).toBe(n);
        if (n > 0) expect(isWorkingDay(due, holidays), `${start} + ${n}`).toBe(true);
      }
    }
  });
});
