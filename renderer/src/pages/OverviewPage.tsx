import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import type { AppInfo } from '../../../shared/api/contract.ts';
import type { AuditEntry } from '../../../shared/domain/audit.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { BackupStatusCard } from '../components/backups/BackupStatusCard.tsx';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, formatDateTime } from '../format.ts';

function Figure({ label, value }: { label: string; value: number | string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700}>{value}</Text>
    </Card>
  );
}

export function OverviewPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const [i, s, a] = await Promise.all([api.app.info(), api.settings.get(), api.audit.list({ limit: 10 })]);
        setInfo(i);
        setSettings(s);
        setAudit(a);
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, []);

  if (error) return <Alert color="red" title="Không đọc được sổ">{error}</Alert>;
  if (!info || !settings) return <Text c="dimmed">Đang tải…</Text>;

  return (
    <Stack>
      <Title order={2}>Tổng quan</Title>
      <Text>{settings.boardName} — {settings.parentBody}</Text>
      <BackupStatusCard />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label="Cơ quan trong danh bạ" value={info.counts.agencies} />
        <Figure label="Cơ quan đang hoạt động" value={info.counts.activeAgencies} />
        <Figure label="Cán bộ" value={info.counts.users} />
        <Figure label="Mục nhật ký" value={info.counts.auditEntries} />
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between">
          <Text size="sm">Tệp dữ liệu: <Text span ff="monospace" size="sm">{info.databasePath}</Text></Text>
          <Text size="sm" c="dimmed">Phiên bản {info.appVersion} · lược đồ {info.schemaVersion}</Text>
        </Group>
      </Card>
      <Title order={4}>Thay đổi gần đây</Title>
      <Table striped withTableBorder aria-label="Nhật ký thay đổi gần đây">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Thời gian</Table.Th>
            <Table.Th>Cán bộ</Table.Th>
            <Table.Th>Thao tác</Table.Th>
            <Table.Th>Đối tượng</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {audit.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatDateTime(a.at)}</Table.Td>
              <Table.Td>{a.actorName}</Table.Td>
              <Table.Td>{AUDIT_ACTION_LABELS[a.action] ?? a.action}</Table.Td>
              <Table.Td>{AUDIT_ENTITY_LABELS[a.entity] ?? a.entity}{a.entityId ? ` #${a.entityId}` : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
