// The interchange file, version 2 (docs/interchange-v2.md): v1 with matters (vụ việc), a
// petition's contents, and petitioners of every kind. Every v1 field keeps its meaning; v2 adds.
// Reading a v2 file checks the v2 additions here, then the v1 part with v1's own checks (the
// additions stripped), then puts the additions back on the checked records.
// Per-record serialisation lives in small functions so later additions stay local.
import type { FieldIssue } from '../errors.ts';
import { isoDate } from '../domain/dates.ts';
import { ARRIVAL_STATES, COMPLAINT_LEVELS, MATTER_KINDS, type ArrivalState, type ComplaintLevel, type MatterKind } from '../domain/matter.ts';
import { FIELDS, PETITION_KINDS, type Field, type PetitionKind } from '../domain/petition.ts';
import { personSchema, type Person, type PersonKind } from '../domain/person.ts';
import { z, optionalText, requiredText } from '../validation.ts';
import { NOTICE_WHAT, checkNotices, noticeFileSchema, type CheckedNotice, type V2Notice } from './notices.ts';
import { HANDLING_SCHEMAS, checkInterchange, repeatedRefIssue, describePath, INTERCHANGE_FORMAT, personToV1, type CheckedInterchange, type CheckOptions, type V1Decision, type V1Person, type V1Petition, type V1Reminder, type V1Reply, type V1Visit } from './v1.ts';

export const INTERCHANGE_FORMAT_V2 = 'petition-register/v2';

// ---------------------------------------------------------------------------------------------
// The file as written (export), keys in the document's order.

export interface V2Person extends V1Person {
  kind: PersonKind;
  nationality: string | null;
  id_issued_on: string | null;
  id_issued_place: string | null;
  org_reg_no: string | null;
  representative: string | null;
}

export interface V2Matter {
  ref: string;
  kind: MatterKind;
  field: Field | null;
  title: string;
  case_commune_code: string | null;
  arrival_state: ArrivalState;
  complaint_level: ComplaintLevel | null;
  decided_by: string | null;
  first_seen_on: string;
  seen_before: boolean;
  merged_into: string | null;
}

export interface V2Content {
  matter_ref: string;
  kind: PetitionKind;
  field: Field;
  summary: string;
  needs_split: boolean;
  /** Written on export; recomputed on import from the order of the matter's arrivals. */
  repeat: boolean;
  /** A further content's own handling (the first content's is the petition's); written only when decided. */
  decision?: V1Decision;
  reply?: V1Reply | null;
  reminders?: V1Reminder[];
}

export type V2Visit = Omit<V1Visit, 'citizen' | 'delegation'> & {
  delegation: { members: number; representatives: V2Person[] } | null;
  citizen: V2Person;
  matter_ref: string;
};

export type V2Petition = Omit<V1Petition, 'petitioners' | 'due_on'> & {
  petitioners: V2Person[];
  contents: V2Content[];
  due_on?: string;
};

export interface V2File {
  format: typeof INTERCHANGE_FORMAT_V2;
  exported_at?: string;
  agencies: import('./v1.ts').V1Agency[];
  sessions: import('./v1.ts').V1Session[];
  matters: V2Matter[];
  visits: V2Visit[];
  petitions: V2Petition[];
  /** Notices to citizens (shared/interchange/notices.ts); absent in files written before them. */
  notices?: V2Notice[];
}

