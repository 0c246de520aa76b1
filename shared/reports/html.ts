// An official report form as an A4 landscape page (Decree 30/2020 header and signatures), laid out
// from the same definition as the screen and the XLSX: the multi-level headings, the number row
// with its identities, one row per unit and the total. Pure: printed to PDF by the injected engine.
import { escapeHtml, page, signerOf, title, twoSignatures, type Html, type Letterhead } from '../documents/html.ts';
import type { ReportDefinition } from './model.ts';
import { columnNotes, headerRows, msLabel, type OfficialReport, type ReportRowData } from './report.ts';

const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const STYLES = `<style>
.form-code { text-align: right; font-size: 12pt; font-weight: bold; margin: 6pt 0 0; }
.report-lines { text-align: center; font-style: italic; margin: 2pt 0 0; font-size: 12pt; }
table.book.report { margin-top: 8pt; font-size: 10pt; }
table.book.report th { font-size: 8.5pt; line-height: 1.15; padding: 1pt; }
table.book.report td { text-align: center; vertical-align: middle; padding: 2pt 1pt; }
table.book.report td.unit { text-align: left; }
table.book.report tr.total td { font-weight: bold; }
.notes { font-size: 10pt; margin-top: 6pt; }
.notes b { font-style: italic; }
</style>`;

function rowHtml(definition: ReportDefinition, row: ReportRowData, index: string, total: boolean): Html {
  const cells = definition.columns.map((c) => (c.value === 'note' ? `<td class="unit">${escapeHtml(row.note ?? '')}</td>` : `<td>${(row.columns[String(c.ms)] ?? 0).toLocaleString('vi-VN')}</td>`));
  return `<tr${total ? ' class="total"' : ''}><td>${escapeHtml(index)}</td><td class="unit">${escapeHtml(row.unit)}</td>${cells.join('')}</tr>`;
}

export function reportPage(definition: ReportDefinition, report: OfficialReport, letterhead: Letterhead, issuedOn: string): string {
  const widths = [3, 12, ...definition.columns.map((c) => (c.value === 'note' ? 8 : 3.2))];
  const sum = widths.reduce((a, b) => a + b, 0);
  const head = headerRows(definition)
    .map((row) => `<tr>${row.map((h) => `<th${h.rowSpan ? ` rowspan="${h.rowSpan}"` : ''}${h.colSpan ? ` colspan="${h.colSpan}"` : ''}>${escapeHtml(h.text)}</th>`).join('')}</tr>`)
    .join('\n');
  const numbers = `<tr class="colno"><th>A</th><th>B</th>${definition.columns.map((c) => `<th>${escapeHtml(msLabel(definition, c.ms))}</th>`).join('')}</tr>`;
  const body = [
    ...report.rows.map((r, i) => rowHtml(definition, r, String(i + 1), false)),
    ...(report.total ? [rowHtml(definition, report.total, '', true)] : []),
  ].join('\n');
  const notes = columnNotes(definition);
  const maker = { titleLines: ['NGƯỜI LẬP BIỂU'], note: '(Ký, ghi rõ họ tên)', name: '' };
  const signer = { ...signerOf(letterhead), note: '(Ký, ghi rõ họ tên, đóng dấu)' };
  const html = [
    STYLES,
    `<div class="form-code">Biểu số ${escapeHtml(definition.form)}</div>`,
    title(definition.title),
    `<div class="report-lines">(${escapeHtml(definition.subtitle)})</div>`,
    `<div class="report-lines">Kỳ báo cáo: từ ngày ${vn(report.period.from)} đến ngày ${vn(report.period.to)}</div>`,
    `<table class="book report"><colgroup>${widths.map((w) => `<col style="width: ${((w * 100) / sum).toFixed(2)}%">`).join('')}</colgroup>`,
    `<thead>\n${head}\n${numbers}\n</thead>\n<tbody>\n${body}\n</tbody></table>`,
    notes.length ? `<div class="notes"><b>Ghi chú:</b> ${notes.map(escapeHtml).join(' ')}</div>` : '',
    twoSignatures(maker, signer),
  ].join('\n');
  return page({ title: `Biểu số ${definition.form} từ ${vn(report.period.from)} đến ${vn(report.period.to)}`, letterhead, number: null, issuedOn, body: html, landscape: true });
}
