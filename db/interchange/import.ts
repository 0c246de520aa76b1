// Importing a petition-register/v1 file: all or nothing, in one transaction, through the same
// core operations the desk uses (the handling workflow is written by ./workflow.ts), with one
// audit row for the whole import.
import type { Transaction } from 'kysely';
import { formatRegisterNo, parseRegisterNo } from '../../shared/domain/petition.ts';
import { ApiError, type FieldIssue } from '../../shared/errors.ts';
import { checkInterchange, describeIssues, futureDateIssues, type CheckedInterchange, type CheckOptions, type CheckResult } from '../../shared/interchange/v1.ts';
import { fold } from '../../shared/text.ts';
import { writeAudit } from '../audit.ts';
import type { Actor, OpContext } from '../context.ts';
import { insertMissingAgencies } from '../ops/agencies.ts';
import { insertPetition, todayOf } from '../ops/petitions.ts';
import { insertSession, writeVisit } from '../ops/reception.ts';
import { syncSequences } from '../engine/postgres.ts';
import type { Register } from '../register.ts';
import type { DB } from '../schema.ts';
import { writeWorkflow } from './workflow.ts';
import { BulkWriter, withIndexesBuiltOnce } from './bulk.ts';
import { writeNotices } from './notices.ts';
import { writeContentHandling } from './content-handling.ts';
import { withSearchIndexesFilledOnce } from '../search-index.ts';
import { checkInterchangeV2, INTERCHANGE_FORMAT_V2, type CheckedInterchangeV2, type CheckedMatter } from '../../shared/interchange/v2.ts';
import type { CheckedNotice } from '../../shared/interchange/notices.ts';
import type { PetitionOutline } from '../../shared/interchange/outline.ts';
import { insertMatterRecord, joinOriginalMatter, setMatterMerged, withDeferredMatterRefresh } from '../ops/matters.ts';

export interface ImportCounts {
  agenciesAdded: number;
  agenciesUpdated: number;
  sessions: number;
  visits: number;
  petitions: number;
  /** Handling records written: classifications, decisions, replies and reminders. */
  classifications: number;
  decisions: number;
  replies: number;
  reminders: number;
  /** Notices to citizens (v2), issued or due. */
  notices: number;
  /** First and last register numbers written, by number order; null when no petition. */
  firstRegisterNo: string | null;
  lastRegisterNo: string | null;
}

export interface ImportOptions {
  /** Where the data came from (a file name), kept in the audit row. */
  source?: string;
  /**
   * 'bulk' (default): the petitions and their handling through the bulk writer (./bulk.ts);
   * 'rows': through the desk's operations one by one (the reference the bulk writer is tested against).
   */
  writer?: 'bulk' | 'rows';
}

export function refused(issues: FieldIssue[]): ApiError {
  return new ApiError('VALIDATION', `Tệp trao đổi không hợp lệ — ${describeIssues(issues)}`, issues);
}

