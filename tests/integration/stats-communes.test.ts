// Statistics by the commune where the case arose (the matter's commune): counted per today's unit,
// a unit that changed its code (merged into another) counted under the unit it became, one that
// changed its name shown with today's name, a province with today's name (Đồng Nai a city from
// 30 April 2026); the drill-down lists exactly the petitions a figure counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeBreakdown, drillPetitions } from '../../db/ops/stats.ts';
import { UNIT_CHANGES } from '../../db/units.ts';
import { statsDrillSchema, checkIdentities } from '../../shared/stats/definitions.ts';
import type { UnitChange } from '../../shared/domain/units.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import { expectError } from '../helpers/envelope.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { petitionInput } from '../helpers/intake.ts';

const FROM = '2026-05-01';
const TO = '2026-06-30';
const TODAY = '2026-06-30';

// Quảng Ngãi: Xã An Phú (21034), Xã Bình Sơn (21040), Xã Vạn Tường (21061); Đồng Nai: Phường Biên Hòa (26068).
// The shipped changes plus what a later reorganisation could bring (test data, not shipped): Bình Sơn merges into An Phú, Vạn Tường becomes a ward.
const CHANGES: UnitChange[] = [
  ...UNIT_CHANGES,
  { level: 'commune', code: '21040', validFrom: '2026-06-01', from: { name: 'Bình Sơn', fullName: 'Xã Bình Sơn', type: 'commune' }, to: { code: '21034', name: 'An Phú', fullName: 'Xã An Phú', type: 'commune' }, source: 'test' },
  { level: 'commune', code: '21061', validFrom: '2026-06-01', from: { name: 'Vạn Tường', fullName: 'Xã Vạn Tường', type: 'commune' }, to: { code: '21061', name: 'Vạn Tường', fullName: 'Phường Vạn Tường', type: 'ward' }, source: 'test' },
];

let t: TempRegister;
const p: Record<string, Petition> = {};

async function matterOf(petition: Petition, position = 0): Promise<number> {
  return (await t.client.petitions.get({ id: petition.id })).contents[position]!.matterId;
}

async function setCommune(matterId: number, code: string): Promise<void> {
  const m = (await t.client.matters.get({ id: matterId })).matter;
  await t.client.matters.update({ id: m.id, title: m.title, kind: m.kind, field: m.field, arrivalState: m.arrivalState, caseCommuneCode: code });
}

beforeAll(async () => {
  t = await tempRegister({ now: new Date('2026-06-30T09:00:00+07:00') });
  const create = (receivedOn: string, summary: string, patch = {}) => t.client.petitions.create(petitionInput({ receivedOn, summary, ...patch }));
  p.P1 = await create('2026-05-04', 'Khiếu nại thu hồi đất thôn An Phú');
  const a = await matterOf(p.P1);
  await setCommune(a, '21034');
  p.P0 = await create('2026-04-20', 'Khiếu nại thu hồi đất thôn An Phú (trước kỳ)', { matterId: a });
  p.P2 = await create('2026-05-05', 'Khiếu nại bồi thường ở Bình Sơn');
  await setCommune(await matterOf(p.P2), '21040');
  p.P3 = await create('2026-05-06', 'Khiếu nại thu hồi đất thôn An Phú lần nữa', { matterId: a });
  // Two contents: the first on a new matter in Vạn Tường, the second on An Phú's matter.
  p.P4 = await create('2026-05-07', 'Kiến nghị đường giao thông Vạn Tường', {
    kind: 'recommendation',
    field: 'policy',
    contents: [{ kind: 'complaint', field: 'land', summary: 'Khiếu nại thu hồi đất thôn An Phú', matterId: a }],
  });
  await setCommune(await matterOf(p.P4), '21061');
  p.P5 = await create('2026-05-08', 'Kiến nghị chưa rõ địa bàn', { kind: 'recommendation', field: 'other' });
  p.P6 = await create('2026-05-09', 'Khiếu nại ở phường Biên Hòa');
  await setCommune(await matterOf(p.P6), '26068');
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
});

const registerNos = (rows: { registerNo: string }[]) => rows.map((r) => r.registerNo).sort();
const nos = (...keys: string[]) => keys.map((k) => p[k]!.registerNo).sort();

