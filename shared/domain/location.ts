// Where the register is (issue 14): this machine's file, or a register shared by several desks
// on a PostgreSQL server. The setting is the app's own (a file beside the app's data), read at
// start; changing it takes effect when the app starts again.
import { z } from '../validation.ts';

export const locationSetSchema = z.strictObject({
  /** A postgres:// address, or null to use the register file on this machine again. */
  location: z.string({ error: 'Địa chỉ sổ phải là chữ' }).max(500, { error: 'Địa chỉ sổ quá dài (tối đa 500 ký tự)' }).nullable(),
});

export type LocationSource = 'option' | 'environment' | 'setting' | 'default';

export const LOCATION_SOURCE_LABELS: Record<LocationSource, string> = {
  option: 'tham số --db khi chạy',
  environment: 'biến môi trường PETREG_DB',
  setting: 'cài đặt của ứng dụng',
  default: 'tệp sổ trên máy này (mặc định)',
};

/** What the server at an address holds, checked before the setting is saved. */
export interface ServerCheck {
  /** empty: a new register is made there at the next start; register: a register already in use. */
  state: 'empty' | 'register';
  petitions: number;
}

export interface RegisterLocationStatus {
  /** The register open now (a server's address without its password). */
  current: string;
  engine: 'sqlite' | 'postgres';
  source: LocationSource;
  /** The register the setting names for the next start (null: this machine's file). */
  setting: string | null;
  /** The setting names another register than the one open: it is used after a restart. */
  restartNeeded: boolean;
  /** --db or PETREG_DB decides instead of the setting. */
  overridden: boolean;
  /** After a change to a server: what the server holds. */
  check?: ServerCheck;
}
