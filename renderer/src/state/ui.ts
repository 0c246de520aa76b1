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
  /**
   * petition: the screen it was opened from when that is not the petition list (a figure of the
   * statistics or of a report, the to-do list): "Quay lại" and Esc return there, as it was left.
   */
  back?: BackTarget;
}

export interface BackTarget {
  page: Page;
  /** Where "Quay lại" goes, as the button says it: "Quay lại {label}". */
  label: string;
  /** That screen's parameters (e.g. the matter it showed). */
  params?: Omit<PageParams, 'back'>;
}

export interface LeaveGuard {
  /** What is at stake, e.g. "Đơn đang nhập chưa được lưu". */
  what: string;
  /** True when a draft is kept (and offered on return), so leaving loses nothing. */
  drafted: boolean;
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
  /** Set by a form holding unsaved work (useUnsavedGuard): leaving it asks first. */
  guard: LeaveGuard | null;
  /** What to do once the officer agrees to leave the guarded form. */
  pendingLeave: (() => void) | null;
  setGuard(guard: LeaveGuard | null): void;
  /** Runs `action` at once, or, when a form holds unsaved work, after the officer agrees. */
  leave(action: () => void): void;
  answerLeave(leave: boolean): void;
  setOfficer(officer: User | null): void;
  setBoardName(name: string): void;
}

export const useUi = create<UiState>((set, get) => ({
  page: 'overview',
  params: {},
  officer: null,
  boardName: '',
  revision: 0,
  touch: () => set((s) => ({ revision: s.revision + 1 })),
  go: (page, params = {}) => get().leave(() => set({ page, params })),
  guard: null,
  pendingLeave: null,
  setGuard: (guard) => set({ guard }),
  leave: (action) => {
    if (get().guard) set({ pendingLeave: action });
    else action();
  },
  answerLeave: (leave) => {
    const action = get().pendingLeave;
    set(leave ? { pendingLeave: null, guard: null } : { pendingLeave: null });
    if (leave) action?.();
  },
  setOfficer: (officer) => set({ officer }),
  setBoardName: (boardName) => set({ boardName }),
}));
