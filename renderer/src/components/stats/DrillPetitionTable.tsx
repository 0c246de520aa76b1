// The petitions behind a figure, one page: the statistics' and the official reports' drill-downs
// show them alike; a row (click or Enter) opens the petition.
import { Table, Text } from '@mantine/core';
import { PETITION_KIND_LABELS, PETITION_STATUS_LABELS, type PetitionListItem } from '../../../../shared/domain/petition.ts';
import { formatIsoDate, STATUS_COLORS } from '../petitions/format.ts';
import './stats.css';

export function DrillPetitionTable({ rows, label, onOpen }: { rows: PetitionListItem[]; label: string; onOpen(petitionId: number): void }) {
  return (
    <Table highlightOnHover striped fz="sm" verticalSpacing={6} aria-label={label} style={{ tableLayout: 'fixed' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Số vào sổ</Table.Th>
          <Table.Th w={96}>Ngày nhận</Table.Th>
          <Table.Th w={180}>Người đứng đơn</Table.Th>
          <Table.Th>Nội dung tóm tắt</Table.Th>
          <Table.Th w={120}>Loại</Table.Th>
          <Table.Th w={170}>Trạng thái</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.id}
            className="st-drill-row"
            tabIndex={0}
            onClick={() => onOpen(row.id)}
            onKeyDown={(e) => e.key === 'Enter' && onOpen(row.id)}
            aria-label={`Đơn ${row.registerNo}`}
          >
            <Table.Td className="st-mono">{row.registerNo}</Table.Td>
            <Table.Td>{formatIsoDate(row.receivedOn)}</Table.Td>
            <Table.Td><Text size="sm" truncate title={row.petitionerNames}>{row.petitionerNames || 'Đơn nặc danh'}</Text></Table.Td>
            <Table.Td><Text size="sm" truncate title={row.summary}>{row.summary}</Text></Table.Td>
            <Table.Td><Text size="sm" truncate>{PETITION_KIND_LABELS[row.kind]}</Text></Table.Td>
            <Table.Td>
              <Text size="sm" truncate c={`${STATUS_COLORS[row.status]}.8`} fw={row.status === 'overdue' || row.status === 'reply_overdue' ? 700 : undefined} title={PETITION_STATUS_LABELS[row.status]}>
                {PETITION_STATUS_LABELS[row.status]}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
