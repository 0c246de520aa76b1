// Vụ việc: the list of matters, newest first, searched by title, petitioner or register number;
// each opens the matter screen.
import { Alert, Badge, Checkbox, Group, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { FIELD_LABELS } from '../../../shared/domain/petition.ts';
import { MATTER_KIND_LABELS, type MatterPage } from '../../../shared/domain/matter.ts';
import { formatIsoDate } from '../components/petitions/format.ts';

export function MattersPage() {
  const go = useUi((s) => s.go);
  const [search, setSearch] = useState('');
  const [repeatedOnly, setRepeatedOnly] = useState(false);
  const [debounced] = useDebouncedValue(search, 200);
  const [page, setPage] = useState<MatterPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['mod+K', () => searchRef.current?.focus()]], []);

  useEffect(() => {
    let live = true;
    api.matters.list({ search: debounced || null, repeatedOnly, limit: 200 }).then(
      (p) => live && (setPage(p), setError(null)),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [debounced, repeatedOnly]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Vụ việc</Title>
        {page && <Text size="sm" c="dimmed">{page.total.toLocaleString('vi-VN')} vụ việc{page.total > page.rows.length ? ` (hiện ${page.rows.length} vụ việc mới nhất)` : ''}</Text>}
      </Group>
      <Group>
        <TextInput
          ref={searchRef}
          w={360}
          placeholder="Tìm theo tên vụ việc, người đứng đơn, số đơn"
          aria-label="Tìm vụ việc"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          rightSection={<kbd className="key">Ctrl+K</kbd>}
          rightSectionWidth={64}
        />
        <Checkbox label="Chỉ vụ việc đến nhiều lần" checked={repeatedOnly} onChange={(e) => setRepeatedOnly(e.currentTarget.checked)} />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Table striped highlightOnHover aria-label="Danh sách vụ việc">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Số</Table.Th>
            <Table.Th>Vụ việc</Table.Th>
            <Table.Th>Loại, lĩnh vực</Table.Th>
            <Table.Th>Tiếp nhận lần đầu</Table.Th>
            <Table.Th>Đơn</Table.Th>
            <Table.Th>Lượt tiếp</Table.Th>
            <Table.Th>Lần</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page?.rows.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.id}</Table.Td>
              <Table.Td>
                <UnstyledButton onClick={() => go('matter', { matterId: m.id })} aria-label={`Mở vụ việc số ${m.id}`}>
                  <Text size="sm" c="blue.8" lineClamp={2}>{m.title}</Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{MATTER_KIND_LABELS[m.kind]}{m.field ? ` · ${FIELD_LABELS[m.field]}` : ''}</Text>
              </Table.Td>
              <Table.Td>{formatIsoDate(m.firstSeenOn)}</Table.Td>
              <Table.Td>{m.petitions}</Table.Td>
              <Table.Td>{m.visits}</Table.Td>
              <Table.Td>{m.repeated ? <Badge color="orange" variant="light">Nhiều lần</Badge> : <Badge color="gray" variant="light">Lần đầu</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {page && page.rows.length === 0 && <Text c="dimmed">Không có vụ việc nào.</Text>}
    </Stack>
  );
}
