import fs from 'node:fs';
import path from 'node:path';
import { exportRegister } from '../../db/interchange/export.ts';
import { openRegister } from '../../db/register.ts';
import { serialiseInterchange } from '../../shared/interchange/v1.ts';
import { UserError, type Command } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: 'petreg export FILE.json [--force] [--db FILE]',
  maxPositionals: 1,
  options: { force: { type: 'boolean' } },
  summary: 'xuất toàn bộ sổ ra tệp petition-register/v2 (không ghi đè tệp có sẵn nếu không có --force)',
  async run({ dbPath, positionals, options, io }) {
    const file = positionals[0];
    if (!file) throw new UserError('Thiếu tên tệp xuất: petreg export FILE.json');
    if (!fs.existsSync(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);
    const target = path.resolve(file);
    if (target === path.resolve(dbPath)) throw new UserError('Tệp xuất phải khác tệp sổ.');
    if (!fs.existsSync(path.dirname(target))) throw new UserError(`Không có thư mục ${path.dirname(target)} để ghi ${file}.`);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new UserError(`${file} là một thư mục; hãy cho tên tệp, ví dụ ${path.join(file, 'so-tiep-cong-dan.json')}.`);
    if (existing && !options.force) throw new UserError(`Tệp ${file} đã có; dùng --force để ghi đè.`);
    const register = await openRegister({ path: dbPath });
    let text: string;
    let summary: string;
    try {
      const data = await exportRegister(register);
      text = serialiseInterchange(data);
      summary = `${data.agencies.length} cơ quan, ${data.sessions.length} kỳ tiếp, ${data.visits.length} lượt tiếp, ${data.petitions.length} đơn`;
    } finally {
      await register.close();
    }
    // Write beside the target and rename: an interrupted export never leaves half a file.
    const temp = `${target}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, text, 'utf8');
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw new UserError(`Không ghi được tệp ${file}: ${(error as Error).message}`);
    }
    io.out(`Đã xuất sổ ${dbPath} ra ${file}: ${summary}.`);
  },
};
