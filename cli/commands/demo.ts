import { fillDemo } from '../../db/demo/demo.ts';
import { openRegisterForWrite } from '../../db/register.ts';
import { ApiError } from '../../shared/errors.ts';
import { UserError, type Command } from '../command.ts';
import { CLI_ACTOR } from './import.ts';

function parseSeed(value: string | boolean | undefined): number {
  if (value === undefined) return 1;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 0xffff_ffff)) throw new UserError(`--seed phải là số nguyên từ 0 đến ${0xffff_ffff} (đang là “${String(value)}”).`);
  return n;
}

export const demoCommand: Command = {
  name: 'demo',
  usage: 'petreg demo [--seed N] [--db FILE]',
  options: { seed: { type: 'string' } },
  summary: 'điền vào sổ trống một năm dữ liệu mẫu (kỳ tiếp, lượt tiếp, đoàn đông người, khoảng 1.000 đơn) để tập huấn, dùng thử',
  async run({ dbPath, options, io }) {
    const seed = parseSeed(options.seed);
    const register = await openRegisterForWrite({ path: dbPath });
    try {
      const started = Date.now();
      const c = await fillDemo(register, { seed, actor: CLI_ACTOR });
      const s = c.sessions;
      io.out(`Đã tạo dữ liệu mẫu (seed ${seed}) trong sổ ${dbPath}, từ ${c.from} đến ${c.to}:`);
      io.out(`  kỳ tiếp: ${s.regular + s.periodic + s.adhoc + s.online} (thường xuyên ${s.regular}, định kỳ ${s.periodic}, đột xuất ${s.adhoc}, trực tuyến ${s.online})`);
      io.out(`  lượt tiếp: ${c.visits}, trong đó ${c.delegations} đoàn đông người`);
      io.out(`  đơn: ${c.petitions}${c.firstRegisterNo ? ` (số vào sổ ${c.firstRegisterNo} … ${c.lastRegisterNo})` : ''}`);
      io.out(`  thời gian: ${((Date.now() - started) / 1000).toFixed(1)} giây`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') throw new UserError(`Không tạo dữ liệu mẫu trong ${dbPath}: ${error.message}`);
      throw error;
    } finally {
      await register.close();
    }
  },
};
