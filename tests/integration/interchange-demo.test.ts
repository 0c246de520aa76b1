// The demo register: a realistic, deterministic year written through the importer.
import { afterEach, describe, expect, it } from 'vitest';
import { demoHolidays, demoPeriod, generateDemo } from '../../db/demo/generate.ts';
import { fillDemo } from '../../db/demo/demo.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { todoSummary } from '../../db/ops/todo.ts';
import { communesOf } from '../../db/units.ts';
import { addDays } from '../../shared/calendar/dates.ts';
import { isWorkingDay } from '../../shared/calendar/working-days.ts';
import { ApiError } from '../../shared/errors.ts';
import { CHANNELS, FIELDS, PETITION_KINDS } from '../../shared/domain/petition.ts';
import { serialiseInterchange } from '../../shared/interchange/v1.ts';
import { isVietnamese } from '../helpers/envelope.ts';
import { rawAll, rawGet, tempRegister, type TempRegister } from '../helpers/register.ts';
import { rawValue } from '../helpers/raw-value.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

/** Mid-December: nearly a whole year of data. */
const DECEMBER = new Date('2026-12-15T02:00:00Z');

const registers: TempRegister[] = [];
async function newRegister(now: Date = DECEMBER): Promise<TempRegister> {
  const r = await tempRegister({ now });
  registers.push(r);
  return r;
}

afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

function workingDays(from: string, to: string): number {
  const holidays = demoHolidays(from, to);
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n += 1;
  return n;
}

