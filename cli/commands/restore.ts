import fs from 'node:fs';
import path from 'node:path';
import { restoreRegister } from '../../db/maintenance.ts';
import { isPostgresLocation } from '../../db/engine/location.ts';
import { ON_SERVER } from './backup.ts';
import { UserError, type Command } from '../command.ts';

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'petreg restore FILE [--db FILE]',
  maxPositionals: 1,
  summary:
    'khôi phục sổ từ bản sao lưu FILE (cùng FILE.attachments/): kiểm tra bản sao lưu trước (toàn vẹn, lược đồ, chuỗi nhật ký, tệp đính kèm theo SHA-256), giữ lại sổ cũ bên cạnh; từ chối khi sổ đang mở ở nơi khác',
  async run({ dbPath, positionals, io }) {
    const backup = positionals[0];
    if (!backup) throw new UserError('Thiếu tên tệp sao lưu: petreg restore FILE');
    if (isPostgresLocation(dbPath)) throw new UserError(ON_SERVER);
    const source = path.resolve(backup);
    if (!fs.existsSync(source)) throw new UserError(`Không có tệp sao lưu ${source}.`);
    const result = restoreRegister(source, dbPath);
    const { report, attachmentFiles } = result.verification;
    io.out(`Đã kiểm tra bản sao lưu ${source}: toàn vẹn đạt, lược đồ ${report.schemaVersion}, chuỗi nhật ký đạt (${report.chain.entries} mục), ${attachmentFiles} tệp đính kèm khớp SHA-256.`);
    io.out(`Đã khôi phục sổ ${dbPath}.`);
    if (result.keptAside) io.out(`Sổ cũ được giữ lại: ${result.keptAside}`);
    if (result.keptAttachmentsAside) io.out(`Tệp đính kèm cũ được giữ lại: ${result.keptAttachmentsAside}`);
    if (report.schemaVersion < report.latestSchemaVersion) io.out(`Bản sao lưu dùng lược đồ cũ: chạy "petreg init --db ${dbPath}" (hoặc mở ứng dụng) để nâng cấp.`);
  },
};