/** A core field path ("petitioners.0.idNumber") as the file names it ("petitioners[0].id_number"). */
function v1Path(corePath: string): string {
  const renamed: Record<string, string> = { visitId: 'visit', sessionId: 'session' };
  return corePath
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${renamed[part] ?? part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`))
    .join('');
}

/** An error from a core op while writing a record, restated with the record's name. */
function inRecord(label: string, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code === 'INTERNAL') return error;
  const issues = error.issues?.length
    ? error.issues.map((i) => ({ path: i.path ? label + v1Path(i.path) : label, message: i.message }))
    : [{ path: label, message: error.message }];
  return refused(issues);
}

async function writeAgencies(trx: Transaction<DB>, agencies: CheckedInterchange['agencies'], now: string): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  const existing = new Map((await trx.selectFrom('agencies').selectAll().execute()).map((a) => [a.code, a]));
  for (const a of agencies) {
    const row = existing.get(a.code);
    if (!row) {
      added += await insertMissingAgencies(trx, [a], now);
      if (!a.active) await trx.updateTable('agencies').set({ active: 0 }).where('code', '=', a.code).execute();
      continue;
    }
    if (row.name === a.name && row.kind === a.kind && row.active === (a.active ? 1 : 0)) continue;
    await trx
      .updateTable('agencies')
      .set({ name: a.name, name_folded: fold(a.name), kind: a.kind, active: a.active ? 1 : 0, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    updated += 1;
  }
  return { added, updated };
}

/** The outline of a checked petition. */
export function outlineOf(p: CheckedInterchange['petitions'][number]): PetitionOutline {
  const c = p.workflow.classification;
  return { label: p.label, ref: p.ref, receivedOn: p.data.receivedOn, registerNo: p.registerNo, duplicateOf: c && !c.eligible ? c.duplicate_of : null };
}

/**
 * The register number each petition gets. Given numbers must be free in the register; a null one
 * takes the next number of its year after every number the register or the file already holds,
 * in file order, so a given number later in the file never collides with an assigned one.
 */
async function assignRegisterNumbers(trx: Transaction<DB>, petitions: readonly PetitionOutline[]): Promise<string[]> {
  const next = new Map<number, number>();
  for (const row of await trx.selectFrom('petitions').select(['year', (eb) => eb.fn.max('seq').as('seq')]).groupBy('year').execute()) {
    next.set(row.year, Number(row.seq) + 1);
  }
  const issues: FieldIssue[] = [];
  const given = petitions.filter((p) => p.registerNo !== null);
  for (let i = 0; i < given.length; i += 500) {
    const batch = given.slice(i, i + 500);
    const taken = new Set(
      (await trx.selectFrom('petitions').select('register_no').where('register_no', 'in', batch.map((p) => p.registerNo!)).execute()).map((r) => r.register_no),
    );
    for (const p of batch) {
      if (taken.has(p.registerNo!)) issues.push({ path: `${p.label}.register_no`, message: `Số vào sổ ${p.registerNo} đã được dùng trong sổ` });
    }
  }
  if (issues.length > 0) throw refused(issues);
  for (const p of given) {
    const { year, seq } = parseRegisterNo(p.registerNo!)!;
    next.set(year, Math.max(next.get(year) ?? 1, seq + 1));
  }
  const numbers = petitions.map((p) => {
    if (p.registerNo !== null) return p.registerNo;
    const year = Number(p.receivedOn.slice(0, 4));
    const seq = next.get(year) ?? 1;
    next.set(year, seq + 1);
    return formatRegisterNo(year, seq);
  });
  await refuseGaps(trx, petitions, numbers);
  return numbers;
}

/**
 * The register promises gap-free numbers in each year: an import whose numbers would leave one
 * out between the year's first and last number (2026/000007 given after 2026/000005, with
 * 2026/000006 nowhere) is refused, naming the missing number and the record that skips it.
 * A year's series may start above 1 (a register continued from a paper one: its earlier numbers
 * live there), but never skips once started.
 */
async function refuseGaps(trx: Transaction<DB>, petitions: readonly PetitionOutline[], numbers: string[]): Promise<void> {
  const byYear = new Map<number, { seq: number; label: string }[]>();
  numbers.forEach((no, i) => {
    const { year, seq } = parseRegisterNo(no)!;
    const list = byYear.get(year) ?? [];
    list.push({ seq, label: petitions[i]!.label });
    byYear.set(year, list);
  });
  const issues: FieldIssue[] = [];
  for (const [year, added] of byYear) {
    const existing = (await trx.selectFrom('petitions').select('seq').where('year', '=', year).execute()).map((r) => r.seq);
    const used = new Set([...existing, ...added.map((a) => a.seq)]);
    let min = Infinity;
    let max = -Infinity;
    for (const seq of used) {
      if (seq < min) min = seq;
      if (seq > max) max = seq;
    }
    for (let seq = min; seq <= max && issues.length < 5; seq++) {
      if (used.has(seq)) continue;
      const skipper = added.filter((a) => a.seq > seq).sort((a, b) => a.seq - b.seq)[0];
      issues.push({
        path: `${skipper?.label ?? 'petitions'}.register_no`,
        message: `Số vào sổ ${formatRegisterNo(year, seq)} bị bỏ trống: sổ không được có số nhảy cách; tệp phải có đủ các số liên tiếp của năm ${year}`,
      });
    }
  }
  if (issues.length > 0) throw refused(issues);
}

/**
 * A duplicate's original is received before it, or the same day with an earlier register number
 * (as at the desk), so two petitions never duplicate each other. Dates are checked with the file;
 * same-day ones need the numbers, which the register assigns.
 */
function checkSameDayDuplicates(petitions: readonly PetitionOutline[], numbers: string[]): void {
  const byRef = new Map<string, number>();
  petitions.forEach((p, i) => {
    if (!byRef.has(p.ref)) byRef.set(p.ref, i);
  });
  const issues: FieldIssue[] = [];
  petitions.forEach((p, i) => {
    if (p.duplicateOf === null) return;
    const at = byRef.get(p.duplicateOf);
    if (at === undefined || petitions[at]!.receivedOn !== p.receivedOn) return;
    const original = numbers[at]!;
    if (parseRegisterNo(original)!.seq > parseRegisterNo(numbers[i]!)!.seq) {
      issues.push({
        path: `${p.label}.classification.duplicate_of`,
        message: `Đơn gốc ${p.duplicateOf} (số ${original}) nhận cùng ngày nhưng vào sổ sau đơn này (số ${numbers[i]}): đơn gốc phải được nhận trước`,
      });
    }
  });
  if (issues.length > 0) throw refused(issues);
}

async function checkDecisionAgencies(trx: Transaction<DB>, file: Pick<CheckedInterchange, 'decisionAgencies'>): Promise<void> {
  if (file.decisionAgencies.length === 0) return;
  const codes = [...new Set(file.decisionAgencies.map((d) => d.code))];
  const known = new Set((await trx.selectFrom('agencies').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
  const issues = file.decisionAgencies
    .filter((d) => !known.has(d.code))
    .map((d) => ({ path: d.path, message: `Không có cơ quan mã ${d.code} trong tệp (agencies) hay trong danh mục của sổ` }));
  if (issues.length > 0) throw refused(issues);
}

/**
 * Writes a file's records inside the caller's transaction, collection by collection in the order
 * the references need (agencies, matters, sessions, visits, petitions with their handling,
 * notices), each given whole or in slices of the file (./import-file.ts). What crosses records (refs to
 * row ids, register numbers, duplicates whose original comes later) is kept here between calls.
 * Throws ApiError('VALIDATION') naming the record and field at the first problem; the caller's
 * transaction then rolls back everything.
 */
export class InterchangeWriter {
  readonly #trx: Transaction<DB>;
  readonly #ctx: OpContext;
  readonly #bulk: BulkWriter | null;
  readonly #v2: boolean;
  readonly #matterIds = new Map<string, number>();
  readonly #sessionIds = new Map<string, number>();
  readonly #visitIds = new Map<string, number>();
  readonly #petitionIds = new Map<string, number>();
  #numbers: string[] = [];
  #nextPetition = 0;
  /** Petitions whose duplicate original comes later in the file: their handling waits for it. */
  readonly #waiting: CheckedInterchange['petitions'] = [];
  /** Each merged matter's ref and the ref it is merged into (v2), marked at the end. */
  readonly #merges: [string, string][] = [];
  readonly counts: ImportCounts = {
    agenciesAdded: 0,
    agenciesUpdated: 0,
    sessions: 0,
    visits: 0,
    petitions: 0,
    classifications: 0,
    decisions: 0,
    replies: 0,
    reminders: 0,
    notices: 0,
    firstRegisterNo: null,
    lastRegisterNo: null,
  };

  constructor(trx: Transaction<DB>, ctx: OpContext, bulk: BulkWriter | null, v2: boolean) {
    this.#trx = trx;
    this.#ctx = ctx;
    this.#bulk = bulk;
    this.#v2 = v2;
  }

  /** The file's agencies (always given whole, before any other record). */
  async agencies(agencies: CheckedInterchange['agencies']): Promise<void> {
    const written = await writeAgencies(this.#trx, agencies, this.#ctx.register.now().toISOString());
    this.counts.agenciesAdded = written.added;
    this.counts.agenciesUpdated = written.updated;
  }

  /**
   * Imported handling records are history, so past dates are what they should be; but, as at the
   * desk, nothing is dated after the register's today: a later date is a typing error (or a wrong
   * clock) and refused like any other.
   */
  refuseLate(file: Pick<CheckedInterchange, 'petitions'>): void {
    const late = futureDateIssues(file.petitions, todayOf(this.#ctx));
    if (late.length > 0) throw refused(late);
  }

  /** Agencies the decisions name that neither the file (written before) nor the register has. */
  async refuseUnknownAgencies(file: Pick<CheckedInterchange, 'decisionAgencies'>): Promise<void> {
    await checkDecisionAgencies(this.#trx, file);
  }

  /** Every petition's register number, from the whole file's outlines, before any petition is written. */
  async numbers(petitions: readonly PetitionOutline[]): Promise<void> {
    this.#numbers = await assignRegisterNumbers(this.#trx, petitions);
    checkSameDayDuplicates(petitions, this.#numbers);
    // Number order, not text order (a sequence may run past six digits).
    type Assigned = { year: number; seq: number; no: string };
    const order = (a: Assigned, b: Assigned) => a.year - b.year || a.seq - b.seq;
    let first: Assigned | null = null;
    let last: Assigned | null = null;
    for (const no of this.#numbers) {
      const n = { ...parseRegisterNo(no)!, no };
      if (first === null || order(n, first) < 0) first = n;
      if (last === null || order(n, last) > 0) last = n;
    }
    this.counts.firstRegisterNo = first?.no ?? null;
    this.counts.lastRegisterNo = last?.no ?? null;
  }

  async matters(matters: CheckedMatter[]): Promise<void> {
    for (const m of matters) {
      this.#matterIds.set(m.ref, this.#bulk ? this.#bulk.insertMatterRecord(m.data) : await insertMatterRecord(this.#trx, this.#ctx, m.data));
      if (m.data.merged_into !== null) this.#merges.push([m.ref, m.data.merged_into]);
    }
  }

  async sessions(sessions: CheckedInterchange['sessions']): Promise<void> {
    for (const s of sessions) {
      try {
        this.#sessionIds.set(s.ref, await insertSession(this.#trx, this.#ctx, s.data));
      } catch (error) {
        throw inRecord(s.label, error);
      }
    }
    this.counts.sessions += sessions.length;
  }

  /** Visits, inside withDeferredMatterRefresh (`touched`); `matterRefs` by index of `visits` (v2). */
  async visits(visits: CheckedInterchange['visits'], matterRefs: string[] | null, touched: Set<number>): Promise<void> {
    for (const [i, v] of visits.entries()) {
      try {
        const matterId = matterRefs ? this.#matterIds.get(matterRefs[i]!)! : undefined;
        const data = { ...v.data, sessionId: this.#sessionIds.get(v.sessionRef)!, matterId };
        this.#visitIds.set(v.ref, this.#bulk ? this.#bulk.writeVisit(data, touched) : await writeVisit(this.#trx, this.#ctx, data, { keepRepeat: this.#v2 }));
      } catch (error) {
        throw inRecord(v.label, error);
      }
    }
    this.counts.visits += visits.length;
  }

  /**
   * The next petitions of the file with their handling, inside withDeferredMatterRefresh
   * (`touched`), once refuseLate and refuseUnknownAgencies have passed them. A petition whose duplicate original is not written yet has its handling written
   * at the end (finish).
   */
  async petitions(file: CheckedInterchange | CheckedInterchangeV2, touched: Set<number>): Promise<void> {
    const trx = this.#trx;
    const bulk = this.#bulk;
    await bulk?.prepare(file.petitions);
    const v2 = 'matters' in file ? file : null;
    const ids = this.#petitionIds;
    for (const [i, p] of file.petitions.entries()) {
      const number = this.#numbers[this.#nextPetition++]!;
      try {
        const contents = v2?.petitionContents[i];
        const data = contents
          ? {
              ...p.data,
              matterId: this.#matterIds.get(contents[0]!.matter_ref)!,
              contents: contents.slice(1).map((c) => ({ kind: c.kind as 'complaint', field: c.field, summary: c.summary, matterId: this.#matterIds.get(c.matter_ref)! })),
            }
          : p.data;
        const withVisit = { ...data, visitId: p.visitRef === null ? null : this.#visitIds.get(p.visitRef)! };
        if (bulk) {
          // The first content's own summary is written with it (no trigger reads a content's summary).
          ids.set(p.ref, await bulk.writePetition(p, withVisit, number, contents ? contents[0]!.summary : p.data.summary, touched));
          continue;
        }
        const id = await insertPetition(trx, this.#ctx, withVisit, number);
        // After a split the first content says more narrowly than the letter's summary.
        if (contents && contents[0]!.summary !== p.data.summary) {
          await trx.updateTable('petition_contents').set({ summary: contents[0]!.summary }).where('petition_id', '=', id).where('position', '=', 0).execute();
        }
        ids.set(p.ref, id);
      } catch (error) {
        throw inRecord(p.label, error);
      }
    }
    this.counts.petitions += file.petitions.length;
    const ready = file.petitions.filter((p) => {
      const c = p.workflow.classification;
      const waits = c !== null && !c.eligible && c.duplicate_of !== null && !ids.has(c.duplicate_of);
      if (waits) this.#waiting.push(p);
      return !waits;
    });
    await this.#workflow(ready);
    if (v2) this.counts.decisions += await writeContentHandling(trx, this.#ctx, v2, ids);
  }

  async #workflow(petitions: CheckedInterchange['petitions']): Promise<void> {
    const written = this.#bulk ? await this.#bulk.writeWorkflow(petitions, this.#petitionIds) : await writeWorkflow(this.#trx, this.#ctx, petitions, this.#petitionIds);
    this.counts.classifications += written.classifications;
    this.counts.decisions += written.decisions;
    this.counts.replies += written.replies;
    this.counts.reminders += written.reminders;
  }

  /** Notices (v2), once every petition and visit is written. */
  async notices(notices: CheckedNotice[]): Promise<void> {
    this.counts.notices += await writeNotices(this.#trx, this.#ctx, notices, this.#petitionIds, this.#visitIds);
  }

  /**
   * What needs every record written: the handling that waited for a later original; then (v2)
   * the merged matters marked, or (v1) each duplicate joined to its original's matter, originals
   * first (an original is received first).
   */
  async finish(petitions: readonly PetitionOutline[]): Promise<ImportCounts> {
    if (this.#waiting.length > 0) {
      if (this.#bulk) await this.#bulk.prepare(this.#waiting);
      await this.#workflow(this.#waiting);
    }
    const trx = this.#trx;
    if (this.#v2) {
      for (const [ref, into] of this.#merges) await setMatterMerged(trx, this.#matterIds.get(ref)!, this.#matterIds.get(into)!);
      return this.counts;
    }
    const duplicates = petitions
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.duplicateOf !== null)
      .sort((a, b) => a.p.receivedOn.localeCompare(b.p.receivedOn) || a.i - b.i);
    for (const { p } of duplicates) {
      const petitionId = this.#petitionIds.get(p.ref)!;
      const movedFrom = await joinOriginalMatter(trx, petitionId, this.#petitionIds.get(p.duplicateOf!)!);
      // As at the desk: reversing the duplicate puts the petition back on the matter it left.
      if (movedFrom !== null) await trx.updateTable('classifications').set({ moved_from_matter_id: movedFrom }).where('petition_id', '=', petitionId).where('reversed_at', 'is', null).execute();
    }
    return this.counts;
  }
}

/**
 * Writes a checked file inside the caller's transaction and returns the counts. Throws
 * ApiError('VALIDATION') naming the record and field at the first problem; the caller's
 * transaction then rolls back everything.
 */
export async function writeInterchange(trx: Transaction<DB>, ctx: OpContext, file: CheckedInterchange, bulk: BulkWriter | null = null): Promise<ImportCounts> {
  const v2 = 'matters' in file ? (file as CheckedInterchangeV2) : null;
  const writer = new InterchangeWriter(trx, ctx, bulk, v2 !== null);
  const outlines = file.petitions.map(outlineOf);
  writer.refuseLate(file);
  await writer.agencies(file.agencies);
  await writer.refuseUnknownAgencies(file);
  await writer.numbers(outlines);
  if (v2) await writer.matters(v2.matters);
  await writer.sessions(file.sessions);
  // Each matter's repeat marks and first date are recomputed once, after its last arrival.
  await withDeferredMatterRefresh(
    trx,
    async (touched) => {
      await writer.visits(file.visits, v2?.visitMatters ?? null, touched);
      await writer.petitions(file, touched);
    },
    bulk?.refreshMatters,
  );
  if (v2) await writer.notices(v2.notices);
  return writer.finish(outlines);
}

/** The format a parsed file says it is (v2, else read as v1). */
export function interchangeFormatOf(data: unknown): typeof INTERCHANGE_FORMAT_V2 | 'petition-register/v1' {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === INTERCHANGE_FORMAT_V2 ? INTERCHANGE_FORMAT_V2 : 'petition-register/v1';
}

/** Every check of a parsed v1 or v2 file (or a slice of one) that needs no register, by the format it says it is. */
export function checkAnyInterchange(data: unknown, options: CheckOptions = {}): CheckResult {
  return interchangeFormatOf(data) === INTERCHANGE_FORMAT_V2 ? checkInterchangeV2(data, options) : checkInterchange(data, options);
}

/** Checks a parsed v1 or v2 file (or a slice of one) against the register's today; throws ApiError('VALIDATION'). */
export function checkFile(register: Register, data: unknown, options: Omit<CheckOptions, 'today'> = {}): CheckedInterchange {
  const result = checkAnyInterchange(data, { ...options, today: todayOf({ register, actor: { id: null, name: '' } }) });
  if (!result.ok) throw refused(result.issues);
  return result.value;
}

/**
 * Runs `write` in one transaction with one audit row for the import: all or nothing. On SQLite,
 * into a register without petitions (a Board's history brought in), the search indexes are filled
 * once after the records instead of row by row (db/search-index.ts), and the bulk writer builds the
 * other secondary indexes once too (./bulk.ts withIndexesBuiltOnce). On PostgreSQL rows are written
 * one by one through Kysely, the triggers keeping the search index, then the id sequences are
 * moved past the ids the file gave.
 */
export async function inImportTransaction(
  register: Register,
  actor: Actor,
  about: { format: string; exportedAt: string | null; source: string | null },
  options: ImportOptions,
  write: (trx: Transaction<DB>, ctx: OpContext, bulk: BulkWriter | null) => Promise<ImportCounts>,
): Promise<ImportCounts> {
  const ctx: OpContext = { register, actor };
  return register.db.transaction().execute(async (trx) => {
    const counts =
      register.engine === 'postgres'
        ? await write(trx, ctx, null)
        : (
            await withSearchIndexesFilledOnce(register.sqlite, (empty) => {
              const bulk = options.writer === 'rows' ? null : new BulkWriter(trx, ctx);
              if (!bulk || !empty) return write(trx, ctx, bulk);
              bulk.whole = true;
              return withIndexesBuiltOnce(register.sqlite, () => write(trx, ctx, bulk));
            })
          ).value;
    if (register.engine === 'postgres') await syncSequences(trx);
    await writeAudit(trx, ctx, { action: 'import', entity: 'register', entityId: null, after: { format: about.format, source: about.source, exportedAt: about.exportedAt, ...counts } });
    return counts;
  });
}

/** Writes a checked file into the register in one transaction with one audit row: all or nothing. */
export async function importChecked(register: Register, file: CheckedInterchange, actor: Actor, options: ImportOptions = {}): Promise<ImportCounts> {
  const about = { format: 'matters' in file ? INTERCHANGE_FORMAT_V2 : 'petition-register/v1', exportedAt: file.exportedAt, source: options.source ?? null };
  return inImportTransaction(register, actor, about, options, (trx, ctx, bulk) => writeInterchange(trx, ctx, file, bulk));
}

/** Imports a v1 or v2 file (already parsed from JSON) into the register: all or nothing. */
export async function importFile(register: Register, data: unknown, actor: Actor, options: ImportOptions = {}): Promise<ImportCounts> {
  return importChecked(register, checkFile(register, data), actor, options);
}
