// Gathers what a document needs from a register (read-only) and builds it; records a print in the
// audit log. Used by the API (documents.render / documents.pdf) and by `petreg document`.
import type { Register } from '../db/register.ts';
import type { OpContext } from '../db/context.ts';
import { writeAudit } from '../db/audit.ts';
import { hasDenunciation, protectedVisitIds, redactVisit } from '../db/protection.ts';
import { isAgencyAddressed, redactedPerson, scrubIdentity, VIEW_PROTECTED_ACTION } from '../shared/domain/protection.ts';
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
import { DECISION_ACTION_LABELS, REPLY_OUTCOME_LABELS, type Decision, type DecisionAction, type Workflow } from '../shared/domain/workflow.ts';
import { NOTICE_KIND_LABELS, type NoticeKind } from '../shared/domain/notices.ts';
import type { RefusalGroundCode } from '../shared/rules/reception.ts';
import { getNotice } from '../db/ops/notices.ts';
import { approvalRequired, refuseDraftPrint } from '../db/ops/approval-drafts.ts';
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
  type RefusalNoticeGround,
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
  /** The document shows a protected identity (a permitted officer's letter to a denouncer): recordPrint audits the view. */
  showsProtected: boolean;
}

export interface LoadOptions {
  /** The officer at the desk (the receipt's receiver); null leaves the name to be written by hand. */
  officer?: string | null;
  /** The extension of the file name offered (default html). */
  extension?: 'html' | 'pdf';
  /** The officer may see a denouncer (db/protection.ts canSeeProtected); default no. */
  seeProtected?: boolean;
  /**
   * The preview of a draft waiting for the leader (issue 14 item 3, loadDraftDocument): the
   * petition's workflow as the draft would make it, and no refusal of drafts.
   */
  draft?: { overlay(workflow: Workflow): Workflow };
}

