// The reception forms of Decree 154/2026/NĐ-CP (Appendix) made at the desk: the receipt for
// information and documents handed in (form 02/TCD) and the notice refusing reception (form 01/TCD).
import { formatDateVN } from '../calendar/dates.ts';
import type { Person } from '../domain/person.ts';
import type { Matter } from '../domain/reception.ts';
import {
  addressee,
  capitalise,
  committeeName,
  escapeHtml,
  footer,
  numberLine,
  page,
  para,
  paraHtml,
  signerOf,
  title,
  twoSignatures,
  type Html,
  type Letterhead,
} from './html.ts';
import { RECEIPT_ITEM_STATE_LABELS, REFUSAL_GROUND_TEXTS, type RefusalNoticeGround, type ReceiptItemState } from './legal.ts';
import { onDate, personName, personTitle, sentence } from './words.ts';

/** A person as the reception forms name them: the ID's issue date and place when the record has them. */
export type FormPerson = Person & { idIssuedOn?: string | null; idIssuedPlace?: string | null };

export interface ReceiptItemData {
  name: string;
  pages: number | null;
  state: ReceiptItemState;
}

export interface ReceiptData {
  letterhead: Letterhead;
  /** The day the documents were handed in (the petition's received date). */
  issuedOn: string;
  /** "09:30", or null to write by hand. */
  time: string | null;
  /** Where they were handed in (the reception session's place), else the Board's office. */
  place: string | null;
  /** The officer who received them, and their title; null leaves them to be written by hand. */
  receiver: string | null;
  receiverTitle: string | null;
  /** Who handed them in (the lead petitioner); null when the petition names nobody. */
  giver: FormPerson | null;
  items: ReceiptItemData[];
  /** Copies made; one goes to the giver. */
  copies: number;
}

export interface RefusalData {
  letterhead: Letterhead;
  prefix: string;
  /** The number of the notice issued through the register (notices.issue); absent prints it blank. */
  number?: string | null;
  /** The day of the visit that was refused. */
  issuedOn: string;
  visit: {
    date: string;
    place: string | null;
    citizen: FormPerson;
    /** Members of the delegation the citizen represents, or null. */
    delegationMembers: number | null;
    matter: Matter;
    content: string;
  };
  ground: RefusalNoticeGround;
  /** The officer's own words on why, added after the legal ground; null for none. */
  reason: string | null;
}

/** "khiếu nại", "tố cáo", "kiến nghị, phản ánh": the content the citizen came with. */
const MATTER_WORDS: Record<Matter, string> = {
  complaint: 'khiếu nại',
  denunciation: 'tố cáo',
  recommendation: 'kiến nghị, phản ánh',
  multiple: 'khiếu nại, tố cáo, kiến nghị, phản ánh',
  other: 'kiến nghị, phản ánh',
};

/** A space to fill in by hand: a dotted line of a fixed width that never wraps or stretches. */
const HAND = '<span class="fill" style="width: 45mm"></span>';
const SHORT_HAND = '<span class="fill" style="width: 18mm"></span>';

function placeOf(place: string | null, letterhead: Letterhead): string {
  return place?.trim() ? place.trim() : `Trụ sở ${letterhead.boardName}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân): 051180001234, ngày cấp: 12/5/2021, nơi cấp: Cục Cảnh sát…":
 * the identity line of forms 01 and 02/TCD. What the record lacks is left blank for the hand.
 */
export function identityLine(person: FormPerson | null): Html {
  const id = person?.idNumber ? escapeHtml(person.idNumber) : HAND;
  const on = person?.idIssuedOn ? escapeHtml(formatDateVN(person.idIssuedOn)) : SHORT_HAND;
  const at = person?.idIssuedPlace ? escapeHtml(person.idIssuedPlace) : HAND;
  return `Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân): ${id}, ngày cấp: ${on}, nơi cấp: ${at}`;
}

/** The items table of the receipt: name, pages, state (form 02/TCD, note 5). */
function itemsTable(items: ReceiptItemData[]): Html {
  const rows = items
    .map(
      (item, i) =>
        `<tr><td class="c">${i + 1}</td><td>${escapeHtml(item.name)}</td><td class="c">${item.pages === null ? '' : two(item.pages)}</td><td>${escapeHtml(RECEIPT_ITEM_STATE_LABELS[item.state])}</td></tr>`,
    )
    .join('\n');
  return `<table class="book items-table">
