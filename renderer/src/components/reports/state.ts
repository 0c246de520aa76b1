// What the reports screen remembers while the officer opens a record behind a figure and comes
// back: the form shown (the period is the statistics screen's, shared).
import { create } from 'zustand';
import type { ReportFormCode } from '../../../../shared/reports/forms.ts';

interface ReportsScreenState {
  form: ReportFormCode;
  setForm(form: ReportFormCode): void;
}

export const useReportsScreen = create<ReportsScreenState>((set) => ({
  form: '01/XLD',
  setForm: (form) => set({ form }),
}));
