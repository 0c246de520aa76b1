// The to-do counts of the navigation (todo.counts, one statement on indexes) against a full
// recount: random workflows (intake, classification, decisions, replies, reversals) made through
// the API on a clock the test moves; after each step the counts equal those of every petition read
// one by one (petitions.get: its status and deadlines), and those of todo.summary.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../../shared/calendar/dates.ts';
import { PETITION_KINDS } from '../../shared/domain/petition.ts';
import { DECISION_ACTIONS, type DecisionAction, type TodoSummary } from '../../shared/domain/workflow.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { onPostgres, rawAll, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { agencyByCode, movableClock } from '../helpers/workflow.ts';

const START = '2026-01-05';
type Op = 'create' | 'classify' | 'decide' | 'reply' | 'reverse' | 'wait';
interface Command {
  op: Op;
  a: number;
  b: number;
  days: number;
}
const command: fc.Arbitrary<Command> = fc.record({
  op: fc.oneof(
    { arbitrary: fc.constant<Op>('create'), weight: 4 },
    { arbitrary: fc.constant<Op>('classify'), weight: 3 },
    { arbitrary: fc.constant<Op>('decide'), weight: 3 },
    { arbitrary: fc.constant<Op>('reply'), weight: 1 },
    { arbitrary: fc.constant<Op>('reverse'), weight: 1 },
    { arbitrary: fc.constant<Op>('wait'), weight: 2 },
  ),
  a: fc.nat(999),
  b: fc.nat(999),
  days: fc.nat(2),
});
const ACTIONS: DecisionAction[] = [...DECISION_ACTIONS, 'forward', 'forward', 'forward'];
const pick = <T,>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

/** The counts from every petition, read one by one through the API. */
async function recount(t: TempRegister, today: string): Promise<TodoSummary['counts']> {
  const endOfWeek = addDays(today, (7 - dayOfWeek(today)) % 7);
  const ids = (await rawAll<{ id: number }>(t.register, 'select id from petitions')).map((r) => r.id);
  const counts = { overdue: 0, dueToday: 0, dueThisWeek: 0, replyOverdue: 0, total: 0 };
  for (const id of ids) {
    const { petition } = await t.client.petitions.get({ id });
    const open = petition.stage === 'awaiting_classification' || petition.stage === 'awaiting_decision';
    if (petition.status === 'overdue') counts.overdue++;
    else if (open && petition.dueOn === today) counts.dueToday++;
    else if (open && petition.dueOn !== null && petition.dueOn > today && petition.dueOn <= endOfWeek) counts.dueThisWeek++;
    else if (petition.status === 'reply_overdue') counts.replyOverdue++;
  }
  counts.total = counts.overdue + counts.dueToday + counts.dueThisWeek + counts.replyOverdue;
  return counts;
}

let template: TempDir;
let templateFile: string;
const agencies: number[] = [];

beforeAll(async () => {
  template = tempDir('petreg-todo-counts-');
  templateFile = path.join(template.dir, 'template.sqlite');
  const t = await tempRegister({ path: templateFile, now: movableClock(START).now });
  for (const code of ['SO-NNMT', 'SO-TP']) agencies.push((await agencyByCode(t, code)).id);
  await t.close();
});
afterAll(() => template?.cleanup());

describe('todo.counts', () => {
  it('equals a full recount after every step of random workflows, and the counts of todo.summary', { timeout: 240_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 20, maxLength: 50 }), async (commands) => {
        const file = path.join(template.dir, `run-${++run}.sqlite`);
        const clock = movableClock(START);
        // On SQLite a copy of the template file; on PostgreSQL a fresh database (made and seeded alike).
        if (!onPostgres) fs.copyFileSync(templateFile, file);
        const t = onPostgres ? await tempRegister({ now: clock.now }) : await tempRegister({ path: file, now: clock.now });
        // What the test made: petition ids, with what each has had.
        const made: { id: number; receivedOn: string; classifiedOn: string | null; eligible: boolean; decided: { on: string; forward: boolean } | null; replied: boolean }[] = [];
        try {
          for (const [step, cmd] of commands.entries()) {
            clock.advance(cmd.op === 'wait' ? 3 + (cmd.a % 12) : cmd.days);
            const today = clock.today();
            switch (cmd.op) {
              case 'create': {
                const receivedOn = addDays(today, -(cmd.a % 15));
                const kind = PETITION_KINDS[cmd.b % 3]!;
                const p = await t.client.petitions.create({ receivedOn, channel: 'post', kind, field: 'land', signatories: 1, petitioners: [{ fullName: `Người thử ${step}` }], summary: `Đơn thử ${step}` });
                made.push({ id: p.id, receivedOn, classifiedOn: null, eligible: false, decided: null, replied: false });
                break;
              }
              case 'classify': {
                const p = pick(made.filter((x) => x.classifiedOn === null), cmd.a);
                if (!p) break;
                const eligible = cmd.b % 4 !== 0;
                await t.client.workflow.classify(eligible ? { petitionId: p.id, eligible, on: today } : { petitionId: p.id, eligible, reason: 'anonymous', on: today });
                Object.assign(p, { classifiedOn: today, eligible });
                break;
              }
              case 'decide': {
                const p = pick(made.filter((x) => x.classifiedOn !== null && x.decided === null), cmd.a);
                if (!p) break;
                const action: DecisionAction = p.eligible ? ACTIONS[cmd.b % ACTIONS.length]! : 'file';
                const agencyId = action === 'forward' || action === 'guide' || action === 'urge' ? agencies[cmd.b % agencies.length]! : null;
                await t.client.workflow.decide({ petitionId: p.id, action, agencyId, on: today });
                p.decided = { on: today, forward: action === 'forward' };
                break;
              }
              case 'reply': {
                const p = pick(made.filter((x) => x.decided?.forward === true && !x.replied), cmd.a);
                if (!p) break;
                await t.client.workflow.reply({ petitionId: p.id, on: today, outcome: 'resolved' });
                p.replied = true;
                break;
              }
              case 'reverse': {
                const p = pick(made.filter((x) => x.classifiedOn !== null), cmd.a);
                if (!p) break;
                const what = p.replied ? 'reply' : p.decided ? 'decision' : 'classification';
                await t.client.workflow.reverse({ petitionId: p.id, what, note: 'Hủy để ghi lại cho đúng' });
                if (what === 'reply') p.replied = false;
                else if (what === 'decision') p.decided = null;
                else p.classifiedOn = null;
                break;
              }
              case 'wait':
                break;
            }
            const before = await registerSnapshot(t.register);
            const counts = await t.client.todo.counts();
            expect(await registerSnapshot(t.register)).toEqual(before); // a read writes nothing
            expect(counts.today).toBe(today);
            expect(counts.counts, `step ${step} (${cmd.op}) on ${today}`).toEqual(await recount(t, today));
            expect((await t.client.todo.summary()).counts).toEqual(counts.counts);
          }
        } finally {
          await t.cleanup();
          for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
        }
      }),
      { numRuns: 8 },
    );
  });
});
