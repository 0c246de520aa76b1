// A computed official report as `petreg report FORM --json` prints it (reports.md, "The command
// line and the file a machine reads"), the header grid every layout (screen, XLSX, PDF) draws
// from the definition, and consolidation: reports of several units added as rows with a total.
import { z } from '../validation.ts';
import { isIsoDate } from '../domain/dates.ts';
import type { PetitionPage } from '../domain/petition.ts';
import type { ReceptionSession, Visit } from '../domain/reception.ts';
import { REPORT_FORM_IDS, reportDefinition } from './forms.ts';
import { checkRow, figureColumns, parseIdentity, type ReportDefinition } from './model.ts';
import { parseJson } from '../interchange/json-syntax.ts';

export interface ReportRowData {
  unit: string;
  columns: Record<string, number>;
  note?: string;
}

export interface IdentityLine {
  rule: string;
  holds: boolean;
  /** The unit (row) it was checked on; absent on a single-unit report. */
  unit?: string;
}

export interface OfficialReport {
  form: string;
  title: string;
  period: { from: string; to: string };
  rows: ReportRowData[];
  /** A consolidated report's sum of the units; absent for one unit. */
  total?: ReportRowData;
  identities: IdentityLine[];
}

export const reportRequestSchema = z
  .strictObject({
    form: z.enum(REPORT_FORM_IDS, { error: 'Mẫu báo cáo không có (01/TCD, 02/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD)' }),
    from: z.string({ error: 'Thiếu từ ngày' }).refine(isIsoDate, { error: 'Từ ngày không hợp lệ' }),
    to: z.string({ error: 'Thiếu đến ngày' }).refine(isIsoDate, { error: 'Đến ngày không hợp lệ' }),
  })
  .refine((r) => r.from <= r.to, { error: 'Từ ngày phải trước hoặc bằng đến ngày', path: ['to'] });
export type ReportRequest = z.input<typeof reportRequestSchema>;

export const reportDrillSchema = z.strictObject({
  form: z.enum(REPORT_FORM_IDS, { error: 'Mẫu báo cáo không có' }),
  from: z.string().refine(isIsoDate, { error: 'Từ ngày không hợp lệ' }),
  to: z.string().refine(isIsoDate, { error: 'Đến ngày không hợp lệ' }),
  ms: z.number({ error: 'Thiếu cột' }).int().min(1).max(99),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const reportExportSchema = z.strictObject({
  form: z.enum(REPORT_FORM_IDS, { error: 'Mẫu báo cáo không có' }),
  from: z.string().refine(isIsoDate, { error: 'Từ ngày không hợp lệ' }),
  to: z.string().refine(isIsoDate, { error: 'Đến ngày không hợp lệ' }),
  format: z.enum(['xlsx', 'pdf', 'json'], { error: 'Định dạng tệp không hợp lệ' }),
});

/** The records behind a cell: petitions (a page of the list), visits, or sessions. */
export type ReportDrill =
  | { records: 'petitions'; page: PetitionPage }
  | { records: 'visits'; total: number; visits: Visit[] }
  | { records: 'sessions'; total: number; sessions: ReceptionSession[] };

export interface GridCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** The column number, on a leaf heading. */
  ms?: number;
}

/**
 * The heading rows of a form: "STT" and "Đơn vị" on the left spanning every heading row, then each
 * column under its parent headings (equal parents side by side merge into one cell), the leaf
 * heading spanning down to the last heading row.
 */
export function headerRows(definition: ReportDefinition): GridCell[][] {
  const depth = Math.max(...definition.columns.map((c) => c.parents.length)) + 1;
  const rows: GridCell[][] = Array.from({ length: depth }, () => []);
  rows[0]!.push({ text: 'STT', rowSpan: depth }, { text: 'Đơn vị', rowSpan: depth });
  const cols = definition.columns;
  for (let level = 0; level < depth; level++) {
    let i = 0;
    while (i < cols.length) {
      const c = cols[i]!;
      if (level < c.parents.length) {
        // A parent heading: merge with the following columns sharing the same path up to here.
        const path = c.parents.slice(0, level + 1).join('\u0000');
        let j = i + 1;
        while (j < cols.length && cols[j]!.parents.length > level && cols[j]!.parents.slice(0, level + 1).join('\u0000') === path) j++;
        rows[level]!.push({ text: c.parents[level]!, ...(j - i > 1 ? { colSpan: j - i } : {}) });
        i = j;
      } else if (level === c.parents.length) {
        const span = depth - level;
        rows[level]!.push({ text: c.heading, ms: c.ms, ...(span > 1 ? { rowSpan: span } : {}) });
        i++;
      } else {
        i++;
      }
    }
  }
  return rows;
}

/** The number row: "1=2+3" under a column that is the left side of a printed identity, else the number. */
export function msLabel(definition: ReportDefinition, ms: number): string {
  const rule = definition.identities.find((r) => {
    const sides = parseIdentity(r);
    return sides[0]!.length === 1 && sides[0]![0] === ms;
  });
  return rule ? rule.replace(/\s+/g, '') : String(ms);
}

/** The form's notes on how columns are counted, one line per distinct note: "Cột 6, 15, 24: …". */
export function columnNotes(definition: ReportDefinition): string[] {
  const byText = new Map<string, number[]>();
  for (const c of definition.columns) if (c.why) byText.set(c.why, [...(byText.get(c.why) ?? []), c.ms]);
  return [...byText].map(([why, columns]) => `Cột ${columns.join(', ')}: ${why}.`);
}

/** Adds the rows of several units: a total row, and every identity checked per row and on the total. */
export function consolidate(definition: ReportDefinition, period: { from: string; to: string }, rows: ReportRowData[]): OfficialReport {
  const total: ReportRowData = { unit: 'Tổng cộng', columns: {} };
  for (const c of figureColumns(definition)) total.columns[String(c.ms)] = rows.reduce((n, r) => n + (r.columns[String(c.ms)] ?? 0), 0);
  const identities: IdentityLine[] = [];
  for (const row of [...rows, total]) {
    for (const r of checkRow(definition, row.columns)) identities.push({ rule: r.rule, holds: r.holds, unit: row.unit });
  }
  return { form: definition.form, title: definition.title, period, rows, ...(rows.length > 1 ? { total } : {}), identities };
}

/** Reads a report file of another unit (`petreg report … --json`), naming what is wrong. */
export function parseReportFile(text: string, name: string): OfficialReport {
  let data: unknown;
  try {
    data = parseJson(text);
  } catch {
    throw new Error(`Tệp ${name} không phải JSON hợp lệ`);
  }
  const shape = z.object({
    form: z.string(),
    title: z.string().optional(),
    period: z.object({ from: z.string().refine(isIsoDate), to: z.string().refine(isIsoDate) }),
    rows: z
      .array(z.object({ unit: z.string().min(1), columns: z.record(z.string(), z.number().int().min(0)), note: z.string().optional() }))
      .min(1),
  });
  const parsed = shape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Tệp ${name}: ${issue.path.join('.') || 'nội dung'} không đúng dạng báo cáo (${issue.message})`);
  }
  const definition = reportDefinition(parsed.data.form);
  if (!definition) throw new Error(`Tệp ${name}: mẫu ${parsed.data.form} không có`);
  for (const row of parsed.data.rows) {
    for (const c of figureColumns(definition)) {
      if (row.columns[String(c.ms)] === undefined) throw new Error(`Tệp ${name}, đơn vị “${row.unit}”: thiếu cột ${c.ms}`);
    }
  }
  return { form: definition.form, title: definition.title, period: parsed.data.period, rows: parsed.data.rows, identities: [] };
}
