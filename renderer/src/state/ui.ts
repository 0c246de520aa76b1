// UI state kept across screens: which screen is open, who is at the desk.
import { create } from 'zustand';
import type { User } from '../../../shared/domain/user.ts';

export const PAGES = ['overview', 'reception', 'petitions', 'agencies', 'statistics', 'settings'] as const;
export type Page = (typeof PAGES)[number];

interface UiState {
  page: Page;
  officer: User | null;
  /** Shown in the header; refreshed when settings are saved. */
  boardName: string;
  go(page: Page): void;
  setBoardName(name: string): void;
  setOfficer(officer: User | null): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'overview',
  officer: null,
  boardName: '',
  go: (page) => set({ page }),
  setBoardName: (boardName) => set({ boardName }),
  setOfficer: (officer) => set({ officer }),
}));
