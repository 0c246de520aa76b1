// One test per migration: from an empty file, migrate step by step and check what each step built.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openRegister } from '../../db/register.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { seedDefaults } from '../../db/seed.ts';
import { ApiError } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import { tempDir, tempRegister, type TempDir } from '../helpers/register.ts';
import { snapshot, tableDigests } from '../helpers/snapshot.ts';
import { generateRegisterFile } from '../../bench/generate.ts';
import { importInterchangeFile } from '../../db/interchange/import-file.ts';
import { computeForm } from '../../db/ops/reports.ts';
import { REPORT_FORMS } from '../../shared/reports/forms.ts';

type Sqlite = Database.Database;

interface ColumnInfo {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Columns in declaration order, each with its type, NOT NULL, default and primary-key flag. */
function columns(sqlite: Sqlite, table: string): Record<string, Omit<ColumnInfo, 'name' | 'cid'>> {
  const rows = sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
  return Object.fromEntries(rows.map(({ name, cid: _cid, ...rest }) => [name, rest]));
}

function objects(sqlite: Sqlite, type: 'table' | 'index'): string[] {
  return (sqlite.prepare("select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name").all(type) as { name: string }[]).map(
    (r) => r.name,
  );
}

function createSql(sqlite: Sqlite, table: string): string {
  return (sqlite.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(table) as { sql: string }).sql;
}

/** The plan SQLite chooses for a query, its steps joined by ' | '. */
function queryPlan(sqlite: Sqlite, query: string, ...params: unknown[]): string {
  return (sqlite.prepare(`explain query plan ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

function indexColumns(sqlite: Sqlite, index: string): string[] {
  return (sqlite.pragma(`index_info(${index})`) as { name: string }[]).map((r) => r.name);
}

function uniqueColumns(sqlite: Sqlite, table: string): string[][] {
  const list = sqlite.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[];
  return list.filter((i) => i.unique === 1 && i.origin === 'u').map((i) => indexColumns(sqlite, i.name));
}

function rejects(sqlite: Sqlite, statement: string, pattern: RegExp): void {
  expect(() => sqlite.prepare(statement).run()).toThrow(pattern);
}

const T = "'2026-01-01T00:00:00.000Z'";

function col(type: 'TEXT' | 'INTEGER', notnull = 0, dflt_value: string | null = null, pk = 0): Omit<ColumnInfo, 'name' | 'cid'> {
  return { type, notnull, dflt_value, pk };
}

/** A petition of 2026 numbered `id` with a subject, written with only the columns it requires (schema 15 and later). */
function petitionWithSubject(sqlite: Sqlite, id: number, subject: string | null): void {
  sqlite
    .prepare(
      `insert into petitions (id, year, seq, register_no, received_on, channel, kind, field, signatories, subject, summary, search_folded, created_at, updated_at)
       values (?, 2026, ?, ?, '2026-08-10', 'post', 'complaint', 'land', 1, ?, 's', 's', ${T}, ${T})`,
    )
    .run(id, id, `2026/${String(id).padStart(6, '0')}`, subject);
}

/** What each migration must leave behind, keyed by its name. Add one entry per new migration. */
const EXPECTATIONS: Record<string, (sqlite: Sqlite) => void> = {
  '0001-reference-tables': (sqlite) => {
    expect(objects(sqlite, 'table')).toEqual(
      expect.arrayContaining(['agencies', 'audit_log', 'kysely_migration', 'kysely_migration_lock', 'settings', 'users']),
    );

    expect(columns(sqlite, 'agencies')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      code: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      name_folded: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      kind: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      active: { type: 'INTEGER', notnull: 1, dflt_value: '1', pk: 0 },
      created_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      updated_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'users')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      username: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      full_name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      title: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      role: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      active: { type: 'INTEGER', notnull: 1, dflt_value: '1', pk: 0 },
      created_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'settings')).toEqual({
      key: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 1 },
      value: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      updated_at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
    });
    expect(columns(sqlite, 'audit_log')).toEqual({
      id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 1 },
      at: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      actor_id: { type: 'INTEGER', notnull: 0, dflt_value: null, pk: 0 },
      actor_name: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      action: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      entity: { type: 'TEXT', notnull: 1, dflt_value: null, pk: 0 },
      entity_id: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      before_json: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
      after_json: { type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
    });

    // Indexes: the two named ones, and the UNIQUE constraints on the natural keys.
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['agencies_kind_name', 'audit_log_entity']));
    expect(indexColumns(sqlite, 'agencies_kind_name')).toEqual(['kind', 'name_folded']);
    expect(indexColumns(sqlite, 'audit_log_entity')).toEqual(['entity', 'entity_id', 'id']);
    expect(uniqueColumns(sqlite, 'agencies')).toEqual([['code']]);
    expect(uniqueColumns(sqlite, 'users')).toEqual([['username']]);

    // Foreign key audit_log.actor_id -> users.id.
    expect(sqlite.pragma('foreign_key_list(audit_log)')).toEqual([expect.objectContaining({ table: 'users', from: 'actor_id', to: 'id' })]);

    // CHECK constraints are declared...
    expect(createSql(sqlite, 'agencies')).toMatch(/check\s*\(\s*kind in \('provincial_department','commune'/i);
    expect(createSql(sqlite, 'agencies')).toMatch(/check\s*\(\s*active in \(0, 1\)\)/i);
    expect(createSql(sqlite, 'users')).toMatch(/check\s*\(\s*role in \('admin','officer'\)\)/i);
    expect(createSql(sqlite, 'settings')).toMatch(/check\s*\(\s*json_valid\(value\)\)/i);
    expect(createSql(sqlite, 'audit_log')).toMatch(/before_json is null or json_valid\(before_json\)/i);
    expect(createSql(sqlite, 'audit_log')).toMatch(/after_json is null or json_valid\(after_json\)/i);

    // ...and enforced.
    const agency = (code: string, kind: string, active: number) =>
      `insert into agencies (code, name, name_folded, kind, active, created_at, updated_at) values ('${code}', 'n', 'n', '${kind}', ${active}, ${T}, ${T})`;
    sqlite.prepare(agency('OK-1', 'commune', 1)).run();
    rejects(sqlite, agency('BAD-KIND', 'ministry', 1), /CHECK constraint failed/);
    rejects(sqlite, agency('BAD-ACTIVE', 'commune', 2), /CHECK constraint failed/);
    rejects(sqlite, agency('OK-1', 'commune', 1), /UNIQUE constraint failed: agencies\.code/);
    rejects(sqlite, `insert into agencies (code, name, kind, created_at, updated_at) values ('NF', 'n', 'other', ${T}, ${T})`, /NOT NULL/);
    rejects(sqlite, `insert into users (username, full_name, role, created_at) values ('u', 'U', 'root', ${T})`, /CHECK constraint failed/);
    sqlite.prepare(`insert into users (username, full_name, role, created_at) values ('u', 'U', 'officer', ${T})`).run();
    rejects(sqlite, `insert into users (username, full_name, role, created_at) values ('u', 'U2', 'officer', ${T})`, /UNIQUE constraint failed: users\.username/);
    rejects(sqlite, `insert into settings (key, value, updated_at) values ('k', 'not json', ${T})`, /CHECK constraint failed/);
    const audit = (actor: string, before: string) =>
      `insert into audit_log (at, actor_id, actor_name, action, entity, before_json) values (${T}, ${actor}, 'A', 'x', 'y', ${before})`;
    sqlite.prepare(audit('null', 'null')).run();
    rejects(sqlite, audit('null', "'{oops'"), /CHECK constraint failed/);
    rejects(sqlite, audit('999', 'null'), /FOREIGN KEY constraint failed/);
  },
  '0002-intake': (sqlite) => {
    expect(objects(sqlite, 'table')).toEqual(
      expect.arrayContaining(['citizens', 'persons', 'reception_sessions', 'visits', 'visit_representatives', 'petitions', 'petition_petitioners']),
    );
    const personColumns = {
      full_name: col('TEXT', 1),
      full_name_folded: col('TEXT', 1),
      id_number: col('TEXT'),
      birth_year: col('INTEGER'),
      gender: col('TEXT'),
      phone: col('TEXT'),
      address: col('TEXT'),
      commune_code: col('TEXT'),
    };
    expect(columns(sqlite, 'citizens')).toEqual({
      id: col('INTEGER', 0, null, 1),
      ...personColumns,
      created_at: col('TEXT', 1),
      updated_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'persons')).toEqual({ id: col('INTEGER', 0, null, 1), citizen_id: col('INTEGER'), ...personColumns });
    expect(columns(sqlite, 'reception_sessions')).toEqual({
      id: col('INTEGER', 0, null, 1),
      kind: col('TEXT', 1),
      date: col('TEXT', 1),
      host: col('TEXT'),
      host_name: col('TEXT'),
      location: col('TEXT'),
      officers_json: col('TEXT', 1, "'[]'"),
      created_at: col('TEXT', 1),
      updated_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'visits')).toEqual({
      id: col('INTEGER', 0, null, 1),
      session_id: col('INTEGER', 1),
      persons: col('INTEGER', 1),
      delegation_members: col('INTEGER'),
      person_id: col('INTEGER', 1),
      matter: col('TEXT', 1),
      content: col('TEXT', 1),
      repeat: col('INTEGER', 1, '0'),
      outcome: col('TEXT', 1),
      created_at: col('TEXT', 1),
      updated_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'visit_representatives')).toEqual({
      visit_id: col('INTEGER', 1, null, 1),
      position: col('INTEGER', 1, null, 2),
      person_id: col('INTEGER', 1),
    });
    expect(columns(sqlite, 'petitions')).toEqual({
      id: col('INTEGER', 0, null, 1),
      year: col('INTEGER', 1),
      seq: col('INTEGER', 1),
      register_no: col('TEXT', 1),
      received_on: col('TEXT', 1),
      channel: col('TEXT', 1),
      visit_id: col('INTEGER'),
      fwd_agency: col('TEXT'),
      fwd_letter_no: col('TEXT'),
      fwd_letter_date: col('TEXT'),
      written_on: col('TEXT'),
      kind: col('TEXT', 1),
      field: col('TEXT', 1),
      signatories: col('INTEGER', 1),
      subject: col('TEXT'),
      summary: col('TEXT', 1),
      search_folded: col('TEXT', 1),
      created_at: col('TEXT', 1),
      updated_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'petition_petitioners')).toEqual({
      petition_id: col('INTEGER', 1, null, 1),
      position: col('INTEGER', 1, null, 2),
      person_id: col('INTEGER', 1),
    });

    // Indexes and UNIQUE constraints.
    expect(objects(sqlite, 'index')).toEqual(
      expect.arrayContaining([
        'citizens_id_number',
        'citizens_name',
        'persons_citizen',
        'reception_sessions_date',
        'visits_session',
        'petitions_received',
        'petitions_visit',
        'petition_petitioners_person',
      ]),
    );
    expect(indexColumns(sqlite, 'citizens_id_number')).toEqual(['id_number']);
    const idIndex = (sqlite.pragma('index_list(citizens)') as { name: string; unique: number; partial: number }[]).find((i) => i.name === 'citizens_id_number');
    expect(idIndex).toMatchObject({ unique: 1, partial: 1 });
    expect(indexColumns(sqlite, 'citizens_name')).toEqual(['full_name_folded']);
    expect(indexColumns(sqlite, 'persons_citizen')).toEqual(['citizen_id']);
    expect(indexColumns(sqlite, 'reception_sessions_date')).toEqual(['date', 'kind']);
    expect(indexColumns(sqlite, 'visits_session')).toEqual(['session_id']);
    expect(indexColumns(sqlite, 'petitions_received')).toEqual(['received_on', 'id']);
    expect(indexColumns(sqlite, 'petitions_visit')).toEqual(['visit_id']);
    expect(indexColumns(sqlite, 'petition_petitioners_person')).toEqual(['person_id']);
    expect(uniqueColumns(sqlite, 'petitions').sort()).toEqual([['register_no'], ['year', 'seq']]);

    // Foreign keys (children of visits and petitions go with them).
    const fks = (table: string) =>
      (sqlite.pragma(`foreign_key_list(${table})`) as { from: string; table: string; to: string; on_delete: string }[])
        .map((f) => `${f.from}->${f.table}.${f.to}${f.on_delete === 'CASCADE' ? ' cascade' : ''}`)
        .sort();
    expect(fks('persons')).toEqual(['citizen_id->citizens.id']);
    expect(fks('visits')).toEqual(['person_id->persons.id', 'session_id->reception_sessions.id']);
    expect(fks('visit_representatives')).toEqual(['person_id->persons.id', 'visit_id->visits.id cascade']);
    expect(fks('petitions')).toEqual(['visit_id->visits.id']);
    expect(fks('petition_petitioners')).toEqual(['person_id->persons.id', 'petition_id->petitions.id cascade']);

    // CHECK constraints are declared...
    expect(createSql(sqlite, 'petitions')).toMatch(/constraint "petitions_year_matches" check \(year = cast\(substr\(received_on, 1, 4\) as integer\)\)/i);
    expect(createSql(sqlite, 'visits')).toMatch(/check \(delegation_members is null or delegation_members >= 5\)/i);

    // ...and enforced.
    const citizen = (idNumber: string, gender = "'male'") =>
      `insert into citizens (full_name, full_name_folded, id_number, gender, created_at, updated_at) values ('A', 'a', ${idNumber}, ${gender}, ${T}, ${T})`;
    sqlite.prepare(citizen("'051065001234'")).run();
    sqlite.prepare(citizen('null')).run();
    sqlite.prepare(citizen('null')).run(); // many citizens without an ID number
    rejects(sqlite, citizen("'051065001234'"), /UNIQUE constraint failed: citizens\.id_number/);
    rejects(sqlite, citizen("'1'", "'x'"), /CHECK constraint failed/);
    sqlite.prepare(`insert into persons (id, citizen_id, full_name, full_name_folded) values (1, 1, 'A', 'a')`).run();
    rejects(sqlite, `insert into persons (citizen_id, full_name, full_name_folded) values (999, 'A', 'a')`, /FOREIGN KEY constraint failed/);

    const session = (kind: string, date: string, officers = "'[]'") =>
      `insert into reception_sessions (kind, date, officers_json, created_at, updated_at) values ('${kind}', '${date}', ${officers}, ${T}, ${T})`;
    sqlite.prepare(session('regular', '2026-03-15')).run();
    rejects(sqlite, session('weekly', '2026-03-15'), /CHECK constraint failed/);
    rejects(sqlite, session('regular', '15/03/2026'), /CHECK constraint failed/);
    rejects(sqlite, session('regular', '2026-03-15', "'not json'"), /CHECK constraint failed/);

    const visit = (members: string, patch: { persons?: number; repeat?: number; session?: number; matter?: string } = {}) =>
      `insert into visits (session_id, persons, delegation_members, person_id, matter, content, repeat, outcome, created_at, updated_at)
       values (${patch.session ?? 1}, ${patch.persons ?? 1}, ${members}, 1, '${patch.matter ?? 'complaint'}', 'c', ${patch.repeat ?? 0}, 'guided', ${T}, ${T})`;
    sqlite.prepare(visit('null')).run();
    sqlite.prepare(visit('5', { persons: 5 })).run();
    rejects(sqlite, visit('4', { persons: 4 }), /CHECK constraint failed/);
    rejects(sqlite, visit('0'), /CHECK constraint failed/);
    rejects(sqlite, visit('null', { persons: 0 }), /CHECK constraint failed/);
    rejects(sqlite, visit('null', { repeat: 2 }), /CHECK constraint failed/);
    rejects(sqlite, visit('null', { matter: 'gossip' }), /CHECK constraint failed/);
    rejects(sqlite, visit('null', { session: 999 }), /FOREIGN KEY constraint failed/);

    const petition = (year: number, seq: number, receivedOn: string, patch: { channel?: string; signatories?: number; visit?: string } = {}) =>
      `insert into petitions (year, seq, register_no, received_on, channel, visit_id, kind, field, signatories, summary, search_folded, created_at, updated_at)
       values (${year}, ${seq}, '${year}/${String(seq).padStart(6, '0')}', '${receivedOn}', '${patch.channel ?? 'post'}', ${patch.visit ?? 'null'}, 'complaint', 'land',
               ${patch.signatories ?? 1}, 's', 's', ${T}, ${T})`;
    sqlite.prepare(petition(2026, 1, '2026-03-15', { visit: '1' })).run();
    sqlite.prepare(petition(2025, 1, '2025-12-31')).run(); // each year has its own sequence
    rejects(sqlite, petition(2025, 2, '2026-01-01'), /CHECK constraint failed: petitions_year_matches/);
    rejects(sqlite, petition(2026, 2, '2025-12-31'), /CHECK constraint failed: petitions_year_matches/);
    rejects(sqlite, petition(2026, 0, '2026-03-15'), /CHECK constraint failed/);
    rejects(sqlite, petition(2026, 3, '2026-3-15'), /CHECK constraint failed/);
    rejects(sqlite, petition(2026, 4, '2026-03-15', { channel: 'fax' }), /CHECK constraint failed/);
    rejects(sqlite, petition(2026, 5, '2026-03-15', { signatories: 0 }), /CHECK constraint failed/);
    rejects(sqlite, petition(2026, 6, '2026-03-15', { visit: '999' }), /FOREIGN KEY constraint failed/);
    rejects(sqlite, petition(2026, 1, '2026-03-15'), /UNIQUE constraint failed/);

    // Petitioners and representatives go with their petition or visit.
    sqlite.prepare('insert into petition_petitioners (petition_id, position, person_id) values (1, 0, 1)').run();
    rejects(sqlite, 'insert into petition_petitioners (petition_id, position, person_id) values (1, 0, 1)', /UNIQUE constraint failed|PRIMARY KEY/);
    rejects(sqlite, 'insert into petition_petitioners (petition_id, position, person_id) values (1, 1, 999)', /FOREIGN KEY constraint failed/);
    sqlite.prepare('insert into visit_representatives (visit_id, position, person_id) values (2, 0, 1)').run();
    sqlite.prepare('delete from visit_representatives where visit_id = 2').run();
    sqlite.prepare('insert into visit_representatives (visit_id, position, person_id) values (2, 0, 1)').run();
    sqlite.prepare('delete from visits where id = 2').run();
    expect(sqlite.prepare('select count(*) as n from visit_representatives').get()).toEqual({ n: 0 });
    sqlite.prepare('delete from petitions where id = 1').run();
    expect(sqlite.prepare('select count(*) as n from petition_petitioners').get()).toEqual({ n: 0 });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  },
  '0003-workflow': (sqlite) => {
    expect(objects(sqlite, 'table')).toEqual(
      expect.arrayContaining(['holidays', 'holiday_years', 'outgoing_documents', 'classifications', 'decisions', 'replies', 'reminders', 'attachments']),
    );
    const reversal = { reversed_at: col('TEXT'), reversed_by: col('TEXT'), reversal_note: col('TEXT') };
    expect(columns(sqlite, 'holidays')).toEqual({ date: col('TEXT', 0, null, 1), name: col('TEXT', 1), updated_at: col('TEXT', 1) });
    expect(columns(sqlite, 'holiday_years')).toEqual({ year: col('INTEGER', 0, null, 1), generated_at: col('TEXT', 1) });
    expect(columns(sqlite, 'outgoing_documents')).toEqual({
      id: col('INTEGER', 0, null, 1),
      kind: col('TEXT', 1),
      year: col('INTEGER', 1),
      seq: col('INTEGER', 1),
      number: col('TEXT', 1),
      petition_id: col('INTEGER', 1),
      issued_on: col('TEXT', 1),
      created_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'classifications')).toEqual({
      id: col('INTEGER', 0, null, 1),
      petition_id: col('INTEGER', 1),
      eligible: col('INTEGER', 1),
      reason: col('TEXT'),
      duplicate_of: col('INTEGER'),
      note: col('TEXT'),
      decided_on: col('TEXT', 1),
      decided_by: col('TEXT', 1),
      created_at: col('TEXT', 1),
      ...reversal,
    });
    expect(columns(sqlite, 'decisions')).toEqual({
      id: col('INTEGER', 0, null, 1),
      petition_id: col('INTEGER', 1),
      action: col('TEXT', 1),
      decided_on: col('TEXT', 1),
      agency_id: col('INTEGER'),
      document_id: col('INTEGER'),
      document_no: col('TEXT'),
      note: col('TEXT'),
      reply_due_on: col('TEXT'),
      decided_by: col('TEXT', 1),
      created_at: col('TEXT', 1),
      ...reversal,
    });
    expect(columns(sqlite, 'replies')).toEqual({
      id: col('INTEGER', 0, null, 1),
      decision_id: col('INTEGER', 1),
      received_on: col('TEXT', 1),
      document_no: col('TEXT'),
      outcome: col('TEXT', 1),
      summary: col('TEXT'),
      recorded_by: col('TEXT', 1),
      created_at: col('TEXT', 1),
      ...reversal,
    });
    expect(columns(sqlite, 'reminders')).toEqual({
      id: col('INTEGER', 0, null, 1),
      decision_id: col('INTEGER', 1),
      sent_on: col('TEXT', 1),
      document_id: col('INTEGER'),
      document_no: col('TEXT'),
      recorded_by: col('TEXT', 1),
      created_at: col('TEXT', 1),
    });
    expect(columns(sqlite, 'attachments')).toMatchObject({ id: col('INTEGER', 0, null, 1), petition_id: col('INTEGER', 1), sha256: col('TEXT', 1) });
    // The petition's denormalised stage and deadlines.
    expect(columns(sqlite, 'petitions')).toMatchObject({
      stage: col('TEXT', 1, "'awaiting_classification'"),
      due_on: col('TEXT'),
      reply_due_on: col('TEXT'),
    });

    // Indexes: one active record per petition (per decision for replies), partial on reversed_at.
    expect(objects(sqlite, 'index')).toEqual(
      expect.arrayContaining(['classifications_active', 'decisions_active', 'replies_active', 'decisions_agency', 'reminders_decision', 'petitions_stage_due']),
    );
    const partialUnique = (table: string, index: string) =>
      (sqlite.pragma(`index_list(${table})`) as { name: string; unique: number; partial: number }[]).find((i) => i.name === index);
    expect(partialUnique('classifications', 'classifications_active')).toMatchObject({ unique: 1, partial: 1 });
    expect(partialUnique('decisions', 'decisions_active')).toMatchObject({ unique: 1, partial: 1 });
    expect(partialUnique('replies', 'replies_active')).toMatchObject({ unique: 1, partial: 1 });
    expect(indexColumns(sqlite, 'classifications_active')).toEqual(['petition_id']);
    expect(indexColumns(sqlite, 'decisions_active')).toEqual(['petition_id']);
    expect(indexColumns(sqlite, 'replies_active')).toEqual(['decision_id']);
    expect(indexColumns(sqlite, 'decisions_agency')).toEqual(['agency_id', 'action']);
    expect(indexColumns(sqlite, 'reminders_decision')).toEqual(['decision_id']);
    expect(indexColumns(sqlite, 'petitions_stage_due')).toEqual(['stage', 'due_on']);
    expect(uniqueColumns(sqlite, 'outgoing_documents')).toEqual([['kind', 'year', 'seq']]);

    const fks = (table: string) => (sqlite.pragma(`foreign_key_list(${table})`) as { from: string; table: string; to: string }[]).map((f) => `${f.from}->${f.table}.${f.to}`).sort();
    expect(fks('outgoing_documents')).toEqual(['petition_id->petitions.id']);
    expect(fks('classifications')).toEqual(['duplicate_of->petitions.id', 'petition_id->petitions.id']);
    expect(fks('decisions')).toEqual(['agency_id->agencies.id', 'document_id->outgoing_documents.id', 'petition_id->petitions.id']);
    expect(fks('replies')).toEqual(['decision_id->decisions.id']);
    expect(fks('reminders')).toEqual(['decision_id->decisions.id', 'document_id->outgoing_documents.id']);

    // CHECK constraints, enforced by SQLite itself, whatever code writes.
    sqlite.prepare(`insert into agencies (id, code, name, name_folded, kind, created_at, updated_at) values (1, 'SO-A', 'Sở A', 'so a', 'other', ${T}, ${T})`).run();
    const petition = (seq: number) =>
      `insert into petitions (id, year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at)
       values (${seq}, 2026, ${seq}, '2026/${String(seq).padStart(6, '0')}', '2026-03-16', 'post', 'denunciation', 'land', 1, 's', 's', ${T}, ${T})`;
    sqlite.prepare(petition(1)).run();
    sqlite.prepare(petition(2)).run();
    expect(sqlite.prepare('select stage, due_on, reply_due_on from petitions where id = 1').get()).toEqual({ stage: 'awaiting_classification', due_on: null, reply_due_on: null });
    rejects(sqlite, `update petitions set stage = 'archived' where id = 1`, /CHECK constraint failed/);

    const cls = (patch: { petition?: number; eligible?: number; reason?: string; duplicateOf?: string; on?: string } = {}) =>
      `insert into classifications (petition_id, eligible, reason, duplicate_of, decided_on, decided_by, created_at)
       values (${patch.petition ?? 1}, ${patch.eligible ?? 1}, ${patch.reason ? `'${patch.reason}'` : 'null'}, ${patch.duplicateOf ?? 'null'}, '${patch.on ?? '2026-03-17'}', 'A', ${T})`;
    rejects(sqlite, cls({ eligible: 1, reason: 'anonymous' }), /CHECK constraint failed: classifications_reason/);
    rejects(sqlite, cls({ eligible: 0 }), /CHECK constraint failed: classifications_reason/);
    rejects(sqlite, cls({ eligible: 0, reason: 'duplicate' }), /CHECK constraint failed: classifications_duplicate/);
    rejects(sqlite, cls({ eligible: 0, reason: 'lazy' }), /CHECK constraint failed/);
    rejects(sqlite, cls({ eligible: 2 }), /CHECK constraint failed/);
    rejects(sqlite, cls({ on: '17/03/2026' }), /CHECK constraint failed/);
    rejects(sqlite, cls({ eligible: 0, reason: 'duplicate', duplicateOf: '999' }), /FOREIGN KEY constraint failed/);
    rejects(sqlite, cls({ petition: 999 }), /FOREIGN KEY constraint failed/);
    sqlite.prepare(cls({ petition: 2, eligible: 0, reason: 'duplicate', duplicateOf: '1' })).run();
    sqlite.prepare(cls()).run();
    rejects(sqlite, cls({ eligible: 0, reason: 'anonymous' }), /UNIQUE constraint failed: classifications\.petition_id/);
    // Once the first is reversed, a new one is allowed; reversed ones stay.
    sqlite.prepare(`update classifications set reversed_at = ${T}, reversed_by = 'A', reversal_note = 'sai' where petition_id = 1`).run();
    sqlite.prepare(cls({ eligible: 0, reason: 'anonymous' })).run();
    expect(sqlite.prepare('select count(*) as n from classifications where petition_id = 1').get()).toEqual({ n: 2 });

    const decision = (action: string, agency: string, patch: { petition?: number; on?: string } = {}) =>
      `insert into decisions (petition_id, action, decided_on, agency_id, decided_by, created_at)
       values (${patch.petition ?? 1}, '${action}', '${patch.on ?? '2026-03-18'}', ${agency}, 'A', ${T})`;
    rejects(sqlite, decision('forward', 'null'), /CHECK constraint failed: decisions_agency/);
    rejects(sqlite, decision('guide', 'null'), /CHECK constraint failed: decisions_agency/);
    rejects(sqlite, decision('archive', 'null'), /CHECK constraint failed/);
    rejects(sqlite, decision('file', 'null', { on: '2026-3-18' }), /CHECK constraint failed/);
    rejects(sqlite, decision('forward', '999'), /FOREIGN KEY constraint failed/);
    sqlite.prepare(decision('forward', '1')).run();
    rejects(sqlite, decision('file', 'null'), /UNIQUE constraint failed: decisions\.petition_id/);
    sqlite.prepare(decision('file', 'null', { petition: 2 })).run();

    const reply = (outcome: string, on = '2026-03-19') =>
      `insert into replies (decision_id, received_on, outcome, recorded_by, created_at) values (1, '${on}', '${outcome}', 'A', ${T})`;
    rejects(sqlite, reply('maybe'), /CHECK constraint failed/);
    rejects(sqlite, reply('resolved', '19/03/2026'), /CHECK constraint failed/);
    sqlite.prepare(reply('resolved')).run();
    rejects(sqlite, reply('partial'), /UNIQUE constraint failed: replies\.decision_id/);

    const doc = (kind: string, year: number, seq: number) =>
      `insert into outgoing_documents (kind, year, seq, number, petition_id, issued_on, created_at) values ('${kind}', ${year}, ${seq}, 'n', 1, '${year}-03-18', ${T})`;
    sqlite.prepare(doc('forward', 2026, 1)).run();
    sqlite.prepare(doc('reminder', 2026, 1)).run();
    sqlite.prepare(doc('forward', 2027, 1)).run();
    rejects(sqlite, doc('forward', 2026, 1), /UNIQUE constraint failed/);
    rejects(sqlite, doc('forward', 2026, 0), /CHECK constraint failed/);

    rejects(sqlite, `insert into holidays (date, name, updated_at) values ('30/04/2026', 'x', ${T})`, /CHECK constraint failed/);
    sqlite.prepare(`insert into holidays (date, name, updated_at) values ('2026-04-30', 'x', ${T})`).run();
    rejects(sqlite, `insert into holidays (date, name, updated_at) values ('2026-04-30', 'y', ${T})`, /UNIQUE constraint failed|PRIMARY KEY/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  },
  // The conversion of a register in use is tested in matters-migration.test.ts.
  '0004-matters': (sqlite) => {
    expect(objects(sqlite, 'table')).toEqual(expect.arrayContaining(['matters', 'petition_contents']));
    expect(Object.keys(columns(sqlite, 'matters'))).toEqual([
      'id', 'kind', 'field', 'title', 'title_folded', 'case_commune_code', 'arrival_state', 'complaint_level', 'decided_by', 'first_seen_on', 'seen_before', 'merged_into', 'created_at', 'updated_at',
    ]);
    expect(columns(sqlite, 'matters').arrival_state).toEqual(col('TEXT', 1, "'unresolved'"));
    expect(Object.keys(columns(sqlite, 'petition_contents'))).toEqual(['id', 'petition_id', 'position', 'matter_id', 'kind', 'field', 'summary', 'needs_split', 'repeat']);
    expect(columns(sqlite, 'visits').matter_id).toEqual(col('INTEGER'));
    for (const table of ['persons', 'citizens']) {
      expect(columns(sqlite, table)).toMatchObject({
        person_kind: col('TEXT', 1, "'citizen'"),
        nationality: col('TEXT'),
        id_issued_on: col('TEXT'),
        id_issued_place: col('TEXT'),
        org_reg_no: col('TEXT'),
        org_representative: col('TEXT'),
      });
    }
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['petition_contents_matter', 'visits_matter', 'visits_person', 'persons_id_number', 'persons_name']));
    rejects(sqlite, `insert into matters (kind, title, title_folded, first_seen_on, created_at, updated_at) values ('multiple', 'x', 'x', '2026-01-01', ${T}, ${T})`, /CHECK constraint failed/);
    rejects(sqlite, `insert into matters (kind, title, title_folded, first_seen_on, arrival_state, created_at, updated_at) values ('complaint', 'x', 'x', '2026-01-01', 'done', ${T}, ${T})`, /CHECK constraint failed/);
    sqlite.prepare(`insert into matters (id, kind, title, title_folded, first_seen_on, created_at, updated_at) values (1, 'complaint', 'x', 'x', '2026-01-01', ${T}, ${T})`).run();
    rejects(sqlite, `update matters set merged_into = 1 where id = 1`, /CHECK constraint failed/);
    rejects(sqlite, `insert into persons (full_name, full_name_folded, person_kind) values ('A', 'a', 'alien')`, /CHECK constraint failed/);
  },
  '0005-law-2026': (sqlite) => {
    expect(columns(sqlite, 'reception_sessions')).toMatchObject({ host_mode: col('TEXT'), delegate_name: col('TEXT'), delegate_title: col('TEXT'), online_of: col('TEXT') });
    expect(columns(sqlite, 'visits')).toMatchObject({ refusal_ground: col('TEXT'), handled_by: col('TEXT') });
    expect(columns(sqlite, 'petitions')).toMatchObject({ step: col('TEXT'), step_due_on: col('TEXT') });
    expect(columns(sqlite, 'decisions')).toMatchObject({ to_inspection: col('INTEGER', 1, '0') });
    expect(objects(sqlite, 'table')).toContain('notices');
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['decisions_active', 'decisions_agency', 'notices_number', 'petitions_step_due']));

    sqlite.prepare(`insert into reception_sessions (id, kind, date, created_at, updated_at, host_mode) values (1, 'periodic', '2026-08-10', ${T}, ${T}, 'in_person')`).run();
    rejects(sqlite, `insert into reception_sessions (kind, date, created_at, updated_at, host_mode) values ('adhoc', '2026-08-10', ${T}, ${T}, 'proxy')`, /CHECK constraint failed/);
    sqlite.prepare(`insert into persons (id, full_name, full_name_folded) values (1, 'A', 'a')`).run();
    const visit = (ground: string) => `insert into visits (session_id, persons, person_id, matter, content, outcome, refusal_ground, created_at, updated_at) values (1, 1, 1, 'other', 'c', 'refused', ${ground}, ${T}, ${T})`;
    sqlite.prepare(visit("'law_9_3'")).run();
    rejects(sqlite, visit("'law_9_4'"), /CHECK constraint failed/);
    sqlite
      .prepare(`insert into petitions (id, year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at) values (1, 2026, 1, '2026/000001', '2026-08-10', 'post', 'denunciation', 'land', 1, 's', 's', ${T}, ${T})`)
      .run();
    sqlite.prepare(`insert into agencies (id, code, name, name_folded, kind, active, created_at, updated_at) values (1, 'X', 'X', 'x', 'other', 1, ${T}, ${T})`).run();
    const decision = (action: string, agency: string, inspection = 0) =>
      `insert into decisions (petition_id, action, decided_on, agency_id, decided_by, created_at, to_inspection) values (1, '${action}', '2026-08-11', ${agency}, 'A', ${T}, ${inspection})`;
    rejects(sqlite, decision('urge', 'null'), /CHECK constraint failed: decisions_agency/);
    rejects(sqlite, decision('guide', '1', 1), /CHECK constraint failed: decisions_inspection/);
    sqlite.prepare(decision('urge', '1')).run();
    const notice = (cols: string, values: string) => `insert into notices (kind, recipient, due_on, created_at, ${cols}) values ('handling', 'A', '2026-08-20', ${T}, ${values})`;
    rejects(sqlite, notice('petition_id, visit_id', '1, 1'), /CHECK constraint failed/);
    rejects(sqlite, notice('petition_id, issued_on', "1, '2026-08-12'"), /CHECK constraint failed/);
    sqlite.prepare(notice('petition_id, issued_on, document_no, doc_year, doc_seq', "1, '2026-08-12', '01/TB', 2026, 1")).run();
    rejects(sqlite, notice('visit_id, issued_on, document_no, doc_year, doc_seq', "1, '2026-08-12', '01/TB', 2026, 1"), /UNIQUE constraint failed/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  },
  '0006-protection': (sqlite) => {
    // The permission to see denouncers: a 0/1 column, off for every user until granted.
    expect(columns(sqlite, 'users').can_see_protected).toEqual({ type: 'INTEGER', notnull: 1, dflt_value: '0', pk: 0 });
    sqlite.prepare(`insert into users (username, full_name, role, active, created_at) values ('a', 'A', 'officer', 1, ${T})`).run();
    expect(sqlite.prepare("select can_see_protected from users where username = 'a'").get()).toEqual({ can_see_protected: 0 });
    rejects(sqlite, `insert into users (username, full_name, role, active, created_at, can_see_protected) values ('b', 'B', 'officer', 1, ${T}, 2)`, /CHECK constraint failed/);
  },
  '0007-calendar-places': (sqlite) => {
    const T = "'2026-11-30T00:00:00Z'";
    sqlite.prepare(`insert into holidays (date, name, kind, source, updated_at) values ('2026-04-27', 'Nghỉ bù', 'substitute', 'TB', ${T})`).run();
    rejects(sqlite, `insert into holidays (date, name, kind, updated_at) values ('2026-04-28', 'x', 'bridge', ${T})`, /CHECK constraint failed/);
    expect(sqlite.prepare(`insert into holidays (date, name, updated_at) values ('2026-05-01', 'x', ${T}) returning kind`).get()).toEqual({ kind: 'holiday' });
    sqlite.prepare(`insert into worked_days (date, name, updated_at) values ('2026-01-10', 'Làm bù', ${T})`).run();
    rejects(sqlite, `insert into worked_days (date, name, updated_at) values ('10/01/2026', 'x', ${T})`, /CHECK constraint failed/);
    rejects(sqlite, `insert into receipts (petition_id, receiver_name, updated_at) values (999, 'A', ${T})`, /FOREIGN KEY constraint failed/);
    rejects(sqlite, `insert into receipt_items (petition_id, position, name, state) values (999, 0, 'Đơn', 'original')`, /FOREIGN KEY constraint failed/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  },
  '0008-audit-chain': (sqlite) => {
    expect(columns(sqlite, 'audit_log')).toMatchObject({ prev_hash: col('TEXT'), hash: col('TEXT') });
    const triggers = (sqlite.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log' order by name").all() as { name: string }[]).map((r) => r.name);
    expect(triggers).toEqual(['audit_log_hashed', 'audit_log_no_delete', 'audit_log_no_update']);
    rejects(sqlite, `insert into audit_log (at, actor_name, action, entity) values (${T}, 'x', 'create', 'agency')`, /hash chain/);
    sqlite.prepare(`insert into audit_log (id, at, actor_name, action, entity, prev_hash, hash) values (1, ${T}, 'x', 'create', 'agency', 'a', 'b')`).run();
    rejects(sqlite, "update audit_log set actor_name = 'y'", /append-only/);
    rejects(sqlite, 'delete from audit_log', /append-only/);
  },
  '0009-search-tokens': (sqlite) => {
    const names = (type: string) => (sqlite.prepare("select name from sqlite_master where type = ? and name like 'petitions_words%' or (type = ? and name = 'petitions_search_source') order by name").all(type, type) as { name: string }[]).map((r) => r.name);
    expect(names('table')).toContain('petitions_words');
    expect(names('view')).toEqual(['petitions_search_source']);
    expect(names('trigger')).toEqual([
      'petitions_words_content_delete', 'petitions_words_content_insert', 'petitions_words_content_update', 'petitions_words_delete', 'petitions_words_insert',
      'petitions_words_person_update', 'petitions_words_petitioner_delete', 'petitions_words_petitioner_insert', 'petitions_words_petitioner_update', 'petitions_words_update',
    ]);
    expect(sqlite.prepare("select count(*) n from petitions_words where petitions_words match 'a*'").get()).toEqual({ n: 0 });
  },
  '0010-query-indexes': (sqlite) => {
    // The indexes of the screens' queries (their use is checked in query-plans.test.ts), and the
    // words of citizens' names kept in step with citizens by triggers.
    expect(objects(sqlite, 'index')).toEqual(
      expect.arrayContaining(['classifications_petition', 'decisions_petition', 'replies_decision', 'petition_contents_petition', 'petitions_channel', 'petitions_stage_reply_due', 'citizens_updated']),
    );
    sqlite.prepare(`insert into citizens (id, full_name, full_name_folded, created_at, updated_at) values (1, 'Nguyễn Văn Đức', 'nguyen van duc', ${T}, ${T})`).run();
    const words = (match: string) => (sqlite.prepare('select rowid from citizens_words where citizens_words match ?').all(match) as { rowid: number }[]).map((r) => r.rowid);
    expect(words('"du"*')).toEqual([1]);
    sqlite.prepare("update citizens set full_name_folded = 'tran thi binh' where id = 1").run();
    expect(words('"du"*')).toEqual([]);
    expect(words('"bi"* "tr"*')).toEqual([1]);
    sqlite.prepare('delete from citizens where id = 1').run();
    expect(words('"bi"*')).toEqual([]);
    expect(() => sqlite.prepare("insert into citizens_words(citizens_words, rank) values ('integrity-check', 1)").run()).not.toThrow();
  },
  '0011-sign-in': (sqlite) => {
    expect(columns(sqlite, 'users')).toMatchObject({
      password_hash: col('TEXT'),
      password_changed_at: col('TEXT'),
      must_change_password: col('INTEGER', 1, '0'),
      failed_attempts: col('INTEGER', 1, '0'),
      locked_until: col('TEXT'),
    });
    sqlite.prepare(`insert into users (username, full_name, role, created_at) values ('lanh.dao', 'Lãnh Đạo', 'leader', ${T})`).run();
    rejects(sqlite, `insert into users (username, full_name, role, created_at) values ('x', 'X', 'boss', ${T})`, /CHECK/);
    rejects(sqlite, `update users set failed_attempts = -1 where username = 'lanh.dao'`, /CHECK/);
  },
  '0012-list-order': (sqlite) => {
    // The list's filters in register-number order: the page is read from the index, no sort.
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['petitions_channel_no', 'petitions_kind_no', 'petitions_field_no', 'petitions_stage_no']));
    const plan = (q: string) => queryPlan(sqlite, q);
    for (const column of ['channel', 'kind', 'field', 'stage']) {
      expect(plan(`select id from petitions where ${column} = 'x' order by year desc, seq desc limit 200`)).not.toContain('TEMP B-TREE');
    }
  },
  '0013-approval': (sqlite) => {
    expect(columns(sqlite, 'approvals')).toMatchObject({
      id: col('INTEGER', 0, null, 1),
      kind: col('TEXT', 1),
      status: col('TEXT', 1, "'pending'"),
      document_kind: col('TEXT', 1),
      petition_id: col('INTEGER'),
      visit_id: col('INTEGER'),
      notice_id: col('INTEGER'),
      proposal_json: col('TEXT', 1),
      drafted_by: col('TEXT', 1),
      signed_on: col('TEXT'),
      return_reason: col('TEXT'),
      document_no: col('TEXT'),
    });
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['approvals_status', 'approvals_petition', 'approvals_visit', 'approvals_notice']));
    const plan = (q: string) => queryPlan(sqlite, q);
    expect(plan(`select id from approvals where status = 'pending' order by id limit 200`)).toContain('approvals_status');
    // Neither a petition nor a visit, both, a notice draft without its notice, a bad kind, bad JSON:
    // each refused by the table itself.
    const draft = (patch: { kind?: string; status?: string; petition?: string; visit?: string; notice?: string; json?: string; reason?: string }) =>
      `insert into approvals (kind, status, document_kind, petition_id, visit_id, notice_id, proposal_json, drafted_by, drafted_at, return_reason, updated_at)
       values ('${patch.kind ?? 'decision'}', '${patch.status ?? 'pending'}', 'forward', ${patch.petition ?? 'null'}, ${patch.visit ?? 'null'}, ${patch.notice ?? 'null'}, '${patch.json ?? '{}'}', 'A', ${T}, ${patch.reason ?? 'null'}, ${T})`;
    rejects(sqlite, draft({}), /CHECK constraint failed/);
    rejects(sqlite, draft({ kind: 'letter', petition: '1' }), /CHECK constraint failed/);
    rejects(sqlite, draft({ kind: 'notice', petition: '1' }), /CHECK constraint failed/);
    rejects(sqlite, draft({ petition: '1', json: 'not json' }), /CHECK constraint failed/);
    rejects(sqlite, draft({ petition: '1', status: 'returned' }), /CHECK constraint failed/);
    rejects(sqlite, draft({ petition: '1', status: 'approved' }), /CHECK constraint failed/);
    rejects(sqlite, draft({ petition: '999' }), /FOREIGN KEY constraint failed/);
  },
  '0014-content-decisions': (sqlite) => {
    // Decisions per content: one active per content, no longer per petition.
    expect(Object.keys(columns(sqlite, 'decisions'))).toContain('content_id');
    expect(Object.keys(columns(sqlite, 'petition_contents'))).toEqual(expect.arrayContaining(['step', 'step_due_on']));
    expect(Object.keys(columns(sqlite, 'classifications'))).toContain('moved_from_matter_id');
    expect(objects(sqlite, 'index')).toEqual(expect.arrayContaining(['decisions_content', 'decisions_petition_active', 'petition_contents_step_due']));
    const unique = sqlite.prepare("select sql from sqlite_master where name = 'decisions_active'").pluck().get() as string;
    expect(unique).toMatch(/\(content_id\) where reversed_at is null/);
  },
  '0015-search-newest-first': (sqlite) => {
    // Both word indexes rebuilt with prefixes of 1 to 7 characters; the petitions' keyed by -id.
    const ddl = (name: string) => (sqlite.prepare('select sql from sqlite_master where name = ?').get(name) as { sql: string }).sql;
    expect(ddl('petitions_words')).toContain("prefix='1 2 3 4 5 6 7'");
    expect(ddl('citizens_words')).toContain("prefix='1 2 3 4 5 6 7'");
    expect(ddl('petitions_words_insert')).toContain('-(new.id)');
    expect(indexColumns(sqlite, 'petition_petitioners_person_petition')).toEqual(['person_id', 'petition_id']);
    expect(objects(sqlite, 'index')).not.toContain('petition_petitioners_person');
    expect(indexColumns(sqlite, 'petition_contents_petition_matter')).toEqual(['petition_id', 'matter_id']);
    sqlite.prepare(`insert into citizens (id, full_name, full_name_folded, created_at, updated_at) values (7, 'Nguyễn Văn Đức', 'nguyen van duc', ${T}, ${T})`).run();
    expect(sqlite.prepare('select rowid from citizens_words where citizens_words match ?').all('"nguyen"* "du"*')).toEqual([{ rowid: 7 }]);
    // Newest first is rowid order: read forwards, no sort.
    const plan = queryPlan(sqlite, "select -rowid from petitions_words where petitions_words match 'a*' order by rowid limit 200");
    expect(plan).not.toContain('TEMP B-TREE');
  },
  '0016-subject-reply-indexes': (sqlite) => {
    // The folded subject, filled for every petition, and its index (newest first within a subject).
    expect(columns(sqlite, 'petitions')).toHaveProperty('subject_folded');
    expect(indexColumns(sqlite, 'petitions_subject')).toEqual(['subject_folded', 'received_on']);
    expect(indexColumns(sqlite, 'petitions_replied')).toEqual(['dec_action', 'reply_on', 'kind', 'visit_id']);
    petitionWithSubject(sqlite, 1, 'UBND xã Tịnh Khê');
    const plan = queryPlan(sqlite, 'select id from petitions where subject_folded = ? and received_on <= ? order by received_on desc limit 51', 'x', '2026-12-31');
    expect(plan).toContain('petitions_subject');
    expect(plan).not.toContain('TEMP B-TREE');
    const replies = queryPlan(sqlite, "select count(*) from petitions p where p.dec_action = 'forward' and p.reply_on >= ? and p.reply_on <= ? and p.kind = 'complaint'", 'a', 'b');
    expect(replies).toContain('COVERING INDEX petitions_replied');
  },
  '0017-report-period-index': (sqlite) => {
    // The period index holds every column a report reads of a petition, the visit last.
    expect(indexColumns(sqlite, 'petitions_period_figures')).toEqual(['received_on', 'kind', 'field', 'signatories', 'cls_eligible', 'cls_reason', 'dec_action', 'dec_on', 'visit_id']);
    const plan = queryPlan(sqlite, 'select id, kind, field, received_on, dec_on, dec_action, cls_eligible, visit_id from petitions where received_on >= ? and received_on <= ?', '2026-01-01', '2026-12-31');
    expect(plan).toContain('COVERING INDEX petitions_period_figures');
  },
  '0018-first-content-index': (sqlite) => {
    // A petition's contents with position and matter from one index, in place of 0015's.
    expect(indexColumns(sqlite, 'petition_contents_first')).toEqual(['petition_id', 'position', 'matter_id']);
    expect(objects(sqlite, 'index')).not.toContain('petition_contents_petition_matter');
    // The reports' first content (db/ops/reports.ts population) and the statistics' every content.
    expect(queryPlan(sqlite, 'select p.id, c.matter_id from petitions p left join petition_contents c on c.petition_id = p.id and c.position + 0 = 0')).toContain(
      'COVERING INDEX petition_contents_first',
    );
    expect(queryPlan(sqlite, 'select p.id, pc.matter_id from petitions p left join petition_contents pc on pc.petition_id = p.id')).toContain('COVERING INDEX petition_contents_first');
  },
};

let dirs: TempDir[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});
function freshDir(): TempDir {
  const d = tempDir();
  dirs.push(d);
  return d;
}

function expectPragmas(sqlite: Sqlite): void {
  expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
}

describe('migrations', () => {
  it('has an expectation for every migration', () => {
    expect(MIGRATIONS.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const names = MIGRATIONS.map(([name]) => name);
    expect([...names].sort()).toEqual(names); // applied in name order by Kysely
  });

  MIGRATIONS.forEach(([name], index) => {
    const version = index + 1;
    it(`${name}: migrates an empty file from ${index} to ${version}`, async () => {
      const file = path.join(freshDir().dir, 'register.sqlite');
      if (index > 0) {
        const previous = await openRegister({ path: file, migrateTo: index, seed: false });
        expect(previous.schemaVersion()).toBe(index);
        await previous.close();
      }
      const register = await openRegister({ path: file, migrateTo: version, seed: false });
      try {
        expectPragmas(register.sqlite);
        expect(register.schemaVersion()).toBe(version);
        expect(register.sqlite.pragma('user_version', { simple: true })).toBe(version);
        const applied = (register.sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
        expect(applied).toEqual(MIGRATIONS.slice(0, version).map(([n]) => n));
        expect(register.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        EXPECTATIONS[name]!(register.sqlite);
      } finally {
        await register.close();
      }
    });
  });
});

describe('0002-intake on a register in use', () => {
  const V1_TABLES = ['agencies', 'users', 'settings', 'audit_log'];
  const rowsOf = (sqlite: Sqlite) => Object.fromEntries(V1_TABLES.map((t) => [t, sqlite.prepare(`select * from ${t} order by rowid`).all()]));
  const schemaOf = (sqlite: Sqlite) =>
    sqlite.prepare(`select type, name, sql from sqlite_master where tbl_name in (${V1_TABLES.map(() => '?').join(', ')}) order by name`).all(...V1_TABLES);

  it('migrates from 1 to 2 keeping every row and the old tables as they were; the register then takes petitions', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    // A register as version 1 left it: seeded, then used.
    const v1 = await openRegister({ path: file, migrateTo: 1, seed: false });
    await seedDefaults(v1);
    v1.sqlite.prepare(`insert into agencies (code, name, name_folded, kind, created_at, updated_at) values ('SO-CU', 'Sở Cũ', 'so cu', 'other', ${T}, ${T})`).run();
    v1.sqlite.prepare(`insert into users (username, full_name, role, created_at) values ('lan.nt', 'Nguyễn Thị Lan', 'officer', ${T})`).run();
    v1.sqlite.prepare(`insert into settings (key, value, updated_at) values ('signerName', '"Phạm Văn Ký"', ${T})`).run();
    v1.sqlite.prepare(`insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, after_json) values (${T}, 2, 'Nguyễn Thị Lan', 'create', 'agency', '126', '{}')`).run();
    expect(v1.schemaVersion()).toBe(1);
    const rows = rowsOf(v1.sqlite);
    const schema = schemaOf(v1.sqlite);
    expect(rows.agencies).toHaveLength(126);
    await v1.close();

    const v2 = await openRegister({ path: file, migrateTo: 2 });
    try {
      const sqlite = v2.sqlite;
      expect(v2.schemaVersion()).toBe(2);
      expect(sqlite.pragma('user_version', { simple: true })).toBe(2);
      expect((sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)).toEqual([
        '0001-reference-tables',
        '0002-intake',
      ]);
      expect(rowsOf(sqlite)).toEqual(rows); // nothing changed, nor seeded twice
      expect(schemaOf(sqlite)).toEqual(schema);
      for (const table of ['citizens', 'persons', 'reception_sessions', 'visits', 'visit_representatives', 'petitions', 'petition_petitioners']) {
        expect(sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 });
      }
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await v2.close();
    }

    const t = await tempRegister({ path: file });
    try {
      const sqlite = t.register.sqlite;
      expect(rowsOf(sqlite).agencies).toEqual(rows.agencies);
      // The migrated register takes intake at once: its first petition of the year is 000001.
      const session = await t.client.sessions.openToday();
      const visit = await t.client.visits.save({
        sessionId: session.id,
        persons: 1,
        citizen: { fullName: 'Nguyễn Văn Đức' },
        matter: 'complaint',
        content: 'Khiếu nại',
        outcome: 'petition_received',
      });
      const p = await t.client.petitions.create({ receivedOn: '2026-03-15', channel: 'in_person', visitId: visit.id, kind: 'complaint', field: 'land', summary: 'Khiếu nại' });
      expect(p.registerNo).toBe('2026/000001');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('0003-workflow on a register in use', () => {
  const V2_TABLES = ['agencies', 'users', 'settings', 'audit_log', 'citizens', 'persons', 'reception_sessions', 'visits', 'visit_representatives', 'petition_petitioners'];

  it('migrates from 2 to 3: existing petitions keep every field, await classification, and get their deadline when opened', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    // A register as version 2 left it: seeded, with petitions typed in before the workflow existed.
    const v2 = await openRegister({ path: file, migrateTo: 2, seed: false });
    await seedDefaults(v2);
    const raw = v2.sqlite;
    raw.prepare(`insert into citizens (id, full_name, full_name_folded, id_number, created_at, updated_at) values (1, 'Nguyễn Văn Đức', 'nguyen van duc', '051065001234', ${T}, ${T})`).run();
    raw.prepare(`insert into persons (id, citizen_id, full_name, full_name_folded, id_number) values (1, 1, 'Nguyễn Văn Đức', 'nguyen van duc', '051065001234')`).run();
    const petition = (seq: number, receivedOn: string, summary: string) =>
      raw
        .prepare(
          `insert into petitions (id, year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at)
           values (?, ?, ?, ?, ?, 'post', 'complaint', 'land', 1, ?, ?, ${T}, ${T})`,
        )
        .run(seq, Number(receivedOn.slice(0, 4)), seq, `${receivedOn.slice(0, 4)}/${String(seq).padStart(6, '0')}`, receivedOn, summary, fold(summary));
    petition(1, '2026-02-10', 'Khiếu nại trước Tết');
    petition(2, '2026-03-16', 'Khiếu nại thu hồi đất');
    petition(3, '2026-12-24', 'Khiếu nại cuối năm');
    raw.prepare('insert into petition_petitioners (petition_id, position, person_id) values (2, 0, 1)').run();
    const kept = Object.fromEntries(V2_TABLES.map((table) => [table, raw.prepare(`select * from ${table} order by rowid`).all()]));
    const v2Petitions = raw.prepare('select * from petitions order by id').all() as Record<string, unknown>[];
    expect(v2.schemaVersion()).toBe(2);
    await v2.close();

    const t = await tempRegister({ path: file, now: new Date('2026-03-20T03:00:00.000Z') });
    try {
      const sqlite = t.register.sqlite;
      // Opened by today's build: migrated through 0003 and every later migration.
      expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect((sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)).toEqual(
        MIGRATIONS.map(([n]) => n),
      );
      // Every row kept, column for column (later migrations may add columns of their own).
      const keptColumns = (rows: unknown[], like: unknown[]) => {
        const names = like.length ? Object.keys(like[0] as object) : [];
        return (rows as Record<string, unknown>[]).map((r) => Object.fromEntries(names.map((n) => [n, r[n]])));
      };
      for (const table of V2_TABLES) expect(keptColumns(sqlite.prepare(`select * from ${table} order by rowid`).all(), kept[table]!), table).toEqual(kept[table]);
      const after = sqlite.prepare('select * from petitions order by id').all() as Record<string, unknown>[];
      expect(after.map((row) => Object.fromEntries(Object.keys(v2Petitions[0]!).map((k) => [k, row[k]])))).toEqual(v2Petitions);
      expect(after.map((r) => [r.stage, r.due_on, r.reply_due_on])).toEqual([
        ['awaiting_classification', '2026-03-03', null],
        ['awaiting_classification', '2026-03-30', null],
        ['awaiting_classification', '2027-01-08', null],
      ]);
      for (const table of ['classifications', 'decisions', 'replies', 'reminders', 'outgoing_documents', 'attachments']) {
        expect(sqlite.prepare(`select count(*) as n from ${table}`).get(), table).toEqual({ n: 0 });
      }
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);

      // Statuses derive from the stored deadline at once, and the old petitions are found by search.
      const list = await t.client.petitions.list({ sort: 'receivedOn', direction: 'asc' });
      expect(list.rows.map((r) => [r.registerNo, r.status, r.dueOn])).toEqual([
        ['2026/000001', 'overdue', '2026-03-03'],
        ['2026/000002', 'awaiting_classification', '2026-03-30'],
        ['2026/000003', 'awaiting_classification', '2027-01-08'],
      ]);
      expect((await t.client.petitions.list({ search: 'thu hoi dat' })).rows.map((r) => r.registerNo)).toEqual(['2026/000002']);

      // The migrated register takes the workflow at once, and new petitions follow on.
      const agency = (await t.client.agencies.list({ search: 'SO-NNMT' }))[0]!;
      await t.client.workflow.classify({ petitionId: 2, eligible: true, on: '2026-03-17' });
      const w = await t.client.workflow.decide({ petitionId: 2, action: 'forward', agencyId: agency.id, on: '2026-03-18' });
      expect(w.decisions[0]!.documentNo).toBe('01/PC-BTCD');
      expect((await t.client.petitions.create({ receivedOn: '2026-03-19', channel: 'post', kind: 'complaint', field: 'land', summary: 'Đơn mới' })).registerNo).toBe('2026/000004');

      // Opening again changes nothing.
      const before = snapshot(sqlite);
      await t.close();
      const again = await tempRegister({ path: file, now: new Date('2026-03-20T03:00:00.000Z') });
      try {
        expect(snapshot(again.register.sqlite)).toEqual(before);
      } finally {
        await again.close();
      }
    } finally {
      await t.close();
    }
  });
});

describe('0005-law-2026 on a register in use', () => {
  const AT = MIGRATIONS.findIndex(([name]) => name === '0005-law-2026');

  it('keeps every decision (and the replies and reminders that point at them), marks the head’s sessions as received in person, and sets the step deadlines', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const old = await tempRegister({ path: file, migrateTo: AT, now: new Date('2026-03-20T03:00:00.000Z') });
    const raw = old.register.sqlite;
    await seedDefaults(old.register);
    const at = `'2026-03-10T03:00:00.000Z'`;
    const session = (id: number, kind: string) => raw.prepare(`insert into reception_sessions (id, kind, date, created_at, updated_at) values (${id}, '${kind}', '2026-03-10', ${at}, ${at})`).run();
    session(1, 'regular');
    session(2, 'periodic');
    session(3, 'adhoc');
    session(4, 'online');
    raw.prepare(`insert into persons (id, full_name, full_name_folded) values (1, 'Nguyễn Văn Đức', 'nguyen van duc')`).run();
    raw.prepare(`insert into visits (id, session_id, persons, person_id, matter, content, outcome, created_at, updated_at) values (1, 1, 1, 1, 'other', 'c', 'refused', ${at}, ${at})`).run();
    const petition = (id: number, kind: string, receivedOn: string) =>
      raw
        .prepare(
          `insert into petitions (id, year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at, due_on)
           values (${id}, 2026, ${id}, '2026/00000${id}', '${receivedOn}', 'post', '${kind}', 'land', 1, 's', 's', ${at}, ${at}, '2026-03-16')`,
        )
        .run();
    petition(1, 'denunciation', '2026-03-02');
    petition(2, 'complaint', '2026-03-03');
    petition(3, 'recommendation', '2026-03-03');
    raw.prepare(`insert into classifications (petition_id, eligible, decided_on, decided_by, created_at) values (1, 1, '2026-03-03', 'A', ${at})`).run();
    raw.prepare(`insert into decisions (id, petition_id, action, decided_on, agency_id, document_no, reply_due_on, decided_by, created_at) values (7, 1, 'forward', '2026-03-04', 1, '01/PC-BTCD', '2026-04-24', 'A', ${at})`).run();
    raw.prepare(`insert into reminders (decision_id, sent_on, document_no, recorded_by, created_at) values (7, '2026-03-10', '01/ĐĐ-BTCD', 'A', ${at})`).run();
    raw.prepare(`insert into replies (decision_id, received_on, outcome, recorded_by, created_at) values (7, '2026-03-12', 'resolved', 'A', ${at})`).run();
    const decisions = raw.prepare('select * from decisions order by id').all();
    const replies = raw.prepare('select * from replies order by id').all();
    const reminders = raw.prepare('select * from reminders order by id').all();
    const stats = await old.client.stats.get({ from: '2026-01-01', to: '2026-12-31' });
    await old.close();

    const t = await tempRegister({ path: file, now: new Date('2026-03-20T03:00:00.000Z') });
    try {
      const sqlite = t.register.sqlite;
      expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(sqlite.prepare('select * from decisions order by id').all()).toEqual((decisions as Record<string, unknown>[]).map((d) => ({ ...d, to_inspection: 0, content_id: null /* these petitions were written without contents */ })));
      expect(sqlite.prepare('select * from replies order by id').all()).toEqual(replies);
      expect(sqlite.prepare('select * from reminders order by id').all()).toEqual(reminders);
      expect(sqlite.prepare('select id, host_mode, online_of from reception_sessions order by id').all()).toEqual([
        { id: 1, host_mode: null, online_of: null },
        { id: 2, host_mode: 'in_person', online_of: null },
        { id: 3, host_mode: 'in_person', online_of: null },
        { id: 4, host_mode: null, online_of: null },
      ]);
      expect(sqlite.prepare('select refusal_ground, handled_by from visits').all()).toEqual([{ refusal_ground: null, handled_by: null }]);
      expect(sqlite.prepare('select id, step, step_due_on from petitions order by id').all()).toEqual([
        { id: 1, step: 'denunciation_forward', step_due_on: '2026-03-09' },
        { id: 2, step: 'complaint_acceptance', step_due_on: '2026-03-12' },
        { id: 3, step: null, step_due_on: null },
      ]);
      expect(sqlite.prepare('select count(*) as n from notices').get()).toEqual({ n: 0 });
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      // The statistics of the migrated register are unchanged (a new action counts zero).
      expect(await t.client.stats.get({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
        ...stats,
        petitions: { ...stats.petitions, decisions: { ...stats.petitions.decisions, urge: 0 } },
      });
      // The old decision reverses and a new one is taken: the rebuilt table works with its children.
      const w = await t.client.workflow.reverse({ petitionId: 1, what: 'reply', note: 'Ghi nhầm báo cáo' });
      expect(w.replies[0]!.reversed).not.toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('opening a register', () => {
  it('sets WAL, foreign keys, synchronous FULL and the busy timeout on the handle', async () => {
    const t = await tempRegister();
    try {
      expectPragmas(t.register.sqlite);
      expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await t.cleanup();
    }
  });

  it('is idempotent: re-opening changes neither schema nor data', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const schemaOf = (sqlite: Sqlite) => sqlite.prepare('select type, name, sql from sqlite_master order by type, name').all();

    const first = await openRegister({ path: file, migrateTo: 1, seed: false });
    const schema = schemaOf(first.sqlite);
    const before = snapshot(first.sqlite);
    await first.close();

    for (let i = 0; i < 2; i++) {
      const again = await openRegister({ path: file, migrateTo: 1, seed: false });
      expect(schemaOf(again.sqlite)).toEqual(schema);
      expect(snapshot(again.sqlite)).toEqual(before);
      expect(again.schemaVersion()).toBe(1);
      await again.close();
    }
  });

  it('creates the folder of a new register', async () => {
    const file = path.join(freshDir().dir, 'nested', 'deeper', 'register.sqlite');
    const register = await openRegister({ path: file, seed: false });
    expect(fs.existsSync(file)).toBe(true);
    await register.close();
  });

  it('refuses a register written by a newer version (unknown migration) and leaves the file unchanged', async () => {
    const d = freshDir();
    const file = path.join(d.dir, 'register.sqlite');
    const created = await openRegister({ path: file });
    await created.close();

    const raw = new Database(file);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const rowsBefore = snapshot(raw);
    raw.close();

    const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const bytesBefore = hash(file);
    const mtimeBefore = fs.statSync(file).mtimeMs;
    const filesBefore = fs.readdirSync(d.dir).sort();

    const error = await openRegister({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    expect((error as ApiError).message).toMatch(/phiên bản mới hơn/);

    expect(hash(file)).toBe(bytesBefore);
    expect(fs.statSync(file).mtimeMs).toBe(mtimeBefore);
    expect(fs.readdirSync(d.dir).sort()).toEqual(filesBefore);
    const check = new Database(file, { readonly: true });
    expect(snapshot(check)).toEqual(rowsBefore);
    check.close();
  });

  it('refuses a register whose user_version is newer than this build knows', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const created = await openRegister({ path: file, seed: false });
    await created.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    await expect(openRegister({ path: file })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a file of random bytes with BAD_DATABASE and leaves it alone', async () => {
    const d = freshDir();
    const file = path.join(d.dir, 'not-a-register.sqlite');
    const bytes = crypto.randomBytes(16 * 1024);
    fs.writeFileSync(file, bytes);

    const error = await openRegister({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'BAD_DATABASE' });
    expect((error as ApiError).message).toMatch(/không phải là cơ sở dữ liệu SQLite/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.readdirSync(d.dir)).toEqual(['not-a-register.sqlite']);
  });
});

describe('0016-subject-reply-indexes on a register in use', () => {
  it('folds the subject of every petition that has one, as the desk folds it, and leaves the rest null', async () => {
    const file = path.join(freshDir().dir, 'register.sqlite');
    const before = await openRegister({ path: file, migrateTo: 15 });
    const subjects = ['Ông Nguyễn Văn Tú, cán bộ địa chính xã Ba Xa', 'UBND XÃ TỊNH KHÊ', null, 'Công ty TNHH Đức Thành — chi nhánh Quảng Ngãi'];
    subjects.forEach((subject, i) => petitionWithSubject(before.sqlite, i + 1, subject));
    await before.close();
    const after = await openRegister({ path: file });
    try {
      expect(after.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const rows = after.sqlite.prepare('select subject, subject_folded from petitions order by id').all() as { subject: string | null; subject_folded: string | null }[];
      expect(rows.map((r) => r.subject_folded)).toEqual(subjects.map((s) => (s === null ? null : fold(s))));
      expect(rows[1]!.subject_folded).toBe('ubnd xa tinh khe');
      expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await after.close();
    }
  });
});

/** An index migration on a register in use: every row kept, every official form counting the same. */
function formsCountTheSameAcross(migration: string, previous: number): void {
  describe(`${migration} on a register in use`, () => {
    it('keeps every row, and every official form of a period counts the same before and after', async () => {
      const dir = freshDir().dir;
      const file = path.join(dir, 'register.sqlite');
      const history = path.join(dir, 'history.json');
      await generateRegisterFile(history, { petitions: 300, today: '2026-11-29', seed: 17 });
      const before = await openRegister({ path: file, migrateTo: previous, now: () => new Date('2026-11-30T02:00:00Z') });
      await importInterchangeFile(before, history, { id: null, name: 'Kiểm thử' });
      const forms = async (db: typeof before.db) => Promise.all(REPORT_FORMS.map((form) => computeForm(db, form, '2025-12-15', '2026-11-29')));
      const figures = await forms(before.db);
      const rows = tableDigests(before.sqlite);
      await before.close();
      const after = await openRegister({ path: file, seed: false, now: () => new Date('2026-11-30T02:00:00Z') });
      try {
        expect(after.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        expect(tableDigests(after.sqlite)).toEqual(rows);
        expect(await forms(after.db)).toEqual(figures);
        expect(figures.some((f) => Object.values(f.columns).some((n) => n > 0))).toBe(true);
        expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await after.close();
      }
    });
  });
}

formsCountTheSameAcross('0017-report-period-index', 16);
formsCountTheSameAcross('0018-first-content-index', 17);
