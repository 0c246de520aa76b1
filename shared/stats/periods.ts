// Reporting periods. The Board keeps calendar months; official reports (Circular 06/2025/TT-TTCP)
// run from the 15th to the 14th: Q1 = 15 Dec of the previous year to 14 Mar, and so on; the
// 6-month, 9-month and year reports start on 15 Dec too.
import { z } from '../validation.ts';
import { isIsoDate } from '../domain/dates.ts';

export const PERIOD_KINDS = ['calendar_month', 'official_month', 'official_quarter', 'official_6_months', 'official_9_months', 'official_year', 'calendar_year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  calendar_month: 'Tháng (theo lịch)',
  official_month: 'Tháng (kỳ báo cáo 15–14)',
  official_quarter: 'Quý (kỳ báo cáo)',
  official_6_months: '6 tháng (kỳ báo cáo)',
  official_9_months: '9 tháng (kỳ báo cáo)',
  official_year: 'Năm (kỳ báo cáo 15/12–14/12)',
  calendar_year: 'Năm (theo lịch)',
  custom: 'Tùy chọn',
};

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Official month M of a year: 15th of the month before to the 14th of M (January starts 15 Dec). */
function officialMonth(year: number, month: number): Period {
  const [py, pm] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return { from: date(py, pm, 15), to: date(year, month, 14) };
}

export const periodRequestSchema = z.strictObject({
  kind: z.enum(PERIOD_KINDS, { error: 'Loại kỳ báo cáo không hợp lệ' }),
  year: z.number().int().min(1900).max(2100),
  /** Month (1–12) for months, quarter (1–4) for quarters. */
  index: z.number().int().min(1).max(12).default(1),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type PeriodRequest = z.input<typeof periodRequestSchema>;

export function resolvePeriod(request: z.output<typeof periodRequestSchema>): Period {
  const { kind, year, index } = request;
  switch (kind) {
    case 'calendar_month':
      return { from: date(year, index, 1), to: date(year, index, lastDayOfMonth(year, index)) };
    case 'official_month':
      return officialMonth(year, index);
    case 'official_quarter': {
      if (index > 4) throw new RangeError('Quý phải từ 1 đến 4');
      return { from: officialMonth(year, index * 3 - 2).from, to: officialMonth(year, index * 3).to };
    }
    case 'official_6_months':
      return { from: date(year - 1, 12, 15), to: date(year, 6, 14) };
    case 'official_9_months':
      return { from: date(year - 1, 12, 15), to: date(year, 9, 14) };
    case 'official_year':
      return { from: date(year - 1, 12, 15), to: date(year, 12, 14) };
    case 'calendar_year':
      return { from: date(year, 1, 1), to: date(year, 12, 31) };
    case 'custom': {
      const { from, to } = request;
      if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) throw new RangeError('Kỳ tùy chọn cần từ ngày và đến ngày hợp lệ');
      if (from > to) throw new RangeError('Từ ngày phải trước hoặc bằng đến ngày');
      return { from, to };
    }
  }
}

/** A period's Vietnamese name, e.g. "Quý I năm 2026 (15/12/2025 – 14/03/2026)". */
export function describePeriod(p: Period): string {
  const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  return `từ ${vn(p.from)} đến ${vn(p.to)}`;
}
