// The overview's line about backups: when the last good one was made, a warning when it is old
// or there is none (data from backups.status).
import { Alert, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { BackupStatus } from '../../../../shared/domain/backup.ts';
import { formatDateTime } from '../../format.ts';

export function BackupStatusCard() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.backups.status().then(setStatus, (e: unknown) => setError(errorMessage(e)));
  }, []);
  if (error) return <Alert color="red" title="Sao lưu">{error}</Alert>;
  if (!status) return null;
  const last = status.lastGood ? `Lần sao lưu tốt gần nhất: ${formatDateTime(status.lastGood.at)}` : 'Chưa có bản sao lưu nào.';
  const failed = status.lastAttempt && !status.lastAttempt.ok ? ` Lần sao lưu gần nhất bị lỗi: ${status.lastAttempt.error ?? ''}` : '';
  return <section aria-label="Tình trạng sao lưu">{body(status, last, failed)}</section>;
}

function body(status: BackupStatus, last: string, failed: string) {
  if (status.onServer) {
    return (
      <Alert color="blue" title="Sổ dùng chung trên máy chủ">
        <Text size="sm">Sổ nằm trên máy chủ PostgreSQL {status.onServer}; quản trị viên máy chủ sao lưu sổ ở đó.</Text>
      </Alert>
    );
  }
  if (!status.folder) {
    return (
      <Alert color="orange" title="Chưa sao lưu tự động">
        Chưa chọn thư mục sao lưu. Vào Cài đặt → Sao lưu để chọn một thư mục trên ổ đĩa khác hoặc USB.
      </Alert>
    );
  }
  if (status.stale) {
    return (
      <Alert color="orange" title="Bản sao lưu đã cũ">
        {last} Quá {status.warnAfterHours} giờ chưa có bản sao lưu tốt.{failed}
      </Alert>
    );
  }
  return (
    <Alert color="green" title="Sao lưu">
      <Text size="sm">{last} (thư mục {status.folder}).{failed}</Text>
    </Alert>
  );
}
