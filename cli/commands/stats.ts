// `petreg stats --from DATE --to DATE [--json] [--xlsx FILE] [--csv FILE] [--pdf FILE] [--force]`:
// the statistics of a period (interchange contract: the `stats --json` keys), computed by
// computeStatistics like the app's screen and exports. Files are written beside the target and
// renamed, never over an existing file without --force; each file written is one audit row.
import fs from 'node:fs';
import path from 'node:path';
import { openRegisterForWrite, openRegisterReadOnly } from '../../db/register.ts';
import { prepareStatistics, recordStatisticsExport, renderStatistics, statisticsJson, type StatisticsFileFormat } from '../../db/stats-export/index.ts';
import { findChromium, htmlToPdf, NO_CHROMIUM_MESSAGE } from '../../print/chromium-pdf.ts';
import { statsRequestSchema, checkIdentities, RECEPTION_GROUP_LABELS, RECEPTION_GROUPS } from '../../shared/stats/definitions.ts';
import { describePeriod } from '../../shared/stats/periods.ts';
import { reportFigures } from '../../shared/stats/export-table.ts';
import { CLI_ACTOR } from './import.ts';
import { UserError, type Command, registerMissing } from '../command.ts';

const USAGE = 'petreg stats --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--xlsx FILE] [--csv FILE] [--pdf FILE] [--force] [--db FILE]';
const FILE_FORMATS = ['xlsx', 'csv', 'pdf'] as const;

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The period, checked as the API checks it; every mistake said in Vietnamese. */
function parsePeriod(options: Record<string, string | boolean | undefined>): { from: string; to: string } {
  const from = text(options.from);
  const to = text(options.to);
  if (from === undefined && to === undefined) throw new UserError(`Thiếu kỳ thống kê: cần --from NGÀY và --to NGÀY (dạng YYYY-MM-DD). Cách dùng: ${USAGE}`);
  if (from === undefined) throw new UserError('Thiếu --from NGÀY (dạng YYYY-MM-DD).');
  if (to === undefined) throw new UserError('Thiếu --to NGÀY (dạng YYYY-MM-DD).');
  const parsed = statsRequestSchema.safeParse({ from, to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const value = issue.path[0] === 'from' ? from : to;
    throw new UserError(issue.path[0] === 'to' && issue.message.startsWith('Từ ngày phải') ? `${issue.message} (--from ${from}, --to ${to}).` : `${issue.message}: “${value}”.`);
  }
  return parsed.data;
}

interface Target {
  format: StatisticsFileFormat;
  option: string;
  file: string;
  resolved: string;
}

function checkTarget(format: StatisticsFileFormat, file: string, dbPath: string, force: boolean): Target {
  const option = `--${format}`;
  if (file === '') throw new UserError(`${option} cần một tên tệp.`);
  const resolved = path.resolve(file);
  if (!fs.existsSync(path.dirname(resolved))) throw new UserError(`Không có thư mục ${path.dirname(resolved)} để ghi ${file}.`);
  const existing = fs.statSync(resolved, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UserError(`${file} là một thư mục; hãy cho tên tệp, ví dụ ${path.join(file, `thong-ke.${format}`)}.`);
  if (existing && !force) throw new UserError(`Tệp ${file} đã có; dùng --force để ghi đè.`);
  if (resolved === path.resolve(dbPath)) throw new UserError('Tệp xuất phải khác tệp sổ.');
  return { format, option, file, resolved };
}

export const statsCommand: Command = {
  name: 'stats',
  usage: USAGE,
  summary: 'số liệu thống kê của một kỳ (biểu 01/TCD tiếp công dân, 02/XLD xử lý đơn): --json in ra màn hình; --xlsx, --csv, --pdf ghi tệp',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    xlsx: { type: 'string' },
    csv: { type: 'string' },
    pdf: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ dbPath, options, io }) {
    const period = parsePeriod(options);
    const force = options.force === true;
    const targets = FILE_FORMATS.flatMap((f) => {
      const file = text(options[f]);
      return file === undefined ? [] : [checkTarget(f, file, dbPath, force)];
    });
    const seen = new Set<string>();
    for (const t of targets) {
      if (seen.has(t.resolved)) throw new UserError(`Các tệp xuất phải khác nhau (${t.file} được cho hai lần).`);
      seen.add(t.resolved);
    }
    if (targets.some((t) => t.format === 'pdf') && !findChromium()) throw new UserError(`${NO_CHROMIUM_MESSAGE} Có thể xuất ra --xlsx hoặc --csv.`);
    if (registerMissing(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);

    // With --json, stdout carries the JSON only; what was written is told on stderr.
    const tell = options.json ? io.err : io.out;
    const register = await openRegisterReadOnly({ path: dbPath });
    try {
      const prepared = await prepareStatistics(register, period.from, period.to);
      if (options.json) io.out(statisticsJson(prepared.stats).trimEnd());
      for (const t of targets) {
        const { bytes } = await renderStatistics(prepared, t.format, htmlToPdf);
        const temp = `${t.resolved}.${process.pid}.tmp`;
        try {
          fs.writeFileSync(temp, bytes);
          fs.renameSync(temp, t.resolved);
        } catch (error) {
          fs.rmSync(temp, { force: true });
          throw new UserError(`Không ghi được tệp ${t.file}: ${(error as Error).message}`);
        }
        const writer = await openRegisterForWrite({ path: dbPath });
        try {
          await recordStatisticsExport({ register: writer, actor: CLI_ACTOR }, period, t.format, path.basename(t.file));
        } finally {
          await writer.close();
        }
        tell(`Đã ghi số liệu thống kê ${describePeriod(period)} ra ${t.file}.`);
      }
      if (!options.json && targets.length === 0) {
        const s = prepared.stats;
        io.out(`Số liệu thống kê ${describePeriod(period)} (tính đến ${s.as_of}), sổ ${dbPath}:`);
        for (const g of RECEPTION_GROUPS) {
          const r = s.reception[g];
          io.out(`  ${RECEPTION_GROUP_LABELS[g]}: ${r.sessions} kỳ, ${r.visits} lượt, ${r.persons} người, ${r.delegations} đoàn đông người (${r.delegation_persons} người)`);
        }
        const p = s.petitions;
        io.out(`  Đơn tiếp nhận trong kỳ: ${p.received}; kỳ trước chuyển sang: ${p.carried_over}; nhiều người đứng tên: ${p.multi_signatory}`);
        io.out(`  Đủ điều kiện xử lý: ${p.eligible.total}; không đủ điều kiện: ${p.ineligible.total}; chưa phân loại: ${p.unclassified}`);
        io.out(`  Đã có hướng xử lý: ${p.decisions.total} (chuyển đơn ${p.decisions.forward}); chưa có: ${p.decisions.undecided}`);
        io.out(`  (${reportFigures(prepared.report).length} chỉ tiêu; dùng --json, --xlsx, --csv hoặc --pdf để xem đủ.)`);
        const broken = checkIdentities(s);
        if (broken.length > 0) io.err(`Cảnh báo: số liệu không khớp: ${broken.join('; ')}`);
      }
    } finally {
      await register.close();
    }
  },
};
