// Charts of the period: petitions per month by kind over the twelve months ending with the
// period, eligible / ineligible / unclassified, and the bodies with most overdue replies.
import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { YAxisTickContentProps } from 'recharts';
import { api, errorMessage } from '../../api.ts';
import { PETITION_KINDS, PETITION_KIND_LABELS, type PetitionKind } from '../../../../shared/domain/petition.ts';
import { PETITION_FIGURE_LABELS, type Statistics } from '../../../../shared/stats/definitions.ts';
import { resolvePeriod, type Period } from '../../../../shared/stats/periods.ts';
import { formatCount } from '../petitions/format.ts';
import { Figure, type DrillTarget } from './Figure.tsx';
import { officialMonthOf } from './state.ts';

const KIND_COLORS: Record<PetitionKind, string> = {
  complaint: 'red.6',
  denunciation: 'orange.5',
  recommendation: 'blue.6',
  multiple: 'gray.5',
};

export interface MonthRange {
  label: string;
  from: string;
  to: string;
}

/** The twelve months (calendar, or official 15th–14th) ending with the one the period ends in. */
export function monthsEnding(period: Period, official: boolean): MonthRange[] {
  const end = official ? officialMonthOf(period.to) : { year: Number(period.to.slice(0, 4)), month: Number(period.to.slice(5, 7)) };
  const months: MonthRange[] = [];
  for (let back = 11; back >= 0; back--) {
    const serial = end.year * 12 + (end.month - 1) - back;
    const year = Math.floor(serial / 12);
    const month = (serial % 12) + 1;
    const range = resolvePeriod({ kind: official ? 'official_month' : 'calendar_month', year, index: month });
    months.push({ label: `${String(month).padStart(2, '0')}/${year}`, from: range.from, to: range.to < period.to ? range.to : period.to });
  }
  return months;
}

type MonthRow = { month: string } & Record<PetitionKind, number>;

function MonthlyChart({ period, official }: { period: Period; official: boolean }) {
  const [rows, setRows] = useState<MonthRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = `${period.from}|${period.to}|${official}`;

  useEffect(() => {
    setRows(null);
    setError(null);
    let live = true;
    const [from, to, flag] = key.split('|') as [string, string, string];
    const months = monthsEnding({ from, to }, flag === 'true');
    // One call, one query for the twelve months (stats.monthly).
    api.stats
      .monthly({ months: months.map(({ from, to }) => ({ from, to })) })
      .then((counts) => live && setRows(months.map((m, i) => ({ month: m.label, ...counts[i]!.counts }))))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <Card withBorder padding="sm">
      <Title order={4}>Số đơn tiếp nhận theo tháng, phân theo loại đơn</Title>
      <Text size="xs" c="dimmed" mb="sm">
        12 {official ? 'tháng báo cáo (từ ngày 15 tháng trước đến ngày 14)' : 'tháng theo lịch'} kết thúc ở tháng cuối của kỳ; tính mọi đơn tiếp nhận, kể cả đơn chưa phân loại.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {!rows && !error && <Text c="dimmed" size="sm" h={280}>Đang tải…</Text>}
      {rows && (
        <BarChart
          h={280}
          data={rows}
          dataKey="month"
          type="stacked"
          series={PETITION_KINDS.map((k) => ({ name: k, label: PETITION_KIND_LABELS[k], color: KIND_COLORS[k] }))}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 36, itemSorter: null }}
          xAxisLabel={official ? 'Tháng báo cáo' : 'Tháng'}
          yAxisLabel="Số đơn"
          valueFormatter={formatCount}
          tickLine="y"
          aria-label="Biểu đồ số đơn theo tháng"
        />
      )}
    </Card>
  );
}

