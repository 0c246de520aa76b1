// Thống kê: the Board's figures for a reporting period, laid out like the official forms 01/TCD
// (reception) and 02/XLD (receipt and handling of petitions), with charts and exports. Every
// petition figure opens the petitions behind it; the figures are computed by the core from the
// records (stats.get), never typed.
import { Alert, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { DEFAULT_REASON_LABELS, type IneligibleReason } from '../../../shared/domain/workflow.ts';
import type { Statistics } from '../../../shared/stats/definitions.ts';
import { describePeriod } from '../../../shared/stats/periods.ts';
import { PeriodPicker } from '../components/stats/PeriodPicker.tsx';
import { ReceptionReport } from '../components/stats/ReceptionReport.tsx';
import { PetitionReport } from '../components/stats/PetitionReport.tsx';
import { CommuneReport } from '../components/stats/CommuneReport.tsx';
import { DrillDrawer } from '../components/stats/DrillDrawer.tsx';
import { ExportButtons } from '../components/stats/ExportButtons.tsx';
import { useStatsScreen, type StatsTab } from '../components/stats/state.ts';
import { usePeriod } from '../components/stats/usePeriod.ts';

// The charts (recharts, through @mantine/charts) are read when the statistics are first shown:
// 443 KB of the renderer's 1,482 KB, which no other screen needs, kept out of the bundle the
// window reads before its first paint. Only the chart tab waits for them: the period, the tables and
// every input of the screen are in the main bundle, so no key typed on this screen is lost.
const StatsCharts = lazy(() => import('../components/stats/StatsCharts.tsx').then((m) => ({ default: m.StatsCharts })));

export function StatisticsPage() {
  const go = useUi((s) => s.go);
  const choice = useStatsScreen((s) => s.choice);
  const setChoice = useStatsScreen((s) => s.setChoice);
  const tab = useStatsScreen((s) => s.tab);
  const setTab = useStatsScreen((s) => s.setTab);
  const { period, error: periodError } = usePeriod(choice);
  const [stats, setStats] = useState<Statistics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [reasonLabels, setReasonLabels] = useState<Record<IneligibleReason, string>>(DEFAULT_REASON_LABELS);
  const drill = useStatsScreen((s) => s.drill);
  const setDrill = useStatsScreen((s) => s.setDrill);
  const drillPage = useStatsScreen((s) => s.drillPage);
  const setDrillPage = useStatsScreen((s) => s.setDrillPage);

  useEffect(() => {
    api.settings.get().then((s) => setReasonLabels({ ...DEFAULT_REASON_LABELS, ...s.reasonLabels }), () => undefined);
  }, []);

  useEffect(() => {
    if (!period) return;
    let live = true;
    setError(null);
    api.stats
      // The breakdown by commune is asked by its tab alone (stats.communes).
      .get({ ...period, communes: false })
      .then((s) => live && setStats(s))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [period]);

  // Figures of the period on screen only (the previous period's stay dimmed while the next loads).
  const current = stats && period && stats.period.from === period.from && stats.period.to === period.to;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>Thống kê</Title>
        <ExportButtons period={current ? period : null} onError={setExportError} />
      </Group>

      <Card withBorder padding="sm">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <PeriodPicker choice={choice} period={period} onChange={setChoice} />
          <Stack gap={2} align="flex-end">
            {period && (
              <Text fw={700} data-testid="stats-period">Kỳ báo cáo: {describePeriod(period)}</Text>
            )}
            {stats && current && stats.as_of < stats.period.to && (
              <Text size="xs" c="dimmed">Số liệu đến hết ngày {stats.as_of.split('-').reverse().join('/')} (kỳ chưa kết thúc)</Text>
            )}
          </Stack>
        </Group>
        {periodError && <Alert color="orange" mt="sm">{periodError}</Alert>}
      </Card>

      {error && <Alert color="red" title="Không tính được số liệu">{error}</Alert>}
      {exportError && <Alert color="red" withCloseButton onClose={() => setExportError(null)}>{exportError}</Alert>}
      {!stats && !error && <Text c="dimmed">Đang tính số liệu…</Text>}

      {stats && (
        <Tabs value={tab} onChange={(v) => v && setTab(v as StatsTab)} keepMounted={false} style={{ opacity: current ? 1 : 0.5, transition: 'opacity 120ms' }} aria-busy={!current}>
          <Tabs.List>
            <Tabs.Tab value="reception">Tiếp công dân (mẫu 01/TCD)</Tabs.Tab>
            <Tabs.Tab value="petitions">Tiếp nhận, xử lý đơn (mẫu 02/XLD)</Tabs.Tab>
            <Tabs.Tab value="communes">Theo địa bàn</Tabs.Tab>
            <Tabs.Tab value="charts">Biểu đồ</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="reception" pt="md">
            <ReceptionReport stats={stats} />
          </Tabs.Panel>
          <Tabs.Panel value="petitions" pt="md">
            <PetitionReport stats={stats} reasonLabels={reasonLabels} onDrill={setDrill} />
          </Tabs.Panel>
          <Tabs.Panel value="communes" pt="md">
            <CommuneReport stats={stats} onDrill={setDrill} />
          </Tabs.Panel>
          <Tabs.Panel value="charts" pt="md">
            <Suspense fallback={<Text size="sm" c="dimmed" role="status">Đang tải biểu đồ…</Text>}>
              <StatsCharts stats={stats} official={choice.kind.startsWith('official')} onDrill={setDrill} />
            </Suspense>
          </Tabs.Panel>
        </Tabs>
      )}

      {stats && (
        <DrillDrawer
          target={drill}
          period={stats.period}
          page={drillPage}
          onPage={setDrillPage}
          onClose={() => setDrill(null)}
          // The figure stays chosen: "Quay lại Thống kê" on the petition opens its list again.
          onOpen={(petitionId) => go('petition', { petitionId, back: { page: 'statistics', label: 'Thống kê' } })}
        />
      )}
    </Stack>
  );
}
