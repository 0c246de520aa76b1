// `petreg report FORM --from D --to D [--json] [--xlsx F] [--pdf F] [--unit FILE ...] [--force]`:
// an official report form (01/TCD, 02/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD) counted from the
// register, its identities checked. `--unit` adds the same form of other units (their
// `petreg report … --json` files) as rows under the register's own, with a total row; every
// row's identities are checked. Files are written beside the target and renamed.
import fs from 'node:fs';
import path from 'node:path';
import { openRegisterForWrite } from '../../db/register.ts';
import { prepareReport, recordReportExport, renderReport, reportJson, type ReportFileFormat } from '../../db/reports-export/index.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { REPORT_FORM_IDS } from '../../shared/reports/forms.ts';
import { consolidate, parseReportFile, reportRequestSchema, type OfficialReport } from '../../shared/reports/report.ts';
import { findChromium, htmlToPdf, NO_CHROMIUM_MESSAGE } from '../../print/chromium-pdf.ts';
import { CLI_ACTOR } from './import.ts';
import { UserError, type Command, registerMissing } from '../command.ts';

const USAGE = 'petreg report MẪU --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--xlsx FILE] [--pdf FILE] [--unit FILE.json ...] [--force] [--db FILE]';
const FILE_FORMATS = ['xlsx', 'pdf'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function writeFile(target: string, bytes: Buffer, label: string): void {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new UserError(`Không ghi được tệp ${label}: ${(error as Error).message}`);
  }
}

export const reportCommand: Command = {
  name: 'report',
  usage: USAGE,
  summary: `báo cáo theo biểu mẫu chính thức (${REPORT_FORM_IDS.join(', ')}): --json in ra màn hình; --xlsx, --pdf ghi tệp; --unit cộng báo cáo của đơn vị khác`,
  maxPositionals: 1,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    xlsx: { type: 'string' },
    pdf: { type: 'string' },
    unit: { type: 'string', multiple: true },
    force: { type: 'boolean' },
  },
  async run({ dbPath, positionals, options, io }) {
    const form = positionals[0];
    if (!form) throw new UserError(`Thiếu mẫu báo cáo (${REPORT_FORM_IDS.join(', ')}). Cách dùng: ${USAGE}`);
    const parsed = reportRequestSchema.safeParse({ form, from: text(options.from), to: text(options.to) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const value = field === 'form' ? form : text(options[field]);
      throw new UserError(value === undefined ? `Thiếu --${field} NGÀY (dạng YYYY-MM-DD). Cách dùng: ${USAGE}` : `${issue.message}: “${value}”.`);
    }
    const request = parsed.data;
    const force = options.force === true;
    const targets = FILE_FORMATS.flatMap((format) => {
      const file = text(options[format]);
      if (file === undefined) return [];
      if (file === '') throw new UserError(`--${format} cần một tên tệp.`);
      const resolved = path.resolve(file);
      if (!fs.existsSync(path.dirname(resolved))) throw new UserError(`Không có thư mục ${path.dirname(resolved)} để ghi ${file}.`);
      if (fs.existsSync(resolved) && !force) throw new UserError(`Tệp ${file} đã có; dùng --force để ghi đè.`);
      if (resolved === path.resolve(dbPath)) throw new UserError('Tệp xuất phải khác tệp sổ.');
      return [{ format: format as ReportFileFormat, file, resolved }];
    });
    if (targets.length === 2 && targets[0]!.resolved === targets[1]!.resolved) throw new UserError(`Các tệp xuất phải khác nhau (${targets[0]!.file} được cho hai lần).`);
    if (targets.some((t) => t.format === 'pdf') && !findChromium()) throw new UserError(`${NO_CHROMIUM_MESSAGE} Có thể xuất ra --xlsx.`);
    const unitFiles = ((options.unit as unknown as string[] | undefined) ?? []).map((file) => {
      let content: string;
      try {
        content = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UserError(`Không đọc được tệp báo cáo đơn vị ${file}.`);
      }
      let unit: OfficialReport;
      try {
        unit = parseReportFile(content, file);
      } catch (error) {
        throw new UserError((error as Error).message);
      }
      if (unit.form !== request.form) throw new UserError(`Tệp ${file} là báo cáo mẫu ${unit.form}, không phải mẫu ${request.form}.`);
      if (unit.period.from !== request.from || unit.period.to !== request.to) {
        throw new UserError(`Tệp ${file} là kỳ ${vn(unit.period.from)}–${vn(unit.period.to)}, khác kỳ ${vn(request.from)}–${vn(request.to)}.`);
      }
      return unit;
    });
    if (registerMissing(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);

    const tell = options.json ? io.err : io.out;
    const register = await openRegisterForWrite({ path: dbPath });
    try {
      const own = await prepareReport(register.db, request.form, request.from, request.to);
      const report = unitFiles.length === 0 ? own.report : consolidate(own.definition, own.report.period, [...own.report.rows, ...unitFiles.flatMap((u) => u.rows)]);
      const broken = report.identities.filter((i) => !i.holds);
      if (broken.length > 0) {
        throw new UserError(`Báo cáo tổng hợp không khớp, không in: ${broken.map((b) => `${b.unit ?? ''}: ${b.rule}`).join('; ')}. Hãy đề nghị đơn vị lập lại báo cáo.`);
      }
      if (options.json) io.out(reportJson(report).trimEnd());
      const today = vietnamDate(register.now());
      for (const t of targets) {
        const { bytes } = await renderReport(own.definition, report, own.settings, today, t.format, htmlToPdf);
        writeFile(t.resolved, bytes, t.file);
        await recordReportExport({ register, actor: CLI_ACTOR }, request.form, report.period, t.format, path.basename(t.file));
        tell(`Đã ghi biểu số ${request.form} từ ${vn(request.from)} đến ${vn(request.to)} ra ${t.file}.`);
      }
      if (!options.json && targets.length === 0) {
        io.out(`Biểu số ${own.definition.form} – ${own.definition.title}, từ ${vn(request.from)} đến ${vn(request.to)}:`);
        for (const row of [...report.rows, ...(report.total ? [report.total] : [])]) {
          io.out(`  ${row.unit}: ${own.definition.columns.filter((c) => c.value !== 'note').map((c) => `(${c.ms}) ${row.columns[String(c.ms)] ?? 0}`).join('  ')}`);
        }
        io.out(`  Đẳng thức: ${report.identities.map((i) => i.rule).filter((r, i, all) => all.indexOf(r) === i).join('; ')} — đều khớp.`);
      }
    } finally {
      await register.close();
    }
  },
};
