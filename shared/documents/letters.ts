// The documents of a petition's handling decision: the forwarding slip (to the competent body),
// the guidance slip and the return slip (to the citizen), the proposal to accept (to the
// Chairperson of the People's Committee), and the reminder letter to a body that is late.
import { formatVietnameseDate } from '../calendar/dates.ts';
import {
  addressee,
  committeeName,
  footer,
  multiline,
  numberLine,
  page,
  para,
  paraHtml,
  signerOf,
  title,
  type Html,
  type Letterhead,
} from './html.ts';
import { isDenunciation } from './legal.ts';
import {
  addressClause,
  forwardedByClause,
  idClause,
  lawArea,
  leadPetitioner,
  onDate,
  personName,
  personTitle,
  petitionersPhrase,
  petitionNoun,
  sentence,
  subjectLabel,
  writtenClause,
  type PetitionFacts,
} from './words.ts';

interface NumberedDocument {
  letterhead: Letterhead;
  /** "05/PC-BTCD"; null prints the number blank (a record imported without one). */
  number: string | null;
  /** The number's prefix, for a blank number ("PC-BTCD"). */
  prefix: string;
  /** The date the document was issued (the decision's or the reminder's date). */
  issuedOn: string;
  petition: PetitionFacts;
}

export interface ForwardSlipData extends NumberedDocument {
  /** The competent body the petition goes to. */
  agency: string;
  /** The date by which the body reports the result back, when one is set. */
  replyDueOn: string | null;
}

export interface GuideSlipData extends NumberedDocument {
  agency: string;
}

export type AcceptProposalData = NumberedDocument;

export interface ReturnSlipData extends NumberedDocument {
  /** Why the petition is returned (the ineligibility reason, or the decision's note). */
  reason: string | null;
}

export interface ReminderLetterData extends NumberedDocument {
  agency: string;
  /** The forwarding slip being chased. */
  forward: { number: string | null; decidedOn: string };
  replyDueOn: string | null;
  /** 1 for the first reminder about this forward, 2 for the second, … */
  ordinal: number;
}

/** "Ngày 05 tháng 3 năm 2026, Ban … nhận được đơn khiếu nại đề ngày … của bà X, địa chỉ: … (đơn vào sổ số 2026/000001)." */
function receivedParagraph(board: string, p: PetitionFacts, withId = false): Html {
  const lead = leadPetitioner(p);
  const text =
    `${onDate(p.receivedOn)}, ${board} nhận được ${petitionNoun(p.kind)}${writtenClause(p)} của ${petitionersPhrase(p)}` +
    `${addressClause(lead)}${withId ? idClause(lead) : ''}${forwardedByClause(p)} (đơn vào sổ số ${p.registerNo}).`;
  return para(text);
}

/** "Nội dung đơn: …" (the summary keeps its line breaks), and whom it is about. */
function contentParagraphs(p: PetitionFacts): Html {
  const content = paraHtml(`Nội dung đơn: ${multiline(sentence(p.summary))}`);
  return p.subject ? `${content}\n${para(`${subjectLabel(p.kind)}: ${sentence(p.subject)}`)}` : content;
}

/** "Bà X (để biết)" for "Nơi nhận", when the petition names someone; never a denouncer. */
function petitionerCopy(p: PetitionFacts): string[] {
  if (isDenunciation(p)) return [];
  const lead = leadPetitioner(p);
  return lead ? [`${personTitle(lead)} (để biết)`] : [];
}

/** The citizen a slip is addressed to, and the address line under the name. */
function citizenAddressee(p: PetitionFacts): Html {
  const lead = leadPetitioner(p);
  if (!lead) return addressee('Người gửi đơn');
  return lead.address ? addressee(personTitle(lead), `Địa chỉ: ${lead.address}`) : addressee(personTitle(lead));
}

function citizen(p: PetitionFacts): string {
  const lead = leadPetitioner(p);
  return lead ? personName(lead) : 'người gửi đơn';
}

function finish(text: string): string {
  return `${text.replace(/[.\s]+$/u, '')}./.`;
}

