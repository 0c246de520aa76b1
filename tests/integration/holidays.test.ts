// The holiday calendar as data: each year's defaults generated once, edited by an administrator,
// and every stored deadline (due_on, reply_due_on, hence the to-do lists) moved by the edits.
import { rawGet, signInAs } from '../helpers/register.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../shared/domain/agency.ts';
import type { User } from '../../shared/domain/user.ts';
import { defaultHolidays } from '../../shared/calendar/holidays.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';
import { openRegisterReadOnly } from '../../db/register.ts';
import { listHolidays } from '../../db/ops/holidays.ts';
import { agencyByCode, classifyAndForward, createPetition, petitionOf, refused, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
let agency: Agency;
let admin: User;
let officer: User;

beforeEach(async () => {
  t = await workflowRegister('2026-03-20');
  agency = await agencyByCode(t, 'SO-NNMT');
  admin = (await t.client.users.list()).find((u) => u.username === 'admin')!;
  officer = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
});
afterEach(async () => {
  await t.cleanup();
});


describe('holidays.list', () => {
  it('lists the defaults of a year not generated yet without writing anything (a read never takes the write lock)', async () => {
    expect(await rawGet(t.register, 'select count(*) as n from holiday_years where year = 2027')).toEqual({ n: 0 });
    const before = await registerSnapshot(t.register);
    const first = await t.client.holidays.list({ year: 2027 });
    expect(first).toEqual(defaultHolidays(2027).map(({ date, name }) => ({ date, name })));
    expect(await registerSnapshot(t.register)).toEqual(before);
    expect(await t.client.holidays.list({ year: 2027 })).toEqual(first);
    // On a read-only handle too.
    const reader = await openRegisterReadOnly({ path: t.path });
    try {
      expect(await listHolidays(reader.db, 2027)).toEqual(first);
    } finally {
      await reader.close();
    }
  });

  it('lists Tết 2026 as the Vietnamese lunar calendar puts it', async () => {
    const list = await t.client.holidays.list({ year: 2026 });
    // The announced 2026 schedule (shared/calendar/schedules.ts).
    expect(list.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(list.find((h) => h.date === '2026-02-17')?.name).toMatch(/Tết Nguyên đán/);
  });

  it("keeps an administrator's deletion deleted on the next listing", async () => {
    await t.client.holidays.list({ year: 2026 });
    await t.client.holidays.remove({ date: '2026-09-01' });
    const again = await t.client.holidays.list({ year: 2026 });
    expect(again.map((h) => h.date)).not.toContain('2026-09-01');
    expect(again).toHaveLength(12);
  });

  it('an edit of a year never listed first stores that year’s defaults, then the edit', async () => {
    await t.client.holidays.upsert({ date: '2028-09-03', name: 'Quốc khánh (nghỉ bù)' });
    const list = await t.client.holidays.list({ year: 2028 });
    expect(list).toEqual([...defaultHolidays(2028).map(({ date, name }) => ({ date, name })), { date: '2028-09-03', name: 'Quốc khánh (nghỉ bù)' }].sort((a, b) => a.date.localeCompare(b.date)));
  });

  it.each([
    ['no input', undefined],
    ['no year', {}],
    ['a string year', { year: '2026' }],
    ['a fractional year', { year: 2026.5 }],
    ['a year before 1900', { year: 1899 }],
    ['a year after 2100', { year: 2101 }],
    ['an extra field', { year: 2026, all: true }],
  ])('refuses %s (VALIDATION) and writes nothing', async (_label, input) => {
    await refused(t, 'holidays.list', input, 'VALIDATION');
  });
});

describe('holidays.upsert and holidays.remove', () => {
  it('add, rename and remove, each with one audit row of before and after', async () => {
    let from = await registerLastAuditId(t.register);
    const added = await t.client.holidays.upsert({ date: '2026-05-04', name: '  Nghỉ bù 30/4 '.normalize('NFD') });
    expect(added).toContainEqual({ date: '2026-05-04', name: 'Nghỉ bù 30/4' });
    expect(added).toHaveLength(14);
    let rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'holiday', entity_id: '2026-05-04', before_json: null });
    expect(JSON.parse(rows[0]!.after_json!)).toEqual({ date: '2026-05-04', name: 'Nghỉ bù 30/4' });

    from = await registerLastAuditId(t.register);
    const renamed = await t.client.holidays.upsert({ date: '2026-05-04', name: 'Nghỉ bù Ngày Chiến thắng' });
    expect(renamed.filter((h) => h.date === '2026-05-04')).toEqual([{ date: '2026-05-04', name: 'Nghỉ bù Ngày Chiến thắng' }]);
    rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'update', entity: 'holiday' });
    expect(JSON.parse(rows[0]!.before_json!)).toEqual({ date: '2026-05-04', name: 'Nghỉ bù 30/4' });

    from = await registerLastAuditId(t.register);
    const removed = await t.client.holidays.remove({ date: '2026-05-04' });
    expect(removed.map((h) => h.date)).not.toContain('2026-05-04');
    rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'delete', entity: 'holiday', entity_id: '2026-05-04', after_json: null });
    expect(JSON.parse(rows[0]!.before_json!)).toEqual({ date: '2026-05-04', name: 'Nghỉ bù Ngày Chiến thắng' });
  });

  it('removing a date that is not a holiday is NOT_FOUND and writes nothing, even in a year not generated yet', async () => {
    await refused(t, 'holidays.remove', { date: '2026-03-18' }, 'NOT_FOUND');
    await refused(t, 'holidays.remove', { date: '2029-03-18' }, 'NOT_FOUND');
    expect(await rawGet(t.register, 'select count(*) as n from holiday_years where year = 2029')).toEqual({ n: 0 });
  });

  it.each([
    ['holidays.upsert', 'no name', { date: '2026-05-04' }],
    ['holidays.upsert', 'a blank name', { date: '2026-05-04', name: '   ' }],
    ['holidays.upsert', 'a too-long name', { date: '2026-05-04', name: 'x'.repeat(201) }],
    ['holidays.upsert', 'an impossible date', { date: '2026-02-29', name: 'Ngày lạ' }],
    ['holidays.upsert', 'a day/month/year date', { date: '04/05/2026', name: 'Nghỉ bù' }],
    ['holidays.upsert', 'an extra field', { date: '2026-05-04', name: 'Nghỉ bù', paid: true }],
    ['holidays.remove', 'no date', {}],
    ['holidays.remove', 'an impossible date', { date: '2026-13-01' }],
    ['holidays.remove', 'an extra field', { date: '2026-05-01', name: 'x' }],
  ])('%s refuses %s (VALIDATION) and writes nothing', async (method, _label, input) => {
    await refused(t, method, input, 'VALIDATION');
  });

  it('only an administrator edits the calendar: an officer is FORBIDDEN and nothing changes', async () => {
    const p = await createPetition(t, { receivedOn: '2026-03-16' });
    await signInAs(t, officer.id);
    const error = await refused(t, 'holidays.upsert', { date: '2026-03-18', name: 'Nghỉ đột xuất' }, 'FORBIDDEN');
    expect(error.message).toContain('Vai trò Cán bộ tiếp nhận không có quyền quản trị');
    await refused(t, 'holidays.remove', { date: '2026-04-30' }, 'FORBIDDEN');
    // Listing is open to everyone.
    expect(await t.client.holidays.list({ year: 2026 })).toHaveLength(13);
    expect((await petitionOf(t, p.id)).dueOn).toBe('2026-03-30');

    await signInAs(t, admin.id);
    const from = await registerLastAuditId(t.register);
    await t.client.holidays.upsert({ date: '2026-03-18', name: 'Nghỉ đột xuất' });
    expect((await registerAuditRowsSince(t.register, from))[0]).toMatchObject({ actor_id: admin.id, actor_name: admin.fullName });
    expect((await petitionOf(t, p.id)).dueOn).toBe('2026-03-31');
  });

  it('an administrator who has been demoted is refused too', async () => {
    const second = await t.client.users.upsert({ username: 'admin2', fullName: 'Quản trị hai', role: 'admin' });
    await signInAs(t, second.id);
    await t.client.holidays.upsert({ date: '2026-03-18', name: 'Nghỉ đột xuất' });
    await t.client.users.upsert({ id: second.id, username: 'admin2', fullName: 'Quản trị hai', role: 'officer' });
    await refused(t, 'holidays.remove', { date: '2026-03-18' }, 'FORBIDDEN');
  });
});

