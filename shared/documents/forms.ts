// The reception forms of Circular 04/2021/TT-TTCP made at the desk: the receipt for information and
// documents handed in (form 02/TCD) and the written notice refusing reception (form 01/TCD).
import type { Person } from '../domain/person.ts';
import type { Matter } from '../domain/reception.ts';
import {
  addressee,
  dots,
  escapeHtml,
  footer,
  multiline,
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
import {
  addressClause,
  idClause,
  leadPetitioner,
  onDate,
  personName,
  personTitle,
  petitionersPhrase,
  petitionNoun,
  sentence,
  writtenClause,
  type PetitionFacts,
} from './words.ts';

export interface ReceiptData {
  letterhead: Letterhead;
  /** The receipt's number prefix; the number itself is left for the clerk ("Số:      /BN-BTCD"). */
  prefix: string;
  /** The day the documents were handed in (the petition's received date). */
  issuedOn: string;
  petition: PetitionFacts;
  /** Where they were handed in (the reception session's place), else the Board's office. */
  place: string | null;
  /** The officer who received them; null leaves the name to be written by hand. */
  receiver: string | null;
  /** Documents handed in with the petition (the attachments' names). */
  attachments: string[];
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
    citizen: Person;
    /** Members of the delegation the citizen represents, or null. */
    delegationMembers: number | null;
    matter: Matter;
    content: string;
  };
  /** The reason (Law on Citizen Reception, art. 9); null leaves dotted lines to fill in. */
  reason: string | null;
}

const MATTER_WORDS: Record<Matter, string> = {
  complaint: 'khiếu nại',
  denunciation: 'tố cáo',
  recommendation: 'kiến nghị, phản ánh',
  multiple: 'khiếu nại, tố cáo, kiến nghị, phản ánh',
  other: '',
};

function placeOf(place: string | null, letterhead: Letterhead): string {
  return place?.trim() ? place.trim() : `trụ sở ${letterhead.boardName}`;
}

function bold(label: string, rest: Html): Html {
  return `<b>${escapeHtml(label)}</b> ${rest}`;
}

/** Giấy biên nhận thông tin, tài liệu, bằng chứng (mẫu 02/TCD). */
export function receipt(d: ReceiptData): string {
  const p = d.petition;
  const lead = leadPetitioner(p);
  const giver = lead ? escapeHtml(`${personTitle(lead)}${idClause(lead)}${addressClause(lead)}.`) : dots(1);
  const receiver = d.receiver ? escapeHtml(`${d.receiver}, cán bộ ${d.letterhead.boardName}.`) : `${'&nbsp;'.repeat(40)}, cán bộ ${escapeHtml(d.letterhead.boardName)}.`;
  const items = [
    `${petitionNoun(p.kind).replace(/^đ/u, 'Đ')}${writtenClause(p)} của ${petitionersPhrase(p)} (đơn vào sổ số ${p.registerNo}), nội dung: ${sentence(p.summary)}`,
    ...d.attachments.map((name) => `Tài liệu kèm theo: ${name}.`),
  ];
  const body: Html[] = [
    title('Giấy biên nhận', 'Thông tin, tài liệu, bằng chứng'),
    para(`${onDate(d.issuedOn)}, tại ${placeOf(d.place, d.letterhead)}.`),
    paraHtml(bold('Bên giao thông tin, tài liệu, bằng chứng:', giver)),
    paraHtml(bold('Bên nhận thông tin, tài liệu, bằng chứng:', receiver)),
    para('Đã giao, nhận các thông tin, tài liệu, bằng chứng sau:'),
    `<ol class="items">${items.map((i) => `<li>${multiline(i)}</li>`).join('')}</ol>`,
    para('Giấy biên nhận được lập thành 02 bản, mỗi bên giữ 01 bản./.'),
    twoSignatures(
      { titleLines: ['NGƯỜI GIAO'], note: '(Ký, ghi rõ họ tên)', name: lead?.fullName ?? '' },
      { titleLines: ['NGƯỜI NHẬN'], note: '(Ký, ghi rõ họ tên)', name: d.receiver ?? '' },
    ),
  ];
  return page({
    title: `Giấy biên nhận — đơn ${p.registerNo}`,
    letterhead: d.letterhead,
    number: numberLine(null, d.prefix),
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}

/** Thông báo về việc từ chối tiếp công dân (mẫu 01/TCD). */
export function refusalNotice(d: RefusalData): string {
  const v = d.visit;
  const who = personName(v.citizen);
  const represents = v.delegationMembers ? ` (đại diện đoàn ${v.delegationMembers} người)` : '';
  const matter = v.matter === 'other' ? 'đến trình bày nội dung' : `đến trình bày nội dung ${MATTER_WORDS[v.matter]}`;
  const reason = d.reason ? `${escapeHtml(d.reason.trim().replace(/[.\s]+$/u, ''))}.` : dots(3);
  const body: Html[] = [
    title('Thông báo', 'Về việc từ chối tiếp công dân'),
    v.citizen.address ? addressee(personTitle(v.citizen), `Địa chỉ: ${v.citizen.address}`) : addressee(personTitle(v.citizen)),
    para(`${onDate(v.date)}, tại ${placeOf(v.place, d.letterhead)}, ${who}${idClause(v.citizen)}${addressClause(v.citizen)}${represents} ${matter}: ${sentence(v.content)}`),
    paraHtml(`Căn cứ quy định tại Điều 9 Luật Tiếp công dân, ${escapeHtml(d.letterhead.boardName)} thông báo từ chối tiếp ${escapeHtml(who)}, lý do: ${reason}`),
    para(`Vậy thông báo để ${who} được biết./.`),
    footer(['Như trên'], signerOf(d.letterhead)),
  ];
  return page({
    title: `Thông báo từ chối tiếp công dân — ${v.citizen.fullName}`,
    letterhead: d.letterhead,
    number: numberLine(d.number ?? null, d.prefix),
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}
