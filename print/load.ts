// Gathers what a document needs from a register (read-only) and builds it; records a print in the
// audit log. Used by the API (documents.render / documents.pdf) and by `petreg document`.
import type { Register } from '../db/register.ts';
import type { OpContext } from '../db/context.ts';
import { writeAudit } from '../db/audit.ts';
import { getPetition } from '../db/ops/petitions.ts';
import { getSession, getVisit } from '../db/ops/reception.ts';
import { receptionRegister } from '../db/ops/register-book.ts';
import { getSettings } from '../db/ops/settings.ts';
import { getWorkflow } from '../db/ops/workflow.ts';
import { getReceipt } from '../db/ops/receipts.ts';
import { communeAsOn } from '../db/units.ts';
import { printedAddress } from '../shared/domain/units.ts';
import type { Person } from '../shared/domain/person.ts';
import { vietnamDate } from '../shared/domain/dates.ts';
import { formatRegisterNo, parseRegisterNo, type Petition } from '../shared/domain/petition.ts';
import type { Settings } from '../shared/domain/settings.ts';
import { DECISION_ACTION_LABELS, type Decision, type DecisionAction, type Workflow } from '../shared/domain/workflow.ts';
import { ApiError } from '../shared/errors.ts';
import { summariseIssues, toFieldIssues } from '../shared/validation.ts';
import {
  buildDocument,
  documentFileName,
  documentRequestSchema,
  DOCUMENT_TYPES,
  type DocumentData,
  type DocumentRequest,
  type DocumentRequestData,
  type Letterhead,
  refusalGroundFor,
  type ReceiptItemData,
  type PetitionFacts,
  type PrintKind,
  type RenderedDocument,
} from '../shared/documents/index.ts';

/** A document request; the CLI names the petition by its register number instead of its id. */
export type LoadRequest = DocumentRequest & { registerNo?: string | null };

export interface LoadedDocument extends RenderedDocument {
  /** What the audit row of a print points at. */
  audit: { entity: 'petition' | 'visit' | 'register'; entityId: string; registerNo: string | null };
}

export interface LoadOptions {
  /** The officer at the desk (the receipt's receiver); null leaves the name to be written by hand. */
  officer?: string | null;
  /** The extension of the file name offered (default html). */
  extension?: 'html' | 'pdf';
}

/** The verb of each decision, and the document it issues, in running text. */
const DECISION_WORDS: Record<'forward' | 'guide' | 'accept' | 'return', { decision: string; document: string }> = {
  forward: { decision: 'chuyển đơn', document: 'phiếu chuyển đơn' },
  guide: { decision: 'hướng dẫn công dân', document: 'phiếu hướng dẫn' },
  accept: { decision: 'đề xuất thụ lý', document: 'phiếu đề xuất thụ lý' },
  return: { decision: 'trả lại đơn', document: 'phiếu trả lại đơn' },
};

function letterheadOf(s: Settings): Letterhead {
  return { parentBody: s.parentBody, boardName: s.boardName, placeName: s.placeName, signerName: s.signerName, signerTitle: s.signerTitle };
}

/**
 * The person as printed: the address as written, with the commune (and province) it is coded under
 * added when the text does not name them.
 */
export function withPrintedAddress<T extends Person>(person: T, onDate: string): T {
  // The commune and province as they were named on the record's date: an address of a unit that
  // changed later still prints as it was then.
  const unit = person.communeCode ? communeAsOn(person.communeCode, onDate) : undefined;
  return { ...person, address: printedAddress(person.address, unit?.commune ?? null, unit?.province ?? null) };
}

/** Kinds printed over the Board's signature: these need the signer's name and title in Cài đặt. */
const SIGNED_KINDS: ReadonlySet<PrintKind> = new Set(['forward', 'guide', 'accept', 'return', 'reminder', 'refusal']);

