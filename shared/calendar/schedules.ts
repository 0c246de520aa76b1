// The days off and worked days the government announces for a year, as data: the schedules of 2025
// and 2026 ship here with the announcing document; an administrator imports later years from a small
// file (the format below, documented in README "Lịch ngày nghỉ: tệp nhập"). A year with a schedule
// uses it in place of the defaults computed from the Labour Code (holidays.ts).
import { z } from '../validation.ts';
import { isIsoDate, type IsoDate } from './dates.ts';
import { HOLIDAY_KINDS, type Holiday, type HolidayKind, type WorkedDay } from './holidays.ts';

export interface YearSchedule {
  year: number;
  /** The announcing document(s), as cited. */
  source: string;
  daysOff: (Holiday & { kind: HolidayKind })[];
  workedDays: WorkedDay[];
}

const off = (date: IsoDate, name: string, kind: HolidayKind = 'holiday') => ({ date, name, kind });

/**
 * 2025. Tết Ất Tỵ: Monday 27 to Friday 31 January (with the weekends, 25 January to 2 February); the
 * Quốc khánh days Monday 1 and Tuesday 2 September — the Prime Minister's direction on Tết and the
 * holidays of 2025, Văn phòng Chính phủ văn bản số 8726/VPCP-KGVX ngày 26/11/2024 (sourced from the
 * press reports of it; the notice the Ministry of Labour issued on it could not be found in the
 * corpora searched, so its number is not cited). Friday 2 May off, Saturday 26 April worked: the
 * swap announced in April 2025; its document number could not be sourced either. Hùng Kings day
 * Monday 7 April, 30/4 and 1/5 fall on weekdays.
 */
const SCHEDULE_2025: YearSchedule = {
  year: 2025,
  source: 'Văn bản số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ (ý kiến của Thủ tướng Chính phủ về nghỉ Tết Âm lịch và các dịp nghỉ lễ năm 2025); hoán đổi ngày làm việc thứ Sáu 02/5/2025 với thứ Bảy 26/4/2025 theo thông báo tháng 4/2025',
  daysOff: [
    off('2025-01-01', 'Tết Dương lịch'),
    off('2025-01-27', 'Tết Nguyên đán (28 tháng Chạp)'),
    off('2025-01-28', 'Tết Nguyên đán (29 Tết)'),
    off('2025-01-29', 'Tết Nguyên đán (mùng 1)'),
    off('2025-01-30', 'Tết Nguyên đán (mùng 2)'),
    off('2025-01-31', 'Tết Nguyên đán (mùng 3)'),
    off('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    off('2025-04-30', 'Ngày Chiến thắng (30/4)'),
    off('2025-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', 'announced'),
    off('2025-09-01', 'Quốc khánh (ngày liền kề 1/9)'),
    off('2025-09-02', 'Quốc khánh (2/9)'),
  ],
  workedDays: [{ date: '2025-04-26', name: 'Làm bù cho ngày nghỉ 02/5/2025' }],
};

/**
 * 2026. Friday 2 January off, Saturday 10 January worked — Văn phòng Chính phủ văn bản số
 * 12729/VPCP-KGVX ngày 25/12/2025 (the Deputy Prime Minister's agreement to the Ministry of Home
 * Affairs' proposal). Tết Bính Ngọ Monday 16 to Friday 20 February; Monday 31 August off, Saturday
 * 22 August worked, with Quốc khánh 1 and 2 September — Bộ Nội vụ, Thông báo số 9441 ngày
 * 16/10/2025 on the Prime Minister's approval. Hùng Kings day on Sunday 26 April, so Monday 27 April
 * off (Labour Code art. 111(3)). Sources: press reports naming these documents (vietbao.vn of
 * 17/10/2025 for 9441; collector.com.tr quoting 12729); the documents' own texts were not in the
 * corpora searched.
 */
const SCHEDULE_2026: YearSchedule = {
  year: 2026,
  source: 'Văn bản số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (Tết Dương lịch 2026); Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ (Tết Âm lịch, Quốc khánh 2026); Bộ luật Lao động điều 111 khoản 3 (nghỉ bù Giỗ Tổ Hùng Vương)',
  daysOff: [
    off('2026-01-01', 'Tết Dương lịch'),
    off('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', 'announced'),
    off('2026-02-16', 'Tết Nguyên đán (29 Tết)'),
    off('2026-02-17', 'Tết Nguyên đán (mùng 1)'),
    off('2026-02-18', 'Tết Nguyên đán (mùng 2)'),
    off('2026-02-19', 'Tết Nguyên đán (mùng 3)'),
    off('2026-02-20', 'Tết Nguyên đán (mùng 4)'),
    off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật 26/4/2026)', 'substitute'),
    off('2026-04-30', 'Ngày Chiến thắng (30/4)'),
    off('2026-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    off('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)', 'announced'),
    off('2026-09-01', 'Quốc khánh (1/9)'),
    off('2026-09-02', 'Quốc khánh (2/9)'),
  ],
  workedDays: [
    { date: '2026-01-10', name: 'Làm bù cho ngày nghỉ 02/01/2026' },
    { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ 31/8/2026' },
  ],
};

export const ANNOUNCED_SCHEDULES: ReadonlyMap<number, YearSchedule> = new Map([
  [2025, SCHEDULE_2025],
  [2026, SCHEDULE_2026],
]);

// --- The import file -------------------------------------------------------------------------------
// JSON: { "format": "petreg-holidays/1", "year": 2027, "source": "Thông báo số …",
//         "days": [ { "date": "2027-01-01", "type": "off", "kind": "holiday", "name": "Tết Dương lịch" },
//                   { "date": "2027-02-20", "type": "worked", "name": "Làm bù cho ngày 12/02/2027" } ] }
// CSV (UTF-8, comma-separated, a header line): date,type,kind,name — and the source on a first line
// "# source: Thông báo số …". type is "off" or "worked"; kind (off only) is holiday, substitute or
// announced (default holiday). Every date lies in the year; a date appears once; a worked day is a
// Saturday or a Sunday; an off day is not a weekend day.

export const SCHEDULE_FORMAT = 'petreg-holidays/1';

const dayRow = z.strictObject({
  date: z.string().refine(isIsoDate, { error: 'Ngày phải có dạng YYYY-MM-DD và có thật' }),
  type: z.enum(['off', 'worked'], { error: 'Loại ngày là "off" (nghỉ) hoặc "worked" (làm bù)' }),
  kind: z.enum(HOLIDAY_KINDS, { error: 'Loại ngày nghỉ là holiday, substitute hoặc announced' }).optional(),
  name: z.string().trim().min(1, { error: 'Tên ngày không được để trống' }).max(200, { error: 'Tên ngày dài quá 200 ký tự' }),
});

export const scheduleFileSchema = z
  .strictObject({
    format: z.literal(SCHEDULE_FORMAT, { error: `Tệp phải ghi "format": "${SCHEDULE_FORMAT}"` }),
    year: z.number({ error: 'Năm phải là số' }).int().min(2000, { error: 'Năm từ 2000' }).max(2100, { error: 'Năm đến 2100' }),
    source: z.string().trim().min(1, { error: 'Cần ghi văn bản công bố (source)' }).max(500),
    days: z.array(dayRow).min(1, { error: 'Tệp không có ngày nào' }).max(120, { error: 'Tối đa 120 ngày' }),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.days.forEach((d, i) => {
      const at = (message: string) => ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message });
      if (!d.date.startsWith(`${f.year}-`)) at(`Ngày ${d.date} không thuộc năm ${f.year}`);
      if (seen.has(d.date)) at(`Ngày ${d.date} có hai lần`);
      seen.add(d.date);
      const dow = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      const weekend = dow === 0 || dow === 6;
      if (d.type === 'worked' && !weekend) at(`Ngày làm bù ${d.date} phải là thứ Bảy hoặc Chủ nhật`);
      if (d.type === 'off' && weekend) at(`Ngày nghỉ ${d.date} là ngày nghỉ hằng tuần; ghi ngày nghỉ bù thay vào`);
      if (d.type === 'worked' && d.kind) ctx.addIssue({ code: 'custom', path: ['days', i, 'kind'], message: 'Ngày làm bù không có loại ngày nghỉ' });
    });
  });
