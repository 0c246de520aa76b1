// Migration 0004 on a register in use: today's petitions and visits become matters and
// contents, and the statistics of the register do not change.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../db/register.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { seedDefaults } from '../../db/seed.ts';
import { fold } from '../../shared/text.ts';
import { tempDir, tempRegister, type TempDir } from '../helpers/register.ts';
import { snapshot } from '../helpers/snapshot.ts';

const T = "'2026-01-01T00:00:00.000Z'";
const NOW = new Date('2026-04-20T03:00:00.000Z');
const V3 = MIGRATIONS.findIndex(([name]) => name === '0004-matters');

let dirs: TempDir[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});

/**
 * A register as schema 3 left it: Đức's visit V1 led to P1; P2 (by post) is a duplicate of P1 and
 * P4 a duplicate of P2; P3 is a letter of several contents; V2 is Lan's repeat visit with no
 * petition; V3 is a visit whose petition P5 came the same day.
 */
async function buildV3(file: string): Promise<void> {
  const v3 = await openRegister({ path: file, migrateTo: V3, seed: false });
  await seedDefaults(v3);
  const raw = v3.sqlite;
  raw.prepare(`insert into citizens (id, full_name, full_name_folded, id_number, created_at, updated_at) values (1, 'Nguyễn Văn Đức', 'nguyen van duc', '051065001234', ${T}, ${T})`).run();
  raw.prepare(`insert into citizens (id, full_name, full_name_folded, created_at, updated_at) values (2, 'Phạm Thị Lan', 'pham thi lan', ${T}, ${T})`).run();
  for (const [id, citizen, name, idNumber] of [
    [1, 1, 'Nguyễn Văn Đức', '051065001234'],
    [2, 1, 'Nguyễn Văn Đức', '051065001234'],
    [3, 2, 'Phạm Thị Lan', null],
    [4, 1, 'Nguyễn Văn Đức', '051065001234'],
    [5, 2, 'Phạm Thị Lan', null],
  ] as const) {
    raw.prepare('insert into persons (id, citizen_id, full_name, full_name_folded, id_number) values (?, ?, ?, ?, ?)').run(id, citizen, name, fold(name), idNumber);
  }
  raw.prepare(`insert into reception_sessions (id, kind, date, created_at, updated_at) values (1, 'regular', '2026-03-02', ${T}, ${T})`).run();
  raw.prepare(`insert into reception_sessions (id, kind, date, created_at, updated_at) values (2, 'periodic', '2026-03-20', ${T}, ${T})`).run();
  const visit = (id: number, session: number, person: number, matter: string, content: string, repeat: number, outcome: string) =>
    raw
      .prepare(`insert into visits (id, session_id, persons, person_id, matter, content, repeat, outcome, created_at, updated_at) values (?, ?, 1, ?, ?, ?, ?, ?, ${T}, ${T})`)
      .run(id, session, person, matter, content, repeat, outcome);
  visit(1, 1, 1, 'complaint', 'Khiếu nại thu hồi đất thôn An Phú', 0, 'petition_received');
  visit(2, 1, 3, 'recommendation', 'Kiến nghị sửa đường', 1, 'explained');
  visit(3, 2, 5, 'denunciation', 'Tố cáo cán bộ xã', 0, 'petition_received');
  const petition = (id: number, seq: number, receivedOn: string, channel: string, visitId: number | null, kind: string, field: string, summary: string, person: number | null) => {
    raw
      .prepare(
        `insert into petitions (id, year, seq, register_no, received_on, channel, visit_id, kind, field, signatories, summary, search_folded, created_at, updated_at, due_on)
         values (?, 2026, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ${T}, ${T}, ?)`,
      )
      .run(id, seq, `2026/${String(seq).padStart(6, '0')}`, receivedOn, channel, visitId, kind, field, summary, fold(summary), receivedOn);
    if (person !== null) raw.prepare('insert into petition_petitioners (petition_id, position, person_id) values (?, 0, ?)').run(id, person);
  };
  petition(1, 1, '2026-03-02', 'in_person', 1, 'complaint', 'land', 'Khiếu nại quyết định thu hồi đất thôn An Phú', 1);
  petition(2, 2, '2026-03-10', 'post', null, 'complaint', 'land', 'Khiếu nại lại việc thu hồi đất', 2);
  petition(3, 3, '2026-03-11', 'post', null, 'multiple', 'housing', 'Khiếu nại và tố cáo về nhà ở', null);
  petition(4, 4, '2026-03-18', 'post', null, 'complaint', 'land', 'Đơn khiếu nại thu hồi đất gửi lần ba', 4);
  petition(5, 5, '2026-03-20', 'in_person', 3, 'denunciation', 'corruption', 'Tố cáo cán bộ xã nhận tiền', 5);
  const classify = (petitionId: number, eligible: number, reason: string | null, duplicateOf: number | null, on: string) =>
    raw
      .prepare(`insert into classifications (petition_id, eligible, reason, duplicate_of, decided_on, decided_by, created_at) values (?, ?, ?, ?, ?, 'Cán bộ', ${T})`)
      .run(petitionId, eligible, reason, duplicateOf, on);
  classify(1, 1, null, null, '2026-03-03');
  classify(2, 0, 'duplicate', 1, '2026-03-11');
  classify(4, 0, 'duplicate', 2, '2026-03-19');
  classify(5, 1, null, null, '2026-03-20');
  raw.prepare("update petitions set stage = 'awaiting_decision', cls_eligible = 1 where id in (1, 5)").run();
  raw.prepare("update petitions set stage = 'closed', cls_eligible = 0, cls_reason = 'duplicate' where id in (2, 4)").run();
  await v3.close();
}

