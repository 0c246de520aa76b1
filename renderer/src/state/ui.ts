// UI state kept across screens: which screen is open (with its parameters), who is at the desk.
import { create } from 'zustand';
import type { User } from '../../../shared/domain/user.ts';

export const PAGES = [
  'overview',
  'todo',
  'reception',
  'receptionRegister',
  'petitions',
  'petitionNew',
  'petition',
  'agencies',
  'statistics',
  'reports',
  'settings',
  'matters',
  'matter',
] as const;
export type Page = (typeof PAGES)[number];

export interface PageParams {
  /** petitionNew: the visit the petition was handed in at (pre-fills the form). */
  visitId?: number;
  /** petition: the petition to show. */
  petitionId?: number;
  /** matter: the matter (vụ việc) to show. */
  matterId?: number;
}

interface UiState {
  page: Page;
  params: PageParams;
  officer: User | null;
  /** Shown in the header; refreshed when settings are saved. */
  boardName: string;
  /** Bumped after any change that may move the to-do counts shown in the navigation. */
  revision: number;
  touch(): void;
  go(page: Page, params?: PageParams): void;
  setOfficer(officer: User | null): void;
  setBoardName(name: string): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'overview',
  params: {},
  officer: null,
  boardName: '',
  revision: 0,
  touch: () => set((s) => ({ revision: s.revision + 1 })),
  go: (page, params = {}) => set({ page, params }),
  setOfficer: (officer) => set({ officer }),
  setBoardName: (boardName) => set({ boardName }),
}));
