// Fuzzing every API method and the import, seeded (fast-check): whatever the input, the answer is
// an envelope (never a throw, never INTERNAL), a refusal writes nothing at all, a success leaves
// the register sound (integrity, audit chain, petitions matching their audit).
// PETREG_FUZZ_RUNS=N for more cases.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract.ts';
import { createApiServer, type ApiServer } from '../../db/api/server.ts';
import { importFile } from '../../db/interchange/import.ts';
import { verifyAuditChain, verifyPetitionStates } from '../../db/integrity.ts';
import { SYSTEM_ACTOR } from '../../db/context.ts';
import { copyRegister } from '../../db/copy.ts';
import { openRegisterReadOnly } from '../../db/register.ts';
import { tempRegister, type TempRegister, adminSession } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { DUC, petitionInput, visitInput } from '../helpers/intake.ts';
import { ROOT } from '../helpers/petreg.ts';

const RUNS = Number(process.env.PETREG_FUZZ_RUNS ?? 3000);
const IMPORT_RUNS = Math.max(50, Math.round(RUNS / 10));
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let t: TempRegister;
let api: ApiServer;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await tempRegister();
  api = createApiServer(t.register, { appVersion: 'fuzz', pdf: async () => new TextEncoder().encode('%PDF-fake') }, await adminSession(t.register));
  const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-14', hostName: 'Phạm Văn Ký', officers: ['Nguyễn Thị Lan'] });
  const visit = await t.client.visits.save(visitInput(session.id));
  const petition = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', visitId: visit.id }));
  const agency = (await t.client.agencies.list({ search: 'SO-NNMT' }))[0]!;
  Object.assign(ids, { session: session.id, visit: visit.id, petition: petition.id, agency: agency.id });
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

/**
 * The register is sound: SQLite's integrity check, the audit chain and (`states`) each petition
 * against its audited snapshot. On PostgreSQL these run on a SQLite copy of the register
 * (db/copy.ts copies every row and the audit chain as they are, and compares both exports).
 */
async function expectSound(states: boolean): Promise<void> {
  const check = (sqlite: Database.Database) => {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(sqlite).firstBroken).toBeNull();
    if (states) expect(verifyPetitionStates(sqlite).mismatches).toEqual([]);
  };
  if (t.register.engine === 'sqlite') return check(t.register.sqlite);
  const file = path.join(t.dir, `copy-${states ? 'api' : 'import'}.sqlite`);
  await copyRegister(t.path, file, t.register.now);
  const copy = await openRegisterReadOnly({ path: file });
  try {
    check(copy.sqlite);
  } finally {
    await copy.close();
  }
}

/** Valid inputs of the methods that write, which the fuzzer mutates field by field. */
function validInputs(): Partial<Record<MethodName, unknown>> {
  return {
    'petitions.create': petitionInput({ receivedOn: '2026-03-14' }),
    'petitions.update': { ...petitionInput({ receivedOn: '2026-03-14' }), id: ids.petition },
    'agencies.upsert': { code: 'SO-FUZZ', name: 'Sở Thử', kind: 'other' },
    'users.upsert': { username: 'fuzz.user', fullName: 'Người Thử', role: 'officer' },
    'sessions.upsert': { kind: 'regular', date: '2026-03-14', hostName: 'Phạm Văn Ký', officers: ['Nguyễn Thị Lan'] },
    'visits.save': visitInput(ids.session!),
    'workflow.classify': { petitionId: ids.petition, eligible: true, on: '2026-03-14' },
    'workflow.decide': { petitionId: ids.petition, action: 'forward', agencyId: ids.agency, on: '2026-03-14' },
    'workflow.reply': { petitionId: ids.petition, on: '2026-03-15', outcome: 'resolved' },
    'workflow.remind': { petitionId: ids.petition, on: '2026-03-15' },
    'holidays.upsert': { date: '2026-05-04', name: 'Nghỉ bù' },
    'settings.update': { boardName: 'Ban Tiếp công dân tỉnh' },
    'attachments.add': { petitionId: ids.petition, fileName: 'a.png', mime: 'image/png', base64: PNG },
    'petitions.list': { search: 'dat', limit: 5 },
    'citizens.search': { query: 'duc', limit: 5 },
    'stats.get': { from: '2026-03-01', to: '2026-03-31' },
    'documents.render': { kind: 'receipt', petitionId: ids.petition },
    'petitions.similar': { receivedOn: '2026-03-14', petitioners: [DUC], subject: null, summary: 'thu hồi đất' },
  };
}

