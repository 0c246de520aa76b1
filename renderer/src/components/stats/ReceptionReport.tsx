// Form 01/TCD: citizen reception in the period. These figures count sessions, visits and persons,
// not petitions, so they open no list.
import { Table, Text } from '@mantine/core';
import { RECEPTION_GROUPS, RECEPTION_GROUP_LABELS, type ReceptionFigures, type Statistics } from '../../../../shared/stats/definitions.ts';
import { Plain } from './Figure.tsx';
import './stats.css';

const COLUMNS: (keyof ReceptionFigures)[] = ['sessions', 'visits', 'persons', 'delegations', 'delegation_persons'];
const COLUMN_NAMES: Record<keyof ReceptionFigures, string> = {
  sessions: 'Kỳ, buổi tiếp',
  visits: 'Lượt tiếp',
  persons: 'Người được tiếp',
  delegations: 'Số đoàn',
  delegation_persons: 'Số người',
};

export function ReceptionReport({ stats }: { stats: Statistics }) {
  const total = Object.fromEntries(COLUMNS.map((c) => [c, RECEPTION_GROUPS.reduce((n, g) => n + stats.reception[g][c], 0)])) as unknown as ReceptionFigures;
  const rows = [
    ...RECEPTION_GROUPS.map((g, i) => ({ key: g, no: String(i + 1), label: RECEPTION_GROUP_LABELS[g], figures: stats.reception[g] })),
    { key: 'total', no: '', label: 'Tổng cộng', figures: total },
  ];
  return (
    <>
      <Table withTableBorder withColumnBorders className="st-table" fz="sm" aria-label="Biểu 01/TCD — Kết quả tiếp công dân" maw={980}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2} w={50}>STT</Table.Th>
            <Table.Th rowSpan={2} className="st-left">Hình thức tiếp</Table.Th>
            <Table.Th rowSpan={2} w={110}>{COLUMN_NAMES.sessions}</Table.Th>
            <Table.Th rowSpan={2} w={110}>{COLUMN_NAMES.visits}</Table.Th>
            <Table.Th rowSpan={2} w={120}>{COLUMN_NAMES.persons}</Table.Th>
            <Table.Th colSpan={2}>Đoàn đông người</Table.Th>
          </Table.Tr>
          <Table.Tr>
            <Table.Th w={100}>{COLUMN_NAMES.delegations}</Table.Th>
            <Table.Th w={100}>{COLUMN_NAMES.delegation_persons}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-total={r.key === 'total'}>
              <Table.Td className="st-no">{r.no}</Table.Td>
              <Table.Td>{r.label}</Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c} className="st-num">
                  <Plain value={r.figures[c]} strong={r.key === 'total'} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Đoàn đông người: nhóm từ 5 người trở lên cùng một nội dung. Số liệu tiếp công dân đếm kỳ tiếp, lượt tiếp và người được tiếp, không phải số đơn, nên không mở danh sách đơn.
      </Text>
    </>
  );
}
