// Calendar dates as the register stores them: ISO `YYYY-MM-DD`, local to Vietnam (UTC+7).
import { z } from '../validation.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2100;
}

/** The calendar date in Vietnam (UTC+7) at an instant. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label} là bắt buộc (dạng YYYY-MM-DD)` })
    .refine(isIsoDate, { error: `${label} không phải ngày hợp lệ (dạng YYYY-MM-DD)` });
}

export function optionalIsoDate(label: string) {
  return z
    .string({ error: `${label} phải là ngày dạng YYYY-MM-DD` })
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v))
    .refine((v) => v === null || isIsoDate(v), { error: `${label} không phải ngày hợp lệ (dạng YYYY-MM-DD)` });
}
