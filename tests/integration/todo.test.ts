// "Việc cần làm" with a clock the test moves: petitions due this week, due today, overdue, and
// forwarded ones whose agency is late to reply. Closed petitions never appear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../shared/domain/agency.ts';
import type { TodoSummary } from '../../shared/domain/workflow.ts';
import { BINH, DUC } from '../helpers/intake.ts';
import { rawRun } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { agencyByCode, classifyAndForward, createPetition, refused, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
let agency: Agency;

beforeEach(async () => {
  t = await workflowRegister('2026-03-04');
  agency = await agencyByCode(t, 'SO-NNMT');
});
afterEach(async () => {
  await t.cleanup();
});

const LISTS = ['overdue', 'dueToday', 'dueThisWeek', 'replyOverdue'] as const;

/** The summary, checked for consistency: counts equal list lengths, total their sum, no petition twice. */
async function todo(): Promise<TodoSummary> {
  const before = await registerSnapshot(t.register);
  const s = await t.client.todo.summary();
  expect(await registerSnapshot(t.register)).toEqual(before); // a read writes nothing
  expect(s.today).toBe(t.clock.today());
  for (const list of LISTS) expect(s.counts[list], list).toBe(s[list].length);
  expect(s.counts.total).toBe(LISTS.reduce((n, list) => n + s.counts[list], 0));
  const ids = LISTS.flatMap((list) => s[list].map((i) => i.id));
  expect(new Set(ids).size).toBe(ids.length);
  return s;
}

/** Which list holds the petition today, or null. */
function where(s: TodoSummary, id: number): (typeof LISTS)[number] | null {
  return LISTS.find((list) => s[list].some((i) => i.id === id)) ?? null;
}

describe('todo.summary as the days pass', () => {
  it('due this week → due today → overdue, until it is decided', async () => {
    // Received Wednesday 4 March: due Wednesday 18 March.
    const p = await createPetition(t, { receivedOn: '2026-03-04', petitioners: [DUC, BINH], signatories: 2 });
    expect(p.dueOn).toBe('2026-03-18');
    const timeline: [string, (typeof LISTS)[number] | null][] = [
      ['2026-03-04', null],
      ['2026-03-13', null], // Friday: the week ends on Sunday the 15th
      ['2026-03-15', null], // Sunday
      ['2026-03-16', 'dueThisWeek'], // Monday of the deadline's week
      ['2026-03-17', 'dueThisWeek'],
      ['2026-03-18', 'dueToday'],
      ['2026-03-19', 'overdue'],
      ['2026-04-30', 'overdue'],
    ];
    for (const [day, list] of timeline) {
      t.clock.set(day);
      expect(where(await todo(), p.id), day).toBe(list);
    }

    t.clock.set('2026-03-18');
    const s = await todo();
    expect(s.dueToday).toEqual([
      {
        id: p.id,
        registerNo: p.registerNo,
        receivedOn: '2026-03-04',
        petitionerNames: 'Nguyễn Văn Đức, Trần Thị Bình',
        summary: p.summary,
        status: 'awaiting_classification',
        deadline: '2026-03-18',
        agencyName: null,
      },
    ]);
    // Classified, still undecided: still on the list.
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-18' });
    expect((await todo()).dueToday.map((i) => [i.id, i.status])).toEqual([[p.id, 'awaiting_decision']]);
    t.clock.set('2026-03-19');
    expect((await todo()).overdue.map((i) => [i.id, i.status])).toEqual([[p.id, 'overdue']]);
    // Decided: off the processing lists for good.
    await t.client.workflow.decide({ petitionId: p.id, action: 'accept', on: '2026-03-19' });
    for (const day of ['2026-03-19', '2026-06-01', '2027-03-01']) {
      t.clock.set(day);
      expect(where(await todo(), p.id), day).toBeNull();
    }
  });

  it('forwarded petitions appear under reply overdue after their reply deadline, until the reply', async () => {
    const p = await createPetition(t, { receivedOn: '2026-03-04', kind: 'recommendation' });
    await classifyAndForward(t, p.id, agency.id, '2026-03-04');
    const w = await t.client.workflow.remind({ petitionId: p.id, on: '2026-03-04' });
    // 22 working days from Wednesday 4 March.
    expect(w.replyDueOn).toBe('2026-04-03');
    for (const [day, list] of [
      ['2026-03-19', null], // past the processing deadline: forwarded is handled
      ['2026-04-03', null], // the reply deadline itself
      ['2026-04-04', 'replyOverdue'],
      ['2026-05-20', 'replyOverdue'],
    ] as const) {
      t.clock.set(day);
      expect(where(await todo(), p.id), day).toBe(list);
    }
    const s = await todo();
    expect(s.replyOverdue).toEqual([expect.objectContaining({ id: p.id, status: 'reply_overdue', deadline: '2026-04-03', agencyName: agency.name })]);

    await t.client.workflow.reply({ petitionId: p.id, on: '2026-05-20', outcome: 'resolved' });
    expect(where(await todo(), p.id)).toBeNull();
    // A reversed reply brings it back; a reversed forward sends it back to the processing lists.
    await t.client.workflow.reverse({ petitionId: p.id, what: 'reply', note: 'Báo cáo nhập nhầm' });
    expect(where(await todo(), p.id)).toBe('replyOverdue');
    await t.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });
    const back = await todo();
    expect(where(back, p.id)).toBe('overdue');
    expect(back.overdue.find((i) => i.id === p.id)).toMatchObject({ status: 'overdue', deadline: '2026-03-18', agencyName: null });
  });

  it('closed petitions never appear, however late', async () => {
    const filed = await createPetition(t, { receivedOn: '2026-03-02', summary: 'Đơn nặc danh' });
    await t.client.workflow.classify({ petitionId: filed.id, eligible: false, reason: 'anonymous', on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: filed.id, action: 'file', on: '2026-03-03' });
    const guided = await createPetition(t, { receivedOn: '2026-03-02', summary: 'Đơn hướng dẫn' });
    await t.client.workflow.classify({ petitionId: guided.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: guided.id, action: 'guide', agencyId: agency.id, on: '2026-03-03' });
    const replied = await createPetition(t, { receivedOn: '2026-03-02', summary: 'Đơn đã có trả lời' });
    await classifyAndForward(t, replied.id, agency.id, '2026-03-03');
    await t.client.workflow.reply({ petitionId: replied.id, on: '2026-03-04', outcome: 'rejected' });
    const open = await createPetition(t, { receivedOn: '2026-03-02', summary: 'Đơn chưa xử lý' });

    for (const day of ['2026-03-10', '2026-03-16', '2026-03-17', '2026-12-31']) {
      t.clock.set(day);
      const s = await todo();
      for (const closed of [filed, guided, replied]) expect(where(s, closed.id), `${day} ${closed.summary}`).toBeNull();
      expect(where(s, open.id), day).toBe(day === '2026-03-10' ? null : day === '2026-03-16' ? 'dueToday' : 'overdue');
    }
  });

  it('orders each list by deadline and counts every petition', async () => {
    const received = ['2026-03-03', '2026-03-02', '2026-03-04', '2026-03-02'];
    const ps = [];
    for (const [i, receivedOn] of received.entries()) ps.push(await createPetition(t, { receivedOn, summary: `Đơn số ${i}` }));
    t.clock.set('2026-03-19');
    const s = await todo();
    // Due 16, 16, 17 March are overdue (oldest first, then by id); due 18 March was yesterday too.
    expect(s.overdue.map((i) => [i.id, i.deadline])).toEqual([
      [ps[1]!.id, '2026-03-16'],
      [ps[3]!.id, '2026-03-16'],
      [ps[0]!.id, '2026-03-17'],
      [ps[2]!.id, '2026-03-18'],
    ]);
    expect(s.counts).toEqual({ overdue: 4, dueToday: 0, dueThisWeek: 0, replyOverdue: 0, total: 4 });
  });

  it('refuses any input and writes nothing', async () => {
    await refused(t, 'todo.summary', { today: '2026-03-20' }, 'VALIDATION');
    await refused(t, 'todo.summary', 'x', 'VALIDATION');
  });
});

describe('todo.summary over many petitions', () => {
  it('lists at most 200 per section, while the count says how many there are', async () => {
    const first = await createPetition(t, { receivedOn: '2026-03-02' });
    // Copy the first petition 204 times in SQL: same day, same deadline, numbers 2..205.
    await rawRun(
      t.register,
      `with recursive copies(n) as (select 2 union all select n + 1 from copies where n < 205)
      insert into petitions (year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, due_on, created_at, updated_at)
      select year, n, '2026/' || substr(cast(1000000 + n as text), 2), received_on, channel, kind, field, signatories, summary, search_folded, due_on, created_at, updated_at
      from petitions, copies where id = ?`,
      first.id,
    );
    t.clock.set('2026-03-17');
    const s = await t.client.todo.summary();
    expect(s.counts).toMatchObject({ overdue: 205, total: 205 });
    expect(s.overdue).toHaveLength(200);
    expect(s.overdue[0]!.id).toBe(first.id);
  });
});
