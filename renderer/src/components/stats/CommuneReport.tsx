// Petitions of the period by the commune (xã, phường, đặc khu) where the case arose, as recorded on
// each petition's matters; a unit that changed is counted under today's unit with today's name
// (stats.communes, asked when the tab opens: stats.get leaves it out). Every figure opens the
// petitions behind it.
import { Alert, Card, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { PETITION_FIGURE_LABELS, type CommuneBreakdown, type Statistics } from '../../../../shared/stats/definitions.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { Figure, Plain, type DrillTarget } from './Figure.tsx';
import './stats.css';

const L = PETITION_FIGURE_LABELS;

export function CommuneReport({ stats, onDrill }: { stats: Statistics; onDrill(t: DrillTarget): void }) {
  const { from, to } = stats.period;
  const [loaded, setLoaded] = useState<{ key: string; breakdown: CommuneBreakdown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${from}|${to}|${stats.as_of}`;
  useEffect(() => {
    let live = true;
    setError(null);
    api.stats
      .communes({ from, to })
      .then((breakdown) => live && setLoaded({ key, breakdown }))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [from, to, key]);
  const c = loaded?.key === key ? loaded.breakdown : null;
  if (error) return <Alert color="red" title="Không tải được số liệu theo địa bàn">{error}</Alert>;
  if (!c) return <Text c="dimmed" size="sm">Đang tải…</Text>;
  const matters = c.communes.reduce((n, x) => n + x.matters, 0);
  const unitName = (x: CommuneBreakdown['communes'][number]) => x.name ?? `Mã ${x.commune} (không có trong danh mục đơn vị hành chính)`;
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb={4}>{L.by_commune}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        Theo xã, phường nơi phát sinh ghi ở vụ việc của đơn. Đơn vị hành chính theo tên và mã ngày {formatIsoDate(c.units_on)}: đơn vị đã sáp nhập, đổi tên được tính vào đơn vị hiện nay.
        Một đơn có nội dung phát sinh ở hai xã được tính ở cả hai. Bấm vào một số liệu để xem danh sách đơn.
      </Text>
      <Table withTableBorder withColumnBorders className="st-table" fz="sm" verticalSpacing={5} aria-label="Đơn theo xã, phường nơi phát sinh">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>STT</Table.Th>
            <Table.Th className="st-left">Xã, phường, đặc khu</Table.Th>
            <Table.Th className="st-left">Tỉnh, thành phố</Table.Th>
            <Table.Th w={70}>Mã</Table.Th>
            <Table.Th w={90}>Số đơn</Table.Th>
            <Table.Th w={90}>Số vụ việc</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.communes.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}><Text c="dimmed" ta="center" size="sm" py="xs">Chưa có đơn nào trong kỳ ghi xã, phường nơi phát sinh vụ việc.</Text></Table.Td>
            </Table.Tr>
          )}
          {c.communes.map((x, i) => (
            <Table.Tr key={x.commune}>
              <Table.Td className="st-no">{i + 1}</Table.Td>
              <Table.Td className="st-label">{unitName(x)}</Table.Td>
              <Table.Td className="st-label">{x.province_name ?? '—'}</Table.Td>
              <Table.Td className="st-no">{x.commune}</Table.Td>
              <Table.Td className="st-num"><Figure label={`${unitName(x)} — Số đơn`} value={x.petitions} drill="commune" part={x.commune} onDrill={onDrill} /></Table.Td>
              <Table.Td className="st-num"><Plain value={x.matters} title="Số vụ việc của các đơn này" /></Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-level={1}>
            <Table.Td className="st-no" />
            <Table.Td className="st-label" colSpan={3}>{L.commune_unrecorded}</Table.Td>
            <Table.Td className="st-num"><Figure label={L.commune_unrecorded} value={c.unrecorded} drill="commune_unrecorded" onDrill={onDrill} /></Table.Td>
            <Table.Td className="st-num" />
          </Table.Tr>
          <Table.Tr data-total>
            <Table.Td className="st-no" />
            <Table.Td className="st-label" colSpan={3}>Số đơn tiếp nhận trong kỳ</Table.Td>
            <Table.Td className="st-num"><Plain value={stats.petitions.received} strong title="Đơn tiếp nhận trong kỳ" /></Table.Td>
            <Table.Td className="st-num"><Plain value={matters} title="Tổng số vụ việc có ghi xã, phường" /></Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}
