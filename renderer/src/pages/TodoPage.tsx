import { Alert, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { formatDateVN } from '../../../shared/calendar/dates.ts';
import type { TodoItem, TodoSummary } from '../../../shared/domain/workflow.ts';
import { useUi } from '../state/ui.ts';
import { LawTodoSections } from '../components/notices/LawTodo.tsx';
import { ApprovalTodoSections } from '../components/approvals/Approvals.tsx';
import { TodoCard } from '../components/TodoCard.tsx';

const SECTIONS = [
  { key: 'overdue', title: 'Quá hạn xử lý', hint: 'Quá 10 ngày làm việc kể từ ngày nhận mà chưa có quyết định xử lý', color: 'red' },
  { key: 'dueToday', title: 'Đến hạn hôm nay', hint: 'Hạn xử lý là hôm nay', color: 'orange' },
  { key: 'dueThisWeek', title: 'Đến hạn trong tuần', hint: 'Hạn xử lý trước hết Chủ nhật này', color: 'yellow' },
  { key: 'replyOverdue', title: 'Cơ quan quá hạn trả lời', hint: 'Đã chuyển đơn, quá hạn báo cáo kết quả: cần đôn đốc', color: 'grape' },
] as const;

function Section({ title, hint, color, items, total }: { title: string; hint: string; color: string; items: TodoItem[]; total: number }) {
  const go = useUi((s) => s.go);
  return (
    <TodoCard title={title} hint={hint} color={color} total={total}>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">Không có đơn nào.</Text>
        ) : (
          <Table highlightOnHover aria-label={title} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Số vào sổ</Table.Th>
                <Table.Th w={95}>Hạn</Table.Th>
                <Table.Th>Người đứng đơn · nội dung</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr
                  key={item.id}
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => go('petition', { petitionId: item.id, back: { page: 'todo', label: 'Việc cần làm' } })}
                  onKeyDown={(e) => e.key === 'Enter' && go('petition', { petitionId: item.id, back: { page: 'todo', label: 'Việc cần làm' } })}
                >
                  <Table.Td ff="monospace">{item.registerNo}</Table.Td>
                  <Table.Td>{item.deadline ? formatDateVN(item.deadline) : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} lineClamp={1} title={item.petitionerNames}>{item.petitionerNames || 'Đơn nặc danh'}</Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>{item.agencyName ? `${item.agencyName} — ` : ''}{item.summary}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {total > items.length && <Text size="xs" c="dimmed">Hiện {items.length} trên {total} đơn; xem đủ ở màn hình Đơn thư (lọc theo trạng thái).</Text>}
    </TodoCard>
  );
}

export function TodoPage() {
  const [summary, setSummary] = useState<TodoSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.todo.summary().then(setSummary, (e: unknown) => setError(errorMessage(e)));
  }, []);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!summary) return <Text c="dimmed">Đang tải…</Text>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Việc cần làm</Title>
        <Text c="dimmed">Hôm nay: {formatDateVN(summary.today)}</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ApprovalTodoSections today={summary.today} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {SECTIONS.map((s) => (
          <Section key={s.key} title={s.title} hint={s.hint} color={s.color} items={summary[s.key]} total={summary.counts[s.key]} />
        ))}
      </SimpleGrid>
      <LawTodoSections />
    </Stack>
  );
}
