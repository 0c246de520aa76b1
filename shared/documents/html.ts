// The page every document is printed on, laid out per Decree 30/2020/NĐ-CP (Appendix I):
// A4, margins 20/15/20/30 mm, Times New Roman (Liberation Serif is metric-compatible and covers
// Vietnamese), the issuing body and the national title side by side, the number and the place and
// date under them, a bold capital title, the body, then "Nơi nhận" left and the signature right.
// Every function takes plain text and escapes it; only the fragments built here are raw HTML.
import { formatVietnameseDate } from '../calendar/dates.ts';

/** Who issues the documents: the Board settings the layout needs. */
export interface Letterhead {
  /** The governing body, "UBND TỈNH QUẢNG NGÃI". */
  parentBody: string;
  /** "Ban Tiếp công dân tỉnh Quảng Ngãi". */
  boardName: string;
  /** Place name of the date line, "Quảng Ngãi". */
  placeName: string;
  signerName: string;
  /** "TRƯỞNG BAN"; several lines ("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN") when signing on someone's behalf. */
  signerTitle: string;
}

/** A fragment of HTML that is already safe: built here from escaped text. */
export type Html = string & { readonly __html?: never };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values (NFC, so diacritics print as one glyph). */
export function escapeHtml(value: string): string {
  return value.normalize('NFC').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped text whose line breaks are kept. */
export function multiline(value: string): Html {
  return escapeHtml(value.trim()).replace(/\r?\n/g, '<br>');
}

/** Vietnamese upper case (Đ, Ư, Ơ and every tone mark keep their shape). */
export function upper(value: string): string {
  return value.normalize('NFC').toLocaleUpperCase('vi');
}

/** The first letter in upper case: a phrase that starts a sentence ("bà X" -> "Bà X"). */
export function capitalise(value: string): string {
  return value.length === 0 ? value : upper(value.charAt(0)) + value.slice(1);
}

/**
 * The issuing body's own line under its parent body. The Board's full name repeats the province
 * the parent line already gives ("Ban Tiếp công dân tỉnh Quảng Ngãi" under "UBND TỈNH QUẢNG NGÃI"),
 * so that tail is dropped: "BAN TIẾP CÔNG DÂN".
 */
export function issuerLine(boardName: string, parentBody: string): string {
  const name = upper(boardName.trim());
  const parent = upper(parentBody.trim());
  const tail = /\s+((?:TỈNH|THÀNH PHỐ)\s+.+)$/u.exec(name);
  if (tail && parent.endsWith(tail[1]!)) return name.slice(0, tail.index);
  return name;
}

/**
 * The governing committee in running text: "UBND TỈNH QUẢNG NGÃI" -> "Ủy ban nhân dân tỉnh Quảng Ngãi".
 * Anything not in that shape is returned as written.
 */
export function committeeName(parentBody: string): string {
  const m = /^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(upper(parentBody.trim()));
  if (!m) return parentBody.trim();
  const place = m[2]!
    .toLocaleLowerCase('vi')
    .split(/(\s+|-)/u)
    .map((part) => capitalise(part))
    .join('');
  return `Ủy ban nhân dân ${m[1]!.toLocaleLowerCase('vi')} ${place}`;
}

/** "Số: 05/PC-BTCD"; unnumbered documents leave room for the clerk: "Số:        /BN-BTCD". */
export function numberLine(number: string | null, prefix: string | null): Html {
  if (number !== null) return `Số: ${escapeHtml(number)}`;
  const blank = '&nbsp;'.repeat(12);
  return prefix === null ? `Số:${blank}` : `Số:${blank}/${escapeHtml(prefix)}`;
}

/** "Quảng Ngãi, ngày 05 tháng 3 năm 2026". */
export function placeDateLine(placeName: string, iso: string): string {
  return `${placeName.trim()}, ${formatVietnameseDate(iso)}`;
}

const FONT = `"Times New Roman", "Liberation Serif", "DejaVu Serif", serif`;

function styles(landscape: boolean): string {
  const page = landscape ? 'size: A4 landscape; margin: 15mm 15mm 15mm 20mm;' : 'size: A4; margin: 20mm 15mm 20mm 30mm;';
  return `
@page { ${page} @top-center { content: counter(page); font: 13pt ${FONT}; vertical-align: bottom; padding-bottom: 4mm; } }
@page :first { @top-center { content: none; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT}; font-size: 14pt; line-height: 1.3; color: #000; background: #fff; }
@media screen { body { width: ${landscape ? '297mm' : '210mm'}; min-height: ${landscape ? '210mm' : '297mm'}; padding: ${landscape ? '15mm 15mm 15mm 20mm' : '20mm 15mm 20mm 30mm'}; margin: 0 auto; } }
table.head { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.head td { vertical-align: top; text-align: center; padding: 0; }
.parent { font-size: 13pt; white-space: nowrap; }
.issuer { font-size: 13pt; font-weight: bold; }
.issuer > span { display: inline-block; position: relative; padding-bottom: 3pt; }
.issuer > span::after { content: ""; position: absolute; left: 30%; right: 30%; bottom: 0; border-top: 1px solid #000; }
.nation { font-size: 12pt; font-weight: bold; white-space: nowrap; }
.motto { font-size: 13pt; font-weight: bold; white-space: nowrap; }
.motto > span { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
table.head td.number { font-size: 13pt; padding-top: 8pt; }
table.head td.date { font-style: italic; font-size: 14pt; padding-top: 8pt; }
.vv { font-size: 12pt; margin-top: 4pt; }
h1.title { font-size: 14pt; font-weight: bold; text-align: center; margin: 22pt 0 0; }
.subtitle { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; }
.title-rule { width: 30mm; margin: 3pt auto 0; border-top: 1px solid #000; }
.to { text-align: center; margin: 12pt 0 6pt; }
.to-detail { text-align: center; margin: -4pt 0 6pt; }
p { margin: 6pt 0; text-indent: 1cm; text-align: justify; }
p.plain { text-indent: 0; }
ol.items { margin: 0 0 6pt; padding-left: 1.6cm; }
ol.items li { margin: 3pt 0; text-align: justify; }
.dots { display: block; border-bottom: 1px dotted #000; height: 1.3em; }
.fill { display: inline-block; border-bottom: 1px dotted #000; height: 1em; vertical-align: baseline; }
table.items-table { font-size: 13pt; }
table.foot { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 12pt; page-break-inside: avoid; break-inside: avoid; }
table.foot td { vertical-align: top; padding: 0; }
.recipients-head { font-size: 12pt; font-weight: bold; font-style: italic; }
.recipients { font-size: 11pt; line-height: 1.25; }
.sign { text-align: center; }
.sign-title { font-size: 14pt; font-weight: bold; }
.sign-note { font-size: 13pt; font-style: italic; }
.sign-space { height: 26mm; }
.sign-name { font-size: 14pt; font-weight: bold; }
table.book { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 10pt; font-size: 10.5pt; line-height: 1.2; }
table.book th, table.book td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; overflow-wrap: anywhere; }
table.book th { font-weight: bold; font-size: 10pt; text-align: center; vertical-align: middle; padding: 2pt; overflow-wrap: normal; hyphens: none; }
table.book tr.colno th { font-weight: normal; font-style: italic; font-size: 10pt; padding: 1pt; }
table.book tr { break-inside: avoid; page-break-inside: avoid; }
table.book td.c { text-align: center; }
.period { text-align: center; font-style: italic; margin: 2pt 0 0; }
.total { margin-top: 8pt; font-size: 12pt; }
`;
}

export interface PageParts {
  /** The browser tab / PDF title. */
  title: string;
  letterhead: Letterhead;
  /** The "Số:" line (numberLine), or null for none. */
  number: Html | null;
  /** Trích yếu of a letter without a title ("V/v đôn đốc giải quyết đơn"), under the number. */
  subject?: string;
  /** Issue date, for the place and date line; null for none. */
  issuedOn: string | null;
  body: Html;
  landscape?: boolean;
}

/** The header table: issuing body left, national title and motto right, number and date under them. */
export function header(parts: Pick<PageParts, 'letterhead' | 'number' | 'subject' | 'issuedOn'>): Html {
  const { letterhead } = parts;
  const left = `<div class="parent">${escapeHtml(upper(letterhead.parentBody.trim()))}</div>
      <div class="issuer"><span>${escapeHtml(issuerLine(letterhead.boardName, letterhead.parentBody))}</span></div>`;
  const right = `<div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
      <div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div>`;
  const numberCell = parts.number === null && !parts.subject ? '' : `${parts.number ?? ''}${parts.subject ? `<div class="vv">V/v ${escapeHtml(parts.subject)}</div>` : ''}`;
  const dateCell = parts.issuedOn === null ? '' : escapeHtml(placeDateLine(letterhead.placeName, parts.issuedOn));
  const second = numberCell === '' && dateCell === '' ? '' : `\n  <tr><td class="number">${numberCell}</td><td class="date">${dateCell}</td></tr>`;
  return `<table class="head">
  <colgroup><col style="width: 40%"><col style="width: 60%"></colgroup>
  <tr>
    <td>
      ${left}
    </td>
    <td>
      ${right}
    </td>
  </tr>${second}
</table>`;
}

/** "THÔNG BÁO" over "Về việc …" (bold); a subtitle (trích yếu) gets the short rule under it. */
export function title(main: string, subtitle?: string): Html {
  const sub = subtitle ? `\n<div class="subtitle">${escapeHtml(subtitle)}</div>\n<div class="title-rule"></div>` : '';
  return `<h1 class="title">${escapeHtml(upper(main))}</h1>${sub}`;
}

/** "Kính gửi: …", centred under the title, with optional detail lines (an address). */
export function addressee(name: string, ...details: string[]): Html {
  const more = details.map((d) => `\n<div class="to-detail">${escapeHtml(d)}</div>`).join('');
  return `<div class="to">Kính gửi: ${escapeHtml(name)}</div>${more}`;
}

/** A body paragraph from plain text (first line indented, justified). */
export function para(text: string): Html {
  return `<p>${multiline(text)}</p>`;
}

/** A body paragraph from HTML fragments already escaped (for bold or italic parts). */
export function paraHtml(html: Html, plain = false): Html {
  return `<p${plain ? ' class="plain"' : ''}>${html}</p>`;
}

/** Dotted lines to be filled in by hand. */
export function dots(lines: number): Html {
  return Array.from({ length: lines }, () => '<span class="dots"></span>').join('');
}

export interface SignatureBlock {
  /** Lines of the signer's title, in capitals (e.g. ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]). */
  titleLines: string[];
  /** "(Ký, ghi rõ họ tên)" and the like, in italics under the title. */
  note?: string;
  /** Empty: the name is left for the signer to write. */
  name: string;
}

export function signerOf(letterhead: Letterhead): SignatureBlock {
  return {
    titleLines: letterhead.signerTitle.split(/\r?\n/).map((l) => upper(l.trim())).filter(Boolean),
    name: letterhead.signerName.trim(),
  };
}

function signature(block: SignatureBlock): Html {
  const lines = block.titleLines.map((l) => `<div class="sign-title">${escapeHtml(l)}</div>`).join('');
  const note = block.note ? `<div class="sign-note">${escapeHtml(block.note)}</div>` : '';
  return `<div class="sign">${lines}${note}<div class="sign-space"></div><div class="sign-name">${escapeHtml(block.name)}</div></div>`;
}

/**
 * "Nơi nhận" at bottom left (bold italic 12 pt, list 11 pt) beside the signature block. Each entry is
 * one line "- …;", the last "- Lưu: VT, hồ sơ." ends with a full stop.
 */
export function footer(recipients: string[], sign: SignatureBlock): Html {
  const list = [...recipients, 'Lưu: VT, hồ sơ']
    .map((r, i, all) => `- ${escapeHtml(r)}${i === all.length - 1 ? '.' : ';'}`)
    .join('<br>');
  return `<table class="foot">
  <colgroup><col style="width: 45%"><col style="width: 55%"></colgroup>
  <tr>
    <td><div class="recipients-head">Nơi nhận:</div><div class="recipients">${list}</div></td>
    <td>${signature(sign)}</td>
  </tr>
</table>`;
}

/** Two signatures side by side, no "Nơi nhận" (the receipt: the one who hands in, the one who receives). */
export function twoSignatures(left: SignatureBlock, right: SignatureBlock): Html {
  return `<table class="foot">
  <colgroup><col style="width: 50%"><col style="width: 50%"></colgroup>
  <tr><td>${signature(left)}</td><td>${signature(right)}</td></tr>
</table>`;
}

/**
 * For a machine whose Times New Roman (or metric twin) lacks Vietnamese letters, as Liberation Serif
 * 1.x on Debian does: Chromium would take each missing letter from another font, so a word mixes two
 * faces. One face with every letter reads better: DejaVu Serif, condensed to keep Times' line
 * lengths, body 13 pt. The PDF engines apply it when fontconfig says so (print/chromium-pdf.ts).
 */
export function withFallbackFont(html: string): string {
  const family = '"DejaVu Serif", serif';
  const css = `<style>body { font-family: ${family}; font-stretch: condensed; font-size: 13pt; } @page { @top-center { font-family: ${family}; font-stretch: condensed; } }</style>`;
  return html.replace('</head>', `${css}\n</head>`);
}

/**
 * The complete HTML document. A strict Content-Security-Policy makes anything that slipped into it
 * inert: no script, no request leaves the page (the fonts are the machine's own).
 */
export function page(parts: PageParts): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(parts.title)}</title>
<style>${styles(parts.landscape ?? false)}</style>
</head>
<body>
${header(parts)}
${parts.body}
</body>
</html>
`;
}
