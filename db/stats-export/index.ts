// A period's statistics as files: XLSX, CSV, PDF (through an injected HTML -> PDF engine) and JSON.
// The figures come from computeStatistics (db/ops/stats.ts) and nowhere else; the three laid-out
// formats are drawn from one report structure (shared/stats/export-table.ts). Used by the API
// (stats.export) and by `petreg stats`.
import type { Register } from '../register.ts';
import type { OpContext } from '../context.ts';
import { writeAudit } from '../audit.ts';
import { computeStatistics } from '../ops/stats.ts';
import { getSettings } from '../ops/settings.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import type { Settings } from '../../shared/domain/settings.ts';
import { ApiError } from '../../shared/errors.ts';
import type { Statistics } from '../../shared/stats/definitions.ts';
import { buildStatisticsReport, statisticsFileName, type StatisticsReport } from '../../shared/stats/export-table.ts';
import { statisticsPage } from '../../shared/stats/export-html.ts';
import type { StatsExportFormat } from '../../shared/stats/export-request.ts';
import { statisticsCsv } from './csv.ts';
import { statisticsXlsx } from './xlsx.ts';

export { statisticsCsv, CSV_BOM, CSV_COLUMNS, csvField } from './csv.ts';
export { statisticsXlsx } from './xlsx.ts';

export type PdfEngine = (html: string) => Promise<Uint8Array>;
export type StatisticsFileFormat = StatsExportFormat | 'json';

export const NO_PDF_ENGINE_MESSAGE = 'Máy này không có Chromium để tạo PDF; hãy xuất ra Excel (.xlsx) hoặc CSV.';

export interface PreparedStatistics {
  stats: Statistics;
  report: StatisticsReport;
  settings: Settings;
  /** Today in Vietnam: the date of the report's place and date line. */
  today: string;
}

/** The period's statistics and their report layout, read in one go. */
export async function prepareStatistics(register: Register, from: string, to: string): Promise<PreparedStatistics> {
  const today = vietnamDate(register.now());
  const [stats, settings] = await Promise.all([computeStatistics(register.db, from, to, today), getSettings(register.db)]);
  const report = buildStatisticsReport(stats, { parentBody: settings.parentBody, boardName: settings.boardName, reasonLabels: settings.reasonLabels });
  return { stats, report, settings, today };
}

/** The Statistics object exactly, as `petreg stats --json` prints it. */
export function statisticsJson(stats: Statistics): string {
  return JSON.stringify(stats, null, 2) + '\n';
}

/** The HTML page the PDF is printed from. */
export function statisticsHtml(prepared: PreparedStatistics): string {
  const s = prepared.settings;
  return statisticsPage(prepared.report, {
    letterhead: { parentBody: s.parentBody, boardName: s.boardName, placeName: s.placeName, signerName: s.signerName, signerTitle: s.signerTitle },
    issuedOn: prepared.today,
  });
}

export async function renderStatistics(prepared: PreparedStatistics, format: StatisticsFileFormat, pdf?: PdfEngine): Promise<{ fileName: string; bytes: Buffer }> {
  const fileName = statisticsFileName(prepared.stats.period, format);
  switch (format) {
    case 'xlsx':
      return { fileName, bytes: await statisticsXlsx(prepared.report) };
    case 'csv':
      return { fileName, bytes: Buffer.from(statisticsCsv(prepared.report), 'utf8') };
    case 'json':
      return { fileName, bytes: Buffer.from(statisticsJson(prepared.stats), 'utf8') };
    case 'pdf': {
      if (!pdf) throw new ApiError('INTERNAL', NO_PDF_ENGINE_MESSAGE);
      return { fileName, bytes: Buffer.from(await pdf(statisticsHtml(prepared))) };
    }
  }
}

/** One audit row per exported file: action 'export' on the period's statistics. */
export async function recordStatisticsExport(ctx: OpContext, period: { from: string; to: string }, format: StatisticsFileFormat, fileName: string): Promise<void> {
  await ctx.register.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, { action: 'export', entity: 'statistics', entityId: `${period.from}..${period.to}`, after: { format, fileName } }),
  );
}

/** stats.export: the file of a period's statistics, recorded in the audit log. */
export async function exportStatistics(ctx: OpContext, input: { from: string; to: string; format: StatsExportFormat }, pdf?: PdfEngine): Promise<{ fileName: string; bytes: Buffer; stats: Statistics }> {
  if (input.format === 'pdf' && !pdf) throw new ApiError('INTERNAL', NO_PDF_ENGINE_MESSAGE);
  const prepared = await prepareStatistics(ctx.register, input.from, input.to);
  const file = await renderStatistics(prepared, input.format, pdf);
  await recordStatisticsExport(ctx, prepared.stats.period, input.format, file.fileName);
  return { ...file, stats: prepared.stats };
}
