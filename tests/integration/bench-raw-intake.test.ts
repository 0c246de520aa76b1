// The bench's raw intake save (bench/operations.ts) is the yardstick of the intake row's ratio: it
// must write what the register writes, or the ratio compares unlike work. Its `same` check reads
// both saves back (the petition with its deadlines, content, matter, petitioners and audit row);
// here it is run on a small register, and shown to notice a difference.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATIONS, type BenchContext, type Operation } from '../../bench/operations.ts';
import { registerSqlFunctions } from '../../db/register.ts';
import { petitionInput } from '../helpers/intake.ts';
import { onPostgres, tempRegister, type TempRegister } from '../helpers/register.ts';

const open: { t: TempRegister; raw: Database.Database }[] = [];
afterEach(async () => {
  for (const { t, raw } of open.splice(0)) {
    raw.close();
    await t.cleanup();
  }
});

const intake = OPERATIONS.find((o) => o.name.startsWith('intake save')) as Operation & Required<Pick<Operation, 'raw' | 'same'>>;

async function benchOn(): Promise<BenchContext> {
  const t = await tempRegister();
  // Names to sample: a few petitions saved at the desk first.
  for (const fullName of ['Nguyễn Văn Đức', 'Trần Thị Bình', 'Lê Văn Hùng']) {
    await t.client.petitions.create(petitionInput({ petitioners: [{ fullName, idNumber: null, birthYear: null, gender: null, phone: null, address: 'Thôn An Phú, xã Tịnh Khê', communeCode: null }] }));
  }
  const raw = new Database(t.path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  registerSqlFunctions(raw);
  open.push({ t, raw });
  return { api: t.api, register: t.register, raw, size: 3, dir: t.dir };
}

describe.skipIf(onPostgres)('the bench: the raw intake save writes what the register writes', () => {
  it('the same rows for every input, deadlines counted on the stored calendar', async () => {
    const ctx = await benchOn();
    const inputs = intake.inputs(ctx, 4);
    for (const input of inputs.slice(0, 2)) {
      const answer = await intake.register(ctx, input);
      const id = intake.raw(ctx, input) as number;
      expect(intake.same(answer, id, ctx)).toBe(true);
    }
    // A day off added right after the receipt moves both deadlines: the raw reads the calendar too.
    const before = ctx.raw.prepare('select due_on, step_due_on from petitions order by id desc limit 1').get() as { due_on: string; step_due_on: string };
    const { receivedOn } = inputs[2] as { receivedOn: string };
    const next = new Date(`${receivedOn}T00:00:00Z`);
    do next.setUTCDate(next.getUTCDate() + 1);
    while (next.getUTCDay() === 0 || next.getUTCDay() === 6);
    await ctx.api.call('holidays.upsert', { date: next.toISOString().slice(0, 10), name: 'Ngày nghỉ thử' });
    for (const input of inputs.slice(2)) {
      const answer = await intake.register(ctx, input);
      const id = intake.raw(ctx, input) as number;
      expect(intake.same(answer, id, ctx)).toBe(true);
    }
    const after = ctx.raw.prepare('select due_on, step_due_on from petitions order by id desc limit 1').get() as { due_on: string; step_due_on: string };
    expect(after.due_on > before.due_on).toBe(true);
    expect(after.step_due_on > before.step_due_on).toBe(true);
  });

  it('notices a raw save that differs: a content without its deadline, a petition without its audit row', async () => {
    const ctx = await benchOn();
    const [a, b] = intake.inputs(ctx, 2);
    const answer = await intake.register(ctx, a);
    const id = intake.raw(ctx, a) as number;
    expect(intake.same(answer, id, ctx)).toBe(true);
    ctx.raw.prepare('update petition_contents set step_due_on = null where petition_id = ?').run(id);
    expect(intake.same(answer, id, ctx)).toBe(false);

    const answer2 = await intake.register(ctx, b);
    const id2 = intake.raw(ctx, b) as number;
    expect(intake.same(answer2, id2, ctx)).toBe(true);
    // The audit log is append-only (its triggers refuse a change): the test drops the delete trigger
    // on its own register to stand for a raw that writes no audit row.
    const row = ctx.raw.prepare("select * from audit_log where entity = 'petition' and entity_id = ?").get(String(id2)) as Record<string, unknown>;
    ctx.raw.prepare('drop trigger audit_log_no_delete').run();
    ctx.raw.prepare('delete from audit_log where id = ?').run(row.id);
    expect(intake.same(answer2, id2, ctx)).toBe(false);
  });
});
