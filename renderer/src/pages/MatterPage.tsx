// Vụ việc: one matter with its state when it reached the Board, and every petition and visit on
// it, oldest first, marked first time or repeat. The officer edits the matter's data, merges
// another matter into it, or moves a petition's content or a visit to another matter; each with
// a confirmation, each written to the audit log.
import { Alert, Badge, Button, Grid, Group, Modal, NumberInput, Paper, Select, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { FIELDS, FIELD_LABELS, PETITION_KIND_LABELS } from '../../../shared/domain/petition.ts';
import {
  ARRIVAL_STATES,
  ARRIVAL_STATE_LABELS,
  COMPLAINT_LEVELS,
  COMPLAINT_LEVEL_LABELS,
  MATTER_KINDS,
  MATTER_KIND_LABELS,
  type ArrivalState,
  type ComplaintLevel,
  type MatterDetail,
  type MatterItem,
  type MatterKind,
} from '../../../shared/domain/matter.ts';
import type { Field } from '../../../shared/domain/petition.ts';
import { formatIsoDate } from '../components/petitions/format.ts';
import { CommunePicker } from '../components/intake/CommunePicker.tsx';
import { useCommuneLabel } from '../components/intake/units.ts';
import '../components/matters/matters.css';

type Move = { item: MatterItem } | null;

function EditMatter({ detail, onSaved, onClose }: { detail: MatterDetail; onSaved(): void; onClose(): void }) {
  const m = detail.matter;
  const [title, setTitle] = useState(m.title);
  const [kind, setKind] = useState<MatterKind>(m.kind);
  const [field, setField] = useState<Field | null>(m.field);
  const [arrivalState, setArrivalState] = useState<ArrivalState>(m.arrivalState);
  const [complaintLevel, setComplaintLevel] = useState<ComplaintLevel | null>(m.complaintLevel);
  const [decidedBy, setDecidedBy] = useState(m.decidedBy ?? '');
  const [commune, setCommune] = useState(m.caseCommuneCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await api.matters.update({ id: m.id, title, kind, field, arrivalState, complaintLevel, decidedBy: decidedBy || null, caseCommuneCode: commune || null });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="xs">
      <TextInput label="Tên vụ việc" value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
      <Group grow>
        <Select label="Loại vụ việc" data={MATTER_KINDS.map((k) => ({ value: k, label: MATTER_KIND_LABELS[k] }))} value={kind} onChange={(v) => v && setKind(v as MatterKind)} allowDeselect={false} />
        <Select label="Lĩnh vực" data={FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))} value={field} onChange={(v) => setField(v as Field | null)} clearable />
      </Group>
      <Select
        label="Tình trạng khi đến Ban"
        data={ARRIVAL_STATES.map((s) => ({ value: s, label: ARRIVAL_STATE_LABELS[s] }))}
        value={arrivalState}
        onChange={(v) => v && setArrivalState(v as ArrivalState)}
        allowDeselect={false}
      />
      <Group grow>
        <Select
          label="Cấp khiếu nại"
          data={COMPLAINT_LEVELS.map((l) => ({ value: l, label: COMPLAINT_LEVEL_LABELS[l] }))}
          value={complaintLevel}
          onChange={(v) => setComplaintLevel(v as ComplaintLevel | null)}
          clearable
          disabled={kind !== 'complaint'}
        />
      </Group>
      {/* The commune where the case arose (statistics by commune count it), picked by name. */}
      <Text size="sm" fw={500} mb={-6}>Nơi phát sinh vụ việc</Text>
      <Group grow>
        <CommunePicker value={commune || null} onChange={(code) => setCommune(code ?? '')} />
      </Group>
      <TextInput label="Cơ quan đã giải quyết" value={decidedBy} onChange={(e) => setDecidedBy(e.currentTarget.value)} />
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>Hủy</Button>
        <Button onClick={() => void save()}>Lưu</Button>
      </Group>
    </Stack>
  );
}

function itemLabel(item: MatterItem): string {
  return item.type === 'petition' ? `nội dung của đơn ${item.registerNo}` : `lượt tiếp ngày ${formatIsoDate(item.date)} (${item.citizenName})`;
}

