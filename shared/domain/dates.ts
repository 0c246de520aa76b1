// Calendar dates as the register stores them: ISO `YYYY-MM-DD`, local to Vietnam (UTC+7).
import { z } from '../validation.ts';
import { isIsoDate as isCalendarDate, todayInVietnam } from '../calendar/dates.ts';

/** A real calendar date within the years the register accepts (1900–2100). */
export function isIsoDate(value: string): boolean {
  return isCalendarDate(value) && value >= '1900-01-01' && value <= '2100-12-31';
}

/** The calendar date in Vietnam (UTC+7) at an instant. */
export const vietnamDate = todayInVietnam;

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label} là bắt buộc` })
    .refine(isIsoDate, { error: `${label} không phải ngày hợp lệ (ngày/tháng/năm, dd/mm/yyyy)` });
}

export function optionalIsoDate(label: string) {
  return z
    .string({ error: `${label} phải là một ngày (dd/mm/yyyy)` })
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v))
    .refine((v) => v === null || isIsoDate(v), { error: `${label} không phải ngày hợp lệ (ngày/tháng/năm, dd/mm/yyyy)` });
}
