// Documents as pure functions of plain data: buildDocument(data) -> a complete A4 HTML page.
// print/load.ts gathers the data from a register; the tests call these directly.
import { acceptProposal, forwardSlip, guideSlip, reminderLetter, returnSlip } from './letters.ts';
import type { AcceptProposalData, ForwardSlipData, GuideSlipData, ReminderLetterData, ReturnSlipData } from './letters.ts';
import { receipt, refusalNotice, type ReceiptData, type RefusalData } from './forms.ts';
import { registerBook, type RegisterBookData } from './register-book.ts';
import { citizenNotice, urgeLetter, type CitizenNoticeData, type UrgeLetterData } from './notices.ts';
import { DOCUMENT_TYPES, type PrintKind } from './kinds.ts';
import { isDenunciation } from './legal.ts';

export { DOCUMENT_TYPES, PRINT_KINDS, documentRequestSchema } from './kinds.ts';
export type { DocumentPdf, DocumentRequest, DocumentRequestData, DocumentType, NumberSource, PrintKind, RenderedDocument } from './kinds.ts';
export { escapeHtml, committeeName, issuerLine, withFallbackFont, type Letterhead } from './html.ts';
export type { PetitionFacts } from './words.ts';
export type { CitizenNoticeData, UrgeLetterData } from './notices.ts';
export * from './legal.ts';
export type { FormPerson, ReceiptItemData } from './forms.ts';
export type { AcceptProposalData, ForwardSlipData, GuideSlipData, ReceiptData, RefusalData, RegisterBookData, ReminderLetterData, ReturnSlipData };
export { RECEPTION_REGISTER_COLUMNS } from '../domain/petition.ts';

export type DocumentData =
  | ({ kind: 'forward' } & ForwardSlipData)
  | ({ kind: 'guide' } & GuideSlipData)
  | ({ kind: 'accept' } & AcceptProposalData)
  | ({ kind: 'return' } & ReturnSlipData)
  | ({ kind: 'reminder' } & ReminderLetterData)
  | ({ kind: 'receipt' } & ReceiptData)
  | ({ kind: 'refusal' } & RefusalData)
  | ({ kind: 'register' } & RegisterBookData)
  | ({ kind: 'urge' } & UrgeLetterData)
  | ({ kind: 'notice' } & CitizenNoticeData);

export function buildDocument(data: DocumentData): { title: string; html: string } {
  const title = data.kind === 'forward' && isDenunciation(data.petition) ? 'Phiếu chuyển đơn tố cáo' : DOCUMENT_TYPES[data.kind].title;
  switch (data.kind) {
    case 'forward':
      return { title, html: forwardSlip(data) };
    case 'guide':
      return { title, html: guideSlip(data) };
    case 'accept':
      return { title, html: acceptProposal(data) };
    case 'return':
      return { title, html: returnSlip(data) };
    case 'reminder':
      return { title, html: reminderLetter(data) };
    case 'receipt':
      return { title, html: receipt(data) };
    case 'refusal':
      return { title, html: refusalNotice(data) };
    case 'register':
      return { title, html: registerBook(data) };
    case 'urge':
      return { title, html: urgeLetter(data) };
    case 'notice':
      return { title, html: citizenNotice(data) };
  }
}

/** An ASCII file name: "phieu-chuyen-don_2026-000001.pdf" (register numbers lose their slash). */
export function documentFileName(kind: PrintKind, key: string, extension: 'html' | 'pdf'): string {
  const safe = key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${DOCUMENT_TYPES[kind].slug}${safe ? `_${safe}` : ''}.${extension}`;
}
