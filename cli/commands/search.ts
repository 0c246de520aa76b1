import { vietnamDate } from '../../shared/domain/dates.ts';
import { listPetitions } from '../../db/ops/petitions.ts';
import { openRegisterReadOnly } from '../../db/register.ts';
import { formatDateVN } from '../../shared/calendar/dates.ts';
import { petitionListSchema } from '../../shared/domain/petition.ts';
import { textProblem } from '../../shared/validation.ts';
import { UserError, type Command, registerMissing } from '../command.ts';

const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 50;
const MAX_QUERY = 200;

function parseLimit(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw new UserError(`--limit phải là số nguyên từ 1 đến ${MAX_LIMIT} (đang là “${String(value)}”).`);
  return n;
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'petreg search TEXT [--json] [--limit N] [--db FILE]',
  // Unquoted words are one query: `petreg search nguyen van duc`.
  maxPositionals: 20,
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  summary: 'tìm đơn theo số vào sổ, tên và số CCCD người đứng đơn, người bị khiếu nại, tố cáo, nội dung (không phân biệt hoa thường, dấu, đ/d; mỗi chữ gõ là đầu một chữ trong đơn; "…" tìm đúng cụm từ)',
  async run({ dbPath, positionals, options, io }) {
    const text = positionals.join(' ').trim();
    if (!text) throw new UserError('Thiếu nội dung cần tìm: petreg search TEXT');
    if (text.length > MAX_QUERY) throw new UserError(`Nội dung cần tìm dài quá ${MAX_QUERY} ký tự.`);
    const problem = textProblem(text);
    if (problem) throw new UserError(`Nội dung cần tìm ${problem}.`);
    const limit = parseLimit(options.limit);
    if (registerMissing(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);
    const register = await openRegisterReadOnly({ path: dbPath });
    try {
      const page = await listPetitions(register.db, petitionListSchema.parse({ search: text, limit }), vietnamDate(register.now()));
      if (options.json) {
        const rows = page.rows.map((r) => ({
          register_no: r.registerNo,
          received_on: r.receivedOn,
          channel: r.channel,
          kind: r.kind,
          field: r.field,
          signatories: r.signatories,
          petitioner_names: r.petitionerNames,
          subject: r.subject,
          summary: r.summary,
        }));
        io.out(JSON.stringify(rows, null, 2));
        return;
      }
      if (page.total === 0) {
        io.out(`Không có đơn nào khớp “${text}”.`);
        return;
      }
      for (const r of page.rows) {
        const names = r.petitionerNames || '(đơn nặc danh)';
        io.out(`${r.registerNo}  ${formatDateVN(r.receivedOn)}  ${names}  ${r.summary.replace(/\s+/g, ' ')}`);
      }
      if (page.totalCapped) io.out(`… còn hơn ${page.total - page.rows.length} đơn khác khớp (tổng hơn ${page.total}); gõ thêm chữ để thu hẹp, hoặc dùng --limit để xem thêm.`);
      else if (page.total > page.rows.length) io.out(`… còn ${page.total - page.rows.length} đơn khác khớp (tổng ${page.total}); dùng --limit để xem thêm.`);
      if (page.orderedByEntry) io.out('(Nhiều đơn khớp: xếp người đứng đơn trùng đúng họ tên lên đầu, sau đó đơn vào sổ sau trước.)');
    } finally {
      await register.close();
    }
  },
};
