// The holiday calendar is built once per span and content (db/ops/holidays.ts holidaysFor) and
// reused; an edit, in this register or another one, is never answered from a stale calendar.
import { afterEach, describe, expect, it } from 'vitest';
import { holidaysFor } from '../../db/ops/holidays.ts';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

const registers: TempRegister[] = [];
async function newRegister(): Promise<TempRegister> {
  const r = await tempRegister();
  registers.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

describe('holidaysFor (the calendar cache)', () => {
  it('reuses the calendar while nothing changes, and its deadlines equal addWorkingDays', async () => {
    const r = await newRegister();
    const a = await holidaysFor(r.register.db, 2026, 2027);
    const b = await holidaysFor(r.register.db, 2026, 2027);
    expect(b).toBe(a);
    for (const start of ['2026-01-01', '2026-02-13', '2026-04-24', '2026-08-28', '2026-12-31']) {
      for (const n of [0, 1, 10, 15, 30]) expect(a.due(start, n)).toBe(addWorkingDays(start, n, a));
    }
  });

  it('an edit gives a new calendar; another register keeps its own', async () => {
    const r1 = await newRegister();
    const r2 = await newRegister();
    const before = await holidaysFor(r1.register.db, 2026, 2027);
    expect(before.has('2026-06-15')).toBe(false);
    expect(before.due('2026-06-12', 1)).toBe('2026-06-15');
    await r1.client.holidays.upsert({ date: '2026-06-15', name: 'Ngày nghỉ thử' });
    const after = await holidaysFor(r1.register.db, 2026, 2027);
    expect(after).not.toBe(before);
    expect(after.has('2026-06-15')).toBe(true);
    expect(after.due('2026-06-12', 1)).toBe('2026-06-16');
    const other = await holidaysFor(r2.register.db, 2026, 2027);
    expect(other.has('2026-06-15')).toBe(false);
    expect(other.due('2026-06-12', 1)).toBe('2026-06-15');
    // The petition saved after the edit counts on the new calendar.
    const p = await r1.client.petitions.create({ receivedOn: '2026-03-13', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Phạm Thị Lan' }], summary: 'Khiếu nại về đất đai' });
    expect(p.dueOn).toBe(addWorkingDays('2026-03-13', 10, after));
    await r1.client.holidays.remove({ date: '2026-06-15' });
    expect((await holidaysFor(r1.register.db, 2026, 2027)).has('2026-06-15')).toBe(false);
  });
});
