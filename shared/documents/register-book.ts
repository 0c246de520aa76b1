// The reception register (Sổ tiếp công dân, form 03/TCD of Decree 154/2026/NĐ-CP) for a period:
// landscape A4, the form's 13 columns, "Hướng xử lý" grouping columns 9–11, headings repeated on each page.
import { RECEPTION_REGISTER_COLUMNS } from '../domain/petition.ts';
import { formatDateVN } from '../calendar/dates.ts';
import type { ReceptionRegisterRow } from '../domain/petition.ts';
import { escapeHtml, multiline, page, title, type Html, type Letterhead } from './html.ts';


/** Column widths in % of the printed table (landscape A4, 262 mm of text width). */
const WIDTHS = [3, 8.5, 11.5, 10.5, 12.5, 7, 4, 8, 4.5, 8, 8.5, 9, 5];

export interface RegisterBookData {
  letterhead: Letterhead;
  from: string;
  to: string;
  rows: ReceptionRegisterRow[];
}

function cell(value: string | null, centred = false): Html {
  return `<td${centred ? ' class="c"' : ''}>${value === null ? '' : multiline(value)}</td>`;
}

export function registerBook(d: RegisterBookData): string {
  const head = `<thead>
  <tr>${RECEPTION_REGISTER_COLUMNS.slice(0, 8)
    .map((c) => `<th rowspan="2">${escapeHtml(c)}</th>`)
    .join('')}<th colspan="3">Hướng xử lý</th><th rowspan="2">${escapeHtml(RECEPTION_REGISTER_COLUMNS[11])}</th><th rowspan="2">${escapeHtml(RECEPTION_REGISTER_COLUMNS[12])}</th></tr>
  <tr>${RECEPTION_REGISTER_COLUMNS.slice(8, 11)
    .map((c) => `<th>${escapeHtml(c)}</th>`)
    .join('')}</tr>
  <tr class="colno">${RECEPTION_REGISTER_COLUMNS.map((_, i) => `<th>(${i + 1})</th>`).join('')}</tr>
</thead>`;
  const rows = d.rows.length
    ? d.rows
        .map(
          (r) =>
            `<tr>${cell(String(r.no), true)}${cell(formatDateVN(r.date), true)}${cell(r.nameAndAddress)}${cell(r.idNumber, true)}${cell(r.content)}` +
            `${cell(r.classification)}${cell(String(r.persons), true)}${cell(r.handledBefore)}${cell(r.accepted ? 'x' : null, true)}` +
            `${cell(r.guided)}${cell(r.forwarded)}${cell(r.followUp)}${cell(r.note)}</tr>`,
        )
        .join('\n')
    : `<tr><td colspan="${RECEPTION_REGISTER_COLUMNS.length}" class="c"><i>Không có lượt tiếp nào trong thời gian này.</i></td></tr>`;
  const persons = d.rows.reduce((n, r) => n + r.persons, 0);
  const body = [
    title('Sổ tiếp công dân'),
    `<div class="period">(Từ ngày ${formatDateVN(d.from)} đến ngày ${formatDateVN(d.to)})</div>`,
    `<table class="book">
<colgroup>${WIDTHS.map((w) => `<col style="width: ${w}%">`).join('')}</colgroup>
${head}
<tbody>
${rows}
</tbody>
</table>`,
    `<div class="total">Tổng cộng: ${d.rows.length} lượt tiếp, ${persons} người.</div>`,
  ].join('\n');
  return page({
    title: `Sổ tiếp công dân từ ${formatDateVN(d.from)} đến ${formatDateVN(d.to)}`,
    letterhead: d.letterhead,
    number: null,
    issuedOn: null,
    body,
    landscape: true,
  });
}
