// Properties of the official forms over random registers made through the API: sessions of every
// kind with visits (some delegations, some on an earlier matter), petitions of the three kinds on
// new or earlier matters, classifications, decisions, replies, matter states; then random periods.
// For every form and period: the report is produced (no identity fails), its identities hold, and
// its population equals a direct count in SQLite, and each petitions or matters figure equals the
// number of records its drill lists (the column's filter over every petition of the period).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { COMPLAINT_ONLY_STATES, DENUNCIATION_ONLY_STATES } from '../../shared/domain/matter.ts';
import { sql } from 'kysely';
import { drillIdsSql } from '../../db/ops/reports.ts';
import { REPORT_FORMS } from '../../shared/reports/forms.ts';
import { onPostgres, rawGet, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { agencyByCode, movableClock, type MovableClock } from '../helpers/workflow.ts';
import { person, petitionInput, visitInput } from '../helpers/intake.ts';

const START = '2025-11-03';
const KINDS = ['complaint', 'denunciation', 'recommendation'] as const;
const FIELDS = ['land', 'housing', 'compensation', 'policy', 'justice', 'corruption', 'administration', 'other'] as const;
const STATES = ['unresolved', 'resolved_once', 'resolved_twice', 'court_judgment', 'denunciation_concluded', 'denunciation_overdue'] as const;
const SESSION_KINDS = ['regular', 'regular', 'periodic', 'adhoc', 'online'] as const;

type Op = 'session' | 'visit' | 'petition' | 'classify' | 'decide' | 'reply' | 'state' | 'wait';
interface Command {
  op: Op;
  a: number;
  b: number;
  c: number;
}

const command: fc.Arbitrary<Command> = fc.record({
  op: fc.oneof(
    { arbitrary: fc.constant<Op>('petition'), weight: 5 },
    { arbitrary: fc.constant<Op>('classify'), weight: 3 },
    { arbitrary: fc.constant<Op>('decide'), weight: 3 },
    { arbitrary: fc.constant<Op>('reply'), weight: 1 },
    { arbitrary: fc.constant<Op>('state'), weight: 1 },
    { arbitrary: fc.constant<Op>('session'), weight: 1 },
    { arbitrary: fc.constant<Op>('visit'), weight: 3 },
    { arbitrary: fc.constant<Op>('wait'), weight: 3 },
  ),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
});
const period = fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 200 }));

interface State {
  clock: MovableClock;
  sessions: number[];
  visits: { id: number; matterId: number }[];
  petitions: { id: number; stage: 'new' | 'classified' | 'decided' | 'forwarded' | 'closed'; eligible: boolean; receivedOn: string; matterId: number }[];
  agencies: number[];
}

const pick = <T,>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

async function apply(t: TempRegister, s: State, cmd: Command): Promise<void> {
  const c = t.client;
  const today = s.clock.today();
  switch (cmd.op) {
    case 'wait':
      s.clock.advance(1 + (cmd.a % 6));
      return;
    case 'session': {
      const kind = pick(SESSION_KINDS, cmd.a);
      s.sessions.push((await c.sessions.upsert({ kind, date: today })).id);
      return;
    }
    case 'visit': {
      if (s.sessions.length === 0) s.sessions.push((await c.sessions.upsert({ kind: 'regular', date: today })).id);
      const sessionId = s.sessions[s.sessions.length - 1]!;
      const earlier = cmd.b % 3 === 0 && s.visits.length > 0 ? pick(s.visits, cmd.c).matterId : undefined;
      const persons = cmd.a % 5 === 0 ? 5 + (cmd.c % 8) : 1 + (cmd.c % 3);
      const citizen = person({ fullName: `Người thứ ${cmd.a % 40}` });
      const v = await c.visits.save(
        visitInput(sessionId, {
          citizen,
          persons,
          ...(persons >= 5 ? { delegation: { members: persons, representatives: [citizen] } } : {}),
          matter: pick(KINDS, cmd.b),
          outcome: 'explained',
          ...(earlier ? { matterId: earlier } : {}),
        }),
      );
      s.visits.push({ id: v.id, matterId: v.matterId! });
      return;
    }
    case 'petition': {
      const onEarlier = cmd.b % 4 === 0 && s.petitions.length > 0 ? pick(s.petitions, cmd.c).matterId : undefined;
      const p = await c.petitions.create(
        petitionInput({
          receivedOn: today,
          kind: pick(KINDS, cmd.a),
          field: pick(FIELDS, cmd.b),
          petitioners: [person({ fullName: `Người thứ ${cmd.c % 40}` })],
          // Each letter its own content: two denunciations of one content may be forwarded only
          // once (refuseSecondForward), which this model of the desk does not play.
          summary: `Nội dung đơn số ${cmd.a} (thư thứ ${s.petitions.length + 1})`,
          ...(onEarlier ? { matterId: onEarlier } : {}),
        }),
      );
      const matterId = (await rawGet<{ matter_id: number }>(t.register, 'select matter_id from petition_contents where petition_id = ? and position = 0', p.id))!.matter_id;
      s.petitions.push({ id: p.id, stage: 'new', eligible: false, receivedOn: today, matterId });
      return;
    }
    case 'classify': {
      const open = s.petitions.filter((p) => p.stage === 'new');
      if (open.length === 0) return;
      const p = pick(open, cmd.a);
      p.eligible = cmd.b % 4 !== 0;
      await c.workflow.classify(p.eligible ? { petitionId: p.id, eligible: true, on: today } : { petitionId: p.id, eligible: false, reason: 'insufficient_content', on: today });
      p.stage = 'classified';
      return;
    }
    case 'decide': {
      const open = s.petitions.filter((p) => p.stage === 'classified');
      if (open.length === 0) return;
      const p = pick(open, cmd.a);
      const action = p.eligible ? pick(['accept', 'guide', 'forward', 'forward', 'return'] as const, cmd.b) : pick(['file', 'return'] as const, cmd.b);
      const agencyId = action === 'forward' || action === 'guide' ? pick(s.agencies, cmd.c) : null;
      await c.workflow.decide({ petitionId: p.id, action, on: today, agencyId });
      p.stage = action === 'forward' ? 'forwarded' : 'closed';
      return;
    }
    case 'reply': {
      const open = s.petitions.filter((p) => p.stage === 'forwarded');
      if (open.length === 0) return;
      const p = pick(open, cmd.a);
      await c.workflow.reply({ petitionId: p.id, on: today, outcome: 'resolved' });
      p.stage = 'closed';
      return;
    }
    case 'state': {
      if (s.petitions.length === 0) return;
      const p = pick(s.petitions, cmd.a);
      const m = (await c.matters.get({ id: p.matterId })).matter;
      if (m.mergedInto !== null) return;
      const kind = m.kind;
      const allowed = STATES.filter((st) => (kind === 'complaint' || !COMPLAINT_ONLY_STATES.includes(st)) && (kind === 'denunciation' || !DENUNCIATION_ONLY_STATES.includes(st)));
      const arrivalState = pick(allowed, cmd.b);
      await c.matters.update({
        id: m.id,
        title: m.title,
        kind: m.kind,
        field: m.field,
        arrivalState,
        complaintLevel: kind === 'complaint' ? pick(['first', 'second'] as const, cmd.c) : null,
        decidedBy: arrivalState === 'unresolved' ? m.decidedBy : 'UBND xã Tịnh Khê',
      });
      return;
    }
  }
}

