// Migration 0007 on a register in use, and importing a year's announced schedule: the preview shows
// the deadlines that move and writes nothing; the confirmation moves them in one transaction with its
// audit row; a bad file is refused and writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { ANNOUNCED_SCHEDULES } from '../../shared/calendar/schedules.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { onPostgres, rawGet, rawRun, tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import type { ScheduleImportResult } from '../../shared/api/contract.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function register(options: Parameters<typeof tempRegister>[0] = {}): Promise<TempRegister> {
  const t = await tempRegister({ now: new Date('2026-04-20T09:00:00+07:00'), ...options });
  cleanups.push(() => t.cleanup());
  return t;
}

const V0007 = MIGRATIONS.findIndex(([name]) => name === '0007-calendar-places') + 1;

// A migration of a SQLite register in use: a PostgreSQL register is made at schema 15 at once.
describe.skipIf(onPostgres)('0007-calendar-places on a register in use', () => {
  it('moves the number prefixes still at the old defaults to the Decree 30 abbreviations, and keeps the Board’s own', async () => {
    const dir: TempDir = tempDir();
    cleanups.push(() => dir.cleanup());
    const file = `${dir.dir}/register.sqlite`;
    const old = await tempRegister({ path: file, migrateTo: V0007 - 1 });
    await rawRun(old.register, "insert into settings (key, value, updated_at) values ('docPrefixes', ?, '2026-01-01T00:00:00Z')", JSON.stringify({ forward: 'PC-BTCD', guide: 'HD-TCD', accept: 'ĐX-BTCD', reminder: 'ĐĐ-BTCD', receipt: 'BN-BTCD', refusal: 'TB-BTCD', return: 'TLĐ-BTCD' }));
    await rawRun(old.register, "insert into holidays (date, name, updated_at) values ('2026-04-26', 'Giỗ Tổ', '2026-01-01T00:00:00Z')");
    await old.close();

    const t = await tempRegister({ path: file });
    cleanups.push(() => t.close());
    expect(t.register.schemaVersion()).toBeGreaterThanOrEqual(V0007);
    expect((await t.client.settings.get()).docPrefixes).toMatchObject({
      forward: 'PC-BTCD',
      guide: 'HD-TCD',
      accept: 'TTr-BTCD',
      reminder: 'BTCD',
      receipt: 'BN-BTCD',
      refusal: 'TB-BTCD',
      return: 'TLĐ-BTCD',
    });
    expect(await rawGet(t.register, "select kind, source from holidays where date = '2026-04-26'")).toEqual({ kind: 'holiday', source: null });
  });
});

describe('a new register', () => {
  it('takes the announced 2026 schedule: 2 January and 27 April off, 10 January worked', async () => {
    const t = await register();
    const dates = (await t.client.holidays.list({ year: 2026 })).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-01-02', '2026-04-27', '2026-08-31']));
    // Saturday 10 January is worked (a read stores nothing: the announced schedule is read as it is).
    expect(await rawGet(t.register, 'select count(*) as n from worked_days')).toEqual({ n: 0 });
    expect((await t.client.petitions.create({ receivedOn: '2026-01-02', channel: 'post', kind: 'complaint', field: 'land', summary: 'Khiếu nại đầu năm' })).dueOn).toBe('2026-01-15');
    const p = await t.client.petitions.create({ receivedOn: '2026-04-20', channel: 'post', kind: 'complaint', field: 'land', summary: 'Khiếu nại' });
    expect(p.dueOn).toBe('2026-05-07');
  });
});

