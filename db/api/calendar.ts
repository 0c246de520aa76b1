// Importing a year's announced schedule of days off and worked days: a preview that shows which
// deadlines move (computed in a transaction that is rolled back, so nothing is written), and the
// confirmation that applies it in one transaction with its audit row. Administrators only.
import { readScheduleText, scheduleFileSchema, scheduleOf, type ScheduleImportInput } from '../../shared/calendar/schedules.ts';
import { ApiError } from '../../shared/errors.ts';
import { summariseIssues, toFieldIssues } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import { getUser } from '../ops/users.ts';
import { applySchedule, type ScheduleImportResult } from '../ops/holidays.ts';
import type { CallContext, HandlerTable } from './table.ts';

class Rollback extends Error {
  readonly result: ScheduleImportResult;
  constructor(result: ScheduleImportResult) {
    super('rollback');
    this.result = result;
  }
}

function parseFile(input: ScheduleImportInput) {
  let raw: unknown;
  try {
    raw = readScheduleText(input.text);
  } catch (error) {
    throw new ApiError('VALIDATION', `${input.fileName}: ${(error as Error).message}`, [{ path: 'text', message: (error as Error).message }]);
  }
  const parsed = scheduleFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new ApiError('VALIDATION', `${input.fileName}: ${summariseIssues(issues)}`, issues);
  }
  return scheduleOf(parsed.data);
}

async function requireAdmin(ctx: CallContext): Promise<void> {
  if (ctx.actor.id === null) return;
  const user = await getUser(ctx.register.db, ctx.actor.id);
  if (user.role !== 'admin') throw new ApiError('FORBIDDEN', `Chỉ quản trị viên được nhập lịch ngày nghỉ; cán bộ đang làm việc là ${user.fullName}.`);
}

export function registerCalendarMethods(t: HandlerTable): void {
  t.method('holidays.importPreview', async (input, ctx) => {
    await requireAdmin(ctx);
    const schedule = parseFile(input);
    try {
      await ctx.register.db.transaction().execute(async (trx) => {
        throw new Rollback(await applySchedule(trx, schedule, ctx.register.now().toISOString()));
      });
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
    throw new ApiError('INTERNAL', 'Xem trước lịch ngày nghỉ không trả kết quả');
  });
  t.method('holidays.importConfirm', async (input, ctx) => {
    await requireAdmin(ctx);
    const schedule = parseFile(input);
    return ctx.register.db.transaction().execute(async (trx) => {
      const result = await applySchedule(trx, schedule, ctx.register.now().toISOString());
      await writeAudit(trx, ctx, {
        action: 'import',
        entity: 'holiday',
        entityId: String(schedule.year),
        after: { fileName: input.fileName, source: schedule.source, daysOff: schedule.daysOff, workedDays: schedule.workedDays, added: result.added, removed: result.removed, moved: result.moved.length },
      });
      return result;
    });
  });
}