describe('petreg demo (fillDemo)', () => {
  it('fills an empty register with a realistic year in one audited transaction', async () => {
    // (How fast is for `npm run bench`, never a timed assertion here.)
    const r = await newRegister();
    const counts = await fillDemo(r.register, { seed: 1 });
    expect(counts.from).toBe('2026-01-01');
    expect(counts.to).toBe('2026-12-15');
    // A regular session every working day; the Chairperson monthly; online monthly from July 2026.
    expect(counts.sessions.regular).toBe(workingDays('2026-01-01', '2026-12-15'));
    expect(counts.sessions.periodic).toBe(12);
    expect(counts.sessions.online).toBe(5);
    expect(counts.sessions.adhoc).toBeGreaterThanOrEqual(1);
    expect(counts.sessions.adhoc).toBeLessThanOrEqual(12);
    expect(counts.visits).toBeGreaterThanOrEqual(250);
    expect(counts.visits).toBeLessThanOrEqual(500);
    expect(counts.delegations).toBeGreaterThanOrEqual(15);
    expect(counts.delegations).toBeLessThanOrEqual(40);
    expect(counts.petitions).toBeGreaterThanOrEqual(900);
    expect(counts.petitions).toBeLessThanOrEqual(1250);
    expect(counts.firstRegisterNo).toBe('2026/000001');
    expect(counts.lastRegisterNo).toBe(`2026/${String(counts.petitions).padStart(6, '0')}`);
    expect(counts.classifications).toBeGreaterThan(counts.petitions * 0.9);
    expect(counts.decisions).toBeGreaterThan(counts.petitions * 0.85);
    expect(counts.replies).toBeGreaterThan(100);
    expect(counts.reminders).toBeGreaterThan(10);
    const audit = await rawAll(r.register, "select * from audit_log where action = 'demo'");
    expect(audit).toHaveLength(1);

    const file = await exportRegister(r.register);
    const set = <T>(values: T[]) => new Set(values);
    expect(set(file.petitions.map((p) => p.channel))).toEqual(set([...CHANNELS]));
    expect(set(file.petitions.map((p) => p.kind))).toEqual(set(PETITION_KINDS.filter((k) => k !== 'multiple')));
    expect(set(file.petitions.map((p) => p.field))).toEqual(set([...FIELDS]));
    expect(file.petitions.some((p) => p.petitioners.length === 0)).toBe(true);
    expect(file.petitions.filter((p) => p.signatories >= 2).length).toBeGreaterThan(20);
    const forwarders = set(file.petitions.flatMap((p) => (p.forwarded_by ? [p.forwarded_by.agency] : [])));
    expect(forwarders).toContain('Văn phòng Chính phủ');
    expect(forwarders).toContain('Ban Tiếp công dân Trung ương');

    const communes = new Map(communesOf('51').map((c) => [c.code, c]));
    const persons = [...file.visits.map((v) => v.citizen), ...file.petitions.flatMap((p) => p.petitioners)];
    for (const p of persons) {
      if (p.id_number !== null) expect(p.id_number).toMatch(/^051[0-3]\d{8}$/);
      const commune = communes.get(p.commune_code!);
      expect(commune, p.address ?? '').toBeDefined();
      expect(p.address).toContain(commune!.name);
      expect(p.address).toMatch(/tỉnh Quảng Ngãi$/);
    }
    // Each case is placed in its citizens' commune: the statistics by commune have figures.
    const placed = (await rawGet<{ n: number; placed: number }>(r.register, 'select count(*) as n, count(case_commune_code) as placed from matters'))!;
    expect(placed.placed).toBeGreaterThan(placed.n * 0.9);
    const stats = await r.client.stats.get({ from: counts.from, to: counts.to });
    expect(stats.by_commune!.communes.length).toBeGreaterThan(20);
    expect(stats.by_commune!.communes.every((c) => c.province_name === 'Tỉnh Quảng Ngãi' && c.name !== null)).toBe(true);
    expect(stats.by_commune!.unrecorded).toBeLessThan(stats.petitions.received * 0.1);
    for (const p of file.petitions) {
      expect(p.received_on >= '2026-01-01' && p.received_on <= '2026-12-15').toBe(true);
      expect(isVietnamese(p.summary), p.summary).toBe(true);
    }
    // Delegations of 5–30 with 1–5 representatives, who all sign the petition handed in.
    for (const v of file.visits.filter((x) => x.delegation)) {
      const { members, representatives } = v.delegation!;
      expect(members).toBeGreaterThanOrEqual(5);
      expect(members).toBeLessThanOrEqual(30);
      expect(representatives.length).toBeLessThanOrEqual(members <= 10 ? 2 : 5);
      for (const p of file.petitions.filter((x) => x.visit === v.ref)) {
        for (const rep of representatives) expect(p.petitioners.map((x) => x.id_number)).toContain(rep.id_number);
      }
    }
  }, 180_000);

  it('handles its petitions as a Board does: classified, decided, forwarded, replied, some late or overdue', async () => {
    const r = await newRegister();
    const counts = await fillDemo(r.register, { seed: 1 });
    const file = await exportRegister(r.register);
    const today = '2026-12-15';
    const holidays = demoHolidays('2026-01-01', '2027-12-31');
    const age = (date: string) => {
      let n = 0;
      for (let d = date; d < today; d = addDays(d, 1)) if (isWorkingDay(addDays(d, 1), holidays)) n += 1;
      return n;
    };
    const ratio = (part: number, whole: number) => part / whole;
    const petitions = file.petitions;
    const byRef = new Map(petitions.map((p) => [p.ref, p]));

    // Classified: nearly everything older than two weeks; the newest mostly not yet.
    const older = petitions.filter((p) => age(p.received_on) > 10);
    const newest = petitions.filter((p) => age(p.received_on) <= 2);
    expect(ratio(older.filter((p) => p.classification).length, older.length)).toBeGreaterThan(0.97);
    expect(older.some((p) => !p.classification)).toBe(true);
    expect(ratio(newest.filter((p) => !p.classification).length, newest.length)).toBeGreaterThan(0.5);

    // About 45% eligible, in every kind; ineligible for a spread of reasons.
    const classified = petitions.filter((p) => p.classification);
    const eligible = classified.filter((p) => p.classification!.eligible);
    expect(ratio(eligible.length, classified.length)).toBeGreaterThan(0.38);
    expect(ratio(eligible.length, classified.length)).toBeLessThan(0.55);
    // A letter of several contents is registered as two contents (complaint, then recommendation).
    for (const kind of PETITION_KINDS.filter((k) => k !== 'multiple')) expect(eligible.some((p) => p.kind === kind), kind).toBe(true);
    expect(petitions.some((p) => p.kind === 'multiple')).toBe(false);
    expect(petitions.some((p) => ((p as { contents?: unknown[] }).contents?.length ?? 0) > 1)).toBe(true);
    const reasons = new Map<string, number>();
    for (const p of classified) if (!p.classification!.eligible) reasons.set(p.classification!.reason, (reasons.get(p.classification!.reason) ?? 0) + 1);
    expect(reasons.size).toBe(8);
    for (const [reason, n] of reasons) expect(n, reason).toBeLessThan((classified.length - eligible.length) * 0.35);
    for (const p of petitions.filter((x) => x.petitioners.length === 0 && x.classification)) {
      expect(p.classification).toMatchObject({ eligible: false, reason: 'anonymous' });
    }
    // Duplicates point at an earlier petition of the same citizen.
    const duplicates = classified.filter((p) => !p.classification!.eligible && p.classification!.reason === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(15);
    for (const p of duplicates) {
      const c = p.classification as { duplicate_of: string };
      const original = byRef.get(c.duplicate_of)!;
      expect(original.received_on <= p.received_on).toBe(true);
      expect(original.petitioners.map((x) => x.full_name)).toContain(p.petitioners[0]!.full_name);
    }

    // Decisions: forward most eligible ones to a competent body, accept and guide some; file or return the rest.
    const decided = petitions.filter((p) => p.decision);
    const actions = (list: typeof petitions) => new Set(list.map((p) => p.decision!.action));
    expect(actions(decided.filter((p) => !p.classification!.eligible))).toEqual(new Set(['file', 'return']));
    expect(actions(decided.filter((p) => p.classification!.eligible))).toEqual(new Set(['forward', 'accept', 'guide']));
    const forwards = decided.filter((p) => p.decision!.action === 'forward');
    expect(ratio(forwards.length, decided.filter((p) => p.classification!.eligible).length)).toBeGreaterThan(0.55);
    for (const p of forwards.filter((x) => x.field === 'land' && x.kind !== 'denunciation')) expect(p.decision!.agency).toMatch(/^(SO-NNMT|XA-\d{5})$/);
    for (const p of forwards.filter((x) => x.field === 'justice' && x.kind !== 'denunciation')) expect(['THADS-TINH', 'TAND-TINH', 'VKSND-TINH', 'CA-TINH', 'SO-TP']).toContain(p.decision!.agency);
    expect(new Set(forwards.map((p) => p.decision!.agency)).size).toBeGreaterThan(20);
    // Numbered as the desk numbers: per kind and year, from 01, in date order; filing issues nothing.
    const forwardNumbers = forwards.map((p) => p.decision!).sort((a, b) => a.on.localeCompare(b.on)).map((d) => d.document_no);
    expect(forwardNumbers[0]).toBe('01/PC-BTCD');
    expect(new Set(forwardNumbers).size).toBe(forwards.length);
    for (const p of decided.filter((x) => x.decision!.action === 'file')) expect(p.decision!.document_no).toBeNull();

    // Replies: most forwards older than two months have one, some came late; reminders urged the late.
    const oldForwards = forwards.filter((p) => age(p.decision!.on) > 44);
    expect(ratio(oldForwards.filter((p) => p.reply).length, oldForwards.length)).toBeGreaterThan(0.75);
    const late = (await rawValue<number>(r.register, 'select count(*) from replies r join decisions d on d.id = r.decision_id where r.received_on > d.reply_due_on'))!;
    expect(late).toBeGreaterThan(counts.replies * 0.1);
    expect(late).toBeLessThan(counts.replies * 0.5);
    const urged = forwards.filter((p) => p.reminders.length > 0);
    expect(urged.length).toBeGreaterThan(10);
    expect(urged.some((p) => p.reminders.length === 2)).toBe(true);
    // The to-do list has something in every section that looks back.
    const todo = await todoSummary(r.register.db, today);
    expect(todo.counts.overdue).toBeGreaterThanOrEqual(3);
    expect(todo.counts.overdue).toBeLessThan(counts.petitions * 0.06);
    expect(todo.counts.replyOverdue).toBeGreaterThanOrEqual(3);
    expect(todo.counts.dueThisWeek + todo.counts.dueToday).toBeGreaterThan(0);
    // The demo's numbers are the register's own: the desk's next document continues them.
    const unlinked = await rawValue(r.register, 'select (select count(*) from decisions where document_no is not null and document_id is null) + (select count(*) from reminders where document_id is null)');
    expect(unlinked).toBe(0);
    const lastForward = await rawValue(r.register, "select max(seq) from outgoing_documents where kind = 'forward' and year = 2026");
    expect(lastForward).toBe(forwards.filter((p) => p.decision!.on.startsWith('2026')).length);
  }, 180_000);

  it('round trip: export, import into an empty register, export gives the same bytes', async () => {
    const first = await newRegister();
    await fillDemo(first.register, { seed: 5 });
    const text1 = serialiseInterchange(await exportRegister(first.register));
    const second = await newRegister();
    const counts = await importFile(second.register, JSON.parse(text1), { id: null, name: 'Kiểm thử' });
    expect(counts.reminders).toBeGreaterThan(10);
    const text2 = serialiseInterchange(await exportRegister(second.register));
    const strip = (t: string) => t.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');
    expect(strip(text2)).toBe(strip(text1));
  }, 180_000);

  it('is deterministic for a seed and day, and differs with the seed or the day', () => {
    const options = (seed: number, today = '2026-12-15') => ({ seed, today, provinceCode: '51', provinceName: 'Tỉnh Quảng Ngãi', communes: communesOf('51') });
    const text = (o: ReturnType<typeof options>) => JSON.stringify(generateDemo(o));
    expect(text(options(42))).toBe(text(options(42)));
    expect(text(options(43))).not.toBe(text(options(42)));
    expect(text(options(42, '2026-12-16'))).not.toBe(text(options(42)));
  });

  it('covers at least 90 days early in the year', async () => {
    expect(demoPeriod('2026-01-20')).toEqual({ from: '2025-10-23', to: '2026-01-20' });
    const r = await newRegister(new Date('2026-01-20T02:00:00Z'));
    const counts = await fillDemo(r.register, { seed: 1 });
    expect(counts.firstRegisterNo).toBe('2025/000001');
    expect(counts.lastRegisterNo?.startsWith('2026/')).toBe(true);
    expect(counts.sessions.regular).toBe(workingDays('2025-10-23', '2026-01-20'));
  });

  it('refuses a register that already has sessions or petitions, and changes nothing', async () => {
    const r = await newRegister();
    await fillDemo(r.register, { seed: 1 });
    const before = await registerSnapshot(r.register);
    const error = await fillDemo(r.register, { seed: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('CONFLICT');
    expect((error as ApiError).message).toContain('Sổ đã có dữ liệu');
    expect(await registerSnapshot(r.register)).toEqual(before);
  }, 180_000);
});