describe('calendar edits move the deadlines', () => {
  it('adding a holiday moves due_on of the petitions whose ten days cross it; removing it moves them back', async () => {
    const crossing = await createPetition(t, { receivedOn: '2026-03-16' }); // due 30 March
    const starting = await createPetition(t, { receivedOn: '2026-03-18', summary: 'Đơn thứ hai' }); // due 1 April
    const after = await createPetition(t, { receivedOn: '2026-03-19', summary: 'Đơn thứ ba' }); // due 2 April
    const tet = await createPetition(t, { receivedOn: '2026-02-10', summary: 'Đơn trước Tết' }); // due 3 March
    expect([crossing, starting, after, tet].map((p) => p.dueOn)).toEqual(['2026-03-30', '2026-04-01', '2026-04-02', '2026-03-03']);

    await t.client.holidays.upsert({ date: '2026-03-19', name: 'Nghỉ đột xuất' });
    const moved = await Promise.all([crossing, starting, after, tet].map((p) => petitionOf(t, p.id)));
    expect(moved.map((p) => p.dueOn)).toEqual(['2026-03-31', '2026-04-02', '2026-04-02', '2026-03-03']);

    // A holiday on a weekend changes nothing.
    const before = (await t.client.petitions.list()).rows.map((r) => r.dueOn);
    await t.client.holidays.upsert({ date: '2026-03-22', name: 'Chủ nhật' });
    expect((await t.client.petitions.list()).rows.map((r) => r.dueOn)).toEqual(before);

    await t.client.holidays.remove({ date: '2026-03-19' });
    const back = await Promise.all([crossing, starting, after, tet].map((p) => petitionOf(t, p.id)));
    expect(back.map((p) => p.dueOn)).toEqual(['2026-03-30', '2026-04-01', '2026-04-02', '2026-03-03']);

    // Removing a default Tết day shortens the count across Tết.
    await t.client.holidays.remove({ date: '2026-02-20' });
    expect((await petitionOf(t, tet.id)).dueOn).toBe('2026-03-02');
  });

  it('moves reply deadlines of active forwards, and the petition between the to-do lists', async () => {
    const p = await createPetition(t, { receivedOn: '2026-03-16' });
    const forwarded = await createPetition(t, { receivedOn: '2026-03-16', summary: 'Đơn đã chuyển' });
    const w = await classifyAndForward(t, forwarded.id, agency.id, '2026-03-18');
    expect(w.replyDueOn).toBe('2026-05-13');

    t.clock.set('2026-03-30'); // Monday: p is due today
    let todo = await t.client.todo.summary();
    expect(todo.dueToday.map((i) => i.id)).toEqual([p.id]);
    expect(todo.dueThisWeek).toEqual([]);

    await t.client.holidays.upsert({ date: '2026-03-27', name: 'Nghỉ đột xuất' });
    expect((await petitionOf(t, p.id)).dueOn).toBe('2026-03-31');
    expect((await petitionOf(t, forwarded.id)).replyDueOn).toBe('2026-05-14');
    todo = await t.client.todo.summary();
    expect(todo.dueToday).toEqual([]);
    expect(todo.dueThisWeek.map((i) => [i.id, i.deadline])).toEqual([[p.id, '2026-03-31']]);
    expect(todo.counts).toMatchObject({ dueToday: 0, dueThisWeek: 1 });

    await t.client.holidays.remove({ date: '2026-03-27' });
    expect((await petitionOf(t, forwarded.id)).replyDueOn).toBe('2026-05-13');
    todo = await t.client.todo.summary();
    expect(todo.dueToday.map((i) => [i.id, i.deadline])).toEqual([[p.id, '2026-03-30']]);

    // Removing a default holiday does the same: 30/4 becomes a working day.
    t.clock.set('2026-05-13');
    await t.client.holidays.remove({ date: '2026-04-30' });
    expect((await petitionOf(t, forwarded.id)).replyDueOn).toBe('2026-05-12');
    todo = await t.client.todo.summary();
    expect(todo.replyOverdue.map((i) => [i.id, i.deadline, i.agencyName])).toEqual([[forwarded.id, '2026-05-12', agency.name]]);
  });
});
