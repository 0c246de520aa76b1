// register.location / register.setLocation (issue 14): the app's setting of where its register
// is — this machine's file or a register shared on a PostgreSQL server. Setting an address checks
// the server first (reachable, the database empty or a register this version can open); the
// change takes effect at the next start and is written to the open register's audit log.
import path from 'node:path';
import { ApiError } from '../../shared/errors.ts';
import type { RegisterLocationStatus, ServerCheck } from '../../shared/domain/location.ts';
import { writeAudit } from '../audit.ts';
import { displayLocation, isPostgresLocation } from '../engine/location.ts';
import { appliedPostgresMigrations, connectPostgres, describePostgresFault, foreignTables } from '../engine/postgres.ts';
import { checkServerAddress, readLocationSetting, writeLocationSetting } from '../location-config.ts';
import { MIGRATIONS } from '../migrations/index.ts';
import { DATABASE_FILE } from '../paths.ts';
import type { Register } from '../register.ts';
import type { AppMeta } from './handlers.ts';
import type { HandlerTable } from './table.ts';

function status(register: Register, meta: AppMeta, check?: ServerCheck): RegisterLocationStatus {
  const where = meta.location;
  if (!where) throw new ApiError('CONFLICT', 'Ứng dụng này không có cài đặt nơi lưu sổ (sổ được chỉ định khi chạy).');
  const setting = readLocationSetting(where.dataDir);
  const next = setting ?? path.join(where.dataDir, DATABASE_FILE);
  const same = (a: string, b: string) => (isPostgresLocation(a) ? a.trim() === b.trim() : path.resolve(a) === path.resolve(b));
  const overridden = where.source === 'option' || where.source === 'environment';
  return {
    current: displayLocation(register.path),
    engine: register.engine,
    source: where.source,
    setting: setting === null ? null : displayLocation(setting),
    restartNeeded: !overridden && !same(next, register.path),
    overridden,
    ...(check ? { check } : {}),
  };
}

/** What a PostgreSQL database holds; refuses one that is not a register or is newer. */
async function checkServer(location: string): Promise<ServerCheck> {
  const handle = connectPostgres(location, true);
  try {
    const applied = await appliedPostgresMigrations(handle.db);
    if (applied.length === 0) {
      const other = await foreignTables(handle.db);
      if (other.length > 0) throw new ApiError('CONFLICT', `Cơ sở dữ liệu ${displayLocation(location)} đã có bảng khác (${other.slice(0, 5).join(', ')}): không phải sổ của Sổ tiếp công dân. Hãy dùng một cơ sở dữ liệu riêng cho sổ.`);
      return { state: 'empty', petitions: 0 };
    }
    if (applied.some((name) => !MIGRATIONS.some(([m]) => m === name))) {
      throw new ApiError('SCHEMA_TOO_NEW', `Sổ trên ${displayLocation(location)} được tạo bởi phiên bản mới hơn của Sổ tiếp công dân; hãy cập nhật ứng dụng trên máy này trước.`);
    }
    const row = await handle.db.selectFrom('petitions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { state: 'register', petitions: Number(row.n) };
  } catch (error) {
    throw describePostgresFault(error, location) ?? error;
  } finally {
    await handle.db.destroy();
  }
}

export function registerLocationMethods(t: HandlerTable, meta: AppMeta): void {
  t.method('register.location', async (_input, { register }) => status(register, meta));
  t.method('register.setLocation', async (input, ctx) => {
    const where = meta.location;
    if (!where) throw new ApiError('CONFLICT', 'Ứng dụng này không có cài đặt nơi lưu sổ (sổ được chỉ định khi chạy).');
    const location = input.location === null || input.location.trim() === '' ? null : checkServerAddress(input.location);
    const check = location === null ? undefined : await checkServer(location);
    const before = readLocationSetting(where.dataDir);
    writeLocationSetting(where.dataDir, location);
    await ctx.register.db.transaction().execute(async (trx) => {
      await writeAudit(trx, ctx, {
        action: 'register_location',
        entity: 'register',
        entityId: null,
        before: { location: before === null ? null : displayLocation(before) },
        after: { location: location === null ? null : displayLocation(location), ...(check ? { server: check } : {}) },
      });
    });
    return status(ctx.register, meta, check);
  });
}
