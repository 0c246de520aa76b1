// The outline of an interchange file: what its cross-record rules need, gathered record by record
// in one pass over the file, so that the records themselves can then be checked and written a
// slice at a time (db/interchange/import-file.ts) and never held all at once. A few values are kept
// per record (refs, dates of receipt, register numbers, a duplicate's original, what a notice may
// hang on): 41 MB of heap for the bench's file of 100,000 petitions, where its records checked
// took 352 MB.
//
// The rules that need the whole file at once are judged here, with the messages the whole-file
// check gives: refs used twice in a collection, a register number or a notice number used twice.
// A record whose outline cannot be read (a ref or a date of receipt missing or malformed) is
// named with its issues; the rest of each record is its slice's check.
import type { FieldIssue } from '../errors.ts';
import type { z } from '../validation.ts';
import { NOTICE_WHAT, noticeSeq, repeatedNoticeNoIssue } from './notices.ts';
import { OUTLINE_SCHEMAS, RECORD_WHAT, labelOf, readOutline, repeatedRefIssue, repeatedRegisterNoIssue, type ContentHandlingMark, type KnownRecords } from './v1.ts';
import { OUTLINE_SCHEMAS_V2, RECORD_WHAT_V2 } from './v2.ts';

/**
 * What the writer needs of every petition of a file before it writes any: register numbers are
 * assigned, and same-day duplicates judged, across the whole file. One per petition, in file order.
 */
export interface PetitionOutline {
  label: string;
  ref: string;
  receivedOn: string;
  /** The number the file gives (normalised), or null: the register assigns one. */
  registerNo: string | null;
  /** The original an ineligible duplicate points at, else null. */
  duplicateOf: string | null;
}

/** The collections an outline reads, in the order an import writes them. */
export const OUTLINED = ['agencies', 'matters', 'sessions', 'visits', 'petitions', 'notices'] as const;
export type Outlined = (typeof OUTLINED)[number];

/** A content's handling mark in a few characters: `kind` then 1/0 for a decision, 1/0 for a reply. */
function mark(kind: unknown, decision: unknown, reply: unknown): string {
  return `${typeof kind === 'string' ? kind : ''}${decision != null ? 1 : 0}${reply != null ? 1 : 0}`;
}

export class FileOutline {
  /** Issues found so far, in file order within each collection. */
  readonly issues: FieldIssue[] = [];
  /** Every petition whose outline could be read, in file order. */
  readonly petitions: PetitionOutline[] = [];
  /** The agencies as the file gives them (a short list: kept whole, checked with the first slice). */
  readonly agencies: unknown[] = [];
  /** How many records each collection holds. */
  readonly counts = new Map<string, number>();
  /** Filled once the agencies are checked (their codes as the check normalises them). */
  readonly agencyCodes = new Set<string>();
  readonly #sessions = new Set<string>();
  readonly #visits = new Set<string>();
  /** A petition's ref → its place in `petitions` (the first with that ref). */
  readonly #petitionAt = new Map<string, number>();
  /** By place in `petitions`: each content's handling mark, joined by ','. */
  readonly #handling: string[] = [];
  readonly #matters = new Map<string, string | null>();
  readonly #registerNos = new Map<string, string>();
  readonly #notices = new Set<string>();
  readonly #noticeNos = new Map<string, string>();

  /** Takes the record at `index` of `collection`, in file order. */
  add(collection: Outlined, raw: unknown, index: number): void {
    this.counts.set(collection, index + 1);
    if (collection === 'agencies') this.agencies.push(raw);
    else if (collection === 'matters') this.#addMatter(raw, index);
    else if (collection === 'notices') this.#addNotice(raw, index);
    else if (collection === 'petitions') this.#addPetition(raw, index);
    else this.#addRef(collection, raw, index);
  }

