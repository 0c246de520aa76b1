// What the petition screens remember while the officer moves between them: the list's filters,
// sort and scroll position (so "Quay lại danh sách" lands where they left), and the period of
// the reception register (a petition's visit links to its session date there).
import { create } from 'zustand';
import { useUi } from '../../state/ui.ts';
import type { Channel, Field, PetitionKind, PetitionStatus } from '../../../../shared/domain/petition.ts';
import type { PeriodChoice } from './format.ts';

export interface PetitionFilters {
  period: PeriodChoice;
  from: string;
  to: string;
  kind: PetitionKind | null;
  field: Field | null;
  channel: Channel | null;
  status: PetitionStatus | null;
  search: string;
  sort: 'registerNo' | 'receivedOn';
  direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: PetitionFilters = {
  period: 'all',
  from: '',
  to: '',
  kind: null,
  field: null,
  channel: null,
  status: null,
  search: '',
  sort: 'registerNo',
  direction: 'desc',
};

interface PetitionScreensState {
  filters: PetitionFilters;
  /** Scroll position and focused row of the list when it was left. */
  scrollOffset: number;
  activeIndex: number;
  /** Set when a petition was opened from the list: coming back puts the focus on its row. */
  returning: boolean;
  /** Period of the reception register screen; null = this month. */
  registerPeriod: { from: string; to: string } | null;
  /** A visit to highlight in the register (reached from a petition). */
  registerVisitId: number | null;
  setFilters(patch: Partial<PetitionFilters>): void;
  resetFilters(): void;
  rememberPosition(scrollOffset: number, activeIndex: number): void;
  /** Reads and clears `returning`. */
  takeReturning(): boolean;
  showInRegister(date: string, visitId: number | null): void;
  setRegisterPeriod(period: { from: string; to: string }): void;
}

export const usePetitionScreens = create<PetitionScreensState>((set, get) => ({
  filters: DEFAULT_FILTERS,
  scrollOffset: 0,
  activeIndex: 0,
  returning: false,
  registerPeriod: null,
  registerVisitId: null,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch }, scrollOffset: 0, activeIndex: 0 })),
  resetFilters: () => set({ filters: DEFAULT_FILTERS, scrollOffset: 0, activeIndex: 0 }),
  rememberPosition: (scrollOffset, activeIndex) => set({ scrollOffset, activeIndex, returning: true }),
  takeReturning: () => {
    const was = get().returning;
    if (was) set({ returning: false });
    return was;
  },
  showInRegister: (date, visitId) => set({ registerPeriod: { from: date, to: date }, registerVisitId: visitId }),
  setRegisterPeriod: (period) => set({ registerPeriod: period, registerVisitId: null }),
}));

// The register opens on this month unless a petition's visit just sent the officer to its day:
// leaving the register forgets that day.
useUi.subscribe((s, prev) => {
  if (prev.page === 'receptionRegister' && s.page !== 'receptionRegister') {
    usePetitionScreens.setState({ registerPeriod: null, registerVisitId: null });
  }
});
