import { Alert, Anchor, Badge, Button, Card, Divider, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ContentsSection } from '../components/matters/ContentsSection.tsx';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import type { PetitionDetail } from '../../../shared/api/contract.ts';
import { CHANNEL_LABELS, FIELD_LABELS, PETITION_KIND_LABELS, PETITION_STATUS_LABELS, type Petition } from '../../../shared/domain/petition.ts';
import { GENDER_LABELS } from '../../../shared/domain/person.ts';
import { MATTER_LABELS, OUTCOME_LABELS, SESSION_KIND_LABELS } from '../../../shared/domain/reception.ts';
import { formatDateTime } from '../format.ts';
import { AuditTrail } from '../components/petitions/AuditTrail.tsx';
import { CitizenHistoryPanel } from '../components/petitions/CitizenHistory.tsx';
import { STATUS_COLORS, formatIsoDate } from '../components/petitions/format.ts';
import { usePetitionScreens } from '../components/petitions/state.ts';
import { useCommuneNames } from '../components/petitions/useCommuneNames.ts';
import { PetitionForm } from '../components/intake/PetitionForm.tsx';
import { WorkflowPanel } from '../components/workflow/WorkflowPanel.tsx';
import { AttachmentsPanel } from '../components/attachments/AttachmentsPanel.tsx';
import { ProtectedDenouncerNotice } from '../components/petitions/ProtectedDenouncer.tsx';
import { isProtectedPetition } from '../../../shared/domain/protection.ts';
import type { Person } from '../../../shared/domain/person.ts';

/** Esc goes back to the list, unless it belongs to a field being typed in or an open dialog. */
function escapeIsFree(): boolean {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return false;
  if (el instanceof HTMLElement && el.isContentEditable) return false;
  return document.querySelector('[role="dialog"]') === null;
}

function Item({ label, children, span }: { label: string; children: ReactNode; span?: boolean }) {
  return (
    <div style={span ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {children === null || children === '' || children === undefined ? <Text span c="dimmed" size="sm">—</Text> : children}
      </Text>
    </div>
  );
}

function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        {aside}
      </Group>
      {children}
    </Card>
  );
}

