// The legal deadlines the register computes, each with its article (shared/rules/deadlines.ts).
// The law fixes them; the only period a Board sets is how long it waits for a reply after a
// forward (settings.replyDays, above).
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { DEADLINES, RESOLUTION_PERIODS } from '../../../../shared/rules/deadlines.ts';

export function DeadlinesCard() {
  const c = RESOLUTION_PERIODS.complaint;
  const d = RESOLUTION_PERIODS.denunciation;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>Thời hạn theo luật</Title>
        <Text size="sm" c="dimmed">
          Các thời hạn do luật quy định, không sửa ở đây; ngày làm việc tính theo lịch ngày nghỉ bên dưới. Thời hạn chờ cơ quan trả lời sau khi chuyển đơn sửa ở mục trên.
        </Text>
        <Table aria-label="Thời hạn theo luật" fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Việc</Table.Th>
              <Table.Th w={150}>Thời hạn</Table.Th>
              <Table.Th>Tính từ</Table.Th>
              <Table.Th>Căn cứ</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(DEADLINES).map(([code, r]) => (
              <Table.Tr key={code}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td>{r.days} ngày {r.count === 'working' ? 'làm việc' : ''}</Table.Td>
                <Table.Td>{r.from}</Table.Td>
                <Table.Td>{r.article}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>{c.label} (cơ quan có thẩm quyền)</Table.Td>
              <Table.Td>{c.days} ngày; phức tạp {c.complex}; vùng sâu, vùng xa {c.remote}/{c.remoteComplex}</Table.Td>
              <Table.Td>{c.from}</Table.Td>
              <Table.Td>{c.article}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{d.label} (cơ quan có thẩm quyền)</Table.Td>
              <Table.Td>{d.days} ngày; gia hạn {d.extensions} lần {d.extension} ngày ({d.extensionsIfEspeciallyComplex} lần nếu đặc biệt phức tạp)</Table.Td>
              <Table.Td>{d.from}</Table.Td>
              <Table.Td>{d.article}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
