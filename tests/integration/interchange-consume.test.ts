// A file read for an import is checked with `consume`: each record is let go as soon as it is read,
// so a million petitions are never held twice (raw and checked) during the check. The answer is
// the same as the check of a file the caller keeps, for good files and for every kind of mistake.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegisterFile } from '../../bench/generate.ts';
import { checkInterchange } from '../../shared/interchange/v1.ts';
import { checkInterchangeV2 } from '../../shared/interchange/v2.ts';
import { tempDir, type TempDir } from '../helpers/register.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TODAY = '2026-12-01';
let dir: TempDir;
let v1: Record<string, unknown>;
let v2: Record<string, unknown>;

beforeAll(async () => {
  dir = tempDir('petreg-consume-');
  v1 = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/interchange-sample.json'), 'utf8')) as Record<string, unknown>;
  const file = path.join(dir.dir, 'v2.json');
  await generateRegisterFile(file, { petitions: 40, today: '2026-11-30' });
  v2 = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
});
afterAll(() => dir?.cleanup());

const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant('2026-13-01'),
  fc.constant('2030-01-01'),
  fc.constant('Nguyễn\u0000Văn'),
  fc.constant([{ x: 1 }]),
  fc.constantFrom('foreigner', 'organisation', 'citizen'),
);
const KEYS = ['kind', 'nationality', 'org_reg_no', 'ref', 'extra', 'received_on', 'kind', 'petitioners', 'session', 'visit', 'matter_ref', 'contents', 'merged_into', 'citizen', 'classification', 'decision', 'register_no', 'code'];
const mutations = fc.array(
  fc.record({
    collection: fc.constantFrom('agencies', 'sessions', 'visits', 'petitions', 'matters', 'notices', 'petitioner', 'top'),
    index: fc.nat(40),
    key: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
    value,
  }),
  { maxLength: 3 },
);

function mutate(sample: Record<string, unknown>, ms: { collection: string; index: number; key: string | undefined; value: unknown }[]): Record<string, unknown> {
  const file = structuredClone(sample);
  for (const m of ms) {
    if (m.collection === 'top') {
      file[m.key ?? 'extra'] = structuredClone(m.value);
      continue;
    }
    if (m.collection === 'petitioner') {
      // A petitioner's own fields: v2's rules for foreigners and organisations name the petition.
      const petitions = file.petitions as { petitioners?: Record<string, unknown>[] }[] | undefined;
      const petitioner = petitions?.[m.index % petitions.length]?.petitioners?.[0];
      if (petitioner) petitioner[m.key ?? 'kind'] = structuredClone(m.value);
      continue;
    }
    const list = file[m.collection];
    if (!Array.isArray(list) || list.length === 0) continue;
    const record = list[m.index % list.length] as Record<string, unknown>;
    record[m.key ?? Object.keys(record)[m.index % Object.keys(record).length]!] = structuredClone(m.value);
  }
  return file;
}

describe('checking with consume', () => {
  for (const [name, sample, check] of [
    ['v1', () => v1, checkInterchange],
    ['v2', () => v2, checkInterchangeV2],
  ] as const) {
    it(`gives the answer of a kept file's check, and lets go of every record (${name})`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(mutations, (ms) => {
          const file = mutate(sample(), ms);
          const kept = check(structuredClone(file) as never, { today: TODAY });
          const given = structuredClone(file);
          const consumed = check(given as never, { today: TODAY, consume: true });
          expect(consumed).toEqual(kept);
          if (kept.ok) {
            accepted++;
            for (const collection of ['agencies', 'sessions', 'visits', 'petitions']) {
              const records = given[collection];
              if (Array.isArray(records)) expect(records.every((r) => r === undefined), collection).toBe(true);
            }
          }
        }),
        { numRuns: 300, seed: 11 },
      );
      // The unmutated file and some light mutations pass: both outcomes were compared.
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
