// The holiday calendar (ngày nghỉ lễ, Tết) that deadlines count working days against. Each year is
// generated once: from the government's announced schedule when one ships (shared/calendar/schedules.ts),
// else from the Labour Code defaults with substitute days (art. 111(3), 112). An administrator edits
// days, or imports a year's announced schedule from a file after previewing the deadlines it moves.
import { sql, type Kysely, type Transaction } from 'kysely';
import { defaultHolidays, workCalendar } from '../../shared/calendar/holidays.ts';
import { ANNOUNCED_SCHEDULES } from '../../shared/calendar/schedules.ts';
import { addWorkingDays, type HolidayCalendar } from '../../shared/calendar/working-days.ts';
import { PROCESSING_WORKING_DAYS } from '../../shared/domain/workflow.ts';
import { yearOf } from '../../shared/domain/dates.ts';
import type { DB } from '../schema.ts';
// Cyclic on purpose (deadlines count against holidays; the calendar recomputes deadlines):
// only functions cross the cycle, none is called while the modules load.
import { recomputeProcessingDeadlines, recomputeReplyDeadlines } from './deadlines.ts';
import { getSettings } from './settings.ts';
import { runCompiled } from '../compiled-queries.ts';
import { recomputeNoticeDeadlines } from './notices.ts';

export interface HolidayRow {
  date: string;
  name: string;
}

/** Stores the default holidays of the years not generated yet (inside a write transaction). */
export async function ensureHolidayYears(trx: Transaction<DB>, years: Iterable<number>, now: string): Promise<void> {
  for (const year of new Set(years)) {
    const done = await trx.selectFrom('holiday_years').select('year').where('year', '=', year).executeTakeFirst();
    if (done) continue;
    const announced = ANNOUNCED_SCHEDULES.get(year);
    const days = announced ? announced.daysOff : defaultHolidays(year);
    for (const h of days) {
      await trx
        .insertInto('holidays')
        .values({ date: h.date, name: h.name, kind: h.kind ?? 'holiday', source: announced?.source ?? null, updated_at: now })
        .onConflict((oc) => oc.column('date').doNothing())
        .execute();
    }
    for (const w of announced?.workedDays ?? []) {
      await trx
        .insertInto('worked_days')
        .values({ date: w.date, name: w.name, source: announced!.source, updated_at: now })
        .onConflict((oc) => oc.column('date').doNothing())
        .execute();
    }
    await trx.insertInto('holiday_years').values({ year, generated_at: now }).execute();
  }
}

/** A holiday calendar with its deadlines remembered: `due(start, n)` is addWorkingDays(start, n). */
export type DeadlineCalendar = HolidayCalendar & { due(start: string, n: number): string };

/** Calendars by span and content, most recently used last (a handful of spans are ever asked for). */
const calendars = new Map<string, DeadlineCalendar>();
const CALENDAR_CACHE_SIZE = 32;

function withDeadlines(calendar: HolidayCalendar): DeadlineCalendar {
  const memo = new Map<string, string>();
  return Object.assign(calendar, {
    due(start: string, n: number): string {
      const key = `${start}+${n}`;
      let due = memo.get(key);
      if (due === undefined) {
        due = addWorkingDays(start, n, calendar);
        if (memo.size < 20_000) memo.set(key, due);
      }
      return due;
    },
  });
}

/**
 * The holidays of a span of years, for counting working days. Years not generated yet read their
 * defaults (nothing is written on a read). One statement reads what the span's calendar is made
 * of (its stored days off, worked days and generated years); a calendar already built from the same
 * content is reused with the deadlines it has counted, so a petition's save, an import or a holiday
 * edit builds the calendar (and its lunar-calendar defaults) once, not once per petition. Keyed by
 * content, the cache can never serve a calendar an edit (in this process or another) has changed.
 */
export async function holidaysFor(db: Kysely<DB>, fromYear: number, toYear: number): Promise<DeadlineCalendar> {
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  // Compiled once (db/compiled-queries.ts): every intake save reads it.
  const [content] = await runCompiled(db, 'calendar.content', { from, to, fromYear, toYear }, (k, v) => ({
    compile: () =>
      sql<CalendarContent>`select
      (select string_agg(date, ',' order by date) from holidays where date >= ${v.from} and date <= ${v.to}) as off,
      (select string_agg(date, ',' order by date) from worked_days where date >= ${v.from} and date <= ${v.to}) as worked,
      (select string_agg(cast(year as text), ',' order by year) from holiday_years where year >= ${v.fromYear} and year <= ${v.toYear}) as years`.compile(k),
  }));
  return calendarOfContent(fromYear, toYear, content!);
}

/** What a span's calendar is made of, as holidaysFor reads it: its dates and generated years, comma separated. */
export interface CalendarContent {
  off: string | null;
  worked: string | null;
  years: string | null;
}