function docPage(d: NumberedDocument, pageTitle: string, body: Html[], subject?: string): string {
  return page({
    title: `${pageTitle} ${d.number ?? ''} — đơn ${d.petition.registerNo}`.replace(/\s+/g, ' '),
    letterhead: d.letterhead,
    number: numberLine(d.number, d.prefix),
    ...(subject ? { subject } : {}),
    issuedOn: d.issuedOn,
    body: body.join('\n'),
  });
}

/** Phiếu chuyển đơn: a complaint or recommendation to the competent body, which reports back by the deadline. */
export function forwardSlip(d: ForwardSlipData): string {
  if (isDenunciation(d.petition)) return denunciationForwardSlip(d);
  const board = d.letterhead.boardName;
  const p = d.petition;
  const deadline = d.replyDueOn ? ` trước ${formatVietnameseDate(d.replyDueOn)}` : '';
  return docPage(d, 'Phiếu chuyển đơn', [
    title('Phiếu chuyển đơn'),
    addressee(d.agency),
    receivedParagraph(board, p),
    contentParagraphs(p),
    para(`Sau khi xem xét nội dung đơn, căn cứ quy định của ${lawArea(p.kind)}, ${board} chuyển đơn của ${petitionersPhrase(p)} đến ${d.agency} để xem xét, giải quyết theo thẩm quyền.`),
    para(finish(`Đề nghị ${d.agency} thông báo kết quả giải quyết cho người gửi đơn và báo cáo kết quả về ${board}${deadline}`)),
    paraHtml(`<i>(Gửi kèm theo đơn và tài liệu có liên quan, nếu có)</i>`, true),
    footer(['Như trên', ...petitionerCopy(p)], signerOf(d.letterhead)),
  ]);
}

/**
 * Phiếu chuyển đơn tố cáo (Circular 05/2021/TT-TTCP, form 03): the denouncer is named nowhere — not in
 * the body, not among the recipients — because the identity of a denouncer is kept secret (Law on
 * Denunciations 2018, art. 9(1)(b) and art. 47–48). The competent body receives the letter itself.
 */
export function denunciationForwardSlip(d: ForwardSlipData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  const deadline = d.replyDueOn ? ` trước ${formatVietnameseDate(d.replyDueOn)}` : '';
  const forwardedBy = forwardedByClause(p);
  return docPage(d, 'Phiếu chuyển đơn tố cáo', [
    title('Phiếu chuyển đơn tố cáo'),
    addressee(d.agency),
    para(`${onDate(p.receivedOn)}, ${board} nhận được đơn tố cáo${writtenClause(p)}${forwardedBy} (đơn vào sổ số ${p.registerNo}).`),
    contentParagraphs(p),
    para(`Sau khi xem xét nội dung đơn, căn cứ quy định của pháp luật về tố cáo, ${board} chuyển đơn tố cáo đến ${d.agency} để xem xét, giải quyết theo thẩm quyền.`),
    para(
      finish(
        `Đề nghị ${d.agency} giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo theo quy định của Luật Tố cáo và báo cáo kết quả giải quyết về ${board}${deadline}`,
      ),
    ),
    paraHtml(`<i>(Gửi kèm theo đơn tố cáo và tài liệu có liên quan, nếu có)</i>`, true),
    footer(['Như trên'], signerOf(d.letterhead)),
  ]);
}

/** Phiếu hướng dẫn: tells the citizen which body is competent to resolve the matter. */
export function guideSlip(d: GuideSlipData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  return docPage(d, 'Phiếu hướng dẫn', [
    title('Phiếu hướng dẫn'),
    citizenAddressee(p),
    receivedParagraph(board, p),
    contentParagraphs(p),
    para(`Sau khi xem xét nội dung đơn, căn cứ quy định của ${lawArea(p.kind)}, nội dung đơn thuộc thẩm quyền giải quyết của ${d.agency}.`),
    para(finish(`${board} hướng dẫn ${citizen(p)} gửi đơn và các tài liệu có liên quan đến ${d.agency} để được xem xét, giải quyết theo quy định của pháp luật`)),
    footer(['Như trên'], signerOf(d.letterhead)),
  ]);
}