/** Text that tries the boundaries: control characters, lone surrogates, long and empty strings. */
const nastyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', 'a\u001b[2Jb', '\u0007', '\ud800', '\udc00x', 'x'.repeat(5000), '2026-02-30', '9999-99-99', '%', '_', '"', "'; drop table petitions; --", '../..', 'Đức\u0301'),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }),
  fc.anything(),
);

function mutate(valid: unknown): fc.Arbitrary<unknown> {
  if (valid === null || typeof valid !== 'object' || Array.isArray(valid)) return nastyValue;
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: nastyValue }).map(({ key, value }) => ({ ...(valid as object), [key]: value })),
    fc.record({ key: nastyText, value: nastyValue }).map(({ key, value }) => ({ ...(valid as object), [key]: value })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.constant(valid),
  );
}

const SKIPPED: MethodName[] = ['backups.restore']; // writes a restore request beside the register on success: covered in backup-restore.test.ts

describe('fuzz', () => {
  it(`${RUNS} calls across every API method: envelopes only, refusals write nothing, the register stays sound`, async () => {
    const valid = validInputs();
    const methods = METHOD_NAMES.filter((m) => !SKIPPED.includes(m));
    const call = fc.constantFrom(...methods).chain((method) =>
      fc.record({ method: fc.constant(method), input: fc.oneof(nastyValue, valid[method] === undefined ? nastyValue : mutate(valid[method])) }),
    );
    const internal: string[] = [];
    // The snapshot is taken again only after a success; a refusal that changed no row at all
    // (SQLite's total_changes() did not move) is proven to have written nothing without one.
    // PostgreSQL has no such counter: there every refusal is compared with the snapshot.
    const changes = () => (t.register.engine === 'sqlite' ? (t.register.sqlite.prepare('select total_changes() as n').get() as { n: number }).n : null);
    let current = await registerSnapshot(t.register);
    await fc.assert(
      fc.asyncProperty(call, async ({ method, input }) => {
        const changesBefore = changes();
        const envelope = await api.call(method, input);
        if (envelope.ok) {
          current = await registerSnapshot(t.register);
          return;
        }
        if (envelope.error.code === 'INTERNAL') internal.push(`${method}: ${envelope.error.message}`);
        if (changesBefore === null || changes() !== changesBefore) expect(await registerSnapshot(t.register), `${method} refused (${envelope.error.code}) but wrote`).toEqual(current);
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
    expect(internal).toEqual([]);
    await expectSound(true);
  }, 300_000);

  it(`${IMPORT_RUNS} mutated interchange files: imported whole or refused with nothing written`, async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/interchange-sample.json'), 'utf8')) as Record<string, unknown[]>;
    const collections = ['agencies', 'sessions', 'visits', 'petitions'] as const;
    const mutation = fc.record({
      collection: fc.constantFrom(...collections),
      index: fc.nat(10),
      key: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      value: nastyValue,
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ collection, index, key, value }) => {
        const file = structuredClone(sample);
        const list = file[collection]!;
        if (list.length > 0) {
          const record = list[index % list.length] as Record<string, unknown>;
          const field = key ?? Object.keys(record)[index % Object.keys(record).length]!;
          record[field] = value;
        }
        // Numbers that cannot collide with earlier runs: every petition gets the next number.
        for (const p of file.petitions as Record<string, unknown>[]) if (typeof p.register_no === 'string') p.register_no = null;
        const before = await registerSnapshot(t.register);
        try {
          await importFile(t.register, file, SYSTEM_ACTOR);
        } catch (error) {
          expect((error as { code?: string }).code, String(error)).not.toBe('INTERNAL');
          expect(await registerSnapshot(t.register)).toEqual(before);
        }
      }),
      { numRuns: IMPORT_RUNS, seed: 7 },
    );
    await expectSound(false);
  }, 300_000);
});
