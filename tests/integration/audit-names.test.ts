// The audit list names records as an officer knows them: a petition by its register number, an
// agency by its name, a holiday by its date; never "#<id>".
import { afterEach, beforeEach, expect, it } from 'vitest';
import { petitionInput } from '../helpers/intake.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister();
});
afterEach(() => t.cleanup());

it('names petitions by register number, holidays by date, settings and the register in words', async () => {
  const p = await t.client.petitions.create(petitionInput());
  await t.client.holidays.upsert({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ' });
  const entries = await t.client.audit.list({ limit: 20 });
  const named = new Map(entries.map((e) => [`${e.entity}:${e.entityId ?? ''}`, e.recordName]));
  expect(named.get(`petition:${p.id}`)).toBe(`Đơn ${p.registerNo}`);
  expect(named.get('holiday:2026-04-27')).toBe('Ngày nghỉ 27/04/2026');
  for (const e of entries) {
    expect(e.recordName, `${e.entity} ${e.entityId}`).toBeTruthy();
    expect(e.recordName).not.toMatch(/#\d/);
  }
});
