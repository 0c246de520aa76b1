// Interchange format v1 (petition-register/v1): the JSON file other tools read and write.
// The contract is docs in /work/shared/spec/interchange-v1.md; field names there are final.
// Field rules reuse the core schemas' own field schemas, and each record is run through the
// core schema too, so a file can never hold what the desk's forms would refuse.
import type { AgencyKind } from '../domain/agency.ts';
import { agencyCodeSchema, agencyKindSchema, agencyUpsertSchema } from '../domain/agency.ts';
import { isIsoDate, isoDate, optionalIsoDate, yearOf } from '../domain/dates.ts';
import type { Gender, Person } from '../domain/person.ts';
import { personShape } from '../domain/person.ts';
import type { Channel, Field, PetitionKind } from '../domain/petition.ts';
import { formatRegisterNo, parseRegisterNo, petitionCreateSchema } from '../domain/petition.ts';
import type { Matter, Outcome, SessionKind } from '../domain/reception.ts';
import { maxRepresentatives, sessionUpsertSchema, visitSaveSchema } from '../domain/reception.ts';
import { INELIGIBLE_REASONS, classifySchema, decideSchema, replySchema, type IneligibleReason } from '../domain/workflow.ts';
import type { FieldIssue } from '../errors.ts';
import { cleanText } from '../text.ts';
import { findBadText, optionalText, requiredText, z } from '../validation.ts';
import { DECISION_LAW_FIELDS, SESSION_LAW_FIELDS, VISIT_LAW_FIELDS, sessionLawIn, visitLawIn, type DecisionLawFields, type SessionLawFields } from './law.ts';

export const INTERCHANGE_FORMAT = 'petition-register/v1';

/** The contract's reason codes are the register's own (one list, in shared/domain/workflow.ts). */
export const CLASSIFICATION_REASONS = INELIGIBLE_REASONS;
export type ClassificationReason = IneligibleReason;

// `urge` (đôn đốc giải quyết) added with the law of 2026: an added value, as the contract allows.
export const DECISION_ACTIONS = ['accept', 'forward', 'guide', 'return', 'file', 'urge'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const REPLY_OUTCOMES = ['resolved', 'rejected', 'partial', 'other'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** Decisions that may follow an ineligible classification; every other one needs an eligible one. */
const DECISIONS_AFTER_INELIGIBLE: readonly DecisionAction[] = ['file', 'return'];
/** Decisions that name the agency the petition or the citizen is sent to. */
const DECISIONS_WITH_AGENCY: readonly DecisionAction[] = ['forward', 'guide', 'urge'];

// ---------------------------------------------------------------------------------------------
// The file as written (export). Key order here is the contract's table order, and exports build
// their objects in this order so that files stay byte-for-byte stable.

export interface V1Person {
  full_name: string;
  id_number: string | null;
  birth_year: number | null;
  gender: Gender | null;
  phone: string | null;
  address: string | null;
  commune_code: string | null;
}

export interface V1Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  active: boolean;
}

export interface V1Session extends SessionLawFields {
  ref: string;
  kind: SessionKind;
  date: string;
  host: string | null;
  host_name: string | null;
  location: string | null;
  officers: string[];
}

export interface V1Delegation {
  members: number;
  representatives: V1Person[];
}

export interface V1Visit {
  ref: string;
  session: string;
  persons: number;
  delegation: V1Delegation | null;
  citizen: V1Person;
  matter: Matter;
  content: string;
  repeat: boolean;
  outcome: Outcome;
  refusal_ground?: string;
  handled_by?: string;
}

export interface V1ForwardedBy {
  agency: string;
  letter_no: string | null;
  letter_date: string | null;
}

export type V1Classification =
  | { eligible: true; on: string }
  | { eligible: false; reason: ClassificationReason; duplicate_of: string | null; note: string | null; on: string };

export interface V1Decision extends DecisionLawFields {
  action: DecisionAction;
  on: string;
  agency: string | null;
  document_no: string | null;
  note: string | null;
}

export interface V1Reply {
  on: string;
  document_no: string | null;
  summary: string | null;
  outcome: ReplyOutcome;
}

export interface V1Reminder {
  on: string;
  document_no: string | null;
}

export interface V1Petition {
  ref: string;
  register_no: string | null;
  received_on: string;
  channel: Channel;
  visit: string | null;
  forwarded_by: V1ForwardedBy | null;
  written_on: string | null;
  kind: PetitionKind;
  field: Field;
  signatories: number;
  petitioners: V1Person[];
  subject: string | null;
  summary: string;
  classification: V1Classification | null;
  decision: V1Decision | null;
  reply: V1Reply | null;
  reminders: V1Reminder[];
  /** Written on export only; ignored on import. */
  due_on?: string;
}

export interface V1File {
  format: typeof INTERCHANGE_FORMAT;
  exported_at?: string;
  agencies: V1Agency[];
  sessions: V1Session[];
  visits: V1Visit[];
  petitions: V1Petition[];
}

/** A stored person as the file writes it (the citizen registry id is internal and left out). */
export function personToV1(p: Person): V1Person {
  return {
    full_name: p.fullName,
    id_number: p.idNumber,
    birth_year: p.birthYear,
    gender: p.gender,
    phone: p.phone,
    address: p.address,
    commune_code: p.communeCode,
  };
}

/** `exported_at`: the instant as Vietnam's wall clock with its +07:00 offset, to the second. */
export function vietnamTimestamp(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The file's text: two-space indented JSON and a final newline, so that diffs stay readable. */
export function serialiseInterchange(file: V1File | { format: string }): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading a file: the schema.

const refSchema = (label: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `Thiếu ${label}` : `${label} phải là chuỗi ký tự`) })
    .transform(cleanText)
    .pipe(z.string().min(1, { error: `${label} không được để trống` }).max(64, { error: `${label} dài quá 64 ký tự` }));

