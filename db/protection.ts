// Protection of denouncers in the register (rules and legal basis: shared/domain/protection.ts).
//
// Policy, the same for every caller of the API:
// - Every answer shows a denouncer as "Người tố cáo (được bảo vệ)" with no name, ID number,
//   address, phone, birth year, gender, commune or citizen link, whoever asks: the petition of a
//   denunciation, its list row, the to-do lists, the statistics drill, the reception register
//   (visits whose matter is a denunciation, or that handed in one), documents and the audit trail.
// - An officer with the permission (users.can_see_protected, granted by an administrator) sees an
//   identity only by asking for it: petitions.revealDenouncer / visits.revealDenouncer, each of
//   which writes one audit row `view_protected` naming who saw whose identity and where. Printing a
//   document addressed to the denouncer (guidance, return slip, receipt) is such a view too.
// - Only a permitted officer finds a denunciation by its denouncer's name or ID number in the
//   petition search; nobody finds it through a citizen's history or the citizen lookup.
// - The system actor (the app before an officer is chosen, and the `petreg` CLI) has no
//   permission: it gets the redacted answers like anyone else. The one exception is
//   `petreg export` without --redact-denouncers, the administrator's full copy of the register
//   (like `petreg backup`); an export for another body uses --redact-denouncers.
//
// "A denunciation" is isProtectedPetition (shared/domain/protection.ts) and, in SQL,
// protectedPetitionSql below: after the `matters` merge both become "has a denunciation content".
import type { Kysely } from 'kysely';
import { sql, type RawBuilder } from 'kysely';
import type { AuditEntry } from '../shared/domain/audit.ts';
import type { Petition } from '../shared/domain/petition.ts';
import type { Person } from '../shared/domain/person.ts';
import {
  isProtectedPetition,
  isProtectedVisit,
  PROTECTED_LABEL,
  redactedPerson,
  scrubIdentity,
  VIEW_PROTECTED_ACTION,
  type RevealedPetition,
  type RevealedVisit,
} from '../shared/domain/protection.ts';
import { vietnamDate } from '../shared/domain/dates.ts';
import { ApiError } from '../shared/errors.ts';
import { writeAudit } from './audit.ts';
import { getPetition } from './ops/petitions.ts';
import { getVisit } from './ops/reception.ts';
import type { Visit } from '../shared/domain/reception.ts';
import type { OpContext } from './context.ts';
import type { DB } from './schema.ts';
import type { Attachment, AttachmentContent } from '../shared/domain/attachment.ts';
import { fold } from '../shared/text.ts';

export { isProtectedPetition, isProtectedVisit, PROTECTED_LABEL };

/**
 * THE permission check: may the acting officer reveal a denouncer's identity? One function, so a
 * later issue (sign-in and roles) swaps it. The system actor may not (see the policy above).
 */
export async function canSeeProtected(ctx: OpContext): Promise<boolean> {
  if (ctx.actor.id === null) return false;
  const row = await ctx.register.db.selectFrom('users').select(['can_see_protected', 'active']).where('id', '=', ctx.actor.id).executeTakeFirst();
  return row?.can_see_protected === 1 && row.active === 1;
}

/** SQL twin of isProtectedPetition, on a petition's kind column. Change both together. */
export function protectedPetitionSql(kindColumn: string): RawBuilder<number> {
  // The petition's own kind is that of its first content; a denunciation among its other contents
  // protects the petitioners just the same. The id column sits beside the kind column.
  // An unqualified kind is the petitions table's own (it would name petition_contents inside).
  const idColumn = kindColumn.includes('.') ? kindColumn.replace(/kind$/, 'id') : 'petitions.id';
  // 1 or 0 (a flag on both engines: compare it with = 1 / = 0).
  return sql<number>`(case when ${sql.ref(kindColumn)} = 'denunciation' or exists (select 1 from petition_contents pcx where pcx.petition_id = ${sql.ref(idColumn)} and pcx.kind = 'denunciation') then 1 else 0 end)`;
}

/** Whether a petition carries a denunciation in any of its contents (the protected petitions). */
export async function hasDenunciation(db: Kysely<DB>, petition: { id: number; kind: string }): Promise<boolean> {
  if (petition.kind === 'denunciation') return true;
  const row = await db.selectFrom('petition_contents').select('id').where('petition_id', '=', petition.id).where('kind', '=', 'denunciation').executeTakeFirst();
  return row !== undefined;
}

