// The citizen lookup at intake (citizens.search) on its indexes (migration 0010-query-indexes):
// a register in use migrated to it finds its citizens by the words of their names, and the two
// ways of answering (few candidates from the indexes, or a walk newest first when a prefix is
// common) give the answer of a plain reference filter over every citizen.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { fold } from '../../shared/text.ts';
import { petitionInput } from '../helpers/intake.ts';
import { onPostgres, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';

let dirs: TempDir[] = [];
let open: TempRegister[] = [];
afterEach(async () => {
  for (const t of open) await t.cleanup();
  for (const d of dirs) d.cleanup();
  open = [];
  dirs = [];
});

// A migration of a SQLite register in use: a PostgreSQL register is made at schema 15 at once.
describe.skipIf(onPostgres)('0010-query-indexes on a register in use', () => {
  const AT = MIGRATIONS.findIndex(([name]) => name === '0010-query-indexes');

  it('fills the words of every existing citizen, and keeps them in step with later saves', async () => {
    const d = tempDir();
    dirs.push(d);
    const file = path.join(d.dir, 'register.sqlite');
    const old = await tempRegister({ path: file, migrateTo: AT });
    // Citizens as the version before 0010 wrote them (today's operations write later columns).
    const citizen = old.register.sqlite.prepare("insert into citizens (full_name, full_name_folded, id_number, created_at, updated_at) values (?, ?, ?, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')");
    for (const [name, idNumber] of [['Nguyễn Văn Đức', '051065001234'], ['Trần Thị Bình', null], ['Lê Văn Hùng', '051058000001']] as const) citizen.run(name, fold(name), idNumber);
    const citizens = old.register.sqlite.prepare('select count(*) as n from citizens').get() as { n: number };
    expect(citizens).toEqual({ n: 3 });
    await old.close();

    const t = await tempRegister({ path: file });
    open.push(t);
    expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(t.register.sqlite.prepare('select count(*) as n from citizens_words').get()).toEqual(citizens);
    const names = async (query: string) => (await t.client.citizens.search({ query })).map((c) => c.fullName).sort();
    expect(await names('van')).toEqual(['Lê Văn Hùng', 'Nguyễn Văn Đức']);
    expect(await names('tr bi')).toEqual(['Trần Thị Bình']);
    expect(await names('0510')).toEqual(['Lê Văn Hùng', 'Nguyễn Văn Đức']);
    await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'Võ Thị Vân' }] }));
    expect(await names('van')).toEqual(['Lê Văn Hùng', 'Nguyễn Văn Đức', 'Võ Thị Vân']);
    expect(await names('guyen')).toEqual([]); // the beginning of a word, not anywhere inside it
  });
});

/** A small deterministic generator (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('citizens.search over many citizens', () => {
  it('gives the reference answer for rare and common prefixes alike (indexed candidates or the walk newest first)', async () => {
    const t = await tempRegister();
    open.push(t);
    const random = prng(13);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ'];
    const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc'];
    const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hà', 'Hùng', 'Lan', 'Nga', 'Nguyên', 'Xuân'];
    // 2,600 citizens: "nguyen" and "van" are common (more candidates than the indexes hand over), "xuan lan" is rare.
    const reference: { id: number; folded: string; idNumber: string | null; updatedAt: string }[] = [];
    const rows = Array.from({ length: 2600 }, (_, i) => {
      const name = `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
      const idNumber = random() < 0.7 ? `0${pick(['51', '52', '79'])}${String(1_000_000_000 + i).slice(1)}` : null;
      const updatedAt = `2026-0${1 + Math.floor(random() * 3)}-1${Math.floor(random() * 10)}T00:00:00.000Z`;
      return { full_name: name, full_name_folded: fold(name), id_number: idNumber, created_at: updatedAt, updated_at: updatedAt };
    });
    // Written straight into the table through Kysely (either engine), in chunks, ids as given back.
    for (let from = 0; from < rows.length; from += 500) {
      const chunk = rows.slice(from, from + 500);
      const ids = await t.register.db.insertInto('citizens').values(chunk).returning('id').execute();
      chunk.forEach((r, k) => reference.push({ id: ids[k]!.id, folded: r.full_name_folded, idNumber: r.id_number, updatedAt: r.updated_at }));
    }
    const expected = (query: string, limit: number) => {
      const words = fold(query).split(' ').filter(Boolean);
      const digits = query.replace(/\s+/g, '');
      return reference
        .filter(
          (c) =>
            words.every((w) => ` ${c.folded}`.includes(` ${w}`)) || (/^\d{3,}$/.test(digits) && c.idNumber !== null && c.idNumber.startsWith(digits)),
        )
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id)
        .slice(0, limit)
        .map((c) => c.id);
    };
    for (const query of ['nguyen', 'ng', 'van', 'thi', 'nguyen van', 'xuan lan', 'Huỳnh Ngọc Xuân', 'du', 'ha', 'nguy an', '051', '0790000012', '079000001234', '052 000 000 1']) {
      for (const limit of [1, 10, 50]) {
        const found = (await t.client.citizens.search({ query, limit })).map((c) => c.id);
        expect(found, `${query} (${limit})`).toEqual(expected(query, limit));
      }
    }
  });
});
