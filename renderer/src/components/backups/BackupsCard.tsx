// Cài đặt → Sao lưu: the folder automatic backups go to, a backup now, the kept backups, and a
// restore (verified at once, carried out at the next start of the app).
import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { BACKUP_ROTATION, backupFileTime, type BackupStatus, type RestorePlan } from '../../../../shared/domain/backup.ts';
import { formatDateTime } from '../../format.ts';

export function BackupsCard() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [plan, setPlan] = useState<RestorePlan | null>(null);

  useEffect(() => {
    api.backups.status().then(
      (s) => {
        setStatus(s);
        setFolder(s.folder ?? '');
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (status?.onServer) {
    return (
      <Card withBorder>
        <Stack>
          <Title order={4}>Sao lưu</Title>
          <Text size="sm">
            Sổ dùng chung nằm trên máy chủ PostgreSQL {status.onServer}. Máy trạm không giữ tệp sổ: quản trị viên máy chủ sao lưu và khôi phục
            sổ ở đó (pg_dump, pg_restore — xem README, mục “Nhiều máy dùng chung một sổ”).
          </Text>
        </Stack>
      </Card>
    );
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>Sao lưu</Title>
        <Text size="sm" c="dimmed">
          Sổ được sao lưu tự động mỗi ngày và mỗi lần đóng ứng dụng vào thư mục dưới đây (nên là ổ đĩa thứ hai hoặc USB). Mỗi bản được
          kiểm tra lại ngay; giữ {BACKUP_ROTATION.daily} bản theo ngày, {BACKUP_ROTATION.weekly} theo tuần, {BACKUP_ROTATION.monthly} theo tháng.
        </Text>
        <Group align="end">
          <TextInput label="Thư mục sao lưu" placeholder="D:\SaoLuu hoặc /media/usb/saoluu" value={folder} onChange={(e) => setFolder(e.currentTarget.value)} w={480} />
          <Button
            loading={busy}
            onClick={() =>
              void act(async () => {
                const s = await api.backups.configure({ folder: folder.trim() === '' ? null : folder.trim() });
                setStatus(s);
                setNotice('Đã lưu thư mục sao lưu.');
              })
            }
          >
            Lưu thư mục
          </Button>
          <Button
            variant="light"
            loading={busy}
            disabled={!status?.folder}
            onClick={() =>
              void act(async () => {
                const s = await api.backups.run();
                setStatus(s);
                setNotice(`Đã sao lưu và kiểm tra: ${s.lastGood?.file ?? ''}.`);
              })
            }
          >
            Sao lưu ngay
          </Button>
        </Group>
        {notice && <Alert color="green" role="status">{notice}</Alert>}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {plan && (
          <Alert color="blue" title="Bản sao lưu đạt kiểm tra" role="status">
            Bản sao lưu lúc {formatDateTime(plan.at)} ({plan.petitions} đơn, {plan.auditEntries} mục nhật ký, {plan.attachmentFiles} tệp đính kèm) sẽ thay
            sổ hiện tại khi khởi động lại ứng dụng. Sổ hiện tại được giữ lại bên cạnh.
          </Alert>
        )}
        {status && status.kept.length > 0 && (
          <Table withTableBorder aria-label="Các bản sao lưu">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Thời điểm</Table.Th>
                <Table.Th>Tệp</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {status.kept.map((file) => (
                <Table.Tr key={file}>
                  <Table.Td>{formatDateTime(backupFileTime(file)!.toISOString())}</Table.Td>
                  <Table.Td ff="monospace">{file}</Table.Td>
                  <Table.Td>
                    {confirming === file ? (
                      <Group gap="xs">
                        <Button
                          size="xs"
                          color="red"
                          loading={busy}
                          onClick={() =>
                            void act(async () => {
                              setPlan(await api.backups.restore({ file }));
                              setConfirming(null);
                            })
                          }
                        >
                          Xác nhận khôi phục
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                          Hủy
                        </Button>
                      </Group>
                    ) : (
                      <Button size="xs" variant="subtle" onClick={() => setConfirming(file)}>
                        Khôi phục…
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
