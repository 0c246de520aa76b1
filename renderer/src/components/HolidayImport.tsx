// Importing a year's announced schedule of days off and worked days from a small file (JSON or CSV,
// format in the README): the preview lists the days added and removed and every deadline that moves,
// and nothing changes until the administrator confirms.
import { Alert, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { formatDateVN } from '../../../shared/calendar/dates.ts';
import type { ScheduleImportResult } from '../../../shared/api/contract.ts';

const DEADLINE_LABELS = { processing: 'Hạn xử lý', reply: 'Hạn cơ quan trả lời' } as const;

export function HolidayImport({ onDone }: { onDone(year: number): void }) {
  const [file, setFile] = useState<{ fileName: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ScheduleImportResult | null>(null);
  const [done, setDone] = useState<ScheduleImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | null) => {
    setPreview(null);
    setDone(null);
    setError(null);
    if (!f) return;
    const chosen = { fileName: f.name, text: await f.text() };
    setFile(chosen);
    setBusy(true);
    try {
      setPreview(await api.holidays.importPreview(chosen));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await api.holidays.importConfirm(file);
      setDone(result);
      setPreview(null);
      onDone(result.year);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" aria-label="Nhập lịch nghỉ từ tệp">
      <Group>
        <FileButton onChange={(f) => void choose(f)} accept=".json,.csv,application/json,text/csv">
          {(props) => (
            <Button variant="default" loading={busy && !preview} {...props}>
              Nhập lịch nghỉ của một năm từ tệp…
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">Tệp JSON hoặc CSV theo thông báo của Chính phủ (ngày nghỉ, ngày làm bù).</Text>
      </Group>
      {error && <Alert color="red" title="Tệp không nhập được" withCloseButton onClose={() => setError(null)}>{error}</Alert>}
      {done && (
        <Alert color="green" title={`Đã nhập lịch nghỉ năm ${done.year}`}>
          {done.moved.length} thời hạn đã được tính lại.
        </Alert>
      )}
      {preview && (
        <Stack gap="xs" data-testid="holiday-import-preview">
          <Text fw={600}>
            Xem trước lịch nghỉ năm {preview.year} ({file?.fileName}): {preview.daysOff} ngày nghỉ, {preview.workedDays} ngày làm bù.
          </Text>
          <Text size="sm">Văn bản: {preview.source}</Text>
          <Text size="sm">
            Thêm ngày nghỉ: {preview.added.length ? preview.added.map(formatDateVN).join(', ') : 'không'} · Bỏ ngày nghỉ:{' '}
            {preview.removed.length ? preview.removed.map(formatDateVN).join(', ') : 'không'}
          </Text>
          <Text size="sm" fw={600}>{preview.moved.length ? `${preview.moved.length} thời hạn sẽ thay đổi:` : 'Không thời hạn nào thay đổi.'}</Text>
          {preview.moved.length > 0 && (
            <Table withTableBorder fz="sm" aria-label="Thời hạn thay đổi">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Số vào sổ</Table.Th>
                  <Table.Th>Thời hạn</Table.Th>
                  <Table.Th>Đang là</Table.Th>
                  <Table.Th>Sẽ là</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.moved.slice(0, 200).map((m) => (
                  <Table.Tr key={`${m.petitionId}-${m.deadline}`}>
                    <Table.Td>{m.registerNo}</Table.Td>
                    <Table.Td>{DEADLINE_LABELS[m.deadline]}</Table.Td>
                    <Table.Td>{formatDateVN(m.before)}</Table.Td>
                    <Table.Td>{formatDateVN(m.after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button onClick={() => void confirm()} loading={busy}>Xác nhận nhập lịch và tính lại thời hạn</Button>
            <Button variant="default" onClick={() => setPreview(null)}>Hủy</Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
