// The items of the receipt (Giấy biên nhận thông tin, tài liệu, form 02/TCD of Decree 154/2026):
// the hour, who received them and their title, and each item with its name, page count and state.
// Saved with receipts.save; the printed receipt then lists them.
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { RECEIPT_ITEM_STATE_LABELS, RECEIPT_ITEM_STATES, type ReceiptItemState } from '../../../../shared/documents/legal.ts';

interface Row {
  name: string;
  pages: number | string;
  state: ReceiptItemState;
}

const STATE_OPTIONS = RECEIPT_ITEM_STATES.map((s) => ({ value: s, label: RECEIPT_ITEM_STATE_LABELS[s] }));

export function ReceiptItemsButton({ petitionId, officer }: { petitionId: number; officer: string | null }) {
  const [open, setOpen] = useState(false);
  const [time, setTime] = useState('');
  const [receiverName, setReceiverName] = useState('');
  const [receiverTitle, setReceiverTitle] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const start = async () => {
    setError(null);
    setSaved(false);
    try {
      const r = await api.receipts.get({ petitionId });
      setTime(r?.time ?? '');
      setReceiverName(r?.receiverName ?? officer ?? '');
      setReceiverTitle(r?.receiverTitle ?? '');
      setRows(r?.items.map((i) => ({ name: i.name, pages: i.pages ?? '', state: i.state })) ?? [{ name: 'Đơn', pages: '', state: 'original' }]);
      setOpen(true);
    } catch (e) {
      setError(errorMessage(e));
      setOpen(true);
    }
  };

  const patch = (i: number, p: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));

  const save = async () => {
    setError(null);
    try {
      await api.receipts.save({
        petitionId,
        time: time || null,
        receiverName,
        receiverTitle: receiverTitle || null,
        items: rows.map((r) => ({ name: r.name, pages: r.pages === '' ? null : Number(r.pages), state: r.state })),
      });
      setSaved(true);
      setOpen(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <Button variant="light" size="xs" onClick={() => void start()}>
        Tài liệu biên nhận
      </Button>
      {saved && <Text size="xs" c="green" role="status">Đã ghi tài liệu biên nhận</Text>}
      <Modal opened={open} onClose={() => setOpen(false)} title="Thông tin, tài liệu nhận của công dân (mẫu 02/TCD)" size="xl">
        <Stack gap="sm">
          {error && <Alert color="red" title="Chưa ghi được">{error}</Alert>}
          <Group grow align="flex-start">
            <TextInput label="Giờ nhận" placeholder="09:30" value={time} onChange={(e) => setTime(e.currentTarget.value)} maxLength={5} />
            <TextInput label="Người nhận" withAsterisk value={receiverName} onChange={(e) => setReceiverName(e.currentTarget.value)} />
            <TextInput label="Chức vụ" value={receiverTitle} onChange={(e) => setReceiverTitle(e.currentTarget.value)} />
          </Group>
          <Table withTableBorder aria-label="Thông tin, tài liệu">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>STT</Table.Th>
                <Table.Th>Tên thông tin, tài liệu</Table.Th>
                <Table.Th w={100}>Số trang</Table.Th>
                <Table.Th w={200}>Tình trạng</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`Tên tài liệu ${i + 1}`} value={r.name} onChange={(e) => patch(i, { name: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={`Số trang ${i + 1}`} min={1} max={9999} allowDecimal={false} value={r.pages} onChange={(v) => patch(i, { pages: v })} />
                  </Table.Td>
                  <Table.Td>
                    <Select aria-label={`Tình trạng ${i + 1}`} data={STATE_OPTIONS} value={r.state} allowDeselect={false} onChange={(v) => v && patch(i, { state: v as ReceiptItemState })} />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Bỏ tài liệu ${i + 1}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Button variant="default" size="xs" onClick={() => setRows((rs) => [...rs, { name: '', pages: '', state: 'copy' }])}>
              Thêm tài liệu
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={() => setOpen(false)}>Đóng</Button>
              <Button onClick={() => void save()}>Ghi</Button>
            </Group>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
