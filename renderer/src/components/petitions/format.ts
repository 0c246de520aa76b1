// Small display helpers for the petition screens.
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import type { PetitionStatus } from '../../../../shared/domain/petition.ts';

/** Mantine colours of the statuses: overdue ones stand out. */
export const STATUS_COLORS: Record<PetitionStatus, string> = {
  awaiting_classification: 'gray',
  awaiting_decision: 'blue',
  overdue: 'red',
  forwarded: 'indigo',
  reply_overdue: 'orange',
  closed: 'green',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-03-05` → `05/03/2026`; anything else unchanged. */
export function formatIsoDate(value: string): string {
  const m = ISO_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

export function formatCount(n: number): string {
  return n.toLocaleString('vi-VN');
}

export type PeriodChoice = 'month' | 'year' | 'all' | 'custom';

/** The date range of a quick period choice, in Vietnam's calendar. */
export function periodRange(choice: Exclude<PeriodChoice, 'custom'>, now = new Date()): { from: string; to: string } {
  const today = vietnamDate(now);
  if (choice === 'all') return { from: '', to: '' };
  const year = today.slice(0, 4);
  if (choice === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const month = Number(today.slice(5, 7));
  const lastDay = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(lastDay).padStart(2, '0')}` };
}
