// The two official report forms (Circular 06/2025/TT-TTCP) as plain data: Biểu số 01/TCD (reception)
// and Biểu số 02/XLD (receipt and handling of petitions). The XLSX, CSV and PDF exports all lay out
// this one structure, so they cannot differ; every figure is read from the Statistics object
// (shared/stats/definitions.ts, computed by db/ops/stats.ts). The only arithmetic here is the
// printed total lines of the forms (a total of reception groups, petitions to handle, the agencies'
// total), each the sum of figures printed beside it.
import { describePeriod } from './periods.ts';
import { FIELD_LABELS, FIELDS, PETITION_KIND_LABELS, PETITION_KINDS } from '../domain/petition.ts';
import { DECISION_ACTION_LABELS, DECISION_ACTIONS, DEFAULT_REASON_LABELS, INELIGIBLE_REASONS, type IneligibleReason } from '../domain/workflow.ts';
import { PETITION_FIGURE_LABELS, RECEPTION_GROUP_LABELS, RECEPTION_GROUPS, type AgencyFigures, type ReceptionFigures, type Statistics } from './definitions.ts';

/**
 * A number printed in a form. `key` says where it comes from: a path into the Statistics object
 * ("petitions.eligible.complaint", "petitions.forwarded_by_agency[SO-NNMT].replied"), or for a
 * printed total the path of the sum ("reception.total.visits", "petitions.to_handle",
 * "petitions.forwarded_by_agency[*].replied"). `label` names the figure in full, for the CSV.
 */
export interface Figure {
  value: number;
  key: string;
  label: string;
}

export type ReportCell = string | Figure | null;

export interface HeadCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** section: a heading line (I., II. …); item: a figure; detail: a part of the item above; total: a sum line. */
export type RowKind = 'section' | 'item' | 'detail' | 'total';

export interface ReportRow {
  kind: RowKind;
  cells: ReportCell[];
}

export interface ReportTable {
  /** The table's own heading inside the form, if any ("V. Đơn chuyển đến cơ quan có thẩm quyền"). */
  caption: string | null;
  /** Column widths in characters (the XLSX widths; the PDF uses them as proportions). */
  widths: number[];
  /** Heading rows, with spans (rowSpan/colSpan as in HTML). */
  head: HeadCell[][];
  /** Column numbers "(1) (2) …" under the headings, as the official forms print them. */
  numbered: boolean;
  rows: ReportRow[];
  /** Printed when the table has no body rows. */
  empty?: string;
}

export type ReportFormId = '01-TCD' | '02-XLD';

export interface ReportForm {
  id: ReportFormId;
  /** "Biểu số 01/TCD". */
  code: string;
  /** In capitals, as printed. */
  title: string;
  tables: ReportTable[];
}

export interface StatisticsReportHeader {
  /** "UBND TỈNH QUẢNG NGÃI" (settings.parentBody). */
  parentBody: string;
  /** "Ban Tiếp công dân tỉnh Quảng Ngãi" (settings.boardName). */
  boardName: string;
  /** The Board's wording of the ineligibility reasons (settings.reasonLabels); defaults otherwise. */
  reasonLabels?: Partial<Record<IneligibleReason, string>>;
}

export interface StatisticsReport {
  parentBody: string;
  boardName: string;
  period: { from: string; to: string };
  asOf: string;
  /** "Kỳ báo cáo: từ 15/12/2025 đến 14/12/2026". */
  periodLine: string;
  /** "Số liệu tính đến ngày 14/12/2026". */
  asOfLine: string;
  forms: [ReportForm, ReportForm];
}

export const REPORT_TITLES: Record<ReportFormId, { code: string; title: string }> = {
  '01-TCD': { code: 'Biểu số 01/TCD', title: 'TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN' },
  '02-XLD': { code: 'Biểu số 02/XLD', title: 'TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN' },
};

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

const fig = (value: number, key: string, label: string): Figure => ({ value, key, label });

export const RECEPTION_TOTAL_LABEL = 'Tổng cộng';