/** The petitioners' names, or the protected label for a denunciation (list, to-do, drill, search). */
export function protectedNamesSql(kindColumn: 'petitions.kind' | 'p.kind', names: RawBuilder<string>): RawBuilder<string> {
  // An anonymous denunciation has no names to hide: it stays "(nặc danh)" wherever that is shown.
  return sql<string>`(case when ${protectedPetitionSql(kindColumn)} = 1 and ${names} is not null then ${PROTECTED_LABEL} else ${names} end)`;
}

/** SQL: the visit (id column) exposes a denouncer; the twin of protectedVisitIds. */
export function protectedVisitSql(visitIdColumn: string): RawBuilder<number> {
  return sql<number>`(exists (select 1 from visits pv where pv.id = ${sql.ref(visitIdColumn)} and (pv.matter = 'denunciation' or exists (select 1 from petitions pp2 where pp2.visit_id = pv.id and ${protectedPetitionSql('pp2.kind')} = 1))))`;
}

/** SQL: the citizen (id column) appears in protected records and in nothing else. */
export function knownOnlyAsDenouncerSql(citizenIdColumn: string): RawBuilder<number> {
  const c = sql.ref(citizenIdColumn);
  const links = sql`(
    select pp.petition_id as pid, null as vid from petition_petitioners pp join persons x on x.id = pp.person_id where x.citizen_id = ${c}
    union all select null, v.id from visits v join persons x on x.id = v.person_id where x.citizen_id = ${c}
    union all select null, r.visit_id from visit_representatives r join persons x on x.id = r.person_id where x.citizen_id = ${c})`;
  return sql<number>`(exists (select 1 from ${links} l where (l.pid is not null and exists (select 1 from petitions k where k.id = l.pid and ${protectedPetitionSql('k.kind')} = 1)) or (l.vid is not null and ${protectedVisitSql('l.vid')}))
    and not exists (select 1 from ${links} l where (l.pid is not null and not exists (select 1 from petitions k where k.id = l.pid and ${protectedPetitionSql('k.kind')} = 1)) or (l.vid is not null and not ${protectedVisitSql('l.vid')})))`;
}

/**
 * Visits that expose a denouncer: the matter is a denunciation, or a denunciation was handed in
 * at the visit (the visitor is then its denouncer whatever the matter says).
 */
export async function protectedVisitIds(db: Kysely<DB>, visitIds: number[]): Promise<Set<number>> {
  if (visitIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('visits as v')
    .select('v.id')
    .where('v.id', 'in', visitIds)
    .where((eb) =>
      eb.or([
        eb('v.matter', '=', 'denunciation'),
        eb.exists(eb.selectFrom('petitions as p').select(sql`1`.as('one')).whereRef('p.visit_id', '=', 'v.id').where(protectedPetitionSql('p.kind'), '=', 1)),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A protected person is a redacted one: everything that identifies them is gone. */
export function isRedactedPerson(p: { fullName: string; idNumber?: string | null | undefined }): boolean {
  return p.fullName === PROTECTED_LABEL && !p.idNumber;
}

/** A denunciation with its petitioners redacted, and their identity taken out of its own words. */
export function redactPetition<T extends Petition>(p: T): T {
  if (!isProtectedPetition(p)) return p;
  return {
    ...p,
    petitioners: p.petitioners.map(() => redactedPerson()),
    summary: scrubIdentity(p.summary, p.petitioners),
    subject: p.subject === null ? null : scrubIdentity(p.subject, p.petitioners),
  };
}

/** Which of these petitions are protected (a denunciation among their contents). */
export async function protectedAmong(db: Kysely<DB>, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('petitions').select('id').where('id', 'in', ids).where(protectedPetitionSql('kind'), '=', 1).execute()).map((r) => r.id);
}

/**
 * List rows (petition list, statistics drill, to-do): a denunciation's summary and subject with
 * its petitioners' identity taken out. Names are already the label (protectedNamesSql).
 */
export async function scrubPetitionRows<T extends { id: number; summary: string; subject?: string | null }>(
  db: Kysely<DB>,
  rows: T[],
  /** Which of the rows are protected, when the caller read it with them (protectedPetitionSql); else read here. */
  protectedIds?: readonly number[],
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const ids = protectedIds ?? (await protectedAmong(db, rows.map((r) => r.id)));
  if (ids.length === 0) return rows;
  const persons = await db
    .selectFrom('petition_petitioners as pp')
    .innerJoin('persons as x', 'x.id', 'pp.person_id')
    .select(['pp.petition_id', 'x.full_name', 'x.id_number', 'x.phone', 'x.address'])
    .where('pp.petition_id', 'in', ids)
    .execute();
  const byPetition = new Map<number, Person[]>();
  for (const x of persons) {
    const list = byPetition.get(x.petition_id) ?? [];
    list.push({ ...redactedPerson(), fullName: x.full_name, idNumber: x.id_number, phone: x.phone, address: x.address });
    byPetition.set(x.petition_id, list);
  }
  return rows.map((r) => {
    const who = byPetition.get(r.id);
    if (!who) return r;
    return { ...r, summary: scrubIdentity(r.summary, who), ...(typeof r.subject === 'string' ? { subject: scrubIdentity(r.subject, who) } : {}) };
  });
}

export function redactVisit(v: Visit): Visit {
  const who = [v.citizen, ...(v.delegation?.representatives ?? [])];
  return {
    ...v,
    content: scrubIdentity(v.content, who),
    citizen: redactedPerson(),
    delegation: v.delegation && { ...v.delegation, representatives: v.delegation.representatives.map(() => redactedPerson()) },
  };
}

/** Redacts the protected ones among visits (matter, or a denunciation handed in). */
export async function redactVisits(db: Kysely<DB>, visits: Visit[]): Promise<Visit[]> {
  const hidden = new Set([...(await protectedVisitIds(db, visits.map((v) => v.id))), ...visits.filter(isProtectedVisit).map((v) => v.id)]);
  return visits.map((v) => (hidden.has(v.id) ? redactVisit(v) : v));
}

// --- The audit trail ---------------------------------------------------------------------------

/** A value that looks like a stored person (a petitioner, a visitor, a representative). */
function looksLikePerson(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fullName' in value && ('idNumber' in value || 'citizenId' in value);
}

function personsIn(value: unknown, into: Person[] = []): Person[] {
  if (Array.isArray(value)) for (const v of value) personsIn(v, into);
  else if (looksLikePerson(value)) into.push({ ...redactedPerson(), ...(value as Partial<Person>) });
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) personsIn(v, into);
  return into;
}

/** Every person inside a JSON value replaced by the redacted one, and their identity taken out of every text in it. */
export function redactPersonsDeep(value: unknown, persons: Person[] = personsIn(value)): unknown {
  if (Array.isArray(value)) return value.map((v) => redactPersonsDeep(v, persons));
  if (looksLikePerson(value)) return redactedPerson();
  if (typeof value === 'string') return scrubIdentity(value, persons);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPersonsDeep(v, persons)]));
  }
  return value;
}