export type ScheduleFile = z.output<typeof scheduleFileSchema>;

/** The file as a year's schedule. */
export function scheduleOf(file: ScheduleFile): YearSchedule {
  return {
    year: file.year,
    source: file.source,
    daysOff: file.days.filter((d) => d.type === 'off').map((d) => ({ date: d.date, name: d.name, kind: d.kind ?? 'holiday' })),
    workedDays: file.days.filter((d) => d.type === 'worked').map((d) => ({ date: d.date, name: d.name })),
  };
}

/** A CSV line split on commas, with "quoted, fields". */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/**
 * The raw object of an import file, JSON or CSV (told apart by the content), for scheduleFileSchema to
 * check. Throws an Error with a Vietnamese message when the text is neither.
 */
export function readScheduleText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new Error('Tệp JSON không đọc được (sai cú pháp)');
    }
  }
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  let source = '';
  while (lines[0]?.startsWith('#')) {
    const m = /^#\s*source\s*:\s*(.+)$/i.exec(lines.shift()!);
    if (m) source = m[1]!.trim();
  }
  const header = csvFields(lines.shift() ?? '').map((h) => h.toLowerCase());
  if (header.join(',') !== 'date,type,kind,name') throw new Error('Tệp CSV phải có dòng tiêu đề: date,type,kind,name');
  const days = lines.map((line) => {
    const [date = '', type = '', kind = '', name = ''] = csvFields(line);
    return kind ? { date, type, kind, name } : { date, type, name };
  });
  const years = new Set(days.map((d) => Number(d.date.slice(0, 4))));
  return { format: SCHEDULE_FORMAT, year: years.size === 1 ? [...years][0] : Number.NaN, source, days };
}

/** holidays.importPreview / holidays.importConfirm: the file's text and name, as the screen reads it. */
export const scheduleImportSchema = z.strictObject({
  fileName: z.string().trim().min(1, { error: 'Thiếu tên tệp' }).max(255),
  text: z.string({ error: 'Thiếu nội dung tệp' }).min(1, { error: 'Tệp rỗng' }).max(200_000, { error: 'Tệp lịch nghỉ quá lớn (tối đa 200 KB)' }),
});
export type ScheduleImportInput = z.input<typeof scheduleImportSchema>;
