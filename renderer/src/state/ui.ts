// UI state kept across screens: which screen is open (with its parameters), who is at the desk.
import { create } from 'zustand';
import type { User } from '../../../shared/domain/user.ts';

export const PAGES = [
  'overview',
  'reception',
  'receptionRegister',
  'petitions',
  'petitionNew',
  'petition',
  'agencies',
  'statistics',
  'settings',
] as const;
export type Page = (typeof PAGES)[number];

export interface PageParams {
  /** petitionNew: the visit the petition was handed in at (pre-fills the form). */
  visitId?: number;
  /** petition: the petition to show. */
  petitionId?: number;
}

interface UiState {
  page: Page;
  params: PageParams;
  officer: User | null;
  /** Shown in the header; refreshed when settings are saved. */
  boardName: string;
  go(page: Page, params?: PageParams): void;
  setOfficer(officer: User | null): void;
  setBoardName(name: string): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'overview',
  params: {},
  officer: null,
  boardName: '',
  go: (page, params = {}) => set({ page, params }),
  setOfficer: (officer) => set({ officer }),
  setBoardName: (boardName) => set({ boardName }),
}));