export function personToV2(p: Person): V2Person {
  return {
    ...personToV1(p),
    kind: p.kind ?? 'citizen',
    nationality: p.nationality ?? null,
    id_issued_on: p.idIssuedOn ?? null,
    id_issued_place: p.idIssuedPlace ?? null,
    org_reg_no: p.orgRegNo ?? null,
    representative: p.representative ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading: the v2 additions.

const ref = (label: string) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(z.string().min(1, { error: `${label} không được để trống` }).max(64, { error: `${label} dài quá 64 ký tự` }));

const matterSchema = z.strictObject({
  ref: ref('mã tham chiếu ref'),
  kind: z.enum(MATTER_KINDS, { error: `Loại vụ việc phải là một trong: ${MATTER_KINDS.join(', ')}` }),
  field: z.enum(FIELDS, { error: 'Lĩnh vực không hợp lệ' }).nullish().transform((v) => v ?? null),
  title: requiredText('Tên vụ việc', 200),
  case_commune_code: z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{5}$/.test(v), { error: 'Mã xã nơi phát sinh vụ việc gồm 5 chữ số' }),
  arrival_state: z.enum(ARRIVAL_STATES, { error: `Tình trạng khi đến Ban phải là một trong: ${ARRIVAL_STATES.join(', ')}` }).default('unresolved'),
  complaint_level: z.enum(COMPLAINT_LEVELS, { error: 'Cấp khiếu nại phải là first hoặc second' }).nullish().transform((v) => v ?? null),
  decided_by: optionalText('Cơ quan đã giải quyết', 300),
  first_seen_on: isoDate('Ngày tiếp nhận đầu tiên'),
  seen_before: z.boolean({ error: 'seen_before phải là true hoặc false' }).default(false),
  merged_into: ref('Vụ việc gộp vào (merged_into)').nullish().transform((v) => v ?? null),
});

const contentSchema = z.strictObject({
  matter_ref: ref('Vụ việc (matter_ref)'),
  kind: z.enum(PETITION_KINDS, { error: `Loại nội dung phải là một trong: ${PETITION_KINDS.join(', ')}` }),
  field: z.enum(FIELDS, { error: 'Lĩnh vực không hợp lệ' }),
  summary: requiredText('Tóm tắt nội dung', 4000),
  needs_split: z.boolean({ error: 'needs_split phải là true hoặc false' }).default(false),
  repeat: z.unknown().optional(),
  decision: HANDLING_SCHEMAS.decision.nullish().transform((v) => v ?? null),
  reply: HANDLING_SCHEMAS.reply.nullish().transform((v) => v ?? null),
  reminders: z.array(HANDLING_SCHEMAS.reminder, { error: 'reminders phải là một danh sách' }).optional().transform((v) => v ?? []),
});

/** The fields of v2's own records the whole file's rules need (see v1's OUTLINE_SCHEMAS). */
export const OUTLINE_SCHEMAS_V2 = {
  matters: z.object({ ref: matterSchema.shape.ref, merged_into: matterSchema.shape.merged_into }),
  notices: z.object({ ref: noticeFileSchema.shape.ref, issued_on: noticeFileSchema.shape.issued_on, document_no: noticeFileSchema.shape.document_no }),
};

const PERSON_EXTRA_KEYS = ['kind', 'nationality', 'id_issued_on', 'id_issued_place', 'org_reg_no', 'representative'] as const;

/** The additions of v2 only; everything else is left to the v1 checks. */
const additions = z.object({
  matters: z.array(matterSchema, { error: 'matters phải là một danh sách' }).optional().transform((v) => v ?? []),
  // Each record's own v2 fields only (the rest is v1's to check): no copy of the whole record is kept.
  visits: z.array(z.object({ matter_ref: ref('Vụ việc (matter_ref)') })).optional(),
  petitions: z
    .array(
      z.object({
        contents: z.array(contentSchema, { error: 'contents phải là danh sách nội dung' }).min(1, { error: 'Đơn phải có ít nhất một nội dung' }).max(21, { error: 'Tối đa 21 nội dung' }),
      }),
    )
    .optional(),
  notices: z.array(noticeFileSchema, { error: 'notices phải là một danh sách' }).optional().transform((v) => v ?? []),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A person of the file in the core's shape (with its kind), and the same person as v1 reads it. */
function splitPerson(raw: unknown): { core: unknown; v1: unknown } {
  if (!isRecord(raw)) return { core: raw, v1: raw };
  const v1: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!(PERSON_EXTRA_KEYS as readonly string[]).includes(k)) v1[k] = v;
  // v1 checks a citizen's ID; a foreigner's passport or an organisation's lack of one is checked below.
  if (raw.kind !== undefined && raw.kind !== 'citizen') v1.id_number = null;
  const core = {
    kind: raw.kind ?? 'citizen',
    citizenId: null,
    fullName: raw.full_name,
    idNumber: raw.id_number,
    birthYear: raw.birth_year,
    gender: raw.gender,
    phone: raw.phone,
    address: raw.address,
    communeCode: raw.commune_code,
    nationality: raw.nationality,
    idIssuedOn: raw.id_issued_on,
    idIssuedPlace: raw.id_issued_place,
    orgRegNo: raw.org_reg_no,
    representative: raw.representative,
  };
  return { core, v1 };
}

const snake = (key: PropertyKey) => (typeof key === 'string' ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key);
const RENAMED: Record<string, string> = { fullName: 'full_name', orgRegNo: 'org_reg_no', representative: 'representative' };

export interface CheckedMatter {
  label: string;
  ref: string;
  data: z.output<typeof matterSchema>;
}

/** A checked v2 file: the v1 records, the matters, and on each visit and petition its matters. */
export interface CheckedInterchangeV2 extends CheckedInterchange {
  matters: CheckedMatter[];
  /** By index of `visits`: the visit's matter ref. */
  visitMatters: string[];
  /** By index of `petitions`: the contents in order (the first describes the petition's own kind). */
  petitionContents: z.output<typeof contentSchema>[][];
  /** Notices to citizens, in file order (empty for a file without them). */
  notices: CheckedNotice[];
}

/** What v2's collections' records are called in the repeated-ref issue. */
export const RECORD_WHAT_V2 = { matters: 'một vụ việc', notices: NOTICE_WHAT } as const;

export type CheckResultV2 = { ok: true; value: CheckedInterchangeV2 } | { ok: false; issues: FieldIssue[] };

export function checkInterchangeV2(raw: unknown, options: CheckOptions = {}): CheckResultV2 {
  const fail = (path: string, message: string): CheckResultV2 => ({ ok: false, issues: [{ path, message }] });
  if (!isRecord(raw)) return fail('', `Tệp phải chứa một đối tượng JSON có "format": "${INTERCHANGE_FORMAT_V2}"`);
  if (raw.format !== INTERCHANGE_FORMAT_V2) return fail('format', `Định dạng ${JSON.stringify(raw.format)} không phải "${INTERCHANGE_FORMAT_V2}"`);
  const added = additions.safeParse(raw);
  if (!added.success) return { ok: false, issues: added.error.issues.map((i) => ({ path: describePath(raw, i.path), message: i.message })) };

  // The v1 part: v2's additions stripped, each person as v1 reads it.
  const persons: { path: string; core: unknown }[] = [];
  // With `consume` each record of `raw` is let go once its v1 view is made (the view holds its parts).
  const strip = (collection: 'visits' | 'petitions') =>
    (Array.isArray(raw[collection]) ? (raw[collection] as unknown[]) : []).map((item, i, items) => {
      const label = describePath(raw, [collection, i]);
      if (options.consume) items[i] = undefined;
      if (!isRecord(item)) return item;
      const { matter_ref: _m, contents: _c, ...rest } = item;
      const person = (p: unknown, path: string) => {
        const { core, v1 } = splitPerson(p);
        persons.push({ path: `${label}${path}`, core });
        return v1;
      };
      if (collection === 'visits') {
        if (rest.citizen !== undefined) rest.citizen = person(rest.citizen, '.citizen');
        if (isRecord(rest.delegation) && Array.isArray(rest.delegation.representatives)) {
          rest.delegation = { ...rest.delegation, representatives: rest.delegation.representatives.map((r, k) => person(r, `.delegation.representatives[${k}]`)) };
        }
      } else if (Array.isArray(rest.petitioners)) {
        rest.petitioners = rest.petitioners.map((p, k) => person(p, `.petitioners[${k}]`));
      }
      return rest;
    });
  const { matters: _matters, notices: _notices, ...v1Rest } = raw;
  const v1raw = { ...v1Rest, format: INTERCHANGE_FORMAT, visits: strip('visits'), petitions: strip('petitions') };
  const v1 = checkInterchange(v1raw, options);
  if (!v1.ok) return { ok: false, issues: v1.issues.map((i) => ({ ...i, message: i.message.replaceAll(INTERCHANGE_FORMAT, INTERCHANGE_FORMAT_V2) })) };
  const file = v1.value;
  const issues: FieldIssue[] = [];
  const known = options.known;

  // Every person again with its kind's rules (passport and nationality, tax number...).
  const checkedPersons = persons.map(({ path, core }) => {
    const parsed = personSchema.safeParse(core);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ path: path + i.path.map((k) => `.${String(snake(RENAMED[String(k)] ?? k))}`).join(''), message: i.message });
      return null;
    }
    return parsed.data;
  });
  let at = 0;
  const next = () => checkedPersons[at++]!;
  for (const v of file.visits) {
    v.data = { ...v.data, citizen: next() ?? v.data.citizen };
    if (v.data.delegation) v.data.delegation = { ...v.data.delegation, representatives: v.data.delegation.representatives.map((r) => next() ?? r) };
  }
  for (const p of file.petitions) p.data = { ...p.data, petitioners: p.data.petitioners.map((x) => next() ?? x) };

  // Matters: refs unique and resolved; a merged matter points at a live one and holds nothing.
  const matters = added.data.matters.map((m, i) => ({ label: `matters[ref=${m.ref}]`, ref: m.ref, data: m, index: i }));
  const byRef = new Map<string, string | null>();
  for (const m of matters) {
    if (byRef.has(m.ref)) issues.push(repeatedRefIssue(m.label, m.ref, RECORD_WHAT_V2.matters));
    byRef.set(m.ref, m.data.merged_into);
  }
  // Each matter's ref → the matter it is merged into: the whole file's when this is a slice of it.
  const mergedInto: ReadonlyMap<string, string | null> = known?.matters ?? byRef;
  for (const m of matters) {
    const into = m.data.merged_into;
    if (into === null) continue;
    if (into === m.ref) issues.push({ path: `${m.label}.merged_into`, message: 'Vụ việc không thể gộp vào chính nó' });
    else if (!mergedInto.has(into)) issues.push({ path: `${m.label}.merged_into`, message: `Không có vụ việc ref “${into}” trong tệp` });
    else if (mergedInto.get(into) !== null) issues.push({ path: `${m.label}.merged_into`, message: `Vụ việc ${into} cũng đã được gộp: hãy ghi vụ việc giữ lại` });
  }
  const usable = (matterRef: string, path: string) => {
    const into = mergedInto.get(matterRef);
    if (into === undefined) issues.push({ path, message: `Không có vụ việc ref “${matterRef}” trong tệp (matters)` });
    else if (into !== null) issues.push({ path, message: `Vụ việc ${matterRef} đã được gộp vào ${into}: hãy ghi vụ việc giữ lại` });
  };
  const agencyCodes = known?.agencies ?? new Set(file.agencies.map((a) => a.code));
  const visitMatters = (added.data.visits ?? []).map((v, i) => {
    usable(v.matter_ref, `${file.visits[i]!.label}.matter_ref`);
    return v.matter_ref;
  });
  const petitionContents = (added.data.petitions ?? []).map((p, i) => {
    const petition = file.petitions[i]!;
    p.contents.forEach((c, k) => {
      const path = `${petition.label}.contents[${k}]`;
      usable(c.matter_ref, `${path}.matter_ref`);
      if (k === 0 && (c.kind !== petition.data.kind || c.field !== petition.data.field)) {
        issues.push({ path: `${path}.kind`, message: `Nội dung đầu tiên phải cùng loại và lĩnh vực với đơn (${petition.data.kind}, ${petition.data.field})` });
      }
      if (k > 0 && c.kind === 'multiple') issues.push({ path: `${path}.kind`, message: 'Chỉ nội dung đầu tiên, chưa tách, mới có loại multiple' });
      if (c.needs_split !== (c.kind === 'multiple')) issues.push({ path: `${path}.needs_split`, message: 'needs_split là true khi và chỉ khi loại nội dung là multiple' });
      issues.push(...contentHandlingIssues(c, k, path, petition, file, agencyCodes, options.today));
    });
    return p.contents;
  });
  const petitionIndex = new Map(file.petitions.map((p, i) => [p.ref, i]));
  const ownHandling = (ref: string, position: number) => {
    const i = petitionIndex.get(ref)!;
    const c = petitionContents[i]?.[position];
    if (!c) return null;
    if (position === 0) return { kind: c.kind, decision: file.petitions[i]!.workflow.decision !== null, reply: file.petitions[i]!.workflow.reply !== null };
    return { kind: c.kind, decision: c.decision !== null, reply: c.reply !== null };
  };
  const notices = checkNotices(added.data.notices, file, { today: options.today, handlingOf: known?.handlingOf ?? ownHandling, known });
  issues.push(...notices.issues);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { ...file, matters: matters.map(({ label, ref: r, data }) => ({ label, ref: r, data })), visitMatters, petitionContents, notices: notices.notices },
  };
}

