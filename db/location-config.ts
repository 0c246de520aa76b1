// Where the desktop app and the preview find their register (issue 14): the app's own setting,
// a small file in the app's data folder (not in the register: it says which register to open).
// Order: --db (preview, CLI) > $PETREG_DB > this setting > the register file in the data folder.
// A password is better kept out of the address: PostgreSQL's client reads PGPASSWORD or the
// user's pgpass file (README); an address that carries one is stored as written, in the user's
// own folder, and shown everywhere without it.
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../shared/errors.ts';
import { isPostgresLocation } from './engine/location.ts';
import { DATABASE_FILE } from './paths.ts';
import type { LocationSource } from '../shared/domain/location.ts';

export const LOCATION_FILE = 'register-location.json';


/** The location the setting names, or null (none, or an unreadable file: the default then). */
export function readLocationSetting(dataDir: string): string | null {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, LOCATION_FILE), 'utf8')) as { register?: unknown };
    return typeof data.register === 'string' && data.register.trim() !== '' ? data.register.trim() : null;
  } catch {
    return null;
  }
}

/** Writes (or, with null, removes) the setting, replacing the file whole. */
export function writeLocationSetting(dataDir: string, location: string | null): void {
  const file = path.join(dataDir, LOCATION_FILE);
  if (location === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ register: location }, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  fs.renameSync(temp, file);
}

/** The register to open, and what decided it. */
export function resolveRegisterLocation(options: { option?: string | undefined; env?: NodeJS.ProcessEnv; dataDir: string }): { location: string; source: LocationSource } {
  const normalise = (value: string) => (isPostgresLocation(value) ? value.trim() : path.resolve(value));
  if (options.option) return { location: normalise(options.option), source: 'option' };
  const env = options.env ?? process.env;
  if (env.PETREG_DB) return { location: normalise(env.PETREG_DB), source: 'environment' };
  const setting = readLocationSetting(options.dataDir);
  if (setting) return { location: normalise(setting), source: 'setting' };
  return { location: path.join(options.dataDir, DATABASE_FILE), source: 'default' };
}

/** Checks an address typed into the setting: a postgres:// URL with a host and a database name. */
export function checkServerAddress(value: string): string {
  const text = value.trim();
  if (!isPostgresLocation(text)) throw new ApiError('VALIDATION', 'Địa chỉ sổ dùng chung phải có dạng postgres://người-dùng@máy-chủ:cổng/tên-cơ-sở-dữ-liệu', [{ path: 'location', message: 'Không phải địa chỉ postgres://' }]);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError('VALIDATION', 'Địa chỉ sổ dùng chung không đọc được', [{ path: 'location', message: 'Địa chỉ không hợp lệ' }]);
  }
  if (!url.hostname || url.pathname.replace(/^\//, '') === '') {
    throw new ApiError('VALIDATION', 'Địa chỉ sổ dùng chung cần tên máy chủ và tên cơ sở dữ liệu, ví dụ postgres://canbo@192.168.1.10:5432/so_tiep_cong_dan', [{ path: 'location', message: 'Thiếu máy chủ hoặc cơ sở dữ liệu' }]);
  }
  return text;
}