/** No document leaves with an empty signer: says what is missing and where to set it. */
export function requireSigner(kind: PrintKind, settings: Settings): void {
  if (!SIGNED_KINDS.has(kind)) return;
  const missing = [settings.signerName.trim() ? null : 'họ và tên người ký', settings.signerTitle.trim() ? null : 'chức vụ người ký'].filter(Boolean);
  if (missing.length === 0) return;
  throw new ApiError(
    'CONFLICT',
    `Chưa có ${missing.join(' và ')}: không in được ${DOCUMENT_TYPES[kind].title.toLocaleLowerCase('vi')}. Vào Cài đặt → Người ký văn bản để nhập, rồi in lại.`,
    [{ path: 'signerName', message: 'Chưa có người ký văn bản (Cài đặt → Người ký văn bản)' }],
  );
}

function factsOf(p: Petition): PetitionFacts {
  return {
    registerNo: p.registerNo,
    receivedOn: p.receivedOn,
    writtenOn: p.writtenOn,
    kind: p.kind,
    signatories: p.signatories,
    petitioners: p.petitioners.map((person) => withPrintedAddress(person, p.receivedOn)),
    subject: p.subject,
    summary: p.summary,
    forwardedBy: p.forwardedBy,
  };
}

function parseRequest(request: DocumentRequest): DocumentRequestData {
  const parsed = documentRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issues = toFieldIssues(parsed.error);
  throw new ApiError('VALIDATION', summariseIssues(issues), issues);
}

/** The petition id of a register number ("2026/1" and "2026/000001" name the same petition). */
async function petitionIdOf(register: Register, registerNo: string): Promise<number> {
  const parsed = parseRegisterNo(registerNo);
  if (!parsed) {
    throw new ApiError('VALIDATION', `Số vào sổ “${registerNo}” không đúng dạng NĂM/SỐ (ví dụ 2026/000123)`, [{ path: 'registerNo', message: 'Sai dạng số vào sổ' }]);
  }
  const normalised = formatRegisterNo(parsed.year, parsed.seq);
  const row = await register.db.selectFrom('petitions').select('id').where('register_no', '=', normalised).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `Không có đơn số ${normalised} trong sổ`, [{ path: 'registerNo', message: 'Số vào sổ không có' }]);
  return row.id;
}

const active = <T extends { reversed: unknown }>(xs: T[]): T | null => xs.filter((x) => x.reversed === null).at(-1) ?? null;

function decisionFor(petition: Petition, workflow: Workflow, action: 'forward' | 'guide' | 'accept' | 'return'): Decision {
  const words = DECISION_WORDS[action];
  const decision = active(workflow.decisions);
  if (!decision) {
    throw new ApiError('CONFLICT', `Đơn ${petition.registerNo} chưa có quyết định ${words.decision}: không in được ${words.document}.`);
  }
  if (decision.action !== action) {
    const label = DECISION_ACTION_LABELS[decision.action as DecisionAction];
    throw new ApiError(
      'CONFLICT',
      `Đơn ${petition.registerNo} có quyết định “${label}”${decision.documentNo ? ` (số ${decision.documentNo})` : ''}, không phải quyết định ${words.decision}: không in được ${words.document}.`,
    );
  }
  return decision;
}

function returnReason(workflow: Workflow, decision: Decision, settings: Settings): string | null {
  const classification = active(workflow.classifications);
  if (classification && !classification.eligible && classification.reason) {
    const duplicate = classification.duplicateOf ? ` (trùng đơn số ${classification.duplicateOf.registerNo})` : '';
    const note = classification.note ? `: ${classification.note}` : '';
    return `${settings.reasonLabels[classification.reason]}${duplicate}${note}`;
  }
  return decision.note;
}