/**
 * A further content's own handling, checked as the desk checks a decision: only after the
 * petition's classification, dated from it on; a reply and reminders only on a forward, after it;
 * nothing after the register's today. The first content's handling is the petition's own fields.
 */
function contentHandlingIssues(
  c: z.output<typeof contentSchema>,
  k: number,
  path: string,
  petition: CheckedInterchange['petitions'][number],
  file: CheckedInterchange,
  agencyCodes: ReadonlySet<string>,
  today: string | undefined,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const d = c.decision;
  if (k === 0 && (d !== null || c.reply !== null || c.reminders.length > 0)) {
    issues.push({ path: `${path}.decision`, message: 'Xử lý của nội dung đầu tiên ghi ở chính đơn (decision, reply, reminders của đơn)' });
    return issues;
  }
  if (d === null) {
    if (c.reply !== null || c.reminders.length > 0) issues.push({ path: `${path}.decision`, message: 'Chỉ ghi trả lời, đôn đốc cho nội dung đã có quyết định chuyển đơn' });
    return issues;
  }
  const classification = petition.workflow.classification;
  if (classification === null) issues.push({ path: `${path}.decision`, message: 'Đơn chưa được phân loại: chưa thể có quyết định xử lý nội dung' });
  else if (d.on < classification.on) issues.push({ path: `${path}.decision.on`, message: `Ngày quyết định (${d.on}) không được trước ngày phân loại (${classification.on})` });
  if (today !== undefined && d.on > today) issues.push({ path: `${path}.decision.on`, message: `Ngày quyết định ${d.on} sau ngày hôm nay của sổ (${today})` });
  if (d.agency !== null && !agencyCodes.has(d.agency)) file.decisionAgencies.push({ path: `${path}.decision.agency`, code: d.agency });
  if (d.action !== 'forward' && (c.reply !== null || c.reminders.length > 0)) {
    issues.push({ path: `${path}.reply`, message: 'Chỉ nội dung đã chuyển đơn (forward) mới có trả lời, đôn đốc của cơ quan' });
  }
  for (const [label, on] of [...(c.reply ? [['reply', c.reply.on] as const] : []), ...c.reminders.map((r, i) => [`reminders[${i}]`, r.on] as const)]) {
    if (on < d.on) issues.push({ path: `${path}.${label}.on`, message: `Ngày ${on} không được trước ngày chuyển đơn (${d.on})` });
    if (today !== undefined && on > today) issues.push({ path: `${path}.${label}.on`, message: `Ngày ${on} sau ngày hôm nay của sổ (${today})` });
  }
  return issues;
}

