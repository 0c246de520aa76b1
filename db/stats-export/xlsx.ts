// The statistics as an Excel workbook (write-excel-file): one sheet per form, "01-TCD" and
// "02-XLD", each with the Board's header, the title and period, bold wrapped headings with their
// column numbers, bordered figures as numbers (no formulas: every value comes from the report).
import writeXlsxFile, { type Cell, type CellObject, type Row, type SheetData } from 'write-excel-file/node';
import { issuerLine, upper } from '../../shared/documents/html.ts';
import type { HeadCell, ReportCell, ReportForm, ReportRow, ReportTable, StatisticsReport } from '../../shared/stats/export-table.ts';

const FONT = 'Times New Roman';
const BORDER = { borderStyle: 'thin', borderColor: '#000000' } as const;

/** Heading rows laid on a grid: each cell at its column, the places a span covers left null. */
export function headGrid(head: HeadCell[][], columns: number): (HeadCell | null)[][] {
  const grid: (HeadCell | null)[][] = head.map(() => Array.from({ length: columns }, () => null));
  const taken = head.map(() => Array.from({ length: columns }, () => false));
  head.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < columns && taken[r]![c]) c++;
      if (c >= columns) break;
      grid[r]![c] = cell;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) if (taken[r + dr]) taken[r + dr]![c + dc] = true;
      }
      c += cell.colSpan ?? 1;
    }
  });
  return grid;
}

function pad(row: Cell[], columns: number): Row {
  return [...row, ...Array.from({ length: Math.max(0, columns - row.length) }, () => null)];
}

function spanning(value: string, columns: number, style: Partial<CellObject> = {}): Row {
  return pad([{ value, type: String, columnSpan: columns, wrap: true, ...style }], columns);
}

function bodyCell(cell: ReportCell, column: number, row: ReportRow): Cell {
  const bold = row.kind === 'total' || row.kind === 'section' ? ({ fontWeight: 'bold' } as const) : {};
  if (cell === null) return { value: '', type: String, ...BORDER };
  if (typeof cell === 'object') return { value: cell.value, type: Number, align: 'right', alignVertical: 'center', ...BORDER, ...bold };
  if (column === 0) return { value: cell, type: String, align: 'center', alignVertical: 'center', ...BORDER, ...bold };
  const detail = row.kind === 'detail' ? ({ indent: 1, fontStyle: 'italic' } as const) : {};
  return { value: cell, type: String, wrap: true, alignVertical: 'center', ...BORDER, ...bold, ...detail };
}

function tableRows(t: ReportTable, columns: number): Row[] {
  const width = t.widths.length;
  const rows: Row[] = [];
  if (t.caption) rows.push(spanning(t.caption, columns, { fontWeight: 'bold' }));
  for (const [i, line] of headGrid(t.head, width).entries()) {
    rows.push(
      pad(
        line.map((h): Cell =>
          h === null
            ? null
            : {
                value: h.text,
                type: String,
                fontWeight: 'bold',
                align: 'center',
                alignVertical: 'center',
                wrap: true,
                ...BORDER,
                ...(h.colSpan ? { columnSpan: h.colSpan } : {}),
                ...(h.rowSpan ? { rowSpan: h.rowSpan } : {}),
                ...(i === 0 ? { height: 32 } : {}),
              },
        ),
        columns,
      ),
    );
  }
  if (t.numbered) rows.push(pad(t.widths.map((_, i): Cell => ({ value: `(${i + 1})`, type: String, align: 'center', fontStyle: 'italic', ...BORDER })), columns));
  if (t.rows.length === 0 && t.empty) rows.push(pad([{ value: t.empty, type: String, columnSpan: width, align: 'center', fontStyle: 'italic', ...BORDER }], columns));
  for (const r of t.rows) {
    if (r.kind === 'section') {
      rows.push(pad([bodyCell(r.cells[0] ?? null, 0, r), { value: String(r.cells[1] ?? ''), type: String, columnSpan: width - 1, fontWeight: 'bold', wrap: true, ...BORDER }], columns));
    } else {
      rows.push(pad(r.cells.map((c, i) => bodyCell(c, i, r)), columns));
    }
  }
  return rows;
}

function sheet(report: StatisticsReport, form: ReportForm): { data: SheetData; sheet: string; columns: { width: number }[] } {
  const columns = Math.max(...form.tables.map((t) => t.widths.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...form.tables.map((t) => t.widths[i] ?? 0)));
  const left = 2;
  const right = columns - left;
  const data: Row[] = [
    pad(
      [
        { value: upper(report.parentBody.trim()), type: String, columnSpan: left, align: 'center', wrap: true },
        null,
        { value: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', type: String, columnSpan: right, align: 'center', fontWeight: 'bold' },
      ],
      columns,
    ),
    pad(
      [
        { value: issuerLine(report.boardName, report.parentBody), type: String, columnSpan: left, align: 'center', fontWeight: 'bold', wrap: true },
        null,
        { value: 'Độc lập - Tự do - Hạnh phúc', type: String, columnSpan: right, align: 'center', fontWeight: 'bold' },
      ],
      columns,
    ),
    pad([], columns),
    spanning(form.code, columns, { align: 'right', fontWeight: 'bold' }),
    spanning(form.title, columns, { align: 'center', fontWeight: 'bold', fontSize: 14 }),
    spanning(report.periodLine, columns, { align: 'center', fontStyle: 'italic' }),
    spanning(report.asOfLine, columns, { align: 'center', fontStyle: 'italic' }),
  ];
  for (const t of form.tables) {
    data.push(pad([], columns));
    data.push(...tableRows(t, columns));
  }
  return { data, sheet: form.id, columns: widths.map((width) => ({ width })) };
}

/** The workbook's bytes. */
export async function statisticsXlsx(report: StatisticsReport): Promise<Buffer> {
  const sheets = report.forms.map((form) => ({ ...sheet(report, form), orientation: 'landscape' as const }));
  return writeXlsxFile(sheets, { fontFamily: FONT, fontSize: 12 }).toBuffer();
}