async function petitionDocument(register: Register, kind: PrintKind, r: DocumentRequestData, settings: Settings, options: LoadOptions): Promise<{ data: DocumentData; number: string | null; petition: Petition }> {
  const today = vietnamDate(register.now());
  const petition = await getPetition(register.db, r.petitionId!, today);
  const letterhead = letterheadOf(settings);
  const facts = factsOf(petition);
  if (kind === 'forward' || kind === 'guide' || kind === 'accept' || kind === 'return') {
    const workflow = await getWorkflow(register.db, petition.id, today);
    const d = decisionFor(petition, workflow, kind);
    const base = { letterhead, number: d.documentNo, prefix: settings.docPrefixes[kind], issuedOn: d.decidedOn, petition: facts };
    const agency = d.agency?.name ?? 'cơ quan có thẩm quyền';
    const data: DocumentData =
      kind === 'forward'
        ? { kind, ...base, agency, replyDueOn: d.replyDueOn }
        : kind === 'guide'
          ? { kind, ...base, agency }
          : kind === 'accept'
            ? { kind, ...base }
            : { kind, ...base, reason: returnReason(workflow, d, settings) };
    return { data, number: d.documentNo, petition };
  }
  if (kind === 'reminder') {
    const workflow = await getWorkflow(register.db, petition.id, today);
    const reminders = [...workflow.reminders].sort((a, b) => a.sentOn.localeCompare(b.sentOn) || a.id - b.id);
    let reminder;
    if (r.reminderId !== null) {
      reminder = reminders.find((x) => x.id === r.reminderId);
      if (!reminder) throw new ApiError('NOT_FOUND', `Đơn ${petition.registerNo} không có lần đôn đốc mã số ${r.reminderId}`, [{ path: 'reminderId', message: 'Lần đôn đốc không có' }]);
    } else {
      const forward = active(workflow.decisions.filter((d) => d.action === 'forward'));
      reminder = reminders.filter((x) => x.decisionId === forward?.id).at(-1) ?? reminders.at(-1);
      if (!reminder) throw new ApiError('CONFLICT', `Đơn ${petition.registerNo} chưa có lần đôn đốc nào: ghi đôn đốc trước, rồi mới in được văn bản đôn đốc.`);
    }
    const chosen = reminder;
    const decision = workflow.decisions.find((d) => d.id === chosen.decisionId)!;
    const ordinal = reminders.filter((x) => x.decisionId === chosen.decisionId).findIndex((x) => x.id === chosen.id) + 1;
    const data: DocumentData = {
      kind,
      letterhead,
      number: chosen.documentNo,
      prefix: settings.docPrefixes.reminder,
      issuedOn: chosen.sentOn,
      petition: facts,
      agency: decision.agency?.name ?? 'cơ quan có thẩm quyền',
      forward: { number: decision.documentNo, decidedOn: decision.decidedOn },
      replyDueOn: decision.replyDueOn,
      ordinal,
    };
    return { data, number: chosen.documentNo, petition };
  }
  // receipt (form 02/TCD): the items recorded for the petition; without a record, the petition itself
  // and its attachments, with pages and state to be checked by hand.
  let place: string | null = null;
  if (petition.visitId !== null) {
    const visit = await getVisit(register.db, petition.visitId);
    place = (await getSession(register.db, visit.sessionId)).location;
  }
  const recorded = await getReceipt(register.db, petition.id);
  let items: ReceiptItemData[];
  if (recorded) items = recorded.items;
  else {
    const attachments = await register.db
      .selectFrom('attachments')
      .select('file_name')
      .where('petition_id', '=', petition.id)
      .where('removed_at', 'is', null)
      .orderBy('id')
      .execute();
    const noun = facts.kind === 'complaint' ? 'Đơn khiếu nại' : facts.kind === 'denunciation' ? 'Đơn tố cáo' : facts.kind === 'recommendation' ? 'Đơn kiến nghị, phản ánh' : 'Đơn';
    items = [
      { name: `${noun}${facts.writtenOn ? ` đề ngày ${facts.writtenOn.split('-').reverse().join('/')}` : ''} (đơn vào sổ số ${facts.registerNo})`, pages: null, state: 'original' },
      ...attachments.map((a) => ({ name: a.file_name, pages: null, state: 'copy' as const })),
    ];
  }
  const data: DocumentData = {
    kind: 'receipt',
    letterhead,
    issuedOn: petition.receivedOn,
    time: recorded?.time ?? null,
    place,
    receiver: recorded?.receiverName ?? options.officer ?? null,
    receiverTitle: recorded?.receiverTitle ?? null,
    giver: facts.petitioners[0] ?? null,
    items,
    copies: 2,
  };
  return { data, number: null, petition };
}

