// An official report form as an Excel sheet laid out as the paper form: the issuing body and the
// national title, the form's code, the title, the unit and the period, the multi-level merged
// headings, the number row with its identities, one row per unit (and a total row when
// consolidated), "Ghi chú", and the signature block. A4 landscape, fitted to the page width.
import writeXlsxFile, { type Cell, type CellObject, type Row } from 'write-excel-file/node';
import { issuerLine, upper } from '../../shared/documents/html.ts';
import type { ReportDefinition } from '../../shared/reports/model.ts';
import { columnNotes, headerRows, msLabel, type OfficialReport, type ReportRowData } from '../../shared/reports/report.ts';

const FONT = 'Times New Roman';
const BORDER = { borderStyle: 'thin', borderColor: '#000000' } as const;

export interface ReportSheetHeader {
  parentBody: string;
  boardName: string;
  placeName: string;
  signerTitle: string;
  signerName: string;
  /** ISO date the report is signed on. */
  signedOn: string;
}

const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function pad(row: Cell[], width: number): Row {
  return [...row, ...Array.from({ length: Math.max(0, width - row.length) }, () => null)];
}

function line(value: string, width: number, style: Partial<CellObject> = {}): Row {
  return pad([{ value, type: String, columnSpan: width, wrap: true, align: 'center', ...style }], width);
}

/** Two blocks side by side: `left` over the first `split` columns, `right` over the rest. */
function pair(left: string, right: string, width: number, split: number, leftStyle: Partial<CellObject>, rightStyle: Partial<CellObject>): Row {
  const row: Cell[] = [{ value: left, type: String, columnSpan: split, align: 'center', wrap: true, ...leftStyle }];
  for (let i = 1; i < split; i++) row.push(null);
  row.push({ value: right, type: String, columnSpan: width - split, align: 'center', wrap: true, ...rightStyle });
  return pad(row, width);
}

function dataRow(definition: ReportDefinition, row: ReportRowData, index: string, bold: boolean): Row {
  const weight = bold ? ({ fontWeight: 'bold' } as const) : {};
  return [
    { value: index, type: String, align: 'center', alignVertical: 'center', ...BORDER, ...weight },
    { value: row.unit, type: String, wrap: true, alignVertical: 'center', height: 32, ...BORDER, ...weight },
    ...definition.columns.map((c): Cell =>
      c.value === 'note'
        ? { value: row.note ?? '', type: String, wrap: true, alignVertical: 'center', ...BORDER }
        : { value: row.columns[String(c.ms)] ?? 0, type: Number, align: 'center', alignVertical: 'center', ...BORDER, ...weight },
    ),
  ];
}

/** The sheet's rows and column widths (exported for the tests, which read cells and merges back). */
export function reportSheet(definition: ReportDefinition, report: OfficialReport, header: ReportSheetHeader): { data: Row[]; widths: number[] } {
  const width = definition.columns.length + 2;
  const split = Math.min(Math.max(4, Math.floor(width / 3)), width - 2);
  const widths = [5, 24, ...definition.columns.map((c) => (c.value === 'note' ? 16 : 7))];
  const data: Row[] = [
    pair(upper(header.parentBody.trim()), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', width, split, {}, { fontWeight: 'bold' }),
    pair(issuerLine(header.boardName, header.parentBody), 'Độc lập - Tự do - Hạnh phúc', width, split, { fontWeight: 'bold' }, { fontWeight: 'bold' }),
    pad([], width),
    line(`Biểu số ${definition.form}`, width, { align: 'right', fontWeight: 'bold' }),
    line(definition.title, width, { fontWeight: 'bold', fontSize: 14, height: 22 }),
    line(`(${definition.subtitle})`, width, { fontStyle: 'italic' }),
    line(`Kỳ báo cáo: từ ngày ${vn(report.period.from)} đến ngày ${vn(report.period.to)}`, width, { fontStyle: 'italic' }),
    line(`Đơn vị báo cáo: ${header.boardName}`, width, {}),
    pad([], width),
  ];
  const grid = headerRows(definition);
  const taken = grid.map(() => new Array<boolean>(width).fill(false));
  grid.forEach((cells, r) => {
    const out: Cell[] = new Array(width).fill(null);
    let c = 0;
    for (const cell of cells) {
      while (taken[r]![c]) c++;
      out[c] = {
        value: cell.text,
        type: String,
        fontWeight: 'bold',
        align: 'center',
        alignVertical: 'center',
        wrap: true,
        fontSize: 11,
        ...BORDER,
        ...(cell.colSpan ? { columnSpan: cell.colSpan } : {}),
        ...(cell.rowSpan ? { rowSpan: cell.rowSpan } : {}),
        ...(r === 0 ? { height: 36 } : { height: 68 }),
      };
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) if (taken[r + dr]) taken[r + dr]![c + dc] = true;
      c += cell.colSpan ?? 1;
    }
    data.push(out);
  });
  data.push([
    { value: 'A', type: String, align: 'center', fontStyle: 'italic', ...BORDER },
    { value: 'B', type: String, align: 'center', fontStyle: 'italic', ...BORDER },
    ...definition.columns.map((c): Cell => ({ value: msLabel(definition, c.ms), type: String, align: 'center', alignVertical: 'center', fontStyle: 'italic', wrap: true, fontSize: 9, height: 44, ...BORDER })),
  ]);
  report.rows.forEach((row, i) => data.push(dataRow(definition, row, String(i + 1), false)));
  if (report.total) data.push(dataRow(definition, report.total, '', true));
  data.push(pad([], width));
  const notes = columnNotes(definition);
  data.push(line('Ghi chú:', width, { align: 'left', fontWeight: 'bold', fontStyle: 'italic' }));
  for (const note of notes) data.push(line(note, width, { align: 'left', fontSize: 10 }));
  data.push(pad([], width));
  const [, m, d] = [header.signedOn.slice(0, 4), header.signedOn.slice(5, 7), header.signedOn.slice(8, 10)];
  data.push(pair('', `${header.placeName}, ngày ${d} tháng ${m} năm ${header.signedOn.slice(0, 4)}`, width, split, {}, { fontStyle: 'italic' }));
  data.push(pair('NGƯỜI LẬP BIỂU', upper(header.signerTitle.trim() || 'THỦ TRƯỞNG ĐƠN VỊ'), width, split, { fontWeight: 'bold' }, { fontWeight: 'bold' }));
  data.push(pair('(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên, đóng dấu)', width, split, { fontStyle: 'italic' }, { fontStyle: 'italic' }));
  data.push(pad([], width));
  data.push(pad([], width));
  data.push(pair('', header.signerName, width, split, {}, { fontWeight: 'bold' }));
  return { data, widths };
}

/** Fits the sheet to one page wide when printed (A4 landscape is set by the sheet's orientation). */
const fitToWidth = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml: string) => {
          let out = xml.replace(/<pageSetup /, '<pageSetup fitToWidth="1" fitToHeight="0" ');
          if (!/<sheetPr[\s>/]/.test(out)) out = out.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
          return out;
        },
      },
    },
  },
};

/** The workbook of one form (one sheet named after it). */
export async function reportXlsx(definition: ReportDefinition, report: OfficialReport, header: ReportSheetHeader): Promise<Buffer> {
  const { data, widths } = reportSheet(definition, report, header);
  return writeXlsxFile(
    data,
    { sheet: definition.form.replace('/', '-'), columns: widths.map((width) => ({ width })), orientation: 'landscape' },
    { fontFamily: FONT, fontSize: 12, features: [fitToWidth] },
  ).toBuffer();
}
