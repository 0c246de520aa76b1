// The holiday calendar (ngày nghỉ lễ, Tết) that deadlines count working days against. Each year's
// defaults are generated once (fixed holidays, Tết and Hùng Kings day from the Vietnamese lunar
// calendar); an administrator then edits them, because the government sets the exact days yearly.
import type { Kysely, Transaction } from 'kysely';
import { defaultHolidays } from '../../shared/calendar/holidays.ts';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { PROCESSING_WORKING_DAYS } from '../../shared/domain/workflow.ts';
import { yearOf } from '../../shared/domain/dates.ts';
import type { DB } from '../schema.ts';
// Cyclic on purpose (deadlines count against holidays; the calendar recomputes deadlines):
// only functions cross the cycle, none is called while the modules load.
import { recomputeProcessingDeadlines, recomputeReplyDeadlines } from './deadlines.ts';
import { getSettings } from './settings.ts';

export interface HolidayRow {
  date: string;
  name: string;
}

/** Stores the default holidays of the years not generated yet (inside a write transaction). */
export async function ensureHolidayYears(trx: Transaction<DB>, years: Iterable<number>, now: string): Promise<void> {
  for (const year of new Set(years)) {
    const done = await trx.selectFrom('holiday_years').select('year').where('year', '=', year).executeTakeFirst();
    if (done) continue;
    for (const h of defaultHolidays(year)) {
      await trx.insertInto('holidays').values({ date: h.date, name: h.name, updated_at: now }).onConflict((oc) => oc.column('date').doNothing()).execute();
    }
    await trx.insertInto('holiday_years').values({ year, generated_at: now }).execute();
  }
}

/**
 * The holidays of a span of years, for counting working days. Years not generated yet read their
 * defaults (nothing is written on a read).
 */
export async function holidaysFor(db: Kysely<DB>, fromYear: number, toYear: number): Promise<Set<string>> {
  const generated = new Set(
    (await db.selectFrom('holiday_years').select('year').where('year', '>=', fromYear).where('year', '<=', toYear).execute()).map((r) => r.year),
  );
  const stored = await db.selectFrom('holidays').select('date').where('date', '>=', `${fromYear}-01-01`).where('date', '<=', `${toYear}-12-31`).execute();
  const dates = new Set(stored.map((r) => r.date).filter((d) => generated.has(yearOf(d))));
  for (let year = fromYear; year <= toYear; year++) {
    if (!generated.has(year)) for (const h of defaultHolidays(year)) dates.add(h.date);
  }
  return dates;
}

/** A deadline n working days after a date (the span covers runs over the new year). */
export async function workingDaysAfter(db: Kysely<DB>, start: string, n: number): Promise<string> {
  const year = yearOf(start);
  return addWorkingDays(start, n, await holidaysFor(db, year, year + 1 + Math.floor(n / 200)));
}

export async function processingDeadline(db: Kysely<DB>, receivedOn: string): Promise<string> {
  return workingDaysAfter(db, receivedOn, PROCESSING_WORKING_DAYS);
}

export async function listHolidays(db: Kysely<DB>, year: number): Promise<HolidayRow[]> {
  const stored = await db.selectFrom('holidays').select(['date', 'name']).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
  const generated = await db.selectFrom('holiday_years').select('year').where('year', '=', year).executeTakeFirst();
  if (generated) return stored;
  // A year not generated yet reads its defaults (stored rows win, as ensureHolidayYears would
  // keep them): a read never writes and never takes the write lock. The first edit stores them.
  const byDate = new Map<string, HolidayRow>(defaultHolidays(year).map((h) => [h.date, { date: h.date, name: h.name }]));
  for (const row of stored) byDate.set(row.date, row);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Changes to the calendar move the deadlines that count across it. */
async function afterCalendarChange(trx: Transaction<DB>): Promise<void> {
  await recomputeProcessingDeadlines(trx, true);
  await recomputeReplyDeadlines(trx, (await getSettings(trx)).replyDays);
}

export async function upsertHoliday(trx: Transaction<DB>, holiday: HolidayRow, now: string): Promise<HolidayRow | undefined> {
  await ensureHolidayYears(trx, [yearOf(holiday.date)], now);
  const before = await trx.selectFrom('holidays').select(['date', 'name']).where('date', '=', holiday.date).executeTakeFirst();
  await trx
    .insertInto('holidays')
    .values({ ...holiday, updated_at: now })
    .onConflict((oc) => oc.column('date').doUpdateSet({ name: holiday.name, updated_at: now }))
    .execute();
  await afterCalendarChange(trx);
  return before;
}

export async function removeHoliday(trx: Transaction<DB>, date: string, now: string): Promise<HolidayRow | undefined> {
  await ensureHolidayYears(trx, [yearOf(date)], now);
  const before = await trx.selectFrom('holidays').select(['date', 'name']).where('date', '=', date).executeTakeFirst();
  if (before) {
    await trx.deleteFrom('holidays').where('date', '=', date).execute();
    await afterCalendarChange(trx);
  }
  return before;
}
