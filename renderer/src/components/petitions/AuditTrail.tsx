// A petition's audit trail: who did what and when; for an edit, each changed field
// "Trường: trước → sau", diffed from the before/after JSON the core logged.
import { List, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../../../shared/domain/audit.ts';
import { AUDIT_ACTION_LABELS, formatDateTime } from '../../format.ts';
import { WORKFLOW_ACTION_LABELS, describeWorkflowStep, diffRecords } from './diff.ts';
import { APPROVAL_AUDIT_ACTIONS, describeApprovalStep } from '../approvals/describe.ts';

function registerNoOf(record: unknown): string | null {
  if (typeof record === 'object' && record !== null && 'registerNo' in record && typeof record.registerNo === 'string') return record.registerNo;
  return null;
}

function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.action === 'create') {
    const no = registerNoOf(entry.after);
    return <Text size="sm">{no ? `Vào sổ với số ${no}` : 'Vào sổ'}</Text>;
  }
  if (entry.action === 'view_protected') {
    const where = (entry.after as { where?: unknown } | null)?.where;
    return <Text size="sm">{typeof where === 'string' ? where : 'Xem danh tính người tố cáo'}</Text>;
  }
  if (APPROVAL_AUDIT_ACTIONS.includes(entry.action)) {
    const lines = describeApprovalStep(entry.action, entry.after);
    return (
      <List size="sm" spacing={2}>
        {lines.map((line, i) => <List.Item key={i}>{line}</List.Item>)}
      </List>
    );
  }
  if (entry.action in WORKFLOW_ACTION_LABELS) {
    const lines = describeWorkflowStep(entry.action, entry.before, entry.after);
    if (lines.length === 0) return <Text size="sm" c="dimmed">—</Text>;
    return (
      <List size="sm" spacing={2}>
        {lines.map((line, i) => <List.Item key={i}>{line}</List.Item>)}
      </List>
    );
  }
  if (entry.before === null || entry.after === null) return <Text size="sm" c="dimmed">—</Text>;
  const changes = diffRecords(entry.before, entry.after);
  if (changes.length === 0) return <Text size="sm" c="dimmed">Lưu lại, không thay đổi nội dung</Text>;
  return (
    <List size="sm" spacing={2}>
      {changes.map((c) => (
        <List.Item key={c.path}>
          <Text span fw={500} size="sm">{c.label}:</Text>{' '}
          <Text span size="sm" td="line-through" c="dimmed">{c.before}</Text>
          {' → '}
          <Text span size="sm">{c.after}</Text>
        </List.Item>
      ))}
    </List>
  );
}

export function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  return (
    <Table withTableBorder fz="sm" aria-label="Nhật ký thay đổi của đơn" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>Thời gian</Table.Th>
          <Table.Th w={200}>Cán bộ</Table.Th>
          <Table.Th w={160}>Thao tác</Table.Th>
          <Table.Th>Nội dung thay đổi</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}><Text size="sm" c="dimmed">Chưa có mục nhật ký nào.</Text></Table.Td>
          </Table.Tr>
        )}
        {entries.map((e) => (
          <Table.Tr key={e.id} style={{ verticalAlign: 'top' }}>
            <Table.Td>{formatDateTime(e.at)}</Table.Td>
            <Table.Td>{e.actorName}</Table.Td>
            <Table.Td>{AUDIT_ACTION_LABELS[e.action] ?? WORKFLOW_ACTION_LABELS[e.action] ?? e.action}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}><Changes entry={e} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
