import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { RECEPTION_REGISTER_COLUMNS } from '../../../shared/domain/petition.ts';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import type { ReceptionRegisterRow } from '../../../shared/domain/petition.ts';
import { usePetitionScreens } from '../components/petitions/state.ts';
import { formatIsoDate, periodRange } from '../components/petitions/format.ts';
import '../components/petitions/register.css';
import { DocumentButton } from '../components/documents/index.ts';
import { DateInput } from '../components/DateInput.tsx';
import { isIsoDate } from '../../../shared/calendar/dates.ts';


/** Column widths (% of the table), tuned so the register fits a 1366 px screen without scrolling sideways. */
const WIDTHS = [3, 7, 13, 9, 14, 7, 4, 8, 4.5, 8, 8.5, 8.5, 5.5];

export function ReceptionRegisterPage() {
  const go = useUi((s) => s.go);
  const stored = usePetitionScreens((s) => s.registerPeriod);
  const highlight = usePetitionScreens((s) => s.registerVisitId);
  const setRegisterPeriod = usePetitionScreens((s) => s.setRegisterPeriod);
  const period = stored ?? periodRange('month');
  const [rows, setRows] = useState<ReceptionRegisterRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!period.from || !period.to) return;
    let live = true;
    api.register.reception({ from: period.from, to: period.to }).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setRows(null);
        setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [period.from, period.to]);

  const setPeriod = (patch: Partial<{ from: string; to: string }>) => setRegisterPeriod({ ...period, ...patch });

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={2}>Sổ tiếp công dân</Title>
          <Text size="sm" c="dimmed">Mẫu số 03/TCD (Nghị định 154/2026/NĐ-CP)</Text>
        </div>
        <Group gap="xs">
          <DocumentButton request={{ kind: 'register', from: period.from, to: period.to }} label="In sổ" variant="filled" size="sm" disabled={!period.from || !period.to} />
          <Button variant="default" onClick={() => go('reception')}>Về Tiếp công dân</Button>
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <DateInput label="Từ ngày" value={period.from} onChange={(v) => isIsoDate(v) && setPeriod({ from: v })} w={150} />
        <DateInput label="Đến ngày" value={period.to} onChange={(v) => isIsoDate(v) && setPeriod({ to: v })} w={150} />
        <Button.Group>
          <Button variant="default" onClick={() => setRegisterPeriod(periodRange('month'))}>Tháng này</Button>
          <Button variant="default" onClick={() => setRegisterPeriod(periodRange('year'))}>Năm nay</Button>
        </Button.Group>
        <Text size="sm" c="dimmed" mb={8} aria-live="polite">
          {rows === null ? '' : `${rows.length} lượt tiếp, ${rows.reduce((n, r) => n + r.persons, 0)} người · từ ${formatIsoDate(period.from)} đến ${formatIsoDate(period.to)}`}
        </Text>
      </Group>
      {error && <Alert color="red" title="Không lập được sổ">{error}</Alert>}

      <Table withTableBorder withColumnBorders className="reg-table" aria-label="Sổ tiếp công dân mẫu 03/TCD" layout="fixed">
        <colgroup>
          {WIDTHS.map((w, i) => <col key={i} style={{ width: `${w}%` }} />)}
        </colgroup>
        <Table.Thead>
          <Table.Tr>
            {RECEPTION_REGISTER_COLUMNS.slice(0, 8).map((c) => <Table.Th key={c} rowSpan={2}>{c}</Table.Th>)}
            <Table.Th colSpan={3}>Hướng xử lý</Table.Th>
            <Table.Th rowSpan={2}>{RECEPTION_REGISTER_COLUMNS[11]}</Table.Th>
            <Table.Th rowSpan={2}>{RECEPTION_REGISTER_COLUMNS[12]}</Table.Th>
          </Table.Tr>
          <Table.Tr>
            {RECEPTION_REGISTER_COLUMNS.slice(8, 11).map((c) => <Table.Th key={c}>{c}</Table.Th>)}
          </Table.Tr>
          <Table.Tr className="reg-numbers" aria-hidden="true">
            {RECEPTION_REGISTER_COLUMNS.map((_c, i) => <Table.Td key={i}>({i + 1})</Table.Td>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={RECEPTION_REGISTER_COLUMNS.length} className="reg-empty">Không có lượt tiếp nào trong khoảng thời gian này.</Table.Td>
            </Table.Tr>
          )}
          {rows?.map((r) => (
            <Table.Tr key={r.visitId} data-highlight={r.visitId === highlight || undefined}>
              <Table.Td ta="center">{r.no}</Table.Td>
              <Table.Td>{formatIsoDate(r.date)}</Table.Td>
              <Table.Td>{r.nameAndAddress}</Table.Td>
              <Table.Td className="reg-id">{r.idNumber ?? ''}</Table.Td>
              <Table.Td>{r.content}</Table.Td>
              <Table.Td>{r.classification}</Table.Td>
              <Table.Td ta="center">{r.persons}</Table.Td>
              <Table.Td>{r.handledBefore ?? ''}</Table.Td>
              <Table.Td ta="center">{r.accepted ? 'x' : ''}</Table.Td>
              <Table.Td>{r.guided ?? ''}</Table.Td>
              <Table.Td>{r.forwarded ?? ''}</Table.Td>
              <Table.Td>{r.followUp ?? ''}</Table.Td>
              <Table.Td>{r.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
