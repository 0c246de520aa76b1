// Queries of the intake save built and compiled once, then run again with new values.
// Kysely builds a tree for every query and compiles it to SQL on every call: for the dozen
// statements of a petition's save that is about a third of a millisecond of JavaScript per save
// (profiled on the bench's register, README "Performance"), as much as several of the statements
// themselves cost in SQLite. A query here is built by the same typed Kysely code, once per engine,
// with a marker in place of each value; later calls put the values in the markers' places.
// Engine-neutral: the SQL is what Kysely's own compiler gives for the register's engine.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** A value a compiled query can take (what the drivers bind). */
export type QueryValue = string | number | bigint | null;

const MARKER = '\u0000petreg-value:';

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  /** For each parameter of the SQL: the value's key, or a constant the builder put there. */
  slots: ({ key: string } | { constant: unknown })[];
}

/** Templates by engine (the executor's adapter is one object per register and its transactions). */
const templates = new WeakMap<object, Map<string, Template>>();

function compileTemplate<V extends Record<string, QueryValue | undefined>>(db: Kysely<DB>, keys: string[], build: (db: Kysely<DB>, values: V) => Compilable<unknown>): Template {
  const markers = Object.fromEntries(keys.map((k) => [k, MARKER + k])) as unknown as V;
  const compiled = build(db, markers).compile();
  const used = new Set<string>();
  const slots = compiled.parameters.map((p) => {
    if (typeof p === 'string' && p.startsWith(MARKER)) {
      const key = p.slice(MARKER.length);
      used.add(key);
      return { key };
    }
    return { constant: p };
  });
  // A value that did not become a parameter (written into the SQL text, or dropped) would be
  // repeated by every later call: refused here, on the first call.
  const missing = keys.filter((k) => !used.has(k));
  if (missing.length > 0 || compiled.sql.includes(MARKER)) throw new Error(`compiled query: ${missing.join(', ') || 'a value'} not bound as a parameter`);
  return { sql: compiled.sql, query: compiled.query, queryId: compiled.queryId, slots };
}

/**
 * Runs the query `build` makes from `values`, compiled once per engine and per set of keys.
 * `build` must use each value only as a bound value (a column's value, a comparison's operand),
 * never to choose the query's shape: it runs once, with markers instead of the values. A key
 * whose value is undefined is absent from that build, so it gets a query of its own.
 */
export async function runCompiled<V extends Record<string, QueryValue | undefined>, R>(
  db: Kysely<DB>,
  name: string,
  values: V,
  build: (db: Kysely<DB>, values: V) => Compilable<R>,
): Promise<R[]> {
  // An undefined value is left out, as Kysely leaves out an insert's undefined column.
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const adapter = db.getExecutor().adapter;
  let byName = templates.get(adapter);
  if (!byName) templates.set(adapter, (byName = new Map()));
  const cacheKey = `${name}(${keys.join(',')})`;
  let template = byName.get(cacheKey);
  if (!template) {
    template = compileTemplate(db, keys, build as (db: Kysely<DB>, values: V) => Compilable<unknown>);
    byName.set(cacheKey, template);
  }
  const parameters = template.slots.map((s) => ('key' in s ? values[s.key] : s.constant));
  const result = await db.executeQuery<R>({ sql: template.sql, parameters, query: template.query, queryId: template.queryId });
  return result.rows;
}
