// Deadlines stored on petitions: the Board's 10 working days from receipt (due_on) and the
// agency's reply period after a forward (reply_due_on), counted on the holiday calendar and
// recomputed when what they depend on changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../shared/domain/agency.ts';
import { DEFAULT_REPLY_DAYS } from '../../shared/domain/workflow.ts';
import { defaultHolidays, workCalendar } from '../../shared/calendar/holidays.ts';
import { ANNOUNCED_SCHEDULES } from '../../shared/calendar/schedules.ts';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { updateInput } from '../helpers/intake.ts';
import { rawGet } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId } from '../helpers/snapshot.ts';
import { agencyByCode, classifyAndForward, createPetition, petitionOf, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
let agency: Agency;

beforeEach(async () => {
  t = await workflowRegister('2026-03-20');
  agency = await agencyByCode(t, 'SO-NNMT');
});
afterEach(async () => {
  await t.cleanup();
});

/** The calendar a register uses: the announced schedules of 2025 and 2026, the Labour Code defaults after. */
const defaults = workCalendar(
  [...ANNOUNCED_SCHEDULES.get(2025)!.daysOff, ...ANNOUNCED_SCHEDULES.get(2026)!.daysOff, ...defaultHolidays(2027)],
  [...ANNOUNCED_SCHEDULES.get(2025)!.workedDays, ...ANNOUNCED_SCHEDULES.get(2026)!.workedDays],
);

/** due_on as stored, as returned and as listed. */
async function dueOn(receivedOn: string): Promise<string | null> {
  const p = await createPetition(t, { receivedOn, summary: `Đơn nhận ngày ${receivedOn}` });
  const stored = (await rawGet(t.register, 'select due_on from petitions where id = ?', p.id) as { due_on: string | null }).due_on;
  expect(p.dueOn).toBe(stored);
  const listed = (await t.client.petitions.list({ search: p.registerNo })).rows[0]!;
  expect(listed.dueOn).toBe(stored);
  return stored;
}

describe('the processing deadline: 10 working days after receipt', () => {
  it.each([
    // Tết 2026: 29 Tết (16 Feb) to mùng 4 (20 Feb) are off.
    ['across Tết 2026', '2026-02-10', '2026-03-03'],
    ['received on the eve of Tết', '2026-02-16', '2026-03-06'],
    ['received during Tết', '2026-02-18', '2026-03-06'],
    // 30/4 (Thursday) and 1/5 (Friday), then a weekend; Giỗ Tổ (26 Apr) falls on a Sunday, so Monday
    // 27 April is off (Labour Code art. 111(3)).
    ['across 30/4–1/5 and a weekend', '2026-04-27', '2026-05-13'],
    ['received the Friday before', '2026-04-24', '2026-05-13'],
    ['across Hùng Kings day 2026 (issue 10)', '2026-04-20', '2026-05-07'],
    ['received on 30/4', '2026-04-30', '2026-05-15'],
    // 2/9 with 1/9 (Tuesday, Wednesday), and Monday 31 August off for the worked Saturday 22 August.
    ['across Quốc khánh', '2026-08-28', '2026-09-16'],
    ['across the worked Saturday 22 August', '2026-08-20', '2026-09-07'],
    // The new year: 1 January 2027 is a Friday.
    ['across the new year', '2026-12-24', '2027-01-08'],
    ['received on 31 December', '2026-12-31', '2027-01-15'],
    // A Saturday receipt counts from the next working day; no holiday in between.
    ['received on a Saturday', '2026-03-14', '2026-03-27'],
    ['received on a Sunday', '2026-03-15', '2026-03-27'],
    ['an ordinary fortnight', '2026-03-16', '2026-03-30'],
  ])('%s: received %s → due %s', async (_label, receivedOn, expected) => {
    // Recorded on the day of receipt (a receipt after today is refused).
    if (receivedOn > '2026-03-20') t.clock.set(receivedOn);
    expect(await dueOn(receivedOn)).toBe(expected);
    expect(addWorkingDays(receivedOn, 10, defaults)).toBe(expected);
  });

  it('across Tết 2027 (6 February, a Saturday), from a year whose holidays nobody has listed yet', async () => {
    expect(await rawGet(t.register, 'select count(*) as n from holiday_years where year = 2027')).toEqual({ n: 0 });
    t.clock.set('2027-02-10');
    // 29 Tết is Friday 5 February; mùng 1–4 run Saturday to Tuesday; mùng 1 and 2 fall on the weekend,
    // so Wednesday 10 and Thursday 11 February are off in lieu (Labour Code art. 111(3)).
    expect(await dueOn('2027-02-01')).toBe('2027-02-22');
  });

  it('an edit of the receipt date moves the deadline', async () => {
    const p = await createPetition(t, { receivedOn: '2026-02-10' });
    expect(p.dueOn).toBe('2026-03-03');
    const edited = await t.client.petitions.update(updateInput(p, { receivedOn: '2026-03-16' }));
    expect(edited.dueOn).toBe('2026-03-30');
    expect((await petitionOf(t, p.id)).dueOn).toBe('2026-03-30');
  });
});

describe('the reply deadline after a forward', () => {
  it('counts the working days of the petition kind in settings.replyDays from the forward', async () => {
    const kinds = ['complaint', 'denunciation', 'recommendation', 'multiple'] as const;
    for (const kind of kinds) {
      const p = await createPetition(t, { receivedOn: '2026-03-16', kind, summary: `Đơn loại ${kind}` });
      const w = await classifyAndForward(t, p.id, agency.id, '2026-03-18');
      const expected = addWorkingDays('2026-03-18', DEFAULT_REPLY_DAYS[kind], defaults);
      expect(w.replyDueOn, kind).toBe(expected);
      expect(w.decisions[0]!.replyDueOn, kind).toBe(expected);
      expect((await petitionOf(t, p.id)).replyDueOn, kind).toBe(expected);
    }
    // Complaints: 37 working days from Wednesday 18 March, skipping 27/4, 30/4 and 1/5.
    expect(addWorkingDays('2026-03-18', 37, defaults)).toBe('2026-05-13');
  });

  it('a forward made in December counts into the next year', async () => {
    t.clock.set('2026-12-28');
    const p = await createPetition(t, { receivedOn: '2026-12-21', kind: 'recommendation' });
    const w = await classifyAndForward(t, p.id, agency.id, '2026-12-28');
    expect(w.replyDueOn).toBe(addWorkingDays('2026-12-28', 22, defaults));
    expect(w.replyDueOn).toBe('2027-01-28');
  });

  it('is recomputed when settings.replyDays change, for active forwards of that kind only', async () => {
    const complaint = await createPetition(t, { receivedOn: '2026-03-16', kind: 'complaint' });
    const recommendation = await createPetition(t, { receivedOn: '2026-03-16', kind: 'recommendation', summary: 'Kiến nghị làm đường' });
    const reversed = await createPetition(t, { receivedOn: '2026-03-16', kind: 'complaint', summary: 'Khiếu nại chuyển nhầm' });
    await classifyAndForward(t, complaint.id, agency.id, '2026-03-18');
    const rec = await classifyAndForward(t, recommendation.id, agency.id, '2026-03-18');
    const wrong = await classifyAndForward(t, reversed.id, agency.id, '2026-03-18');
    await t.client.workflow.reverse({ petitionId: reversed.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });

    const from = await registerLastAuditId(t.register);
    await t.client.settings.update({ replyDays: { complaint: 10 } });
    expect(await registerAuditRowsSince(t.register, from)).toHaveLength(1);

    const after = await t.client.petitions.get({ id: complaint.id });
    expect(after.petition.replyDueOn).toBe('2026-04-01');
    expect(after.workflow.decisions[0]!.replyDueOn).toBe('2026-04-01');
    expect((await petitionOf(t, recommendation.id)).replyDueOn).toBe(rec.replyDueOn);
    // A reversed forward keeps the deadline it had; its petition has none.
    const rw = await t.client.petitions.get({ id: reversed.id });
    expect(rw.workflow.decisions[0]!.replyDueOn).toBe(wrong.decisions[0]!.replyDueOn);
    expect(rw.petition.replyDueOn).toBeNull();

    // A new forward uses the new period at once.
    const later = await createPetition(t, { receivedOn: '2026-03-17', kind: 'complaint', summary: 'Khiếu nại khác' });
    expect((await classifyAndForward(t, later.id, agency.id, '2026-03-19')).replyDueOn).toBe('2026-04-02');

    // And back.
    await t.client.settings.update({ replyDays: { complaint: 37 } });
    expect((await petitionOf(t, complaint.id)).replyDueOn).toBe('2026-05-13');
  });

  it('the status turns reply_overdue the day after the recomputed deadline', async () => {
    const p = await createPetition(t, { receivedOn: '2026-03-16' });
    await classifyAndForward(t, p.id, agency.id, '2026-03-18');
    t.clock.set('2026-03-26');
    expect((await petitionOf(t, p.id)).status).toBe('forwarded');
    await t.client.settings.update({ replyDays: { complaint: 5 } }); // due Wednesday 25 March
    expect(await petitionOf(t, p.id)).toMatchObject({ replyDueOn: '2026-03-25', status: 'reply_overdue' });
    expect((await t.client.petitions.list({ status: 'reply_overdue' })).rows.map((r) => r.id)).toEqual([p.id]);
  });
});