function ClassificationChart({ stats, onDrill }: { stats: Statistics; onDrill(t: DrillTarget): void }) {
  const p = stats.petitions;
  const parts = [
    { name: PETITION_FIGURE_LABELS.eligible, value: p.eligible.total, color: 'green.6', drill: 'eligible' as const },
    { name: PETITION_FIGURE_LABELS.ineligible, value: p.ineligible.total, color: 'red.6', drill: 'ineligible' as const },
    { name: PETITION_FIGURE_LABELS.unclassified, value: p.unclassified, color: 'gray.5', drill: 'unclassified' as const },
  ];
  const percent = (n: number) => (p.received > 0 ? `${((n * 100) / p.received).toFixed(1).replace('.', ',')}%` : '—');
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="sm">Phân loại đơn tiếp nhận trong kỳ</Title>
      <Group wrap="nowrap" align="center" gap="lg">
        {p.received > 0 ? (
          <DonutChart
            data={parts.map(({ name, value, color }) => ({ name, value, color }))}
            size={180}
            thickness={30}
            chartLabel={`${formatCount(p.received)} đơn`}
            valueFormatter={formatCount}
            tooltipDataSource="segment"
            aria-label="Biểu đồ phân loại đơn"
          />
        ) : (
          <Text c="dimmed" size="sm" w={180} ta="center">Không có đơn trong kỳ</Text>
        )}
        <Stack gap={6} style={{ flex: 1 }}>
          {parts.map((part) => (
            <Group key={part.name} gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap">
                <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 2, flex: 'none', background: `var(--mantine-color-${part.color.replace('.', '-')})` }} />
                <Text size="sm">{part.name}</Text>
              </Group>
              <Group gap={4} wrap="nowrap">
                <Figure label={`${part.name} (biểu đồ)`} value={part.value} drill={part.drill} onDrill={onDrill} />
                <Text size="xs" c="dimmed" w={44} ta="right">{percent(part.value)}</Text>
              </Group>
            </Group>
          ))}
        </Stack>
      </Group>
    </Card>
  );
}

function OverdueChart({ stats }: { stats: Statistics }) {
  const top = stats.petitions.forwarded_by_agency
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'vi'))
    .slice(0, 10)
    .map((a) => ({ name: a.name, overdue: a.overdue }));
  const short = (name: string) => (name.length > 32 ? `${name.slice(0, 31)}…` : name);
  // One line per body, cut with an ellipsis (the full name in the tooltip), never wrapped over the next.
  const tick = ({ x, y, payload }: YAxisTickContentProps) => (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="var(--mantine-color-dimmed)">
      <title>{String(payload.value)}</title>
      {short(String(payload.value))}
    </text>
  );
  return (
    <Card withBorder padding="sm">
      <Title order={4}>Cơ quan quá hạn trả lời nhiều nhất</Title>
      <Text size="xs" c="dimmed" mb="sm">10 cơ quan có nhiều đơn quá hạn chưa báo cáo kết quả nhất (đơn tiếp nhận trong kỳ, tính đến {stats.as_of.split('-').reverse().join('/')}).</Text>
      {top.length === 0 ? (
        <Text c="dimmed" size="sm">Không có cơ quan nào quá hạn trả lời.</Text>
      ) : (
        <BarChart
          h={Math.max(140, 44 + top.length * 30)}
          data={top}
          dataKey="name"
          orientation="vertical"
          series={[{ name: 'overdue', label: 'Quá hạn chưa trả lời', color: 'red.6' }]}
          yAxisProps={{ width: 230, tick, interval: 0 }}
          xAxisProps={{ allowDecimals: false }}
          xAxisLabel="Số đơn quá hạn chưa trả lời"
          gridAxis="y"
          valueFormatter={formatCount}
          aria-label="Biểu đồ cơ quan quá hạn trả lời"
        />
      )}
    </Card>
  );
}

export function StatsCharts({ stats, official, onDrill }: { stats: Statistics; official: boolean; onDrill(t: DrillTarget): void }) {
  return (
    <Stack gap="md">
      <MonthlyChart period={stats.period} official={official} />
      <SimpleGrid cols={2} spacing="md">
        <ClassificationChart stats={stats} onDrill={onDrill} />
        <OverdueChart stats={stats} />
      </SimpleGrid>
    </Stack>
  );
}
