// Báo cáo: the six official report forms (01/TCD, 02/TCD, 01/XLD–04/XLD) for a reporting period,
// each laid out as on paper from its definition, its identities checked by the core (a report whose
// identities fail is refused, with the reason), every figure opening the records behind it, and
// the form as Excel, PDF or JSON.
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { downloadBase64 } from '../download.ts';
import { useUi } from '../state/ui.ts';
import { REPORT_FORMS, reportDefinition, type ReportFormCode } from '../../../shared/reports/forms.ts';
import { columnNotes, type OfficialReport } from '../../../shared/reports/report.ts';
import { describePeriod } from '../../../shared/stats/periods.ts';
import { PeriodPicker } from '../components/stats/PeriodPicker.tsx';
import { useStatsScreen } from '../components/stats/state.ts';
import { usePeriod } from '../components/stats/usePeriod.ts';
import { OfficialForm } from '../components/reports/OfficialForm.tsx';
import { ReportDrillDrawer } from '../components/reports/ReportDrillDrawer.tsx';
import { useReportsScreen } from '../components/reports/state.ts';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json',
} as const;
type Format = keyof typeof MIME;
const EXPORTS: { format: Format; label: string }[] = [
  { format: 'xlsx', label: 'Xuất Excel' },
  { format: 'pdf', label: 'Xuất PDF' },
  { format: 'json', label: 'Xuất JSON' },
];

export function ReportsPage() {
  const go = useUi((s) => s.go);
  const choice = useStatsScreen((s) => s.choice);
  const setChoice = useStatsScreen((s) => s.setChoice);
  const form = useReportsScreen((s) => s.form);
  const setForm = useReportsScreen((s) => s.setForm);
  const { period, error: periodError } = usePeriod(choice);
  const [report, setReport] = useState<OfficialReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const drill = useReportsScreen((s) => s.drill);
  const setDrill = useReportsScreen((s) => s.setDrill);
  const drillPage = useReportsScreen((s) => s.drillPage);
  const setDrillPage = useReportsScreen((s) => s.setDrillPage);
  const definition = reportDefinition(form)!;

  useEffect(() => {
    if (!period) return;
    let live = true;
    setError(null);
    api.reports
      .get({ form, from: period.from, to: period.to })
      .then((r) => live && setReport(r))
      .catch((e: unknown) => {
        if (!live) return;
        setReport(null);
        setError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [form, period]);

  const current = report && period && report.form === form && report.period.from === period.from && report.period.to === period.to;

  const exportAs = async (format: Format) => {
    if (!period) return;
    setBusy(format);
    setExportError(null);
    try {
      const file = await api.reports.export({ form, from: period.from, to: period.to, format });
      downloadBase64(file.base64, MIME[format], file.fileName);
    } catch (e) {
      setExportError(`Không xuất được tệp: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>Báo cáo theo biểu mẫu</Title>
        <Group gap="xs" wrap="nowrap">
          {EXPORTS.map((b) => (
            <Button key={b.format} variant="default" disabled={!current || (busy !== null && busy !== b.format)} loading={busy === b.format} onClick={() => void exportAs(b.format)}>
              {b.label}
            </Button>
          ))}
        </Group>
      </Group>

      <Card withBorder padding="sm">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="nowrap">
            <PeriodPicker choice={choice} period={period} onChange={(c) => { setChoice(c); setDrill(null); }} />
            {period && <Text fw={700} data-testid="report-period">Kỳ báo cáo: {describePeriod(period)}</Text>}
          </Group>
          <SegmentedControl
            aria-label="Biểu mẫu"
            value={form}
            onChange={(v) => setForm(v as ReportFormCode)}
            data={REPORT_FORMS.map((f) => ({ value: f.form, label: `Biểu ${f.form}` }))}
          />
          {periodError && <Alert color="orange">{periodError}</Alert>}
        </Stack>
      </Card>

      {exportError && <Alert color="red" withCloseButton onClose={() => setExportError(null)}>{exportError}</Alert>}
      {error && <Alert color="red" title={`Không lập được biểu số ${form}`} data-testid="report-error">{error}</Alert>}
      {!report && !error && <Text c="dimmed">Đang tính số liệu…</Text>}

      {report && (
        <Card withBorder padding="sm" style={{ opacity: current ? 1 : 0.5 }} aria-busy={!current}>
          <Stack gap="xs">
            <Text ta="right" fw={700} size="sm">Biểu số {definition.form}</Text>
            <Title order={4} ta="center">{definition.title}</Title>
            <Text ta="center" size="sm" fs="italic">({definition.subtitle})</Text>
            <OfficialForm definition={definition} report={report} onDrill={(ms, label) => setDrill({ form, ms, label })} />
            <Group gap="xs" wrap="wrap" aria-label="Các đẳng thức của biểu">
              <Text size="sm" fw={600}>Đẳng thức của biểu:</Text>
              {report.identities.map((i) => (
                <Badge key={i.rule} color={i.holds ? 'green' : 'red'} variant="light" tt="none">{i.rule} {i.holds ? '✓' : '✗'}</Badge>
              ))}
            </Group>
            {columnNotes(definition).length > 0 && (
              <Stack gap={2}>
                <Text size="sm" fw={600} fs="italic">Ghi chú cách tính:</Text>
                {columnNotes(definition).map((note) => (
                  <Text key={note} size="xs" c="dimmed">{note}</Text>
                ))}
              </Stack>
            )}
          </Stack>
        </Card>
      )}

      {period && (
        <ReportDrillDrawer
          target={drill}
          period={period}
          page={drillPage}
          onPage={setDrillPage}
          onClose={() => setDrill(null)}
          // The figure stays chosen: "Quay lại Báo cáo" on the petition opens its records again.
          onOpenPetition={(petitionId) => go('petition', { petitionId, back: { page: 'reports', label: 'Báo cáo' } })}
        />
      )}
    </Stack>
  );
}
