// Tổng quan: the day's work at a glance (today's visits, petitions received today, deadlines due
// today, overdue, agencies late to reply), each figure a link to the records behind it, and the
// latest changes named the way an officer knows the records.
import { Alert, Anchor, Card, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import type { AuditEntry } from '../../../shared/domain/audit.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { BackupStatusCard } from '../components/backups/BackupStatusCard.tsx';
import type { TodoSummary } from '../../../shared/domain/workflow.ts';
import { formatDateVN } from '../../../shared/calendar/dates.ts';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, WORKFLOW_AUDIT_LABELS, formatDateTime } from '../format.ts';
import { useUi } from '../state/ui.ts';
import { usePetitionScreens, DEFAULT_FILTERS } from '../components/petitions/state.ts';

interface Day {
  today: string;
  sessions: number;
  visits: number;
  petitionsToday: number;
  todo: TodoSummary;
}

function Figure({ label, value, hint, onOpen, tone }: { label: string; value: number; hint: string; onOpen(): void; tone?: 'red' | 'orange' }) {
  return (
    <UnstyledButton onClick={onOpen} aria-label={`${label}: ${value}. ${hint}`} className="overview-figure">
      <Card withBorder padding="sm" h="100%">
        <Text size="xs" c="dimmed">{label}</Text>
        <Text size="xl" fw={700} c={value > 0 ? tone : undefined}>{value}</Text>
        <Text size="xs" c="blue.7">{hint} →</Text>
      </Card>
    </UnstyledButton>
  );
}

/** The audit entry's action, in words. */
export function auditActionLabel(a: AuditEntry): string {
  return AUDIT_ACTION_LABELS[a.action] ?? WORKFLOW_AUDIT_LABELS[a.action] ?? 'Thay đổi khác';
}

/** The audit entry's record, by register number or name (never an internal id). */
export function auditRecordLabel(a: AuditEntry): string {
  return a.recordName ?? AUDIT_ENTITY_LABELS[a.entity] ?? 'Bản ghi khác';
}

export function OverviewPage() {
  const go = useUi((s) => s.go);
  const setFilters = usePetitionScreens((s) => s.setFilters);
  const [day, setDay] = useState<Day | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      try {
        const [todo, s, a] = await Promise.all([api.todo.summary(), api.settings.get(), api.audit.list({ limit: 10 })]);
        const [sessions, received] = await Promise.all([
          api.sessions.list({ from: todo.today, to: todo.today }),
          api.petitions.count({ from: todo.today, to: todo.today }),
        ]);
        setDay({ today: todo.today, sessions: sessions.length, visits: sessions.reduce((n, x) => n + x.visitCount, 0), petitionsToday: received.total, todo });
        setSettings(s);
        setAudit(a);
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  }, []);

  if (error) return <Alert color="red" title="Không đọc được sổ">{error}</Alert>;
  if (!day || !settings) return <Text c="dimmed">Đang tải…</Text>;
  const openPetitionsToday = () => {
    setFilters({ ...DEFAULT_FILTERS, period: 'custom', from: day.today, to: day.today });
    go('petitions');
  };

  return (
    <Stack>
      <div>
        <Title order={2}>Tổng quan: công việc hôm nay, {formatDateVN(day.today)}</Title>
        <Text c="dimmed">{settings.boardName} — {settings.parentBody}</Text>
      </div>
      <SimpleGrid cols={{ base: 2, md: 5 }} role="list" aria-label="Công việc trong ngày">
        <Figure label="Lượt tiếp công dân hôm nay" value={day.visits} hint={day.sessions ? 'Xem kỳ tiếp hôm nay' : 'Mở kỳ tiếp hôm nay'} onOpen={() => go('reception')} />
        <Figure label="Đơn nhận hôm nay" value={day.petitionsToday} hint="Xem các đơn" onOpen={openPetitionsToday} />
        <Figure label="Đơn đến hạn xử lý hôm nay" value={day.todo.counts.dueToday} hint="Việc cần làm" onOpen={() => go('todo')} tone="orange" />
        <Figure label="Đơn quá hạn xử lý" value={day.todo.counts.overdue} hint="Việc cần làm" onOpen={() => go('todo')} tone="red" />
        <Figure label="Cơ quan trả lời chậm" value={day.todo.counts.replyOverdue} hint="Việc cần làm" onOpen={() => go('todo')} tone="red" />
      <BackupStatusCard />
      </SimpleGrid>
      {day.todo.counts.dueThisWeek > 0 && (
        <Text size="sm">
          Trong tuần này còn {day.todo.counts.dueThisWeek} đơn đến hạn.{' '}
          <Anchor component="button" size="sm" onClick={() => go('todo')}>Xem Việc cần làm</Anchor>
        </Text>
      )}
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
              <Table.Td>{auditActionLabel(a)}</Table.Td>
              <Table.Td>{auditRecordLabel(a)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
