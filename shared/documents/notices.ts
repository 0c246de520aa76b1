// The notices the Board sends citizens (thông báo, type code TB per Decree 30/2020 appendix III):
// the outcome of handling (Law on Citizen Reception art. 28(1)), the forward of a denunciation to
// the denouncer (Law on Denunciations art. 24(1)), and the competent body's result (art. 28(2));
// and the letter urging the competent body that already has the case (đôn đốc giải quyết).
import { isDenunciation } from '../rules/deadlines.ts';
import { addressee, footer, multiline, numberLine, page, para, paraHtml, signerOf, title, type Html, type Letterhead } from './html.ts';
import { addressClause, forwardedByClause, lawArea, leadPetitioner, onDate, personName, personTitle, petitionersPhrase, petitionNoun, sentence, writtenClause, type PetitionFacts } from './words.ts';

/** The decision a notice reports (its document, its agency). */
export interface NoticeDecision {
  action: 'accept' | 'forward' | 'guide' | 'urge';
  decidedOn: string;
  documentNo: string | null;
  agency: string | null;
}

export interface CitizenNoticeData {
  letterhead: Letterhead;
  /** "05/TB-BTCD"; null prints the number blank (the notice is not issued yet: a draft). */
  number: string | null;
  prefix: string;
  /** The issue date, or the day printed for a draft. */
  issuedOn: string;
  petition: PetitionFacts;
  noticeKind: 'handling' | 'denunciation_forward' | 'result';
  decision: NoticeDecision;
  /** The competent body's result (kind `result`). */
  reply: { receivedOn: string; documentNo: string | null; outcome: string; summary: string | null } | null;
}

export interface UrgeLetterData {
  letterhead: Letterhead;
  number: string | null;
  prefix: string;
  issuedOn: string;
  petition: PetitionFacts;
  agency: string;
}

function finish(text: string): string {
  return `${text.replace(/[.\s]+$/u, '')}./.`;
}

function received(board: string, p: PetitionFacts): string {
  return `${onDate(p.receivedOn)}, ${board} nhận được ${petitionNoun(p.kind)}${writtenClause(p)} của ${petitionersPhrase(p)}${addressClause(leadPetitioner(p))}${forwardedByClause(p)} (đơn vào sổ số ${p.registerNo}).`;
}

function recipientOf(p: PetitionFacts): { title: Html; name: string } {
  const lead = leadPetitioner(p);
  if (!lead) return { title: addressee('Người gửi đơn'), name: 'người gửi đơn' };
  const name = personName(lead);
  return { title: lead.address ? addressee(personTitle(lead), `Địa chỉ: ${lead.address}`) : addressee(personTitle(lead)), name };
}

const SLIP: Record<NoticeDecision['action'], string> = {
  accept: 'Phiếu đề xuất thụ lý',
  forward: 'Phiếu chuyển đơn',
  guide: 'Phiếu hướng dẫn',
  urge: 'Văn bản đôn đốc giải quyết',
};

function slip(d: NoticeDecision): string {
  return d.documentNo ? `${SLIP[d.action]} số ${d.documentNo} ${onDate(d.decidedOn).toLowerCase()}` : `${SLIP[d.action]} ${onDate(d.decidedOn).toLowerCase()}`;
}

/** What the Board did, in the words of the notice. */
function outcome(board: string, p: PetitionFacts, d: NoticeDecision): string {
  const agency = d.agency ?? 'cơ quan có thẩm quyền';
  switch (d.action) {
    case 'accept':
      return `Đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết; ${board} đã đề xuất thụ lý giải quyết (${slip(d)}).`;
    case 'forward':
      return `Nội dung đơn không thuộc thẩm quyền giải quyết của ${board}; căn cứ quy định của ${lawArea(p.kind)}, ${board} đã chuyển đơn đến ${agency} để xem xét, giải quyết theo thẩm quyền (${slip(d)}).`;
    case 'guide':
      return `Nội dung đơn thuộc thẩm quyền giải quyết của ${agency}; ${board} đã hướng dẫn gửi đơn đến ${agency} để được xem xét, giải quyết (${slip(d)}).`;
    case 'urge':
      return `Vụ việc đang được ${agency} xem xét, giải quyết theo thẩm quyền; ${board} đã đôn đốc ${agency} giải quyết và trả lời theo quy định (${slip(d)}).`;
  }
}

