// Side panel: a registry citizen's earlier visits and petitions (citizens.history).
import { Alert, Badge, Divider, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { CitizenHistory } from '../../../../shared/api/contract.ts';
import { MATTER_LABELS, OUTCOME_LABELS } from '../../../../shared/domain/reception.ts';
import { PETITION_KIND_LABELS } from '../../../../shared/domain/petition.ts';
import { formatDate } from './util.ts';

export interface CitizenHistoryPanelProps {
  citizenId: number | null;
  /** Leave out this visit (the one being edited). */
  exceptVisitId?: number;
  height?: number | string;
}

export function CitizenHistoryPanel({ citizenId, exceptVisitId, height = 520 }: CitizenHistoryPanelProps) {
  const [history, setHistory] = useState<CitizenHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (citizenId === null) return;
    let live = true;
    setHistory(null);
    setError(null);
    void api.citizens.history({ id: citizenId }).then(
      (h) => live && setHistory(h),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [citizenId]);

  const visits = history?.visits.filter((v) => v.id !== exceptVisitId) ?? [];

  return (
    <Paper withBorder p="sm" h={height} component="aside" aria-label="Lịch sử của công dân">
      <Stack gap="xs" h="100%">
        <Title order={5}>Lịch sử tiếp và đơn</Title>
        {citizenId === null && (
          <Text size="sm" c="dimmed">Chọn một công dân đã có trong sổ (ô “Tìm công dân”) để xem các lượt tiếp và đơn trước đây.</Text>
        )}
        {citizenId !== null && error && <Alert color="red">{error}</Alert>}
        {citizenId !== null && !history && !error && <Loader size="sm" />}
        {citizenId !== null && history && (
          <ScrollArea style={{ flex: 1, minHeight: 0 }} offsetScrollbars>
            <Stack gap="xs">
              <div>
                <Text fw={600}>{history.citizen.fullName}</Text>
                <Text size="xs" c="dimmed">
                  {[history.citizen.birthYear && `sinh ${history.citizen.birthYear}`, history.citizen.idNumber && `CCCD ${history.citizen.idNumber}`, history.citizen.address]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </div>
              <Divider label={`Lượt tiếp trước (${visits.length})`} labelPosition="left" />
              {visits.length === 0 && <Text size="sm" c="dimmed">Chưa có lượt tiếp nào.</Text>}
              {visits.map((v) => (
                <div key={v.id}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>{formatDate(v.sessionDate)}</Text>
                    <Badge size="xs" variant="light">{MATTER_LABELS[v.matter]}</Badge>
                    {v.delegation && <Badge size="xs" variant="light" color="orange">Đoàn {v.delegation.members} người</Badge>}
                  </Group>
                  <Text size="sm" lineClamp={2}>{v.content}</Text>
                  <Text size="xs" c="dimmed">{OUTCOME_LABELS[v.outcome]}</Text>
                </div>
              ))}
              <Divider label={`Đơn đã gửi (${history.petitions.length})`} labelPosition="left" />
              {history.petitions.length === 0 && <Text size="sm" c="dimmed">Chưa có đơn nào.</Text>}
              {history.petitions.map((p) => (
                <div key={p.id}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500} ff="monospace">{p.registerNo}</Text>
                    <Text size="xs" c="dimmed">{formatDate(p.receivedOn)}</Text>
                    <Badge size="xs" variant="light">{PETITION_KIND_LABELS[p.kind]}</Badge>
                  </Group>
                  <Text size="sm" lineClamp={2}>{p.summary}</Text>
                </div>
              ))}
            </Stack>
          </ScrollArea>
        )}
      </Stack>
    </Paper>
  );
}
