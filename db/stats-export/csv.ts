// The statistics as one CSV table (RFC 4180: CRLF lines, fields with a comma, quote or line break
// quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads the Vietnamese letters.
// Columns: the form, the figure's key (its path in `petreg stats --json`), its name, its value.
// The first rows give the Board and the period; then every figure of both forms in reading order.
import { reportFigures, type StatisticsReport } from '../../shared/stats/export-table.ts';

export const CSV_BOM = '\uFEFF';
export const CSV_COLUMNS = ['Phần', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị'] as const;
const GENERAL = 'Thông tin chung';

/** A field as RFC 4180 writes it. Text that a spreadsheet would run as a formula is defused with a leading apostrophe. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function statisticsCsv(report: StatisticsReport): string {
  const rows: (string | number)[][] = [
    [...CSV_COLUMNS],
    [GENERAL, 'parent_body', 'Cơ quan chủ quản', report.parentBody],
    [GENERAL, 'board_name', 'Đơn vị báo cáo', report.boardName],
    [GENERAL, 'period.from', 'Kỳ báo cáo từ ngày', report.period.from],
    [GENERAL, 'period.to', 'Kỳ báo cáo đến ngày', report.period.to],
    [GENERAL, 'as_of', 'Số liệu tính đến ngày', report.asOf],
    ...reportFigures(report).map((f) => [f.section, f.key, f.label, f.value]),
  ];
  return CSV_BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
