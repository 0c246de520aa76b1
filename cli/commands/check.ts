import fs from 'node:fs';
import { inspectRegister } from '../../db/maintenance.ts';
import { UserError, type Command } from '../command.ts';

export const checkCommand: Command = {
  name: 'check',
  usage: 'petreg check [--db FILE]',
  summary: 'kiểm tra tính toàn vẹn và phiên bản lược đồ của sổ (chỉ đọc)',
  async run({ dbPath, io }) {
    if (!fs.existsSync(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}. Dùng "petreg init --db ${dbPath}" để tạo.`);
    const report = inspectRegister(dbPath);
    io.out(`Tệp: ${dbPath}`);
    io.out(`Lược đồ: ${report.schemaVersion} (phiên bản này hiểu đến ${report.latestSchemaVersion})`);
    io.out(`Kiểm tra toàn vẹn: ${report.integrity.length === 0 ? 'đạt' : report.integrity.join('; ')}`);
    io.out(`Khóa ngoại: ${report.foreignKeyViolations === 0 ? 'đạt' : `${report.foreignKeyViolations} vi phạm`}`);
    for (const [table, count] of Object.entries(report.counts)) io.out(`  ${table}: ${count}`);
    if (report.schemaVersion < report.latestSchemaVersion) {
      io.out(`Sổ cần nâng cấp: chạy "petreg init --db ${dbPath}".`);
    }
    if (report.integrity.length > 0 || report.foreignKeyViolations > 0) {
      throw new UserError(`Sổ ${dbPath} không đạt kiểm tra toàn vẹn.`);
    }
  },
};