/**
 * Builds the document a request asks for from the register's records. Throws ApiError: VALIDATION
 * for a malformed request, NOT_FOUND for an unknown petition, reminder or visit, CONFLICT when the
 * record does not support the document (no forwarding decision, a visit that was not refused, …).
 */
export async function loadDocument(register: Register, request: LoadRequest, options: LoadOptions = {}): Promise<LoadedDocument> {
  const { registerNo, ...rest } = request;
  const petitionId = registerNo ? await petitionIdOf(register, registerNo) : rest.petitionId;
  const r = parseRequest({ ...rest, petitionId });
  const type = DOCUMENT_TYPES[r.kind];
  const settings = await getSettings(register.db);
  requireSigner(r.kind, settings);
  const extension = options.extension ?? 'html';

  let data: DocumentData;
  let number: string | null = null;
  let audit: LoadedDocument['audit'];
  let key: string;
  if (type.needs === 'petition' || type.needs === 'reminder') {
    const loaded = await petitionDocument(register, r.kind, r, settings, options);
    data = loaded.data;
    number = loaded.number;
    audit = { entity: 'petition', entityId: String(loaded.petition.id), registerNo: loaded.petition.registerNo };
    key = loaded.petition.registerNo;
  } else if (type.needs === 'visit') {
    const visit = await getVisit(register.db, r.visitId!);
    if (visit.outcome !== 'refused') {
      throw new ApiError('CONFLICT', `Lượt tiếp số ${visit.id} (${visit.citizen.fullName}) không có kết quả “Từ chối tiếp”: không in được thông báo từ chối tiếp công dân (mẫu 01/TCD).`);
    }
    const session = await getSession(register.db, visit.sessionId);
    data = {
      kind: 'refusal',
      letterhead: letterheadOf(settings),
      prefix: settings.docPrefixes.refusal,
      issuedOn: visit.sessionDate,
      visit: {
        date: visit.sessionDate,
        place: session.location,
        citizen: withPrintedAddress(visit.citizen, visit.sessionDate),
        delegationMembers: visit.delegation?.members ?? null,
        matter: visit.matter,
        content: visit.content,
      },
      // The law branch records the ground on the visit; pass it here in place of null.
      ground: refusalGroundFor(r.ground, visit.matter),
      reason: r.reason,
    };
    audit = { entity: 'visit', entityId: String(visit.id), registerNo: null };
    key = `luot-${visit.id}`;
  } else {
    const from = r.from!;
    const to = r.to!;
    data = { kind: 'register', letterhead: letterheadOf(settings), from, to, rows: await receptionRegister(register.db, from, to) };
    audit = { entity: 'register', entityId: `${from}..${to}`, registerNo: null };
    key = `${from}_${to}`;
  }
  const built = buildDocument(data);
  return { kind: r.kind, title: built.title, number, fileName: documentFileName(r.kind, key, extension), html: built.html, audit };
}

/** One audit row per print: action 'print', on the petition (visit, or register period) printed from. */
export async function recordPrint(ctx: OpContext, doc: LoadedDocument, format: 'html' | 'pdf'): Promise<void> {
  await ctx.register.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'print',
      entity: doc.audit.entity,
      entityId: doc.audit.entityId,
      after: { kind: doc.kind, title: doc.title, number: doc.number, registerNo: doc.audit.registerNo, format, fileName: doc.fileName },
    }),
  );
}
