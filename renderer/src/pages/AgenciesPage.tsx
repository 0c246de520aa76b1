import { Alert, Badge, Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useConfirm } from '../components/useConfirm.tsx';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Controller } from 'react-hook-form';
import { api, errorMessage } from '../api.ts';
import { AGENCY_KINDS, AGENCY_KIND_LABELS, agencyUpsertSchema, type Agency, type AgencyKind } from '../../../shared/domain/agency.ts';
import { showApiError, useApiForm } from '../components/useApiForm.ts';

const KIND_OPTIONS = AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }));

function AgencyForm({ agency, onSaved, onCancel }: { agency: Agency | null; onSaved(a: Agency): void; onCancel(): void }) {
  const form = useApiForm(agencyUpsertSchema, {
    id: agency?.id,
    code: agency?.code ?? '',
    name: agency?.name ?? '',
    kind: agency?.kind ?? 'provincial_department',
    active: agency?.active ?? true,
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      onSaved(await api.agencies.upsert(values));
    } catch (error) {
      showApiError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {errors.root && <Alert color="red">{errors.root.message}</Alert>}
        <TextInput label="Mã cơ quan" description="Ví dụ: SO-NNMT" withAsterisk data-autofocus {...form.register('code')} error={errors.code?.message} />
        <TextInput label="Tên cơ quan" withAsterisk {...form.register('name')} error={errors.name?.message} />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select label="Loại" data={KIND_OPTIONS} value={field.value} onChange={(v) => field.onChange(v as AgencyKind)} allowDeselect={false} error={errors.kind?.message} />
          )}
        />
        <Controller
          control={form.control}
          name="active"
          render={({ field }) => <Switch label="Đang hoạt động" checked={field.value ?? true} onChange={(e) => field.onChange(e.currentTarget.checked)} />}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>Hủy</Button>
          <Button type="submit" loading={isSubmitting}>Lưu</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AgenciesPage() {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [kind, setKind] = useState<AgencyKind | null>(null);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setAgencies(await api.agencies.list({ search: debounced, kind: kind ?? undefined, includeInactive }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [debounced, kind, includeInactive]);

  useEffect(() => {
    void load();
  }, [load]);

  useHotkeys([
    ['mod+K', () => searchRef.current?.focus()],
    ['alt+N', () => setEditing('new')],
  ], []);

  const [confirm, confirmDialog] = useConfirm();
  const toggleActive = async (agency: Agency) => {
    if (
      agency.active &&
      !(await confirm({
        title: 'Ngừng hoạt động cơ quan?',
        message: `“${agency.name}” sẽ không còn trong danh sách chọn khi chuyển đơn. Các đơn đã chuyển đến cơ quan này giữ nguyên; có thể kích hoạt lại sau.`,
        confirmLabel: 'Ngừng hoạt động',
      }))
    )
      return;
    try {
      const saved = await api.agencies.setActive({ id: agency.id, active: !agency.active });
      setNotice(saved.active ? `Đã kích hoạt lại “${saved.name}”` : `Đã ngừng hoạt động “${saved.name}”`);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Stack>
      {confirmDialog}
      <Group justify="space-between">
        <Title order={2}>Danh bạ cơ quan</Title>
        <Button onClick={() => setEditing('new')}>Thêm cơ quan <kbd className="key" style={{ marginLeft: 8 }}>Alt+N</kbd></Button>
      </Group>
      <Group align="flex-end">
        <TextInput
          ref={searchRef}
          label="Tìm kiếm"
          placeholder="Tên hoặc mã, gõ không dấu cũng được (Ctrl+K)"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={360}
          aria-label="Tìm cơ quan"
        />
        <Select label="Loại" placeholder="Tất cả" data={KIND_OPTIONS} value={kind} onChange={(v) => setKind(v as AgencyKind | null)} clearable w={220} />
        <Switch label="Hiện cả cơ quan ngừng hoạt động" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb={8} />
      </Group>
      {error && <Alert color="red" withCloseButton onClose={() => setError(null)}>{error}</Alert>}
      {notice && <Alert color="green" withCloseButton onClose={() => setNotice(null)}>{notice}</Alert>}
      <Text size="sm" c="dimmed" aria-live="polite">{agencies.length} cơ quan</Text>
      <Table striped highlightOnHover withTableBorder aria-label="Danh bạ cơ quan">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>Mã</Table.Th>
            <Table.Th>Tên cơ quan</Table.Th>
            <Table.Th w={200}>Loại</Table.Th>
            <Table.Th w={140}>Trạng thái</Table.Th>
            <Table.Th w={200}></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}><Text c="dimmed" ta="center" py="md">Không có cơ quan nào khớp với điều kiện tìm.</Text></Table.Td>
            </Table.Tr>
          )}
          {agencies.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td ff="monospace">{a.code}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{AGENCY_KIND_LABELS[a.kind]}</Table.Td>
              <Table.Td>{a.active ? <Badge color="green" variant="light">Hoạt động</Badge> : <Badge color="gray" variant="light">Ngừng</Badge>}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(a)} aria-label={`Sửa ${a.name}`}>Sửa</Button>
                  <Button size="compact-sm" variant="subtle" color={a.active ? 'gray' : 'green'} onClick={() => void toggleActive(a)} aria-label={`${a.active ? 'Ngừng' : 'Kích hoạt'} ${a.name}`}>
                    {a.active ? 'Ngừng hoạt động' : 'Kích hoạt'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Thêm cơ quan' : 'Sửa thông tin cơ quan'}>
        {editing !== null && (
          <AgencyForm
            agency={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`Đã lưu “${saved.name}” (${saved.code})`);
              void load();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