let template: TempDir;
let templateFile: string;
const agencies: number[] = [];

beforeAll(async () => {
  template = tempDir('petreg-reports-prop-');
  templateFile = path.join(template.dir, 'template.sqlite');
  // On PostgreSQL the agencies are read from a register seeded as each run's is.
  const t = onPostgres ? await tempRegister({ now: movableClock(START).now }) : await tempRegister({ path: templateFile, now: movableClock(START).now });
  for (const code of ['SO-NNMT', 'SO-TP', 'SO-XD']) agencies.push((await agencyByCode(t, code)).id);
  await t.cleanup();
});

afterAll(() => template?.cleanup());

describe('official forms of random registers', () => {
  it('are produced for every form and period, with every identity holding', { timeout: 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 30, maxLength: 90, size: 'max' }), fc.array(period, { minLength: 2, maxLength: 4 }), async (commands, periods) => {
        const file = path.join(template.dir, `run-${++run}.sqlite`);
        // On PostgreSQL each run is a fresh database (seeded alike: the same agencies).
        if (!onPostgres) fs.copyFileSync(templateFile, file);
        const clock = movableClock(START);
        const t = onPostgres ? await tempRegister({ now: clock.now }) : await tempRegister({ path: file, now: clock.now });
        try {
          const state: State = { clock, sessions: [], visits: [], petitions: [], agencies };
          for (const cmd of commands) await apply(t, state, cmd);
          const count = async (text: string, ...params: string[]) => (await rawGet<{ n: number }>(t.register, text, ...params))!.n;
          const population = 'select count(*) as n from petitions where received_on <= ? and (received_on >= ? or dec_on is null or dec_on >= ?)';
          const matters = `
            select count(distinct coalesce(m.merged_into, m.id)) as n from petitions p
            join petition_contents c on c.petition_id = p.id and c.position = 0 join matters m on m.id = c.matter_id
            where p.received_on <= ? and (p.received_on >= ? or p.dec_on is null or p.dec_on >= ?)
              and p.cls_eligible = 1 and p.dec_on <= ? and p.dec_action in ('accept', 'guide', 'return', 'forward', 'urge')`;
          const visits = 'select count(*) as n from visits v join reception_sessions s on s.id = v.session_id where s.date between ? and ?';
          for (const [offset, length] of periods) {
            const from = addDays(START, offset);
            const to = addDays(from, length);
            for (const definition of REPORT_FORMS) {
              const report = await t.client.reports.get({ form: definition.form as never, from, to });
              expect(report.identities.filter((i) => !i.holds), `${definition.form} ${from}..${to}`).toEqual([]);
              const columns = report.rows[0]!.columns;
              if (definition.form === '01/XLD') {
                expect(columns['1']).toBe(await count(population, to, from, from));
                expect(columns['7']).toBe(await count(matters, to, from, from, to));
              }
              if (definition.form === '01/TCD') expect(columns['1']).toBe(await count(visits, from, to));
              // Each petitions or matters figure, counted the other way: the records its drill
              // lists, chosen by the column's whole filter over every petition of the period.
              for (const column of definition.columns) {
                if (column.value === 'note' || !('unit' in column.value) || (column.value.unit !== 'petitions' && column.value.unit !== 'matters')) continue;
                const drill = drillIdsSql(definition, column.ms, from, to)!;
                const listed = Number((await sql<{ n: number }>`select count(*) as n from petitions where id in ${drill.ids}`.execute(t.register.db)).rows[0]!.n);
                expect(columns[String(column.ms)], `${definition.form} cột ${column.ms} ${from}..${to}`).toBe(listed);
              }
            }
          }
        } finally {
          await t.cleanup();
          for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
        }
      }),
      { numRuns: 12, plugins: [fc.interruptAfterTimeLimit(150_000)] },
    );
  });
});
