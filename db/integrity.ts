// The register's own proofs, read-only: the audit hash chain, and each petition's current state
// against the state its latest audit row recorded. `petreg check`, backup and restore use them.
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { AUDIT_GENESIS, auditHash, type AuditContent } from './audit.ts';
import type { DB } from './schema.ts';

export interface ChainReport {
  entries: number;
  /** The first entry that does not link, with why; null when the chain holds. */
  firstBroken: { id: number; reason: string } | null;
}

function hasColumn(sqlite: Database.Database, table: string, column: string): boolean {
  return (sqlite.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
}

/** Walks the whole audit log in id order and checks every link of the chain. */
export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  if (!hasColumn(sqlite, 'audit_log', 'hash')) return { entries: 0, firstBroken: null };
  const rows = sqlite
    .prepare('select id, at, actor_id, actor_name, action, entity, entity_id, before_json, after_json, prev_hash, hash from audit_log order by id')
    .iterate() as IterableIterator<AuditContent & { prev_hash: string | null; hash: string | null }>;
  const chain = chainWalk();
  for (const row of rows) {
    const broken = chain.step(row);
    if (broken) return broken;
  }
  return { entries: chain.entries(), firstBroken: null };
}

type ChainRow = AuditContent & { prev_hash: string | null; hash: string | null };

/** The walk along the chain, one row at a time in id order: the report at the first broken link. */
function chainWalk(): { step(row: ChainRow): ChainReport | null; entries(): number } {
  let prev = AUDIT_GENESIS;
  let expectedId = 1;
  let entries = 0;
  return {
    step(row) {
      entries++;
      if (row.id !== expectedId) return { entries, firstBroken: { id: row.id, reason: `mục ${expectedId} bị xóa (sau mục ${expectedId - 1} là mục ${row.id})` } };
      if (row.prev_hash !== prev) return { entries, firstBroken: { id: row.id, reason: 'không nối với mục trước (mục trước bị sửa hoặc bị xóa)' } };
      const hash = auditHash(prev, row);
      if (row.hash !== hash) return { entries, firstBroken: { id: row.id, reason: 'nội dung đã bị sửa sau khi ghi (mã băm không khớp)' } };
      prev = hash;
      expectedId++;
      return null;
    },
    entries: () => entries,
  };
}

/** The fields of a petition compared with its latest audited snapshot (none that move by themselves, like deadlines or status). */
const PETITION_FIELDS: Record<string, string> = {
  registerNo: 'register_no',
  receivedOn: 'received_on',
  writtenOn: 'written_on',
  channel: 'channel',
  kind: 'kind',
  field: 'field',
  signatories: 'signatories',
  subject: 'subject',
  summary: 'summary',
};

export interface PetitionStateReport {
  checked: number;
  /** Petitions with no audited snapshot (imported or generated in bulk: the import's own audit row covers them). */
  withoutSnapshot: number;
  mismatches: { id: number; registerNo: string; field: string; audited: unknown; current: unknown }[];
}

/**
 * Each petition's stored fields against the `after` snapshot of its latest audit row that holds
 * a whole petition (registerNo, receivedOn and summary: create, update, whatever the action is
 * called; workflow and print rows carry a summary of their own and are skipped). Only keys
 * both sides have are compared, so new fields or actions need nothing here.
 */
export function verifyPetitionStates(sqlite: Database.Database, limit = 20): PetitionStateReport {
  const report: PetitionStateReport = { checked: 0, withoutSnapshot: 0, mismatches: [] };
  const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
  if (!tables.has('petitions')) return report;
  const columns = new Set((sqlite.pragma('table_info(petitions)') as { name: string }[]).map((c) => c.name));
  const latest = new Map<string, Record<string, unknown>>();
  const audit = sqlite
    .prepare("select entity_id, after_json from audit_log where entity = 'petition' and after_json is not null and json_extract(after_json, '$.registerNo') is not null and json_extract(after_json, '$.receivedOn') is not null and json_extract(after_json, '$.summary') is not null order by id")
    .iterate() as IterableIterator<{ entity_id: string; after_json: string }>;
  for (const row of audit) latest.set(row.entity_id, JSON.parse(row.after_json) as Record<string, unknown>);
  const names = sqlite.prepare(
    'select group_concat(full_name, char(31)) as names from (select p.full_name from petition_petitioners pp join persons p on p.id = pp.person_id where pp.petition_id = ? order by pp.position)',
  );
  const hasPetitioners = tables.has('petition_petitioners') && tables.has('persons');
  for (const row of sqlite.prepare('select * from petitions order by id').iterate() as IterableIterator<Record<string, unknown>>) {
    const snapshot = latest.get(String(row.id));
    if (!snapshot) {
      report.withoutSnapshot++;
      continue;
    }
    comparePetition(report, limit, snapshot, row, columns, hasPetitioners ? () => ((names.get(row.id) as { names: string | null }).names ?? '') as string : null);
  }
  return report;
}

