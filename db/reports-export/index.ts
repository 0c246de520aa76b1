// An official report as files: XLSX in the form's layout, PDF through the injected HTML -> PDF
// engine, JSON as reports.md gives it. One computation (db/ops/reports.ts), three layouts of one
// definition (shared/reports). Used by the API (reports.export) and by `petreg report`.
import type { Kysely } from 'kysely';
import type { OpContext } from '../context.ts';
import { writeAudit } from '../audit.ts';
import { getSettings } from '../ops/settings.ts';
import { officialReport } from '../ops/reports.ts';
import type { DB } from '../schema.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { ApiError } from '../../shared/errors.ts';
import { reportDefinition } from '../../shared/reports/forms.ts';
import type { ReportDefinition } from '../../shared/reports/model.ts';
import { reportPage } from '../../shared/reports/html.ts';
import type { OfficialReport } from '../../shared/reports/report.ts';
import { reportXlsx } from './xlsx.ts';

export type PdfEngine = (html: string) => Promise<Uint8Array>;
export type ReportFileFormat = 'xlsx' | 'pdf' | 'json';

export function definitionOf(form: string): ReportDefinition {
  const definition = reportDefinition(form);
  if (!definition) throw new ApiError('VALIDATION', `Mẫu báo cáo ${form} không có (01/TCD, 02/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD)`);
  return definition;
}

/** The register's own report of a form, with the settings its layout needs. */
export async function prepareReport(db: Kysely<DB>, form: string, from: string, to: string): Promise<{ definition: ReportDefinition; report: OfficialReport; settings: Settings }> {
  const definition = definitionOf(form);
  const settings = await getSettings(db);
  const report = await officialReport(db, definition, from, to, settings.boardName, { fieldGroups: settings.fieldGroups });
  return { definition, report, settings };
}

/** "bao-cao_01-XLD_2026-06-15_2026-12-14.xlsx" (ASCII, safe on every file system). */
export function reportFileName(form: string, period: { from: string; to: string }, format: ReportFileFormat): string {
  return `bao-cao_${form.replace('/', '-')}_${period.from}_${period.to}.${format}`;
}

export function reportJson(report: OfficialReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export async function renderReport(
  definition: ReportDefinition,
  report: OfficialReport,
  settings: Settings,
  today: string,
  format: ReportFileFormat,
  pdf?: PdfEngine,
): Promise<{ fileName: string; bytes: Buffer }> {
  const fileName = reportFileName(definition.form, report.period, format);
  const letterhead = { parentBody: settings.parentBody, boardName: settings.boardName, placeName: settings.placeName, signerName: settings.signerName, signerTitle: settings.signerTitle };
  switch (format) {
    case 'json':
      return { fileName, bytes: Buffer.from(reportJson(report), 'utf8') };
    case 'xlsx':
      return { fileName, bytes: await reportXlsx(definition, report, { ...letterhead, signedOn: today }) };
    case 'pdf': {
      if (!pdf) throw new ApiError('INTERNAL', 'Máy này không có Chromium để tạo PDF; hãy xuất ra Excel (.xlsx).');
      return { fileName, bytes: Buffer.from(await pdf(reportPage(definition, report, letterhead, today))) };
    }
  }
}

/** One audit row per exported report file. */
export async function recordReportExport(ctx: OpContext, form: string, period: { from: string; to: string }, format: ReportFileFormat, fileName: string): Promise<void> {
  await ctx.register.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, { action: 'export', entity: 'report', entityId: `${form} ${period.from}..${period.to}`, after: { format, fileName } }),
  );
}