<colgroup><col style="width: 8%"><col style="width: 54%"><col style="width: 12%"><col style="width: 26%"></colgroup>
<thead><tr><th>STT</th><th>Tên thông tin, tài liệu</th><th>Số trang</th><th>Tình trạng</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** Giấy biên nhận thông tin, tài liệu (Decree 154/2026/NĐ-CP, form 02/TCD). No number line. */
export function receipt(d: ReceiptData): string {
  const time = d.time ? d.time.split(':') : null;
  const when = time ? `Vào hồi ${time[0]} giờ ${time[1]} phút` : `Vào hồi ${SHORT_HAND} giờ ${SHORT_HAND} phút`;
  const receiver = d.receiver ? escapeHtml(d.receiver) : HAND;
  const receiverTitle = d.receiverTitle ? escapeHtml(d.receiverTitle) : HAND;
  const giver = d.giver ? escapeHtml(personTitle(d.giver)) : HAND;
  const body: Html[] = [
    title('Giấy biên nhận', 'Thông tin, tài liệu'),
    paraHtml(`${when}, ${escapeHtml(onDate(d.issuedOn).replace(/^N/u, 'n'))}, tại: ${escapeHtml(placeOf(d.place, d.letterhead))}.`, true),
    paraHtml(`Tôi là: <b>${receiver}</b>${'&nbsp;'.repeat(4)}Chức vụ: ${receiverTitle}`, true),
    paraHtml(`Đã nhận của: <b>${giver}</b>`, true),
    paraHtml(`${identityLine(d.giver)}`, true),
    paraHtml(`Địa chỉ: ${d.giver?.address ? escapeHtml(d.giver.address) : HAND}`, true),
    paraHtml('các thông tin, tài liệu sau:', true),
    itemsTable(d.items),
    para(`Giấy biên nhận thông tin, tài liệu được lập thành ${two(d.copies)} bản, giao cho người cung cấp thông tin, tài liệu 01 bản./.`),
    twoSignatures(
      { titleLines: ['NGƯỜI CUNG CẤP', 'THÔNG TIN, TÀI LIỆU'], note: '(Ký, ghi rõ họ tên)', name: d.giver?.fullName ?? '' },
      { titleLines: ['NGƯỜI NHẬN'], note: '(Ký, ghi rõ họ tên, đóng dấu nếu có)', name: d.receiver ?? '' },
    ),
  ];
  return page({
    title: `Giấy biên nhận thông tin, tài liệu${d.giver ? ` — ${d.giver.fullName}` : ''}`,
    letterhead: d.letterhead,
    number: null,
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}

/** Thông báo về việc từ chối tiếp công dân (Decree 154/2026/NĐ-CP, form 01/TCD; art. 4(3)). */
export function refusalNotice(d: RefusalData): string {
  const v = d.visit;
  const who = personName(v.citizen);
  const represents = v.delegationMembers ? ` (đại diện cho đoàn ${v.delegationMembers} người)` : '';
  const matter = MATTER_WORDS[v.matter];
  const board = d.letterhead.boardName;
  const reason = d.reason ? ` ${sentence(capitalise(d.reason.trim()))}` : '';
  const body: Html[] = [
    title('Thông báo', 'Về việc từ chối tiếp công dân'),
    addressee(personTitle(v.citizen)),
    para(`${onDate(v.date)}, ${who}${represents}`),
    paraHtml(identityLine(v.citizen), true),
    paraHtml(`Địa chỉ: ${v.citizen.address ? escapeHtml(v.citizen.address) : HAND}, đến ${escapeHtml(placeOf(v.place, d.letterhead))} để ${escapeHtml(matter)} về việc: ${escapeHtml(sentence(v.content))}`, true),
    para(
      `Căn cứ ${REFUSAL_GROUND_TEXTS[d.ground].basis}, ${board} từ chối tiếp nhận nội dung ${matter} của ${who} và thông báo để ${who} được biết.${reason}`,
    ),
    footer(['Như trên', `${committeeName(d.letterhead.parentBody)} (để biết)`], signerOf(d.letterhead)),
  ];
  return page({
    title: `Thông báo từ chối tiếp công dân — ${v.citizen.fullName}`,
    letterhead: d.letterhead,
    number: numberLine(d.number ?? null, d.prefix),
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}
