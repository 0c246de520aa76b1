// Importing an interchange file from disk (what `petreg import` and the bench run), all or nothing
// in one transaction, with memory bounded by a slice of records rather than by the file.
//
// The file is gone through once first (./read.ts scanJsonObject) for its outline
// (shared/interchange/outline.ts): a few values per record for the rules that cross records. A
// file whose every collection fits in one slice is then read and checked whole, as it always was:
// every issue of the file is reported at once. A larger file is then read a collection at a time,
// in the order the writer needs (agencies, matters, sessions, visits, petitions, notices), and
// each slice of records is checked against the outline (CheckOptions.known) and written before the
// next is read; only the records of one slice are held, as read and as checked. A refused slice
// rolls the whole import back, and its issues are reported (the outline's own issues, and the
// top level's, come before anything is written).
import path from 'node:path';
import { FileOutline, OUTLINED, type Outlined } from '../../shared/interchange/outline.ts';
import { SLICE_START } from '../../shared/interchange/v1.ts';
import { INTERCHANGE_FORMAT_V2, type CheckedInterchangeV2 } from '../../shared/interchange/v2.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { todayOf } from '../ops/petitions.ts';
import type { Actor } from '../context.ts';
import { withDeferredMatterRefresh } from '../ops/matters.ts';
import type { Register } from '../register.ts';
import { checkAnyInterchange, checkFile, importChecked, inImportTransaction, interchangeFormatOf, InterchangeWriter, refused, type ImportCounts, type ImportOptions } from './import.ts';
import { readCollection, readJsonObjectStreaming, scanJsonObject } from './read.ts';

/**
 * Records checked and written at a time. The outline of the bench's 100,000 petitions takes 41 MB;
 * the import's peak was 682 MB there and 1,489 MB at 1,000,000 (README, Performance).
 */
export const SLICE_RECORDS = 5_000;

export interface FileImportOptions extends ImportOptions {
  /** Records per slice (tests use a few, to import small files in several slices). */
  sliceRecords?: number;
  /** Bytes read from the file at a time (tests use a few, to cut records across reads). */
  chunkBytes?: number;
}

/** A file gone through once: its outline and its top level. */
export interface OutlinedFile {
  file: string;
  outline: FileOutline;
  /** The top level with each array given as [] (its records are the outline's): format, exported_at, and any key the file has. */
  head: Record<string, unknown>;
  /** A top-level key given twice (JSON keeps the last one): such a file is read whole. */
  repeatedKey: boolean;
}

/**
 * Goes through the file once for its outline; null when it is not a JSON object in UTF-8. File
 * errors (missing, unreadable) are thrown as they come.
 */
export function outlineFile(file: string, options: { chunkBytes?: number } = {}): OutlinedFile | null {
  const outline = new FileOutline();
  const head: Record<string, unknown> = {};
  let repeatedKey = false;
  const put = (key: string, value: unknown) => {
    if (Object.hasOwn(head, key)) repeatedKey = true;
    // As JSON.parse: "__proto__" is a plain key.
    Object.defineProperty(head, key, { value, enumerable: true, writable: true, configurable: true });
  };
  const read = scanJsonObject(
    file,
    (key) => {
      put(key, []);
      if (!(OUTLINED as readonly string[]).includes(key)) return null;
      const collection = key as Outlined;
      return (record, index) => outline.add(collection, record, index);
    },
    put,
    options,
  );
  return read ? { file, outline, head, repeatedKey } : null;
}

/** The records of a collection of the file, a slice at a time, with the place of each slice's first record. */
function* slices(file: string, collection: Outlined, size: number, options: FileImportOptions): Generator<{ records: unknown[]; start: number }, void> {
  let records: unknown[] = [];
  let start = 0;
  let index = 0;
  for (const record of readCollection(file, collection, options)) {
    records.push(record);
    index += 1;
    if (records.length === size) {
      yield { records, start };
      records = [];
      start = index;
    }
  }
  if (records.length > 0) yield { records, start };
}

/** Whether the file is imported in slices: a collection larger than a slice (and no key given twice). */
export function needsSlices(outlined: OutlinedFile, options: FileImportOptions = {}): boolean {
  return !outlined.repeatedKey && outlined.outline.largest > (options.sliceRecords ?? SLICE_RECORDS);
}

