import fs from 'node:fs';
import path from 'node:path';
import { exportRegister } from '../../db/interchange/export.ts';
import { redactDenouncers } from '../../db/interchange/redact.ts';
import { openRegisterReadOnly } from '../../db/register.ts';
import { serialiseInterchange } from '../../shared/interchange/v1.ts';
import { UserError, type Command, registerMissing } from '../command.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: 'petreg export FILE.json [--force] [--redact-denouncers] [--db FILE]',
  maxPositionals: 1,
  options: { force: { type: 'boolean' }, 'redact-denouncers': { type: 'boolean' } },
  summary:
    'xuất toàn bộ sổ ra tệp petition-register/v2 (không ghi đè tệp có sẵn nếu không có --force); --redact-denouncers ẩn danh tính người tố cáo khi gửi cơ quan khác',
  async run({ dbPath, positionals, options, io }) {
    const file = positionals[0];
    if (!file) throw new UserError('Thiếu tên tệp xuất: petreg export FILE.json');
    if (registerMissing(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);
    const target = path.resolve(file);
    if (target === path.resolve(dbPath)) throw new UserError('Tệp xuất phải khác tệp sổ.');
    if (!fs.existsSync(path.dirname(target))) throw new UserError(`Không có thư mục ${path.dirname(target)} để ghi ${file}.`);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new UserError(`${file} là một thư mục; hãy cho tên tệp, ví dụ ${path.join(file, 'so-tiep-cong-dan.json')}.`);
    if (existing && !options.force) throw new UserError(`Tệp ${file} đã có; dùng --force để ghi đè.`);
    const register = await openRegisterReadOnly({ path: dbPath });
    let text: string;
    let summary: string;
    try {
      const full = await exportRegister(register);
      // For another body: the denouncers' identities are replaced (db/interchange/redact.ts).
      const redacted = options['redact-denouncers'] ? redactDenouncers(full) : null;
      const data = redacted?.file ?? full;
      text = serialiseInterchange(data);
      summary = `${data.agencies.length} cơ quan, ${data.sessions.length} kỳ tiếp, ${data.visits.length} lượt tiếp, ${data.petitions.length} đơn`;
      if (redacted) summary += `; đã ẩn danh tính người tố cáo của ${redacted.summary.petitions} đơn và ${redacted.summary.visits} lượt tiếp`;
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