describe('0004-matters on a register in use', () => {
  it('makes each petition its own matter, joins duplicates and visits to theirs, and keeps the statistics', async () => {
    const d = tempDir();
    dirs.push(d);
    const file = path.join(d.dir, 'register.sqlite');
    await buildV3(file);

    // The statistics as the previous version computes them.
    const before = await tempRegister({ path: file, migrateTo: V3, now: NOW });
    const period = { from: '2026-01-01', to: '2026-12-31' };
    // (without the breakdown by commune: a register before 0004 has no matters to place)
    const statsBefore = await before.client.stats.get({ ...period, communes: false });
    const keptPetitions = before.register.sqlite.prepare('select * from petitions order by id').all();
    const keptVisits = before.register.sqlite.prepare('select * from visits order by id').all() as Record<string, unknown>[];
    await before.close();

    const t = await tempRegister({ path: file, now: NOW });
    try {
      const sqlite = t.register.sqlite;
      expect(t.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await t.client.stats.get({ ...period, communes: false })).toEqual(statsBefore);
      // Every petition kept, column for column (later migrations add columns of their own).
      const kept = keptPetitions as Record<string, unknown>[];
      const names = Object.keys(kept[0] ?? {});
      expect((sqlite.prepare('select * from petitions order by id').all() as Record<string, unknown>[]).map((r) => Object.fromEntries(names.map((n) => [n, r[n]])))).toEqual(kept);
      const visits = sqlite.prepare('select * from visits order by id').all() as Record<string, unknown>[];
      const visitNames = Object.keys((keptVisits as Record<string, unknown>[])[0] ?? {});
      expect(visits.map((r) => Object.fromEntries(visitNames.map((n) => [n, r[n]])))).toEqual(keptVisits);

      // P1's matter holds V1, P1, the duplicate P2 and, through the chain, P4.
      const contents = sqlite.prepare('select petition_id, position, matter_id, kind, field, summary, needs_split, repeat from petition_contents order by petition_id').all();
      expect(contents).toEqual([
        { petition_id: 1, position: 0, matter_id: 1, kind: 'complaint', field: 'land', summary: 'Khiếu nại quyết định thu hồi đất thôn An Phú', needs_split: 0, repeat: 0 },
        { petition_id: 2, position: 0, matter_id: 1, kind: 'complaint', field: 'land', summary: 'Khiếu nại lại việc thu hồi đất', needs_split: 0, repeat: 1 },
        { petition_id: 3, position: 0, matter_id: 3, kind: 'multiple', field: 'housing', summary: 'Khiếu nại và tố cáo về nhà ở', needs_split: 1, repeat: 0 },
        { petition_id: 4, position: 0, matter_id: 1, kind: 'complaint', field: 'land', summary: 'Đơn khiếu nại thu hồi đất gửi lần ba', needs_split: 0, repeat: 1 },
        { petition_id: 5, position: 0, matter_id: 5, kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ xã nhận tiền', needs_split: 0, repeat: 0 },
      ]);
      // V1 shares P1's matter, V3 shares P5's; V2 has a matter of its own, seen before.
      expect(visits.map((v) => [v.id, v.matter_id])).toEqual([
        [1, 1],
        [2, 7],
        [3, 5],
      ]);
      const matters = sqlite.prepare('select id, kind, field, title, first_seen_on, seen_before, merged_into from matters order by id').all();
      expect(matters).toEqual([
        { id: 1, kind: 'complaint', field: 'land', title: 'Khiếu nại quyết định thu hồi đất thôn An Phú', first_seen_on: '2026-03-02', seen_before: 0, merged_into: null },
        { id: 3, kind: 'other', field: 'housing', title: 'Khiếu nại và tố cáo về nhà ở', first_seen_on: '2026-03-11', seen_before: 0, merged_into: null },
        { id: 5, kind: 'denunciation', field: 'corruption', title: 'Tố cáo cán bộ xã nhận tiền', first_seen_on: '2026-03-20', seen_before: 0, merged_into: null },
        { id: 7, kind: 'recommendation', field: null, title: 'Kiến nghị sửa đường', first_seen_on: '2026-03-02', seen_before: 1, merged_into: null },
      ]);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      // The matter screen reads the converted register at once.
      const detail = await t.client.matters.get({ id: 1 });
      expect(detail.matter).toMatchObject({ petitions: 3, visits: 1, repeated: true });
      expect(detail.items.map((i) => [i.type, i.type === 'visit' ? i.visitId : i.registerNo, i.first])).toEqual([
        ['visit', 1, true],
        ['petition', '2026/000001', true],
        ['petition', '2026/000002', false],
        ['petition', '2026/000004', false],
      ]);
      expect((await t.client.matters.get({ id: 7 })).items).toEqual([expect.objectContaining({ type: 'visit', visitId: 2, first: false })]);
      expect((await t.client.petitions.get({ id: 3 })).contents).toEqual([expect.objectContaining({ kind: 'multiple', needsSplit: true, matterId: 3 })]);
      // Đức's next petition finds his matter first.
      const suggested = await t.client.matters.suggest({ petitioners: [{ fullName: 'Nguyễn Văn Đức', idNumber: '051065001234' }], summary: 'thu hồi đất' });
      expect(suggested[0]).toMatchObject({ matterId: 1, petitions: 3, visits: 1, lastRegisterNo: '2026/000004' });

      // Opening again changes nothing.
      const snap = snapshot(sqlite);
      await t.close();
      const again = await tempRegister({ path: file, now: NOW });
      try {
        expect(snapshot(again.register.sqlite)).toEqual(snap);
      } finally {
        await again.close();
      }
    } finally {
      await t.close();
    }
  });
});