/** One petition's stored fields (and petitioners' names, joined by U+001F) against its audited snapshot. */
function comparePetition(
  report: PetitionStateReport,
  limit: number,
  snapshot: Record<string, unknown>,
  row: Record<string, unknown>,
  columns: Set<string>,
  currentNames: (() => string) | null,
): void {
  report.checked++;
  const differs = (field: string, audited: unknown, current: unknown) => {
    if (report.mismatches.length < limit) report.mismatches.push({ id: Number(row.id), registerNo: String(row.register_no), field, audited, current });
  };
  for (const [key, column] of Object.entries(PETITION_FIELDS)) {
    if (!(key in snapshot) || !columns.has(column)) continue;
    if ((snapshot[key] ?? null) !== (row[column] ?? null)) differs(key, snapshot[key], row[column]);
  }
  if (currentNames && Array.isArray(snapshot.petitioners)) {
    const audited = (snapshot.petitioners as { fullName?: unknown }[]).map((p) => String(p.fullName ?? '')).join('\u001f');
    const current = currentNames();
    if (audited !== current) differs('petitioners', audited.split('\u001f').join(', '), current.split('\u001f').join(', '));
  }
}

/** Rows read a page at a time in id order (a register on a server: never the whole table at once). */
async function* pagesOf<T extends { id: number }>(read: (afterId: number) => Promise<T[]>): AsyncGenerator<T> {
  for (let after = 0; ; ) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.id;
  }
}

const PAGE = 5000;

/** verifyAuditChain on a register of either engine through Kysely (a register on a PostgreSQL server). */
export async function verifyAuditChainOf(db: Kysely<DB>): Promise<ChainReport> {
  const chain = chainWalk();
  const rows = pagesOf((after) =>
    db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'before_json', 'after_json', 'prev_hash', 'hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute(),
  );
  for await (const row of rows) {
    const broken = chain.step(row as ChainRow);
    if (broken) return broken;
  }
  return { entries: chain.entries(), firstBroken: null };
}

/** verifyPetitionStates on a register of either engine through Kysely, at the latest schema. */
export async function verifyPetitionStatesOf(db: Kysely<DB>, limit = 20): Promise<PetitionStateReport> {
  const report: PetitionStateReport = { checked: 0, withoutSnapshot: 0, mismatches: [] };
  const latest = new Map<string, Record<string, unknown>>();
  const audit = pagesOf((after) =>
    db.selectFrom('audit_log').select(['id', 'entity_id', 'after_json']).where('entity', '=', 'petition').where('after_json', 'is not', null).where('id', '>', after).orderBy('id').limit(PAGE).execute(),
  );
  for await (const row of audit) {
    const after = JSON.parse(row.after_json!) as Record<string, unknown>;
    // A whole petition (as the SQLite statement's json_extract filter): registerNo, receivedOn and summary.
    if (after.registerNo != null && after.receivedOn != null && after.summary != null && row.entity_id !== null) latest.set(row.entity_id, after);
  }
  const columns = new Set(Object.values(PETITION_FIELDS));
  // Each page of petitions with its petitioners' names, in one statement per page.
  const names = new Map<number, string>();
  const petitions = pagesOf(async (after) => {
    const rows = (await db.selectFrom('petitions').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute()) as unknown as (Record<string, unknown> & { id: number })[];
    names.clear();
    if (rows.length > 0) {
      const found = await sql<{ id: number; names: string }>`select pp.petition_id as id, string_agg(p.full_name, cast(${'\u001f'} as text) order by pp.position) as names
        from petition_petitioners pp join persons p on p.id = pp.person_id
        where pp.petition_id in (${sql.join(rows.map((r) => r.id))}) group by pp.petition_id`.execute(db);
      for (const r of found.rows) names.set(Number(r.id), r.names);
    }
    return rows;
  });
  for await (const row of petitions) {
    const snapshot = latest.get(String(row.id));
    if (!snapshot) {
      report.withoutSnapshot++;
      continue;
    }
    comparePetition(report, limit, snapshot, row, columns, () => names.get(row.id) ?? '');
  }
  return report;
}
