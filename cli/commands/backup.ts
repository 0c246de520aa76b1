import fs from 'node:fs';
import path from 'node:path';
import { backupRegister } from '../../db/maintenance.ts';
import { UserError, type Command } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'petreg backup FILE [--db FILE]',
  maxPositionals: 1,
  summary: 'sao lưu an toàn khi sổ đang được dùng (SQLite online backup), rồi kiểm tra bản sao',
  async run({ dbPath, positionals, io }) {
    const target = positionals[0];
    if (!target) throw new UserError('Thiếu tên tệp sao lưu: petreg backup FILE');
    if (!fs.existsSync(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);
    const resolved = path.resolve(target);
    if (resolved === path.resolve(dbPath)) throw new UserError('Tệp sao lưu phải khác tệp sổ đang dùng.');
    if (fs.existsSync(resolved)) throw new UserError(`Tệp ${resolved} đã có; chọn tên khác để không ghi đè.`);
    const report = await backupRegister(dbPath, resolved);
    io.out(`Đã sao lưu ${dbPath} → ${resolved} (lược đồ ${report.schemaVersion}, kiểm tra toàn vẹn: đạt).`);
  },
};
