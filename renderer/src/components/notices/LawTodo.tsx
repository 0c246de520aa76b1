// "Việc cần làm": the deadlines the law sets besides the Board's handling: notices to citizens
// (the refusal notice 01/TCD included) until issued, and the shorter step of a denunciation
// (forward within 5 working days) or a complaint (accept within 7) while undecided.
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { formatDateVN } from '../../../../shared/calendar/dates.ts';
import { NOTICE_KIND_LABELS, type LawTodo } from '../../../../shared/domain/notices.ts';
import { DEADLINES } from '../../../../shared/rules/deadlines.ts';
import { useUi } from '../../state/ui.ts';
import { DocumentButton } from '../documents/index.ts';
import { IssueNoticeButton } from './Notices.tsx';
import { useApprovalRequired } from '../approvals/Approvals.tsx';

function Late({ overdue, dueOn }: { overdue: boolean; dueOn: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>{formatDateVN(dueOn)}</Text>
      {overdue && <Badge color="red" size="xs" variant="light">Quá hạn</Badge>}
    </Group>
  );
}

export function LawTodoSections() {
  const go = useUi((s) => s.go);
  const touch = useUi((s) => s.touch);
  const approval = useApprovalRequired();
  const [todo, setTodo] = useState<LawTodo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.todo.law().then(setTodo, (e: unknown) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!todo) return null;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={4}>Thông báo phải gửi công dân</Title>
            <Group gap={4}>
              {todo.counts.noticesOverdue > 0 && <Badge color="red" size="lg" variant="filled" title="Quá hạn">{todo.counts.noticesOverdue} quá hạn</Badge>}
              <Badge color="blue" size="lg" variant="filled">{todo.counts.notices}</Badge>
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            Thông báo từ chối tiếp (01/TCD, 03 ngày làm việc), kết quả xử lý đơn, chuyển đơn tố cáo, kết quả giải quyết: chưa ban hành
          </Text>
          {todo.notices.length === 0 ? (
            <Text size="sm" c="dimmed">Không có thông báo nào.</Text>
          ) : (
            <Table aria-label="Thông báo phải gửi công dân" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Hạn</Table.Th>
                  <Table.Th>Thông báo · người nhận</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {todo.notices.map((n) => (
                  <Table.Tr key={n.id} data-testid={`todo-notice-${n.kind}`}>
                    <Table.Td>
                      <Late overdue={n.overdue} dueOn={n.dueOn} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>{NOTICE_KIND_LABELS[n.kind]}</Text>
                      <Text size="xs" c="dimmed">
                        {n.recipient}
                        {n.registerNo && (
                          <>
                            {' — đơn '}
                            <Text span size="xs" ff="monospace" style={{ cursor: 'pointer', textDecoration: 'underline' }} onClick={() => go('petition', { petitionId: n.petitionId!, back: { page: 'todo', label: 'Việc cần làm' } })}>
                              {n.registerNo}
                            </Text>
                          </>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <IssueNoticeButton
                          approval={approval}
                          notice={n}
                          today={todo.today}
                          onIssued={() => {
                            touch();
                            load();
                          }}
                        />
                        {!approval && <DocumentButton request={{ kind: 'notice', noticeId: n.id }} label="In bản nháp" variant="light" size="xs" />}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={4}>Hạn theo loại đơn</Title>
            <Badge color={todo.counts.stepsOverdue > 0 ? 'red' : 'teal'} size="lg" variant="filled">{todo.counts.steps}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Tố cáo không thuộc thẩm quyền: chuyển trong {DEADLINES.denunciation_forward.days} ngày làm việc ({DEADLINES.denunciation_forward.article}); khiếu nại thuộc thẩm quyền: thụ
            lý trong {DEADLINES.complaint_acceptance.days} ngày làm việc. Đến hạn trong tuần hoặc quá hạn.
          </Text>
          {todo.steps.length === 0 ? (
            <Text size="sm" c="dimmed">Không có đơn nào.</Text>
          ) : (
            <Table highlightOnHover aria-label="Hạn theo loại đơn" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Số vào sổ</Table.Th>
                  <Table.Th w={120}>Hạn</Table.Th>
                  <Table.Th>Việc · người đứng đơn</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {todo.steps.map((s) => (
                  <Table.Tr key={`${s.id}-${s.contentPosition}`} data-testid={`todo-step-${s.registerNo}-${s.contentPosition + 1}`} tabIndex={0} style={{ cursor: 'pointer' }} onClick={() => go('petition', { petitionId: s.id, back: { page: 'todo', label: 'Việc cần làm' } })} onKeyDown={(e) => e.key === 'Enter' && go('petition', { petitionId: s.id, back: { page: 'todo', label: 'Việc cần làm' } })}>
                    <Table.Td ff="monospace">{s.registerNo}</Table.Td>
                    <Table.Td>
                      <Late overdue={s.overdue} dueOn={s.dueOn} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>{DEADLINES[s.step].label}{s.contentPosition > 0 ? ` (nội dung ${s.contentPosition + 1})` : ''}</Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>{s.petitionerNames || 'Đơn nặc danh'} — {s.summary}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