/** Columns of 01/TCD after "STT" and "Hình thức tiếp", in order. */
const RECEPTION_COLUMNS: (keyof ReceptionFigures)[] = ['sessions', 'visits', 'persons', 'delegations', 'delegation_persons'];
const RECEPTION_COLUMN_LABELS: Record<keyof ReceptionFigures, string> = {
  sessions: 'Số kỳ, buổi tiếp',
  visits: 'Số lượt tiếp',
  persons: 'Số người được tiếp',
  delegations: 'Số đoàn',
  delegation_persons: 'Số người',
};

function receptionForm(s: Statistics): ReportForm {
  const rows: ReportRow[] = RECEPTION_GROUPS.map((g, i) => ({
    kind: 'item',
    cells: [
      String(i + 1),
      RECEPTION_GROUP_LABELS[g],
      ...RECEPTION_COLUMNS.map((c) => fig(s.reception[g][c], `reception.${g}.${c}`, `${RECEPTION_GROUP_LABELS[g]}: ${receptionFigureName(c)}`)),
    ],
  }));
  rows.push({
    kind: 'total',
    cells: [
      null,
      RECEPTION_TOTAL_LABEL,
      ...RECEPTION_COLUMNS.map((c) =>
        fig(
          RECEPTION_GROUPS.reduce((n, g) => n + s.reception[g][c], 0),
          `reception.total.${c}`,
          `${RECEPTION_TOTAL_LABEL}: ${receptionFigureName(c)}`,
        ),
      ),
    ],
  });
  return {
    id: '01-TCD',
    ...REPORT_TITLES['01-TCD'],
    tables: [
      {
        caption: null,
        widths: [6, 34, 12, 12, 12, 12, 12],
        head: [
          [
            { text: 'STT', rowSpan: 2 },
            { text: 'Hình thức tiếp', rowSpan: 2 },
            { text: RECEPTION_COLUMN_LABELS.sessions, rowSpan: 2 },
            { text: RECEPTION_COLUMN_LABELS.visits, rowSpan: 2 },
            { text: RECEPTION_COLUMN_LABELS.persons, rowSpan: 2 },
            { text: 'Đoàn đông người', colSpan: 2 },
          ],
          [{ text: RECEPTION_COLUMN_LABELS.delegations }, { text: RECEPTION_COLUMN_LABELS.delegation_persons }],
        ],
        numbered: true,
        rows,
      },
    ],
  };
}

/** "Số lượt tiếp", "Đoàn đông người: số đoàn" … for the CSV's full figure names. */
function receptionFigureName(c: keyof ReceptionFigures): string {
  if (c === 'delegations') return 'số đoàn đông người';
  if (c === 'delegation_persons') return 'số người trong các đoàn đông người';
  return RECEPTION_COLUMN_LABELS[c].replace(/^Số/, 'số');
}

const AGENCY_COLUMNS: { key: keyof AgencyFigures & ('forwarded' | 'replied' | 'replied_on_time' | 'replied_late' | 'overdue' | 'pending'); head: string; name: string }[] = [
  { key: 'forwarded', head: 'Số đơn đã chuyển', name: 'số đơn đã chuyển' },
  { key: 'replied', head: 'Tổng số', name: 'đã có báo cáo kết quả' },
  { key: 'replied_on_time', head: 'Đúng hạn', name: 'báo cáo đúng hạn' },
  { key: 'replied_late', head: 'Quá hạn', name: 'báo cáo quá hạn' },
  { key: 'overdue', head: 'Đã quá hạn', name: 'chưa báo cáo, đã quá hạn' },
  { key: 'pending', head: 'Chưa đến hạn', name: 'chưa báo cáo, chưa đến hạn' },
];