function mentionsProtected(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (typeof v.kind === 'string' && isProtectedPetition({ kind: v.kind })) || (typeof v.matter === 'string' && isProtectedVisit({ matter: v.matter }));
}

/**
 * The audit rows as shown: a row about a protected petition or visit (now, or in its own before or
 * after: a kind changed away from denunciation stays hidden) has every person in it redacted, and
 * a `view_protected` row names the officer and the record, never the identity seen.
 */
export async function redactAudit(db: Kysely<DB>, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const petitionIds = entries.filter((e) => e.entity === 'petition' && e.entityId !== null).map((e) => Number(e.entityId)).filter(Number.isInteger);
  const visitIds = entries.filter((e) => e.entity === 'visit' && e.entityId !== null).map((e) => Number(e.entityId)).filter(Number.isInteger);
  const protectedPetitions = new Set(
    petitionIds.length
      ? (await db.selectFrom('petitions').select('id').where('id', 'in', [...new Set(petitionIds)]).where(protectedPetitionSql('kind'), '=', 1).execute()).map((r) => String(r.id))
      : [],
  );
  const protectedVisits = new Set([...(await protectedVisitIds(db, [...new Set(visitIds)]))].map(String));
  return entries.map((e) => {
    const hidden =
      (e.entity === 'petition' && protectedPetitions.has(e.entityId ?? '')) ||
      (e.entity === 'visit' && protectedVisits.has(e.entityId ?? '')) ||
      mentionsProtected(e.before) ||
      mentionsProtected(e.after);
    if (!hidden) return e;
    const persons = personsIn([e.before, e.after]);
    // The record's name (db/ops/audit-names.ts) may name the visitor: "Lượt tiếp ngày …: <name>".
    const named = e as AuditEntry & { recordName?: string | null };
    const recordName = typeof named.recordName === 'string' && e.entity === 'visit' ? named.recordName.replace(/:.*$/u, `: ${PROTECTED_LABEL}`) : named.recordName;
    return { ...e, ...(recordName === undefined ? {} : { recordName }), before: redactPersonsDeep(e.before, persons), after: redactPersonsDeep(e.after, persons) };
  });
}

// --- Revealing an identity ---------------------------------------------------------------------

