// A petitioner's history in the citizen registry: their visits and their other petitions.
import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { CitizenHistory } from '../../../../shared/api/contract.ts';
import { MATTER_LABELS, OUTCOME_LABELS } from '../../../../shared/domain/reception.ts';
import { PETITION_KIND_LABELS, FIELD_LABELS } from '../../../../shared/domain/petition.ts';
import { formatIsoDate } from './format.ts';

interface Props {
  citizenId: number;
  /** The petition on screen: left out of the list. */
  petitionId: number;
  /** The visit the petition on screen came from: marked. */
  visitId: number | null;
  onOpenPetition(id: number): void;
  onOpenVisitDate(date: string, visitId: number): void;
}

export function CitizenHistoryPanel({ citizenId, petitionId, visitId, onOpenPetition, onOpenVisitDate }: Props) {
  const [history, setHistory] = useState<CitizenHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.citizens.history({ id: citizenId }).then(
      (h) => live && setHistory(h),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [citizenId]);

  if (error) return <Text c="red" size="sm">{error}</Text>;
  if (!history) return <Text c="dimmed" size="sm">Đang tải lịch sử…</Text>;

  const petitions = history.petitions.filter((p) => p.id !== petitionId);
  const { citizen, visits } = history;
  const label = `Lịch sử của ${citizen.fullName}`;

  return (
    <Stack gap={6} component="section" aria-label={label}>
      <Group gap="xs">
        <Text fw={700}>{citizen.fullName}</Text>
        {citizen.idNumber && <Text size="sm" c="dimmed">CCCD {citizen.idNumber}</Text>}
        <Badge variant="light" color="gray">{visits.length} lượt tiếp</Badge>
        <Badge variant="light" color="gray">{petitions.length} đơn khác</Badge>
      </Group>
      {visits.length === 0 && petitions.length === 0 && <Text size="sm" c="dimmed">Chưa có lượt tiếp hay đơn nào khác.</Text>}
      {visits.length > 0 && (
        <Table withTableBorder fz="sm" aria-label={`Lượt tiếp của ${citizen.fullName}`} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Ngày tiếp</Table.Th>
              <Table.Th w={150}>Vụ việc</Table.Th>
              <Table.Th>Nội dung</Table.Th>
              <Table.Th w={240}>Kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visits.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => onOpenVisitDate(v.sessionDate, v.id)}>{formatIsoDate(v.sessionDate)}</Anchor>
                </Table.Td>
                <Table.Td>{MATTER_LABELS[v.matter]}{v.repeat ? ' (nhiều lần)' : ''}</Table.Td>
                <Table.Td><Text size="sm" lineClamp={2}>{v.content}</Text></Table.Td>
                <Table.Td>
                  {OUTCOME_LABELS[v.outcome]}
                  {v.id === visitId && <Badge ml={6} size="xs" variant="light">lượt tiếp của đơn này</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {petitions.length > 0 && (
        <Table withTableBorder highlightOnHover fz="sm" aria-label={`Đơn khác của ${citizen.fullName}`} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Số vào sổ</Table.Th>
              <Table.Th w={110}>Ngày nhận</Table.Th>
              <Table.Th w={150}>Loại</Table.Th>
              <Table.Th w={150}>Lĩnh vực</Table.Th>
              <Table.Th>Tóm tắt</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {petitions.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component="button" size="sm" ff="monospace" onClick={() => onOpenPetition(p.id)} aria-label={`Mở đơn ${p.registerNo}`}>{p.registerNo}</Anchor>
                </Table.Td>
                <Table.Td>{formatIsoDate(p.receivedOn)}</Table.Td>
                <Table.Td>{PETITION_KIND_LABELS[p.kind]}</Table.Td>
                <Table.Td>{FIELD_LABELS[p.field]}</Table.Td>
                <Table.Td><Text size="sm" truncate="end" title={p.summary}>{p.summary}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