function petitionForm(s: Statistics, reasonLabels: Record<IneligibleReason, string>): ReportForm {
  const p = s.petitions;
  const rows: ReportRow[] = [];
  const section = (n: number, text: string) => rows.push({ kind: 'section', cells: [ROMAN[n]!, text, null] });
  const item = (no: string, label: string, value: number, key: string, kind: RowKind = 'item', csvLabel = label) =>
    rows.push({ kind, cells: [no, label, fig(value, key, csvLabel)] });

  section(0, 'Tiếp nhận đơn');
  item('1', PETITION_FIGURE_LABELS.received, p.received, 'petitions.received');
  item('2', PETITION_FIGURE_LABELS.carried_over, p.carried_over, 'petitions.carried_over');
  item('3', 'Tổng số đơn phải xử lý (3 = 1 + 2)', p.received + p.carried_over, 'petitions.to_handle', 'total', 'Tổng số đơn phải xử lý');
  item('4', `${PETITION_FIGURE_LABELS.multi_signatory} (trong số đơn tiếp nhận trong kỳ)`, p.multi_signatory, 'petitions.multi_signatory', 'item', PETITION_FIGURE_LABELS.multi_signatory);

  section(1, 'Phân loại đơn tiếp nhận trong kỳ');
  item('1', PETITION_FIGURE_LABELS.eligible, p.eligible.total, 'petitions.eligible.total');
  for (const k of PETITION_KINDS) item('-', PETITION_KIND_LABELS[k], p.eligible[k], `petitions.eligible.${k}`, 'detail', `${PETITION_FIGURE_LABELS.eligible}: ${PETITION_KIND_LABELS[k]}`);
  item('2', PETITION_FIGURE_LABELS.ineligible, p.ineligible.total, 'petitions.ineligible.total');
  for (const r of INELIGIBLE_REASONS) {
    item('-', reasonLabels[r], p.ineligible.by_reason[r], `petitions.ineligible.by_reason.${r}`, 'detail', `${PETITION_FIGURE_LABELS.ineligible}: ${reasonLabels[r]}`);
  }
  item('3', PETITION_FIGURE_LABELS.unclassified, p.unclassified, 'petitions.unclassified');

  section(2, 'Đơn tiếp nhận trong kỳ phân theo lĩnh vực');
  FIELDS.forEach((f, i) => item(String(i + 1), FIELD_LABELS[f], p.by_field[f], `petitions.by_field.${f}`, 'item', `Lĩnh vực: ${FIELD_LABELS[f]}`));

  section(3, 'Kết quả xử lý đơn tiếp nhận trong kỳ');
  DECISION_ACTIONS.forEach((a, i) => item(String(i + 1), DECISION_ACTION_LABELS[a], p.decisions[a], `petitions.decisions.${a}`, 'item', `Hướng xử lý: ${DECISION_ACTION_LABELS[a]}`));
  item('', 'Cộng số đơn đã có hướng xử lý', p.decisions.total, 'petitions.decisions.total', 'total', 'Số đơn đã có hướng xử lý');
  item('', PETITION_FIGURE_LABELS.undecided, p.decisions.undecided, 'petitions.decisions.undecided', 'item', 'Số đơn chưa có hướng xử lý');

  const agencyName = (a: AgencyFigures) => `${a.name} (${a.agency})`;
  const agencyRows: ReportRow[] = p.forwarded_by_agency.map((a, i) => ({
    kind: 'item',
    cells: [String(i + 1), a.name, ...AGENCY_COLUMNS.map((c) => fig(a[c.key], `petitions.forwarded_by_agency[${a.agency}].${c.key}`, `${agencyName(a)}: ${c.name}`))],
  }));
  if (agencyRows.length > 0) {
    agencyRows.push({
      kind: 'total',
      cells: [
        null,
        'Tổng cộng',
        ...AGENCY_COLUMNS.map((c) =>
          fig(
            p.forwarded_by_agency.reduce((n, a) => n + a[c.key], 0),
            `petitions.forwarded_by_agency[*].${c.key}`,
            `Tổng các cơ quan: ${c.name}`,
          ),
        ),
      ],
    });
  }

  // The app's addition (not a row of the official form): the petitions by the commune where the
  // case arose, today's units (stats `by_commune`), then those whose place is not recorded.
  const c = s.by_commune ?? { units_on: s.as_of, communes: [], unrecorded: s.petitions.received };
  const communeName = (x: NonNullable<Statistics['by_commune']>['communes'][number]) => x.name ?? `Mã ${x.commune}`;
  const communeRows: ReportRow[] = c.communes.map((x, i) => ({
    kind: 'item',
    cells: [
      String(i + 1),
      communeName(x),
      x.province_name ?? '',
      fig(x.petitions, `by_commune.communes[${x.commune}].petitions`, `${communeName(x)} (${x.commune}): số đơn`),
      fig(x.matters, `by_commune.communes[${x.commune}].matters`, `${communeName(x)} (${x.commune}): số vụ việc`),
    ],
  }));
  communeRows.push({ kind: 'item', cells: [null, PETITION_FIGURE_LABELS.commune_unrecorded, null, fig(c.unrecorded, 'by_commune.unrecorded', PETITION_FIGURE_LABELS.commune_unrecorded), null] });

  return {
    id: '02-XLD',
    ...REPORT_TITLES['02-XLD'],
    tables: [
      {
        caption: null,
        widths: [6, 40, 14],
        head: [[{ text: 'STT' }, { text: 'Chỉ tiêu' }, { text: 'Số đơn' }]],
        numbered: false,
        rows,
      },
      {
        caption: `${ROMAN[4]}. ${PETITION_FIGURE_LABELS.forwarded_by_agency} (đơn tiếp nhận trong kỳ)`,
        widths: [6, 40, 12, 11, 11, 11, 11, 12],
        head: [
          [
            { text: 'STT', rowSpan: 2 },
            { text: 'Cơ quan nhận đơn', rowSpan: 2 },
            { text: 'Số đơn đã chuyển', rowSpan: 2 },
            { text: 'Đã có báo cáo kết quả', colSpan: 3 },
            { text: 'Chưa có báo cáo kết quả', colSpan: 2 },
          ],
          AGENCY_COLUMNS.slice(1).map((c) => ({ text: c.head })),
        ],
        numbered: true,
        rows: agencyRows,
        empty: 'Không có đơn nào được chuyển trong kỳ.',
      },
      {
        caption: `${ROMAN[5]}. ${PETITION_FIGURE_LABELS.by_commune} (đơn tiếp nhận trong kỳ; đơn vị hành chính ngày ${vnDate(c.units_on)})`,
        widths: [6, 40, 24, 12, 12],
        head: [[{ text: 'STT' }, { text: 'Xã, phường, đặc khu' }, { text: 'Tỉnh, thành phố' }, { text: 'Số đơn' }, { text: 'Số vụ việc' }]],
        numbered: false,
        rows: communeRows,
      },
    ],
  };
}

