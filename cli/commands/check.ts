import fs from 'node:fs';
import { displayLocation, isPostgresLocation } from '../../db/engine/location.ts';
import { describeProblems, inspectionFailed, inspectPostgresRegister, inspectRegister } from '../../db/maintenance.ts';
import { ApiError } from '../../shared/errors.ts';
import { UserError, type Command } from '../command.ts';

export const checkCommand: Command = {
  name: 'check',
  usage: 'petreg check [--db FILE]',
  summary: 'kiểm tra tính toàn vẹn, chuỗi nhật ký (mã băm), đơn khớp nhật ký và phiên bản lược đồ của sổ (chỉ đọc)',
  async run({ dbPath, io }) {
    const onServer = isPostgresLocation(dbPath);
    if (!onServer && !fs.existsSync(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}. Dùng "petreg init --db ${dbPath}" để tạo.`);
    let report;
    try {
      report = onServer ? await inspectPostgresRegister(dbPath) : inspectRegister(dbPath);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_DATABASE') {
        throw new UserError(`${error.message}\nSổ không dùng được: hãy khôi phục từ bản sao lưu gần nhất ("petreg restore TỆP_SAO_LƯU --db ${dbPath}").`);
      }
      throw error;
    }
    io.out(onServer ? `Sổ: ${displayLocation(dbPath)}` : `Tệp: ${dbPath}`);
    io.out(`Lược đồ: ${report.schemaVersion} (phiên bản này hiểu đến ${report.latestSchemaVersion})`);
    io.out(`Kiểm tra toàn vẹn: ${report.integrity.length === 0 ? 'đạt' : `HỎNG — ${report.integrity.slice(0, 10).join('; ')}`}`);
    if (report.integrity.length === 0) {
      io.out(`Khóa ngoại: ${report.foreignKeyViolations === 0 ? 'đạt' : `${report.foreignKeyViolations} vi phạm`}`);
      const chain = report.chain.firstBroken;
      io.out(`Chuỗi nhật ký: ${chain ? `ĐỨT tại mục ${chain.id} — ${chain.reason}` : 'đạt'} (${report.chain.entries} mục)`);
      const p = report.petitions;
      io.out(
        `Đơn khớp nhật ký: ${p.mismatches.length === 0 ? 'đạt' : `${p.mismatches.length} sai lệch`} (${p.checked} đơn đối chiếu` +
          `${p.withoutSnapshot > 0 ? `, ${p.withoutSnapshot} đơn nhập hàng loạt không có ảnh chụp riêng` : ''})`,
      );
      for (const m of p.mismatches) {
        io.out(`  đơn ${m.registerNo} (mã ${m.id}), trường ${m.field}: nhật ký ghi ${JSON.stringify(m.audited)}, sổ đang là ${JSON.stringify(m.current)}`);
      }
      for (const [table, count] of Object.entries(report.counts)) io.out(`  ${table}: ${count}`);
    }
    if (report.schemaVersion < report.latestSchemaVersion) {
      io.out(`Sổ cần nâng cấp: chạy "petreg init --db ${dbPath}".`);
    }
    if (inspectionFailed(report)) {
      const restore = report.integrity.length > 0 ? ` Tệp bị hỏng: không ghi gì thêm vào nó; hãy khôi phục từ bản sao lưu gần nhất ("petreg restore TỆP_SAO_LƯU --db ${dbPath}").` : '';
      throw new UserError(`Sổ ${onServer ? displayLocation(dbPath) : dbPath} không đạt kiểm tra: ${describeProblems(report)[0]}.${restore}`);
    }
  },
};
