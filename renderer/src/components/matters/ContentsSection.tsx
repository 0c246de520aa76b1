// A petition's contents on its page: each with its kind, field and matter (vụ việc), first time or
// repeat, a link to the matter; a content imported as "several contents" is split here.
import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { useUi } from '../../state/ui.ts';
import { CONTENT_KINDS, FIELDS, FIELD_LABELS, PETITION_KIND_LABELS, type ContentKind, type Field } from '../../../../shared/domain/petition.ts';
import type { PetitionContent } from '../../../../shared/domain/matter.ts';
import './matters.css';

type Content = PetitionContent & { matterTitle: string };
type Part = { kind: ContentKind | null; field: Field | null; summary: string };

function SplitForm({ content, onDone, onClose }: { content: Content; onDone(): void; onClose(): void }) {
  const [parts, setParts] = useState<Part[]>([
    { kind: null, field: content.field, summary: content.summary },
    { kind: null, field: content.field, summary: '' },
  ]);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Part>) => setParts((ps) => ps.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const save = async () => {
    if (parts.some((p) => !p.kind || !p.field)) return setError('Mỗi nội dung phải chọn loại và lĩnh vực');
    try {
      await api.petitions.splitContent({ contentId: content.id, parts: parts.map((p) => ({ kind: p.kind!, field: p.field!, summary: p.summary, matterId: null })) });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Stack gap="xs">
      <Text size="sm">Nội dung thứ nhất giữ vụ việc hiện có; mỗi nội dung sau là một vụ việc mới.</Text>
      {parts.map((p, i) => (
        <Card key={i} withBorder padding="xs" role="group" aria-label={`Phần ${i + 1}`}>
          <Group grow>
            <Select label={`Loại nội dung ${i + 1}`} data={CONTENT_KINDS.map((k) => ({ value: k, label: PETITION_KIND_LABELS[k] }))} value={p.kind} onChange={(v) => set(i, { kind: v as ContentKind | null })} />
            <Select label="Lĩnh vực" data={FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))} value={p.field} onChange={(v) => set(i, { field: v as Field | null })} />
          </Group>
          <Textarea label="Tóm tắt" autosize minRows={2} value={p.summary} onChange={(e) => set(i, { summary: e.currentTarget.value })} />
        </Card>
      ))}
      <Group justify="space-between">
        <Button variant="light" size="xs" onClick={() => setParts((ps) => [...ps, { kind: null, field: content.field, summary: '' }])}>Thêm phần</Button>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>Hủy</Button>
          <Button color="red" onClick={() => void save()}>Xác nhận tách</Button>
        </Group>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
    </Stack>
  );
}

export function ContentsSection({ contents, onChanged }: { contents: Content[]; onChanged(): void }) {
  const go = useUi((s) => s.go);
  const [splitting, setSplitting] = useState<Content | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-label="Nội dung và vụ việc">
      <Title order={4} mb="xs">Nội dung và vụ việc</Title>
      <Stack gap={6}>
        {contents.map((c) => (
          <Group key={c.id} className="mt-item" data-first={!c.repeat || undefined} justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>Nội dung {c.position + 1}: {PETITION_KIND_LABELS[c.kind]} · {FIELD_LABELS[c.field]}</Text>
                {c.repeat ? <Badge size="sm" color="orange" variant="light">Lặp lại</Badge> : <Badge size="sm" color="blue" variant="light">Lần đầu</Badge>}
                {c.needsSplit && <Badge size="sm" color="red" variant="light">Cần tách nội dung</Badge>}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2}>{c.summary}</Text>
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => go('matter', { matterId: c.matterId })}>
                Vụ việc số {c.matterId}: {c.matterTitle}
              </Anchor>
            </Stack>
            {c.needsSplit && <Button size="xs" variant="light" color="red" onClick={() => setSplitting(c)}>Tách nội dung</Button>}
          </Group>
        ))}
      </Stack>
      <Modal opened={splitting !== null} onClose={() => setSplitting(null)} title={<Text fw={600}>Tách nội dung đơn</Text>} size="lg">
        {splitting && <SplitForm content={splitting} onClose={() => setSplitting(null)} onDone={() => (setSplitting(null), onChanged())} />}
      </Modal>
    </Card>
  );
}
