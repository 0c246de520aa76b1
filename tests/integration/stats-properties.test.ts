// Properties of the statistics over random registers: random sequences of sessions, visits,
// petitions, classifications, decisions, replies and reversals, made through the API on a clock the
// test moves, then random periods. For each: every identity of checkIdentities holds, `received`
// equals a direct count in SQLite, and every figure equals the one a plain model of the records
// (kept here, step by step, from what the test did) gives.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { FIELDS, PETITION_KINDS, type Field, type PetitionKind } from '../../shared/domain/petition.ts';
import { SESSION_KINDS, type SessionKind } from '../../shared/domain/reception.ts';
import { DECISION_ACTIONS, INELIGIBLE_REASONS, type DecisionAction, type IneligibleReason, type Workflow } from '../../shared/domain/workflow.ts';
import { checkIdentities, type AgencyFigures, type Statistics } from '../../shared/stats/definitions.ts';
import { onPostgres, rawGet, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { agencyByCode, movableClock, type MovableClock } from '../helpers/workflow.ts';
import { visitInput } from '../helpers/intake.ts';

const START = '2025-11-03';
const AGENCY_CODES = ['SO-NNMT', 'SO-TP', 'SO-XD'] as const;
/** Forwards weigh more: they carry the agency figures (replies on time, late, overdue, pending). */
const ELIGIBLE_ACTIONS: DecisionAction[] = [...DECISION_ACTIONS, 'forward', 'forward'];

interface ModelPetition {
  id: number;
  receivedOn: string;
  kind: PetitionKind;
  field: Field;
  signatories: number;
  cls: { eligible: boolean; reason: IneligibleReason | null; on: string } | null;
  dec: { action: DecisionAction; on: string; agency: string | null; due: string | null } | null;
  reply: { on: string } | null;
}

interface ModelSession {
  id: number;
  kind: SessionKind;
  date: string;
  visits: { persons: number; delegation: number | null }[];
}

interface Model {
  petitions: ModelPetition[];
  sessions: ModelSession[];
}

type Op = 'create' | 'classify' | 'decide' | 'reply' | 'reverse' | 'session' | 'visit' | 'wait';
interface Command {
  op: Op;
  a: number;
  b: number;
  c: number;
  days: number;
}

const command: fc.Arbitrary<Command> = fc.record({
  op: fc.oneof(
    { arbitrary: fc.constant<Op>('create'), weight: 4 },
    { arbitrary: fc.constant<Op>('classify'), weight: 3 },
    { arbitrary: fc.constant<Op>('decide'), weight: 3 },
    { arbitrary: fc.constant<Op>('reply'), weight: 2 },
    { arbitrary: fc.constant<Op>('reverse'), weight: 1 },
    { arbitrary: fc.constant<Op>('session'), weight: 1 },
    { arbitrary: fc.constant<Op>('visit'), weight: 2 },
    { arbitrary: fc.constant<Op>('wait'), weight: 2 },
  ),
  a: fc.nat(999),
  b: fc.nat(999),
  c: fc.nat(999),
  days: fc.nat(3),
});

/** A period as offsets from START: it may begin before the first record and end after the last. */
const period = fc.tuple(fc.integer({ min: -40, max: 220 }), fc.integer({ min: 0, max: 240 }));

const later = (a: string, b: string) => (a > b ? a : b);
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function activeDecision(w: Workflow) {
  return w.decisions.filter((d) => d.reversed === null).at(-1)!;
}

async function apply(t: TempRegister, clock: MovableClock, model: Model, agencies: Map<string, number>, cmd: Command): Promise<void> {
  clock.advance(cmd.op === 'wait' ? 10 + (cmd.a % 30) : cmd.days);
  const today = clock.today();
  const back = (notBefore: string) => later(notBefore, addDays(today, -(cmd.c % 3)));
  const ps = model.petitions;
  switch (cmd.op) {
    case 'wait':
      return;
    case 'create': {
      const receivedOn = addDays(today, -(cmd.a % 20));
      const kind = PETITION_KINDS[cmd.b % PETITION_KINDS.length]!;
      const field = FIELDS[cmd.c % FIELDS.length]!;
      const signatories = cmd.a % 3 === 0 ? 1 + (cmd.b % 5) : 1;
      const n = ps.length + 1;
      const p = await t.client.petitions.create({
        receivedOn,
        channel: 'post',
        kind,
        field,
        signatories,
        petitioners: [{ fullName: `Người thử số ${n}` }],
        summary: `Đơn thử số ${n}, nội dung ${cmd.a}-${cmd.b}-${cmd.c}`,
      });
      ps.push({ id: p.id, receivedOn, kind, field, signatories, cls: null, dec: null, reply: null });
      return;
    }
    case 'classify': {
      const p = pick(
        ps.filter((x) => x.cls === null),
        cmd.a,
      );
      if (!p) return;
      const on = back(p.receivedOn);
      if (cmd.b % 2 === 0) {
        await t.client.workflow.classify({ petitionId: p.id, eligible: true, on });
        p.cls = { eligible: true, reason: null, on };
        return;
      }
      let reason = INELIGIBLE_REASONS[cmd.c % INELIGIBLE_REASONS.length]!;
      const original = reason === 'duplicate' ? pick(ps.filter((x) => x.id !== p.id && (x.receivedOn < p.receivedOn || (x.receivedOn === p.receivedOn && x.id < p.id))), cmd.b) : undefined;
      if (reason === 'duplicate' && !original) reason = 'anonymous';
      await t.client.workflow.classify({
        petitionId: p.id,
        eligible: false,
        reason,
        duplicateOf: reason === 'duplicate' ? original!.id : null,
        note: reason === 'other' ? 'Ghi chú lý do khác' : null,
        on,
      });
      p.cls = { eligible: false, reason, on };
      return;
    }
    case 'decide': {
      const p = pick(
        ps.filter((x) => x.cls !== null && x.dec === null),
        cmd.a,
      );
      if (!p) return;
      const action: DecisionAction = p.cls!.eligible ? ELIGIBLE_ACTIONS[cmd.b % ELIGIBLE_ACTIONS.length]! : cmd.b % 2 === 0 ? 'file' : 'return';
      const code = action === 'forward' || action === 'guide' || action === 'urge' ? AGENCY_CODES[cmd.c % AGENCY_CODES.length]! : null;
      const on = back(p.cls!.on);
      const w = await t.client.workflow.decide({ petitionId: p.id, action, agencyId: code === null ? null : agencies.get(code)!, on });
      p.dec = { action, on, agency: code, due: activeDecision(w).replyDueOn };
      return;
    }
    case 'reply': {
      // A third of the petitions never get a reply: they end overdue or pending.
      const p = pick(
        ps.filter((x) => x.dec?.action === 'forward' && x.reply === null && x.id % 3 !== 0),
        cmd.a,
      );
      if (!p) return;
      const on = back(p.dec!.on);
      await t.client.workflow.reply({ petitionId: p.id, on, outcome: 'resolved' });
      p.reply = { on };
      return;
    }
    case 'reverse': {
      const p = pick(
        ps.filter((x) => x.cls !== null),
        cmd.a,
      );
      if (!p) return;
      const what = p.reply ? 'reply' : p.dec ? 'decision' : 'classification';
      await t.client.workflow.reverse({ petitionId: p.id, what, note: 'Hủy để ghi lại cho đúng' });
      if (what === 'reply') p.reply = null;
      else if (what === 'decision') p.dec = null;
      else p.cls = null;
      return;
    }
    case 'session': {
      const kind = SESSION_KINDS[cmd.a % SESSION_KINDS.length]!;
      const date = addDays(today, -(cmd.b % 10));
      const s = await t.client.sessions.upsert({ kind, date, officers: [] });
      model.sessions.push({ id: s.id, kind, date, visits: [] });
      return;
    }
    case 'visit': {
      const s = pick(model.sessions, cmd.a);
      if (!s) return;
      const members = cmd.c % 4 === 0 ? 5 + (cmd.b % 10) : null;
      const persons = members ?? 1 + (cmd.b % 4);
      const citizen = { fullName: `Công dân thử ${s.visits.length + 1}` };
      await t.client.visits.save(visitInput(s.id, { persons, citizen, delegation: members === null ? null : { members, representatives: [citizen] } }));
      s.visits.push({ persons, delegation: members });
      return;
    }
  }
}

/** The statistics of a period, from the model alone. */
function expected(model: Model, from: string, to: string, today: string, names: Map<string, string>): Statistics {
  const asOf = today < to ? today : to;
  const inPeriod = model.petitions.filter((p) => p.receivedOn >= from && p.receivedOn <= to);
  const count = (f: (p: ModelPetition) => boolean) => inPeriod.filter(f).length;
  const group = (kinds: SessionKind[]) => {
    const sessions = model.sessions.filter((s) => kinds.includes(s.kind) && s.date >= from && s.date <= to);
    const visits = sessions.flatMap((s) => s.visits);
    return {
      sessions: sessions.length,
      visits: visits.length,
      persons: visits.reduce((n, v) => n + v.persons, 0),
      delegations: visits.filter((v) => v.delegation !== null).length,
      delegation_persons: visits.reduce((n, v) => n + (v.delegation ?? 0), 0),
    };
  };
  const decisions = Object.fromEntries(DECISION_ACTIONS.map((a) => [a, count((p) => p.dec?.action === a)])) as Record<DecisionAction, number>;
  const forwarded = inPeriod.filter((p) => p.dec?.action === 'forward');
  const agencies: AgencyFigures[] = [...new Set(forwarded.map((p) => p.dec!.agency!))].map((code) => {
    const mine = forwarded.filter((p) => p.dec!.agency === code);
    const n = (f: (p: ModelPetition) => boolean) => mine.filter(f).length;
    return {
      agency: code,
      name: names.get(code)!,
      forwarded: mine.length,
      replied: n((p) => p.reply !== null),
      replied_on_time: n((p) => p.reply !== null && p.reply.on <= p.dec!.due!),
      replied_late: n((p) => p.reply !== null && p.reply.on > p.dec!.due!),
      overdue: n((p) => p.reply === null && p.dec!.due! < asOf),
      pending: n((p) => p.reply === null && p.dec!.due! >= asOf),
    };
  });
  return {
    period: { from, to },
    as_of: asOf,
    reception: { regular: group(['regular']), leaders: group(['periodic', 'adhoc']), online: group(['online']) },
    petitions: {
      received: inPeriod.length,
      carried_over: model.petitions.filter((p) => p.receivedOn < from && (p.dec === null || p.dec.on >= from)).length,
      multi_signatory: count((p) => p.signatories >= 2),
      eligible: {
        total: count((p) => p.cls?.eligible === true),
        ...(Object.fromEntries(PETITION_KINDS.map((k) => [k, count((p) => p.cls?.eligible === true && p.kind === k)])) as Record<PetitionKind, number>),
      },
      ineligible: {
        total: count((p) => p.cls?.eligible === false),
        by_reason: Object.fromEntries(INELIGIBLE_REASONS.map((r) => [r, count((p) => p.cls?.eligible === false && p.cls.reason === r)])) as Record<IneligibleReason, number>,
      },
      unclassified: count((p) => p.cls === null),
      by_field: Object.fromEntries(FIELDS.map((f) => [f, count((p) => p.field === f)])) as Record<Field, number>,
      decisions: { ...decisions, total: count((p) => p.dec !== null), undecided: count((p) => p.dec === null) },
      forwarded_by_agency: agencies,
    },
    // The model's commands never record the commune where a case arose (tests/integration/stats-communes.test.ts does).
    by_commune: { units_on: today, communes: [], unrecorded: inPeriod.length },
  };
}

const byCode = (s: Statistics): Statistics => ({
  ...s,
  petitions: { ...s.petitions, forwarded_by_agency: [...s.petitions.forwarded_by_agency].sort((x, y) => x.agency.localeCompare(y.agency)) },
});

let template: TempDir;
let templateFile: string;
const agencyIds = new Map<string, number>();
const agencyNames = new Map<string, string>();

beforeAll(async () => {
  template = tempDir('petreg-stats-prop-');
  templateFile = path.join(template.dir, 'template.sqlite');
  // On PostgreSQL the agencies are read from a register seeded as each run's is.
  const t = onPostgres ? await tempRegister({ now: movableClock(START).now }) : await tempRegister({ path: templateFile, now: movableClock(START).now });
  for (const code of AGENCY_CODES) {
    const a = await agencyByCode(t, code);
    agencyIds.set(code, a.id);
    agencyNames.set(code, a.name);
  }
  await t.cleanup();
});

afterAll(() => template?.cleanup());

describe('statistics of random registers', () => {
  it('keep every identity, count what was received, and agree with a model of the records', { timeout: 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 40, maxLength: 120, size: 'max' }), fc.array(period, { minLength: 3, maxLength: 5 }), async (commands, periods) => {
        const file = path.join(template.dir, `run-${++run}.sqlite`);
        // On PostgreSQL each run is a fresh database (seeded alike: the same agencies).
        if (!onPostgres) fs.copyFileSync(templateFile, file);
        const clock = movableClock(START);
        const t = onPostgres ? await tempRegister({ now: clock.now }) : await tempRegister({ path: file, now: clock.now });
        try {
          const model: Model = { petitions: [], sessions: [] };
          for (const cmd of commands) await apply(t, clock, model, agencyIds, cmd);
          const count = async (from: string, to: string) => (await rawGet<{ n: number }>(t.register, 'select count(*) as n from petitions where received_on between ? and ?', from, to))!.n;
          for (const [offset, length] of periods) {
            const from = addDays(START, offset);
            const to = addDays(from, length);
            const stats = await t.client.stats.get({ from, to });
            expect(checkIdentities(stats), `${from}..${to}`).toEqual([]);
            expect(stats.petitions.received).toBe(await count(from, to));
            expect(byCode(stats)).toEqual(byCode(expected(model, from, to, clock.today(), agencyNames)));
          }
        } finally {
          await t.cleanup();
          fs.rmSync(file, { force: true });
          fs.rmSync(`${file}-wal`, { force: true });
          fs.rmSync(`${file}-shm`, { force: true });
        }
      }),
      // Shrinking a long command list is slow: stop after a while and report the smallest case found by then.
      { numRuns: 25, plugins: [fc.interruptAfterTimeLimit(150_000)] },
    );
  });
});
