// The SQL that differs between the two engines, in one place (issue 14). Everything else the
// register runs is written once for both: string_agg with its order, case expressions for flags,
// row values, `like … escape`. Here: the search indexes (FTS5 on SQLite, tsvector on PostgreSQL)
// and the few statements with no common form.
import { sql, PostgresAdapter, type Kysely, type RawBuilder } from 'kysely';
import type { ParsedSearch, WordPhrase } from '../search-index.ts';

/** Whether a Kysely instance (or a transaction of it) runs on PostgreSQL. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A tsquery of phrases (the words are the index's own: letters and digits only), joined by `join`. */
function tsquery(phrases: WordPhrase[], join: '&' | '|'): string {
  return phrases
    .map((p) => {
      const words = p.words.map((w, i) => `'${w.replace(/'/g, "''")}'${p.prefix && i === p.words.length - 1 ? ':*' : ''}`);
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
    })
    .join(` ${join} `);
}

/**
 * The condition "petition search index row `w` matches the typed search" over the words anyone
 * may find by, or also a denouncer's (with the permission, db/protection.ts).
 */
export function petitionWordsMatch(db: Kysely<any>, search: ParsedSearch, seeProtected: boolean): RawBuilder<boolean> {
  if (!isPostgres(db)) return sql<boolean>`petitions_words match ${seeProtected ? search.all : search.open}`;
  const q = tsquery(search.phrases, '&');
  return seeProtected ? sql<boolean>`(w.open || w.hidden) @@ ${q}::tsquery` : sql<boolean>`w.open @@ ${q}::tsquery`;
}

/** Ids of citizens with a word of their name beginning with each run (at most `limit`). */
export function citizensByWordPrefixes(db: Kysely<any>, runs: string[], limit: number): RawBuilder<{ id: number }> {
  if (!isPostgres(db)) return sql<{ id: number }>`select rowid as id from citizens_words where citizens_words match ${runs.map((r) => `"${r}"*`).join(' ')} limit ${limit}`;
  const q = tsquery(
    runs.map((r) => ({ words: [r], prefix: true })),
    '&',
  );
  return sql<{ id: number }>`select id from citizens where to_tsvector('simple', full_name_folded) @@ ${q}::tsquery limit ${limit}`;
}

/** Ids of petitions whose folded text contains every one of `parts` (at most 200). */
export function petitionsContaining(db: Kysely<any>, parts: string[]): RawBuilder<number> {
  if (!isPostgres(db)) return sql<number>`(select rowid from petitions_fts where petitions_fts match ${parts.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ')} limit 200)`;
  const like = parts.map((t) => sql`search_folded like ${`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  return sql<number>`(select id from petitions where ${sql.join(like, sql` and `)} limit 200)`;
}

/** An integer parameter as the engine compares it with an integer column (SQLite binds numbers as REAL). */
export function integerParam(n: number): RawBuilder<number> {
  return sql<number>`cast(${n} as integer)`;
}

/** Where `needle` first occurs in `text`, from 1 (0: nowhere): SQLite's instr, PostgreSQL's strpos. */
export function textPosition(db: Kysely<any>, text: RawBuilder<unknown>, needle: string): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`strpos(${text}, ${needle})` : sql<number>`instr(${text}, ${needle})`;
}

/**
 * Begins a read transaction on one connection: one consistent snapshot that never waits for a
 * writer (SQLite's deferred transaction in WAL; PostgreSQL's repeatable read, read only, without
 * the write lock every Kysely transaction takes). End it with `commit`.
 */
export function beginReadSnapshot(db: Kysely<any>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`begin transaction isolation level repeatable read read only` : sql`begin deferred`;
}