/**
 * What can be said of an outlined file before any register is read: its top level (the format,
 * exported_at, the keys it has), then the rules across the whole file (the outline's issues).
 * `today` is the register's (or the machine's, before a register is opened).
 */
export function checkOutline(outlined: OutlinedFile, today: string): { ok: true; exportedAt: string | null } | { ok: false; issues: FieldIssue[] } {
  const top = checkAnyInterchange({ ...outlined.head }, { today });
  if (!top.ok) return top;
  if (outlined.outline.issues.length > 0) return { ok: false, issues: outlined.outline.issues };
  return { ok: true, exportedAt: top.value.exportedAt };
}

/** Imports an outlined file a slice at a time (see the top of this file). */
export async function importInSlices(register: Register, outlined: OutlinedFile, actor: Actor, options: FileImportOptions = {}): Promise<ImportCounts> {
  const { file, outline, head } = outlined;
  const size = options.sliceRecords ?? SLICE_RECORDS;
  const top = checkOutline(outlined, todayOf({ register, actor }));
  if (!top.ok) throw refused(top.issues);
  const known = outline.known;
  const check = (collection: Outlined, records: unknown[], start: number) =>
    checkFile(register, { ...head, [collection]: records, [SLICE_START]: { collection, start } }, { consume: true, known });
  const agencies = check('agencies', [...outline.agencies], 0).agencies;
  for (const a of agencies) outline.agencyCodes.add(a.code);
  const v2 = interchangeFormatOf(head) === INTERCHANGE_FORMAT_V2;
  const each = function* (collection: Outlined) {
    if (!outline.counts.get(collection)) return;
    for (const slice of slices(file, collection, size, options)) yield check(collection, slice.records, slice.start);
  };
  const about = { format: v2 ? INTERCHANGE_FORMAT_V2 : 'petition-register/v1', exportedAt: top.exportedAt, source: options.source ?? path.basename(file) };
  return inImportTransaction(register, actor, about, options, async (trx, ctx, bulk) => {
    const writer = new InterchangeWriter(trx, ctx, bulk, v2);
    await writer.agencies(agencies);
    await writer.numbers(outline.petitions);
    if (v2) for (const part of each('matters')) await writer.matters((part as CheckedInterchangeV2).matters);
    for (const part of each('sessions')) await writer.sessions(part.sessions);
    // Each matter's repeat marks and first date are recomputed once, after its last arrival.
    await withDeferredMatterRefresh(
      trx,
      async (touched) => {
        for (const part of each('visits')) await writer.visits(part.visits, v2 ? (part as CheckedInterchangeV2).visitMatters : null, touched);
        // Each slice was checked against the register's today (checkFile): no refuseLate here.
        for (const part of each('petitions')) {
          await writer.refuseUnknownAgencies(part);
          await writer.petitions(part, touched);
        }
      },
      bulk?.refreshMatters,
    );
    if (v2) for (const part of each('notices')) await writer.notices((part as CheckedInterchangeV2).notices);
    return writer.finish(outline.petitions);
  });
}

/**
 * Imports an interchange file from disk: a file larger than a slice in slices, a smaller one whole
 * (read record by record, ./read.ts, never as one text). Throws ApiError('VALIDATION') for a
 * refused file and InterchangeFileError when it is not a readable JSON object.
 */
export async function importInterchangeFile(register: Register, file: string, actor: Actor, options: FileImportOptions = {}): Promise<ImportCounts> {
  const outlined = outlineFile(file, options);
  if (outlined === null) throw new InterchangeFileError(file);
  const withSource = { source: path.basename(file), ...options };
  if (needsSlices(outlined, options)) return importInSlices(register, outlined, actor, withSource);
  const data = readJsonObjectStreaming(file, options);
  if (data === null) throw new InterchangeFileError(file);
  // Read for this import alone: the check lets go of each record once read (one copy at a time).
  return importChecked(register, checkFile(register, data, { consume: true }), actor, withSource);
}

/** A file that is not a JSON object in UTF-8 (petreg says what is wrong with it and where: describeJsonFile in ./read.ts). */
export class InterchangeFileError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} is not a JSON object in UTF-8`);
    this.file = file;
  }
}