describe('statistics by the commune where the case arose', () => {
  it('is the same through stats.communes, which the screen asks when its tab opens; stats.get without it leaves it out and keeps every other figure', async () => {
    const full = await t.client.stats.get({ from: FROM, to: TO });
    const { by_commune, ...rest } = full;
    expect(await t.client.stats.communes({ from: FROM, to: TO })).toEqual(by_commune);
    const lean = await t.client.stats.get({ from: FROM, to: TO, communes: false });
    expect(lean).not.toHaveProperty('by_commune');
    expect(lean).toEqual(rest);
  });

  it('counts per commune as the units are today (stats.get, the shipped unit changes), Đồng Nai named a city', async () => {
    const stats = await t.client.stats.get({ from: FROM, to: TO });
    expect(stats.by_commune).toEqual({
      units_on: TODAY,
      communes: [
        // P1, P3 and P4's second content: one matter.
        { commune: '21034', name: 'Xã An Phú', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 3, matters: 1 },
        { commune: '26068', name: 'Phường Biên Hòa', province: '75', province_name: 'Thành phố Đồng Nai', petitions: 1, matters: 1 },
        { commune: '21040', name: 'Xã Bình Sơn', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 1, matters: 1 },
        { commune: '21061', name: 'Xã Vạn Tường', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 1, matters: 1 },
      ],
      unrecorded: 1,
    });
    expect(stats.petitions.received).toBe(6);
    expect(checkIdentities(stats)).toEqual([]);
  });

  it('counts a unit that merged into another under today’s unit, and a renamed one under today’s name', async () => {
    const after = await communeBreakdown(t.register.db, FROM, TO, TODAY, CHANGES);
    expect(after.communes).toEqual([
      // Bình Sơn's P2 joins An Phú: four petitions (P1 P2 P3 P4), two matters.
      { commune: '21034', name: 'Xã An Phú', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 4, matters: 2 },
      { commune: '26068', name: 'Phường Biên Hòa', province: '75', province_name: 'Thành phố Đồng Nai', petitions: 1, matters: 1 },
      { commune: '21061', name: 'Phường Vạn Tường', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 1, matters: 1 },
    ]);
    expect(after.unrecorded).toBe(1);
    // Before the change is valid, each code counts under itself with its names of that day; and
    // before 30 April 2026 Đồng Nai is still a province.
    const before = await communeBreakdown(t.register.db, FROM, TO, '2026-05-31', CHANGES);
    expect(before.communes.map((c) => [c.commune, c.name, c.petitions])).toEqual([
      ['21034', 'Xã An Phú', 3],
      ['26068', 'Phường Biên Hòa', 1],
      ['21040', 'Xã Bình Sơn', 1],
      ['21061', 'Xã Vạn Tường', 1],
    ]);
    const april = await communeBreakdown(t.register.db, '2026-04-01', '2026-04-29', '2026-04-29', CHANGES);
    expect(april.communes).toEqual([{ commune: '21034', name: 'Xã An Phú', province: '51', province_name: 'Tỉnh Quảng Ngãi', petitions: 1, matters: 1 }]);
    const dongNai = await communeBreakdown(t.register.db, FROM, TO, '2026-04-29', CHANGES);
    expect(dongNai.communes.find((c) => c.commune === '26068')!.province_name).toBe('Tỉnh Đồng Nai');
  });

  it('drills to exactly the petitions each figure counts', async () => {
    const drill = (input: object, today = TODAY, changes?: UnitChange[]) => drillPetitions(t.register.db, statsDrillSchema.parse({ from: FROM, to: TO, ...input }), today, changes);
    // Today's units as shipped (through the API) and with the merger.
    const anPhu = await t.client.stats.drill({ from: FROM, to: TO, drill: 'commune', part: '21034' });
    expect(registerNos(anPhu.rows)).toEqual(nos('P1', 'P3', 'P4'));
    expect(anPhu.total).toBe(3);
    expect(registerNos((await t.client.stats.drill({ from: FROM, to: TO, drill: 'commune_unrecorded' })).rows)).toEqual(nos('P5'));
    expect(registerNos((await drill({ drill: 'commune', part: '21034' }, TODAY, CHANGES)).rows)).toEqual(nos('P1', 'P2', 'P3', 'P4'));
    // The merged code has no figure of its own today, so nothing is listed under it.
    expect((await drill({ drill: 'commune', part: '21040' }, TODAY, CHANGES)).total).toBe(0);
    expect(registerNos((await drill({ drill: 'commune', part: '21040' }, '2026-05-31', CHANGES)).rows)).toEqual(nos('P2'));
    // Every figure's drill lists as many petitions as the figure says.
    const stats = await t.client.stats.get({ from: FROM, to: TO });
    for (const c of stats.by_commune!.communes) expect((await t.client.stats.drill({ from: FROM, to: TO, drill: 'commune', part: c.commune })).total, c.commune).toBe(c.petitions);
  });

  it('exports the breakdown with the forms (CSV: one row per figure, keyed into the JSON)', async () => {
    const file = await t.client.stats.export({ from: FROM, to: TO, format: 'csv' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    const line = (key: string) => text.split(/\r?\n/).find((l) => l.includes(`,${key},`));
    expect(line('by_commune.communes[21034].petitions')).toMatch(/^"?Biểu số 02\/XLD – VI\. Đơn theo xã, phường nơi phát sinh vụ việc.*Xã An Phú \(21034\): số đơn,3$/);
    expect(line('by_commune.communes[26068].matters')).toMatch(/Phường Biên Hòa \(26068\): số vụ việc,1$/);
    expect(line('by_commune.unrecorded')).toMatch(/Chưa ghi xã, phường nơi phát sinh"?,1$/);
  });

  it('refuses a bad drill and writes nothing', async () => {
    const before = await registerSnapshot(t.register);
    expectError(await t.api.call('stats.drill', { from: FROM, to: TO, drill: 'commune', part: 'x'.repeat(41) }), 'VALIDATION');
    expectError(await t.api.call('stats.drill', { from: FROM, to: TO, drill: 'communes' }), 'VALIDATION');
    expect(await registerSnapshot(t.register)).toEqual(before);
  });
});
