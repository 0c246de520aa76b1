// Notices to citizens (thông báo): due and overdue, issued with one confirmed action that takes the
// next number, printed as documents. Used on the petition's processing panel and in "Việc cần làm".
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { NOTICE_KIND_LABELS, noticeIssueSchema, type Notice } from '../../../../shared/domain/notices.ts';
import { DocumentButton } from '../documents/index.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { showApiError, useApiForm } from '../useApiForm.ts';
import { TextInput } from '@mantine/core';
import { ApprovalBadge, useApprovalRequired, useApprovals } from '../approvals/Approvals.tsx';

function IssueForm({ notice, today, onClose, onIssued, approval }: { notice: Notice; today: string; onClose(): void; onIssued(n: Notice): void; approval: boolean }) {
  const form = useApiForm(noticeIssueSchema, { id: notice.id, on: today });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      onIssued(await api.notices.issue(values));
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Ban hành thông báo">
      <Stack gap="sm">
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}
        <Text size="sm">
          Ban hành <b>{NOTICE_KIND_LABELS[notice.kind].toLowerCase()}</b> gửi <b>{notice.recipient}</b>
          {notice.registerNo ? ` (đơn ${notice.registerNo})` : ''}.{' '}
          {approval
            ? 'Thông báo được gửi lãnh đạo duyệt dưới dạng dự thảo: chưa có số, chưa in được; số được cấp khi lãnh đạo duyệt.'
            : 'Thông báo sẽ được cấp số văn bản tiếp theo và không ban hành lại được.'}
        </Text>
        <TextInput type="date" label="Ngày ban hành" withAsterisk max={today} data-autofocus {...form.register('on')} error={errors.on?.message} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Đóng</Button>
          <Button type="submit" loading={isSubmitting}>{approval ? 'Gửi duyệt' : 'Xác nhận ban hành'}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Ban hành" with a confirmation dialog; calls onIssued with the numbered notice. */
export function IssueNoticeButton({ notice, today, onIssued, approval = false, again = false }: { notice: Notice; today: string; onIssued(n: Notice): void; approval?: boolean; again?: boolean }) {
  const [open, setOpen] = useState(false);
  const verb = approval ? (again ? 'Gửi duyệt lại' : 'Gửi duyệt') : 'Ban hành';
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} aria-label={`${verb} ${NOTICE_KIND_LABELS[notice.kind].toLowerCase()}`}>
        {verb}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={approval ? 'Gửi duyệt thông báo' : 'Ban hành thông báo'} size="lg" trapFocus>
        {open && (
          <IssueForm
            approval={approval}
            notice={notice}
            today={today}
            onClose={() => setOpen(false)}
            onIssued={(n) => {
              setOpen(false);
              onIssued(n);
            }}
          />
        )}
      </Modal>
    </>
  );
}

export function NoticeDue({ notice, today }: { notice: Notice; today: string }) {
  if (notice.issuedOn) return <Text size="sm">Đã ban hành {formatIsoDate(notice.issuedOn)}, số {notice.documentNo}</Text>;
  if (notice.cancelledAt) return <Text size="sm" c="dimmed">Đã hủy cùng bước xử lý</Text>;
  const late = notice.dueOn < today;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" className={late ? 'wf-late' : undefined}>Hạn {formatIsoDate(notice.dueOn)}</Text>
      {late && <Badge color="red" variant="light" size="sm">Quá hạn</Badge>}
    </Group>
  );
}

/** The notices of a petition or a visit, reloaded whenever `version` changes. */
export function NoticesTable({ where, today, version, onChanged }: { where: { petitionId: number } | { visitId: number }; today: string; version?: unknown; onChanged?(): void }) {
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const approval = useApprovalRequired();
  const { approvals, reload: reloadDrafts } = useApprovals(where, version);
  const key = JSON.stringify(where);
  useEffect(() => {
    let live = true;
    api.notices
      .list(JSON.parse(key) as typeof where)
      .then((n) => live && setNotices(n))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [key, version, reload]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!notices) return <Text size="sm" c="dimmed">Đang tải…</Text>;
  const shown = notices.filter((n) => n.cancelledAt === null);
  if (shown.length === 0) return <Text size="sm" c="dimmed">Không có thông báo nào phải gửi công dân.</Text>;
  return (
    <Table withTableBorder verticalSpacing={4} aria-label="Thông báo gửi công dân">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Thông báo</Table.Th>
          <Table.Th>Gửi</Table.Th>
          <Table.Th>Thời hạn / số</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((n) => {
          // With the leader's approval, a notice not yet issued is a draft: no print, sent for approval.
          const draft = approvals?.find((a) => a.noticeId === n.id && (a.status === 'pending' || a.status === 'returned')) ?? null;
          return (
          <Table.Tr key={n.id} data-testid={`notice-${n.kind}`}>
            <Table.Td>{NOTICE_KIND_LABELS[n.kind]}</Table.Td>
            <Table.Td>{n.recipient}</Table.Td>
            <Table.Td>
              <Group gap={6}>
                <NoticeDue notice={n} today={today} />
                {draft && <ApprovalBadge approval={draft} />}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={6} justify="flex-end" wrap="nowrap">
                {!n.issuedOn && draft?.status !== 'pending' && (
                  <IssueNoticeButton
                    approval={approval}
                    again={draft?.status === 'returned'}
                    notice={n}
                    today={today}
                    onIssued={() => {
                      setReload((x) => x + 1);
                      reloadDrafts();
                      onChanged?.();
                    }}
                  />
                )}
                {(n.issuedOn || !approval) && <DocumentButton request={{ kind: 'notice', noticeId: n.id }} label={n.issuedOn ? 'In' : 'In bản nháp'} variant="light" size="xs" />}
              </Group>
            </Table.Td>
          </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