async function requirePermission(ctx: OpContext): Promise<void> {
  if (await canSeeProtected(ctx)) return;
  const who = ctx.actor.id === null ? 'Chưa chọn cán bộ đang làm việc' : `Cán bộ ${ctx.actor.name} chưa được cấp quyền`;
  throw new ApiError('FORBIDDEN', `${who}: chỉ cán bộ được quản trị viên cấp quyền mới được xem danh tính người tố cáo (Luật Tố cáo, Điều 56).`);
}

/** A permitted officer sees a denunciation's petitioners; one audit row `view_protected` records it. */
export async function revealPetitionDenouncer(ctx: OpContext, id: number): Promise<RevealedPetition> {
  await requirePermission(ctx);
  return ctx.register.db.transaction().execute(async (trx) => {
    const petition = await getPetition(trx, id, vietnamDate(ctx.register.now()));
    if (!isProtectedPetition(petition)) {
      throw new ApiError('CONFLICT', `Đơn ${petition.registerNo} không phải đơn tố cáo: người đứng đơn không bị ẩn, không cần xem danh tính.`);
    }
    await writeAudit(trx, ctx, {
      action: VIEW_PROTECTED_ACTION,
      entity: 'petition',
      entityId: petition.id,
      after: { registerNo: petition.registerNo, where: 'Chi tiết đơn: Hiện danh tính người tố cáo', persons: petition.petitioners.length },
    });
    return { petitionId: petition.id, registerNo: petition.registerNo, petitioners: petition.petitioners };
  });
}

/** A permitted officer sees the visitor (and representatives) of a protected visit; audited likewise. */
export async function revealVisitDenouncer(ctx: OpContext, id: number): Promise<RevealedVisit> {
  await requirePermission(ctx);
  return ctx.register.db.transaction().execute(async (trx) => {
    const visit = await getVisit(trx, id);
    if (!(await protectedVisitIds(trx, [visit.id])).has(visit.id)) {
      throw new ApiError('CONFLICT', `Lượt tiếp số ${visit.id} không phải lượt tiếp về tố cáo: người được tiếp không bị ẩn.`);
    }
    await writeAudit(trx, ctx, {
      action: VIEW_PROTECTED_ACTION,
      entity: 'visit',
      entityId: visit.id,
      after: { visitId: visit.id, date: visit.sessionDate, where: 'Lượt tiếp: Hiện danh tính người tố cáo' },
    });
    return { visitId: visit.id, citizen: visit.citizen, representatives: visit.delegation?.representatives ?? [] };
  });
}

/**
 * A protected visit's edit form holds its people redacted: a redacted visitor or representative
 * sent back keeps the stored one. Changing the matter away from a denunciation would show the
 * denouncer to everyone, so only a permitted officer may (like a petition's kind).
 */
export async function keepProtectedVisitors<T extends { matter: string; citizen: PersonLike; delegation?: { representatives: PersonLike[] } | null | undefined }>(
  ctx: OpContext,
  before: Visit,
  input: T,
): Promise<T> {
  if (!(await protectedVisitIds(ctx.register.db, [before.id])).has(before.id)) return input;
  if (!isProtectedVisit(input) && isProtectedVisit(before) && !(await canSeeProtected(ctx))) {
    const message = 'Chỉ cán bộ được quyền xem danh tính người tố cáo mới được đổi vụ việc của lượt tiếp về tố cáo';
    throw new ApiError('FORBIDDEN', `${message} (lượt tiếp số ${before.id}).`, [{ path: 'matter', message }]);
  }
  const keep = <P extends PersonLike>(p: P, stored: Person | undefined, path: string): P => {
    if (!isRedactedPerson(p)) return p;
    if (!stored) {
      const message = 'Người được bảo vệ không còn ở vị trí này; hãy tải lại lượt tiếp rồi sửa';
      throw new ApiError('CONFLICT', message, [{ path, message }]);
    }
    return { ...p, ...stored };
  };
  const reps = before.delegation?.representatives ?? [];
  return {
    ...input,
    citizen: keep(input.citizen, before.citizen, 'citizen'),
    ...(input.delegation ? { delegation: { ...input.delegation, representatives: input.delegation.representatives.map((r, i) => keep(r, reps[i], `delegation.representatives.${i}`)) } } : {}),
  };
}

type PersonLike = Pick<Person, 'fullName'> & { idNumber?: string | null | undefined };

/**
 * A petition handed in at a denouncer's visit is pre-filled from the visit, whose people the form
 * received redacted: each redacted petitioner takes the stored visitor (or representative) at its
 * position. Registering it as another kind than a denunciation would unmask them: permitted only.
 */