const optionalRef = (label: string) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự hoặc null` })
    .nullish()
    .transform((v) => (v == null || cleanText(v) === '' ? null : cleanText(v)))
    .refine((v) => v === null || v.length <= 64, { error: `${label} dài quá 64 ký tự` });

const person = z.strictObject({
  full_name: personShape.fullName,
  id_number: personShape.idNumber,
  birth_year: personShape.birthYear,
  gender: personShape.gender,
  phone: personShape.phone,
  address: personShape.address,
  commune_code: personShape.communeCode,
});

const agency = z.strictObject({
  code: agencyCodeSchema,
  name: agencyUpsertSchema.shape.name,
  kind: agencyKindSchema,
  active: z.boolean({ error: 'active phải là true hoặc false' }).default(true),
});

const session = z.strictObject({
  ref: refSchema('mã tham chiếu ref'),
  kind: sessionUpsertSchema.shape.kind,
  date: sessionUpsertSchema.shape.date,
  host: sessionUpsertSchema.shape.host,
  host_name: sessionUpsertSchema.shape.hostName,
  location: sessionUpsertSchema.shape.location,
  officers: sessionUpsertSchema.shape.officers,
  ...SESSION_LAW_FIELDS,
});

const delegation = z
  .strictObject({
    members: z
      .number({ error: 'Số người trong đoàn phải là số nguyên' })
      .int({ error: 'Số người trong đoàn phải là số nguyên' })
      .min(5, { error: 'Đoàn đông người có từ 5 người trở lên' })
      .max(100_000, { error: 'Số người trong đoàn quá lớn' }),
    representatives: z
      .array(person, { error: 'representatives phải là danh sách người đại diện' })
      .min(1, { error: 'Đoàn phải cử ít nhất 1 người đại diện' })
      .max(5, { error: 'Đoàn cử tối đa 5 người đại diện' }),
  })
  .superRefine((d, ctx) => {
    const max = maxRepresentatives(d.members);
    if (d.representatives.length > max) {
      ctx.addIssue({ code: 'custom', path: ['representatives'], message: `Đoàn ${d.members} người cử tối đa ${max} người đại diện` });
    }
  });

const visit = z.strictObject({
  ref: refSchema('mã tham chiếu ref'),
  session: refSchema('kỳ tiếp (ref của session)'),
  persons: visitSaveSchema.shape.persons,
  delegation: delegation.nullish().transform((v) => v ?? null),
  citizen: person,
  matter: visitSaveSchema.shape.matter,
  content: visitSaveSchema.shape.content,
  repeat: z.boolean({ error: 'repeat phải là true hoặc false' }).default(false),
  outcome: visitSaveSchema.shape.outcome,
  ...VISIT_LAW_FIELDS,
});

const forwardedBy = z.strictObject({
  agency: requiredText('Cơ quan chuyển đơn', 300),
  letter_no: optionalText('Số văn bản chuyển', 50),
  letter_date: optionalIsoDate('Ngày văn bản chuyển'),
});

const classification = z.discriminatedUnion(
  'eligible',
  [
    z.strictObject({ eligible: z.literal(true), on: isoDate('Ngày phân loại') }),
    z
      .strictObject({
        eligible: z.literal(false),
        reason: z.enum(CLASSIFICATION_REASONS, { error: `Lý do không đủ điều kiện phải là một trong: ${CLASSIFICATION_REASONS.join(', ')}` }),
        duplicate_of: optionalRef('Đơn trùng với (duplicate_of)'),
        note: classifySchema.shape.note,
        on: isoDate('Ngày phân loại'),
      })
      .superRefine((c, ctx) => {
        // The desk's rules for a classification (classifySchema), in the file's words.
        if (c.reason === 'duplicate' && c.duplicate_of === null) {
          ctx.addIssue({ code: 'custom', path: ['duplicate_of'], message: 'Đơn trùng (reason = duplicate) phải ghi ref của đơn đã có (duplicate_of)' });
        }
        if (c.reason !== 'duplicate' && c.duplicate_of !== null) {
          ctx.addIssue({ code: 'custom', path: ['duplicate_of'], message: 'Chỉ ghi đơn gốc (duplicate_of) khi lý do là đơn trùng (reason = duplicate)' });
        }
        if (c.reason === 'other' && c.note === null) {
          ctx.addIssue({ code: 'custom', path: ['note'], message: 'Lý do khác (reason = other) phải ghi rõ trong ghi chú (note)' });
        }
      }),
  ],
  { error: 'Phân loại phải là null, {"eligible": true, ...} hoặc {"eligible": false, ...}' },
);

const decision = z
  .strictObject({
    action: z.enum(DECISION_ACTIONS, { error: `Hướng xử lý phải là một trong: ${DECISION_ACTIONS.join(', ')}` }),
    on: isoDate('Ngày quyết định hướng xử lý'),
    agency: agencyCodeSchema.nullish().transform((v) => v ?? null),
    document_no: optionalText('Số văn bản', 50),
    note: decideSchema.shape.note,
    ...DECISION_LAW_FIELDS,
  })
  .superRefine((d, ctx) => {
    if (DECISIONS_WITH_AGENCY.includes(d.action) && d.agency === null) {
      ctx.addIssue({ code: 'custom', path: ['agency'], message: `Hướng xử lý ${d.action} phải ghi mã cơ quan nhận (agency)` });
    }
  });

const reply = z.strictObject({
  on: isoDate('Ngày trả lời'),
  document_no: replySchema.shape.documentNo,
  summary: replySchema.shape.summary,
  outcome: z.enum(REPLY_OUTCOMES, { error: `Kết quả phải là một trong: ${REPLY_OUTCOMES.join(', ')}` }),
});

const reminder = z.strictObject({
  on: isoDate('Ngày đôn đốc'),
  document_no: optionalText('Số văn bản đôn đốc', 50),
});

const registerNo = z
  .string({ error: 'Số vào sổ phải là chuỗi dạng NĂM/SỐ hoặc null' })
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()))
  .transform((v, ctx) => {
    if (v === null) return null;
    const parsed = parseRegisterNo(v);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `Số vào sổ “${v}” không đúng dạng NĂM/SỐ (ví dụ 2026/000123)` });
      return z.NEVER;
    }
    return formatRegisterNo(parsed.year, parsed.seq);
  });

const petition = z.strictObject({
  ref: refSchema('mã tham chiếu ref'),
  register_no: registerNo,
  received_on: petitionCreateSchema.shape.receivedOn,
  channel: petitionCreateSchema.shape.channel,
  visit: optionalRef('Lượt tiếp (ref của visit)'),
  forwarded_by: forwardedBy.nullish().transform((v) => v ?? null),
  written_on: petitionCreateSchema.shape.writtenOn,
  kind: petitionCreateSchema.shape.kind,
  field: petitionCreateSchema.shape.field,
  signatories: z
    .number({ error: 'Số người đứng tên (signatories) phải là số nguyên từ 1 trở lên' })
    .int({ error: 'Số người đứng tên phải là số nguyên' })
    .min(1, { error: 'Số người đứng tên ít nhất là 1' })
    .max(100_000, { error: 'Số người đứng tên quá lớn' }),
  petitioners: z.array(person, { error: 'petitioners phải là danh sách người đứng đơn ([] nếu đơn nặc danh)' }),
  subject: petitionCreateSchema.shape.subject,
  summary: petitionCreateSchema.shape.summary,
  classification: classification.nullish().transform((v) => v ?? null),
  decision: decision.nullish().transform((v) => v ?? null),
  reply: reply.nullish().transform((v) => v ?? null),
  reminders: z.array(reminder, { error: 'reminders phải là danh sách' }).nullish().transform((v) => v ?? []),
  // The register's deadline, written on export; whatever a file says here is not data.
  due_on: z.unknown().optional(),
});

const list = <T extends z.ZodType>(item: T, name: string) =>
  z
    .array(item, { error: `${name} phải là một danh sách` })
    .optional()
    .transform((v) => v ?? []);

export const interchangeFileSchema = z.strictObject({
  format: z.literal(INTERCHANGE_FORMAT),
  exported_at: z.iso.datetime({ offset: true, error: 'exported_at phải là thời điểm ISO 8601, ví dụ 2026-11-21T10:00:00+07:00' }).nullish(),
  agencies: list(agency, 'agencies'),
  sessions: list(session, 'sessions'),
  visits: list(visit, 'visits'),
  petitions: list(petition, 'petitions'),
});

/**
 * The fields of each record the whole file's rules need (refs, numbers, dates, a duplicate's
 * original, what a content's notices hang on), read exactly as the record's schema reads them; the
 * rest of the record is left to its own check (an import in slices, ./outline.ts).
 */
export const OUTLINE_SCHEMAS = {
  sessions: z.object({ ref: session.shape.ref }),
  visits: z.object({ ref: visit.shape.ref }),
  petitions: z.object({
    ref: petition.shape.ref,
    received_on: petition.shape.received_on,
    register_no: petition.shape.register_no,
    classification: petition.shape.classification.catch(null),
    decision: z.unknown().optional(),
    reply: z.unknown().optional(),
    // v2: each content's kind, decision and reply (the first content's handling is the petition's).
    contents: z.array(z.object({ kind: z.unknown().optional(), decision: z.unknown().optional(), reply: z.unknown().optional() })).catch([]),
  }),
};

/**
 * A record's outline (OUTLINE_SCHEMAS), or the issues that keep it from being read, named as
 * the record's own check names them.
 */
export function readOutline<T>(schema: z.ZodType<T>, raw: unknown, label: string): { ok: true; value: T } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(raw, { error: errorMap });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: label + pathTail(i.path), message: withChoices(i) })) };
}

/** What a file may hold, before defaults and normalisation (generators and tests build these). */
export type V1FileInput = z.input<typeof interchangeFileSchema>;
type ParsedFile = z.output<typeof interchangeFileSchema>;
type ParsedPetition = ParsedFile['petitions'][number];

// ---------------------------------------------------------------------------------------------
// Reading a file: the checks, and the records in the core's own input shapes.

type SessionData = z.output<typeof sessionUpsertSchema>;
type VisitData = z.output<typeof visitSaveSchema>;
type PetitionData = z.output<typeof petitionCreateSchema>;

export interface Workflow {
  classification: V1Classification | null;
  decision: V1Decision | null;
  reply: V1Reply | null;
  reminders: V1Reminder[];
}

/** A file that passed every check that needs no register, its records ready for the core ops. */
export interface CheckedInterchange {
  exportedAt: string | null;
  agencies: { label: string; code: string; name: string; kind: AgencyKind; active: boolean }[];
  sessions: { label: string; ref: string; data: SessionData }[];
  /** `data.sessionId` is 0 until the session is written; `sessionRef` says which one. */
  visits: { label: string; ref: string; sessionRef: string; data: VisitData }[];
  /** `data.visitId` is null until the visit is written; `visitRef` says which one. */
  petitions: { label: string; ref: string; registerNo: string | null; visitRef: string | null; data: PetitionData; workflow: Workflow }[];
  /** Agency codes decisions use that the file does not define: the register must have them. */
  decisionAgencies: { path: string; code: string }[];
}

export type CheckResult = { ok: true; value: CheckedInterchange } | { ok: false; issues: FieldIssue[] };

const COLLECTIONS = ['agencies', 'sessions', 'visits', 'petitions'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * On a part of a file checked by itself (an import in slices, db/interchange/import-file.ts): which
 * collection the part holds and the place in the file of its first record, so a record named by
 * its index is named by its place in the file.
 */
export const SLICE_START: unique symbol = Symbol('sliceStart');

export interface SliceStart {
  collection: string;
  start: number;
}

/** The place in the file of a record at `index` of a collection of `raw` (a slice's records start later). */
function fileIndex(raw: unknown, collection: string, index: number): number {
  const slice = isRecord(raw) ? ((raw as { [SLICE_START]?: SliceStart })[SLICE_START] ?? null) : null;
  return slice !== null && slice.collection === collection ? slice.start + index : index;
}

/** How a record is named in messages: by its ref (agencies: code), else by its place in the file. */
export function labelOf(item: unknown, collection: string, index: number): string {
  const key = collection === 'agencies' ? 'code' : 'ref';
  const value = isRecord(item) ? item[key] : undefined;
  if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return `${collection}[${key}=${String(value).trim()}]`;
  return `${collection}[${index}]`;
}

function recordLabel(raw: unknown, collection: string, index: number): string {
  const items = isRecord(raw) ? raw[collection] : undefined;
  return labelOf(Array.isArray(items) ? (items[index] as unknown) : undefined, collection, fileIndex(raw, collection, index));
}

function pathTail(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** `petitions[ref=P12].received_on` from a path into the raw file. */
export function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path;
  if (typeof head === 'string' && (COLLECTIONS as readonly string[]).includes(head) && typeof index === 'number') {
    return recordLabel(raw, head, index) + pathTail(rest);
  }
  if (typeof head === 'string' && typeof index === 'number') return head + pathTail([fileIndex(raw, head, index), ...rest]);
  return pathTail(path).replace(/^\./, '');
}

const camelToSnake = (key: PropertyKey) => (typeof key === 'string' ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key);

/** Messages for what the schemas above leave to zod: missing fields and unknown fields. */
const errorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type' && iss.input === undefined) return 'Thiếu trường bắt buộc';
  if (iss.code === 'unrecognized_keys') return `Trường không có trong định dạng ${INTERCHANGE_FORMAT}: ${iss.keys.join(', ')}`;
  return undefined;
};

/** Tools write these files: tell them which values a list field takes. */
function withChoices(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_value' || issue.values.length < 2) return issue.message;
  return `${issue.message} (chỉ nhận: ${issue.values.map(String).join(', ')})`;
}

function toCorePerson(p: z.output<typeof person>) {
  return {
    citizenId: null,
    fullName: p.full_name,
    idNumber: p.id_number,
    birthYear: p.birth_year,
    gender: p.gender,
    phone: p.phone,
    address: p.address,
    communeCode: p.commune_code,
  };
}

function coreIssues(label: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: label + pathTail(i.path.map(camelToSnake)), message: i.message }));
}

/** The issue of a ref used twice in a collection (`what`: "một đơn"). */
export function repeatedRefIssue(label: string, ref: string, what: string): FieldIssue {
  return { path: `${label}.ref`, message: `Mã tham chiếu “${ref}” đã dùng cho ${what} khác trong tệp` };
}

/** The issue of a register number given to two petitions of a file. */
export function repeatedRegisterNoIssue(label: string, registerNo: string, other: string): FieldIssue {
  return { path: `${label}.register_no`, message: `Số vào sổ ${registerNo} đã dùng cho ${other} trong tệp` };
}

/** Refs must be unique within their array. */
function duplicateRefs(items: { ref: string; label: string }[], what: string, issues: FieldIssue[]): Set<string> {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.ref)) issues.push(repeatedRefIssue(item.label, item.ref, what));
    seen.add(item.ref);
  }
  return seen;
}

/** What each collection's records are called in the repeated-ref issue. */
export const RECORD_WHAT = { sessions: 'một kỳ tiếp', visits: 'một lượt tiếp', petitions: 'một đơn' } as const;

/**
 * The contract's consistency rules for one petition's handling: a decision needs an eligible
 * classification (file and return may follow an ineligible one), a reply and reminders need a
 * forward; no date precedes receipt, and the steps keep their order: classification ≤ decision ≤
 * reply, reminders between the forward and the reply. A duplicate points at a petition of the
 * file received on or before it.
 */
function checkWorkflow(label: string, p: ParsedPetition, receivedOn: { get(ref: string): string | undefined }, issues: FieldIssue[]): void {
  const add = (path: string, message: string) => issues.push({ path: `${label}.${path}`, message });
  const early = (on: string) => on < p.received_on;
  const { classification: cls, decision: dec, reply: rep, reminders } = p;
  if (cls) {
    if (early(cls.on)) add('classification.on', `Ngày phân loại ${cls.on} trước ngày nhận đơn ${p.received_on}`);
    if (!cls.eligible && cls.duplicate_of !== null) {
      const original = receivedOn.get(cls.duplicate_of);
      if (cls.duplicate_of === p.ref) add('classification.duplicate_of', 'Đơn không thể trùng với chính nó');
      else if (original === undefined) add('classification.duplicate_of', `Không có đơn ref “${cls.duplicate_of}” trong tệp`);
      else if (original > p.received_on) {
        add('classification.duplicate_of', `Đơn gốc ${cls.duplicate_of} nhận ngày ${original}, sau đơn này (${p.received_on}): đơn gốc phải được nhận trước hoặc cùng ngày`);
      }
    }
  }
  if (dec) {
    if (!cls) {
      add('decision', 'Đơn chưa phân loại (classification là null) thì chưa thể có hướng xử lý');
    } else if (!cls.eligible && !DECISIONS_AFTER_INELIGIBLE.includes(dec.action) && !(dec.to_inspection && dec.action === 'forward' && !cls.eligible && cls.reason === 'anonymous')) {
      add('decision.action', `Đơn không đủ điều kiện xử lý chỉ có thể lưu đơn (file) hoặc trả lại (return), không thể ${dec.action}`);
    }
    if (early(dec.on)) add('decision.on', `Ngày quyết định ${dec.on} trước ngày nhận đơn ${p.received_on}`);
    else if (cls && dec.on < cls.on) add('decision.on', `Ngày quyết định ${dec.on} trước ngày phân loại ${cls.on}`);
  }
  const forward = dec?.action === 'forward' ? dec : null;
  if (rep) {
    if (!forward) add('reply', 'Chỉ có kết quả trả lời (reply) khi đơn đã được chuyển (decision.action = forward)');
    if (early(rep.on)) add('reply.on', `Ngày trả lời ${rep.on} trước ngày nhận đơn ${p.received_on}`);
    else if (forward && rep.on < forward.on) add('reply.on', `Ngày trả lời ${rep.on} trước ngày chuyển đơn ${forward.on}`);
  }
  if (reminders.length > 0 && !forward) add('reminders', 'Chỉ có đôn đốc (reminders) khi đơn đã được chuyển (decision.action = forward)');
  reminders.forEach((r, i) => {
    if (early(r.on)) add(`reminders[${i}].on`, `Ngày đôn đốc ${r.on} trước ngày nhận đơn ${p.received_on}`);
    else if (forward && r.on < forward.on) add(`reminders[${i}].on`, `Ngày đôn đốc ${r.on} trước ngày chuyển đơn ${forward.on}`);
    if (rep && r.on > rep.on) add(`reminders[${i}].on`, `Ngày đôn đốc ${r.on} sau ngày nhận trả lời ${rep.on}: cơ quan đã trả lời thì không còn đôn đốc`);
  });
}

/**
 * Handling dates after the register's today: a file records what has happened, so these are
 * errors, as they are at the desk. Receipt dates are not judged here (intake does not refuse them).
 */
export function futureDateIssues(petitions: CheckedInterchange['petitions'], today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (label: string, path: string, what: string, on: string) => {
    if (on > today) issues.push({ path: `${label}.${path}`, message: `${what} ${on} sau ngày hôm nay (${today}): tệp chỉ ghi những việc đã xảy ra` });
  };
  for (const { label, workflow: w } of petitions) {
    if (w.classification) check(label, 'classification.on', 'Ngày phân loại', w.classification.on);
    if (w.decision) check(label, 'decision.on', 'Ngày quyết định', w.decision.on);
    if (w.reply) check(label, 'reply.on', 'Ngày trả lời', w.reply.on);
    w.reminders.forEach((r, i) => check(label, `reminders[${i}].on`, 'Ngày đôn đốc', r.on));
  }
  return issues;
}

export interface CheckOptions {
  /**
   * The register's today (Vietnam): handling dates after it are refused. Without it the check
   * needs no register at all; the importer then checks the dates against the register's clock.
   */
  today?: string;
  /**
   * The caller gives up `raw`: each record is let go from its array as soon as it is read, so the
   * file's records and their checked form are never held whole side by side (an import of a file
   * read for it: a million petitions are gigabytes). The caller's object is emptied as it goes.
   */
  consume?: boolean;
  /**
   * The whole file's records, when `raw` is a slice of it (an import in slices,
   * db/interchange/import-file.ts): what the cross-record rules look up instead of the given records.
   * Refs repeated across the file are found before, where this was gathered.
   */
  known?: KnownRecords;
}

/** What the cross-record rules need of a whole file, gathered in one pass over it. */
export interface KnownRecords {
  agencies: ReadonlySet<string>;
  sessions: ReadonlySet<string>;
  visits: ReadonlySet<string>;
  /** Each petition's ref → its date of receipt (of the first petition with that ref). */
  petitions: { get(ref: string): string | undefined; has(ref: string): boolean };
  /** Each matter's ref → the ref of the matter it is merged into (null: not merged). */
  matters: ReadonlyMap<string, string | null>;
  /** A petition's content by its place in the letter (notices): kind, and whether it has a decision, a reply. */
  handlingOf(petitionRef: string, position: number): ContentHandlingMark | null;
}

export interface ContentHandlingMark {
  kind: string;
  decision: boolean;
  reply: boolean;
}

/** The top level of a file, each collection a list of records read one by one below. */
const fileHeadSchema = z.strictObject({
  format: interchangeFileSchema.shape.format,
  exported_at: interchangeFileSchema.shape.exported_at,
  agencies: list(z.unknown(), 'agencies'),
  sessions: list(z.unknown(), 'sessions'),
  visits: list(z.unknown(), 'visits'),
  petitions: list(z.unknown(), 'petitions'),
});

const RECORD_SCHEMAS = { agencies: agency, sessions: session, visits: visit, petitions: petition } as const;

type ParsedRecords = { ok: true; file: ParsedFile; labels: Record<(typeof COLLECTIONS)[number], string[]> } | { ok: false; issues: FieldIssue[] };

/**
 * What `interchangeFileSchema` reads, with the same issues in the same order (the top level's,
 * then each collection's records in file order), but one record at a time: with `consume` a
 * record is let go as soon as it is parsed. Each record's label is taken while it is at hand.
 */
function parseRecords(raw: Record<string, unknown>, consume: boolean): ParsedRecords {
  const head = fileHeadSchema.safeParse(raw, { error: errorMap });
  const headIssues = head.success ? [] : head.error.issues;
  const byKey = new Map<PropertyKey, FieldIssue[]>();
  const rest: FieldIssue[] = [];
  for (const i of headIssues) {
    const key = i.path[0];
    const issue = { path: describePath(raw, i.path), message: withChoices(i) };
    if (typeof key === 'string' && Object.hasOwn(fileHeadSchema.shape, key)) byKey.set(key, [...(byKey.get(key) ?? []), issue]);
    else rest.push(issue);
  }
  const labels = { agencies: [] as string[], sessions: [] as string[], visits: [] as string[], petitions: [] as string[] };
  const parsed: Record<string, unknown[]> = {};
  for (const collection of COLLECTIONS) {
    const items = raw[collection];
    if (!Array.isArray(items) || byKey.has(collection)) continue;
    const out: unknown[] = [];
    const issues: FieldIssue[] = [];
    const schema = RECORD_SCHEMAS[collection] as z.ZodType;
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as unknown;
      const label = recordLabel(raw, collection, index);
      labels[collection].push(label);
      const result = schema.safeParse(item, { error: errorMap });
      if (result.success) out.push(result.data);
      else for (const i of result.error.issues) issues.push({ path: label + pathTail(i.path), message: withChoices(i) });
      if (consume) items[index] = undefined;
    }
    if (issues.length > 0) byKey.set(collection, issues);
    parsed[collection] = out;
  }
  const issues = [...Object.keys(fileHeadSchema.shape).flatMap((key) => byKey.get(key) ?? []), ...rest];
  if (issues.length > 0 || !head.success) return { ok: false, issues };
  return { ok: true, file: { ...head.data, ...parsed } as ParsedFile, labels };
}

/**
 * Every check of a v1 file that needs no register: the format, each field, refs unique and
 * resolved, the core's rules for each record and the contract's consistency rules.
 */
export function checkInterchange(raw: unknown, options: CheckOptions = {}): CheckResult {
  const fail = (path: string, message: string): CheckResult => ({ ok: false, issues: [{ path, message }] });
  if (!isRecord(raw)) return fail('', `Tệp phải chứa một đối tượng JSON có "format": "${INTERCHANGE_FORMAT}"`);
  if (raw.format !== INTERCHANGE_FORMAT) {
    return fail(
      'format',
      raw.format === undefined
        ? `Thiếu trường format: tệp không phải tệp trao đổi ${INTERCHANGE_FORMAT} của Sổ tiếp công dân`
        : `Định dạng ${JSON.stringify(raw.format)} không được hỗ trợ; phiên bản này đọc "${INTERCHANGE_FORMAT}" và "petition-register/v2"`,
    );
  }
  const badText = findBadText(raw);
  if (badText.length > 0) return { ok: false, issues: badText.map((i) => ({ path: describePath(raw, i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))), message: i.message })) };
  const parsed = parseRecords(raw, options.consume ?? false);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  const issues: FieldIssue[] = [];
  const label = (collection: (typeof COLLECTIONS)[number], index: number) => parsed.labels[collection][index]!;
  const known = options.known;

  const agencies = file.agencies.map((a, i) => ({ label: label('agencies', i), ...a }));
  const agencyCodes = new Set<string>();
  for (const a of agencies) {
    if (agencyCodes.has(a.code)) issues.push({ path: `${a.label}.code`, message: `Mã cơ quan ${a.code} bị trùng trong tệp` });
    agencyCodes.add(a.code);
  }

  const sessions: CheckedInterchange['sessions'] = [];
  file.sessions.forEach((s, i) => {
    const l = label('sessions', i);
    const core = sessionUpsertSchema.safeParse({ kind: s.kind, date: s.date, host: s.host, hostName: s.host_name, location: s.location, officers: s.officers, ...sessionLawIn(s) });
    if (core.success) sessions.push({ label: l, ref: s.ref, data: core.data });
    else issues.push(...coreIssues(l, core.error));
  });
  const sessionRefs = known?.sessions ?? duplicateRefs(file.sessions.map((s, i) => ({ ref: s.ref, label: label('sessions', i) })), RECORD_WHAT.sessions, issues);

  const visits: CheckedInterchange['visits'] = [];
  // Each parsed record is let go once checked: the checked records are what is kept.
  const visitRefList = file.visits.map((v, i) => ({ ref: v.ref, label: label('visits', i) }));
  file.visits.forEach((v, i) => {
    (file.visits as unknown[])[i] = undefined;
    const l = label('visits', i);
    if (!sessionRefs.has(v.session)) issues.push({ path: `${l}.session`, message: `Không có kỳ tiếp ref “${v.session}” trong tệp` });
    const core = visitSaveSchema.safeParse({
      sessionId: 1,
      persons: v.persons,
      delegation: v.delegation && { members: v.delegation.members, representatives: v.delegation.representatives.map(toCorePerson) },
      citizen: toCorePerson(v.citizen),
      matter: v.matter,
      content: v.content,
      repeat: v.repeat,
      outcome: v.outcome,
      ...visitLawIn(v),
    });
    if (core.success) visits.push({ label: l, ref: v.ref, sessionRef: v.session, data: { ...core.data, sessionId: 0 } });
    else issues.push(...coreIssues(l, core.error));
  });
  const visitRefs = known?.visits ?? duplicateRefs(visitRefList, RECORD_WHAT.visits, issues);

  // The first petition of each ref (a repeated ref is an error of its own, below).
  const receivedOn = new Map<string, string>();
  for (const p of file.petitions) if (!receivedOn.has(p.ref)) receivedOn.set(p.ref, p.received_on);
  duplicateRefs(file.petitions.map((p, i) => ({ ref: p.ref, label: label('petitions', i) })), RECORD_WHAT.petitions, issues);
  const registerNos = new Map<string, string>();
  const petitions: CheckedInterchange['petitions'] = [];
  const decisionAgencies: CheckedInterchange['decisionAgencies'] = [];
  file.petitions.forEach((p, i) => {
    (file.petitions as unknown[])[i] = undefined;
    const l = label('petitions', i);
    if (p.visit !== null && !visitRefs.has(p.visit)) issues.push({ path: `${l}.visit`, message: `Không có lượt tiếp ref “${p.visit}” trong tệp` });
    if (p.register_no !== null) {
      const year = parseRegisterNo(p.register_no)!.year;
      if (isIsoDate(p.received_on) && year !== yearOf(p.received_on)) {
        issues.push({ path: `${l}.register_no`, message: `Số vào sổ ${p.register_no} không thuộc năm nhận đơn ${yearOf(p.received_on)} (received_on ${p.received_on})` });
      }
      const other = registerNos.get(p.register_no);
      if (other !== undefined) issues.push(repeatedRegisterNoIssue(l, p.register_no, other));
      else registerNos.set(p.register_no, l);
    }
    const core = petitionCreateSchema.safeParse({
      receivedOn: p.received_on,
      channel: p.channel,
      visitId: null,
      forwardedBy: p.forwarded_by && { agency: p.forwarded_by.agency, letterNo: p.forwarded_by.letter_no, letterDate: p.forwarded_by.letter_date },
      writtenOn: p.written_on,
      kind: p.kind,
      field: p.field,
      signatories: p.signatories,
      petitioners: p.petitioners.map(toCorePerson),
      subject: p.subject,
      summary: p.summary,
    });
    if (!core.success) issues.push(...coreIssues(l, core.error));
    checkWorkflow(l, p, known?.petitions ?? receivedOn, issues);
    if (p.decision?.agency && !(known?.agencies ?? agencyCodes).has(p.decision.agency)) decisionAgencies.push({ path: `${l}.decision.agency`, code: p.decision.agency });
    if (core.success) {
      const { classification: c, decision: d, reply: r, reminders } = p;
      petitions.push({ label: l, ref: p.ref, registerNo: p.register_no, visitRef: p.visit, data: core.data, workflow: { classification: c, decision: d, reply: r, reminders } });
    }
  });

  if (options.today !== undefined) issues.push(...futureDateIssues(petitions, options.today));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { exportedAt: file.exported_at ?? null, agencies, sessions, visits, petitions, decisionAgencies } };
}

/** One sentence for a list of issues: the first few, then how many more. */
export function describeIssues(issues: FieldIssue[], shown = 3): string {
  const parts = issues.slice(0, shown).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > shown ? ` (và ${issues.length - shown} lỗi khác)` : '';
  return `${parts.join('; ')}${more}`;
}

/** The handling records' shapes, for v2's further contents that carry their own (shared/interchange/v2.ts). */
export const HANDLING_SCHEMAS = { decision, reply, reminder };