/** Phiếu đề xuất thụ lý đơn (Circular 05/2021/TT-TTCP, form 01): proposes that the Chairperson accept the petition. */
export function acceptProposal(d: AcceptProposalData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  const chair = `Chủ tịch ${committeeName(d.letterhead.parentBody)}`;
  return docPage(d, 'Phiếu đề xuất thụ lý đơn', [
    title('Phiếu đề xuất thụ lý đơn'),
    addressee(chair),
    receivedParagraph(board, p, !isDenunciation(p)),
    contentParagraphs(p),
    para(`Qua nghiên cứu nội dung đơn và tài liệu kèm theo, căn cứ quy định của ${lawArea(p.kind)}, đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết của ${chair}.`),
    para(finish(`${board} đề xuất ${chair} xem xét, thụ lý giải quyết đơn theo quy định của pháp luật`)),
    footer(['Như trên'], signerOf(d.letterhead)),
  ]);
}

/** Trả lại đơn: a công văn (V/v trả lại đơn) returning the petition and its documents, with the reason. */
export function returnSlip(d: ReturnSlipData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  const reason = d.reason ? `, lý do: ${d.reason.trim().replace(/[.\s]+$/u, '')}` : '';
  return docPage(
    d,
    'Công văn trả lại đơn',
    [
      citizenAddressee(p),
      receivedParagraph(board, p),
      contentParagraphs(p),
      para(`Sau khi xem xét nội dung đơn, căn cứ quy định của ${lawArea(p.kind)}, đơn không đủ điều kiện xử lý${reason}.`),
      para(finish(`${board} gửi trả lại đơn và các tài liệu kèm theo (nếu có) cho ${citizen(p)}`)),
      footer(['Như trên'], signerOf(d.letterhead)),
    ],
    'trả lại đơn',
  );
}

/** Đôn đốc giải quyết đơn: a công văn (V/v line, "Số: 12/BTCD") to a body that has not reported back. */
export function reminderLetter(d: ReminderLetterData): string {
  const board = d.letterhead.boardName;
  const p = d.petition;
  const denunciation = isDenunciation(p);
  const chair = `Chủ tịch ${committeeName(d.letterhead.parentBody)}`;
  const slipName = denunciation ? 'Phiếu chuyển đơn tố cáo' : 'Phiếu chuyển đơn';
  const slip = d.forward.number ? `${slipName} số ${d.forward.number}` : slipName;
  let late: string;
  if (d.replyDueOn === null) late = `Đến nay, ${board} chưa nhận được báo cáo kết quả giải quyết của ${d.agency}.`;
  else if (d.replyDueOn < d.issuedOn)
    late = `Theo đó, ${d.agency} báo cáo kết quả giải quyết về ${board} trước ${formatVietnameseDate(d.replyDueOn)}. Đến nay đã quá thời hạn nhưng ${board} chưa nhận được báo cáo kết quả giải quyết.`;
  else late = `Thời hạn báo cáo kết quả giải quyết là ${formatVietnameseDate(d.replyDueOn)}; đến nay ${board} chưa nhận được báo cáo kết quả giải quyết.`;
  const again = d.ordinal > 1 ? ` Đây là lần đôn đốc thứ ${d.ordinal}.` : '';
  const lead = denunciation ? null : leadPetitioner(p);
  const whose = denunciation ? '' : ` của ${petitionersPhrase(p)}${addressClause(lead)}`;
  const subject = denunciation ? `đôn đốc giải quyết đơn tố cáo số ${p.registerNo}` : `đôn đốc giải quyết đơn${lead ? ` của ${personName(lead)}` : ''}`;
  return docPage(
    d,
    'Công văn đôn đốc',
    [
      addressee(d.agency),
      para(`${onDate(d.forward.decidedOn)}, ${board} có ${slip} chuyển ${petitionNoun(p.kind)}${whose} (đơn vào sổ số ${p.registerNo}) đến ${d.agency} để xem xét, giải quyết theo thẩm quyền.`),
      contentParagraphs(p),
      para(late),
      para(
        finish(
          `Để có cơ sở trả lời công dân và báo cáo ${chair}, ${board} đề nghị ${d.agency} khẩn trương xem xét, giải quyết dứt điểm vụ việc và báo cáo kết quả về ${board}.${again}`,
        ),
      ),
      footer(['Như trên', ...(denunciation ? [] : petitionerCopy(p))], signerOf(d.letterhead)),
    ],
    subject,
  );
}
