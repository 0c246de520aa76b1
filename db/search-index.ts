// The petition search index (petitions_words, migrations 0009 and 0015) and the queries typed into it.
//
// The index is keyed by the NEGATED petition id (rowid = -id): FTS5 reads a doclist cheaply only
// forwards, so the newest petitions come first in rowid order and a page stops after its rows.
// Prefix indexes of 1 to 7 characters serve every typed word up to a syllable's length.
//
// A Vietnamese text is words (syllables) between spaces and punctuation; the index holds the
// folded words of each petition (case, tone marks and đ/d ignored) and every typed word is a
// PREFIX of a word of the record: `nguyen van d` finds "Nguyễn Văn Đức" (nguyen* van* d*).
// Numbers are words too: a CCCD or a register number is found by its beginning ("051", "2026/0001").
// Quotes ask for a phrase: `"dat dai"` finds the two words side by side, whole.
//
// Protection (db/protection.ts, Law on Denunciations art. 56(1)): column `open` is what anyone may
// find a petition by; for a denunciation it is its own words (number, subject, summary, forwarding
// body) without any word of its denouncers' identity (name, ID number, phone, address), so that
// "Nguyễn Văn A" never answers with the denunciation A wrote, even when its summary repeats the
// name. Column `hidden` holds the rest (the denouncers' names and ID numbers, the removed words):
// only an officer with the permission searches both columns.
import type Database from 'better-sqlite3';
import { fold } from '../shared/text.ts';

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text as the index tokenizes them (unicode61 over the folded text). */
export function wordsOf(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** SQL function petreg_search_open(own, names, identity, protected): the words anyone finds by. */
export function searchOpen(own: string, names: string, identity: string, isProtected: number | bigint): string {
  if (!Number(isProtected)) return [...wordsOf(own), ...wordsOf(names)].join(' ');
  const hide = new Set(wordsOf(identity));
  return wordsOf(own).filter((w) => !hide.has(w)).join(' ');
}

/** SQL function petreg_search_hidden(own, names, identity, protected): the words only a permitted officer finds by. */
export function searchHidden(own: string, names: string, identity: string, isProtected: number | bigint): string {
  if (!Number(isProtected)) return '';
  const hide = new Set(wordsOf(identity));
  return [...wordsOf(names), ...wordsOf(own).filter((w) => hide.has(w))].join(' ');
}

/**
 * The functions the index's triggers call, on a connection (db/register.ts registers them on every
 * one). A connection without them cannot write petitions or their petitioners: "no such function".
 */
export function registerSearchFunctions(sqlite: Database.Database): void {
  const fn = (words: typeof searchOpen) => (own: string | null, names: string | null, identity: string | null, p: number | bigint) => words(own ?? '', names ?? '', identity ?? '', p);
  sqlite.function('petreg_search_open', { deterministic: true }, fn(searchOpen));
  sqlite.function('petreg_search_hidden', { deterministic: true }, fn(searchHidden));
}

export interface ParsedSearch {
  /** FTS5 query over every column (an officer with the permission). */
  all: string;
  /** FTS5 query over the `open` column only (everyone else). */
  open: string;
  /** The query as a folded full name, to put a petitioner of exactly that name first. */
  exactName: string;
  /** The same query as phrases of words, all of them required (PostgreSQL's form, db/engine/sql.ts). */
  phrases: WordPhrase[];
}

/** Words side by side; the last one a prefix when `prefix`. */
export interface WordPhrase {
  words: string[];
  prefix: boolean;
}

/**
 * A typed search as an FTS5 query: each word (or run of words joined by punctuation, like
 * "2026/000012" or "H'Leo") is a prefix phrase, a quoted part is an exact phrase (an unclosed quote,
 * still being typed, is a prefix phrase), all of them ANDed. Null when nothing was typed;
 * 'nothing' when the text holds no word at all ("%", "_"): it matches no petition.
 */
export function parseSearch(text: string | null | undefined): ParsedSearch | 'nothing' | null {
  const clean = (text ?? '').replace(/[“”„‟]/g, '"');
  if (clean.trim() === '') return null;
  const parts: string[] = [];
  const phrases: WordPhrase[] = [];
  for (const m of clean.matchAll(/"([^"]*)("?)|[^\s"]+/g)) {
    const quoted = m[1] !== undefined;
    const words = wordsOf(quoted ? m[1]! : m[0]);
    if (words.length === 0) continue;
    const whole = quoted && m[2] === '"';
    parts.push(whole ? `"${words.join(' ')}"` : `"${words.join(' ')}" *`);
    phrases.push({ words, prefix: !whole });
  }
  if (parts.length === 0) return 'nothing';
  const all = parts.join(' AND ');
  return { all, open: `{open} : (${all})`, exactName: fold(clean.replace(/"/g, ' ')), phrases };
}

/** The triggers that keep the search indexes current row by row (migrations 0003, 0009, 0010). */
const INDEX_TRIGGERS = /^(petitions_words_|petitions_fts_|citizens_words_)/;

/**
 * Runs a large write (an import into a register that has no petition yet) with the search
 * indexes' triggers set aside, then fills the three indexes once from the tables and puts the
 * triggers back exactly as they were — all inside the caller's transaction, so another reader
 * never sees an index without its triggers, and a failed write rolls the whole of it back.
 * Filling an index once is much cheaper than keeping it current for each row (each petition
 * written through its petitioners and contents re-derives its words up to four times).
 * Returns whether the indexes were filled in bulk (false: the register already held petitions,
 * and the triggers did the work as usual); `write` is told the same before it runs (the import's
 * bulk writer then also builds the other secondary indexes once, db/interchange/bulk.ts).
 */
export async function withSearchIndexesFilledOnce<T>(sqlite: Database.Database, write: (bulk: boolean) => Promise<T>): Promise<{ value: T; bulk: boolean }> {
  if (!sqlite.inTransaction) throw new Error('withSearchIndexesFilledOnce: call it inside the write transaction');
  const empty = sqlite.prepare('select not exists (select 1 from petitions) and not exists (select 1 from citizens) as empty').get() as { empty: number };
  if (!empty.empty) return { value: await write(false), bulk: false };
  const triggers = (sqlite.prepare("select name, sql from sqlite_master where type = 'trigger'").all() as { name: string; sql: string }[]).filter((t) => INDEX_TRIGGERS.test(t.name));
  for (const t of triggers) sqlite.exec(`drop trigger ${t.name}`);
  const value = await write(true);
  fillSearchIndexes(sqlite);
  for (const t of triggers) sqlite.exec(t.sql);
  return { value, bulk: true };
}

/**
 * Fills the three search indexes, empty, from the tables at once (the import; the bench's floor of
 * an import, bench/import-floor.ts). The connection needs the search functions
 * (registerSearchFunctions).
 */
export function fillSearchIndexes(sqlite: Database.Database): void {
  // Keyed by -id (migration 0015), written in rowid order. The same words as the triggers' (their
  // functions read `identity` only for a protected petition): an unprotected petition's identity
  // is not gathered and its hidden words (none) not computed.
  sqlite.exec(`insert into petitions_words(rowid, open, hidden)
    select -id, petreg_search_open(own, names, case when protected then identity else '' end, protected),
      case when protected then petreg_search_hidden(own, names, identity, protected) else '' end
    from petitions_search_source order by id desc`);
  sqlite.exec("insert into petitions_fts(petitions_fts) values ('rebuild')");
  sqlite.exec("insert into citizens_words(citizens_words) values ('rebuild')");
}
