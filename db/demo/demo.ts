// Filling an empty register with a demo year (training, screenshots, trying the statistics).
// The demo is written as an interchange file and goes through the importer, so it obeys every
// rule an imported file does; one transaction, one audit row.
import { vietnamDate } from '../../shared/domain/dates.ts';
import { ApiError } from '../../shared/errors.ts';
import { checkInterchange, describeIssues } from '../../shared/interchange/v1.ts';
import { writeAudit } from '../audit.ts';
import { SYSTEM_ACTOR, type Actor, type OpContext } from '../context.ts';
import { writeInterchange } from '../interchange/import.ts';
import { getSettings } from '../ops/settings.ts';
import type { Register } from '../register.ts';
import { communesOf, provinceByCode } from '../units.ts';
import { demoPeriod, generateDemo } from './generate.ts';

export interface DemoCounts {
  from: string;
  to: string;
  sessions: { regular: number; periodic: number; adhoc: number; online: number };
  visits: number;
  delegations: number;
  petitions: number;
  firstRegisterNo: string | null;
  lastRegisterNo: string | null;
}

export interface DemoOptions {
  seed?: number;
  actor?: Actor;
}

export async function fillDemo(register: Register, options: DemoOptions = {}): Promise<DemoCounts> {
  const seed = options.seed ?? 1;
  const ctx: OpContext = { register, actor: options.actor ?? SYSTEM_ACTOR };
  const settings = await getSettings(register.db);
  const province = provinceByCode(settings.provinceCode);
  if (!province) throw new ApiError('INTERNAL', `Cài đặt của sổ ghi mã tỉnh ${settings.provinceCode} không có trong danh mục đơn vị hành chính`);
  const today = vietnamDate(register.now());
  const file = generateDemo({ seed, today, provinceCode: province.code, provinceName: province.fullName, communes: communesOf(province.code) });
  const checked = checkInterchange(file);
  // The generator is ours: a file it makes that the importer refuses is a bug, not a user error.
  if (!checked.ok) throw new ApiError('INTERNAL', `Dữ liệu mẫu sinh ra không hợp lệ — ${describeIssues(checked.issues)}`);

  return register.db.transaction().execute(async (trx) => {
    const count = async (table: 'petitions' | 'reception_sessions') =>
      Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [sessions, petitions] = [await count('reception_sessions'), await count('petitions')];
    if (sessions > 0 || petitions > 0) {
      throw new ApiError(
        'CONFLICT',
        `Sổ đã có dữ liệu (${sessions} kỳ tiếp, ${petitions} đơn): chỉ tạo dữ liệu mẫu trên sổ trống, để dữ liệu mẫu không lẫn vào sổ thật. Hãy dùng một tệp sổ mới (--db).`,
      );
    }
    const written = await writeInterchange(trx, ctx, checked.value);
    const { from, to } = demoPeriod(today);
    const kinds = { regular: 0, periodic: 0, adhoc: 0, online: 0 };
    for (const s of file.sessions) kinds[s.kind] += 1;
    const counts: DemoCounts = {
      from,
      to,
      sessions: kinds,
      visits: written.visits,
      delegations: file.visits.filter((v) => v.delegation !== null).length,
      petitions: written.petitions,
      firstRegisterNo: written.firstRegisterNo,
      lastRegisterNo: written.lastRegisterNo,
    };
    await writeAudit(trx, ctx, { action: 'demo', entity: 'register', entityId: null, after: { seed, ...counts } });
    return counts;
  });
}
