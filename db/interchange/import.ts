// Importing a petition-register/v1 file: all or nothing, in one transaction, through the same
// core operations the desk uses (the handling workflow is written by ./workflow.ts), with one
// audit row for the whole import.
import path from 'node:path';
import type { Transaction } from 'kysely';
import { readJsonObjectStreaming } from './read.ts';
import { formatRegisterNo, parseRegisterNo } from '../../shared/domain/petition.ts';
import { ApiError, type FieldIssue } from '../../shared/errors.ts';
import { describeIssues, futureDateIssues, parseInterchange, type CheckedInterchange } from '../../shared/interchange/v1.ts';
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
import { INTERCHANGE_FORMAT_V2, parseInterchangeV2, type CheckedInterchangeV2 } from '../../shared/interchange/v2.ts';
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

function refused(issues: FieldIssue[]): ApiError {
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

async function writeAgencies(trx: Transaction<DB>, file: CheckedInterchange, now: string): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  const existing = new Map((await trx.selectFrom('agencies').selectAll().execute()).map((a) => [a.code, a]));
  for (const a of file.agencies) {
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

/**
 * The register number each petition gets. Given numbers must be free in the register; a null one
 * takes the next number of its year after every number the register or the file already holds,
 * in file order, so a given number later in the file never collides with an assigned one.
 */
async function assignRegisterNumbers(trx: Transaction<DB>, file: CheckedInterchange): Promise<string[]> {
  const next = new Map<number, number>();
  for (const row of await trx.selectFrom('petitions').select(['year', (eb) => eb.fn.max('seq').as('seq')]).groupBy('year').execute()) {
    next.set(row.year, Number(row.seq) + 1);
  }
  const issues: FieldIssue[] = [];
  const given = file.petitions.filter((p) => p.registerNo !== null);
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
  const numbers = file.petitions.map((p) => {
    if (p.registerNo !== null) return p.registerNo;
    const year = Number(p.data.receivedOn.slice(0, 4));
    const seq = next.get(year) ?? 1;
    next.set(year, seq + 1);
    return formatRegisterNo(year, seq);
  });
  await refuseGaps(trx, file, numbers);
  return numbers;
}

/**
 * The register promises gap-free numbers in each year: an import whose numbers would leave one
 * out between the year's first and last number (2026/000007 given after 2026/000005, with
 * 2026/000006 nowhere) is refused, naming the missing number and the record that skips it.
 * A year's series may start above 1 (a register continued from a paper one: its earlier numbers
 * live there), but never skips once started.
 */
async function refuseGaps(trx: Transaction<DB>, file: CheckedInterchange, numbers: string[]): Promise<void> {
  const byYear = new Map<number, { seq: number; label: string }[]>();
  numbers.forEach((no, i) => {
    const { year, seq } = parseRegisterNo(no)!;
    const list = byYear.get(year) ?? [];
    list.push({ seq, label: file.petitions[i]!.label });
    byYear.set(year, list);
  });
  const issues: FieldIssue[] = [];
  for (const [year, added] of byYear) {
    const existing = (await trx.selectFrom('petitions').select('seq').where('year', '=', year).execute()).map((r) => r.seq);
    const used = new Set([...existing, ...added.map((a) => a.seq)]);
    const max = Math.max(...used);
    for (let seq = Math.min(...used); seq <= max && issues.length < 5; seq++) {
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
function checkSameDayDuplicates(file: CheckedInterchange, numbers: string[]): void {
  const seqOf = new Map(file.petitions.map((p, i) => [p.ref, { receivedOn: p.data.receivedOn, no: numbers[i]! }]));
  const issues: FieldIssue[] = [];
  file.petitions.forEach((p, i) => {
    const c = p.workflow.classification;
    if (!c || c.eligible || c.duplicate_of === null) return;
    const original = seqOf.get(c.duplicate_of);
    if (!original || original.receivedOn !== p.data.receivedOn) return;
    if (parseRegisterNo(original.no)!.seq > parseRegisterNo(numbers[i]!)!.seq) {
      issues.push({
        path: `${p.label}.classification.duplicate_of`,
        message: `Đơn gốc ${c.duplicate_of} (số ${original.no}) nhận cùng ngày nhưng vào sổ sau đơn này (số ${numbers[i]}): đơn gốc phải được nhận trước`,
      });
    }
  });
  if (issues.length > 0) throw refused(issues);
}

async function checkDecisionAgencies(trx: Transaction<DB>, file: CheckedInterchange): Promise<void> {
  if (file.decisionAgencies.length === 0) return;
  const codes = [...new Set(file.decisionAgencies.map((d) => d.code))];
  const known = new Set((await trx.selectFrom('agencies').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
  const issues = file.decisionAgencies
    .filter((d) => !known.has(d.code))
    .map((d) => ({ path: d.path, message: `Không có cơ quan mã ${d.code} trong tệp (agencies) hay trong danh mục của sổ` }));
  if (issues.length > 0) throw refused(issues);
}

/**
 * Writes a checked file inside the caller's transaction and returns the counts. Throws
 * ApiError('VALIDATION') naming the record and field at the first problem; the caller's
 * transaction then rolls back everything.
 */
export async function writeInterchange(trx: Transaction<DB>, ctx: OpContext, file: CheckedInterchange, bulk: BulkWriter | null = null): Promise<ImportCounts> {
  // Imported handling records are history, so past dates are what they should be; but, as at the
  // desk, nothing is dated after the register's today: a later date is a typing error (or a
  // wrong clock) and refused like any other.
  const late = futureDateIssues(file.petitions, todayOf(ctx));
  if (late.length > 0) throw refused(late);
  const now = ctx.register.now().toISOString();
  const agencies = await writeAgencies(trx, file, now);
  await checkDecisionAgencies(trx, file);
  const numbers = await assignRegisterNumbers(trx, file);
  checkSameDayDuplicates(file, numbers);

  await bulk?.prepare(file.petitions);
  const v2 = 'matters' in file ? (file as CheckedInterchangeV2) : null;
  const matterIds = new Map<string, number>();
  if (v2) {
    for (const m of v2.matters) matterIds.set(m.ref, bulk ? bulk.insertMatterRecord(m.data) : await insertMatterRecord(trx, ctx, m.data));
  }
  const sessionIds = new Map<string, number>();
  for (const s of file.sessions) {
    try {
      sessionIds.set(s.ref, await insertSession(trx, ctx, s.data));
    } catch (error) {
      throw inRecord(s.label, error);
    }
  }
  const visitIds = new Map<string, number>();
  const petitionIds = new Map<string, number>();
  // Each matter's repeat marks and first date are recomputed once, after its last arrival.
  await withDeferredMatterRefresh(trx, async (touched) => {
    for (const [i, v] of file.visits.entries()) {
      try {
        const matterId = v2 ? matterIds.get(v2.visitMatters[i]!)! : undefined;
        const data = { ...v.data, sessionId: sessionIds.get(v.sessionRef)!, matterId };
        visitIds.set(v.ref, bulk ? bulk.writeVisit(data, touched) : await writeVisit(trx, ctx, data, { keepRepeat: v2 !== null }));
      } catch (error) {
        throw inRecord(v.label, error);
      }
    }
    for (const [i, p] of file.petitions.entries()) {
      try {
        const contents = v2?.petitionContents[i];
        const data = contents
          ? {
              ...p.data,
              matterId: matterIds.get(contents[0]!.matter_ref)!,
              contents: contents.slice(1).map((c) => ({ kind: c.kind as 'complaint', field: c.field, summary: c.summary, matterId: matterIds.get(c.matter_ref)! })),
            }
          : p.data;
        const withVisit = { ...data, visitId: p.visitRef === null ? null : visitIds.get(p.visitRef)! };
        if (bulk) {
          // The first content's own summary is written with it (no trigger reads a content's summary).
          petitionIds.set(p.ref, await bulk.writePetition(p, withVisit, numbers[i]!, contents ? contents[0]!.summary : p.data.summary, touched));
          continue;
        }
        const id = await insertPetition(trx, ctx, withVisit, numbers[i]!);
        // After a split the first content says more narrowly than the letter's summary.
        if (contents && contents[0]!.summary !== p.data.summary) {
          await trx.updateTable('petition_contents').set({ summary: contents[0]!.summary }).where('petition_id', '=', id).where('position', '=', 0).execute();
        }
        petitionIds.set(p.ref, id);
      } catch (error) {
        throw inRecord(p.label, error);
      }
    }
  }, bulk?.refreshMatters);
  const workflow = bulk ? await bulk.writeWorkflow(file.petitions, petitionIds) : await writeWorkflow(trx, ctx, file.petitions, petitionIds);
  if (v2) workflow.decisions += await writeContentHandling(trx, ctx, v2, petitionIds);
  const notices = v2 ? await writeNotices(trx, ctx, v2.notices, petitionIds, visitIds) : 0;
  if (v2) {
    for (const m of v2.matters) if (m.data.merged_into !== null) await setMatterMerged(trx, matterIds.get(m.ref)!, matterIds.get(m.data.merged_into)!);
  } else {
    // v1: a duplicate joins its original's matter, originals first (an original is received first).
    const duplicates = file.petitions
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.workflow.classification?.eligible === false && p.workflow.classification.duplicate_of !== null)
      .sort((a, b) => a.p.data.receivedOn.localeCompare(b.p.data.receivedOn) || a.i - b.i);
    for (const { p } of duplicates) {
      const c = p.workflow.classification as { duplicate_of: string };
      const petitionId = petitionIds.get(p.ref)!;
      const movedFrom = await joinOriginalMatter(trx, petitionId, petitionIds.get(c.duplicate_of)!);
      // As at the desk: reversing the duplicate puts the petition back on the matter it left.
      if (movedFrom !== null) await trx.updateTable('classifications').set({ moved_from_matter_id: movedFrom }).where('petition_id', '=', petitionId).where('reversed_at', 'is', null).execute();
    }
  }
  const sorted = [...numbers].sort((a, b) => {
    const x = parseRegisterNo(a)!;
    const y = parseRegisterNo(b)!;
    return x.year - y.year || x.seq - y.seq;
  });
  return {
    agenciesAdded: agencies.added,
    agenciesUpdated: agencies.updated,
    sessions: file.sessions.length,
    visits: file.visits.length,
    petitions: file.petitions.length,
    ...workflow,
    notices,
    firstRegisterNo: sorted[0] ?? null,
    lastRegisterNo: sorted.at(-1) ?? null,
  };
}

/** The format a parsed file says it is (v2, else read as v1). */
export function interchangeFormatOf(data: unknown): typeof INTERCHANGE_FORMAT_V2 | 'petition-register/v1' {
  return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === INTERCHANGE_FORMAT_V2 ? INTERCHANGE_FORMAT_V2 : 'petition-register/v1';
}

/** Checks a parsed v1 or v2 file against the register's today; throws ApiError('VALIDATION'). */
export function checkFile(register: Register, data: unknown, options: { consume?: boolean } = {}): CheckedInterchange {
  const today = todayOf({ register, actor: { id: null, name: '' } });
  const check = { today, consume: options.consume };
  return interchangeFormatOf(data) === INTERCHANGE_FORMAT_V2 ? parseInterchangeV2(data, check) : parseInterchange(data, check);
}

/** Writes a checked file into the register in one transaction with one audit row: all or nothing. */
export async function importChecked(register: Register, file: CheckedInterchange, actor: Actor, options: ImportOptions = {}): Promise<ImportCounts> {
  const ctx: OpContext = { register, actor };
  const isV2 = 'matters' in file;
  return register.db.transaction().execute(async (trx) => {
    // Into a register without petitions (a Board's history brought in), the search indexes are
    // filled once after the records instead of row by row (db/search-index.ts).
    // The bulk writer also builds the other secondary indexes once there (./bulk.ts withIndexesBuiltOnce).
    // On PostgreSQL rows are written one by one through Kysely, the triggers keeping the search
    // index, then the id sequences are moved past the ids the file gave.
    const counts =
      register.engine === 'postgres'
        ? await writeInterchange(trx, ctx, file, null)
        : (
            await withSearchIndexesFilledOnce(register.sqlite, (empty) => {
              const bulk = options.writer === 'rows' ? null : new BulkWriter(trx, ctx);
              if (!bulk || !empty) return writeInterchange(trx, ctx, file, bulk);
              bulk.whole = true;
              return withIndexesBuiltOnce(register.sqlite, () => writeInterchange(trx, ctx, file, bulk));
            })
          ).value;
    if (register.engine === 'postgres') await syncSequences(trx);
    await writeAudit(trx, ctx, {
      action: 'import',
      entity: 'register',
      entityId: null,
      after: { format: isV2 ? INTERCHANGE_FORMAT_V2 : 'petition-register/v1', source: options.source ?? null, exportedAt: file.exportedAt, ...counts },
    });
    return counts;
  });
}

/** Imports a v1 or v2 file (already parsed from JSON) into the register: all or nothing. */
export async function importFile(register: Register, data: unknown, actor: Actor, options: ImportOptions = {}): Promise<ImportCounts> {
  return importChecked(register, checkFile(register, data), actor, options);
}

/**
 * Imports an interchange file from disk (what `petreg import` and the bench run): the file is read
 * record by record (./read.ts, never its whole text), checked, and written all or nothing.
 * Throws ApiError('VALIDATION') for a refused file and InterchangeFileError when it is not a
 * readable JSON object.
 */
export async function importInterchangeFile(register: Register, file: string, actor: Actor, options: ImportOptions = {}): Promise<ImportCounts> {
  const data = readJsonObjectStreaming(file);
  if (data === null) throw new InterchangeFileError(file);
  // Read for this import alone: the check lets go of each record once read (one copy at a time).
  return importChecked(register, checkFile(register, data, { consume: true }), actor, { source: path.basename(file), ...options });
}

/** A file that is not a JSON object in UTF-8 (petreg reads it whole to say where it goes wrong). */
export class InterchangeFileError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} is not a JSON object in UTF-8`);
    this.file = file;
  }
}
