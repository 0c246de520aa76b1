// The official report forms as data: each form's columns (MS, heading, parent headings), how each
// figure is counted, and the identities printed in the form's number row. A new circular is a
// change of these definitions, not of a screen or a query: db/ops/reports.ts compiles a column's
// count into SQL, the screen and the XLSX lay out the headings from here, and every report is
// checked against its identities before anyone sees it.

/** Official field groups (lĩnh vực) of the inspection sector's forms (reports.md, "Fields"). */
export const FIELD_GROUPS = ['admin_policy', 'admin_land', 'admin_civil_service', 'admin_other', 'justice', 'corruption', 'party', 'other'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];
export const FIELD_GROUP_LABELS: Record<FieldGroup, string> = {
  admin_policy: 'Hành chính: chế độ, chính sách',
  admin_land: 'Hành chính: đất đai, nhà cửa',
  admin_civil_service: 'Hành chính: công chức, công vụ',
  admin_other: 'Hành chính: khác',
  justice: 'Tư pháp',
  corruption: 'Tham nhũng',
  party: 'Đảng, đoàn thể',
  other: 'Khác',
};

/** The state of a matter when it reached the Board (matters issue), as the forms group it. */
export const MATTER_STATES = ['unresolved', 'resolved_once', 'resolved_twice', 'court_judgment', 'denunciation_concluded', 'denunciation_overdue'] as const;
export type MatterState = (typeof MATTER_STATES)[number];

/** Who received, as 01/TCD groups reception: the Board's regular desk, the head in person, or on delegation. */
export const RECEPTION_BY = ['regular', 'head', 'delegated'] as const;
export type ReceptionBy = (typeof RECEPTION_BY)[number];

export type PetitionKindOfficial = 'complaint' | 'denunciation' | 'recommendation';
export type HandlingAction = 'accept' | 'guide' | 'return' | 'forward' | 'urge' | 'file';

/** Conditions on one visit of a reception session dated in the period. */
export interface VisitWhere {
  by?: ReceptionBy;
  delegation?: boolean;
}

/**
 * Conditions on one petition of the period's population. `scope`: `carried` = received before
 * the period and not processed when it began; `received` = received in the period; both when
 * absent. `processed` = a handling decision by the period's end.
 */
export interface PetitionWhere {
  scope?: 'carried' | 'received';
  processed?: boolean;
  /** Eligible, and handled with one of accept / guide / return / forward / urge by the period's end. */
  eligibleHandled?: boolean;
  kind?: PetitionKindOfficial;
  action?: HandlingAction[];
  fieldGroup?: FieldGroup[];
  state?: MatterState[];
  complaintLevel?: 'first' | 'second';
  /** Registered from a visit (handed in at reception). */
  viaReception?: boolean;
  /** 02/TCD's population: received at reception and handled in the period (see its definition). */
  receptionHandled?: boolean;
}

/**
 * How a figure is counted. `matters` counts the petitions that satisfy `where` and represent
 * their matter in the form's `matterBase`. Reception: sessions of the head's reception, visits, persons (the sum
 * of a visit's persons), delegations (visits of 5 or more), matters first seen / seen before.
 * Petitions: petitions, distinct matters, agencies' replies received in the period.
 */
export type Count =
  | { unit: 'sessions'; by: Exclude<ReceptionBy, 'regular'> }
  | { unit: 'visits' | 'persons'; where: VisitWhere }
  | { unit: 'matters_first' | 'matters_repeat'; where: VisitWhere }
  | { unit: 'petitions' | 'matters'; where: PetitionWhere }
  | { unit: 'replies'; where: PetitionWhere };

export interface ReportColumn {
  /** Mã số: the column's number as printed in the form's number row. */
  ms: number;
  /** The column's own heading (the lowest heading cell). */
  heading: string;
  /** Parent headings, outermost first ("Tiếp thường xuyên", "Đoàn đông người", "Vụ việc"). */
  parents: string[];
  /** How the figure is counted; `sum` adds other columns (the printed totals); `note` is text. */
  value: Count | { sum: number[] } | 'note';
  /** Where the form's wording comes from, or why the count is defined this way. */
  why?: string;
}

export interface ReportDefinition {
  /** "01/XLD". */
  form: string;
  /** As printed, in capitals. */
  title: string;
  /** What the form's table is about, in the Board's words (shown under the title). */
  subtitle: string;
  /** The source of the layout. */
  source: string;
  columns: ReportColumn[];
  /** The identities printed in the number row, e.g. "1 = 2+3 = 4+5". */
  identities: string[];
  /** Which records a drill-down opens. */
  records: 'visits' | 'petitions';
  /**
   * Petition forms: the population in which each matter is represented by ONE petition (its
   * latest), so that matters split by kind, state or result add up to the matters' total even
   * when a matter came through several petitions handled differently.
   */
  matterBase?: PetitionWhere;
}

/** Parses "6 = 8+9+10 = 11+12+13 = 14+18" into its sides: [[6], [8, 9, 10], [11, 12, 13], [14, 18]]. */
export function parseIdentity(rule: string): number[][] {
  const sides = rule.split('=').map((side) =>
    side
      .split('+')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => {
        if (!/^\d+$/.test(t)) throw new Error(`Đẳng thức “${rule}” có số cột không hợp lệ: ${t}`);
        return Number(t);
      }),
  );
  if (sides.length < 2 || sides.some((s) => s.length === 0)) throw new Error(`Đẳng thức “${rule}” không hợp lệ`);
  return sides;
}

export interface IdentityResult {
  rule: string;
  holds: boolean;
  /** Each side's value, in order. */
  values: number[];
}

/** Checks a row of figures (column number -> value) against the form's identities. */
export function checkRow(definition: ReportDefinition, columns: Record<string, number>): IdentityResult[] {
  return definition.identities.map((rule) => {
    const values = parseIdentity(rule).map((side) => side.reduce((n, ms) => n + (columns[String(ms)] ?? Number.NaN), 0));
    return { rule, values, holds: values.every((v) => Number.isFinite(v) && v === values[0]) };
  });
}

/** The numbered columns that carry a figure (not the note). */
export function figureColumns(definition: ReportDefinition): ReportColumn[] {
  return definition.columns.filter((c) => c.value !== 'note');
}