/** The verb of each decision, and the document it issues, in running text. */
const DECISION_WORDS: Record<'forward' | 'guide' | 'accept' | 'return' | 'urge', { decision: string; document: string }> = {
  urge: { decision: 'đôn đốc giải quyết', document: 'văn bản đôn đốc giải quyết' },
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
const SIGNED_KINDS: ReadonlySet<PrintKind> = new Set(['forward', 'guide', 'accept', 'return', 'reminder', 'refusal', 'urge', 'notice']);

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


/**
 * What a document says about its petition. For a denunciation sent to another body (forwarding
 * slip, form 03 of Circular 05/2021; reminder; proposal to accept) the data itself carries no
 * denouncer: no petitioners, and their names, ID numbers, phones and addresses taken out of the
 * petition's own words (Law on Denunciations art. 56(1)-(2)); whatever the template, it has
 * nothing to print. A document to the denouncer carries them only for a permitted officer.
 */
function factsOf(p: Petition, kind: PrintKind, seeProtected: boolean, isProtected: boolean): PetitionFacts {
  if (isProtected && (isAgencyAddressed(kind) || !seeProtected)) {
    const scrub = (text: string) => scrubIdentity(text, p.petitioners);
    return {
      ...plainFactsOf(p),
      petitioners: isAgencyAddressed(kind) ? [] : p.petitioners.map(() => redactedPerson()),
      summary: scrub(p.summary),
      subject: p.subject === null ? null : scrub(p.subject),
      protectedDenouncer: isAgencyAddressed(kind),
    };
  }
  return plainFactsOf(p);
}

function plainFactsOf(p: Petition): PetitionFacts {
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

function decisionFor(petition: Petition, workflow: Workflow, action: 'forward' | 'guide' | 'accept' | 'return' | 'urge', contentId: number | null = null): Decision {
  const words = DECISION_WORDS[action];
  // Each content of a letter has its own decision: the named content's, else the one of this kind
  // (the first content's first), else the first content's, to say what it is instead.
  const live = workflow.decisions
    .filter((d) => d.reversed === null && (contentId === null || d.contentId === contentId))
    .sort((a, b) => a.contentPosition - b.contentPosition);
  if (contentId !== null && live.length === 0) {
    throw new ApiError('CONFLICT', `Nội dung này của đơn ${petition.registerNo} chưa có quyết định ${words.decision}: không in được ${words.document}.`);
  }
  const decision = live.find((d) => d.action === action) ?? live[0] ?? null;
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
  const isProtected = await hasDenunciation(register.db, petition);
  const facts = factsOf(petition, kind, options.seeProtected === true, isProtected);
  // A document still a draft waiting for the leader has no number and is not printed (issue 14 item 3).
  if (!options.draft && (kind === 'forward' || kind === 'guide' || kind === 'return' || kind === 'urge')) await refuseDraftPrint(register.db, { kind: 'decision', petitionId: petition.id });
  if (!options.draft && kind === 'reminder' && r.reminderId === null) await refuseDraftPrint(register.db, { kind: 'reminder', petitionId: petition.id });
  const workflowOf = async () => {
    const workflow = await getWorkflow(register.db, petition.id, today);
    return options.draft ? options.draft.overlay(workflow) : workflow;
  };
  if (kind === 'forward' || kind === 'guide' || kind === 'accept' || kind === 'return') {
    const workflow = await workflowOf();
    const d = decisionFor(petition, workflow, kind, r.contentId);
    // A further content's decision: the document speaks of that content, by its own kind (a
    // denunciation in a letter of complaint is forwarded on form 03).
    const content = d.contentPosition > 0 && d.contentId !== null ? await register.db.selectFrom('petition_contents').select(['kind', 'summary']).where('id', '=', d.contentId).executeTakeFirst() : undefined;
    const decided = content ? { ...facts, kind: content.kind as PetitionFacts['kind'] } : facts;
    const base = { letterhead, number: d.documentNo, prefix: settings.docPrefixes[kind], issuedOn: d.decidedOn, petition: decided };
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
  if (kind === 'urge') {
    const workflow = await workflowOf();
    const d = decisionFor(petition, workflow, 'urge', r.contentId);
    const data: DocumentData = { kind, letterhead, number: d.documentNo, prefix: settings.docPrefixes.urge, issuedOn: d.decidedOn, petition: facts, agency: d.agency?.name ?? 'cơ quan có thẩm quyền' };
    return { data, number: d.documentNo, petition };
  }
  if (kind === 'reminder') {
    const workflow = await workflowOf();
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

/** The refusal's ground as the notice words it: the law's wording and its article. */
/** The ground a written refusal notice prints: only Law art. 9(3) and Decree 154 art. 4(1)(h) require one. */
function noticeGroundOf(ground: RefusalGroundCode | null): RefusalNoticeGround | null {
  if (ground === 'law_9_3') return 'law-9-3';
  if (ground === 'decree_4_h') return 'decree-154-4-1-h';
  return null;
}


/**
 * A notice not yet issued prints with a blank number (a draft to sign) — unless the leader's
 * approval is required: then it prints only once approved and numbered (issue 14 item 3).
 */
async function refuseUnapprovedNotice(register: Register, noticeId: number, kind: NoticeKind): Promise<void> {
  await refuseDraftPrint(register.db, { kind: 'notice', noticeId });
  if (await approvalRequired(register.db)) {
    throw new ApiError('CONFLICT', `${NOTICE_KIND_LABELS[kind]} chưa được lãnh đạo duyệt: chưa có số, chưa in được. Hãy gửi duyệt (nút “Gửi duyệt”), in sau khi được duyệt.`);
  }
}

/**
 * A notice to a citizen (db/ops/notices.ts): the refusal notice (form 01/TCD) of a visit, or a
 * notice on a petition built from the decision (and the reply) that required it. Printed before
 * it is issued, its number is blank (a draft to sign).
 */
async function noticeDocument(
  register: Register,
  noticeId: number,
  settings: Settings,
  options: LoadOptions,
): Promise<{ data: DocumentData; number: string | null; audit: LoadedDocument['audit']; key: string; showsProtected: boolean }> {
  const notice = await getNotice(register.db, noticeId);
  if (notice.cancelledAt !== null) throw new ApiError('CONFLICT', `${NOTICE_KIND_LABELS[notice.kind]} này đã bị hủy cùng bước xử lý cần đến nó: không in được.`);
  if (notice.issuedOn === null && !options.draft) await refuseUnapprovedNotice(register, notice.id, notice.kind);
  const today = vietnamDate(register.now());
  const letterhead = letterheadOf(settings);
  const issuedOn = notice.issuedOn ?? today;
  const key = notice.documentNo ?? `thong-bao-${notice.id}`;
  if (notice.kind === 'refusal') {
    const visit = await getVisit(register.db, notice.visitId!);
    const session = await getSession(register.db, visit.sessionId);
    const data: DocumentData = {
      kind: 'refusal',
      letterhead,
      prefix: settings.docPrefixes.notice,
      number: notice.documentNo,
      issuedOn,
      visit: { date: visit.sessionDate, place: session.location, citizen: visit.citizen, delegationMembers: visit.delegation?.members ?? null, matter: visit.matter, content: visit.content },
      ground: refusalGroundFor(noticeGroundOf(visit.refusalGround), visit.matter),
      reason: null,
    };
    return { data, number: notice.documentNo, audit: { entity: 'visit', entityId: String(visit.id), registerNo: null }, key, showsProtected: false };
  }
  const petition = await getPetition(register.db, notice.petitionId!, today);
  const isProtected = await hasDenunciation(register.db, petition);
  const workflow = await getWorkflow(register.db, petition.id, today);
  const row = await register.db.selectFrom('notices').select(['decision_id', 'reply_id']).where('id', '=', notice.id).executeTakeFirstOrThrow();
  const reply = row.reply_id === null ? null : (workflow.replies.find((x) => x.id === row.reply_id) ?? null);
  const decisionId = row.decision_id ?? reply?.decisionId ?? null;
  const decision = workflow.decisions.find((x) => x.id === decisionId);
  if (!decision || decision.action === 'file' || decision.action === 'return') {
    throw new ApiError('CONFLICT', `Không tìm thấy quyết định xử lý mà ${NOTICE_KIND_LABELS[notice.kind].toLowerCase()} báo cho công dân.`);
  }
  const data: DocumentData = {
    kind: 'notice',
    letterhead,
    number: notice.documentNo,
    prefix: settings.docPrefixes.notice,
    issuedOn,
    petition: factsOf(petition, 'notice', options.seeProtected === true, isProtected),
    noticeKind: notice.kind,
    decision: { action: decision.action, decidedOn: decision.decidedOn, documentNo: decision.documentNo, agency: decision.agency?.name ?? null },
    reply: reply ? { receivedOn: reply.receivedOn, documentNo: reply.documentNo, outcome: REPLY_OUTCOME_LABELS[reply.outcome], summary: reply.summary } : null,
  };
  const showsProtected = isProtected && options.seeProtected === true && petition.petitioners.length > 0;
  return { data, number: notice.documentNo, audit: { entity: 'petition', entityId: String(petition.id), registerNo: petition.registerNo }, key, showsProtected };
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
  let showsProtected = false;
  if (type.needs === 'petition' || type.needs === 'reminder') {
    const loaded = await petitionDocument(register, r.kind, r, settings, options);
    data = loaded.data;
    number = loaded.number;
    audit = { entity: 'petition', entityId: String(loaded.petition.id), registerNo: loaded.petition.registerNo };
    showsProtected = (await hasDenunciation(register.db, loaded.petition)) && !isAgencyAddressed(r.kind) && options.seeProtected === true && loaded.petition.petitioners.length > 0;
    key = loaded.petition.registerNo;
  } else if (type.needs === 'visit') {
    const stored = await getVisit(register.db, r.visitId!);
    const hidden = (await protectedVisitIds(register.db, [stored.id])).has(stored.id);
    const visit = hidden && !options.seeProtected ? redactVisit(stored) : stored;
    showsProtected = hidden && options.seeProtected === true;
    if (visit.outcome !== 'refused') {
      throw new ApiError('CONFLICT', `Lượt tiếp số ${visit.id} (${visit.citizen.fullName}) không có kết quả “Từ chối tiếp”: không in được thông báo từ chối tiếp công dân (mẫu 01/TCD).`);
    }
    if (visit.refusalNotice && !visit.refusalNotice.issuedOn && !options.draft) await refuseUnapprovedNotice(register, visit.refusalNotice.id, 'refusal');
    const session = await getSession(register.db, visit.sessionId);
    const issued = visit.refusalNotice?.issuedOn ? visit.refusalNotice : null;
    number = issued?.documentNo ?? null;
    data = {
      kind: 'refusal',
      letterhead: letterheadOf(settings),
      prefix: issued ? settings.docPrefixes.notice : settings.docPrefixes.refusal,
      number,
      issuedOn: issued?.issuedOn ?? visit.sessionDate,
      visit: {
        date: visit.sessionDate,
        place: session.location,
        citizen: withPrintedAddress(visit.citizen, visit.sessionDate),
        delegationMembers: visit.delegation?.members ?? null,
        matter: visit.matter,
        content: visit.content,
      },
      ground: refusalGroundFor(r.ground ?? noticeGroundOf(visit.refusalGround), visit.matter),
      reason: r.reason,
    };
    audit = { entity: 'visit', entityId: String(visit.id), registerNo: null };
    key = `luot-${visit.id}`;
  } else if (type.needs === 'notice') {
    const loaded = await noticeDocument(register, r.noticeId!, settings, options);
    data = loaded.data;
    number = loaded.number;
    audit = loaded.audit;
    key = loaded.key;
    showsProtected = loaded.showsProtected;
  } else {
    const from = r.from!;
    const to = r.to!;
    data = { kind: 'register', letterhead: letterheadOf(settings), from, to, rows: await receptionRegister(register.db, from, to) };
    audit = { entity: 'register', entityId: `${from}..${to}`, registerNo: null };
    key = `${from}_${to}`;
  }
  const built = buildDocument(data);
  return { kind: r.kind, title: built.title, number, fileName: documentFileName(r.kind, key, extension), html: built.html, audit, showsProtected };
}

/** One audit row per print: action 'print', on the petition (visit, or register period) printed from. */
export async function recordPrint(ctx: OpContext, doc: LoadedDocument, format: 'html' | 'pdf', action = 'print'): Promise<void> {
  await ctx.register.db.transaction().execute(async (trx) => {
    await writeAudit(trx, ctx, {
      action,
      entity: doc.audit.entity,
      entityId: doc.audit.entityId,
      after: { kind: doc.kind, title: doc.title, number: doc.number, registerNo: doc.audit.registerNo, format, fileName: doc.fileName },
    });
    // A letter to a denouncer shows who denounced: that view is audited like a reveal.
    if (doc.showsProtected) {
      await writeAudit(trx, ctx, {
        action: VIEW_PROTECTED_ACTION,
        entity: doc.audit.entity,
        entityId: doc.audit.entityId,
        after: { registerNo: doc.audit.registerNo, where: `In ${doc.title}`, kind: doc.kind },
      });
    }
  });
}