const SUBTITLES: Record<CitizenNoticeData['noticeKind'], string> = {
  handling: 'Về kết quả xử lý đơn',
  denunciation_forward: 'Về việc chuyển đơn tố cáo',
  result: 'Về kết quả giải quyết đơn',
};

/** A notice to the citizen; a notice of a denunciation goes to the denouncer and to no one else. */
export function citizenNotice(d: CitizenNoticeData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  const to = recipientOf(p);
  const body: Html[] = [title('Thông báo', SUBTITLES[d.noticeKind]), to.title, para(received(board, p))];
  if (d.noticeKind === 'denunciation_forward') {
    const agency = d.decision.agency ?? 'cơ quan có thẩm quyền';
    body.push(
      para(
        `Căn cứ Điều 24 Luật Tố cáo, nội dung tố cáo không thuộc thẩm quyền giải quyết của ${board}. ${board} đã chuyển đơn tố cáo đến ${agency} để xem xét, giải quyết theo thẩm quyền (${slip(d.decision)}).`,
      ),
      para(`${agency} có trách nhiệm thụ lý, giải quyết tố cáo theo quy định của pháp luật; họ tên, địa chỉ, bút tích và các thông tin cá nhân của người tố cáo được giữ bí mật.`),
    );
  } else if (d.noticeKind === 'handling') {
    body.push(para(outcome(board, p, d.decision)));
  } else {
    const r = d.reply!;
    const agency = d.decision.agency ?? 'cơ quan có thẩm quyền';
    const doc = r.documentNo ? ` (văn bản số ${r.documentNo})` : '';
    body.push(
      para(`${board} đã chuyển đơn đến ${agency} để xem xét, giải quyết theo thẩm quyền (${slip(d.decision)}).`),
      para(`${onDate(r.receivedOn)}, ${board} nhận được báo cáo kết quả giải quyết của ${agency}${doc}: ${r.outcome.toLowerCase()}.`),
    );
    if (r.summary) body.push(paraHtml(`Tóm tắt kết quả: ${multiline(sentence(r.summary))}`));
  }
  body.push(para(finish(`${board} thông báo để ${to.name} được biết`)), footer(['Như trên'], signerOf(d.letterhead)));
  return page({
    title: `Thông báo ${d.number ?? ''} — đơn ${p.registerNo}`.replace(/\s+/g, ' '),
    letterhead: d.letterhead,
    number: numberLine(d.number, d.prefix),
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}

/** Văn bản đôn đốc giải quyết: to the competent body that already has the case (Decree 154/2026 art. 15(3)). */
export function urgeLetter(d: UrgeLetterData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  // A letter to a body never names a denouncer (Law on Denunciations art. 47(2)(a)).
  const secret = isDenunciation(p);
  const lead = secret ? null : leadPetitioner(p);
  return page({
    title: `Văn bản đôn đốc giải quyết ${d.number ?? ''} — đơn ${p.registerNo}`.replace(/\s+/g, ' '),
    letterhead: d.letterhead,
    number: numberLine(d.number, d.prefix),
    subject: `đôn đốc giải quyết đơn${lead ? ` của ${personName(lead)}` : ''}`,
    issuedOn: d.issuedOn,
    body: [
      addressee(d.agency),
      para(secret ? `${onDate(p.receivedOn)}, ${board} nhận được ${petitionNoun(p.kind)} (đơn vào sổ số ${p.registerNo}).` : received(board, p)),
      paraHtml(`Nội dung đơn: ${multiline(sentence(p.summary))}`),
      para(`Vụ việc thuộc thẩm quyền và đang được ${d.agency} thụ lý, giải quyết theo trình tự, thủ tục luật định.`),
      para(finish(`${board} đề nghị ${d.agency} khẩn trương xem xét, giải quyết trong thời hạn pháp luật quy định, thông báo kết quả cho người gửi đơn và báo cáo kết quả giải quyết về ${board}`)),
      footer(['Như trên', ...(lead && !secret ? [`${personTitle(lead)} (để biết)`] : [])], signerOf(d.letterhead)),
    ].join('\n'),
  });
}
