// What the statistics screen remembers while the officer opens a petition behind a figure and
// comes back (Alt+5 or "Quay lại Thống kê"): the period chosen, the tab shown and the figure whose
// petitions were listed, at the page the officer was on.
import { create } from 'zustand';
import { vietnamDate } from '../../../../shared/domain/dates.ts';
import type { PeriodKind } from '../../../../shared/stats/periods.ts';
import type { DrillTarget } from './Figure.tsx';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** Month (1–12) for months, quarter (1–4) for quarters; unused otherwise. */
  index: number;
  /** Custom period only (YYYY-MM-DD). */
  from: string;
  to: string;
}

export type StatsTab = 'reception' | 'petitions' | 'communes' | 'charts';

/** The official month (15th–14th) a date falls in: from the 15th on, it is next month's. */
export function officialMonthOf(iso: string): { year: number; month: number } {
  let year = Number(iso.slice(0, 4));
  let month = Number(iso.slice(5, 7));
  if (Number(iso.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return { year, month };
}

/** The period of a kind that contains `today` (year and month/quarter index). */
export function currentChoice(kind: PeriodKind, today: string, keep?: PeriodChoice): PeriodChoice {
  const official = officialMonthOf(today);
  const calendarYear = Number(today.slice(0, 4));
  const base = { kind, from: keep?.from ?? '', to: keep?.to ?? '' };
  switch (kind) {
    case 'calendar_month':
      return { ...base, year: calendarYear, index: Number(today.slice(5, 7)) };
    case 'official_month':
      return { ...base, year: official.year, index: official.month };
    case 'official_quarter':
      return { ...base, year: official.year, index: Math.ceil(official.month / 3) };
    case 'official_6_months':
    case 'official_9_months':
    case 'official_year':
      return { ...base, year: official.year, index: 1 };
    case 'calendar_year':
    case 'custom':
      return { ...base, year: calendarYear, index: 1 };
  }
}

interface StatsScreenState {
  choice: PeriodChoice;
  tab: StatsTab;
  /** The figure whose petitions are listed (the drill-down), and its page: open again on return. */
  drill: DrillTarget | null;
  drillPage: number;
  setChoice(choice: PeriodChoice): void;
  setTab(tab: StatsTab): void;
  setDrill(drill: DrillTarget | null): void;
  setDrillPage(page: number): void;
}

export const useStatsScreen = create<StatsScreenState>((set) => ({
  choice: currentChoice('official_quarter', vietnamDate(new Date())),
  tab: 'petitions',
  drill: null,
  drillPage: 1,
  setChoice: (choice) => set({ choice, drill: null, drillPage: 1 }),
  setTab: (tab) => set({ tab }),
  setDrill: (drill) => set({ drill, drillPage: 1 }),
  setDrillPage: (drillPage) => set({ drillPage }),
}));
