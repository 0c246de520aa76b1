// The holiday calendar deadlines count against. Defaults for each year come from the law and the
// Vietnamese lunar calendar; the government sets the exact days yearly, so an administrator edits.
import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { dayOfWeek, formatDateVN } from '../../../shared/calendar/dates.ts';
import { vietnamDate } from '../../../shared/domain/dates.ts';
import type { Holiday } from '../../../shared/api/contract.ts';
import { useUi } from '../state/ui.ts';
import { HolidayImport } from './HolidayImport.tsx';
import { DateInput } from './DateInput.tsx';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export function HolidaysCard() {
  const [year, setYear] = useState(Number(vietnamDate(new Date()).slice(0, 4)));
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const touch = useUi((s) => s.touch);

  const load = useCallback(async () => {
    try {
      setHolidays(await api.holidays.list({ year }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [year]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (work: () => Promise<Holiday[]>) => {
    try {
      const list = await work();
      setHolidays(list.filter((h) => h.date.startsWith(String(year))));
      setError(null);
      touch();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  };

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>Lịch ngày nghỉ lễ, Tết</Title>
          <NumberInput aria-label="Năm" w={110} value={year} min={1900} max={2100} onChange={(v) => typeof v === 'number' && setYear(v)} />
        </Group>
        <Text size="sm" c="dimmed">
          Hạn xử lý tính theo ngày làm việc: trừ thứ Bảy, Chủ nhật và các ngày dưới đây, cộng các ngày làm bù. Năm 2025, 2026 theo
          thông báo của Chính phủ; các năm khác mặc định theo Bộ luật Lao động (Điều 112, nghỉ bù theo khoản 3 Điều 111) và lịch âm
          Việt Nam. Khi có thông báo mới, nhập tệp lịch nghỉ để xem trước các thời hạn thay đổi rồi xác nhận.
        </Text>
        {error && <Alert color="red" withCloseButton onClose={() => setError(null)}>{error}</Alert>}
        <Table withTableBorder striped aria-label={`Ngày nghỉ năm ${year}`} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Ngày</Table.Th>
              <Table.Th w={100}>Thứ</Table.Th>
              <Table.Th>Tên</Table.Th>
              <Table.Th w={80}></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.map((h) => (
              <Table.Tr key={h.date}>
                <Table.Td>{formatDateVN(h.date)}</Table.Td>
                <Table.Td>{WEEKDAYS[dayOfWeek(h.date)]}</Table.Td>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={`Bỏ ngày nghỉ ${formatDateVN(h.date)}`} onClick={() => void run(() => api.holidays.remove({ date: h.date }))}>
                    Bỏ
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <HolidayImport
          onDone={(y) => {
            touch();
            if (y === year) void load();
            else setYear(y);
          }}
        />
        <Group align="flex-end">
          <DateInput label="Thêm hoặc sửa ngày nghỉ" value={date} onChange={setDate} w={180} />
          <TextInput label="Tên ngày nghỉ" placeholder="Ví dụ: Nghỉ bù Giỗ Tổ Hùng Vương" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button
            variant="light"
            onClick={async () => {
              if (await run(() => api.holidays.upsert({ date, name }))) {
                setDate('');
                setName('');
              }
            }}
          >
            Lưu ngày nghỉ
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