/** The two forms of a period's statistics, with the Board's header and the period lines. */
export function buildStatisticsReport(stats: Statistics, header: StatisticsReportHeader): StatisticsReport {
  const reasonLabels = { ...DEFAULT_REASON_LABELS, ...(header.reasonLabels ?? {}) };
  return {
    parentBody: header.parentBody,
    boardName: header.boardName,
    period: { ...stats.period },
    asOf: stats.as_of,
    periodLine: `Kỳ báo cáo: ${describePeriod(stats.period)}`,
    asOfLine: `Số liệu tính đến ngày ${vnDate(stats.as_of)}`,
    forms: [receptionForm(stats), petitionForm(stats, reasonLabels)],
  };
}

export interface FlatFigure {
  /** The form (and table) the figure is printed in: "Biểu số 01/TCD – Tổng hợp kết quả tiếp công dân". */
  section: string;
  key: string;
  label: string;
  value: number;
}

/** Every figure of the report, in reading order: the CSV's rows, and what the tests compare. */
export function reportFigures(report: StatisticsReport): FlatFigure[] {
  const out: FlatFigure[] = [];
  for (const form of report.forms) {
    for (const table of form.tables) {
      const section = `${form.code} – ${table.caption ?? sentenceCase(form.title)}`;
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell !== null && typeof cell === 'object') out.push({ section, key: cell.key, label: cell.label, value: cell.value });
        }
      }
    }
  }
  return out;
}

/** "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN" -> "Tổng hợp kết quả tiếp công dân". */
export function sentenceCase(title: string): string {
  const lower = title.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** The ASCII file name offered for an export: "thong-ke_2025-12-15_2026-12-14.xlsx". */
export function statisticsFileName(period: { from: string; to: string }, extension: 'xlsx' | 'csv' | 'pdf' | 'json'): string {
  return `thong-ke_${period.from}_${period.to}.${extension}`;
}

export { vnDate as formatReportDate };