export function MatterPage({ matterId }: { matterId: number }) {
  const go = useUi((s) => s.go);
  const [detail, setDetail] = useState<MatterDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [mergeFrom, setMergeFrom] = useState<number | string>('');
  const [move, setMove] = useState<Move>(null);
  const [moveTo, setMoveTo] = useState<number | string>('');
  const [actionError, setActionError] = useState<string | null>(null);
  const caseCommune = useCommuneLabel(detail?.matter.caseCommuneCode ?? null);

  const load = useCallback(() => {
    api.matters.get({ id: matterId }).then(
      (d) => (setDetail(d), setError(null)),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [matterId]);
  useEffect(load, [load]);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!detail) return <Text c="dimmed">Đang tải…</Text>;
  const m = detail.matter;

  const doMerge = async () => {
    try {
      await api.matters.merge({ fromId: Number(mergeFrom), intoId: m.id });
      setMerging(false);
      setMergeFrom('');
      setActionError(null);
      load();
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };
  const doMove = async () => {
    if (!move) return;
    const toMatterId = moveTo === '' ? null : Number(moveTo);
    try {
      const target = await api.matters.move({
        contentId: move.item.type === 'petition' ? move.item.contentId : null,
        visitId: move.item.type === 'visit' ? move.item.visitId : null,
        toMatterId,
      });
      setMove(null);
      setMoveTo('');
      setActionError(null);
      go('matter', { matterId: target.matter.id });
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Text size="sm" c="dimmed">Vụ việc số {m.id}</Text>
          <Title order={3}>{m.title}</Title>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => go('matters')}>Danh sách vụ việc</Button>
          {m.mergedInto === null && <Button variant="light" onClick={() => setEditing(true)}>Sửa thông tin</Button>}
          {m.mergedInto === null && <Button variant="light" onClick={() => (setMerging(true), setActionError(null))}>Gộp vụ việc khác vào đây</Button>}
        </Group>
      </Group>
      {m.mergedInto !== null && (
        <Alert color="yellow">
          Vụ việc này đã được gộp vào{' '}
          <UnstyledButton c="blue.8" onClick={() => go('matter', { matterId: m.mergedInto! })}>vụ việc số {m.mergedInto}</UnstyledButton>.
        </Alert>
      )}
      <Paper withBorder p="sm" role="region" aria-label="Thông tin vụ việc">
        <Grid>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Loại, lĩnh vực</Text><Text size="sm">{MATTER_KIND_LABELS[m.kind]}{m.field ? ` · ${FIELD_LABELS[m.field]}` : ''}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Tình trạng khi đến Ban</Text><Text size="sm">{ARRIVAL_STATE_LABELS[m.arrivalState]}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Cấp khiếu nại</Text><Text size="sm">{m.complaintLevel ? COMPLAINT_LEVEL_LABELS[m.complaintLevel] : '—'}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Cơ quan đã giải quyết</Text><Text size="sm">{m.decidedBy ?? '—'}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Tiếp nhận lần đầu</Text><Text size="sm">{formatIsoDate(m.firstSeenOn)}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Số lần đến</Text><Text size="sm">{m.petitions} đơn, {m.visits} lượt tiếp {m.repeated ? <Badge size="sm" color="orange" variant="light">Nhiều lần</Badge> : <Badge size="sm" color="gray" variant="light">Lần đầu</Badge>}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Xã nơi phát sinh</Text><Text size="sm" data-testid="matter-case-commune">{caseCommune}</Text></Grid.Col>
          <Grid.Col span={3}><Text size="xs" c="dimmed">Đã gộp vào đây</Text><Text size="sm">{detail.merged.length ? detail.merged.map((x) => `số ${x.id}`).join(', ') : '—'}</Text></Grid.Col>
        </Grid>
      </Paper>

      <Title order={5}>Đơn và lượt tiếp của vụ việc ({detail.items.length})</Title>
      <Stack gap={6} role="list" aria-label="Đơn và lượt tiếp của vụ việc">
        {detail.items.map((item) => (
          <Group key={item.type === 'petition' ? `c${item.contentId}` : `v${item.visitId}`} role="listitem" className="mt-item" data-first={item.first || undefined} justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>{formatIsoDate(item.date)}</Text>
                {item.first ? <Badge size="sm" color="blue" variant="light">Lần đầu</Badge> : <Badge size="sm" color="orange" variant="light">Lặp lại</Badge>}
                {item.type === 'petition' ? (
                  <>
                    <UnstyledButton onClick={() => go('petition', { petitionId: item.petitionId, back: { page: 'matter', label: 'vụ việc', params: { matterId: m.id } } })} aria-label={`Mở đơn ${item.registerNo}`}>
                      <Text size="sm" c="blue.8" ff="monospace">Đơn {item.registerNo}</Text>
                    </UnstyledButton>
                    <Text size="sm">{PETITION_KIND_LABELS[item.kind]} · {FIELD_LABELS[item.field]}</Text>
                    {item.needsSplit && <Badge size="sm" color="red" variant="light">Cần tách nội dung</Badge>}
                  </>
                ) : (
                  <Text size="sm">Lượt tiếp: {item.citizenName}{item.persons > 1 ? ` (${item.persons} người)` : ''}</Text>
                )}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {item.type === 'petition' ? `${item.petitionerNames ? `${item.petitionerNames}: ` : ''}${item.summary}` : item.content}
              </Text>
            </Stack>
            {m.mergedInto === null && (
              <Button size="xs" variant="subtle" onClick={() => (setMove({ item }), setActionError(null))}>
                Chuyển sang vụ việc khác
              </Button>
            )}
          </Group>
        ))}
      </Stack>

      <Modal opened={editing} onClose={() => setEditing(false)} title={<Text fw={600}>Sửa thông tin vụ việc số {m.id}</Text>} size="lg">
        {editing && <EditMatter detail={detail} onClose={() => setEditing(false)} onSaved={() => (setEditing(false), load())} />}
      </Modal>
      <Modal opened={merging} onClose={() => setMerging(false)} title={<Text fw={600}>Gộp vụ việc vào vụ việc số {m.id}</Text>}>
        <Stack gap="xs">
          <NumberInput label="Số vụ việc cần gộp vào đây" value={mergeFrom} onChange={setMergeFrom} min={1} allowDecimal={false} data-autofocus />
          <Text size="sm">Mọi đơn và lượt tiếp của vụ việc đó sẽ thuộc vụ việc số {m.id}; vụ việc đó được giữ lại và ghi “đã gộp”. Việc gộp được ghi vào nhật ký.</Text>
          {actionError && <Alert color="red" role="alert">{actionError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMerging(false)}>Hủy</Button>
            <Button color="red" disabled={mergeFrom === ''} onClick={() => void doMerge()}>Xác nhận gộp</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={move !== null} onClose={() => setMove(null)} title={<Text fw={600}>Chuyển {move ? itemLabel(move.item) : ''}</Text>}>
        <Stack gap="xs">
          <NumberInput label="Sang vụ việc số (để trống: vụ việc mới)" value={moveTo} onChange={setMoveTo} min={1} allowDecimal={false} data-autofocus />
          {actionError && <Alert color="red" role="alert">{actionError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMove(null)}>Hủy</Button>
            <Button color="red" onClick={() => void doMove()}>Xác nhận chuyển</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