/** The file's text, as v1 writes it: two-space indented JSON and a final newline. */
export function serialiseInterchangeV2(file: V2File): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * A v2 file as v1 states it: the additions dropped (matters, contents, a visit's matter_ref, the
 * details of non-citizen petitioners). For tools that read v1 only, and to compare with v1 files.
 */
export function downgradeToV1(file: V2File): import('./v1.ts').V1File {
  const person = (p: V2Person): V1Person => ({
    full_name: p.full_name,
    id_number: p.id_number,
    birth_year: p.birth_year,
    gender: p.gender,
    phone: p.phone,
    address: p.address,
    commune_code: p.commune_code,
  });
  return {
    format: INTERCHANGE_FORMAT,
    ...(file.exported_at === undefined ? {} : { exported_at: file.exported_at }),
    agencies: file.agencies,
    sessions: file.sessions,
    visits: file.visits.map(({ matter_ref: _m, citizen, delegation, ...v }) => ({
      ref: v.ref,
      session: v.session,
      persons: v.persons,
      delegation: delegation && { members: delegation.members, representatives: delegation.representatives.map(person) },
      citizen: person(citizen),
      matter: v.matter,
      content: v.content,
      repeat: v.repeat,
      outcome: v.outcome,
    })),
    petitions: file.petitions.map((p) => ({
      ref: p.ref,
      register_no: p.register_no,
      received_on: p.received_on,
      channel: p.channel,
      visit: p.visit,
      forwarded_by: p.forwarded_by,
      written_on: p.written_on,
      kind: p.kind,
      field: p.field,
      signatories: p.signatories,
      petitioners: p.petitioners.map(person),
      subject: p.subject,
      summary: p.summary,
      classification: p.classification,
      decision: p.decision,
      reply: p.reply,
      reminders: p.reminders,
      ...(p.due_on === undefined ? {} : { due_on: p.due_on }),
    })),
  };
}
