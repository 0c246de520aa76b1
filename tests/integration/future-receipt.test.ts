// A petition cannot be received after today: refused at the core, before a register number is
// used, on create and on edit; nothing is written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { petitionInput, updateInput } from '../helpers/intake.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { refused } from '../helpers/workflow.ts';

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister(); // TEST_NOW: 15/03/2026
});
afterEach(() => t.cleanup());

describe('the date of receipt', () => {
  it('today is accepted; tomorrow is refused with a message in dd/mm/yyyy, and no number is used', async () => {
    const error = await refused(t, 'petitions.create', petitionInput({ receivedOn: '2026-03-16' }), 'VALIDATION');
    expect(error.message).toBe('Ngày nhận đơn (16/03/2026) không được sau ngày hôm nay (15/03/2026)');
    expect(error.issues).toEqual([{ path: 'receivedOn', message: error.message }]);
    const created = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-15' }));
    expect(created.registerNo).toBe('2026/000001');
  });

  it('an edit cannot move the receipt after today', async () => {
    const p = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-10' }));
    const error = await refused(t, 'petitions.update', updateInput(p, { receivedOn: '2026-12-25' }), 'VALIDATION');
    expect(error.issues?.[0]?.path).toBe('receivedOn');
    expect((await t.client.petitions.update(updateInput(p, { receivedOn: '2026-03-14' }))).receivedOn).toBe('2026-03-14');
  });
});
