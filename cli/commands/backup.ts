import fs from 'node:fs';
import path from 'node:path';
import { backupAttachmentsDir, backupRegister } from '../../db/maintenance.ts';
import { formatFileSize } from '../../shared/domain/attachment.ts';
import { isPostgresLocation } from '../../db/engine/location.ts';
import { UserError, type Command } from '../command.ts';

/** A register on a PostgreSQL server is backed up where it runs. */
export const ON_SERVER =
  'petreg backup và petreg restore dùng cho tệp sổ. Sổ trên máy chủ PostgreSQL được sao lưu trên máy chủ (pg_dump, pg_restore — xem README), hoặc chép ra một tệp bằng "petreg copy".';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'petreg backup FILE [--db FILE]',
  maxPositionals: 1,
  summary: 'sao lưu an toàn khi sổ đang được dùng (SQLite online backup) cùng tệp đính kèm (FILE.attachments/), rồi kiểm tra bản sao',
  async run({ dbPath, positionals, io }) {
    const target = positionals[0];
    if (!target) throw new UserError('Thiếu tên tệp sao lưu: petreg backup FILE');
    if (isPostgresLocation(dbPath)) throw new UserError(ON_SERVER);
    if (!fs.existsSync(dbPath)) throw new UserError(`Không có tệp sổ ${dbPath}.`);
    const resolved = path.resolve(target);
    if (resolved === path.resolve(dbPath)) throw new UserError('Tệp sao lưu phải khác tệp sổ đang dùng.');
    if (fs.existsSync(resolved)) throw new UserError(`Tệp ${resolved} đã có; chọn tên khác để không ghi đè.`);
    const attachmentsTarget = backupAttachmentsDir(resolved);
    if (fs.existsSync(attachmentsTarget)) throw new UserError(`Thư mục ${attachmentsTarget} đã có; chọn tên khác để không ghi đè.`);
    const report = await backupRegister(dbPath, resolved);
    io.out(`Đã sao lưu ${dbPath} → ${resolved} (lược đồ ${report.schemaVersion}, kiểm tra toàn vẹn: đạt).`);
    const { attachments } = report;
    if (attachments.files > 0) {
      io.out(
        `Tệp đính kèm: đã chép ${attachments.files} tệp (${formatFileSize(attachments.bytes)}) → ${attachments.folder}${path.sep}, ` +
          'kiểm tra mã SHA-256 từng tệp: đạt. Khi khôi phục, đặt thư mục này cạnh tệp sổ và đổi tên thành "attachments".',
      );
    } else if (attachments.problems.length === 0) {
      io.out('Tệp đính kèm: sổ không có tệp đính kèm nào.');
    }
    if (attachments.problems.length > 0) {
      const lines = attachments.problems.map(
        (p) => `  ${p.problem === 'missing' ? 'mất' : 'hỏng'}: ${p.fileNames.join(', ')} (SHA-256 ${p.sha256})`,
      );
      throw new UserError(
        [`Bản sao lưu thiếu ${attachments.problems.length} tệp đính kèm vì trong kho của sổ chúng bị mất hoặc hỏng (không chép bản hỏng):`, ...lines].join('\n'),
      );
    }
  },
};
