// The calendar as the government sets it: substitute days (Labour Code 2019 art. 111(3)), worked
// Saturdays, the announced schedules of 2025 and 2026, and the import file of a year's schedule.
import { describe, expect, it } from 'vitest';
import { defaultHolidays, substituteDays, workCalendar } from '../../shared/calendar/holidays.ts';
import { ANNOUNCED_SCHEDULES, readScheduleText, scheduleFileSchema, scheduleOf } from '../../shared/calendar/schedules.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../shared/calendar/working-days.ts';

const announced = (year: number) => {
  const s = ANNOUNCED_SCHEDULES.get(year)!;
  return workCalendar(s.daysOff, s.workedDays);
};
const both = (() => {
  const a = ANNOUNCED_SCHEDULES.get(2025)!;
  const b = ANNOUNCED_SCHEDULES.get(2026)!;
  return workCalendar([...a.daysOff, ...b.daysOff, ...defaultHolidays(2027)], [...a.workedDays, ...b.workedDays]);
})();

describe('the announced schedules cite their documents', () => {
  it('names the document number and date of each announcement the data was checked against', () => {
    // 2025: the Prime Minister's direction conveyed by the Government Office (Tết Ất Tỵ, Quốc khánh).
    expect(ANNOUNCED_SCHEDULES.get(2025)!.source).toContain('8726/VPCP-KGVX ngày 26/11/2024');
    // 2026: New Year swap (2 Jan off, 10 Jan worked) and the Ministry of Home Affairs' notice of Tết and 2/9.
    expect(ANNOUNCED_SCHEDULES.get(2026)!.source).toContain('12729/VPCP-KGVX ngày 25/12/2025');
    expect(ANNOUNCED_SCHEDULES.get(2026)!.source).toContain('Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ');
    // No number that could not be sourced (the earlier "6150/TB-LĐTBXH" was never found in a text).
    for (const s of ANNOUNCED_SCHEDULES.values()) expect(s.source).not.toMatch(/6150/);
  });
});

describe('substitute days (Labour Code 2019, art. 111(3))', () => {
  it('gives the next weekday for a holiday on Saturday or Sunday, never a holiday or a taken day', () => {
    expect(substituteDays([{ date: '2026-04-26', name: 'Giỗ Tổ' }]).map((h) => h.date)).toEqual(['2026-04-27']);
    // Saturday and Sunday both holidays: Monday and Tuesday off.
    expect(substituteDays([{ date: '2027-05-01', name: 'A' }, { date: '2027-05-02', name: 'B' }]).map((h) => h.date)).toEqual(['2027-05-03', '2027-05-04']);
    // 2027: 1/5 is a Saturday, so Monday 3 May is off; 2/9 is a Thursday, nothing to add.
    expect(defaultHolidays(2027).filter((h) => h.kind === 'substitute').map((h) => h.date)).toContain('2027-05-03');
  });

  it('is generated for every year: no default holiday list leaves a weekend holiday without its day off', () => {
    for (let year = 2000; year <= 2100; year++) {
      const list = defaultHolidays(year);
      const weekendHolidays = list.filter((h) => h.kind === 'holiday' && [0, 6].includes(new Date(`${h.date}T00:00:00Z`).getUTCDay()));
      expect(list.filter((h) => h.kind === 'substitute'), String(year)).toHaveLength(weekendHolidays.length);
    }
  });
});

describe('deadlines against the announced schedules', () => {
  it('across Hùng Kings day 2026: received Mon 20 Apr, ten working days, due Thu 7 May', () => {
    expect(addWorkingDays('2026-04-20', 10, announced(2026))).toBe('2026-05-07');
    expect(isWorkingDay('2026-04-27', announced(2026))).toBe(false);
    // The defaults give the same day off (art. 111(3)), so a year without a schedule agrees.
    expect(addWorkingDays('2026-04-20', 10, workCalendar(defaultHolidays(2026)))).toBe('2026-05-07');
  });

  it('across Tết 2025 (off Mon 27 – Fri 31 January): received Thu 23 Jan, two working days, due Mon 3 Feb', () => {
    expect(addWorkingDays('2025-01-23', 2, announced(2025))).toBe('2025-02-03');
    expect(addWorkingDays('2025-01-23', 10, announced(2025))).toBe('2025-02-13');
    // The Labour Code defaults alone would have kept Monday 27 January a working day.
    expect(addWorkingDays('2025-01-23', 2, workCalendar(defaultHolidays(2025)))).toBe('2025-01-27');
  });

  it('across a worked Saturday: Sat 10 Jan 2026 counts, Fri 2 Jan does not', () => {
    const cal = announced(2026);
    expect(isWorkingDay('2026-01-10', cal)).toBe(true);
    expect(isWorkingDay('2026-01-02', cal)).toBe(false);
    expect(addWorkingDays('2026-01-08', 2, cal)).toBe('2026-01-10');
    expect(addWorkingDays('2026-08-21', 1, cal)).toBe('2026-08-22');
    expect(isWorkingDay('2026-08-31', cal)).toBe(false);
    expect(workingDaysBetween('2026-01-09', '2026-01-12', cal)).toBe(2);
    expect(isWorkingDay('2025-04-26', both)).toBe(true);
    expect(isWorkingDay('2025-05-02', both)).toBe(false);
  });
});

describe('the schedule import file', () => {
  const json = {
    format: 'petreg-holidays/1',
    year: 2027,
    source: 'Thông báo thử',
    days: [
      { date: '2027-01-01', type: 'off', name: 'Tết Dương lịch' },
      { date: '2027-02-20', type: 'worked', name: 'Làm bù' },
    ],
  };

  it('reads JSON and CSV to the same schedule', () => {
    const fromJson = scheduleOf(scheduleFileSchema.parse(readScheduleText(JSON.stringify(json))));
    const csv = '\uFEFF# source: Thông báo thử\r\ndate,type,kind,name\r\n2027-01-01,off,,Tết Dương lịch\r\n2027-02-20,worked,,Làm bù\r\n';
    const fromCsv = scheduleOf(scheduleFileSchema.parse(readScheduleText(csv)));
    expect(fromCsv).toEqual(fromJson);
    expect(fromJson).toEqual({ year: 2027, source: 'Thông báo thử', daysOff: [{ date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday' }], workedDays: [{ date: '2027-02-20', name: 'Làm bù' }] });
  });

  it('refuses what is not a schedule, with the reason in Vietnamese', () => {
    expect(() => readScheduleText('date;type\n')).toThrow('dòng tiêu đề');
    expect(() => readScheduleText('{oops')).toThrow('không đọc được');
    const bad = scheduleFileSchema.safeParse({ ...json, days: [...json.days, { date: '2027-01-01', type: 'off', name: 'Lặp' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('Ngày 2027-01-01 có hai lần');
  });

  it('ships the 2025 and 2026 schedules that its own checks accept', () => {
    for (const s of ANNOUNCED_SCHEDULES.values()) {
      const file = {
        format: 'petreg-holidays/1',
        year: s.year,
        source: s.source,
        days: [...s.daysOff.map((d) => ({ date: d.date, type: 'off', kind: d.kind, name: d.name })), ...s.workedDays.map((d) => ({ date: d.date, type: 'worked', name: d.name }))],
      };
      expect(scheduleFileSchema.safeParse(file).success, String(s.year)).toBe(true);
    }
  });
});
