// The demo register: a realistic, deterministic year written through the importer.
import { afterEach, describe, expect, it } from 'vitest';
import { demoHolidays, demoPeriod, generateDemo } from '../../db/demo/generate.ts';
import { fillDemo } from '../../db/demo/demo.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { communesOf } from '../../db/units.ts';
import { addDays } from '../../shared/calendar/dates.ts';
import { isWorkingDay } from '../../shared/calendar/working-days.ts';
import { ApiError } from '../../shared/errors.ts';
import { CHANNELS, FIELDS, PETITION_KINDS } from '../../shared/domain/petition.ts';
import { isVietnamese } from '../helpers/envelope.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { snapshot } from '../helpers/snapshot.ts';

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
  it('fills an empty register with a realistic year, fast, in one audited transaction', async () => {
    const r = await newRegister();
    const started = Date.now();
    const counts = await fillDemo(r.register, { seed: 1 });
    expect(Date.now() - started).toBeLessThan(10_000);
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
    const audit = r.register.sqlite.prepare("select * from audit_log where action = 'demo'").all();
    expect(audit).toHaveLength(1);

    const file = await exportRegister(r.register);
    const set = <T>(values: T[]) => new Set(values);
    expect(set(file.petitions.map((p) => p.channel))).toEqual(set([...CHANNELS]));
    expect(set(file.petitions.map((p) => p.kind))).toEqual(set([...PETITION_KINDS]));
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
  });

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
    const before = snapshot(r.register.sqlite);
    const error = await fillDemo(r.register, { seed: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('CONFLICT');
    expect((error as ApiError).message).toContain('Sổ đã có dữ liệu');
    expect(snapshot(r.register.sqlite)).toEqual(before);
  });
});