/** The calendar of a span of years from what it is made of (the one built from the same content, when there is one). */
export function calendarOfContent(fromYear: number, toYear: number, content: CalendarContent): DeadlineCalendar {
  const { off: offText, worked: workedText, years: yearsText } = content;
  const key = `${fromYear}:${toYear}:${offText ?? ''}|${workedText ?? ''}|${yearsText ?? ''}`;
  const cached = calendars.get(key);
  if (cached) {
    calendars.delete(key);
    calendars.set(key, cached);
    return cached;
  }
  const generated = new Set(yearsText ? yearsText.split(',').map(Number) : []);
  const dates = (text: string | null) => (text ? text.split(',').map((date) => ({ date })) : []);
  const inSpan = <T extends { date: string }>(list: T[]) => list.filter((r) => generated.has(yearOf(r.date)));
  const off: { date: string }[] = inSpan(dates(offText));
  const worked: { date: string }[] = inSpan(dates(workedText));
  for (let year = fromYear; year <= toYear; year++) {
    if (generated.has(year)) continue;
    const announced = ANNOUNCED_SCHEDULES.get(year);
    off.push(...(announced ? announced.daysOff : defaultHolidays(year)));
    worked.push(...(announced?.workedDays ?? []));
  }
  const calendar = withDeadlines(workCalendar(off, worked));
  calendars.set(key, calendar);
  if (calendars.size > CALENDAR_CACHE_SIZE) calendars.delete(calendars.keys().next().value!);
  return calendar;
}

/** The span of years a deadline counted from `start` may run over (runs over the new year). */
export function deadlineSpan(start: string, n: number): [number, number] {
  const year = yearOf(start);
  return [year, year + 1 + Math.floor(n / 200)];
}

/** A deadline n working days after a date (the span covers runs over the new year). */
export async function workingDaysAfter(db: Kysely<DB>, start: string, n: number): Promise<string> {
  const [from, to] = deadlineSpan(start, n);
  return (await holidaysFor(db, from, to)).due(start, n);
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
  const announced = ANNOUNCED_SCHEDULES.get(year);
  const byDate = new Map<string, HolidayRow>((announced ? announced.daysOff : defaultHolidays(year)).map((h) => [h.date, { date: h.date, name: h.name }]));
  for (const row of stored) byDate.set(row.date, row);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Changes to the calendar move the deadlines that count across it. */
async function afterCalendarChange(trx: Transaction<DB>): Promise<void> {
  await recomputeProcessingDeadlines(trx, true);
  await recomputeReplyDeadlines(trx, (await getSettings(trx)).replyDays);
  await recomputeNoticeDeadlines(trx);
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

export interface WorkedDayRow {
  date: string;
  name: string;
}

export async function listWorkedDays(db: Kysely<DB>, year: number): Promise<WorkedDayRow[]> {
  return db.selectFrom('worked_days').select(['date', 'name']).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
}

/** A deadline the import moves: which petition, which deadline, from and to. */
export interface MovedDeadline {
  petitionId: number;
  registerNo: string;
  deadline: 'processing' | 'reply';
  before: string;
  after: string;
}

export interface ScheduleImportResult {
  year: number;
  source: string;
  daysOff: number;
  workedDays: number;
  /** Days off of the year before and after, for the screen to show what changes. */
  added: string[];
  removed: string[];
  moved: MovedDeadline[];
}

async function deadlines(trx: Transaction<DB>): Promise<Map<string, { petitionId: number; registerNo: string; deadline: 'processing' | 'reply'; due: string }>> {
  const rows = await trx.selectFrom('petitions').select(['id', 'register_no', 'due_on', 'reply_due_on']).execute();
  const out = new Map<string, { petitionId: number; registerNo: string; deadline: 'processing' | 'reply'; due: string }>();
  for (const r of rows) {
    if (r.due_on) out.set(`${r.id}:processing`, { petitionId: r.id, registerNo: r.register_no, deadline: 'processing', due: r.due_on });
    if (r.reply_due_on) out.set(`${r.id}:reply`, { petitionId: r.id, registerNo: r.register_no, deadline: 'reply', due: r.reply_due_on });
  }
  return out;
}

/**
 * Replaces a year's days off and worked days with an announced schedule and recomputes the deadlines
 * (inside the caller's transaction); returns what changed. The preview runs this and rolls back.
 */
export async function applySchedule(
  trx: Transaction<DB>,
  schedule: { year: number; source: string; daysOff: { date: string; name: string; kind: string }[]; workedDays: { date: string; name: string }[] },
  now: string,
): Promise<ScheduleImportResult> {
  const { year } = schedule;
  await ensureHolidayYears(trx, [year], now);
  const before = await deadlines(trx);
  const oldDays = new Set((await listHolidays(trx, year)).map((h) => h.date));
  const span = (t: 'holidays' | 'worked_days') => trx.deleteFrom(t).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  await span('holidays');
  await span('worked_days');
  for (const h of schedule.daysOff) {
    await trx.insertInto('holidays').values({ date: h.date, name: h.name, kind: h.kind, source: schedule.source, updated_at: now }).execute();
  }
  for (const w of schedule.workedDays) {
    await trx.insertInto('worked_days').values({ date: w.date, name: w.name, source: schedule.source, updated_at: now }).execute();
  }
  await afterCalendarChange(trx);
  const after = await deadlines(trx);
  const moved: MovedDeadline[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (a && a.due !== b.due) moved.push({ petitionId: b.petitionId, registerNo: b.registerNo, deadline: b.deadline, before: b.due, after: a.due });
  }
  moved.sort((x, y) => x.registerNo.localeCompare(y.registerNo) || x.deadline.localeCompare(y.deadline));
  const newDays = new Set(schedule.daysOff.map((h) => h.date));
  return {
    year,
    source: schedule.source,
    daysOff: schedule.daysOff.length,
    workedDays: schedule.workedDays.length,
    added: [...newDays].filter((d) => !oldDays.has(d)).sort(),
    removed: [...oldDays].filter((d) => !newDays.has(d)).sort(),
    moved,
  };
}
