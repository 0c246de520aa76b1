// petreg copy FROM TO (issue 14): a register moved between engines (SQLite to PostgreSQL and
// back, or file to file) whole — every table row for row with its ids, the users and their
// password hashes, the settings and the audit log with its hash chain — into an empty target, in
// one transaction (all or nothing). Then both registers are exported (interchange v2, the same
// instant) and the two files must be identical; the target's audit log ends with the copy.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { ApiError } from '../shared/errors.ts';
import { serialiseInterchange } from '../shared/interchange/v1.ts';
import { writeAudit } from './audit.ts';
import { SYSTEM_ACTOR } from './context.ts';
import { displayLocation } from './engine/location.ts';
import { syncSequences } from './engine/postgres.ts';
import { exportRegister } from './interchange/export.ts';
import { openRegister, openRegisterReadOnly, removeRegisterFiles, type Register } from './register.ts';
import type { DB } from './schema.ts';
import { withSearchIndexesFilledOnce } from './search-index.ts';

/**
 * Every table of the register, parents before children, with the key it is read in order by.
 * tests/integration/copy.test.ts checks that the list names every table of the schema.
 */
export const COPY_TABLES: ReadonlyArray<readonly [table: string, key: readonly string[]]> = [
  ['users', ['id']],
  ['agencies', ['id']],
  ['settings', ['key']],
  ['holidays', ['date']],
  ['holiday_years', ['year']],
  ['worked_days', ['date']],
  ['citizens', ['id']],
  ['persons', ['id']],
  ['reception_sessions', ['id']],
  ['matters', ['id']],
  ['visits', ['id']],
  ['visit_representatives', ['visit_id', 'position']],
  ['petitions', ['id']],
  ['petition_petitioners', ['petition_id', 'position']],
  ['petition_contents', ['id']],
  ['outgoing_documents', ['id']],
  ['classifications', ['id']],
  ['decisions', ['id']],
  ['replies', ['id']],
  ['reminders', ['id']],
  ['attachments', ['id']],
  ['notices', ['id']],
  ['receipts', ['petition_id']],
  ['receipt_items', ['petition_id', 'position']],
  ['approvals', ['id']],
  ['audit_log', ['id']],
];

/** Rows read and written at a time. */
const PAGE = 500;

export interface CopyResult {
  /** Rows copied per table. */
  rows: Record<string, number>;
  /** The two exports compared equal (always true when copy returns). */
  verified: true;
}

async function tableRows(db: Kysely<DB>, table: string): Promise<number> {
  const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Reads a table in key order, a page at a time (never the whole of it). */
async function* pages(db: Kysely<DB>, table: string, key: readonly string[]): AsyncGenerator<Record<string, unknown>[]> {
  let after: unknown[] | null = null;
  const keys = sql.join(key.map((k) => sql.ref(k)));
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${keys}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const rows: Record<string, unknown>[] = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${where} order by ${keys} limit ${PAGE}`.execute(db)).rows;
    if (rows.length === 0) return;
    yield rows;
    const last: Record<string, unknown> = rows[rows.length - 1]!;
    after = key.map((k) => last[k]);
    if (rows.length < PAGE) return;
  }
}

async function copyTables(source: Register, trx: Transaction<DB>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const merged: { id: unknown; merged_into: unknown }[] = [];
  for (const [table, key] of COPY_TABLES) {
    let n = 0;
    for await (const rows of pages(source.db, table, key)) {
      // A matter may be merged into a later one: its link is set once every matter is there.
      const values =
        table === 'matters'
          ? rows.map((r) => {
              if (r.merged_into !== null) merged.push({ id: r.id, merged_into: r.merged_into });
              return { ...r, merged_into: null };
            })
          : rows;
      await trx.insertInto(table as keyof DB).values(values as never).execute();
      n += rows.length;
    }
    if (table === 'matters') for (const m of merged) await trx.updateTable('matters').set({ merged_into: m.merged_into as number }).where('id', '=', m.id as number).execute();
    counts[table] = n;
  }
  return counts;
}

/** Copies the register at `from` into a new or empty register at `to`, then verifies both exports are the same. */
export async function copyRegister(from: string, to: string, now: () => Date = () => new Date()): Promise<CopyResult> {
  if (from.trim() === to.trim()) throw new ApiError('VALIDATION', 'Sổ nguồn và sổ đích phải khác nhau.');
  const source = await openRegisterReadOnly({ path: from, now });
  let target: Register | null = null;
  let created = false;
  try {
    const targetIsFile = !/^postgres(ql)?:\/\//i.test(to);
    if (targetIsFile) {
      const fs = await import('node:fs');
      const stat = fs.statSync(to, { throwIfNoEntry: false });
      if (stat && stat.size > 0) throw new ApiError('CONFLICT', `Tệp đích ${to} đã có; sổ chỉ được chép vào một tệp mới (không ghi đè).`);
      created = true;
    }
    target = await openRegister({ path: to, now, seed: false });
    for (const [table] of COPY_TABLES) {
      if ((await tableRows(target.db, table)) > 0) {
        throw new ApiError('CONFLICT', `Sổ đích ${displayLocation(to)} đã có dữ liệu (bảng ${table}); sổ chỉ được chép vào một sổ trống. Không có gì được ghi.`);
      }
    }
    const t = target;
    const rows = await t.db.transaction().execute(async (trx) => {
      const write = () => copyTables(source, trx);
      // Into an empty SQLite register the search indexes are filled once at the end.
      const counts = t.engine === 'sqlite' ? (await withSearchIndexesFilledOnce(t.sqlite, write)).value : await write();
      if (t.engine === 'postgres') await syncSequences(trx);
      await writeAudit(trx, { register: t, actor: SYSTEM_ACTOR }, { action: 'copy', entity: 'register', entityId: null, after: { from: displayLocation(from), rows: counts } });
      return counts;
    });
    // The proof: the same register, exported from both at the same instant, is the same file.
    const at = now();
    const [a, b] = [serialiseInterchange(await exportRegister(source, at)), serialiseInterchange(await exportRegister(t, at))];
    if (a !== b) {
      throw new ApiError('INTERNAL', `Bản chép ở ${displayLocation(to)} không giống sổ nguồn khi xuất ra (petition-register/v2). Hãy xóa sổ đích và chép lại; sổ nguồn không bị thay đổi.`);
    }
    return { rows, verified: true };
  } catch (error) {
    if (target) await target.close();
    target = null;
    if (created) removeRegisterFiles(to);
    throw error;
  } finally {
    await source.close();
    await target?.close();
  }
}
