// Backup methods: the status the overview shows, the folder, a backup now, and a restore that is
// verified now and carried out at the next start (the app holds the register open while it runs).
import fs from 'node:fs';
import path from 'node:path';
import { backupFileTime, type RestorePlan } from '../../shared/domain/backup.ts';
import { ApiError } from '../../shared/errors.ts';
import { writeAudit } from '../audit.ts';
import { backupStatus, getBackupFolder, restoreRequestPath, runBackup, setBackupFolder } from '../backups.ts';
import { verifyBackup } from '../maintenance.ts';
import type { HandlerTable } from './table.ts';
import type { Register } from '../register.ts';

/** A register on a PostgreSQL server is backed up on the server, not from a desk. */
function refuseOnServer(register: Register): void {
  if (register.engine === 'postgres') {
    throw new ApiError(
      'CONFLICT',
      'Sổ dùng chung trên máy chủ PostgreSQL: việc sao lưu và khôi phục do quản trị viên máy chủ thực hiện (pg_dump, pg_restore — xem README), không làm từ máy trạm.',
    );
  }
}

export function registerBackupMethods(t: HandlerTable): void {
  t.method('backups.status', (_input, { register }) => backupStatus(register));
  t.method('backups.configure', (input, ctx) => {
    refuseOnServer(ctx.register);
    return setBackupFolder(ctx, input.folder);
  });
  t.method('backups.run', async (_input, { register }) => {
    refuseOnServer(register);
    if (!(await getBackupFolder(register))) throw new ApiError('CONFLICT', 'Chưa chọn thư mục sao lưu (Cài đặt → Sao lưu).');
    const entry = await runBackup(register, 'manual');
    if (entry && !entry.ok) throw new ApiError('STORAGE', entry.error ?? 'Không sao lưu được.');
    return backupStatus(register);
  });
  t.method('backups.restore', async (input, ctx) => {
    refuseOnServer(ctx.register);
    const folder = await getBackupFolder(ctx.register);
    if (!folder) throw new ApiError('CONFLICT', 'Chưa chọn thư mục sao lưu (Cài đặt → Sao lưu).');
    const backup = path.join(folder, input.file);
    if (!fs.existsSync(backup)) throw new ApiError('NOT_FOUND', `Không có bản sao lưu ${input.file} trong ${folder}.`);
    const { report, attachmentFiles } = verifyBackup(backup);
    const plan: RestorePlan = {
      file: input.file,
      at: backupFileTime(input.file)!.toISOString(),
      petitions: report.counts.petitions ?? 0,
      auditEntries: report.counts.audit_log ?? 0,
      attachmentFiles,
    };
    await ctx.register.db.transaction().execute(async (trx) => {
      await writeAudit(trx, ctx, { action: 'restore_requested', entity: 'register', entityId: null, after: { backup, ...plan } });
    });
    fs.writeFileSync(restoreRequestPath(ctx.register.path), JSON.stringify({ backup }), 'utf8');
    return plan;
  });
}
