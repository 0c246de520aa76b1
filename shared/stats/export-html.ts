// The statistics report as an A4 page (Decree 30/2020/NĐ-CP layout, the Board's letterhead), laid
// out from the same report data as the XLSX and CSV (export-table.ts), so the three cannot differ.
// Each form starts a page with its own header and ends with its signatures. Pure: the PDF is
// printed from this HTML by the injected engine (print/chromium-pdf.ts, or Electron's printToPDF).
import { escapeHtml, header, page, signerOf, title, twoSignatures, type Html, type Letterhead } from '../documents/html.ts';
import { formatReportDate, type ReportCell, type ReportForm, type ReportTable, type StatisticsReport } from './export-table.ts';

export interface StatisticsPageOptions {
  letterhead: Letterhead;
  /** The date of the place and date line (the day the report is made). */
  issuedOn: string;
}

const STYLES = `<style>
.form-code { text-align: right; font-size: 12pt; font-weight: bold; margin: 8pt 0 0; }
.stats-lines { text-align: center; font-style: italic; margin: 2pt 0 0; font-size: 13pt; }
.stats-caption { font-weight: bold; font-size: 13pt; margin: 12pt 0 0; }
table.book.stats { margin-top: 8pt; font-size: 12pt; }
table.book.stats th { font-size: 11pt; }
table.book.stats td { vertical-align: middle; }
table.book.stats td.n { text-align: right; white-space: nowrap; }
table.book.stats td.c { text-align: center; }
table.book.stats tr.section td, table.book.stats tr.total td { font-weight: bold; }
table.book.stats tr.detail td.label { padding-left: 16pt; font-style: italic; }
.form-page { break-before: page; page-break-before: always; padding-top: 4pt; }
</style>`;

const number = (n: number) => n.toLocaleString('vi-VN');

function cellHtml(cell: ReportCell, column: number): Html {
  if (cell === null) return '<td></td>';
  if (typeof cell === 'object') return `<td class="n">${number(cell.value)}</td>`;
  return column === 0 ? `<td class="c">${escapeHtml(cell)}</td>` : `<td class="label">${escapeHtml(cell)}</td>`;
}

function tableHtml(t: ReportTable): Html {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => `<col style="width: ${((w * 100) / total).toFixed(2)}%">`).join('');
  const headRows = t.head.map(
    (row) =>
      `<tr>${row.map((h) => `<th${h.rowSpan ? ` rowspan="${h.rowSpan}"` : ''}${h.colSpan ? ` colspan="${h.colSpan}"` : ''}>${escapeHtml(h.text)}</th>`).join('')}</tr>`,
  );
  if (t.numbered) headRows.push(`<tr class="colno">${t.widths.map((_, i) => `<th>(${i + 1})</th>`).join('')}</tr>`);
  const body = t.rows.length
    ? t.rows
        .map((r) => {
          if (r.kind === 'section') {
            return `<tr class="section">${cellHtml(r.cells[0] ?? null, 0)}<td colspan="${t.widths.length - 1}">${escapeHtml(String(r.cells[1] ?? ''))}</td></tr>`;
          }
          return `<tr class="${r.kind}">${r.cells.map((c, i) => cellHtml(c, i)).join('')}</tr>`;
        })
        .join('\n')
    : `<tr><td colspan="${t.widths.length}" class="c"><i>${escapeHtml(t.empty ?? '')}</i></td></tr>`;
  const caption = t.caption ? `<div class="stats-caption">${escapeHtml(t.caption)}</div>\n` : '';
  return `${caption}<table class="book stats">
<colgroup>${cols}</colgroup>
<thead>
${headRows.join('\n')}
</thead>
<tbody>
${body}
</tbody>
</table>`;
}

function formHtml(report: StatisticsReport, form: ReportForm, options: StatisticsPageOptions): Html {
  const maker = { titleLines: ['NGƯỜI LẬP BIỂU'], note: '(Ký, ghi rõ họ tên)', name: '' };
  const signer = { ...signerOf(options.letterhead), note: '(Ký, ghi rõ họ tên, đóng dấu)' };
  return [
    `<div class="form-code">${escapeHtml(form.code)}</div>`,
    title(form.title),
    `<div class="stats-lines">${escapeHtml(report.periodLine)}</div>`,
    `<div class="stats-lines">${escapeHtml(report.asOfLine)}</div>`,
    ...form.tables.map(tableHtml),
    twoSignatures(maker, signer),
  ].join('\n');
}

/** The complete HTML page of both forms (01/TCD, then 02/XLD on a new page with its own header). */
export function statisticsPage(report: StatisticsReport, options: StatisticsPageOptions): string {
  const letterhead: Letterhead = { ...options.letterhead, parentBody: report.parentBody, boardName: report.boardName };
  const [first, second] = report.forms;
  const body = [
    STYLES,
    formHtml(report, first, { ...options, letterhead }),
    // A new page with its own header; the padding keeps the tone marks of its capitals off the page before.
    `<div class="form-page">`,
    header({ letterhead, number: null, issuedOn: options.issuedOn }),
    formHtml(report, second, { ...options, letterhead }),
    `</div>`,
  ].join('\n');
  return page({
    title: `Thống kê tiếp công dân, xử lý đơn từ ${formatReportDate(report.period.from)} đến ${formatReportDate(report.period.to)}`,
    letterhead,
    number: null,
    issuedOn: options.issuedOn,
    body,
  });
}