export async function fillFromProtectedVisit<T extends { visitId: number | null; kind: string; petitioners: PersonLike[] }>(ctx: OpContext, input: T): Promise<T> {
  if (input.visitId === null || !input.petitioners.some(isRedactedPerson)) return input;
  if (!(await protectedVisitIds(ctx.register.db, [input.visitId])).has(input.visitId)) return input;
  if (!isProtectedPetition(input) && !(await canSeeProtected(ctx))) {
    const message = 'Đơn nhận tại lượt tiếp về tố cáo phải là đơn tố cáo, trừ khi cán bộ được quyền xem danh tính người tố cáo';
    throw new ApiError('FORBIDDEN', message, [{ path: 'kind', message }]);
  }
  const visit = await getVisit(ctx.register.db, input.visitId);
  const people = visit.delegation ? visit.delegation.representatives : [visit.citizen];
  return {
    ...input,
    petitioners: input.petitioners.map((p, i) => {
      if (!isRedactedPerson(p)) return p;
      const stored = people[i];
      if (!stored) {
        const message = 'Người được bảo vệ không có ở vị trí này của lượt tiếp; hãy nhập lại người đứng đơn';
        throw new ApiError('VALIDATION', message, [{ path: `petitioners.${i}`, message }]);
      }
      return { ...p, ...stored };
    }),
  };
}

/**
 * A denunciation's attachments (the scanned letter, its evidence) carry the denouncer's identity
 * and cannot be blanked out by the register: only a permitted officer opens one, and each opening
 * is written to the audit log like a reveal. Their file names, shown to everyone, have the
 * petitioners' identity taken out (a scan is often named after its sender).
 */
export async function openAttachmentChecked(
  ctx: OpContext,
  id: number,
  read: (db: Kysely<DB>) => Promise<AttachmentContent>,
): Promise<AttachmentContent> {
  const row = await ctx.register.db
    .selectFrom('attachments as a')
    .innerJoin('petitions as p', 'p.id', 'a.petition_id')
    .select(['a.id', 'p.id as petition_id', 'p.kind', 'p.register_no'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row || !(await hasDenunciation(ctx.register.db, { id: row.petition_id, kind: row.kind }))) return read(ctx.register.db);
  if (!(await canSeeProtected(ctx))) {
    const who = ctx.actor.id === null ? 'Chưa chọn cán bộ đang làm việc' : `Cán bộ ${ctx.actor.name} chưa được cấp quyền`;
    throw new ApiError(
      'FORBIDDEN',
      `${who}: tệp đính kèm của đơn tố cáo ${row.register_no} có thể chứa danh tính người tố cáo, chỉ cán bộ được quản trị viên cấp quyền mới được mở (Luật Tố cáo, Điều 56).`,
    );
  }
  return ctx.register.db.transaction().execute(async (trx) => {
    const content = await read(trx);
    await writeAudit(trx, ctx, {
      action: VIEW_PROTECTED_ACTION,
      entity: 'petition',
      entityId: row.petition_id,
      after: { petitionId: row.petition_id, attachmentId: id, where: `Mở tệp đính kèm “${content.attachment.fileName}” của đơn tố cáo` },
    });
    return content;
  });
}

/** The attachments of a petition as listed to the acting officer: a denunciation's file names scrubbed unless permitted. */
export async function scrubAttachmentNames(ctx: OpContext, petitionId: number, attachments: Attachment[]): Promise<Attachment[]> {
  if (attachments.length === 0) return attachments;
  const petition = await ctx.register.db.selectFrom('petitions').select(['id', 'kind']).where('id', '=', petitionId).executeTakeFirst();
  if (!petition || !(await hasDenunciation(ctx.register.db, petition)) || (await canSeeProtected(ctx))) return attachments;
  const { petitioners } = await getPetition(ctx.register.db, petitionId, vietnamDate(ctx.register.now()));
  // Names, ID numbers and phone numbers, folded, with separators as spaces: "Phan_Thi-To.Giac" is a name.
  const words = (text: string) => ` ${fold(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const secrets = petitioners
    .flatMap((p) => [p.fullName, p.idNumber, p.phone?.replace(/\D/g, '')])
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 4)
    .map(words);
  return attachments.map((a) => {
    const dot = a.fileName.lastIndexOf('.');
    const base = dot > 0 ? a.fileName.slice(0, dot) : a.fileName;
    const extension = dot > 0 ? a.fileName.slice(dot) : '';
    const named = words(base);
    const compact = named.replace(/ /g, '');
    const leaks = secrets.some((s) => named.includes(s) || (s.replace(/ /g, '').length >= 8 && compact.includes(s.replace(/ /g, ''))));
    return leaks ? { ...a, fileName: `tep-dinh-kem-${a.id}${extension}` } : a;
  });
}