describe('holidays.importPreview and holidays.importConfirm', () => {
  /** A register whose 2026 calendar is the old default, as one generated before this version. */
  async function oldCalendar(): Promise<TempRegister> {
    const t = await register();
    const now = "'2026-01-01T00:00:00Z'";
    await rawRun(t.register, "delete from holidays where date like '2026-%'");
    await rawRun(t.register, 'delete from worked_days');
    for (const [date, name] of [
      ['2026-01-01', 'Tết Dương lịch'],
      ['2026-02-16', 'Tết'],
      ['2026-02-17', 'Tết'],
      ['2026-02-18', 'Tết'],
      ['2026-02-19', 'Tết'],
      ['2026-02-20', 'Tết'],
      ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
      ['2026-04-30', '30/4'],
      ['2026-05-01', '1/5'],
      ['2026-09-01', 'Quốc khánh'],
      ['2026-09-02', 'Quốc khánh'],
    ]) {
      await rawRun(t.register, `insert into holidays (date, name, updated_at) values (?, ?, ${now})`, date, name);
    }
    await rawRun(t.register, `insert into holiday_years (year, generated_at) values (2026, ${now}) on conflict do nothing`);
    return t;
  }

  const file2026 = () => {
    const s = ANNOUNCED_SCHEDULES.get(2026)!;
    return JSON.stringify({
      format: 'petreg-holidays/1',
      year: 2026,
      source: s.source,
      days: [...s.daysOff.map((d) => ({ date: d.date, type: 'off', kind: d.kind, name: d.name })), ...s.workedDays.map((d) => ({ date: d.date, type: 'worked', name: d.name }))],
    });
  };

  it('previews the deadlines that move without writing, then confirms them in one transaction with its audit row', async () => {
    const t = await oldCalendar();
    const p = await t.client.petitions.create({ receivedOn: '2026-04-20', channel: 'post', kind: 'complaint', field: 'land', summary: 'Khiếu nại' });
    await rawRun(t.register, 'update petitions set due_on = ? where id = ?', '2026-05-06', p.id); // as the old calendar counted
    const q = await t.client.petitions.create({ receivedOn: '2026-04-10', channel: 'post', kind: 'complaint', field: 'land', summary: 'Không đổi' });

    const before = await registerSnapshot(t.register);
    const preview = expectOk<ScheduleImportResult>(await t.api.call('holidays.importPreview', { fileName: 'lich-2026.json', text: file2026() }));
    expect(preview).toMatchObject({ year: 2026, daysOff: 13, workedDays: 2, added: ['2026-01-02', '2026-04-27', '2026-08-31'], removed: ['2026-04-26'] });
    expect(preview.moved).toEqual([{ petitionId: p.id, registerNo: p.registerNo, deadline: 'processing', before: '2026-05-06', after: '2026-05-07' }]);
    expect(preview.moved.find((m) => m.petitionId === q.id)).toBeUndefined();
    expect(await registerSnapshot(t.register)).toEqual(before);

    const audits = async () => ((await rawGet(t.register, "select count(*) as n from audit_log where action = 'import' and entity = 'holiday'")) as { n: number }).n;
    const confirmed = expectOk<ScheduleImportResult>(await t.api.call('holidays.importConfirm', { fileName: 'lich-2026.json', text: file2026() }));
    expect(confirmed.moved).toEqual(preview.moved);
    expect(await rawGet(t.register, 'select due_on from petitions where id = ?', p.id)).toEqual({ due_on: '2026-05-07' });
    expect(await audits()).toBe(1);
    expect(await rawGet(t.register, "select source from holidays where date = '2026-04-27'")).toEqual({ source: ANNOUNCED_SCHEDULES.get(2026)!.source });
  });

  it.each([
    ['a CSV without its header', 'x.csv', '2026-01-01,off,,Tết'],
    ['a worked day on a weekday', 'x.json', () => file2026().replace('"2026-01-10"', '"2026-01-12"')],
    ['a day off twice', 'x.json', () => file2026().replace('"2026-01-02"', '"2026-01-01"')],
  ] as const)('refuses %s and writes nothing', async (_label, fileName, text) => {
    const t = await oldCalendar();
    const before = await registerSnapshot(t.register);
    for (const method of ['holidays.importPreview', 'holidays.importConfirm'] as const) {
      const error = expectError(await t.api.call(method, { fileName, text: typeof text === 'function' ? text() : text }), 'VALIDATION');
      expect(error.message).toContain(fileName);
    }
    expect(await registerSnapshot(t.register)).toEqual(before);
  });
});

describe('units as named on the register’s today', () => {
  it('lists Đồng Nai as a province until 29 April 2026 and as a city from 30 April, its communes with today’s names', async () => {
    const before = await register({ now: new Date('2026-04-29T09:00:00+07:00') });
    const after = await register({ now: new Date('2026-04-30T09:00:00+07:00') });
    const dongNai = async (t: TempRegister) => (await t.client.units.provinces()).find((p) => p.code === '75');
    expect(await dongNai(before)).toMatchObject({ name: 'Đồng Nai', fullName: 'Tỉnh Đồng Nai' });
    expect(await dongNai(after)).toMatchObject({ name: 'Đồng Nai', fullName: 'Thành phố Đồng Nai' });
    // Other provinces keep their names; the list keeps its 34 units and the commune counts.
    const all = await after.client.units.provinces();
    expect(all).toHaveLength(34);
    expect(all).toContainEqual({ code: '51', name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', communeCount: 96 });
    expect(await after.client.units.communes({ provinceCode: '75' })).toEqual(await before.client.units.communes({ provinceCode: '75' }));
  });
});