  /** A record's outline, or null with its issues taken. */
  #read<T>(schema: z.ZodType<T>, raw: unknown, label: string): T | null {
    const outline = readOutline(schema, raw, label);
    if (outline.ok) return outline.value;
    this.issues.push(...outline.issues);
    return null;
  }

  #addRef(collection: 'sessions' | 'visits', raw: unknown, index: number): void {
    const label = labelOf(raw, collection, index);
    const r = this.#read(OUTLINE_SCHEMAS[collection], raw, label);
    if (r === null) return;
    const refs = collection === 'sessions' ? this.#sessions : this.#visits;
    if (refs.has(r.ref)) this.issues.push(repeatedRefIssue(label, r.ref, RECORD_WHAT[collection]));
    refs.add(r.ref);
  }

  #addPetition(raw: unknown, index: number): void {
    const label = labelOf(raw, 'petitions', index);
    const p = this.#read(OUTLINE_SCHEMAS.petitions, raw, label);
    if (p === null) return;
    if (this.#petitionAt.has(p.ref)) this.issues.push(repeatedRefIssue(label, p.ref, RECORD_WHAT.petitions));
    else this.#petitionAt.set(p.ref, this.petitions.length);
    if (p.register_no !== null) {
      const other = this.#registerNos.get(p.register_no);
      if (other !== undefined) this.issues.push(repeatedRegisterNoIssue(label, p.register_no, other));
      else this.#registerNos.set(p.register_no, label);
    }
    const c = p.classification;
    this.petitions.push({ label, ref: p.ref, receivedOn: p.received_on, registerNo: p.register_no, duplicateOf: c && !c.eligible ? c.duplicate_of : null });
    this.#handling.push(p.contents.map((content, k) => (k === 0 ? mark(content.kind, p.decision, p.reply) : mark(content.kind, content.decision, content.reply))).join(','));
  }

  #addMatter(raw: unknown, index: number): void {
    const m = this.#read(OUTLINE_SCHEMAS_V2.matters, raw, `matters[${index}]`);
    if (m === null) return;
    if (this.#matters.has(m.ref)) this.issues.push(repeatedRefIssue(`matters[ref=${m.ref}]`, m.ref, RECORD_WHAT_V2.matters));
    else this.#matters.set(m.ref, m.merged_into);
  }

  #addNotice(raw: unknown, index: number): void {
    const n = this.#read(OUTLINE_SCHEMAS_V2.notices, raw, `notices[${index}]`);
    if (n === null) return;
    const label = `notices[ref=${n.ref}]`;
    if (this.#notices.has(n.ref)) this.issues.push(repeatedRefIssue(label, n.ref, NOTICE_WHAT));
    this.#notices.add(n.ref);
    const seq = n.issued_on !== null && n.document_no !== null ? noticeSeq(n.document_no) : null;
    if (seq === null) return;
    const year = Number(n.issued_on!.slice(0, 4));
    const key = `${year}/${seq}`;
    const other = this.#noticeNos.get(key);
    if (other !== undefined) this.issues.push(repeatedNoticeNoIssue(label, n.document_no!, year, other));
    this.#noticeNos.set(key, n.ref);
  }

  /** What a slice's check looks up in the rest of the file (CheckOptions.known). */
  get known(): KnownRecords {
    const petitionAt = this.#petitionAt;
    const outlines = this.petitions;
    const handling = this.#handling;
    return {
      agencies: this.agencyCodes,
      sessions: this.#sessions,
      visits: this.#visits,
      petitions: {
        get: (ref) => {
          const at = petitionAt.get(ref);
          return at === undefined ? undefined : outlines[at]!.receivedOn;
        },
        has: (ref) => petitionAt.has(ref),
      },
      matters: this.#matters,
      handlingOf: (ref, position): ContentHandlingMark | null => {
        const at = petitionAt.get(ref);
        const content = at === undefined ? undefined : handling[at]!.split(',')[position];
        if (!content) return null;
        return { kind: content.slice(0, -2), decision: content.at(-2) === '1', reply: content.at(-1) === '1' };
      },
    };
  }

  /** The largest collection's number of records. */
  get largest(): number {
    return Math.max(0, ...this.counts.values());
  }
}
