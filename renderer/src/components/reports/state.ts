// What the reports screen remembers while the officer opens a record behind a figure and comes
// back: the form shown (the period is the statistics screen's, shared) and the figure whose records
// were listed, at the page the officer was on.
import { create } from 'zustand';
import type { ReportFormCode } from '../../../../shared/reports/forms.ts';
import type { ReportDrillTarget } from './ReportDrillDrawer.tsx';

interface ReportsScreenState {
  form: ReportFormCode;
  /** The figure whose records are listed, and the page: open again on return from a petition. */
  drill: ReportDrillTarget | null;
  drillPage: number;
  setForm(form: ReportFormCode): void;
  setDrill(drill: ReportDrillTarget | null): void;
  setDrillPage(page: number): void;
}

export const useReportsScreen = create<ReportsScreenState>((set) => ({
  form: '01/XLD',
  drill: null,
  drillPage: 1,
  setForm: (form) => set({ form, drill: null, drillPage: 1 }),
  setDrill: (drill) => set({ drill, drillPage: 1 }),
  setDrillPage: (drillPage) => set({ drillPage }),
}));