export function PetitionDetailPage({ petitionId }: { petitionId: number }) {
  const go = useUi((s) => s.go);
  const showInRegister = usePetitionScreens((s) => s.showInRegister);
  const communeName = useCommuneNames();
  const [detail, setDetail] = useState<PetitionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ petitionId: number; petitioners: Person[] } | null>(null);

  const edit = (on: boolean) => {
    setEditing(on);
    window.scrollTo({ top: 0 });
  };

  const load = useCallback(async () => {
    try {
      setDetail(await api.petitions.get({ id: petitionId }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [petitionId]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back where the petition was opened from: a figure's list (statistics, reports), the to-do list,
  // or the petition list.
  const backTo = useUi((s) => s.params.back);
  const back = () => (backTo ? go(backTo.page, backTo.params) : go('petitions'));
  const backLabel = backTo ? `Quay lại ${backTo.label}` : 'Quay lại danh sách';
  const openVisitDate = (date: string, visitId: number | null) => {
    showInRegister(date, visitId);
    go('receptionRegister');
  };

  useHotkeys([
    ['Escape', () => {
      if (!editing && escapeIsFree()) back();
    }],
    ['alt+E', () => {
      if (detail && !editing) edit(true);
    }],
  ], []);

  if (error) {
    return (
      <Stack>
        <Alert color="red" title="Không mở được đơn">{error}</Alert>
        <Group><Button variant="default" onClick={back}>{backLabel}</Button></Group>
      </Stack>
    );
  }
  if (!detail) return <Text c="dimmed">Đang tải…</Text>;

  const { petition: p, visit, history } = detail;
  const denunciation = isProtectedPetition(p);
  // A denunciation's petitioners come redacted; a permitted officer's "Hiện danh tính" fills them in (audited).
  const petitioners = denunciation && revealed?.petitionId === p.id ? revealed.petitioners : p.petitioners;
  const citizenIds = denunciation ? [] : [...new Set(p.petitioners.map((x) => x.citizenId).filter((id): id is number => id !== null))];

  if (editing) {
    return (
      <Stack>
        <Group justify="space-between" align="baseline">
          <Title order={2}>Sửa đơn số <Text span inherit ff="monospace">{p.registerNo}</Text></Title>
          <Text size="sm" c="dimmed">Ctrl+S lưu · “Hủy” bỏ các thay đổi</Text>
        </Group>
        <PetitionForm
          initial={p}
          visit={visit}
          onCancel={() => edit(false)}
          onSaved={(saved: Petition) => {
            edit(false);
            setNotice(`Đã lưu đơn số ${saved.registerNo}.`);
            void load();
          }}
        />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2}>Đơn số <Text span inherit ff="monospace">{p.registerNo}</Text></Title>
          <Badge variant="light" size="lg" color={STATUS_COLORS[p.status] ?? 'gray'}>{PETITION_STATUS_LABELS[p.status] ?? p.status}</Badge>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" onClick={back}>{backLabel} <kbd className="key" style={{ marginLeft: 8 }}>Esc</kbd></Button>
          <Button onClick={() => edit(true)}>Sửa <kbd className="key" style={{ marginLeft: 8 }}>Alt+E</kbd></Button>
        </Group>
      </Group>
      {notice && <Alert color="green" withCloseButton onClose={() => setNotice(null)} role="status">{notice}</Alert>}

      <ContentsSection contents={detail.contents} onChanged={() => void load()} />

      <SimpleGrid cols={2} spacing="md">
        <Section title="Thông tin đơn">
          <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
            <Item label="Số vào sổ"><Text span ff="monospace" size="sm">{p.registerNo}</Text></Item>
            <Item label="Ngày nhận đơn">{formatIsoDate(p.receivedOn)}</Item>
            <Item label="Ngày viết đơn">{p.writtenOn ? formatIsoDate(p.writtenOn) : null}</Item>
            <Item label="Nguồn đơn">{CHANNEL_LABELS[p.channel]}</Item>
            <Item label="Loại đơn">{PETITION_KIND_LABELS[p.kind]}</Item>
            <Item label="Lĩnh vực">{FIELD_LABELS[p.field]}</Item>
            {p.forwardedBy && (
              <>
                <Item label="Cơ quan chuyển đơn">{p.forwardedBy.agency}</Item>
                <Item label="Số văn bản chuyển">{p.forwardedBy.letterNo}</Item>
                <Item label="Ngày văn bản chuyển">{p.forwardedBy.letterDate ? formatIsoDate(p.forwardedBy.letterDate) : null}</Item>
              </>
            )}
            <Item label="Số người đứng tên">{p.signatories}</Item>
            <Item label="Trạng thái">
              <Text span size="sm" c={p.status === 'overdue' || p.status === 'reply_overdue' ? 'red.8' : undefined} fw={p.status === 'overdue' || p.status === 'reply_overdue' ? 700 : undefined}>
                {PETITION_STATUS_LABELS[p.status] ?? p.status}
              </Text>
            </Item>
            <Item label="Vào sổ lúc">{formatDateTime(p.createdAt)}</Item>
            <Item label="Hạn xử lý">{p.dueOn ? formatIsoDate(p.dueOn) : null}</Item>
            {p.replyDueOn && <Item label="Hạn cơ quan trả lời">{formatIsoDate(p.replyDueOn)}</Item>}
            <Item label="Người, cơ quan bị khiếu nại, tố cáo" span>{p.subject}</Item>
            <Item label="Tóm tắt nội dung" span>{p.summary}</Item>
          </SimpleGrid>
        </Section>

        <Section title="Lượt tiếp công dân">
          {visit ? (
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
              <Item label="Ngày tiếp">
                <Anchor component="button" size="sm" onClick={() => openVisitDate(visit.sessionDate, visit.id)} title="Xem trong Sổ tiếp công dân">
                  {formatIsoDate(visit.sessionDate)}
                </Anchor>
                {' '}
                <Text span size="xs" c="dimmed">(kỳ tiếp {SESSION_KIND_LABELS[visit.sessionKind].toLowerCase()})</Text>
              </Item>
              <Item label="Số người">{visit.delegation ? `Đoàn ${visit.delegation.members} người` : visit.persons}</Item>
              <Item label="Người được tiếp">{visit.citizen.fullName}</Item>
              <Item label="Vụ việc">{MATTER_LABELS[visit.matter]}{visit.repeat ? ' (tiếp nhiều lần)' : ''}</Item>
              <Item label="Nội dung trình bày" span>{visit.content}</Item>
              <Item label="Kết quả tiếp" span>{OUTCOME_LABELS[visit.outcome]}</Item>
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">Đơn không nhận qua lượt tiếp công dân ({CHANNEL_LABELS[p.channel].toLowerCase()}).</Text>
          )}
        </Section>
      </SimpleGrid>

      <WorkflowPanel detail={detail} onChanged={() => void load()} />

      <Card withBorder padding="md">
        <AttachmentsPanel petitionId={p.id} />
      </Card>

      <Section title={`Người đứng đơn (${p.petitioners.length})`}>
        {denunciation && p.petitioners.length > 0 && (
          <ProtectedDenouncerNotice
            revealed={revealed?.petitionId === p.id}
            onReveal={async () => {
              const result = await api.petitions.revealDenouncer({ id: p.id });
              setRevealed({ petitionId: p.id, petitioners: result.petitioners });
              void load(); // the audit trail below now shows this view
            }}
            onHide={() => setRevealed(null)}
          />
        )}
        {p.petitioners.length === 0 ? (
          <Text size="sm" c="dimmed">Đơn chưa ghi người đứng đơn.</Text>
        ) : (
          <Table withTableBorder fz="sm" layout="fixed" aria-label="Người đứng đơn">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th w={190}>Họ và tên</Table.Th>
                <Table.Th w={160}>Số CCCD/hộ chiếu</Table.Th>
                <Table.Th w={90}>Năm sinh</Table.Th>
                <Table.Th w={90}>Giới tính</Table.Th>
                <Table.Th w={120}>Điện thoại</Table.Th>
                <Table.Th>Địa chỉ</Table.Th>
                <Table.Th w={180}>Xã, phường</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {petitioners.map((x, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td fw={500}>{x.fullName}</Table.Td>
                  <Table.Td ff="monospace">{x.idNumber ?? ''}</Table.Td>
                  <Table.Td>{x.birthYear ?? ''}</Table.Td>
                  <Table.Td>{x.gender ? GENDER_LABELS[x.gender] : ''}</Table.Td>
                  <Table.Td>{x.phone ?? ''}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{x.address ?? ''}</Table.Td>
                  <Table.Td>{communeName(x.communeCode)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title="Lịch sử của công dân">
        {denunciation ? (
          <Text size="sm" c="dimmed">Đơn tố cáo: không hiển thị lịch sử của người tố cáo, để giữ bí mật danh tính (Luật Tố cáo, Điều 56).</Text>
        ) : citizenIds.length === 0 ? (
          <Text size="sm" c="dimmed">Người đứng đơn chưa được liên kết với sổ công dân.</Text>
        ) : (
          <Stack gap="md">
            {citizenIds.map((id, i) => (
              <Stack gap="md" key={id}>
                {i > 0 && <Divider />}
                <CitizenHistoryPanel
                  citizenId={id}
                  petitionId={p.id}
                  visitId={p.visitId}
                  onOpenPetition={(petitionId) => go('petition', { petitionId })}
                  onOpenVisitDate={openVisitDate}
                />
              </Stack>
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Nhật ký thay đổi">
        <AuditTrail entries={history} />
      </Section>
    </Stack>
  );
}
